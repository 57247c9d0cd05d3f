import { teamLeader } from '../../subgraphs/joint/src/paperwork/team-leader';

/** 组长 by the published rule (docs/paperwork.md), from the team as the draw stored it. */
describe('the team leader rule', () => {
  const team = [
    { division: 'CRJ', id: 'c1' },
    { division: 'WA', id: 'w1' },
    { division: 'ZA', id: 'z2' },
    { division: 'ZA', id: 'z1' },
  ];

  it("is the lead division's first drawn inspector, wherever that division sits in the team", () => {
    expect(teamLeader(team, 'ZA')).toEqual({ division: 'ZA', id: 'z2' });
    expect(teamLeader(team, 'WA')).toEqual({ division: 'WA', id: 'w1' });
  });

  it('is the first seat of the team when the lead division sends no one', () => {
    expect(teamLeader(team, 'JD')).toEqual({ division: 'CRJ', id: 'c1' });
  });

  it('is nobody for an empty team (never made by a draw, but never a crash either)', () => {
    expect(teamLeader([], 'ZA')).toBeNull();
  });
});

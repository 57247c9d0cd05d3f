import { startTestSystem, type TestSystem } from '../support/system';
import { tokens } from '../support/tokens';
import { inspector } from './fixtures';

/**
 * A division's audit trail as a supervisor reads it through the gateway: an
 * update lists its changed fields with old and new values, a refused write of
 * a signed-in caller (another division's administrator, an inspector) is
 * recorded as refused in the division it was aimed at, and the inspectors'
 * personal data in those entries is shown to supervisors only.
 */

let system: TestSystem;
let supervisor: string;
let zaAdmin: string;

const ENTRY = 'seq actor actorName role division action subject changes { field before after } refusal hash';
const TRAIL = `query($s: String, $refused: Boolean) { division(code: "ZA") { auditTrail(subject: $s, refused: $refused, first: 20) { edges { node { ${ENTRY} } } } auditChain { ok length firstBrokenAt } } }`;
const SAVE = `mutation($division: ID!, $input: InspectorInput!) { saveInspector(division: $division, input: $input) { id name } }`;
const ITEM = `mutation($division: ID!, $input: CheckItemInput!) { saveCheckItem(division: $division, input: $input) { code name } }`;

async function za(subject: string, refused?: boolean) {
  const result = await system.query(TRAIL, { s: subject, refused }, supervisor);
  expect(result.errors).toBeUndefined();
  return {
    entries: result.data.division.auditTrail.edges.map((edge: { node: Record<string, unknown> }) => edge.node),
    chain: result.data.division.auditChain as { ok: boolean; length: number; firstBrokenAt: number | null },
  };
}

beforeAll(async () => {
  system = await startTestSystem({ divisions: ['ZA', 'WA'], seed: 'demo' });
  supervisor = await tokens.supervisor();
  zaAdmin = await tokens.divisionAdmin('ZA');
}, 180_000);

afterAll(() => system.stop());

describe("a division's audit trail", () => {
  it("an inspector's update lists the changed fields with old and new values, under the administrator's name", async () => {
    const person = inspector(901, 'ZA');
    expect((await system.query(SAVE, { division: 'ZA', input: person }, zaAdmin)).errors).toBeUndefined();
    const created = (await za('inspector:ZA-0901')).entries[0];
    expect(created).toMatchObject({ action: 'createInspector', actorName: 'ZA 管理员', role: 'division_admin', division: 'ZA', changes: null, refusal: null });
    const moved = { ...person, unit: '出入境管理支队', certificateNo: '豫公执字4110ZA09019', active: false };
    expect((await system.query(SAVE, { division: 'ZA', input: moved }, zaAdmin)).errors).toBeUndefined();
    const { entries, chain } = await za('inspector:ZA-0901');
    expect(entries[0]).toMatchObject({ action: 'updateInspector', actorName: 'ZA 管理员' });
    expect(entries[0].changes).toEqual([
      { field: 'unit', before: '治安管理支队行业场所管理大队', after: '出入境管理支队' },
      { field: 'certificateNo', before: person.certificateNo, after: '豫公执字4110ZA09019' },
      { field: 'active', before: 'true', after: 'false' },
    ]);
    expect(chain).toMatchObject({ ok: true, firstBrokenAt: null });
  });

  it("another division's administrator and an inspector are refused, and ZA's trail records both attempts as refused", async () => {
    const before = (await za('inspector:ZA-0902')).chain.length;
    const intruders = [await tokens.divisionAdmin('WA'), await tokens.inspector('ZA', 'ZA-0001')];
    for (const token of intruders) {
      expect((await system.query(SAVE, { division: 'ZA', input: inspector(902, 'ZA') }, token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const { entries, chain } = await za('inspector:ZA-0902', true);
    expect(entries.map((entry: Record<string, unknown>) => [entry.action, entry.refusal, entry.role, entry.actorName, entry.division])).toEqual([
      ['saveInspector', 'FORBIDDEN', 'inspector', '检查员 ZA-0001', 'ZA'],
      ['saveInspector', 'FORBIDDEN', 'division_admin', 'WA 管理员', 'ZA'],
    ]);
    expect(chain).toEqual({ ok: true, length: before + 2, firstBrokenAt: null });
    // Nothing was stored for the refused attempts.
    expect((await za('inspector:ZA-0902', false)).entries).toEqual([]);
  });

  it('an anonymous write and a malformed one leave the trail as it was', async () => {
    const before = (await za('*')).chain;
    expect((await system.query(SAVE, { division: 'ZA', input: inspector(903, 'ZA') })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await system.query(SAVE, { division: 'ZA', input: inspector(903, 'ZA', { id: 'bad id' }) }, zaAdmin)).errors?.[0]?.extensions?.code).toBe(
      'BAD_USER_INPUT',
    );
    expect((await za('*')).chain).toEqual(before);
  });

  it("a check item's update shows the old and new name", async () => {
    const item = (await system.query(`{ division(code: "ZA") { checklist { code } } }`, {}, zaAdmin)).data.division.checklist[0].code as string;
    const full = await system.query(
      `{ division(code: "ZA") { checklist { code name basis subject targetCategory ratioBp timesPerYear method content requiredExpertise active } } }`,
      {},
      zaAdmin,
    );
    const current = full.data.division.checklist.find((entry: { code: string }) => entry.code === item);
    const renamed = { ...current, name: `${current.name}（修订）` };
    expect((await system.query(ITEM, { division: 'ZA', input: renamed }, zaAdmin)).errors).toBeUndefined();
    const [entry] = (await za(`item:${item}`)).entries;
    expect(entry).toMatchObject({ action: 'updateCheckItem', changes: [{ field: 'name', before: current.name, after: renamed.name }] });
  });

  it("the inspectors' personal data in the trail is for supervisors only: the public, coordinators and administrators are refused", async () => {
    for (const token of [undefined, await tokens.coordinator(), zaAdmin, await tokens.inspector('ZA', 'ZA-0901'), await tokens.analyst()]) {
      const result = await system.query(`{ division(code: "ZA") { auditTrail(first: 5) { edges { node { changes { after } } } } } }`, {}, token);
      expect(result.errors?.[0]?.extensions?.code).toBe(token ? 'FORBIDDEN' : 'UNAUTHENTICATED');
      expect(JSON.stringify(result.data ?? null)).not.toContain('豫公执字');
    }
  });
});

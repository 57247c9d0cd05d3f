import type { TeamMember } from '../assignments/assignment.entity';

/**
 * 组长 — the member of an inspection team who signs the record form and answers
 * for the visit. Never chosen by hand: the rule below reads only what the draw
 * stored, so anyone holding the draw record can name the same leader.
 *
 * The rule (docs/paperwork.md): the first inspector the draw seated for the
 * task's lead division (牵头部门); when the lead division has no seat on this
 * team — the entity is in other divisions' directories only — the first seat of
 * the team, i.e. the first drawn inspector of the first division in code order.
 * The draw seats a division's inspectors in the order it picked them (lowest
 * rank among the least loaded first), so "first seat" is the draw's own order.
 */
export function teamLeader(team: readonly TeamMember[], leadDivision: string): TeamMember | null {
  return team.find((member) => member.division === leadDivision) ?? team[0] ?? null;
}

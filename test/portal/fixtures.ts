import { withUsccCheckCharacter } from '../../common/uscc';
import { approveResults, committedTask, drawn, TODAY } from '../joint/helpers';
import type { TestSystem } from '../support/system';
import { tokens } from '../support/tokens';

/**
 * Published data for the portal and export tests, made the way the joint office
 * makes it: through the gateway, create → commit → draw → each team records its
 * results → publish once.
 */

export interface TeamMember {
  division: string;
  id: string;
  name: string;
  certificateNo: string;
}

export interface DrawnAssignment {
  id: string;
  uscc: string;
  team: TeamMember[];
  items: Array<{ division: string; code: string }>;
}

export interface PublishedTask {
  taskId: string;
  publication: { id: string; title: string; resultCount: number; withheldCount: number };
  assignments: DrawnAssignment[];
}

export const RECORD_RESULT = `mutation($a: ID!, $item: ItemRefInput!, $input: ResultInput!) { recordResult(assignment: $a, item: $item, input: $input) { outcome } }`;
export const PUBLISH = `mutation($id: ID!) { publishInspectionTask(id: $id) { id title resultCount withheldCount } }`;
export const AMEND = `mutation($a: ID!, $item: ItemRefInput!, $input: ResultInput!, $reason: String!) { amendResult(assignment: $a, item: $item, input: $input, reason: $reason) { id amends } }`;

/** The drawn assignments of a task with their teams, names included (coordinator view). */
export async function assignmentsOf(system: TestSystem, taskId: string): Promise<DrawnAssignment[]> {
  const result = await system.query(
    `query($id: ID!) { inspectionTask(id: $id) { assignments(first: 500) { edges { node { id uscc items { division code } inspectors { division id name certificateNo } } } } } }`,
    { id: taskId },
    await tokens.coordinator(),
  );
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data.inspectionTask.assignments.edges.map(({ node }: any) => ({ id: node.id, uscc: node.uscc, team: node.inspectors, items: node.items }));
}

/** What one assignment's item is recorded as; undefined means "no issues found". */
export type ResultFor = (
  assignment: DrawnAssignment,
  item: { division: string; code: string },
  index: number,
  all: DrawnAssignment[],
) => Record<string, unknown> | undefined;

export async function recordResult(
  system: TestSystem,
  assignment: DrawnAssignment,
  item: { division: string; code: string },
  input: Record<string, unknown> = {},
) {
  const member = assignment.team.find((entry) => entry.division === item.division)!;
  const result = await system.query(
    RECORD_RESULT,
    { a: assignment.id, item, input: { method: '实地检查', inspectedOn: TODAY, outcome: 'NO_ISSUES_FOUND', findings: '检查未发现问题', ...input } },
    await tokens.inspector(member.division, member.id),
  );
  if (result.errors) throw new Error(JSON.stringify(result.errors));
}

/** Draws a committed task and records every result, without publishing. */
export async function drawnWithResults(
  system: TestSystem,
  overrides: Record<string, unknown>,
  beacon: string,
  resultFor: ResultFor = () => undefined,
): Promise<{ taskId: string; assignments: DrawnAssignment[] }> {
  const taskId = await committedTask(system, overrides);
  await drawn(system, taskId, beacon);
  const assignments = await assignmentsOf(system, taskId);
  let index = 0;
  for (const assignment of assignments) {
    for (const item of assignment.items) await recordResult(system, assignment, item, resultFor(assignment, item, index++, assignments));
  }
  return { taskId, assignments };
}

/** The whole flow, ending with the task's single publication. */
export async function publishedTask(system: TestSystem, overrides: Record<string, unknown>, beacon: string, resultFor?: ResultFor): Promise<PublishedTask> {
  const { taskId, assignments } = await drawnWithResults(system, overrides, beacon, resultFor);
  await approveResults(system, taskId);
  const published = await system.query(PUBLISH, { id: taskId }, await tokens.coordinator());
  if (published.errors) throw new Error(JSON.stringify(published.errors));
  return { taskId, publication: published.data.publishInspectionTask, assignments };
}

/** Saves a hotel (旅馆) in a division's directory as that division's administrator; returns its USCC. */
export async function saveHotel(system: TestSystem, division: string, body17: string, name: string): Promise<string> {
  const uscc = withUsccCheckCharacter(body17);
  const result = await system.query(
    `mutation($d: ID!, $input: TargetInput!) { saveTarget(division: $d, input: $input) { uscc name } }`,
    { d: division, input: { uscc, name, kind: 'ENTERPRISE', scope: '住宿服务', address: '许昌市魏都区测试路1号', categories: ['旅馆'] } },
    await tokens.divisionAdmin(division),
  );
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return uscc;
}

/** Every inspector's name, id and certificate number on any of the tasks' teams: none may appear publicly. */
export function inspectorIdentities(tasks: ReadonlyArray<{ assignments: DrawnAssignment[] }>): string[] {
  const values = new Set<string>();
  for (const task of tasks)
    for (const assignment of task.assignments)
      for (const member of assignment.team) {
        values.add(member.name);
        values.add(member.certificateNo);
      }
  return [...values];
}

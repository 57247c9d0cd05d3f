import { addDays } from '../../common/dates';
import { BEACON, BEACON_DECLARATION, TODAY, YEAR } from '../joint/helpers';
import type { TestSystem } from '../support/system';
import { tokens } from '../support/tokens';

export interface DrawnAssignment {
  id: string;
  uscc: string;
  entityName: string;
  items: { division: string; code: string }[];
  inspectors: { division: string; id: string }[];
}

export interface DrawnTask {
  id: string;
  name: string;
  assignments: DrawnAssignment[];
  /** The drawn inspectors of each division, in the order of the assignments. */
  inspectorIds(division: string): string[];
}

const CREATE = `mutation($input: InspectionTaskInput!) { createInspectionTask(input: $input) { id } }`;
const COMMIT = `mutation($id: ID!) { commitInspectionTask(id: $id) { id } }`;
const DRAW = `mutation($id: ID!, $beacon: String!) { drawInspectionTask(id: $id, beacon: $beacon) { id status } }`;
const ASSIGNMENTS = `query($id: ID!) { inspectionTask(id: $id) { assignments(first: 500) { edges { node {
  id uscc entityName items { division code } inspectors { division id } } } } } }`;

async function must(system: TestSystem, query: string, variables: Record<string, unknown>, token: string) {
  const answer = await system.query(query, variables, token);
  if (answer.errors) throw new Error(JSON.stringify(answer.errors));
  return answer.data;
}

/**
 * A joint hotel inspection of the workbench's demo divisions (治安 ZA-001 and 网安 WA-003, both
 * on 旅馆), created, committed and drawn through the API as a coordinator.
 */
export async function drawnJointTask(system: TestSystem, overrides: Record<string, unknown> = {}): Promise<DrawnTask> {
  const token = await tokens.coordinator();
  const name = (overrides.name as string | undefined) ?? `${YEAR}年度旅馆业治安与网络安全联合抽查`;
  const input = {
    name,
    year: YEAR,
    kind: 'RANDOM',
    items: [
      { division: 'ZA', code: 'ZA-001' },
      { division: 'WA', code: 'WA-003' },
    ],
    ratioBp: 3000,
    highRiskRatioBp: 5000,
    inspectorsPerDivision: 1,
    periodStart: TODAY,
    periodEnd: addDays(TODAY, 30),
    beacon: BEACON_DECLARATION,
    ...overrides,
  };
  const id = (await must(system, CREATE, { input }, token)).createInspectionTask.id as string;
  await must(system, COMMIT, { id }, token);
  await must(system, DRAW, { id, beacon: BEACON }, token);
  const data = await must(system, ASSIGNMENTS, { id }, token);
  const assignments = (data.inspectionTask.assignments.edges as { node: DrawnAssignment }[]).map((edge) => edge.node);
  return {
    id,
    name,
    assignments,
    inspectorIds: (division) => [
      ...new Set(assignments.flatMap((assignment) => assignment.inspectors.filter((seat) => seat.division === division).map((seat) => seat.id))),
    ],
  };
}

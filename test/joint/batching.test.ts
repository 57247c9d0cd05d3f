import { countStatements } from '../support/services';
import { startTestSystem, type TestSystem } from '../support/system';
import { tokens } from '../support/tokens';
import { committedTask, drawn } from './helpers';

let system: TestSystem;
let task: string;

beforeAll(async () => {
  system = await startTestSystem({ divisions: ['ZA', 'WA', 'CRJ'], seed: 'demo' });
  task = await committedTask(system, { name: '旅馆业全面联合检查', ratioBp: 10000, highRiskRatioBp: 10000 });
  await drawn(system, task);
});

afterAll(() => system.stop());

const LIST = `query($id: ID!, $first: Int!) { inspectionTask(id: $id) { name assignments(first: $first) { totalCount edges { node {
  id uscc stratum complete task { id status } entity { uscc name }
  targets { division name address } items { division code name } inspectors { division id name certificateNo } results { outcome } } } } } }`;

/** SQL statements each subgraph runs while the gateway answers one operation. */
async function statementsFor(first: number): Promise<Record<string, number>> {
  const token = await tokens.coordinator();
  const services = { joint: system.joint, ...Object.fromEntries(system.divisions) } as Record<string, { orm: any }>;
  const counts: Record<string, number> = {};
  let result: any;
  const nested = Object.entries(services).reduce<() => Promise<unknown>>(
    (inner, [name, service]) =>
      async () => {
        counts[name] = (await countStatements(service, inner)).count;
      },
    async () => {
      result = await system.query(LIST, { id: task, first }, token);
    },
  );
  await nested();
  expect(result.errors).toBeUndefined();
  expect(result.data.inspectionTask.assignments.edges).toHaveLength(first);
  return counts;
}

describe("a coordinator's list of assignments across three divisions", () => {
  it('costs the same number of SQL statements per subgraph for 50 and for 200 assignments', async () => {
    const fifty = await statementsFor(50);
    const twoHundred = await statementsFor(200);
    expect(twoHundred).toEqual(fifty);
    for (const count of Object.values(fifty)) expect(count).toBeLessThanOrEqual(8);
  });
});

/**
 * `npm run bench -- --smoke` as part of `npm test`: the bench's own code on a
 * small system (three directories of 3,334 hotel entries, a pool of 10,002
 * entries), holding the code to two bounds that must never regress — a draw
 * of that pool within 5 s, and a coordinator's list costing as many SQL
 * statements for 200 assignments as for 50 (batching, no N+1).
 */
import { join } from 'node:path';
import { runBench, SIZES, smokeFailures, type BenchResult } from '../../bench/run';
import { tempDir } from '../support/temp';

jest.setTimeout(120_000);

let result: BenchResult;

beforeAll(async () => {
  result = await runBench({
    smoke: true,
    parts: ['draw', 'gateway', 'sql'],
    profile: [],
    record: false,
    connections: [],
    rounds: 0,
    seconds: 0,
    warmSeconds: 0,
    out: join(tempDir('ssj-bench-smoke-'), 'smoke.json'),
    log: () => undefined,
  });
});

it('draws a pool of 10,000 directory entries, imported through the gateway, within 5 s', () => {
  const draw = result.draw!;
  expect(draw.directories.entries).toBeGreaterThanOrEqual(10_000);
  expect(draw.poolSize).toBe(draw.directories.distinct);
  expect(draw.selected).toBeGreaterThan(0);
  expect(draw.medianDrawSeconds).toBeLessThanOrEqual(SIZES.smoke.drawBoundSeconds);
});

it('lists 200 assignments with targets, items and inspectors in as many statements as 50', () => {
  const sql = result.sql!;
  expect(sql.list50.total).toBeGreaterThan(0);
  expect(sql.list200.byService).toEqual(sql.list50.byService);
  expect(sql.batched).toBe(true);
});

it("answers the users' operations through the gateway as the subgraphs answer them directly", () => {
  expect(result.gateway!.operations.map((operation) => Object.keys(operation.responseBytes).sort())).toEqual(
    result.gateway!.operations.map(() => ['direct', 'ours']),
  );
  expect(smokeFailures(result)).toEqual([]);
});

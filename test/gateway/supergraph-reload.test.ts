/**
 * A supergraph that changes while the gateway runs: a new SUPERGRAPH_PATH
 * file is checked and swapped in through @apollo/gateway's own update path
 * while clients keep asking, and a file that does not load leaves the old
 * supergraph serving, saying why in the log, /ready and the metrics.
 */
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { createGateway, type Gateway } from '../../gateway/src/app';
import { gatewayConfigFromEnv } from '../../gateway/src/config';
import { readSupergraph } from '../../gateway/src/supergraph/supergraph-file';
import { sleep } from '../../scripts/process-support';
import { postGraphQL, TEST_CONTEXT_SECRET } from '../support/graphql';
import { tempDir } from '../support/temp';
import { TEST_AUTH_SECRET } from '../support/tokens';
import { composeRunning, SHOP, startSubgraphs, type RunningSubgraph } from './federation-fixtures/subgraphs';

jest.setTimeout(120_000);

let subgraphs: RunningSubgraph[];
let gateway: Gateway;
let supergraphPath: string;
const logLines: Array<Record<string, unknown>> = [];
/** Accounts, products and inventory: no reviews. */
let withoutReviews: string;
/** All four subgraphs. */
let withReviews: string;

/** Writes the file the way deployment tools do: a new file renamed over the old one. */
function install(sdl: string): void {
  const next = `${supergraphPath}.next`;
  writeFileSync(next, sdl);
  renameSync(next, supergraphPath);
}

async function readyReport(): Promise<{
  ready: boolean;
  subgraphs: Record<string, { ok: boolean }>;
  supergraph: { id: string; lastFailure?: { reason: string } };
}> {
  const response = await fetch(gateway.url.replace(/\/graphql$/, '/ready'));
  return (await response.json()) as never;
}

/** Polls /ready until `condition` holds (the file watcher works in the background). */
async function until(condition: (report: Awaited<ReturnType<typeof readyReport>>) => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const report = await readyReport();
    if (condition(report)) return;
    if (Date.now() > deadline) throw new Error(`${what} did not happen; /ready says ${JSON.stringify(report)}`);
    await sleep(50);
  }
}

async function metricsText(): Promise<string> {
  return (await fetch(gateway.url.replace(/\/graphql$/, '/metrics'))).text();
}

beforeAll(async () => {
  subgraphs = await startSubgraphs(SHOP);
  withReviews = composeRunning(subgraphs);
  withoutReviews = composeRunning(subgraphs.filter((subgraph) => subgraph.name !== 'reviews'));
  supergraphPath = join(tempDir(), 'supergraph.graphql');
  writeFileSync(supergraphPath, withoutReviews);
  const capture = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) logLines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const config = gatewayConfigFromEnv({ SUPERGRAPH_PATH: supergraphPath, AUTH_SECRET: TEST_AUTH_SECRET, CONTEXT_SECRET: TEST_CONTEXT_SECRET, PORT: '0' });
  gateway = await createGateway(
    { ...config, host: '127.0.0.1', publicRateLimit: { capacity: 1_000_000, refillPerSecond: 1_000_000 } },
    pino({ level: 'info' }, capture),
  );
});

afterAll(async () => {
  await gateway?.stop();
  await Promise.all((subgraphs ?? []).map((subgraph) => subgraph.stop()));
});

const REVIEWS_QUERY = '{ topProducts(first: 1) { name reviews { body } } }';

it('swaps a new supergraph in while clients keep asking, without a failed request', async () => {
  const failures: string[] = [];
  let answered = 0;
  let running = true;
  // Four clients asking an operation both supergraphs serve, across three swaps; bounded by the swaps.
  const clients = Array.from({ length: 4 }, async () => {
    while (running) {
      const answer = await postGraphQL(gateway.url, 'query Shipping { topProducts { name price shippingEstimate inStock } }');
      answered += 1;
      if (answer.status !== 200 || answer.errors || answer.data?.topProducts?.length !== 3) failures.push(JSON.stringify(answer.body));
    }
  });
  const ids = [readSupergraph(withReviews).id, readSupergraph(withoutReviews).id, readSupergraph(withReviews).id];
  for (const [index, sdl] of [withReviews, withoutReviews, withReviews].entries()) {
    const before = answered;
    install(sdl);
    await until((report) => report.supergraph.id === ids[index], `swap ${index + 1}`);
    // Let the clients run on the new supergraph before the next swap.
    while (answered < before + 20) await sleep(5);
  }
  running = false;
  await Promise.all(clients);
  expect(failures).toEqual([]);
  expect(answered).toBeGreaterThanOrEqual(60);
  expect((await postGraphQL(gateway.url, REVIEWS_QUERY)).data).toEqual({
    topProducts: [{ name: 'Table', reviews: [{ body: 'Love it!' }, { body: 'Prefer something else.' }] }],
  });
  expect(Object.keys((await readyReport()).subgraphs).sort()).toEqual(['accounts', 'inventory', 'products', 'reviews']);
  expect(logLines.some((line) => line.msg === 'supergraph replaced' && line.id === ids[2])).toBe(true);
  expect(await metricsText()).toMatch(/ssj_supergraph_reloads_total\{outcome="swapped",service="gateway"\} 3/);
});

it('keeps the supergraph in use when the new file does not load, and says why in the log, /ready and a metric', async () => {
  const inUse = (await readyReport()).supergraph.id;
  install('schema @link(url: "https://specs.apollo.dev/link/v1.0") { query: Query }\ntype Query {');
  await until((report) => report.supergraph.lastFailure !== undefined, 'the refusal');
  const report = await readyReport();
  expect(report.supergraph.id).toBe(inUse);
  expect(report.supergraph.lastFailure!.reason).toMatch(/Syntax Error/);
  expect(report.ready).toBe(true);
  expect((await postGraphQL(gateway.url, REVIEWS_QUERY)).errors).toBeUndefined();
  expect(await metricsText()).toMatch(/ssj_supergraph_reload_failed\{service="gateway"\} 1/);
  expect(logLines.some((line) => String(line.msg).includes('previous supergraph stays in use') && String(line.reason).includes('Syntax Error'))).toBe(true);

  // Putting the file right clears the failure.
  install(withoutReviews);
  await until((after) => after.supergraph.id === readSupergraph(withoutReviews).id && after.supergraph.lastFailure === undefined, 'the swap after the fix');
  expect(await metricsText()).toMatch(/ssj_supergraph_reload_failed\{service="gateway"\} 0/);
});

it('refuses a supergraph that adds a subgraph nobody answers at, before any request is sent there', async () => {
  const inUse = (await readyReport()).supergraph.id;
  const reviews = subgraphs.find((subgraph) => subgraph.name === 'reviews')!;
  install(withReviews.replace(reviews.url, 'http://127.0.0.1:9/graphql'));
  await until((report) => report.supergraph.lastFailure !== undefined, 'the refusal');
  const report = await readyReport();
  expect(report.supergraph.id).toBe(inUse);
  expect(report.supergraph.lastFailure!.reason).toContain('reviews at http://127.0.0.1:9/graphql');
  expect((await postGraphQL(gateway.url, REVIEWS_QUERY)).errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
});

it('reloads on request (what SIGHUP does) and leaves an unchanged file alone', async () => {
  install(withReviews);
  const first = await gateway.reload();
  const second = await gateway.reload();
  expect(['swapped', 'unchanged']).toContain(first.supergraph.outcome);
  expect(second.supergraph).toEqual({ outcome: 'unchanged', id: readSupergraph(withReviews).id });
  expect((await postGraphQL(gateway.url, REVIEWS_QUERY)).errors).toBeUndefined();
});

/**
 * The gateway is a standard Federation 2 gateway for any supergraph: started
 * on supergraphs that have no `division` subgraph (entities, @requires,
 * @provides, unions, an interface object), it needs no DIVISIONS, and every
 * subgraph receives exactly the fetches a plain ApolloGateway sends — division
 * routing, user limits and context signing change nothing about how they are
 * planned or fetched. The signature only adds its header.
 */
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../../common/config';
import { CONTEXT_HEADER, contextKey, verifyContext } from '../../common/context-token';
import { createLogger } from '../../common/logger';
import { createGateway, type Gateway } from '../../gateway/src/app';
import { defaultSupergraphPath, gatewayConfigFromEnv } from '../../gateway/src/config';
import { postGraphQL, TEST_CONTEXT_SECRET } from '../support/graphql';
import { tempDir } from '../support/temp';
import { TEST_AUTH_SECRET } from '../support/tokens';
import { composeRunning, MEDIA_LIBRARY, SHOP, startSubgraphs, type RunningSubgraph } from './federation-fixtures/subgraphs';

const silent = createLogger('gateway', process.env.TEST_LOG_LEVEL ?? 'silent');

interface Pair {
  subgraphs: RunningSubgraph[];
  ours: Gateway;
  plainUrl: string;
  stop(): Promise<void>;
}

/** Our gateway from the environment (no DIVISIONS) and a plain ApolloGateway, on the same composed supergraph. */
async function startPair(definitions: typeof SHOP): Promise<Pair> {
  const subgraphs = await startSubgraphs(definitions);
  const supergraphSdl = composeRunning(subgraphs);
  const supergraphPath = join(tempDir(), 'supergraph.graphql');
  writeFileSync(supergraphPath, supergraphSdl);
  const config = gatewayConfigFromEnv({ SUPERGRAPH_PATH: supergraphPath, AUTH_SECRET: TEST_AUTH_SECRET, CONTEXT_SECRET: TEST_CONTEXT_SECRET, PORT: '0' });
  const ours = await createGateway({ ...config, host: '127.0.0.1', publicRateLimit: { capacity: 100_000, refillPerSecond: 100_000 } }, silent);
  const plain = new ApolloServer({ gateway: new ApolloGateway({ supergraphSdl }), logger: silent });
  const { url: plainUrl } = await startStandaloneServer(plain, { listen: { port: 0, host: '127.0.0.1' } });
  return {
    subgraphs,
    ours,
    plainUrl,
    async stop() {
      await ours.stop();
      await plain.stop();
      await Promise.all(subgraphs.map((subgraph) => subgraph.stop()));
    },
  };
}

/** What each subgraph received while `work` ran, without headers, in a stable order. */
async function fetchesDuring(subgraphs: RunningSubgraph[], work: () => Promise<unknown>): Promise<Record<string, string[]>> {
  for (const subgraph of subgraphs) subgraph.received.length = 0;
  await work();
  return Object.fromEntries(
    subgraphs.map((subgraph) => [subgraph.name, subgraph.received.map(({ query, variables }) => JSON.stringify({ query, variables })).sort()]),
  );
}

async function compare(pair: Pair, query: string, variables: Record<string, unknown> = {}) {
  let ourAnswer: Awaited<ReturnType<typeof postGraphQL>> | undefined;
  let plainAnswer: Awaited<ReturnType<typeof postGraphQL>> | undefined;
  const ourFetches = await fetchesDuring(pair.subgraphs, async () => (ourAnswer = await postGraphQL(pair.ours.url, query, variables)));
  const signatures = pair.subgraphs.flatMap((subgraph) => subgraph.received.map((fetch) => fetch.headers[CONTEXT_HEADER]));
  const plainFetches = await fetchesDuring(pair.subgraphs, async () => (plainAnswer = await postGraphQL(pair.plainUrl, query, variables)));
  return { ours: ourAnswer!, plain: plainAnswer!, ourFetches, plainFetches, signatures };
}

describe('a supergraph without a division subgraph: entities, @requires, @provides, unions', () => {
  let pair: Pair;
  beforeAll(async () => {
    pair = await startPair(SHOP);
  });
  afterAll(async () => {
    await pair?.stop();
  });

  it('starts without DIVISIONS and reports every subgraph of the supergraph ready', async () => {
    const ready = await fetch(pair.ours.url.replace(/\/graphql$/, '/ready'));
    const report = (await ready.json()) as { ready: boolean; subgraphs: Record<string, { ok: boolean }> };
    expect(ready.status).toBe(200);
    expect(Object.keys(report.subgraphs).sort()).toEqual(['accounts', 'inventory', 'products', 'reviews']);
    expect(Object.values(report.subgraphs).every((subgraph) => subgraph.ok)).toBe(true);
  });

  // Every row has its variables: jest would take a missing last argument for a `done` callback.
  const operations: Array<[string, string, Record<string, unknown>, string]> = [
    [
      'entities across four subgraphs, with @requires (shipping needs price and weight)',
      '{ me { name username reviews { body product { name price inStock shippingEstimate } } } }',
      {},
      '"shippingEstimate":50',
    ],
    [
      '@provides: the review author’s username comes from reviews, the name from accounts',
      '{ topProducts(first: 3) { upc name reviews { body author { username name } } } }',
      {},
      '"username":"@complete","name":"Alan Turing"',
    ],
    [
      'a union over two entity types, with a variable',
      'query Search($text: String!) { search(text: $text) { __typename ... on Product { name shippingEstimate } ... on Book { title } } }',
      { text: 'e' },
      'Design Patterns',
    ],
    ['an argument default and a plain list', '{ topProducts { name } users { id name } }', {}, 'Chair'],
  ];

  it.each(operations)('%s: the same answer and the same subgraph fetches as a plain ApolloGateway', async (_title, query, variables, expected) => {
    const run = await compare(pair, query, variables);
    expect(run.ours.status).toBe(200);
    expect(run.ours.errors).toBeUndefined();
    expect(run.ours.data).toEqual(run.plain.data);
    expect(JSON.stringify(run.ours.data)).toContain(expected);
    expect(run.ourFetches).toEqual(run.plainFetches);
    expect(Object.values(run.ourFetches).flat().length).toBeGreaterThan(1);
  });

  it('signs every subgraph fetch with a context token the subgraphs can verify, and adds nothing else to the fetch', async () => {
    const run = await compare(pair, '{ me { name reviews { body product { name shippingEstimate } } } }');
    expect(run.signatures.length).toBeGreaterThan(2);
    for (const token of run.signatures) {
      expect(typeof token).toBe('string');
      await expect(verifyContext(token as string, contextKey(TEST_CONTEXT_SECRET))).resolves.toMatchObject({ roles: [] });
    }
    expect(run.ourFetches).toEqual(run.plainFetches);
  });

  it('keeps its own limits for clients: an alias bomb is refused before any subgraph is asked', async () => {
    const bomb = `{ ${Array.from({ length: 40 }, (_, index) => `a${index}: users { id }`).join(' ')} }`;
    const fetches = await fetchesDuring(pair.subgraphs, async () => {
      const answer = await postGraphQL(pair.ours.url, bomb);
      expect(answer.errors?.length).toBeGreaterThan(0);
    });
    expect(Object.values(fetches).flat()).toEqual([]);
  });
});

describe('a supergraph with an interface object', () => {
  let pair: Pair;
  beforeAll(async () => {
    pair = await startPair(MEDIA_LIBRARY);
  });
  afterAll(async () => {
    await pair?.stop();
  });

  it.each([
    [
      'the interface from its own subgraph, with a field of the interface object',
      '{ media { __typename id title rating ... on Movie { director } ... on Song { artist } } }',
    ],
    ['the interface object from its subgraph, with concrete types resolved elsewhere', '{ topRated { __typename id title rating ... on Movie { director } } }'],
  ])('%s: the same answer and fetches as a plain ApolloGateway', async (_title, query) => {
    const run = await compare(pair, query);
    expect(run.ours.errors).toBeUndefined();
    expect(run.ours.data).toEqual(run.plain.data);
    expect(JSON.stringify(run.ours.data)).toContain('Fritz Lang');
    expect(run.ourFetches).toEqual(run.plainFetches);
  });
});

describe('the supergraph with a division subgraph', () => {
  it('still needs DIVISIONS, and says so naming the variable', async () => {
    const config = gatewayConfigFromEnv({
      SUPERGRAPH_PATH: defaultSupergraphPath(),
      AUTH_SECRET: TEST_AUTH_SECRET,
      CONTEXT_SECRET: TEST_CONTEXT_SECRET,
      PORT: '0',
    });
    const started = createGateway({ ...config, host: '127.0.0.1' }, silent);
    await expect(started).rejects.toBeInstanceOf(ConfigError);
    await expect(started).rejects.toMatchObject({ variable: 'DIVISIONS' });
  });
});

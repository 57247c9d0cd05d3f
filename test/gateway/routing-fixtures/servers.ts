/**
 * Real HTTP servers for the division routing integration test: division
 * instances (one schema, one in-memory store per division), a `joint`
 * subgraph that references their entities, and a gateway in front of both.
 * Everything listens on port 0 (or a given port, to restart an instance where
 * it was) and is stopped by the test.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { GraphQLError, parse } from 'graphql';
import type { ApolloGateway } from '@apollo/gateway';

export const DIVISION_TYPE_DEFS = parse(/* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])

  type Query {
    division(code: ID!): Division
    divisions: [Division!]!
    target(division: ID!, uscc: String!): Target
  }

  type Mutation {
    saveTarget(division: ID!, input: TargetInput!): Target!
    declareConflict(division: ID!, inspector: ID!, uscc: String!, reason: String!): Inspector!
    "A mutation without a division argument: the router must refuse it."
    resetDemoData: Boolean
  }

  input TargetInput {
    uscc: String!
    name: String!
    category: String
  }

  type Division @key(fields: "code") {
    code: ID!
    name: String!
    targets(first: Int, after: String, category: String, search: String): TargetConnection!
  }

  type TargetConnection {
    totalCount: Int!
    nodes: [Target!]!
  }

  type Target @key(fields: "division uscc") {
    division: ID!
    uscc: String!
    name: String!
    category: String
  }

  type Inspector @key(fields: "division id") {
    division: ID!
    id: ID!
    name: String!
    conflicts: [String!]!
  }

  type CheckItem @key(fields: "division code") {
    division: ID!
    code: ID!
    name: String!
  }
`);

export const JOINT_TYPE_DEFS = parse(/* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])

  type Query {
    assignments: [Assignment!]!
    assignment(id: ID!): Assignment
    task(id: ID!): InspectionTask
  }

  type Assignment @key(fields: "id") {
    id: ID!
    title: String!
    "Nullable items: one division being down must not null the whole list."
    targets: [Target]!
    subjects: [Subject]!
  }

  union Subject = Target | Inspector

  type InspectionTask @key(fields: "id") {
    id: ID!
    divisions: [Division]!
  }

  type Target @key(fields: "division uscc", resolvable: false) {
    division: ID!
    uscc: String!
  }

  type Inspector @key(fields: "division id", resolvable: false) {
    division: ID!
    id: ID!
  }

  type Division @key(fields: "code", resolvable: false) {
    code: ID!
  }
`);

export interface TargetRecord {
  division: string;
  uscc: string;
  name: string;
  category?: string | null;
}

export interface InspectorRecord {
  division: string;
  id: string;
  name: string;
  conflicts: string[];
}

/** One division's database. */
export interface DivisionStore {
  readonly code: string;
  readonly name: string;
  readonly targets: Map<string, TargetRecord>;
  readonly inspectors: Map<string, InspectorRecord>;
}

/** What a server received over HTTP, for assertions on routing. */
export interface ReceivedRequest {
  readonly operationName?: string;
  readonly query: string;
  readonly variables?: Record<string, unknown>;
  readonly headers: http.IncomingHttpHeaders;
}

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

export function createDivisionStore(code: string, name: string, targetCount: number, inspectorCount: number): DivisionStore {
  const targets = new Map<string, TargetRecord>();
  for (let n = 1; n <= targetCount; n++) {
    const uscc = `${code}-T${n}`;
    targets.set(uscc, { division: code, uscc, name: `${name}检查对象${n}`, category: n % 2 ? '娱乐场所' : '旅馆' });
  }
  const inspectors = new Map<string, InspectorRecord>();
  for (let n = 1; n <= inspectorCount; n++) {
    const id = `${code}-I${n}`;
    inspectors.set(id, { division: code, id, name: `${name}检查人员${n}`, conflicts: [] });
  }
  return { code, name, targets, inspectors };
}

/** A request that reached the wrong instance must be loud, not silently empty. */
function assertOwnDivision(store: DivisionStore, division: unknown): void {
  if (division !== store.code) {
    throw new GraphQLError(`instance ${store.code} was asked for division ${String(division)}`, {
      extensions: { code: 'WRONG_INSTANCE' },
    });
  }
}

function divisionResolvers(store: DivisionStore, mutationJournal: string[]) {
  const division = { code: store.code, name: store.name };
  return {
    Query: {
      division: (_: unknown, args: { code: string }) => (assertOwnDivision(store, args.code), division),
      divisions: () => [division],
      target: (_: unknown, args: { division: string; uscc: string }) => {
        assertOwnDivision(store, args.division);
        return store.targets.get(args.uscc) ?? null;
      },
    },
    Mutation: {
      saveTarget: (_: unknown, args: { division: string; input: { uscc: string; name: string; category?: string } }) => {
        assertOwnDivision(store, args.division);
        const record: TargetRecord = { division: store.code, ...args.input };
        store.targets.set(record.uscc, record);
        mutationJournal.push(`${store.code}:${record.uscc}`);
        return record;
      },
      declareConflict: (_: unknown, args: { division: string; inspector: string; uscc: string; reason: string }) => {
        assertOwnDivision(store, args.division);
        const inspector = store.inspectors.get(args.inspector);
        if (!inspector) throw new GraphQLError(`no inspector ${args.inspector}`, { extensions: { code: 'NOT_FOUND' } });
        inspector.conflicts.push(`${args.uscc}:${args.reason}`);
        mutationJournal.push(`${store.code}:conflict:${args.inspector}`);
        return inspector;
      },
      resetDemoData: () => {
        mutationJournal.push(`${store.code}:reset`);
        return true;
      },
    },
    Division: {
      __resolveReference: (reference: { code: string }) => (assertOwnDivision(store, reference.code), division),
      targets: (_: unknown, args: { first?: number; category?: string }) => {
        const all = [...store.targets.values()].filter((target) => !args.category || target.category === args.category);
        return { totalCount: all.length, nodes: all.slice(0, args.first ?? all.length) };
      },
    },
    Target: {
      __resolveReference: (reference: { division: string; uscc: string }) => {
        assertOwnDivision(store, reference.division);
        return store.targets.get(reference.uscc) ?? null;
      },
    },
    Inspector: {
      __resolveReference: (reference: { division: string; id: string }) => {
        assertOwnDivision(store, reference.division);
        return store.inspectors.get(reference.id) ?? null;
      },
    },
    CheckItem: {
      __resolveReference: (reference: { division: string; code: string }) => {
        assertOwnDivision(store, reference.division);
        return { division: store.code, code: reference.code, name: `检查事项 ${reference.code}` };
      },
    },
  };
}

export interface JointAssignment {
  id: string;
  title: string;
  targets: Array<{ division: string; uscc: string }>;
  subjects: Array<{ __typename: 'Target'; division: string; uscc: string } | { __typename: 'Inspector'; division: string; id: string }>;
}

function jointResolvers(assignments: readonly JointAssignment[], tasks: ReadonlyMap<string, string[]>) {
  return {
    Query: {
      assignments: () => assignments,
      assignment: (_: unknown, args: { id: string }) => assignments.find((assignment) => assignment.id === args.id) ?? null,
      task: (_: unknown, args: { id: string }) => {
        const divisions = tasks.get(args.id);
        return divisions ? { id: args.id, divisions: divisions.map((code) => ({ code })) } : null;
      },
    },
    Subject: {
      __resolveType: (subject: { __typename: string }) => subject.__typename,
    },
  };
}

/** Serves a subgraph schema over HTTP, recording every request body and its headers. */
async function serveSubgraph(schema: ReturnType<typeof buildSubgraphSchema>, received: ReceivedRequest[], port = 0): Promise<RunningServer> {
  const app = express();
  const httpServer = http.createServer(app);
  const apollo = new ApolloServer({
    schema,
    includeStacktraceInErrorResponses: false,
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), ApolloServerPluginInlineTraceDisabled()],
  });
  await apollo.start();
  app.use(
    '/graphql',
    express.json(),
    (req, _res, next) => {
      const body = req.body as { operationName?: string; query?: string; variables?: Record<string, unknown> };
      received.push({ operationName: body.operationName, query: body.query ?? '', variables: body.variables, headers: req.headers });
      next();
    },
    expressMiddleware(apollo),
  );
  const bound = await listen(httpServer, port);
  return {
    url: `http://127.0.0.1:${bound}/graphql`,
    port: bound,
    stop: () => apollo.stop(),
  };
}

export function listen(server: http.Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** A division instance that can be stopped and started again on the same port, keeping its store. */
export class DivisionInstanceServer {
  readonly received: ReceivedRequest[] = [];
  private running: RunningServer | undefined;
  private boundPort = 0;

  constructor(
    readonly store: DivisionStore,
    private readonly mutationJournal: string[],
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.boundPort}/graphql`;
  }

  async start(): Promise<void> {
    const schema = buildSubgraphSchema({
      typeDefs: DIVISION_TYPE_DEFS,
      resolvers: divisionResolvers(this.store, this.mutationJournal) as never,
    });
    this.running = await serveSubgraph(schema, this.received, this.boundPort);
    this.boundPort = this.running.port;
  }

  async stop(): Promise<void> {
    const running = this.running;
    this.running = undefined;
    await running?.stop();
  }
}

export async function startJoint(
  assignments: readonly JointAssignment[],
  tasks: ReadonlyMap<string, string[]>,
  received: ReceivedRequest[],
): Promise<RunningServer> {
  const schema = buildSubgraphSchema({ typeDefs: JOINT_TYPE_DEFS, resolvers: jointResolvers(assignments, tasks) as never });
  return serveSubgraph(schema, received);
}

/** The gateway under Apollo Server and express, the way production serves it. */
export async function startGateway(gateway: ApolloGateway): Promise<RunningServer> {
  const app = express();
  const httpServer = http.createServer(app);
  const apollo = new ApolloServer({
    gateway,
    includeStacktraceInErrorResponses: false,
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer })],
  });
  await apollo.start();
  app.use('/graphql', express.json(), expressMiddleware(apollo));
  const port = await listen(httpServer, 0);
  return { url: `http://127.0.0.1:${port}/graphql`, port, stop: () => apollo.stop() };
}

export interface GraphQLHttpResult {
  status: number;
  body: {
    data?: Record<string, any> | null;
    errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }>;
  };
}

export async function postGraphQL(url: string, query: string, variables?: Record<string, unknown>): Promise<GraphQLHttpResult> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as GraphQLHttpResult['body'] };
}

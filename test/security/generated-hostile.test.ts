/**
 * Hostile input generated from the schema, so it grows with it: for every
 * argument of every field and mutation of the composed supergraph (and every
 * field of its input types), the hostile values of its type — a NUL, 100,000
 * characters, LIKE wildcards, a bidi override, a zero-width space, a control
 * character, negative and huge numbers, malformed cursors and dates, unknown
 * enum values — sent through a real gateway as the public and as each role.
 * Every answer is below 500 and carries only stable codes, never
 * INTERNAL_SERVER_ERROR; hostile text is refused with BAD_USER_INPUT naming the
 * argument wherever it is read; and no audit chain changes.
 *
 * Then amplification derived from the same supergraph: thirty aliases of every
 * field the subgraphs declare expensive (`@cost`) or paged (`@listSize`),
 * fragment chains and batched requests are refused before any subgraph runs,
 * and what is answered stays small.
 */
import { readFileSync } from 'node:fs';
import {
  buildASTSchema,
  getNamedType,
  getNullableType,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  parse,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import { encodeCursor } from '../../common/pagination';
import { defaultSupergraphPath } from '../../gateway/src/config';
import { fieldCostsOf } from '../../gateway/src/cost';
import { LIMITS } from '../../gateway/src/limits';
import { TODAY, YEAR } from '../joint/helpers';
import { publishedTask } from '../portal/fixtures';
import { countStatements } from '../support/services';
import { startTestSystem, type TestSystem } from '../support/system';
import { tokens } from '../support/tokens';

jest.setTimeout(900_000);

const SUPERGRAPH_SDL = readFileSync(defaultSupergraphPath(), 'utf8');

// ── the public schema of the supergraph ─────────────────────────────────────

/** The supergraph as graphql-js reads it, without what the gateway keeps from clients. */
const schema: GraphQLSchema = buildASTSchema(parse(SUPERGRAPH_SDL), { assumeValidSDL: true });

const inaccessible = (node: { astNode?: { directives?: readonly { name: { value: string } }[] } | null }) =>
  node.astNode?.directives?.some((directive) => directive.name.value === 'inaccessible') ?? false;
const internalType = (type: GraphQLNamedType) => type.name.startsWith('__') || type.name.startsWith('join__') || type.name.startsWith('link__');

function fieldsOf(type: GraphQLObjectType): GraphQLField<unknown, unknown>[] {
  return Object.values(type.getFields()).filter((field) => !inaccessible(field) && !field.name.startsWith('_'));
}

/** Object types the public schema reaches from Query and Mutation. */
function reachableObjectTypes(): GraphQLObjectType[] {
  const seen = new Map<string, GraphQLObjectType>();
  const queue = [schema.getQueryType()!, schema.getMutationType()!];
  while (queue.length) {
    const type = queue.shift()!;
    if (seen.has(type.name)) continue;
    seen.set(type.name, type);
    for (const field of fieldsOf(type)) {
      const named = getNamedType(field.type);
      if (isObjectType(named) && !internalType(named)) queue.push(named);
    }
  }
  return [...seen.values()];
}

// ── how to reach a field: a path from Query, with values that find data ─────

interface Hop {
  parent: GraphQLObjectType;
  field: GraphQLField<unknown, unknown>;
}

/** The shortest path of fields from Query to `type`, preferring root fields that the fixtures can feed real keys. */
const PREFERRED_ROOTS = ['inspectionTask', 'division', 'marketEntity', 'publication'];
function pathTo(type: GraphQLObjectType): Hop[] | null {
  const query = schema.getQueryType()!;
  if (type === query || type === schema.getMutationType()) return [];
  const paths = new Map<string, Hop[]>([[query.name, []]]);
  const queue: GraphQLObjectType[] = [query];
  while (queue.length) {
    const current = queue.shift()!;
    const fields = fieldsOf(current).sort((a, b) => {
      const rank = (field: GraphQLField<unknown, unknown>) => (current === query ? PREFERRED_ROOTS.indexOf(field.name) + 1 || 99 : 0);
      return rank(a) - rank(b);
    });
    for (const field of fields) {
      const named = getNamedType(field.type);
      if (!isObjectType(named) || paths.has(named.name)) continue;
      paths.set(named.name, [...paths.get(current.name)!, { parent: current, field }]);
      if (named === type) return paths.get(named.name)!;
      queue.push(named);
    }
  }
  return null;
}

interface Fixtures {
  task: string;
  publication: string;
  uscc: string;
}
let fixtures: Fixtures;

/** A value of `type` that a mutation cannot succeed with (unknown keys, empty text, zero), or that finds data in a query. */
function filler(type: GraphQLInputType, name: string, forMutation: boolean, depth = 0): unknown {
  if (isNonNullType(type)) return filler(type.ofType, name, forMutation, depth);
  if (isListType(type)) return [filler(type.ofType, name, forMutation, depth)];
  if (isInputObjectType(type)) {
    const value: Record<string, unknown> = {};
    for (const field of Object.values(type.getFields())) {
      if (isNonNullType(field.type)) value[field.name] = filler(field.type, field.name, forMutation, depth + 1);
    }
    return value;
  }
  if (isEnumType(type)) return type.getValues()[0]!.value;
  switch (getNamedType(type).name) {
    case 'Int':
      return forMutation ? 0 : name === 'year' ? YEAR : 1;
    case 'Boolean':
      return false;
    case 'Date':
      return TODAY;
    case 'ID':
      if (name === 'division' || name === 'code' || name === 'leadDivision') return 'ZA';
      if (forMutation) return 'GEN-UNKNOWN-0000';
      return name === 'id' ? fixtures.task : 'GEN-0000';
    default:
      if (forMutation) return '';
      return name === 'uscc' ? fixtures.uscc : 'x';
  }
}

/** Values that find data on the way to the target: the fixtures' keys for the preferred root fields. */
function reachValue(hop: Hop, argument: GraphQLArgument): unknown {
  const root = hop.parent === schema.getQueryType();
  if (root && hop.field.name === 'publication' && argument.name === 'id') return fixtures.publication;
  if (root && hop.field.name === 'marketEntity' && argument.name === 'uscc') return fixtures.uscc;
  return filler(argument.type, argument.name, false);
}

// ── hostile values by type ───────────────────────────────────────────────────

interface Hostile {
  label: string;
  value: unknown;
  /** Text no argument may hold: it must be refused wherever it is read. */
  text: boolean;
}

const TEXT: Hostile[] = [
  { label: 'a NUL', value: 'ZA\u0000x', text: true },
  { label: '100,000 characters', value: 'x'.repeat(100_000), text: true },
  { label: 'a right-to-left override', value: '\u202eAZ', text: true },
  { label: 'a zero-width space', value: 'Z\u200bA', text: true },
  { label: 'a bell character', value: 'ZA\u0007', text: true },
  { label: 'LIKE wildcards', value: '%_%\\', text: false },
  { label: 'an SQL fragment', value: "' OR 1=1 --", text: false },
  { label: 'the empty string', value: '', text: false },
];
const CURSORS: Hostile[] = [
  { label: 'a cursor that is not base64url', value: '!!!', text: false },
  { label: 'a cursor with a NUL key', value: encodeCursor('1\u0000'), text: false },
  { label: 'a cursor of another shape', value: Buffer.from('x:1').toString('base64url'), text: false },
];
const NUMBERS: Hostile[] = [
  { label: '-1', value: -1, text: false },
  { label: '-2^31', value: -(2 ** 31), text: false },
  { label: '2^31 - 1', value: 2 ** 31 - 1, text: false },
  { label: '2^31', value: 2 ** 31, text: false },
  { label: '1e308', value: 1e308, text: false },
];
const DATES: Hostile[] = [
  { label: 'an impossible date', value: '2026-02-30', text: false },
  { label: 'a date in another format', value: '28/11/2026', text: false },
  { label: 'a date with a NUL', value: '2026-01-0\u0000', text: false },
  { label: 'a five-digit year', value: '99999-01-01', text: false },
];

function hostileValues(type: GraphQLNamedType, name: string): Hostile[] {
  if (isEnumType(type)) return [{ label: 'an unknown enum value', value: 'NO_SUCH_VALUE', text: false }];
  switch (type.name) {
    case 'String':
    case 'ID':
      return name === 'after' ? [...TEXT, ...CURSORS] : TEXT;
    case 'Int':
      return NUMBERS;
    case 'Date':
      return DATES;
    case 'Boolean':
      return [{ label: 'a string for a Boolean', value: 'true', text: false }];
    default:
      return [];
  }
}

// ── the cases ────────────────────────────────────────────────────────────────

interface Case {
  id: string;
  /** `Type.field(argument:)` or `Input.field` — what the case covers. */
  coordinate: string;
  /** The argument path as the text rule names it: `input.items[0].code`. */
  argumentPath: string;
  hostile: Hostile;
  query: string;
  variables: Record<string, unknown>;
  /** The response path of the field that takes the argument. */
  responsePath: string[];
  mutation: boolean;
}

function typeText(type: GraphQLInputType): string {
  return type.toString();
}

interface Leaf {
  /** The argument path, as the text rule names it. */
  path: string;
  coordinate: string;
  /** The name of the argument or input field the value goes into. */
  name: string;
  named: GraphQLNamedType;
  /** The argument's value with `value` at this leaf and fillers around it. */
  wrap: (value: unknown) => unknown;
}

/** The leaves of an argument's input type, each with the argument value that puts a hostile value there. */
function leaves(type: GraphQLInputType, path: string, coordinate: string, name: string, mutation: boolean, depth = 0): Leaf[] {
  const nullable = getNullableType(type) as GraphQLInputType;
  if (isListType(nullable)) {
    return leaves(nullable.ofType, `${path}[0]`, coordinate, name, mutation, depth).map((leaf) => ({ ...leaf, wrap: (value) => [leaf.wrap(value)] }));
  }
  if (isInputObjectType(nullable)) {
    if (depth > 3) return [];
    return Object.values(nullable.getFields()).flatMap((field) =>
      leaves(field.type, `${path}.${field.name}`, `${nullable.name}.${field.name}`, field.name, mutation, depth + 1).map((leaf) => ({
        ...leaf,
        wrap: (value: unknown) => ({ ...(filler(nullable, name, mutation) as Record<string, unknown>), [field.name]: leaf.wrap(value) }),
      })),
    );
  }
  return [{ path, coordinate, name, named: getNamedType(type), wrap: (value) => value }];
}

/** The arguments a hop passes: the required ones, and the target. */
function passed(hop: Hop, target?: GraphQLArgument): GraphQLArgument[] {
  return hop.field.args.filter((argument) => !inaccessible(argument) && (argument === target || isNonNullType(argument.type)));
}

/** Every argument coordinate of the public schema: `Type.field(argument:)`. */
function argumentCoordinates(): Set<string> {
  const coordinates = new Set<string>();
  for (const type of reachableObjectTypes())
    for (const field of fieldsOf(type))
      for (const argument of field.args.filter((candidate) => !inaccessible(candidate))) coordinates.add(`${type.name}.${field.name}(${argument.name}:)`);
  return coordinates;
}

function buildCases(): { cases: Case[]; arguments: Set<string>; inputFields: Set<string> } {
  const cases: Case[] = [];
  const covered = new Set<string>();
  const inputFields = new Set<string>();
  for (const type of reachableObjectTypes()) {
    for (const field of fieldsOf(type)) {
      const args = field.args.filter((argument) => !inaccessible(argument));
      if (args.length === 0) continue;
      const mutation = type === schema.getMutationType();
      const path = pathTo(type);
      if (!path) throw new Error(`no path from Query to ${type.name}`);
      for (const argument of args) {
        const argumentCoordinate = `${type.name}.${field.name}(${argument.name}:)`;
        for (const leaf of leaves(argument.type, argument.name, argumentCoordinate, argument.name, mutation)) {
          if (leaf.coordinate !== argumentCoordinate) inputFields.add(leaf.coordinate);
          for (const hostile of hostileValues(leaf.named, leaf.name)) {
            covered.add(argumentCoordinate);
            const variables: Record<string, unknown> = {};
            const declarations: string[] = [];
            const list = (hop: Hop, target?: GraphQLArgument) => {
              const given = passed(hop, target);
              if (!given.length) return '';
              return `(${given
                .map((candidate) => {
                  const name = `v${declarations.length}`;
                  declarations.push(`$${name}: ${typeText(candidate.type)}`);
                  variables[name] =
                    candidate === target ? leaf.wrap(hostile.value) : target ? filler(candidate.type, candidate.name, mutation) : reachValue(hop, candidate);
                  return `${candidate.name}: $${name}`;
                })
                .join(', ')})`;
            };
            const named = getNamedType(field.type);
            let selection = `${field.name}${list({ parent: type, field }, argument)}${isCompositeType(named) ? ' { __typename }' : ''}`;
            for (const hop of [...path].reverse()) selection = `${hop.field.name}${list(hop)} { ${selection} }`;
            cases.push({
              id: `${type.name}.${field.name}(${leaf.path}) ← ${hostile.label}`,
              coordinate: leaf.coordinate,
              argumentPath: leaf.path,
              hostile,
              query: `${mutation ? 'mutation' : 'query'}${declarations.length ? `(${declarations.join(', ')})` : ''} { ${selection} }`,
              variables,
              responsePath: [...path.map((hop) => hop.field.name), field.name],
              mutation,
            });
          }
        }
      }
    }
  }
  return { cases, arguments: covered, inputFields };
}

// ── running them ─────────────────────────────────────────────────────────────

let system: TestSystem;
const ROLES = ['anonymous', 'coordinator', 'division_admin', 'inspector', 'supervisor', 'analyst'] as const;
type RoleName = (typeof ROLES)[number];
let roleTokens: Record<RoleName, string | undefined>;
let supervisor: string;

/**
 * The changes each audit log holds, its chain verified. Refused attempts are not
 * counted: among the cases are signed-in viewers writing what their role does not
 * allow, and such an attempt is recorded as a refusal (`common/audit/refusal-audit.ts`).
 * So hostile input may add refusal entries, never a change, and the chains still verify.
 */
async function auditLengths(): Promise<Record<string, number>> {
  const result = await system.query(
    `{ auditChain { ok } auditTrail(refused: false, first: 0) { totalCount } za: division(code: "ZA") { auditChain { ok } auditTrail(refused: false, first: 0) { totalCount } } }`,
    {},
    supervisor,
  );
  expect(result.errors).toBeUndefined();
  expect([result.data.auditChain.ok, result.data.za.auditChain.ok]).toEqual([true, true]);
  return { joint: result.data.auditTrail.totalCount, ZA: result.data.za.auditTrail.totalCount };
}

beforeAll(async () => {
  system = await startTestSystem({ divisions: ['ZA'], seed: 'demo' });
  const published = await publishedTask(
    system,
    { name: '生成用例的公示任务', items: [{ division: 'ZA', code: 'ZA-001' }], ratioBp: 1, highRiskRatioBp: 1 },
    'generated 1 2 3',
  );
  fixtures = { task: published.taskId, publication: published.publication.id, uscc: published.assignments[0]!.uscc };
  supervisor = await tokens.supervisor();
  roleTokens = {
    anonymous: undefined,
    coordinator: await tokens.coordinator(),
    division_admin: await tokens.divisionAdmin('ZA'),
    inspector: await tokens.inspector('ZA', published.assignments[0]!.team.find((member) => member.division === 'ZA')!.id),
    supervisor,
    analyst: await tokens.analyst(),
  };
});

afterAll(() => system?.stop());

const STABLE_CODE = /^[A-Z][A-Z_]+$/;

function valueAt(data: unknown, path: readonly string[]): unknown[] {
  let values: unknown[] = [data];
  for (const key of path) {
    values = values.flatMap((value) => {
      if (value === null || value === undefined) return [];
      const next = (value as Record<string, unknown>)[key];
      return Array.isArray(next) ? next : [next];
    });
  }
  return values.filter((value) => value !== null && value !== undefined);
}

/** What one answer owes, whatever the request. */
function problemsOf(hostileCase: Case, status: number, body: any): string[] {
  const problems: string[] = [];
  if (status >= 500) problems.push(`HTTP ${status}`);
  if (!body || typeof body !== 'object') return [...problems, 'no JSON body'];
  const errors: any[] = body.errors ?? [];
  for (const error of errors) {
    const code = error?.extensions?.code;
    if (typeof code !== 'string' || !STABLE_CODE.test(code)) problems.push(`an error without a stable code: ${JSON.stringify(error).slice(0, 200)}`);
    if (code === 'INTERNAL_SERVER_ERROR') problems.push(`INTERNAL_SERVER_ERROR: ${error.message}`);
  }
  if (hostileCase.hostile.text) {
    const refusedHere = errors.some((error) => error?.extensions?.code === 'BAD_USER_INPUT' && error?.extensions?.field === hostileCase.argumentPath);
    const reached = valueAt(body.data, hostileCase.responsePath).length > 0;
    if (reached) problems.push(`hostile text in ${hostileCase.argumentPath} was accepted`);
    // Refusals that come before any argument is read: the viewer may not reach the field, or no division instance answers for the code.
    const stoppedBefore = errors.some((error) => ['UNAUTHENTICATED', 'FORBIDDEN', 'UNKNOWN_DIVISION'].includes(error?.extensions?.code));
    if (!refusedHere && !stoppedBefore && valueAt(body.data, hostileCase.responsePath.slice(0, -1)).length > 0) {
      problems.push(`hostile text in ${hostileCase.argumentPath} reached its field without BAD_USER_INPUT naming it`);
    }
  }
  return problems;
}

async function inParallel<T, R>(items: readonly T[], concurrency: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index]!);
      }
    }),
  );
  return results;
}

describe('hostile values for every argument of the supergraph', () => {
  it('covers every argument and input field of the public schema, and every answer is stable, refuses hostile text and changes nothing', async () => {
    const { cases, arguments: covered, inputFields } = buildCases();
    const all = argumentCoordinates();
    expect([...all].filter((coordinate) => !covered.has(coordinate))).toEqual([]);

    const auditBefore = await auditLengths();
    const runs = cases.flatMap((hostileCase) => ROLES.map((role) => ({ hostileCase, role })));
    const failures = (
      await inParallel(runs, 6, async ({ hostileCase, role }) => {
        const answer = await system.query(hostileCase.query, hostileCase.variables, roleTokens[role]);
        const problems = problemsOf(hostileCase, answer.status, answer.body);
        return problems.length ? `${hostileCase.id} as ${role}: ${problems.join('; ')}` : null;
      })
    ).filter((failure): failure is string => failure !== null);

    console.log(
      `generated hostile input: ${covered.size} of ${all.size} arguments and ${inputFields.size} input fields of the supergraph, ${cases.length} cases × ${ROLES.length} viewers = ${runs.length} requests, ${failures.length} failures`,
    );
    expect(failures).toEqual([]);
    expect(await auditLengths()).toEqual(auditBefore);
  });
});

// ── amplification ────────────────────────────────────────────────────────────

describe('amplification derived from the declared field costs', () => {
  const costs = fieldCostsOf(SUPERGRAPH_SDL);

  /** A selection that reaches `Type.field` with the fixtures' keys, `inner` selected on it, aliased `count` times at the root. */
  function aliasedAt(typeName: string, fieldName: string, count: number, inner: string): { query: string; mutation: boolean } | null {
    const type = schema.getType(typeName);
    if (!type || !isObjectType(type)) return null;
    const field = type.getFields()[fieldName];
    if (!field || inaccessible(field)) return null;
    const mutation = type === schema.getMutationType();
    const path = pathTo(type);
    if (!path) return null;
    const literal = (argument: GraphQLArgument, value: unknown) => (isEnumType(getNamedType(argument.type)) ? String(value) : JSON.stringify(value));
    const args = (hop: Hop, target: boolean) => {
      const given = passed(hop).map(
        (argument) => `${argument.name}: ${literal(argument, target ? filler(argument.type, argument.name, mutation) : reachValue(hop, argument))}`,
      );
      // A page as large as a client may ask for.
      if (target && hop.field.args.some((argument) => argument.name === 'first')) given.push('first: 500');
      return given.length ? `(${given.join(', ')})` : '';
    };
    const named = getNamedType(field.type);
    const leaf = `${field.name}${args({ parent: type, field }, true)}${isCompositeType(named) ? ` { ${inner} }` : ''}`;
    const aliases = Array.from({ length: count }, (_, index) => {
      let selection = path.length === 0 ? `a${index}: ${leaf}` : leaf;
      const hops = [...path].reverse();
      hops.forEach((hop, position) => {
        selection = `${position === hops.length - 1 ? `a${index}: ` : ''}${hop.field.name}${args(hop, false)} { ${selection} }`;
      });
      return selection;
    });
    return { query: `${mutation ? 'mutation' : 'query'} { ${aliases.join(' ')} }`, mutation };
  }

  const expensive = [...costs].filter(([, cost]) => (cost.weight ?? 0) >= 1000 || cost.listSize?.sizedFields).map(([coordinate]) => coordinate);

  it('has expensive fields and pages to try', () => {
    expect(expensive).toEqual(expect.arrayContaining(['Draw.record', 'Query.auditChain', 'Mutation.verifyDraw', 'Query.inspectionTasks', 'Division.targets']));
  });

  it.each(expensive)('thirty aliases of %s are refused before any subgraph runs', async (coordinate) => {
    const [typeName, fieldName] = coordinate.split('.') as [string, string];
    const built = aliasedAt(
      typeName,
      fieldName,
      30,
      coordinate.endsWith('record') ? '__typename' : costs.get(coordinate)?.listSize?.sizedFields ? 'edges { node { __typename } }' : '__typename',
    );
    expect(built).not.toBeNull();
    const query = built!.query;
    const { count: statements } = await countStatements(system.joint, async () => {
      const answer = await system.query(query, {}, supervisor);
      expect({ coordinate, status: answer.status, codes: answer.errors?.map((error) => error.extensions?.code) }).toEqual({
        coordinate,
        status: 400,
        codes: ['QUERY_TOO_EXPENSIVE'],
      });
    });
    expect(statements).toBe(0);
  });

  it('a chain of fragments that multiplies the record at each step is refused, and costed without multiplying the work', async () => {
    // Within the depth limit (fragment spreads count as depth): 4³ = 64 records.
    const steps = 3;
    const fan = 4;
    const spreads = (name: string) => Array.from({ length: fan }, () => `...${name}`).join(' ');
    const fragments = [`fragment F0 on Draw { record }`, ...Array.from({ length: steps }, (_, i) => `fragment F${i + 1} on Draw { ${spreads(`F${i}`)} }`)];
    const answer = await system.query(`query($id: ID!) { inspectionTask(id: $id) { draw { ...F${steps} } } } ${fragments.join(' ')}`, { id: fixtures.task });
    expect(answer.errors?.map((error) => error.extensions?.code)).toEqual(['QUERY_TOO_EXPENSIVE']);
    expect(answer.errors![0]!.extensions!.cost).toBeGreaterThanOrEqual(fan ** steps * 8000);
  });

  it('batched operations are refused as a whole', async () => {
    const response = await fetch(system.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(
        Array.from({ length: 30 }, () => ({ query: `query($id: ID!) { inspectionTask(id: $id) { draw { record } } }`, variables: { id: fixtures.task } })),
      ),
    });
    expect(response.status).toBe(400);
  });

  it('what is answered stays small: thirty aliases of the stored verification and of the public task', async () => {
    const query = `query($id: ID!) { ${Array.from({ length: 30 }, (_, i) => `a${i}: inspectionTask(id: $id) { id name status seedCommitment draw { seed poolDigest poolSize verification { ok problems verifiedAt } } }`).join(' ')} }`;
    const answer = await system.query(query, { id: fixtures.task });
    expect(answer.errors).toBeUndefined();
    expect(JSON.stringify(answer.body).length).toBeLessThan(64 * 1024);
    expect(JSON.stringify(answer.body).length).toBeLessThan(LIMITS.maxAnswerBytes);
  });
});

/**
 * One rule for every text argument of every subgraph, applied by the schema
 * itself: a NUL anywhere, and control, bidirectional and invisible characters
 * in single-line text, are refused with BAD_USER_INPUT naming the argument —
 * for the arguments that exist today and for any added later. LIKE patterns
 * take `%` and `_` literally.
 */
import { Arg, Field, ObjectType, Query, Resolver } from 'type-graphql';
import { graphql } from 'graphql';
import { authChecker } from '../../common/auth';
import { buildFederatedSchema } from '../../common/federation';
import { encodeCursor } from '../../common/pagination';
import { withUsccCheckCharacter } from '../../common/uscc';
import { committedTask } from '../joint/helpers';
import { viewers } from '../support/graphql';
import { startTestSystem, type TestSystem } from '../support/system';
import { tokens, userToken } from '../support/tokens';

let system: TestSystem;
let coordinator: string;
let supervisor: string;
let adminZA: string;

beforeAll(async () => {
  system = await startTestSystem({ divisions: ['ZA', 'WA', 'CRJ'], seed: 'demo' });
  [coordinator, supervisor, adminZA] = await Promise.all([tokens.coordinator(), tokens.supervisor(), tokens.divisionAdmin('ZA')]);
});

afterAll(() => system.stop());

const NUL = '\u0000';

/** A cursor this service could have issued, but whose key carries a NUL. */
const nulCursor = encodeCursor(`1${NUL}`);

describe('a NUL character in any argument is refused with BAD_USER_INPUT naming it, never an internal error', () => {
  const cases: Array<[string, string, Record<string, unknown>, () => string | undefined, string]> = [
    ['publication id', `query($v: ID!) { publication(id: $v) { id } }`, { v: `ZA-2026-001${NUL}` }, () => undefined, 'id'],
    ['task id', `query($v: ID!) { inspectionTask(id: $v) { id } }`, { v: `T${NUL}` }, () => undefined, 'id'],
    ['publicResults search', `query($v: String) { publicResults(search: $v) { totalCount } }`, { v: `悦来${NUL}` }, () => undefined, 'search'],
    ['publicResults uscc', `query($v: String) { publicResults(uscc: $v) { totalCount } }`, { v: NUL }, () => undefined, 'uscc'],
    ['publicResults division', `query($v: ID) { publicResults(division: $v) { totalCount } }`, { v: `Z${NUL}A` }, () => undefined, 'division'],
    ['publicResults cursor', `query($v: String) { publicResults(after: $v) { totalCount } }`, { v: `${nulCursor}${NUL}` }, () => undefined, 'after'],
    ['publications lead division', `query($v: ID) { publications(leadDivision: $v) { totalCount } }`, { v: NUL }, () => undefined, 'leadDivision'],
    ['audit filter action', `query($v: String) { auditTrail(action: $v) { totalCount } }`, { v: `draw${NUL}` }, () => supervisor, 'action'],
    ['audit filter actor', `query($v: String) { auditTrail(actor: $v) { totalCount } }`, { v: NUL }, () => supervisor, 'actor'],
    ['audit filter subject', `query($v: String) { auditTrail(subject: $v) { totalCount } }`, { v: `task:${NUL}*` }, () => supervisor, 'subject'],
    [
      'a division audit filter',
      `query($v: String) { division(code: "ZA") { auditTrail(subject: $v) { totalCount } } }`,
      { v: NUL },
      () => supervisor,
      'subject',
    ],
    ['a mutation id', `mutation($v: ID!) { commitInspectionTask(id: $v) { id } }`, { v: `T2026-0001${NUL}` }, () => coordinator, 'id'],
    ['a complaint id', `mutation($v: ID!) { closeComplaint(id: $v) { id } }`, { v: `1${NUL}` }, () => coordinator, 'id'],
    [
      'an item code inside an input',
      `mutation($v: ID!) { recordResult(assignment: "T2026-0001-001", item: { division: "ZA", code: $v }, input: { outcome: NO_ISSUES_FOUND, method: "实地检查", inspectedOn: "2026-01-05" }) { outcome } }`,
      { v: `ZA-001${NUL}` },
      () => coordinator,
      'item.code',
    ],
    ['a directory search', `query($v: String) { division(code: "ZA") { targets(search: $v) { totalCount } } }`, { v: NUL }, () => adminZA, 'search'],
  ];

  it.each(cases)('%s', async (_name, query, variables, token, field) => {
    const result = await system.query(query, variables, token());
    expect(result.status).toBeLessThan(500);
    const errors = result.errors ?? [];
    expect(errors.map((error) => error.extensions?.code)).toContain('BAD_USER_INPUT');
    expect(errors.map((error) => error.extensions?.code)).not.toContain('INTERNAL_SERVER_ERROR');
    expect(errors.find((error) => error.extensions?.code === 'BAD_USER_INPUT')?.extensions?.field).toBe(field);
  });

  it('a cursor whose key carries a NUL is refused as a bad cursor', async () => {
    for (const query of [
      `query($v: String) { publicResults(after: $v) { totalCount } }`,
      `query($v: String) { inspectionTasks(after: $v) { totalCount } }`,
      `query($v: String) { publications(after: $v) { totalCount } }`,
    ]) {
      const result = await system.query(query, { v: nulCursor });
      expect({ query, codes: (result.errors ?? []).map((error) => error.extensions?.code) }).toEqual({ query, codes: ['BAD_USER_INPUT'] });
    }
    const directory = await system.query(`query($v: String) { division(code: "ZA") { targets(after: $v) { totalCount } } }`, { v: nulCursor }, adminZA);
    expect((directory.errors ?? []).map((error) => error.extensions?.code)).toEqual(['BAD_USER_INPUT']);
  });

  it('a token whose inspector claim carries a NUL is refused at sign-in, not deep in a query', async () => {
    const token = await userToken({ roles: ['inspector'], division: 'ZA', inspector: `ZA-0002${NUL}` });
    const result = await system.query(`{ myAssignments { totalCount } }`, {}, token);
    expect(result.status).toBe(401);
    expect((result.errors ?? []).map((error) => error.extensions?.code)).toEqual(['UNAUTHENTICATED']);
  });
});

describe('single-line text refuses bidirectional, zero-width and other invisible characters', () => {
  const uscc = withUsccCheckCharacter('91411002MA9H8J2K3');
  const target = (name: string) => ({ uscc, name, kind: 'ENTERPRISE', scope: '住宿服务', address: '许昌市魏都区文峰路1号', categories: ['旅馆'] });
  const SAVE = `mutation($input: TargetInput!) { saveTarget(division: "ZA", input: $input) { uscc name } }`;

  it.each([
    ['a right-to-left override', '悦来\u202e馆宾'],
    ['a zero-width space', '悦来\u200b宾馆'],
    ['a word joiner', '悦来\u2060宾馆'],
    ['a soft hyphen', '悦来\u00ad宾馆'],
    ['an Arabic letter mark', '悦来\u061c宾馆'],
    ['a variation selector', '悦来\ufe0f宾馆'],
    ['a tag character', '悦来\u{e0041}宾馆'],
    ['a line separator', '悦来\u2028宾馆'],
  ])('in a directory name: %s', async (_name, name) => {
    const result = await system.query(SAVE, { input: target(name) }, adminZA);
    expect(result.errors?.map((error) => [error.extensions?.code, error.extensions?.field])).toEqual([['BAD_USER_INPUT', 'input.name']]);
  });

  it('a line break is text only where the field is multi-line (经营范围 yes, 名称 no)', async () => {
    const name = await system.query(SAVE, { input: target('悦来\n宾馆') }, adminZA);
    expect(name.errors?.map((error) => error.extensions?.field)).toEqual(['input.name']);
    const scope = await system.query(SAVE, { input: { ...target('悦来宾馆（多行经营范围）'), scope: '住宿服务\n餐饮服务' } }, adminZA);
    expect(scope.errors).toBeUndefined();
    expect(scope.data.saveTarget.name).toBe('悦来宾馆（多行经营范围）');
    const hidden = await system.query(SAVE, { input: { ...target('悦来宾馆（多行经营范围）'), scope: '住宿服务\n\u202e餐饮服务' } }, adminZA);
    expect(hidden.errors?.map((error) => error.extensions?.field)).toEqual(['input.scope']);
  });

  it('a beacon with a right-to-left override is refused and the task stays undrawn', async () => {
    const id = await committedTask(system, { items: [{ division: 'ZA', code: 'ZA-001' }] });
    const result = await system.query(
      `mutation($id: ID!, $b: String!) { drawInspectionTask(id: $id, beacon: $b) { status } }`,
      { id, b: '福彩3D \u202e174' },
      coordinator,
    );
    expect(result.errors?.map((error) => [error.extensions?.code, error.extensions?.field])).toEqual([['BAD_USER_INPUT', 'beacon']]);
    const task = await system.query(`query($id: ID!) { inspectionTask(id: $id) { status draw { seed } } }`, { id }, coordinator);
    expect(task.data.inspectionTask).toEqual({ status: 'COMMITTED', draw: null });
  });
});

describe('LIKE patterns take % and _ literally', () => {
  const count = async (query: string, token?: string) => {
    const result = await system.query(query, {}, token);
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return result.data;
  };

  it('a category filter of % or 旅_ finds no category, 旅馆 finds the hotels', async () => {
    const data = await count(
      `{ division(code: "ZA") { all: targets { totalCount } percent: targets(category: "%") { totalCount } underscore: targets(category: "旅_") { totalCount } hotels: targets(category: "旅馆") { totalCount } } }`,
      adminZA,
    );
    expect(data.division.hotels.totalCount).toBeGreaterThan(0);
    expect(data.division.percent.totalCount).toBe(0);
    expect(data.division.underscore.totalCount).toBe(0);
  });

  it('a directory search for _ or % finds only names containing it', async () => {
    const data = await count(
      `{ division(code: "ZA") { all: targets { totalCount } percent: targets(search: "%") { totalCount } underscore: targets(search: "_") { totalCount } } }`,
      adminZA,
    );
    expect(data.division.all.totalCount).toBeGreaterThan(0);
    expect(data.division.percent.totalCount).toBe(0);
    expect(data.division.underscore.totalCount).toBe(0);
  });

  it("a task's assignments filtered by division % are none, not all", async () => {
    const id = await committedTask(system, { items: [{ division: 'ZA', code: 'ZA-001' }] });
    const drawnTask = await system.query(
      `mutation($id: ID!) { drawInspectionTask(id: $id, beacon: "LIKE-test 1 2 3") { draw { selectedCount } } }`,
      { id },
      coordinator,
    );
    expect(drawnTask.errors).toBeUndefined();
    const data = await count(
      `{ inspectionTask(id: "${id}") { all: assignments { totalCount } za: assignments(division: "ZA") { totalCount } percent: assignments(division: "%") { totalCount } } }`,
      coordinator,
    );
    expect(data.inspectionTask.all.totalCount).toBeGreaterThan(0);
    expect(data.inspectionTask.za.totalCount).toBe(data.inspectionTask.all.totalCount);
    expect(data.inspectionTask.percent.totalCount).toBe(0);
  });

  it('statistics of division % count nothing', async () => {
    const data = await count(`{ inspectionStats(year: ${new Date().getFullYear()}, division: "%") { tasks } }`, supervisor);
    expect(data.inspectionStats.tasks).toBe(0);
  });
});

describe('an argument added to a subgraph later is covered without code of its own', () => {
  @ObjectType()
  class Note {
    @Field()
    text!: string;
  }

  @Resolver()
  class NoteResolver {
    @Query(() => Note)
    note(@Arg('text', () => String) text: string, @Arg('tags', () => [String], { nullable: true }) _tags?: string[]): Note {
      return { text };
    }
  }

  it('refuses a NUL, a bidi override and a zero-width space in the new arguments, naming each', async () => {
    const schema = await buildFederatedSchema({ resolvers: [NoteResolver], authChecker, validate: false }, {}, { multiline: [] });
    const run = (source: string) => graphql({ schema, source, contextValue: { viewer: viewers.anonymous } });
    expect((await run(`{ note(text: "备注") { text } }`)).data).toEqual({ note: { text: '备注' } });
    for (const [source, field] of [
      [`{ note(text: "a\\u0000b") { text } }`, 'text'],
      [`{ note(text: "a\\u202eb") { text } }`, 'text'],
      [`{ note(text: "ok", tags: ["x", "a\\u200bb"]) { text } }`, 'tags[1]'],
    ] as const) {
      const result = await run(source);
      expect(result.errors?.map((error) => [error.extensions.code, error.extensions.field])).toEqual([['BAD_USER_INPUT', field]]);
    }
  });

  it('refuses a multi-line coordinate that names nothing in the schema', async () => {
    await expect(buildFederatedSchema({ resolvers: [NoteResolver], authChecker, validate: false }, {}, { multiline: ['Query.note(body:)'] })).rejects.toThrow(
      /Query\.note\(body:\)/,
    );
  });
});

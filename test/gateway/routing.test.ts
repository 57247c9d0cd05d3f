/**
 * Division routing, pure part: how fetches for the logical subgraph `division`
 * are split over the division instances and merged back. The fetch texts have
 * the shape the query planner produces (checked against real planner output in
 * routing-integration.test.ts).
 */
import fc from 'fast-check';
import { parse, print, type DocumentNode } from 'graphql';
import {
  divisionOfRepresentation,
  mergeDivisionResponses,
  routeDivisionFetch,
  type DivisionFetchPlan,
  type DivisionPartResult,
  type EntitiesPlan,
  type RootFieldsPlan,
} from '../../gateway/src/routing/division-routing';
import { divisionSchemaMismatch, divisionUnavailable } from '../../gateway/src/routing/division-errors';
import { LruCache } from '../../gateway/src/routing/lru-cache';

const DIVISIONS = ['ZA', 'WA', 'JD'] as const;
const options = { divisions: DIVISIONS };

/** Normalises a printed operation so tests compare structure, not whitespace. */
function normalised(query: string): string {
  return print(parse(query));
}

function rootPlan(query: string, variables?: Record<string, unknown>, operationName?: string): RootFieldsPlan {
  const plan = routeDivisionFetch({ query, variables, operationName }, options);
  if (plan.kind !== 'root-fields') throw new Error(`expected a root-fields plan, got ${plan.kind}`);
  return plan;
}

function entitiesPlan(representations: unknown[], extraVariables: Record<string, unknown> = {}): EntitiesPlan {
  const plan = routeDivisionFetch({ query: ENTITIES_QUERY, variables: { ...extraVariables, representations }, operationName: 'Q__division__1' }, options);
  if (plan.kind !== 'entities') throw new Error(`expected an entities plan, got ${plan.kind}`);
  return plan;
}

const ENTITIES_QUERY =
  'query Q__division__1($representations:[_Any!]!$first:Int=2){_entities(representations:$representations){...on Target{name}...on Inspector{name}...on Division{name targets(first:$first){totalCount}}}}';

const target = (division: string, uscc: string) => ({ __typename: 'Target', division, uscc });
const inspector = (division: string, id: string) => ({ __typename: 'Inspector', division, id });
const divisionRef = (code: string) => ({ __typename: 'Division', code });

/** Answers an entities part the way an instance would: one entity per representation, in order. */
function answerEntities(plan: EntitiesPlan, name: (representation: Record<string, string>) => string): DivisionPartResult[] {
  return plan.parts.map((part) => ({
    data: {
      _entities: (part.request.variables.representations as Record<string, string>[]).map((representation) => ({
        name: name(representation),
      })),
    },
  }));
}

describe('root fields of a query', () => {
  it('splits root fields for different divisions in one fetch and merges them back by alias', () => {
    const plan = rootPlan('query T__division__0{a:division(code:"ZA"){name}b:division(code:"WA"){name}}', {}, 'T__division__0');

    expect(plan.execution).toBe('concurrent');
    expect(plan.parts.map((part) => part.division)).toEqual(['ZA', 'WA']);
    expect(normalised(plan.parts[0].request.query)).toBe(normalised('query T__division__0 { a: division(code: "ZA") { name } }'));
    expect(normalised(plan.parts[1].request.query)).toBe(normalised('query T__division__0 { b: division(code: "WA") { name } }'));
    expect(plan.parts.map((part) => part.request.operationName)).toEqual(['T__division__0', 'T__division__0']);

    const merged = mergeDivisionResponses(plan, [{ data: { a: { name: '治安支队' } } }, { data: { b: { name: '网安支队' } } }]);
    expect(merged).toEqual({ data: { a: { name: '治安支队' }, b: { name: '网安支队' } } });
    expect(Object.keys(merged.data ?? {})).toEqual(['a', 'b']);
  });

  it('keeps the original selection order of response keys whatever order the divisions answer in', () => {
    const plan = rootPlan('{x:division(code:"WA"){name}y:division(code:"ZA"){name}z:division(code:"WA"){code}}');
    expect(plan.parts.map((part) => [part.division, part.responseKeys])).toEqual([
      ['ZA', ['y']],
      ['WA', ['x', 'z']],
    ]);
    const merged = mergeDivisionResponses(plan, [{ data: { y: { name: 'Z' } } }, { data: { z: { code: 'WA' }, x: { name: 'W' } } }]);
    expect(Object.keys(merged.data ?? {})).toEqual(['x', 'y', 'z']);
  });

  it('sends a root field with a `division` argument to that division', () => {
    const plan = rootPlan('{target(division:"JD",uscc:"91110000MA01ABCD1X"){name}}');
    expect(plan.parts).toHaveLength(1);
    expect(plan.parts[0].division).toBe('JD');
  });

  it('reads the division from a variable and sends only the variables each part uses', () => {
    const plan = rootPlan(
      'query T__division__0($za:ID!$wa:ID!$first:Int){a:division(code:$za){name targets(first:$first){totalCount}}b:division(code:$wa){name}}',
      { za: 'ZA', wa: 'WA', first: 5 },
    );
    expect(plan.parts.map((part) => [part.division, part.request.variables])).toEqual([
      ['ZA', { za: 'ZA', first: 5 }],
      ['WA', { wa: 'WA' }],
    ]);
    expect(normalised(plan.parts[1].request.query)).toBe(normalised('query T__division__0($wa: ID!) { b: division(code: $wa) { name } }'));
  });

  it('fills variables the client left to their defaults before reading the division', () => {
    // The gateway forwards only the values the client sent; the default sits in the fetch text.
    const plan = rootPlan('query T__division__0($c:ID!="WA"){division(code:$c){name}}', {});
    expect(plan.parts.map((part) => part.division)).toEqual(['WA']);
    expect(plan.parts[0].request.variables).toEqual({ c: 'WA' });
  });

  it('takes defaults from the client operation when the fetch text does not carry them', () => {
    const clientOperation = parse('query T($c: ID! = "JD") { division(code: $c) { name } }');
    const definitions = clientOperation.definitions[0].kind === 'OperationDefinition' ? clientOperation.definitions[0].variableDefinitions : [];
    const plan = routeDivisionFetch(
      { query: 'query T__division__0($c:ID!){division(code:$c){name}}', variables: {} },
      { divisions: DIVISIONS, fallbackVariableDefinitions: definitions },
    );
    expect(plan.kind === 'root-fields' && plan.parts.map((part) => [part.division, part.request.variables])).toEqual([['JD', { c: 'JD' }]]);
  });

  it('evaluates @skip and @include on root fields before routing', () => {
    const query =
      'query T__division__0($s:Boolean=false$i:Boolean!){a:division(code:"ZA")@skip(if:$s){name}b:division(code:"WA")@include(if:$i){name}c:division(code:"JD")@include(if:false){name}d:division(code:"JD")@skip(if:false){code}}';

    const skipped = rootPlan(query, { s: true, i: false });
    expect(skipped.fields.map((field) => field.responseKey)).toEqual(['d']);
    expect(skipped.parts.map((part) => part.division)).toEqual(['JD']);
    expect(normalised(skipped.parts[0].request.query)).toBe(normalised('query T__division__0 { d: division(code: "JD") { code } }'));
    expect(skipped.parts[0].request.variables).toEqual({});
    expect(mergeDivisionResponses(skipped, [{ data: { d: { code: 'JD' } } }])).toEqual({ data: { d: { code: 'JD' } } });

    // $s is left to its default (false): `a` is included, and no condition variable reaches an instance.
    const included = rootPlan(query, { i: true });
    expect(included.fields.map((field) => field.responseKey)).toEqual(['a', 'b', 'd']);
    expect(included.parts.map((part) => [part.division, part.responseKeys, part.request.variables])).toEqual([
      ['ZA', ['a'], {}],
      ['WA', ['b'], {}],
      ['JD', ['d'], {}],
    ]);
    expect(included.parts.every((part) => !/@skip|@include/.test(part.request.query))).toBe(true);
  });

  it('evaluates conditions on root fragments and flattens them', () => {
    const plan = rootPlan(
      'query T__division__0($x:Boolean!){...on Query@include(if:$x){a:division(code:"ZA"){name}}...Root b:division(code:"WA"){name}}fragment Root on Query{c:division(code:"JD"){name}}',
      { x: false },
    );
    expect(plan.parts.map((part) => [part.division, part.responseKeys])).toEqual([
      ['WA', ['b']],
      ['JD', ['c']],
    ]);
    expect(normalised(plan.parts[1].request.query)).toBe(normalised('query T__division__0 { c: division(code: "JD") { name } }'));
  });

  it('carries every named fragment a part uses, and only those', () => {
    const plan = rootPlan(
      'query T__division__0{a:division(code:"ZA"){...DivisionFields}b:division(code:"WA"){name}}fragment DivisionFields on Division{code ...Names}fragment Names on Division{name}fragment Unused on Division{code}',
    );
    const [za, wa] = plan.parts;
    expect(normalised(za.request.query)).toBe(
      normalised(
        'query T__division__0 { a: division(code: "ZA") { ...DivisionFields } } fragment DivisionFields on Division { code ...Names } fragment Names on Division { name }',
      ),
    );
    expect(normalised(wa.request.query)).toBe(normalised('query T__division__0 { b: division(code: "WA") { name } }'));
  });

  it('sends variables used only inside a fragment to the part that carries the fragment', () => {
    const plan = rootPlan(
      'query T__division__0($first:Int){a:division(code:"ZA"){...F}b:division(code:"WA"){name}}fragment F on Division{targets(first:$first){totalCount}}',
      { first: 3 },
    );
    expect(plan.parts.map((part) => part.request.variables)).toEqual([{ first: 3 }, {}]);
    expect(plan.parts[0].request.query).toContain('($first:Int)');
    expect(plan.parts[1].request.query).not.toContain('$first');
  });

  it('sends a list field without division to every division and concatenates in configuration order', () => {
    const plan = rootPlan('{divisions{code name}}');
    expect(plan.parts.map((part) => part.division)).toEqual(['ZA', 'WA', 'JD']);
    const merged = mergeDivisionResponses(plan, [
      { data: { divisions: [{ code: 'ZA', name: '治安支队' }] } },
      { data: { divisions: [{ code: 'WA', name: '网安支队' }] } },
      { data: { divisions: [{ code: 'JD', name: '禁毒支队' }] } },
    ]);
    expect(merged).toEqual({
      data: {
        divisions: [
          { code: 'ZA', name: '治安支队' },
          { code: 'WA', name: '网安支队' },
          { code: 'JD', name: '禁毒支队' },
        ],
      },
    });
  });

  it('asks each division once when a query mixes a broadcast list with division fields', () => {
    const plan = rootPlan('{all:divisions{code}one:division(code:"WA"){name}}');
    expect(plan.parts.map((part) => [part.division, part.responseKeys])).toEqual([
      ['ZA', ['all']],
      ['WA', ['all', 'one']],
      ['JD', ['all']],
    ]);
    const merged = mergeDivisionResponses(plan, [
      { data: { all: [{ code: 'ZA' }] } },
      { data: { all: [{ code: 'WA' }], one: { name: '网安支队' } } },
      { data: { all: [{ code: 'JD' }] } },
    ]);
    expect(merged.data).toEqual({ all: [{ code: 'ZA' }, { code: 'WA' }, { code: 'JD' }], one: { name: '网安支队' } });
  });

  it('answers a __typename-only fetch (the gateway health check) from every division', () => {
    const plan = rootPlan('query __ApolloServiceHealthCheck__ { __typename }');
    expect(plan.parts.map((part) => part.division)).toEqual(['ZA', 'WA', 'JD']);
    const merged = mergeDivisionResponses(plan, [{ data: { __typename: 'Query' } }, { data: { __typename: 'Query' } }, { data: { __typename: 'Query' } }]);
    expect(merged).toEqual({ data: { __typename: 'Query' } });
  });

  it('lets __typename ride along with a division part instead of asking every division', () => {
    const plan = rootPlan('{__typename a:division(code:"WA"){name}}');
    expect(plan.parts.map((part) => [part.division, part.responseKeys])).toEqual([['WA', ['__typename', 'a']]]);
    expect(mergeDivisionResponses(plan, [{ data: { __typename: 'Query', a: { name: 'W' } } }]).data).toEqual({
      __typename: 'Query',
      a: { name: 'W' },
    });
  });

  it('refuses an unknown division code for its field only', () => {
    const plan = rootPlan('{a:division(code:"XX"){name}b:division(code:"ZA"){name}}');
    expect(plan.parts.map((part) => part.division)).toEqual(['ZA']);
    const merged = mergeDivisionResponses(plan, [{ data: { b: { name: 'Z' } } }]);
    expect(merged).toEqual({
      data: { a: null, b: { name: 'Z' } },
      errors: [
        {
          message: '未知的警种部门代码 “XX” (unknown division code XX)',
          path: ['a'],
          extensions: { code: 'UNKNOWN_DIVISION', division: 'XX' },
        },
      ],
    });
  });

  it('nulls only the fields of a division that failed, with an error naming the division', () => {
    const plan = rootPlan('{a:division(code:"ZA"){name}b:division(code:"WA"){name}c:division(code:"WA"){code}}');
    const merged = mergeDivisionResponses(plan, [divisionUnavailable('ZA'), { data: { b: { name: 'W' }, c: { code: 'WA' } } }]);
    expect(merged).toEqual({
      data: { a: null, b: { name: 'W' }, c: { code: 'WA' } },
      errors: [
        {
          message: '分局/支队 ZA 的服务暂时无法访问 (division ZA is unavailable)',
          path: ['a'],
          extensions: { code: 'DIVISION_UNAVAILABLE', division: 'ZA' },
        },
      ],
    });
  });

  it('concatenates a broadcast list without the failed divisions, with one error per failed division', () => {
    const plan = rootPlan('{list:divisions{code}}');
    const merged = mergeDivisionResponses(plan, [{ data: { list: [{ code: 'ZA' }] } }, divisionSchemaMismatch('WA'), { data: { list: [{ code: 'JD' }] } }]);
    expect(merged.data).toEqual({ list: [{ code: 'ZA' }, { code: 'JD' }] });
    expect(merged.errors).toEqual([
      {
        message: expect.stringContaining('WA'),
        path: ['list'],
        extensions: { code: 'DIVISION_SCHEMA_MISMATCH', division: 'WA' },
      },
    ]);
  });

  it('passes instance errors on with the division added, keeping their paths', () => {
    const plan = rootPlan('{a:division(code:"ZA"){name}b:division(code:"WA"){name}}');
    const merged = mergeDivisionResponses(plan, [
      { data: { a: null }, errors: [{ message: 'boom', path: ['a', 'name'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }] },
      { data: { b: { name: 'W' } }, errors: [{ message: 'warning without path' }] },
    ]);
    expect(merged).toEqual({
      data: { a: null, b: { name: 'W' } },
      errors: [
        { message: 'boom', path: ['a', 'name'], extensions: { code: 'INTERNAL_SERVER_ERROR', division: 'ZA' } },
        { message: 'warning without path', extensions: { division: 'WA' } },
      ],
    });
  });

  it('treats a missing answer as an unavailable division rather than as data', () => {
    const plan = rootPlan('{a:division(code:"ZA"){name}}');
    expect(mergeDivisionResponses(plan, []).errors?.[0].extensions).toEqual({ code: 'DIVISION_UNAVAILABLE', division: 'ZA' });
  });

  it('passes response extensions through only when a single instance answered', () => {
    const single = rootPlan('{a:division(code:"ZA"){name}}');
    expect(mergeDivisionResponses(single, [{ data: { a: null }, extensions: { ftv1: 'x' } }]).extensions).toEqual({ ftv1: 'x' });
    const several = rootPlan('{divisions{code}}');
    const merged = mergeDivisionResponses(several, [
      { data: { divisions: [] }, extensions: { ftv1: 'a' } },
      { data: { divisions: [] }, extensions: { ftv1: 'b' } },
      { data: { divisions: [] } },
    ]);
    expect(merged.extensions).toBeUndefined();
  });
});

describe('root fields of a mutation', () => {
  const MUTATION =
    'mutation M__division__0($n1:String!$n2:String!$n3:String!$n4:String!){first:saveTarget(division:"ZA",name:$n1){uscc}second:saveTarget(division:"ZA",name:$n2){uscc}third:saveTarget(division:"WA",name:$n3){uscc}fourth:saveTarget(division:"ZA",name:$n4){uscc}}';
  const variables = { n1: 'a', n2: 'b', n3: 'c', n4: 'd' };

  it('splits into consecutive runs per division, executed serially in order', () => {
    const plan = rootPlan(MUTATION, variables, 'M__division__0');
    expect(plan.operationType).toBe('mutation');
    expect(plan.execution).toBe('serial');
    expect(plan.parts.map((part) => [part.division, part.responseKeys, part.request.variables])).toEqual([
      ['ZA', ['first', 'second'], { n1: 'a', n2: 'b' }],
      ['WA', ['third'], { n3: 'c' }],
      ['ZA', ['fourth'], { n4: 'd' }],
    ]);
    expect(normalised(plan.parts[1].request.query)).toBe(
      normalised('mutation M__division__0($n3: String!) { third: saveTarget(division: "WA", name: $n3) { uscc } }'),
    );

    const merged = mergeDivisionResponses(plan, [
      { data: { first: { uscc: '1' }, second: { uscc: '2' } } },
      { data: { third: { uscc: '3' } } },
      { data: { fourth: { uscc: '4' } } },
    ]);
    expect(merged).toEqual({
      data: { first: { uscc: '1' }, second: { uscc: '2' }, third: { uscc: '3' }, fourth: { uscc: '4' } },
    });
    expect(Object.keys(merged.data ?? {})).toEqual(['first', 'second', 'third', 'fourth']);
  });

  it('nulls the fields of a failed run only', () => {
    const plan = rootPlan(MUTATION, variables);
    const merged = mergeDivisionResponses(plan, [
      { data: { first: { uscc: '1' }, second: { uscc: '2' } } },
      divisionUnavailable('WA'),
      { data: { fourth: { uscc: '4' } } },
    ]);
    expect(merged.data).toEqual({ first: { uscc: '1' }, second: { uscc: '2' }, third: null, fourth: { uscc: '4' } });
    expect(merged.errors).toEqual([
      {
        message: '分局/支队 WA 的服务暂时无法访问 (division WA is unavailable)',
        path: ['third'],
        extensions: { code: 'DIVISION_UNAVAILABLE', division: 'WA' },
      },
    ]);
  });

  it('refuses a mutation field without a division argument', () => {
    const plan = rootPlan('mutation{a:saveTarget(division:"ZA",name:"x"){uscc}b:resetEverything{ok}c:saveTarget(division:"ZA",name:"y"){uscc}}');
    // The refused field changes nothing, so the two ZA mutations form one run.
    expect(plan.parts.map((part) => [part.division, part.responseKeys])).toEqual([['ZA', ['a', 'c']]]);
    const merged = mergeDivisionResponses(plan, [{ data: { a: { uscc: '1' }, c: { uscc: '2' } } }]);
    expect(merged).toEqual({
      data: { a: { uscc: '1' }, b: null, c: { uscc: '2' } },
      errors: [
        {
          message: '变更操作 resetEverything 必须指定分局/支队 (mutation resetEverything needs a division argument)',
          path: ['b'],
          extensions: { code: 'DIVISION_REQUIRED' },
        },
      ],
    });
  });

  it('reads the division of a mutation from a variable default', () => {
    const plan = rootPlan('mutation M__division__0($d:ID!="JD"$inspector:ID!){declareConflict(division:$d,inspector:$inspector,uscc:"u",reason:"r"){id}}', {
      inspector: 'i-1',
    });
    expect(plan.parts.map((part) => [part.division, part.request.variables])).toEqual([['JD', { d: 'JD', inspector: 'i-1' }]]);
  });
});

describe('_entities fetches', () => {
  it('groups representations by division (mixed typenames, duplicates kept) and keeps other variables', () => {
    const representations = [target('ZA', 'u1'), inspector('WA', 'i1'), target('ZA', 'u1'), divisionRef('JD'), target('WA', 'u2')];
    const plan = entitiesPlan(representations, { first: 3 });
    expect(plan.representationCount).toBe(5);
    expect(plan.rejected).toEqual([]);
    expect(plan.parts.map((part) => [part.division, part.indexes])).toEqual([
      ['ZA', [0, 2]],
      ['WA', [1, 4]],
      ['JD', [3]],
    ]);
    expect(plan.parts[0].request).toEqual({
      query: ENTITIES_QUERY,
      operationName: 'Q__division__1',
      variables: { first: 3, representations: [target('ZA', 'u1'), target('ZA', 'u1')] },
    });
    expect(plan.parts[1].request.variables.representations).toEqual([inspector('WA', 'i1'), target('WA', 'u2')]);
    expect(plan.parts[2].request.variables.representations).toEqual([divisionRef('JD')]);

    const merged = mergeDivisionResponses(
      plan,
      answerEntities(
        plan,
        (representation) => `${representation.__typename}:${representation.division ?? representation.code}:${representation.uscc ?? representation.id ?? ''}`,
      ),
    );
    expect(merged).toEqual({
      data: {
        _entities: [{ name: 'Target:ZA:u1' }, { name: 'Inspector:WA:i1' }, { name: 'Target:ZA:u1' }, { name: 'Division:JD:' }, { name: 'Target:WA:u2' }],
      },
    });
  });

  it('answers representations with an unknown or missing division with per-index UNKNOWN_DIVISION errors', () => {
    const representations = [target('ZA', 'u1'), target('XX', 'u2'), { __typename: 'Target', uscc: 'u3' }, divisionRef('ZA')];
    const plan = entitiesPlan(representations);
    expect(plan.rejected).toEqual([{ index: 1, division: 'XX' }, { index: 2 }]);
    expect(plan.parts.map((part) => [part.division, part.indexes])).toEqual([['ZA', [0, 3]]]);

    const merged = mergeDivisionResponses(
      plan,
      answerEntities(plan, (representation) => representation.uscc ?? 'division'),
    );
    expect(merged).toEqual({
      data: { _entities: [{ name: 'u1' }, null, null, { name: 'division' }] },
      errors: [
        {
          message: '未知的警种部门代码 “XX” (unknown division code XX)',
          path: ['_entities', 1],
          extensions: { code: 'UNKNOWN_DIVISION', division: 'XX' },
        },
        {
          message: '请求中缺少警种部门代码 (the division code is missing)',
          path: ['_entities', 2],
          extensions: { code: 'UNKNOWN_DIVISION' },
        },
      ],
    });
  });

  it('re-indexes error paths to the original representation index and adds the division', () => {
    const plan = entitiesPlan([target('ZA', 'u0'), target('WA', 'u1'), target('ZA', 'u2'), target('WA', 'u3')]);
    const merged = mergeDivisionResponses(plan, [
      { data: { _entities: [{ name: 'u0' }, { name: 'u2' }] } },
      {
        data: { _entities: [{ name: 'u1' }, null] },
        errors: [
          { message: 'not found', path: ['_entities', 1], extensions: { code: 'NOT_FOUND' } },
          { message: 'field failed', path: ['_entities', 0, 'name'] },
          { message: 'instance warning' },
        ],
      },
    ]);
    expect(merged.data).toEqual({ _entities: [{ name: 'u0' }, { name: 'u1' }, { name: 'u2' }, null] });
    expect(merged.errors).toEqual([
      { message: 'not found', path: ['_entities', 3], extensions: { code: 'NOT_FOUND', division: 'WA' } },
      { message: 'field failed', path: ['_entities', 1, 'name'], extensions: { division: 'WA' } },
      { message: 'instance warning', extensions: { division: 'WA' } },
    ]);
  });

  it('nulls the entities of a failed division with one error per index', () => {
    const plan = entitiesPlan([target('ZA', 'u0'), target('WA', 'u1'), target('ZA', 'u2'), divisionRef('JD')]);
    const merged = mergeDivisionResponses(plan, [divisionUnavailable('ZA'), { data: { _entities: [{ name: 'u1' }] } }, divisionSchemaMismatch('JD')]);
    expect(merged.data).toEqual({ _entities: [null, { name: 'u1' }, null, null] });
    expect(merged.errors).toEqual([
      {
        message: '分局/支队 ZA 的服务暂时无法访问 (division ZA is unavailable)',
        path: ['_entities', 0],
        extensions: { code: 'DIVISION_UNAVAILABLE', division: 'ZA' },
      },
      {
        message: '分局/支队 ZA 的服务暂时无法访问 (division ZA is unavailable)',
        path: ['_entities', 2],
        extensions: { code: 'DIVISION_UNAVAILABLE', division: 'ZA' },
      },
      {
        message: expect.stringContaining('division JD runs a schema that does not match'),
        path: ['_entities', 3],
        extensions: { code: 'DIVISION_SCHEMA_MISMATCH', division: 'JD' },
      },
    ]);
  });

  it('does not trust an answer with the wrong number of entities', () => {
    const plan = entitiesPlan([target('ZA', 'u0'), target('ZA', 'u1'), target('WA', 'u2')]);
    const merged = mergeDivisionResponses(plan, [{ data: { _entities: [{ name: 'only one' }] } }, { data: { _entities: [{ name: 'u2' }] } }]);
    expect(merged.data).toEqual({ _entities: [null, null, { name: 'u2' }] });
    expect(merged.errors?.map((error) => [error.path, error.extensions])).toEqual([
      [['_entities', 0], { code: 'DIVISION_UNAVAILABLE', division: 'ZA' }],
      [['_entities', 1], { code: 'DIVISION_UNAVAILABLE', division: 'ZA' }],
    ]);
  });

  it('keeps the entries null when an instance answers data: null', () => {
    const plan = entitiesPlan([target('ZA', 'u0'), target('WA', 'u1')]);
    const merged = mergeDivisionResponses(plan, [
      { data: null, errors: [{ message: 'Cannot query field "x" on type "Target".' }] },
      { data: { _entities: [{ name: 'u1' }] } },
    ]);
    expect(merged).toEqual({
      data: { _entities: [null, { name: 'u1' }] },
      errors: [{ message: 'Cannot query field "x" on type "Target".', extensions: { division: 'ZA' } }],
    });
  });

  it('always answers with exactly as many entities as representations, in order', () => {
    const codes = ['ZA', 'WA', 'JD', 'XX'];
    const representationArb = fc.oneof(
      fc.record({ __typename: fc.constant('Target'), division: fc.constantFrom(...codes), uscc: fc.string({ maxLength: 4 }) }),
      fc.record({ __typename: fc.constant('Inspector'), division: fc.constantFrom(...codes), id: fc.string({ maxLength: 4 }) }),
      fc.record({ __typename: fc.constant('Division'), code: fc.constantFrom(...codes) }),
    );
    fc.assert(
      fc.property(fc.array(representationArb, { maxLength: 30 }), fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }), (representations, failing) => {
        const plan = entitiesPlan(representations);
        const results = plan.parts.map((part): DivisionPartResult =>
          failing[DIVISIONS.indexOf(part.division as (typeof DIVISIONS)[number])]
            ? divisionUnavailable(part.division)
            : {
                data: {
                  _entities: (part.request.variables.representations as unknown[]).map((representation) => ({
                    echo: representation,
                  })),
                },
              },
        );
        const merged = mergeDivisionResponses(plan, results);
        const entities = merged.data?._entities as unknown[];
        expect(entities).toHaveLength(representations.length);
        representations.forEach((representation, index) => {
          const division = divisionOfRepresentation(representation) as string;
          const answered = DIVISIONS.includes(division as never) && !failing[DIVISIONS.indexOf(division as never)];
          expect(entities[index]).toEqual(answered ? { echo: representation } : null);
          const indexErrors = (merged.errors ?? []).filter((error) => error.path?.[1] === index);
          expect(indexErrors).toHaveLength(answered ? 0 : 1);
          if (!answered) expect(indexErrors[0].extensions?.division).toBe(division);
        });
      }),
    );
  });
});

describe('fetches the router cannot split', () => {
  it('reports an unparsable fetch as an error instead of throwing', () => {
    const plan = routeDivisionFetch({ query: '{ division(code: ' }, options);
    expect(plan.kind).toBe('unroutable');
    expect(plan.parts).toEqual([]);
    expect(mergeDivisionResponses(plan, [])).toEqual({
      errors: [{ message: expect.stringContaining('cannot route'), extensions: { code: 'DIVISION_ROUTING_FAILED' } }],
    });
  });

  it('refuses subscriptions and _entities mixed with other root fields', () => {
    expect(routeDivisionFetch({ query: 'subscription { targetSaved(division: "ZA") { uscc } }' }, options).kind).toBe('unroutable');
    expect(
      routeDivisionFetch(
        {
          query: 'query($representations:[_Any!]!){_entities(representations:$representations){__typename}divisions{code}}',
          variables: { representations: [] },
        },
        options,
      ).kind,
    ).toBe('unroutable');
    expect(routeDivisionFetch({ query: 'query{_entities(representations:[]){__typename}}' }, options).kind).toBe('unroutable');
  });
});

describe('parsing and printing', () => {
  it('uses the given document instead of parsing the fetch text', () => {
    const document: DocumentNode = parse('query T__division__0 { a: division(code: "WA") { name } }');
    const plan = routeDivisionFetch({ query: '<document given separately>' }, options, document);
    expect(plan.kind === 'root-fields' && plan.parts.map((part) => part.division)).toEqual(['WA']);
  });

  it('gives the same sub-operations for the same fetch and grouping, and different ones when the grouping changes', () => {
    const query = 'query T__division__0($a:ID!$b:ID!){x:division(code:$a){name}y:division(code:$b){name}}';
    const split = (variables: Record<string, unknown>): DivisionFetchPlan => routeDivisionFetch({ query, variables }, options);
    const first = split({ a: 'ZA', b: 'WA' });
    const again = split({ a: 'ZA', b: 'WA' });
    const together = split({ a: 'JD', b: 'JD' });
    expect(again.parts.map((part) => part.request.query)).toEqual(first.parts.map((part) => part.request.query));
    expect(together.parts).toHaveLength(1);
    expect(normalised(together.parts[0].request.query)).toBe(
      normalised('query T__division__0($a: ID!, $b: ID!) { x: division(code: $a) { name } y: division(code: $b) { name } }'),
    );
  });

  it('bounds its caches, evicting the least recently used entry', () => {
    const cache = new LruCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1);
    cache.set('c', 3);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.get('c')).toBe(3);
    expect(cache.size).toBe(2);
    expect(cache.getOrCompute('d', () => 4)).toBe(4);
    expect(cache.getOrCompute('d', () => 5)).toBe(4);
  });
});

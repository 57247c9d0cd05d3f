/**
 * Hostile and malformed requests against the gateway, each with the answer the
 * system owes it. Every request here is refused or only reads: none of them may
 * change stored data (the test compares the audit chains before and after).
 *
 * `expect.status` is the HTTP status (one value, or the acceptable ones);
 * `expect.codes` the acceptable `extensions.code` values: the answer must carry
 * at least one error and every error a code from the list; `expect.success`
 * says the request is harmless and must be answered normally (HTTP 200, no
 * error); `expect.data` checks one value of the answer's data.
 */
import { addDays, shanghaiDate } from '../../common/dates';
import { hasForbiddenCharacter, MAX_SINGLE_LINE_CHARACTERS } from '../../common/text';
import { withUsccCheckCharacter } from '../../common/uscc';
import { onDataLead, taskInput as jointTaskInput } from '../joint/helpers';

export const TODAY = shanghaiDate();
export const YEAR = Number(TODAY.slice(0, 4));

/** Who sends the request: a real user of a role, or a forged, broken or expired token. */
export type TokenKind =
  | 'coordinator'
  | 'supervisor'
  | 'analyst'
  | 'admin:ZA'
  | 'inspector:ZA-0002'
  | 'expired'
  | 'issued-in-the-future'
  | 'not-yet-valid'
  | 'wrong-key'
  | 'signed-with-context-secret'
  | 'alg-none'
  | 'alg-hs512'
  | 'unknown-role'
  | 'no-roles'
  | 'roles-not-a-list'
  | 'roles-numbers'
  | 'admin-without-division'
  | 'admin-lowercase-division'
  | 'admin-injected-division'
  | 'inspector-without-id'
  | 'inspector-without-division'
  | 'no-expiry'
  | 'no-subject'
  | 'empty-subject'
  | 'payload-not-json'
  | 'garbage'
  | 'three-empty-parts'
  | 'empty-bearer'
  | 'basic-auth'
  | 'two-tokens'
  | 'huge';

export interface HostileCase {
  /** Unique and stable; the test's name. */
  id: string;
  group: Group;
  token?: TokenKind;
  /** A GraphQL operation POSTed as application/json. */
  operation?: { query: string; variables?: unknown; operationName?: unknown; extensions?: unknown };
  /** Or a raw HTTP request (body sent byte for byte; no content type unless given). */
  http?: { method: string; search?: string; headers?: Record<string, string>; body?: string };
  /** Where it goes: the gateway (default), or straight to a subgraph, bypassing the gateway. */
  target?: 'gateway' | 'joint' | 'division:ZA';
  /** A gateway context header the client forges (signed with the real context secret, or expired). */
  forgedContext?: 'supervisor' | 'supervisor-expired' | 'supervisor-wrong-key' | 'user-token' | 'alg-none';
  expect: { status?: number | number[]; codes?: string[]; success?: true; orSuccess?: true; data?: { path: string; equals: unknown } };
}

export const GROUPS = [
  'uscc',
  'types',
  'long-strings',
  'control-characters',
  'injection',
  'numbers',
  'dates',
  'periods',
  'unknown-references',
  'bombs',
  'batching',
  'get',
  'content-type',
  'size',
  'malformed',
  'tokens',
  'context-forgery',
  'bypass',
  'roles',
] as const;
export type Group = (typeof GROUPS)[number];

// ── building blocks ─────────────────────────────────────────────────────────

const VALID_USCC = withUsccCheckCharacter('91411002MA9G7K3L2');
const OTHER_CHECK = VALID_USCC[17] === '0' ? '1' : '0';
const LONG = 'x'.repeat(100_000);
const LONG_HAN = '字'.repeat(100_000);
const FULL_WIDTH = (text: string) => text.replace(/[0-9]/g, (digit) => String.fromCharCode(0xff10 + Number(digit)));
const replaceAt = (text: string, index: number, character: string) => text.slice(0, index) + character + text.slice(index + 1);

/** Invalid and near-valid 统一社会信用代码, with the reason each is refused. */
const BAD_USCCS: Array<[string, string]> = [
  ['wrong check character', VALID_USCC.slice(0, 17) + OTHER_CHECK],
  ['two digits swapped', VALID_USCC.slice(0, 2) + VALID_USCC[3] + VALID_USCC[2] + VALID_USCC.slice(4)],
  ['17 characters', VALID_USCC.slice(0, 17)],
  ['19 characters', `${VALID_USCC}0`],
  ['lower case with a wrong check character', (VALID_USCC.slice(0, 17) + OTHER_CHECK).toLowerCase()],
  ['the letter I', replaceAt(VALID_USCC, 9, 'I')],
  ['the letter O', replaceAt(VALID_USCC, 9, 'O')],
  ['the letter S', replaceAt(VALID_USCC, 9, 'S')],
  ['the letter V', replaceAt(VALID_USCC, 9, 'V')],
  ['the letter Z', replaceAt(VALID_USCC, 9, 'Z')],
  ['full-width digits', FULL_WIDTH(VALID_USCC)],
  ['18 Chinese characters', '统一社会信用代码统一社会信用代码统一'],
  ['the empty string', ''],
  ['18 spaces', ' '.repeat(18)],
  ['an SQL fragment', "' OR 1=1 --"],
  ['a NUL character inside', replaceAt(VALID_USCC, 9, '\u0000')],
  ['a right-to-left override in front', `\u202e${VALID_USCC.slice(0, 17)}`],
  ['100,000 characters', '9'.repeat(100_000)],
];

const SAVE_TARGET = `mutation($d: ID!, $input: TargetInput!) { saveTarget(division: $d, input: $input) { uscc } }`;
const IMPORT_TARGETS = `mutation($d: ID!, $rows: [TargetInput!]!) { importTargets(division: $d, rows: $rows) { accepted rejected errors { row field code } } }`;
const FILE_COMPLAINT = `mutation($u: String!, $s: String!, $on: Date!) { fileComplaint(uscc: $u, summary: $s, receivedOn: $on) { id } }`;
const SET_RISK = `mutation($u: String!, $s: String!) { setRiskFlag(uscc: $u, flag: ABNORMAL_OPERATION, active: true, source: $s) { uscc } }`;
const DECLARE = `mutation($d: ID!, $i: ID!, $u: String!, $r: String!) { declareConflict(division: $d, inspector: $i, uscc: $u, reason: $r) { id } }`;
const CREATE = `mutation($input: InspectionTaskInput!) { createInspectionTask(input: $input) { id } }`;
const MARKET = `query($u: String!) { marketEntity(uscc: $u) { uscc name } }`;
const SAVE_ITEM = `mutation($d: ID!, $input: CheckItemInput!) { saveCheckItem(division: $d, input: $input) { code } }`;
const SAVE_INSPECTOR = `mutation($d: ID!, $input: InspectorInput!) { saveInspector(division: $d, input: $input) { id } }`;
const SAVE_PLAN = `mutation($d: ID!, $input: PlanEntryInput!) { savePlanEntry(division: $d, input: $input) { id } }`;
const CANCEL = `mutation($id: ID!, $r: String!) { cancelInspectionTask(id: $id, reason: $r) { id } }`;
const DRAW = `mutation($id: ID!, $b: String!) { drawInspectionTask(id: $id, beacon: $b) { id } }`;
const RECORD = `mutation($a: ID!, $item: ItemRefInput!, $input: ResultInput!) { recordResult(assignment: $a, item: $item, input: $input) { outcome } }`;
const AMEND = `mutation($a: ID!, $item: ItemRefInput!, $input: ResultInput!, $r: String!) { amendResult(assignment: $a, item: $item, input: $input, reason: $r) { id } }`;
const LOAD_CALENDAR = `mutation($input: CalendarYearInput!) { loadCalendarYear(input: $input) { year } }`;
const PUBLIC_RESULTS = `query($q: String, $u: String, $first: Int, $after: String) { publicResults(search: $q, uscc: $u, first: $first, after: $after) { totalCount } }`;
const TARGETS = `query($d: ID!, $q: String, $c: String, $first: Int) { division(code: $d) { targets(search: $q, category: $c, first: $first) { totalCount } } }`;
const INSPECTORS = `query($d: ID!, $q: String) { division(code: $d) { inspectors(search: $q) { totalCount } } }`;
const WORKING_DAYS = `query($from: Date!, $add: Int!) { workingDays(from: $from, add: $add) { date } }`;
const NO_TASK = `T${YEAR}-9999`;

const taskInput = (overrides: Record<string, unknown> = {}) =>
  jointTaskInput({ name: `${YEAR}年度旅馆业抽查（恶意输入）`, items: [{ division: 'ZA', code: 'ZA-001' }], ...overrides });
const targetInput = (overrides: Record<string, unknown> = {}) => ({
  uscc: VALID_USCC,
  name: '许昌市恶意输入测试旅馆',
  kind: 'ENTERPRISE',
  scope: '住宿服务',
  address: '许昌市魏都区测试路1号',
  categories: ['旅馆'],
  ...overrides,
});
const itemInput = (overrides: Record<string, unknown> = {}) => ({
  code: 'ZA-900',
  name: '恶意输入测试事项',
  basis: '《旅馆业治安管理办法》',
  subject: '治安管理支队',
  targetCategory: '旅馆',
  ratioBp: 500,
  timesPerYear: 1,
  method: '实地检查',
  content: '测试',
  ...overrides,
});
const inspectorInput = (overrides: Record<string, unknown> = {}) => ({
  id: 'ZA-9900',
  name: '恶意输入测试员',
  unit: '治安管理支队',
  position: '民警',
  expertise: ['特种行业管理'],
  certificateNo: '豫公执字ZA9900',
  certificateValidUntil: `${YEAR + 2}-12-31`,
  ...overrides,
});
const planInput = (overrides: Record<string, unknown> = {}) => ({
  year: YEAR,
  name: '恶意输入测试计划',
  items: ['ZA-001'],
  targetCategory: '旅馆',
  ratioBp: 500,
  periodStart: TODAY,
  periodEnd: addDays(TODAY, 30),
  authority: '许昌市公安局治安管理支队',
  ...overrides,
});
const resultInput = (overrides: Record<string, unknown> = {}) => ({ outcome: 'NO_ISSUES_FOUND', method: '实地检查', inspectedOn: TODAY, ...overrides });

const BAD_INPUT = { status: 200, codes: ['BAD_USER_INPUT'] };
/** A variable the GraphQL layer cannot coerce: HTTP 400 with BAD_USER_INPUT. */
const BAD_VARIABLE = { status: 400, codes: ['BAD_USER_INPUT'] };
const INVALID_DOCUMENT = { status: 400, codes: ['GRAPHQL_VALIDATION_FAILED'] };
/** The gateway's cost limit (`gateway/src/cost.ts`), before any subgraph is asked. */
const TOO_EXPENSIVE = { status: 400, codes: ['QUERY_TOO_EXPENSIVE'] };
/** What every subgraph answers text no argument may hold (`common/argument-guard.ts`). */
const GUARD_REFUSAL = { status: 200, codes: ['BAD_USER_INPUT'] };
const refusedByTheTextRule = (text: string) => hasForbiddenCharacter(text) || text.length > MAX_SINGLE_LINE_CHARACTERS;
/**
 * A Date variable that is no real date: the gateway passes custom scalars on
 * and the subgraph refuses them, so the status may be 200 or 400; the code is BAD_USER_INPUT.
 */
const BAD_DATE_VARIABLE = { status: [200, 400], codes: ['BAD_USER_INPUT'] };
/** A Date literal the subgraph's scalar refuses while validating the operation. */
const BAD_DATE_LITERAL = { status: [200, 400], codes: ['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED'] };
const UNAUTHENTICATED = { status: 401, codes: ['UNAUTHENTICATED'] };
/** A read with an absurd argument: an ordinary (empty) answer, or BAD_USER_INPUT. */
const EMPTY_OR_REFUSED: HostileCase['expect'] = { status: 200, codes: ['BAD_USER_INPUT'], orSuccess: true };
const BAD_HTTP = { status: [400, 415] };

const cases: HostileCase[] = [];
const add = (group: Group, id: string, rest: Omit<HostileCase, 'id' | 'group'>) => cases.push({ id: `${group}: ${id}`, group, ...rest });

// ── 统一社会信用代码 ──────────────────────────────────────────────────────────
for (const [label, uscc] of BAD_USCCS) {
  // Text that no argument may hold (a NUL, a bidi override, 100,000 characters) is refused before any rule of its field runs.
  const guarded = refusedByTheTextRule(uscc);
  const refused = (code: string) => (guarded ? GUARD_REFUSAL : { status: 200, codes: [code] });
  add('uscc', `saveTarget refuses a USCC with ${label}`, {
    token: 'admin:ZA',
    operation: { query: SAVE_TARGET, variables: { d: 'ZA', input: targetInput({ uscc }) } },
    expect: refused('INVALID_USCC'),
  });
  add('uscc', `importTargets rejects every row when one has a USCC with ${label}`, {
    token: 'admin:ZA',
    operation: {
      query: IMPORT_TARGETS,
      variables: { d: 'ZA', rows: [targetInput({ uscc: withUsccCheckCharacter('91411002MA9G7K3L3') }), targetInput({ uscc })] },
    },
    expect: guarded ? GUARD_REFUSAL : { status: 200, data: { path: 'importTargets.accepted', equals: 0 } },
  });
  add('uscc', `importTargets names INVALID_USCC for a USCC with ${label}`, {
    token: 'admin:ZA',
    operation: { query: IMPORT_TARGETS, variables: { d: 'ZA', rows: [targetInput({ uscc })] } },
    expect: guarded ? GUARD_REFUSAL : { status: 200, data: { path: 'importTargets.errors.0.code', equals: 'INVALID_USCC' } },
  });
  add('uscc', `fileComplaint refuses a USCC with ${label}`, {
    token: 'coordinator',
    operation: { query: FILE_COMPLAINT, variables: { u: uscc, s: '群众举报', on: TODAY } },
    expect: refused('INVALID_USCC'),
  });
  add('uscc', `setRiskFlag refuses a USCC with ${label}`, {
    token: 'coordinator',
    operation: { query: SET_RISK, variables: { u: uscc, s: '国家企业信用信息公示系统' } },
    expect: refused('INVALID_USCC'),
  });
  add('uscc', `declareConflict refuses a USCC with ${label}`, {
    token: 'admin:ZA',
    operation: { query: DECLARE, variables: { d: 'ZA', i: 'ZA-0002', u: uscc, r: '亲属关系' } },
    expect: refused('INVALID_USCC'),
  });
  add('uscc', `a DIRECTED task refuses a USCC with ${label}`, {
    token: 'coordinator',
    operation: {
      query: CREATE,
      variables: { input: taskInput({ kind: 'DIRECTED', ratioBp: 10000, highRiskRatioBp: 10000, directedTargets: onDataLead([uscc]) }) },
    },
    expect: refused('INVALID_USCC'),
  });
  add('uscc', `marketEntity refuses a USCC with ${label}`, {
    operation: { query: MARKET, variables: { u: uscc } },
    expect: refused('INVALID_USCC'),
  });
}
add('uscc', 'marketEntity reads a valid USCC written in lower case', {
  operation: { query: MARKET, variables: { u: VALID_USCC.toLowerCase() } },
  expect: { success: true },
});
add('uscc', 'publicResults filters by a valid USCC written in lower case', {
  operation: { query: PUBLIC_RESULTS, variables: { u: VALID_USCC.toLowerCase() } },
  expect: { success: true },
});

// ── wrong types ───────────────────────────────────────────────────────────────
const wrongTypes: Array<[string, Record<string, unknown>]> = [
  ['year as a string', { year: String(YEAR) }],
  ['year as a fraction', { year: YEAR + 0.5 }],
  ['ratioBp as a string', { ratioBp: '500' }],
  ['ratioBp as a boolean', { ratioBp: true }],
  ['ratioBp as an object', { ratioBp: { $gt: 0 } }],
  ['kind not in the enum', { kind: 'SOMETIMES' }],
  ['kind as a number', { kind: 1 }],
  ['items as a string', { items: 'ZA-001' }],
  ['items without a code', { items: [{ division: 'ZA' }] }],
  ['items with an unknown field', { items: [{ division: 'ZA', code: 'ZA-001', weight: 3 }] }],
  ['items as null', { items: null }],
  ['inspectorsPerDivision as null', { inspectorsPerDivision: null }],
  ['an unknown input field', { secret: 'chosen' }],
];
for (const [label, overrides] of wrongTypes)
  add('types', `createInspectionTask with ${label}`, {
    token: 'coordinator',
    operation: { query: CREATE, variables: { input: taskInput(overrides) } },
    expect: BAD_VARIABLE,
  });
add('types', 'createInspectionTask with periodStart as a number', {
  token: 'coordinator',
  operation: { query: CREATE, variables: { input: taskInput({ periodStart: 20261128 }) } },
  expect: BAD_DATE_VARIABLE,
});
add('types', 'createInspectionTask with the input as an array', {
  token: 'coordinator',
  operation: { query: CREATE, variables: { input: [] } },
  expect: BAD_VARIABLE,
});
add('types', 'createInspectionTask with the input as a string', {
  token: 'coordinator',
  operation: { query: CREATE, variables: { input: 'T2026-0001' } },
  expect: BAD_VARIABLE,
});
add('types', 'createInspectionTask without its input', { token: 'coordinator', operation: { query: CREATE, variables: {} }, expect: BAD_VARIABLE });
add('types', 'recordResult with an outcome not in the enum', {
  token: 'inspector:ZA-0002',
  operation: { query: RECORD, variables: { a: `${NO_TASK}-001`, item: { division: 'ZA', code: 'ZA-001' }, input: resultInput({ outcome: 'ALL_GOOD' }) } },
  expect: BAD_VARIABLE,
});
add('types', 'publicResults with first as a string variable', { operation: { query: PUBLIC_RESULTS, variables: { first: 'ten' } }, expect: BAD_VARIABLE });
add('types', 'workingDays with add as a string literal', {
  operation: { query: `{ workingDays(from: "${TODAY}", add: "5") { date } }` },
  expect: INVALID_DOCUMENT,
});
add('types', 'inspectionTasks with first as a string literal', {
  operation: { query: `{ inspectionTasks(first: "10") { totalCount } }` },
  expect: INVALID_DOCUMENT,
});
add('types', 'inspectionTasks with a status string instead of the enum', {
  operation: { query: `{ inspectionTasks(status: "DRAWN") { totalCount } }` },
  expect: INVALID_DOCUMENT,
});
add('types', 'publicResults with a float literal for first', {
  operation: { query: `{ publicResults(first: 1.5) { totalCount } }` },
  expect: INVALID_DOCUMENT,
});
add('types', 'division without its code', { operation: { query: `{ division { name } }` }, expect: INVALID_DOCUMENT });
add('types', 'a field that does not exist', { operation: { query: `{ divisions { code password } }` }, expect: INVALID_DOCUMENT });
add('types', 'a root field that does not exist', { operation: { query: `{ users { name } }` }, expect: INVALID_DOCUMENT });
add('types', 'drawInspectionTask without a beacon', {
  token: 'coordinator',
  operation: { query: `mutation { drawInspectionTask(id: "${NO_TASK}") { id } }` },
  expect: INVALID_DOCUMENT,
});
add('types', 'a scalar field with a selection set', { operation: { query: `{ divisions { code { length } } }` }, expect: INVALID_DOCUMENT });
add('types', 'an object field without a selection set', { operation: { query: `{ divisions }` }, expect: INVALID_DOCUMENT });
add('types', 'a subscription (the schema has none)', { operation: { query: `subscription { divisions { code } }` }, expect: INVALID_DOCUMENT });

// ── 100,000-character strings ────────────────────────────────────────────────
add('long-strings', 'a task name of 100,000 characters', {
  token: 'coordinator',
  operation: { query: CREATE, variables: { input: taskInput({ name: LONG }) } },
  expect: BAD_INPUT,
});
add('long-strings', 'a task name of 100,000 Chinese characters', {
  token: 'coordinator',
  operation: { query: CREATE, variables: { input: taskInput({ name: LONG_HAN }) } },
  expect: BAD_INPUT,
});
add('long-strings', 'a target name of 100,000 characters', {
  token: 'admin:ZA',
  operation: { query: SAVE_TARGET, variables: { d: 'ZA', input: targetInput({ name: LONG }) } },
  expect: BAD_INPUT,
});
add('long-strings', 'a target address of 100,000 characters', {
  token: 'admin:ZA',
  operation: { query: SAVE_TARGET, variables: { d: 'ZA', input: targetInput({ address: LONG_HAN }) } },
  expect: BAD_INPUT,
});
add('long-strings', 'a business scope of 100,000 characters', {
  token: 'admin:ZA',
  operation: { query: SAVE_TARGET, variables: { d: 'ZA', input: targetInput({ scope: LONG }) } },
  expect: BAD_INPUT,
});
add('long-strings', 'a category of 100,000 characters', {
  token: 'admin:ZA',
  operation: { query: SAVE_TARGET, variables: { d: 'ZA', input: targetInput({ categories: [LONG] }) } },
  expect: BAD_INPUT,
});
add('long-strings', 'an item content of 100,000 characters', {
  token: 'admin:ZA',
  operation: { query: SAVE_ITEM, variables: { d: 'ZA', input: itemInput({ content: LONG }) } },
  expect: BAD_INPUT,
});
add('long-strings', 'an item code of 100,000 characters', {
  token: 'admin:ZA',
  operation: { query: SAVE_ITEM, variables: { d: 'ZA', input: itemInput({ code: 'Z'.repeat(100_000) }) } },
  expect: BAD_INPUT,
});
add('long-strings', 'an inspector name of 100,000 characters', {
  token: 'admin:ZA',
  operation: { query: SAVE_INSPECTOR, variables: { d: 'ZA', input: inspectorInput({ name: LONG_HAN }) } },
  expect: BAD_INPUT,
});
add('long-strings', 'an inspector id of 100,000 characters', {
  token: 'admin:ZA',
  operation: { query: SAVE_INSPECTOR, variables: { d: 'ZA', input: inspectorInput({ id: `ZA-${'9'.repeat(100_000)}` }) } },
  expect: BAD_INPUT,
});
add('long-strings', 'a plan entry name of 100,000 characters', {
  token: 'admin:ZA',
  operation: { query: SAVE_PLAN, variables: { d: 'ZA', input: planInput({ name: LONG }) } },
  expect: BAD_INPUT,
});
add('long-strings', 'a recusal reason of 100,000 characters', {
  token: 'admin:ZA',
  operation: { query: DECLARE, variables: { d: 'ZA', i: 'ZA-0002', u: VALID_USCC, r: LONG } },
  expect: BAD_INPUT,
});
add('long-strings', 'a complaint of 100,000 characters', {
  token: 'coordinator',
  operation: { query: FILE_COMPLAINT, variables: { u: VALID_USCC, s: LONG_HAN, on: TODAY } },
  expect: BAD_INPUT,
});
add('long-strings', 'a risk flag source of 100,000 characters', {
  token: 'coordinator',
  operation: { query: SET_RISK, variables: { u: VALID_USCC, s: LONG } },
  expect: BAD_INPUT,
});
add('long-strings', 'a cancellation reason of 100,000 characters', {
  token: 'coordinator',
  operation: { query: CANCEL, variables: { id: NO_TASK, r: LONG } },
  expect: BAD_INPUT,
});
add('long-strings', 'a beacon of 100,000 characters', {
  token: 'coordinator',
  operation: { query: DRAW, variables: { id: NO_TASK, b: LONG } },
  expect: BAD_INPUT,
});
add('long-strings', 'an amendment reason of 100,000 characters', {
  token: 'coordinator',
  operation: { query: AMEND, variables: { a: `${NO_TASK}-001`, item: { division: 'ZA', code: 'ZA-001' }, input: resultInput(), r: LONG } },
  expect: BAD_INPUT,
});
add('long-strings', 'findings of 100,000 characters for an assignment that does not exist', {
  token: 'inspector:ZA-0002',
  operation: { query: RECORD, variables: { a: `${NO_TASK}-001`, item: { division: 'ZA', code: 'ZA-001' }, input: resultInput({ findings: LONG }) } },
  expect: { status: 200, codes: ['NOT_FOUND', 'BAD_USER_INPUT'] },
});
add('long-strings', 'a public search of 100,000 characters', { operation: { query: PUBLIC_RESULTS, variables: { q: LONG } }, expect: EMPTY_OR_REFUSED });
add('long-strings', 'a directory search of 100,000 characters', {
  token: 'coordinator',
  operation: { query: TARGETS, variables: { d: 'ZA', q: LONG } },
  expect: EMPTY_OR_REFUSED,
});
add('long-strings', 'a directory category of 100,000 characters', {
  token: 'coordinator',
  operation: { query: TARGETS, variables: { d: 'ZA', c: LONG } },
  expect: EMPTY_OR_REFUSED,
});
add('long-strings', 'an inspector search of 100,000 characters', {
  token: 'coordinator',
  operation: { query: INSPECTORS, variables: { d: 'ZA', q: LONG } },
  expect: EMPTY_OR_REFUSED,
});
add('long-strings', 'an audit trail actor of 100,000 characters', {
  token: 'supervisor',
  operation: { query: `query($a: String) { auditTrail(actor: $a) { totalCount } }`, variables: { a: LONG } },
  expect: EMPTY_OR_REFUSED,
});
add('long-strings', 'a task id of 100,000 characters', {
  operation: { query: `query($id: ID!) { inspectionTask(id: $id) { id } }`, variables: { id: LONG } },
  expect: { status: 200, data: { path: 'inspectionTask', equals: null } },
});
add('long-strings', 'a publication id of 100,000 characters', {
  operation: { query: `query($id: ID!) { publication(id: $id) { id } }`, variables: { id: LONG } },
  expect: { status: 200, data: { path: 'publication', equals: null } },
});
add('long-strings', 'a division code of 100,000 characters', {
  operation: { query: `query($c: ID!) { division(code: $c) { name } }`, variables: { c: LONG } },
  expect: { status: 200, codes: ['UNKNOWN_DIVISION'] },
});
add('long-strings', 'a cursor of 100,000 characters', {
  operation: { query: PUBLIC_RESULTS, variables: { after: LONG } },
  expect: { status: 200, codes: ['BAD_USER_INPUT'] },
});
add('long-strings', 'an Authorization header of 100,000 characters', {
  token: 'huge',
  operation: { query: `{ divisions { code } }` },
  expect: { status: 431 },
});
add('long-strings', 'a string literal of 100,000 characters in the document', {
  operation: { query: `{ publicResults(search: "${LONG}") { totalCount } }` },
  expect: EMPTY_OR_REFUSED,
});
add('long-strings', 'an operation name of 100,000 characters', {
  operation: { query: `query ${'Q'.repeat(100_000)} { divisions { code } }` },
  expect: { status: [200, 400], codes: ['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED'], orSuccess: true },
});

// ── control and bidirectional characters ────────────────────────────────────
const INVISIBLE: Array<[string, string]> = [
  ['U+202E (right-to-left override)', '\u202e'],
  ['U+202D (left-to-right override)', '\u202d'],
  ['U+2066 (left-to-right isolate)', '\u2066'],
  ['U+200F (right-to-left mark)', '\u200f'],
  ['NUL', '\u0000'],
  ['BEL', '\u0007'],
  ['ESC', '\u001b'],
  ['U+0085 (next line, C1)', '\u0085'],
  ['U+FEFF (byte order mark)', '\ufeff'],
];
for (const [label, character] of INVISIBLE) {
  add('control-characters', `a task name with ${label}`, {
    token: 'coordinator',
    operation: { query: CREATE, variables: { input: taskInput({ name: `旅馆业${character}抽查` }) } },
    expect: BAD_INPUT,
  });
}
add('control-characters', 'a target name reversed with U+202E', {
  token: 'admin:ZA',
  operation: { query: SAVE_TARGET, variables: { d: 'ZA', input: targetInput({ name: '许昌市\u202e馆旅好美' }) } },
  expect: BAD_INPUT,
});
add('control-characters', 'a target address with NUL', {
  token: 'admin:ZA',
  operation: { query: SAVE_TARGET, variables: { d: 'ZA', input: targetInput({ address: '许昌市\u0000魏都区' }) } },
  expect: BAD_INPUT,
});
add('control-characters', 'a business scope with ESC', {
  token: 'admin:ZA',
  operation: { query: SAVE_TARGET, variables: { d: 'ZA', input: targetInput({ scope: '住宿\u001b[31m服务' }) } },
  expect: BAD_INPUT,
});
add('control-characters', 'an item name with U+2066', {
  token: 'admin:ZA',
  operation: { query: SAVE_ITEM, variables: { d: 'ZA', input: itemInput({ name: '检查\u2066事项' }) } },
  expect: BAD_INPUT,
});
add('control-characters', 'an inspector name with U+200F', {
  token: 'admin:ZA',
  operation: { query: SAVE_INSPECTOR, variables: { d: 'ZA', input: inspectorInput({ name: '张\u200f三' }) } },
  expect: BAD_INPUT,
});
add('control-characters', 'an inspector unit with BEL', {
  token: 'admin:ZA',
  operation: { query: SAVE_INSPECTOR, variables: { d: 'ZA', input: inspectorInput({ unit: '治安\u0007支队' }) } },
  expect: BAD_INPUT,
});
add('control-characters', 'a plan authority with U+202E', {
  token: 'admin:ZA',
  operation: { query: SAVE_PLAN, variables: { d: 'ZA', input: planInput({ authority: '许昌市\u202e局安公' }) } },
  expect: BAD_INPUT,
});
add('control-characters', 'a recusal reason with U+202E', {
  token: 'admin:ZA',
  operation: { query: DECLARE, variables: { d: 'ZA', i: 'ZA-0002', u: VALID_USCC, r: '亲属\u202e关系' } },
  expect: BAD_INPUT,
});
add('control-characters', 'a complaint with U+202E', {
  token: 'coordinator',
  operation: { query: FILE_COMPLAINT, variables: { u: VALID_USCC, s: '举报\u202e内容', on: TODAY } },
  expect: BAD_INPUT,
});
add('control-characters', 'a complaint with NUL', {
  token: 'coordinator',
  operation: { query: FILE_COMPLAINT, variables: { u: VALID_USCC, s: '举报\u0000内容', on: TODAY } },
  expect: BAD_INPUT,
});
add('control-characters', 'a risk flag source with U+FEFF', {
  token: 'coordinator',
  operation: { query: SET_RISK, variables: { u: VALID_USCC, s: '公示系统\ufeff' + '名单' } },
  expect: BAD_INPUT,
});
add('control-characters', 'a cancellation reason with U+202E', {
  token: 'coordinator',
  operation: { query: CANCEL, variables: { id: NO_TASK, r: '撤销\u202e原因' } },
  expect: BAD_INPUT,
});
add('control-characters', 'a public search with U+202E', { operation: { query: PUBLIC_RESULTS, variables: { q: '\u202e旅馆' } }, expect: EMPTY_OR_REFUSED });
add('control-characters', 'a public search with NUL', { operation: { query: PUBLIC_RESULTS, variables: { q: '旅\u0000馆' } }, expect: EMPTY_OR_REFUSED });
add('control-characters', 'a directory search with NUL', {
  token: 'coordinator',
  operation: { query: TARGETS, variables: { d: 'ZA', q: '旅\u0000馆' } },
  expect: EMPTY_OR_REFUSED,
});
add('control-characters', 'an inspector search with NUL', {
  token: 'coordinator',
  operation: { query: INSPECTORS, variables: { d: 'ZA', q: 'ZA-\u0000' } },
  expect: EMPTY_OR_REFUSED,
});
add('control-characters', 'an entity lookup with NUL', {
  operation: { query: MARKET, variables: { u: `${VALID_USCC}\u0000` } },
  expect: GUARD_REFUSAL,
});
add('control-characters', 'a task id with NUL', {
  operation: { query: `query($id: ID!) { inspectionTask(id: $id) { id } }`, variables: { id: `T${YEAR}-0001\u0000` } },
  expect: { ...GUARD_REFUSAL, data: { path: 'inspectionTask', equals: null } },
});

// ── SQL and script fragments ────────────────────────────────────────────────
for (const fragment of ["' OR 1=1 --", "'; DROP TABLE target; --", '%', '_', '\\', '<script>alert(1)</script>', '" onmouseover="alert(1)', '${7*7}{{7*7}}']) {
  add('injection', `a public search for ${JSON.stringify(fragment)}`, {
    operation: { query: PUBLIC_RESULTS, variables: { q: fragment } },
    expect: { success: true },
  });
  add('injection', `a directory search for ${JSON.stringify(fragment)}`, {
    token: 'coordinator',
    operation: { query: TARGETS, variables: { d: 'ZA', q: fragment } },
    expect: { success: true },
  });
}
add('injection', 'a directory category with an SQL fragment finds nothing', {
  token: 'coordinator',
  operation: { query: TARGETS, variables: { d: 'ZA', c: "旅馆' OR '1'='1" } },
  expect: { status: 200, data: { path: 'division.targets.totalCount', equals: 0 } },
});
add('injection', 'a directory search with an SQL fragment finds nothing', {
  token: 'coordinator',
  operation: { query: TARGETS, variables: { d: 'ZA', q: "' OR '1'='1" } },
  expect: { status: 200, data: { path: 'division.targets.totalCount', equals: 0 } },
});
add('injection', 'an inspector search with an SQL fragment', {
  token: 'coordinator',
  operation: { query: INSPECTORS, variables: { d: 'ZA', q: "'; DROP TABLE inspector; --" } },
  expect: { status: 200, data: { path: 'division.inspectors.totalCount', equals: 0 } },
});
add('injection', 'a task id with an SQL fragment', {
  operation: { query: `query($id: ID!) { inspectionTask(id: $id) { id } }`, variables: { id: "1' OR '1'='1" } },
  expect: { status: 200, data: { path: 'inspectionTask', equals: null } },
});
add('injection', 'a publication id with an SQL fragment', {
  operation: { query: `query($id: ID!) { publication(id: $id) { id } }`, variables: { id: "x' OR 1=1 --" } },
  expect: { status: 200, data: { path: 'publication', equals: null } },
});
add('injection', 'a cursor with an SQL fragment', {
  operation: { query: `query($a: String) { inspectionTasks(after: $a) { totalCount } }`, variables: { a: "' OR 1=1" } },
  expect: { status: 200, codes: ['BAD_USER_INPUT'] },
});
add('injection', 'a forged cursor carrying an SQL fragment', {
  operation: { query: PUBLIC_RESULTS, variables: { after: Buffer.from('k:1 OR 1=1', 'utf8').toString('base64url') } },
  expect: { status: 200, codes: ['BAD_USER_INPUT'] },
});
add('injection', 'a division code with an SQL fragment', {
  operation: { query: `{ division(code: "ZA' OR '1'='1") { name } }` },
  expect: { status: 200, codes: ['UNKNOWN_DIVISION'] },
});
add('injection', 'a division code with a script', {
  operation: { query: `{ division(code: "<script>alert(1)</script>") { name } }` },
  expect: { status: 200, codes: ['UNKNOWN_DIVISION'] },
});
add('injection', 'saveTarget for a division code with an SQL fragment', {
  token: 'admin:ZA',
  operation: { query: SAVE_TARGET, variables: { d: "ZA'; --", input: targetInput() } },
  expect: { status: 200, codes: ['UNKNOWN_DIVISION'] },
});
add('injection', 'a task item code with an SQL fragment', {
  token: 'coordinator',
  operation: { query: CREATE, variables: { input: taskInput({ items: [{ division: 'ZA', code: "ZA-001' OR '1'='1" }] }) } },
  expect: { status: 200, codes: ['UNKNOWN_ITEM'] },
});
add('injection', 'a task item division with a script', {
  token: 'coordinator',
  operation: { query: CREATE, variables: { input: taskInput({ items: [{ division: '<script>', code: 'ZA-001' }] }) } },
  expect: { status: 200, codes: ['UNKNOWN_DIVISION'] },
});
add('injection', 'a lead division with an SQL fragment', {
  token: 'coordinator',
  operation: { query: CREATE, variables: { input: taskInput({ leadDivision: "ZA' --" }) } },
  expect: BAD_INPUT,
});
add('injection', 'a target category with an SQL fragment', {
  token: 'admin:ZA',
  operation: { query: SAVE_TARGET, variables: { d: 'ZA', input: targetInput({ categories: ["旅馆' OR 1=1"] }) } },
  expect: BAD_INPUT,
});
add('injection', 'a target category with LIKE wildcards', {
  token: 'admin:ZA',
  operation: { query: SAVE_TARGET, variables: { d: 'ZA', input: targetInput({ categories: ['%'] }) } },
  expect: BAD_INPUT,
});
add('injection', 'a target category with the list separator', {
  token: 'admin:ZA',
  operation: { query: SAVE_TARGET, variables: { d: 'ZA', input: targetInput({ categories: ['旅馆|网吧'] }) } },
  expect: BAD_INPUT,
});
add('injection', 'an item code with an SQL fragment', {
  token: 'admin:ZA',
  operation: { query: SAVE_ITEM, variables: { d: 'ZA', input: itemInput({ code: "ZA-001'; DROP TABLE check_item; --" }) } },
  expect: BAD_INPUT,
});
add('injection', 'an item category with LIKE wildcards', {
  token: 'admin:ZA',
  operation: { query: SAVE_ITEM, variables: { d: 'ZA', input: itemInput({ targetCategory: '旅馆|%' }) } },
  expect: BAD_INPUT,
});
add('injection', 'a plan item with an SQL fragment', {
  token: 'admin:ZA',
  operation: { query: SAVE_PLAN, variables: { d: 'ZA', input: planInput({ items: ["ZA-001' OR 1=1"] }) } },
  expect: BAD_INPUT,
});
add('injection', 'an assignment id with an SQL fragment', {
  token: 'inspector:ZA-0002',
  operation: { query: RECORD, variables: { a: "' OR 1=1 --", item: { division: 'ZA', code: 'ZA-001' }, input: resultInput() } },
  expect: { status: 200, codes: ['NOT_FOUND'] },
});
add('injection', 'an audit trail subject with an SQL fragment', {
  token: 'supervisor',
  operation: { query: `query($s: String) { auditTrail(subject: $s) { totalCount } }`, variables: { s: "task:*' OR 1=1 --" } },
  expect: { status: 200, data: { path: 'auditTrail.totalCount', equals: 0 } },
});
add('injection', 'a Date literal with an SQL fragment', {
  operation: { query: `{ workingDays(from: "${TODAY}' OR 1=1", add: 1) { date } }` },
  expect: BAD_DATE_LITERAL,
});
add('injection', 'an inspector id with a path traversal', {
  token: 'admin:ZA',
  operation: { query: DECLARE, variables: { d: 'ZA', i: '../../etc/passwd', u: VALID_USCC, r: '亲属关系' } },
  expect: { status: 200, codes: ['NOT_FOUND'] },
});

// ── negative and huge numbers ───────────────────────────────────────────────
const TWO_31 = 2 ** 31;
const numberCases: Array<[string, Record<string, unknown>, typeof BAD_INPUT]> = [
  ['ratioBp -1', { ratioBp: -1 }, BAD_INPUT],
  ['ratioBp 0', { ratioBp: 0 }, BAD_INPUT],
  ['ratioBp and highRiskRatioBp 10001', { ratioBp: 10001, highRiskRatioBp: 10001 }, BAD_INPUT],
  ['ratioBp 2^31', { ratioBp: TWO_31 }, BAD_VARIABLE],
  ['ratioBp -2^31 - 1', { ratioBp: -TWO_31 - 1 }, BAD_VARIABLE],
  ['ratioBp 1e308', { ratioBp: 1e308 }, BAD_VARIABLE],
  ['highRiskRatioBp 2^31 - 1', { highRiskRatioBp: TWO_31 - 1 }, BAD_INPUT],
  ['highRiskRatioBp below ratioBp', { ratioBp: 3000, highRiskRatioBp: 2000 }, BAD_INPUT],
  ['inspectorsPerDivision -1', { inspectorsPerDivision: -1 }, BAD_INPUT],
  ['inspectorsPerDivision 0', { inspectorsPerDivision: 0 }, BAD_INPUT],
  ['inspectorsPerDivision 11', { inspectorsPerDivision: 11 }, BAD_INPUT],
  ['inspectorsPerDivision 2^31 - 1', { inspectorsPerDivision: TWO_31 - 1 }, BAD_INPUT],
  ['year -1', { year: -1 }, BAD_INPUT],
  ['year 0', { year: 0 }, BAD_INPUT],
  ['year 1999', { year: 1999 }, BAD_INPUT],
  ['year 2101', { year: 2101 }, BAD_INPUT],
  ['year 2^31', { year: TWO_31 }, BAD_VARIABLE],
  ['year 1e308', { year: 1e308 }, BAD_VARIABLE],
];
for (const [label, overrides, expected] of numberCases)
  add('numbers', `createInspectionTask with ${label}`, {
    token: 'coordinator',
    operation: { query: CREATE, variables: { input: taskInput(overrides) } },
    expect: expected,
  });
const itemNumbers: Array<[string, Record<string, unknown>, typeof BAD_INPUT]> = [
  ['ratioBp -1', { ratioBp: -1 }, BAD_INPUT],
  ['ratioBp 10001', { ratioBp: 10001 }, BAD_INPUT],
  ['ratioBp 2^31', { ratioBp: TWO_31 }, BAD_VARIABLE],
  ['ratioBp 1e308', { ratioBp: 1e308 }, BAD_VARIABLE],
  ['timesPerYear 0', { timesPerYear: 0 }, BAD_INPUT],
  ['timesPerYear -1', { timesPerYear: -1 }, BAD_INPUT],
  ['timesPerYear 367', { timesPerYear: 367 }, BAD_INPUT],
  ['timesPerYear 2^31', { timesPerYear: TWO_31 }, BAD_VARIABLE],
];
for (const [label, overrides, expected] of itemNumbers)
  add('numbers', `saveCheckItem with ${label}`, {
    token: 'admin:ZA',
    operation: { query: SAVE_ITEM, variables: { d: 'ZA', input: itemInput(overrides) } },
    expect: expected,
  });
add('numbers', 'savePlanEntry with ratioBp 0', {
  token: 'admin:ZA',
  operation: { query: SAVE_PLAN, variables: { d: 'ZA', input: planInput({ ratioBp: 0 }) } },
  expect: BAD_INPUT,
});
add('numbers', 'savePlanEntry with ratioBp -1', {
  token: 'admin:ZA',
  operation: { query: SAVE_PLAN, variables: { d: 'ZA', input: planInput({ ratioBp: -1 }) } },
  expect: BAD_INPUT,
});
add('numbers', 'savePlanEntry with year 2^31', {
  token: 'admin:ZA',
  operation: { query: SAVE_PLAN, variables: { d: 'ZA', input: planInput({ year: TWO_31 }) } },
  expect: BAD_VARIABLE,
});
for (const [label, add_, expected] of [
  ['-1', -1, BAD_INPUT],
  ['1001', 1001, BAD_INPUT],
  ['-2^31', -TWO_31, BAD_INPUT],
  ['2^31', TWO_31, BAD_VARIABLE],
  ['1e308', 1e308, BAD_VARIABLE],
] as Array<[string, number, typeof BAD_INPUT]>) {
  add('numbers', `workingDays with add ${label}`, { operation: { query: WORKING_DAYS, variables: { from: TODAY, add: add_ } }, expect: expected });
}
for (const [label, first, expected] of [
  ['-1', -1, BAD_INPUT],
  ['501', 501, BAD_INPUT],
  ['2^31', TWO_31, BAD_VARIABLE],
  ['1e308', 1e308, BAD_VARIABLE],
] as Array<[string, number, typeof BAD_INPUT]>) {
  add('numbers', `publicResults with first ${label}`, { operation: { query: PUBLIC_RESULTS, variables: { first } }, expect: expected });
}
add('numbers', 'a directory page of -1 entries', { token: 'coordinator', operation: { query: TARGETS, variables: { d: 'ZA', first: -1 } }, expect: BAD_INPUT });
add('numbers', 'a directory page of 100,000 entries', {
  token: 'coordinator',
  operation: { query: TARGETS, variables: { d: 'ZA', first: 100_000 } },
  expect: TOO_EXPENSIVE,
});
add('numbers', 'an assignment page of 100,000 entries', {
  token: 'inspector:ZA-0002',
  operation: { query: `{ myAssignments(first: 100000) { totalCount } }` },
  expect: TOO_EXPENSIVE,
});
add('numbers', 'inspectionTasks for year 2^31', { operation: { query: `{ inspectionTasks(year: 2147483648) { totalCount } }` }, expect: INVALID_DOCUMENT });
add('numbers', 'publicOutcomeSummary for year 1e308', {
  operation: { query: `query($y: Int!) { publicOutcomeSummary(year: $y) { count } }`, variables: { y: 1e308 } },
  expect: BAD_VARIABLE,
});
add('numbers', 'closeComplaint for complaint -1', {
  token: 'coordinator',
  operation: { query: `mutation { closeComplaint(id: "-1") { id } }` },
  expect: { status: 200, codes: ['NOT_FOUND'] },
});
add('numbers', 'closeComplaint for complaint 1e308', {
  token: 'coordinator',
  operation: { query: `mutation { closeComplaint(id: "1e308") { id } }` },
  expect: { status: 200, codes: ['NOT_FOUND'] },
});
add('numbers', 'closeComplaint for a complaint id that is not a number', {
  token: 'coordinator',
  operation: { query: `mutation { closeComplaint(id: "abc") { id } }` },
  expect: { status: 200, codes: ['NOT_FOUND', 'BAD_USER_INPUT'] },
});
add('numbers', 'loadCalendarYear for year -1', {
  token: 'supervisor',
  operation: { query: LOAD_CALENDAR, variables: { input: { year: -1, holidays: [], workdays: [] } } },
  expect: BAD_INPUT,
});
add('numbers', 'loadCalendarYear for year 2^31', {
  token: 'supervisor',
  operation: { query: LOAD_CALENDAR, variables: { input: { year: TWO_31, holidays: [], workdays: [] } } },
  expect: BAD_VARIABLE,
});

// ── impossible dates ────────────────────────────────────────────────────────
const IMPOSSIBLE_DATES = [
  `${YEAR}-02-30`,
  `${YEAR}-13-01`,
  `${YEAR}1301`,
  `${YEAR}-00-10`,
  `${YEAR}-01-32`,
  `${YEAR}-1-5`,
  `${YEAR}/01/05`,
  '2026-02-29',
  '0000-00-00',
  '9999-12-31',
  `${YEAR}-01-05T00:00:00Z`,
  ` ${YEAR}-12-05`,
  FULL_WIDTH(`${YEAR}-12-05`),
  '',
];
for (const date of IMPOSSIBLE_DATES) {
  add('dates', `a task period ending on ${JSON.stringify(date)}`, {
    token: 'coordinator',
    operation: { query: CREATE, variables: { input: taskInput({ periodEnd: date }) } },
    expect: BAD_DATE_VARIABLE,
  });
}
add('dates', 'a task period starting on 2026-02-30', {
  token: 'coordinator',
  operation: { query: CREATE, variables: { input: taskInput({ periodStart: '2026-02-30' }) } },
  expect: BAD_DATE_VARIABLE,
});
add('dates', 'workingDays from a Date literal 2026-02-30', {
  operation: { query: `{ workingDays(from: "2026-02-30", add: 1) { date } }` },
  expect: BAD_DATE_LITERAL,
});
add('dates', 'workingDays from a Date literal 20261301', {
  operation: { query: `{ workingDays(from: "20261301", add: 1) { date } }` },
  expect: BAD_DATE_LITERAL,
});
add('dates', 'workingDays from a number literal', { operation: { query: `{ workingDays(from: 20261301, add: 1) { date } }` }, expect: BAD_DATE_LITERAL });
add('dates', 'a complaint received on 2026-13-01', {
  token: 'coordinator',
  operation: { query: FILE_COMPLAINT, variables: { u: VALID_USCC, s: '群众举报', on: '2026-13-01' } },
  expect: BAD_DATE_VARIABLE,
});
add('dates', 'a complaint received in the future', {
  token: 'coordinator',
  operation: { query: FILE_COMPLAINT, variables: { u: VALID_USCC, s: '群众举报', on: '2999-01-01' } },
  expect: BAD_INPUT,
});
add('dates', 'a certificate valid until 2026-02-30', {
  token: 'admin:ZA',
  operation: { query: SAVE_INSPECTOR, variables: { d: 'ZA', input: inspectorInput({ certificateValidUntil: '2026-02-30' }) } },
  expect: BAD_DATE_VARIABLE,
});
add('dates', 'a plan period starting on 20261301', {
  token: 'admin:ZA',
  operation: { query: SAVE_PLAN, variables: { d: 'ZA', input: planInput({ periodStart: '20261301' }) } },
  expect: BAD_DATE_VARIABLE,
});
add('dates', 'a calendar with a holiday on 2027-02-30', {
  token: 'supervisor',
  operation: { query: LOAD_CALENDAR, variables: { input: { year: 2027, holidays: ['2027-02-30'], workdays: [] } } },
  expect: BAD_DATE_VARIABLE,
});
add('dates', 'a calendar with a holiday in another year', {
  token: 'supervisor',
  operation: { query: LOAD_CALENDAR, variables: { input: { year: 2027, holidays: ['2028-10-02'], workdays: [] } } },
  expect: BAD_INPUT,
});
add('dates', 'a result inspected on 2026-13-01', {
  token: 'inspector:ZA-0002',
  operation: { query: RECORD, variables: { a: `${NO_TASK}-001`, item: { division: 'ZA', code: 'ZA-001' }, input: resultInput({ inspectedOn: '2026-13-01' }) } },
  expect: BAD_DATE_VARIABLE,
});

// ── periods ending before they start ────────────────────────────────────────
add('periods', 'a task period ending the day before it starts', {
  token: 'coordinator',
  operation: { query: CREATE, variables: { input: taskInput({ periodEnd: addDays(TODAY, -1) }) } },
  expect: BAD_INPUT,
});
add('periods', 'a task period ending years before it starts', {
  token: 'coordinator',
  operation: { query: CREATE, variables: { input: taskInput({ periodEnd: '2000-01-01' }) } },
  expect: BAD_INPUT,
});
add('periods', 'a task period starting in another year', {
  token: 'coordinator',
  operation: { query: CREATE, variables: { input: taskInput({ periodStart: `${YEAR - 1}-12-31` }) } },
  expect: BAD_INPUT,
});
add('periods', 'a plan period ending before it starts', {
  token: 'admin:ZA',
  operation: { query: SAVE_PLAN, variables: { d: 'ZA', input: planInput({ periodStart: `${YEAR}-06-01`, periodEnd: `${YEAR}-05-31` }) } },
  expect: BAD_INPUT,
});

// ── unknown divisions, items, tasks ─────────────────────────────────────────
for (const code of ['XX', 'JD', 'za', 'ZA ', '', 'ZA,WA']) {
  add('unknown-references', `division(code: ${JSON.stringify(code)})`, {
    operation: { query: `query($c: ID!) { division(code: $c) { name } }`, variables: { c: code } },
    expect: { status: 200, codes: ['UNKNOWN_DIVISION'] },
  });
}
add('unknown-references', 'saveTarget for a division that is not configured', {
  token: 'admin:ZA',
  operation: { query: SAVE_TARGET, variables: { d: 'XX', input: targetInput() } },
  expect: { status: 200, codes: ['UNKNOWN_DIVISION'] },
});
add('unknown-references', 'a task item of an unknown division', {
  token: 'coordinator',
  operation: { query: CREATE, variables: { input: taskInput({ items: [{ division: 'XX', code: 'XX-001' }] }) } },
  expect: { status: 200, codes: ['UNKNOWN_DIVISION'] },
});
add('unknown-references', 'a task item that does not exist', {
  token: 'coordinator',
  operation: { query: CREATE, variables: { input: taskInput({ items: [{ division: 'ZA', code: 'ZA-404' }] }) } },
  expect: { status: 200, codes: ['UNKNOWN_ITEM'] },
});
add('unknown-references', 'a task without items', {
  token: 'coordinator',
  operation: { query: CREATE, variables: { input: taskInput({ items: [] }) } },
  expect: BAD_INPUT,
});
add('unknown-references', 'a task naming the same item twice', {
  token: 'coordinator',
  operation: {
    query: CREATE,
    variables: {
      input: taskInput({
        items: [
          { division: 'ZA', code: 'ZA-001' },
          { division: 'ZA', code: 'ZA-001' },
        ],
      }),
    },
  },
  expect: BAD_INPUT,
});
add('unknown-references', 'a lead division that takes no part', {
  token: 'coordinator',
  operation: { query: CREATE, variables: { input: taskInput({ leadDivision: 'WA' }) } },
  expect: BAD_INPUT,
});
add('unknown-references', 'a plan entry for an item that does not exist', {
  token: 'admin:ZA',
  operation: { query: SAVE_PLAN, variables: { d: 'ZA', input: planInput({ items: ['ZA-404'] }) } },
  expect: BAD_INPUT,
});
add('unknown-references', 'a recusal for an inspector who does not exist', {
  token: 'admin:ZA',
  operation: { query: DECLARE, variables: { d: 'ZA', i: 'ZA-9999', u: VALID_USCC, r: '亲属关系' } },
  expect: { status: 200, codes: ['NOT_FOUND'] },
});
add('unknown-references', 'a result for an item of an unknown division', {
  token: 'inspector:ZA-0002',
  operation: { query: RECORD, variables: { a: `${NO_TASK}-001`, item: { division: 'XX', code: 'XX-1' }, input: resultInput() } },
  expect: { status: 200, codes: ['NOT_FOUND'] },
});
add('unknown-references', 'a task that does not exist', {
  operation: { query: `{ inspectionTask(id: "${NO_TASK}") { id } }` },
  expect: { status: 200, data: { path: 'inspectionTask', equals: null } },
});
add('unknown-references', 'committing a task that does not exist', {
  token: 'coordinator',
  operation: { query: `mutation { commitInspectionTask(id: "${NO_TASK}") { id } }` },
  expect: { status: 200, codes: ['NOT_FOUND'] },
});
add('unknown-references', 'drawing a task that does not exist', {
  token: 'coordinator',
  operation: { query: DRAW, variables: { id: NO_TASK, b: 'beacon' } },
  expect: { status: 200, codes: ['NOT_FOUND'] },
});
add('unknown-references', 'publishing a task that does not exist', {
  token: 'coordinator',
  operation: { query: `mutation { publishInspectionTask(id: "${NO_TASK}") { id } }` },
  expect: { status: 200, codes: ['NOT_FOUND'] },
});
add('unknown-references', 'cancelling a task that does not exist', {
  token: 'coordinator',
  operation: { query: CANCEL, variables: { id: NO_TASK, r: '撤销' } },
  expect: { status: 200, codes: ['NOT_FOUND'] },
});
add('unknown-references', 'updating a task that does not exist', {
  token: 'coordinator',
  operation: {
    query: `mutation($input: InspectionTaskInput!) { updateInspectionTask(id: "${NO_TASK}", input: $input) { id } }`,
    variables: { input: taskInput() },
  },
  expect: { status: 200, codes: ['NOT_FOUND'] },
});
add('unknown-references', 'closing a complaint that does not exist', {
  token: 'coordinator',
  operation: { query: `mutation { closeComplaint(id: "999999") { id } }` },
  expect: { status: 200, codes: ['NOT_FOUND'] },
});
add('unknown-references', 'amending a result of an assignment that does not exist', {
  token: 'coordinator',
  operation: { query: AMEND, variables: { a: `${NO_TASK}-001`, item: { division: 'ZA', code: 'ZA-001' }, input: resultInput(), r: '更正' } },
  expect: { status: 200, codes: ['NOT_FOUND'] },
});
add('unknown-references', 'publications of an unknown lead division', {
  operation: { query: `{ publications(leadDivision: "XX") { totalCount } }` },
  expect: { status: 200, data: { path: 'publications.totalCount', equals: 0 } },
});

// ── depth, alias, token and directive bombs ─────────────────────────────────
const nested = (depth: number) => {
  let selection = 'id';
  for (let i = 0; i < depth; i++)
    selection = i % 2 === 0 ? `task { assignments { edges { node { ${selection} } } } }` : `assignments { edges { node { ${selection} } } }`;
  return `{ inspectionTasks { edges { node { ${selection} } } } }`;
};
add('bombs', 'a query nested 20 levels deep', { operation: { query: nested(6) }, expect: INVALID_DOCUMENT });
add('bombs', 'a query nested 40 levels deep through fragments', {
  operation: {
    query: `query { inspectionTasks { edges { node { ...A } } } }
      fragment A on InspectionTask { assignments { edges { node { task { ...B } } } } }
      fragment B on InspectionTask { assignments { edges { node { task { ...C } } } } }
      fragment C on InspectionTask { assignments { edges { node { task { ...D } } } } }
      fragment D on InspectionTask { assignments { edges { node { task { id } } } } }`,
  },
  expect: INVALID_DOCUMENT,
});
add('bombs', '31 aliases', {
  operation: { query: `{ ${Array.from({ length: 31 }, (_, i) => `a${i}: divisions { code }`).join(' ')} }` },
  expect: INVALID_DOCUMENT,
});
add('bombs', '500 aliases of an expensive field', {
  token: 'coordinator',
  operation: { query: `{ ${Array.from({ length: 500 }, (_, i) => `a${i}: inspectionTasks { totalCount }`).join(' ')} }` },
  expect: { status: 400, codes: ['GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED'] },
});
add('bombs', '4,000 tokens', {
  operation: { query: `{ divisions { ${'code '.repeat(4000)} } }` },
  expect: { status: 400, codes: ['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED'] },
});
add('bombs', '10,000 nested selection sets', {
  operation: { query: `${'{ divisions '.repeat(10_000)}${'}'.repeat(10_000)}` },
  expect: { status: 400, codes: ['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED'] },
});
add('bombs', '50 @include directives on one field', {
  operation: { query: `{ divisions ${'@include(if: true) '.repeat(50)} { code } }` },
  expect: INVALID_DOCUMENT,
});
add('bombs', '50 unknown directives', { operation: { query: `{ divisions ${'@bomb '.repeat(50)} { code } }` }, expect: INVALID_DOCUMENT });
add('bombs', 'fragments that spread each other', {
  operation: { query: `{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }` },
  expect: INVALID_DOCUMENT,
});
add('bombs', 'a fragment that spreads itself', { operation: { query: `{ ...A } fragment A on Query { divisions { code } ...A }` }, expect: INVALID_DOCUMENT });
add('bombs', 'an expensive page of pages', {
  token: 'coordinator',
  operation: {
    query: `{ inspectionTasks(first: 500) { edges { node { assignments(first: 500) { edges { node { targets { name address } inspectors { name assignments { id results { outcome } } } results { outcome } } } } } } } }`,
  },
  expect: TOO_EXPENSIVE,
});
add('bombs', 'a list variable nested 10,000 lists deep', {
  token: 'supervisor',
  http: {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: `{"query": "mutation($h: [Date!]!) { loadCalendarYear(input: { year: 2031, holidays: $h, workdays: [] }) { year } }", "variables": {"h": ${'['.repeat(10_000)}${']'.repeat(10_000)}}}`,
  },
  expect: BAD_DATE_VARIABLE,
});
add('bombs', 'an input variable nested 10,000 objects deep', {
  token: 'coordinator',
  http: {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: `{"query": ${JSON.stringify(CREATE)}, "variables": {"input": ${'{"items":'.repeat(10_000)}1${'}'.repeat(10_000)}}}`,
  },
  expect: BAD_VARIABLE,
});
add('bombs', '100 operations without an operation name', {
  operation: { query: Array.from({ length: 100 }, (_, i) => `query Q${i} { divisions { code } }`).join('\n') },
  expect: { status: 400, codes: ['OPERATION_RESOLUTION_FAILURE', 'BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED', 'BAD_REQUEST'] },
});
add('bombs', 'two operations with the same name', {
  operation: { query: `query A { divisions { code } } query A { divisions { name } }`, operationName: 'A' },
  expect: INVALID_DOCUMENT,
});
add('bombs', 'an operation name that is not in the document', {
  operation: { query: `query A { divisions { code } }`, operationName: 'B' },
  expect: { status: 400, codes: ['OPERATION_RESOLUTION_FAILURE', 'BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED'] },
});
add('bombs', 'the internal pool query', {
  token: 'coordinator',
  operation: { query: `{ drawPool(division: "ZA", categories: ["旅馆"]) { division } }` },
  expect: INVALID_DOCUMENT,
});
add('bombs', 'the internal directory statistics', {
  token: 'coordinator',
  operation: { query: `{ directoryStats(division: "ZA", categories: ["旅馆"]) { activeInspectors } }` },
  expect: INVALID_DOCUMENT,
});
add('bombs', 'the federation _service field', { operation: { query: `{ _service { sdl } }` }, expect: INVALID_DOCUMENT });
add('bombs', 'the federation _entities field', {
  operation: { query: `{ _entities(representations: [{ __typename: "Inspector", division: "ZA", id: "ZA-0001" }]) { ... on Inspector { name } } }` },
  expect: INVALID_DOCUMENT,
});

// ── batched requests ─────────────────────────────────────────────────────────
const json = { 'content-type': 'application/json' };
add('batching', 'two operations in one array', {
  http: { method: 'POST', headers: json, body: JSON.stringify([{ query: '{ divisions { code } }' }, { query: '{ divisions { name } }' }]) },
  expect: { status: 400 },
});
add('batching', 'an empty array', { http: { method: 'POST', headers: json, body: '[]' }, expect: { status: 400 } });
add('batching', 'a nested array', {
  http: { method: 'POST', headers: json, body: JSON.stringify([[{ query: '{ divisions { code } }' }]]) },
  expect: { status: 400 },
});
add('batching', '1,000 operations in one array', {
  http: { method: 'POST', headers: json, body: JSON.stringify(Array.from({ length: 1000 }, () => ({ query: '{ divisions { code } }' }))) },
  expect: { status: 400 },
});
add('batching', 'a batch of mutations', {
  token: 'coordinator',
  http: {
    method: 'POST',
    headers: json,
    body: JSON.stringify([{ query: 'mutation { closeComplaint(id: "1") { id } }' }, { query: 'mutation { closeComplaint(id: "2") { id } }' }]),
  },
  expect: { status: 400 },
});

// ── GET ──────────────────────────────────────────────────────────────────────
const preflight = { 'apollo-require-preflight': 'true' };
const searchOf = (query: string, variables?: unknown) =>
  `?query=${encodeURIComponent(query)}${variables ? `&variables=${encodeURIComponent(JSON.stringify(variables))}` : ''}`;
add('get', 'a mutation over GET', {
  token: 'coordinator',
  http: {
    method: 'GET',
    headers: preflight,
    search: searchOf(`mutation { fileComplaint(uscc: "${VALID_USCC}", summary: "GET", receivedOn: "${TODAY}") { id } }`),
  },
  expect: { status: 405 },
});
add('get', 'a mutation over GET without the preflight header', {
  token: 'coordinator',
  http: { method: 'GET', search: searchOf(`mutation { fileComplaint(uscc: "${VALID_USCC}", summary: "GET", receivedOn: "${TODAY}") { id } }`) },
  expect: { status: [400, 405] },
});
add('get', 'a mutation over GET with an operation name', {
  token: 'admin:ZA',
  http: {
    method: 'GET',
    headers: preflight,
    search: `${searchOf(`query Q { divisions { code } } mutation M { declareConflict(division: "ZA", inspector: "ZA-0002", uscc: "${VALID_USCC}", reason: "GET") { id } }`)}&operationName=M`,
  },
  expect: { status: 405 },
});
add('get', 'a query over GET without the preflight header (CSRF)', {
  http: { method: 'GET', search: searchOf('{ divisions { code } }') },
  expect: { status: 400 },
});
add('get', 'GET without a query', { http: { method: 'GET', headers: preflight, search: '?variables=%7B%7D' }, expect: { status: 400 } });
add('get', 'GET with variables that are not JSON', {
  http: { method: 'GET', headers: preflight, search: `?query=${encodeURIComponent('{ divisions { code } }')}&variables=%7Bnot-json` },
  expect: { status: 400 },
});
add('get', 'PUT', { http: { method: 'PUT', headers: json, body: JSON.stringify({ query: '{ divisions { code } }' }) }, expect: { status: [404, 405] } });
add('get', 'DELETE', { http: { method: 'DELETE' }, expect: { status: [400, 404, 405] } });
add('get', 'PATCH with a mutation', {
  token: 'coordinator',
  http: { method: 'PATCH', headers: json, body: JSON.stringify({ query: `mutation { closeComplaint(id: "1") { id } }` }) },
  expect: { status: [404, 405] },
});

// ── wrong content types ─────────────────────────────────────────────────────
const bodyOf = (query: string) => JSON.stringify({ query });
add('content-type', 'JSON sent as text/plain', {
  http: { method: 'POST', headers: { 'content-type': 'text/plain' }, body: bodyOf('{ divisions { code } }') },
  expect: BAD_HTTP,
});
add('content-type', 'a mutation sent as text/plain (CSRF)', {
  token: 'coordinator',
  http: {
    method: 'POST',
    headers: { 'content-type': 'text/plain' },
    body: bodyOf(`mutation { fileComplaint(uscc: "${VALID_USCC}", summary: "CSRF", receivedOn: "${TODAY}") { id } }`),
  },
  expect: BAD_HTTP,
});
add('content-type', 'a form-encoded query', {
  http: { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `query=${encodeURIComponent('{ divisions { code } }')}` },
  expect: BAD_HTTP,
});
add('content-type', 'a form-encoded mutation (CSRF)', {
  token: 'coordinator',
  http: {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `query=${encodeURIComponent(`mutation { fileComplaint(uscc: "${VALID_USCC}", summary: "CSRF", receivedOn: "${TODAY}") { id } }`)}`,
  },
  expect: BAD_HTTP,
});
add('content-type', 'multipart/form-data', {
  http: {
    method: 'POST',
    headers: { 'content-type': 'multipart/form-data; boundary=x' },
    body: `--x\r\nContent-Disposition: form-data; name="query"\r\n\r\n{ divisions { code } }\r\n--x--\r\n`,
  },
  expect: BAD_HTTP,
});
add('content-type', 'no content type at all', { http: { method: 'POST', body: bodyOf('{ divisions { code } }') }, expect: BAD_HTTP });
add('content-type', 'application/graphql', {
  http: { method: 'POST', headers: { 'content-type': 'application/graphql' }, body: '{ divisions { code } }' },
  expect: BAD_HTTP,
});
add('content-type', 'application/xml', {
  http: { method: 'POST', headers: { 'content-type': 'application/xml' }, body: '<query>{ divisions { code } }</query>' },
  expect: BAD_HTTP,
});
add('content-type', 'JSON in an unsupported charset', {
  http: { method: 'POST', headers: { 'content-type': 'application/json; charset=latin1' }, body: bodyOf('{ divisions { code } }') },
  expect: BAD_HTTP,
});
add('content-type', 'JSON with a content encoding it is not in', {
  http: { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: bodyOf('{ divisions { code } }') },
  expect: BAD_HTTP,
});
add('content-type', 'JSON with an unknown content encoding', {
  http: { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'bomb' }, body: bodyOf('{ divisions { code } }') },
  expect: BAD_HTTP,
});

// ── oversized bodies ────────────────────────────────────────────────────────
const PAD_3MB = 'x'.repeat(3 * 1024 * 1024);
add('size', 'a 3 MB JSON body', {
  http: { method: 'POST', headers: json, body: JSON.stringify({ query: '{ divisions { code } }', variables: { pad: PAD_3MB } }) },
  expect: { status: 413, codes: ['PAYLOAD_TOO_LARGE'] },
});
add('size', 'a 3 MB query document', {
  http: { method: 'POST', headers: json, body: JSON.stringify({ query: `{ divisions { code } } # ${PAD_3MB}` }) },
  expect: { status: 413, codes: ['PAYLOAD_TOO_LARGE'] },
});
add('size', 'a 1.5 MB JSON body', {
  http: { method: 'POST', headers: json, body: JSON.stringify({ query: '{ divisions { code } }', variables: { pad: 'y'.repeat(1.5 * 1024 * 1024) } }) },
  expect: { status: 413, codes: ['PAYLOAD_TOO_LARGE'] },
});
add('size', 'a 3 MB text/plain body', {
  http: { method: 'POST', headers: { 'content-type': 'text/plain' }, body: PAD_3MB },
  expect: { status: [400, 413, 415] },
});
add('size', 'a 3 MB body of import rows', {
  token: 'admin:ZA',
  http: {
    method: 'POST',
    headers: json,
    body: JSON.stringify({
      query: IMPORT_TARGETS,
      variables: { d: 'ZA', rows: Array.from({ length: 12_000 }, (_, i) => targetInput({ name: `批量导入测试${i}${'名'.repeat(80)}` })) },
    }),
  },
  expect: { status: 413, codes: ['PAYLOAD_TOO_LARGE'] },
});

// ── malformed JSON and request shapes ───────────────────────────────────────
const malformed: Array<[string, string, HostileCase['expect']]> = [
  ['an unterminated object', '{', { status: 400 }],
  ['a missing value', '{"query": }', { status: 400 }],
  ['a trailing comma', '{"query": "{ divisions { code } }",}', { status: 400 }],
  ['single quotes', "{'query': '{ divisions { code } }'}", { status: 400 }],
  ['a NUL byte after the object', '{"query": "{ divisions { code } }"}\u0000', { status: 400 }],
  ['two objects', '{"query": "{ divisions { code } }"}{"query": "{ divisions { code } }"}', { status: 400 }],
  ['null', 'null', { status: 400 }],
  ['a string', '"{ divisions { code } }"', { status: 400 }],
  ['a number', '123', { status: 400 }],
  ['true', 'true', { status: 400 }],
  ['an empty body', '', { status: 400 }],
  ['an empty object', '{}', { status: 400 }],
  ['a query that is a number', '{"query": 123}', { status: 400 }],
  ['a query that is a list', '{"query": ["{ divisions { code } }"]}', { status: 400 }],
  ['a query that is null', '{"query": null}', { status: 400 }],
  ['an empty query', '{"query": ""}', { status: 400 }],
  ['variables that are a string', '{"query": "{ divisions { code } }", "variables": "{}"}', { status: 400 }],
  ['variables that are a list', '{"query": "{ divisions { code } }", "variables": [1, 2]}', { status: 400 }],
  ['an operation name that is a number', '{"query": "{ divisions { code } }", "operationName": 5}', { status: 400 }],
  ['extensions that are a string', '{"query": "{ divisions { code } }", "extensions": "x"}', { status: 400 }],
  [
    'a persisted query whose hash does not match',
    '{"query": "{ divisions { code } }", "extensions": {"persistedQuery": {"version": 1, "sha256Hash": "0000"}}}',
    { status: 400 },
  ],
  ['a persisted query of an unknown version', `{"extensions": {"persistedQuery": {"version": 2, "sha256Hash": "${'a'.repeat(64)}"}}}`, { status: 400 }],
  [
    'an unknown persisted query',
    `{"extensions": {"persistedQuery": {"version": 1, "sha256Hash": "${'b'.repeat(64)}"}}}`,
    { status: [200, 400], codes: ['PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_SUPPORTED'] },
  ],
  ['a document that does not parse', '{"query": "{"}', { status: 400, codes: ['GRAPHQL_PARSE_FAILED'] }],
  ['a lone keyword', '{"query": "mutation"}', { status: 400, codes: ['GRAPHQL_PARSE_FAILED'] }],
  ['trailing garbage after the document', '{"query": "{ divisions { code } } garbage"}', { status: 400, codes: ['GRAPHQL_PARSE_FAILED'] }],
  ['a NUL character in the document', '{"query": "{ divisions \\u0000 { code } }"}', { status: 400, codes: ['GRAPHQL_PARSE_FAILED'] }],
  ['an unterminated string in the document', '{"query": "{ publicResults(search: \\"abc) { totalCount } }"}', { status: 400, codes: ['GRAPHQL_PARSE_FAILED'] }],
  ['a JSON body 10,000 objects deep', `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`, { status: 400 }],
];
for (const [label, body, expected] of malformed) add('malformed', label, { http: { method: 'POST', headers: json, body }, expect: expected });

// ── tokens ──────────────────────────────────────────────────────────────────
const TOKEN_CASES: Array<[TokenKind, string]> = [
  ['expired', 'an expired token'],
  ['issued-in-the-future', 'a token issued a day in the future'],
  ['not-yet-valid', 'a token not valid before tomorrow'],
  ['wrong-key', 'a token signed with another key'],
  ['signed-with-context-secret', 'a token signed with the gateway-to-subgraph key'],
  ['alg-none', 'an unsigned alg:none token'],
  ['alg-hs512', 'a token signed with HS512'],
  ['unknown-role', 'a token with an unknown role'],
  ['no-roles', 'a token without roles'],
  ['roles-not-a-list', 'a token whose roles are a string'],
  ['roles-numbers', 'a token whose roles are numbers'],
  ['admin-without-division', 'a division_admin token without a division'],
  ['admin-lowercase-division', 'a division_admin token with a malformed division'],
  ['admin-injected-division', 'a division_admin token with an SQL fragment as division'],
  ['inspector-without-id', 'an inspector token without the inspector id'],
  ['inspector-without-division', 'an inspector token without a division'],
  ['no-expiry', 'a token without an expiry'],
  ['no-subject', 'a token without a subject'],
  ['empty-subject', 'a token with an empty subject'],
  ['payload-not-json', 'a token whose payload is not JSON'],
  ['garbage', 'a token that is not a JWT'],
  ['three-empty-parts', 'a token of three empty parts'],
  ['empty-bearer', 'an empty Bearer header'],
  ['basic-auth', 'Basic authentication'],
  ['two-tokens', 'two tokens in one header'],
];
for (const [token, label] of TOKEN_CASES) {
  add('tokens', `${label} is refused for a public query`, { token, operation: { query: `{ divisions { code } }` }, expect: UNAUTHENTICATED });
}
for (const token of ['alg-none', 'expired', 'unknown-role', 'admin-without-division'] as TokenKind[]) {
  add('tokens', `${token} is refused for a mutation`, {
    token,
    operation: { query: FILE_COMPLAINT, variables: { u: VALID_USCC, s: '伪造令牌', on: TODAY } },
    expect: UNAUTHENTICATED,
  });
}

// ── forged gateway contexts ─────────────────────────────────────────────────
add('context-forgery', 'an anonymous client sending a supervisor context to the gateway', {
  forgedContext: 'supervisor',
  operation: { query: `{ auditChain { ok } }` },
  expect: { status: 200, codes: ['UNAUTHENTICATED'] },
});
add('context-forgery', 'a coordinator sending a supervisor context to the gateway', {
  token: 'coordinator',
  forgedContext: 'supervisor',
  operation: { query: `{ auditChain { ok } }` },
  expect: { status: 200, codes: ['FORBIDDEN'] },
});
add('context-forgery', 'an anonymous client sending a supervisor context for a mutation', {
  forgedContext: 'supervisor',
  operation: { query: LOAD_CALENDAR, variables: { input: { year: 2031, holidays: ['2031-10-01'], workdays: [] } } },
  expect: { status: 200, codes: ['UNAUTHENTICATED'] },
});

// ── straight to a subgraph, bypassing the gateway ───────────────────────────
for (const target of ['joint', 'division:ZA'] as const) {
  const query = target === 'joint' ? `{ auditChain { ok } }` : `{ division(code: "ZA") { auditChain { ok } } }`;
  add('bypass', `${target} without a gateway context`, { target, operation: { query }, expect: UNAUTHENTICATED });
  add('bypass', `${target} with a user token instead of a context`, { target, token: 'supervisor', operation: { query }, expect: UNAUTHENTICATED });
  add('bypass', `${target} with a user token as the context`, { target, forgedContext: 'user-token', operation: { query }, expect: UNAUTHENTICATED });
  add('bypass', `${target} with a context signed with another key`, {
    target,
    forgedContext: 'supervisor-wrong-key',
    operation: { query },
    expect: UNAUTHENTICATED,
  });
  add('bypass', `${target} with an expired context`, { target, forgedContext: 'supervisor-expired', operation: { query }, expect: UNAUTHENTICATED });
  add('bypass', `${target} with an unsigned alg:none context`, { target, forgedContext: 'alg-none', operation: { query }, expect: UNAUTHENTICATED });
  add('bypass', `${target} _service without a context`, { target, operation: { query: `{ _service { sdl } }` }, expect: UNAUTHENTICATED });
}
add('bypass', 'division:ZA drawPool without a context', {
  target: 'division:ZA',
  operation: { query: `{ drawPool(division: "ZA", categories: ["旅馆"]) { targets { uscc } } }` },
  expect: UNAUTHENTICATED,
});
add('bypass', 'division:ZA drawPool as a user (not a service)', {
  target: 'division:ZA',
  forgedContext: 'supervisor',
  operation: { query: `{ drawPool(division: "ZA", categories: ["旅馆"]) { targets { uscc } } }` },
  expect: { status: 200, codes: ['FORBIDDEN'] },
});
add('bypass', 'joint mutation without a context', {
  target: 'joint',
  operation: { query: FILE_COMPLAINT, variables: { u: VALID_USCC, s: '绕过网关', on: TODAY } },
  expect: UNAUTHENTICATED,
});

// ── roles ───────────────────────────────────────────────────────────────────
add('roles', 'an anonymous task', { operation: { query: CREATE, variables: { input: taskInput() } }, expect: { status: 200, codes: ['UNAUTHENTICATED'] } });
add('roles', 'an analyst task', {
  token: 'analyst',
  operation: { query: CREATE, variables: { input: taskInput() } },
  expect: { status: 200, codes: ['FORBIDDEN'] },
});
add('roles', 'a division admin writing another division', {
  token: 'admin:ZA',
  operation: { query: SAVE_TARGET, variables: { d: 'WA', input: targetInput({ categories: ['网吧'] }) } },
  expect: { status: 200, codes: ['FORBIDDEN'] },
});
add('roles', 'an inspector saving an inspector', {
  token: 'inspector:ZA-0002',
  operation: { query: SAVE_INSPECTOR, variables: { d: 'ZA', input: inspectorInput() } },
  expect: { status: 200, codes: ['FORBIDDEN'] },
});
add('roles', 'an anonymous audit chain', { operation: { query: `{ auditChain { ok } }` }, expect: { status: 200, codes: ['UNAUTHENTICATED'] } });
add('roles', 'an anonymous calendar', {
  operation: { query: LOAD_CALENDAR, variables: { input: { year: 2031, holidays: ['2031-10-01'], workdays: [] } } },
  expect: { status: 200, codes: ['UNAUTHENTICATED'] },
});
add('roles', 'a coordinator calendar', {
  token: 'coordinator',
  operation: { query: LOAD_CALENDAR, variables: { input: { year: 2031, holidays: ['2031-10-01'], workdays: [] } } },
  expect: { status: 200, codes: ['FORBIDDEN'] },
});
add('roles', 'an inspector risk flag', {
  token: 'inspector:ZA-0002',
  operation: { query: SET_RISK, variables: { u: VALID_USCC, s: '国家企业信用信息公示系统' } },
  expect: { status: 200, codes: ['FORBIDDEN'] },
});

export const HOSTILE_CORPUS: readonly HostileCase[] = cases;

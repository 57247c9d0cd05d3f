import { addDays, addMonths } from '../../common/dates';
import { withUsccCheckCharacter } from '../../common/uscc';
import { CreditClassRow } from '../../subgraphs/joint/src/credit/credit-class.entity';
import { drawClassesFor } from '../../subgraphs/joint/src/credit/draw-class';
import { startTestSystem, type TestSystem } from '../support/system';
import { tokens } from '../support/tokens';
import { codes, TODAY } from './helpers';

/**
 * 企业信用风险分类: the joint office records the market regulator's class of each
 * entity (A 低风险 · B 一般风险 · C 较高风险 · D 高风险), keeps every earlier
 * assessment, shows the class in force to coordinators and supervisors only, and
 * gives the draw the class each entity is drawn in.
 */

let system: TestSystem;
let coordinator: string;
let supervisor: string;

const SET = `mutation($u: String!, $c: CreditRiskClass!, $s: String!, $on: Date!) {
  setCreditClass(uscc: $u, riskClass: $c, source: $s, assessedOn: $on) { uscc creditClass { riskClass source assessedOn } } }`;
const CLASS_OF = `query($u: String!) { marketEntity(uscc: $u) { uscc creditClass { riskClass source assessedOn } } }`;
const IMPORT = `mutation($rows: [CreditClassInput!]!) { importCreditClasses(rows: $rows) {
  accepted rejected created updated unchanged errors { row field code message } } }`;
const TRAIL = `query($s: String, $refused: Boolean) { auditTrail(subject: $s, refused: $refused, first: 50) {
  totalCount edges { node { action subject inputDigest refusal changes { field before after } } } } }`;
const SOURCE = '许昌市市场监督管理局2026年第三季度企业信用风险分类结果';

const uscc = (n: number) => withUsccCheckCharacter(`91411000C${String(n).padStart(8, '0')}`);

async function set(code: string, riskClass: string, assessedOn: string, source = SOURCE) {
  return system.query(SET, { u: code, c: riskClass, s: source, on: assessedOn }, coordinator);
}

async function storedRows(code: string): Promise<CreditClassRow[]> {
  return system.joint.orm.em.fork().find(CreditClassRow, { uscc: code }, { orderBy: { id: 'asc' } });
}

async function trail(subject: string, refused?: boolean) {
  const result = await system.query(TRAIL, { s: subject, refused: refused ?? null }, supervisor);
  expect(result.errors).toBeUndefined();
  return result.data.auditTrail.edges.map((edge: { node: unknown }) => edge.node);
}

beforeAll(async () => {
  system = await startTestSystem({ divisions: ['ZA'] });
  coordinator = await tokens.coordinator();
  supervisor = await tokens.supervisor();
}, 120_000);

afterAll(() => system?.stop());

describe('setCreditClass', () => {
  it('stores a class, lets a later assessment supersede it while the earlier one stays, and shows the class in force to coordinators and supervisors', async () => {
    const code = uscc(1);
    const first = await set(code, 'B', addDays(TODAY, -90));
    expect(first.errors).toBeUndefined();
    expect(first.data.setCreditClass.creditClass).toEqual({ riskClass: 'B', source: SOURCE, assessedOn: addDays(TODAY, -90) });

    const later = await set(code, 'D', addDays(TODAY, -10), '市场监管局专项复核');
    expect(later.errors).toBeUndefined();
    for (const token of [coordinator, supervisor]) {
      const seen = await system.query(CLASS_OF, { u: code }, token);
      expect(seen.errors).toBeUndefined();
      expect(seen.data.marketEntity.creditClass).toEqual({ riskClass: 'D', source: '市场监管局专项复核', assessedOn: addDays(TODAY, -10) });
    }
    // Nothing lost: both assessments are on file, with who recorded them.
    const rows = await storedRows(code);
    expect(rows.map((row) => [row.riskClass, row.assessedOn, row.recordedByName])).toEqual([
      ['B', addDays(TODAY, -90), '联席办 张协调'],
      ['D', addDays(TODAY, -10), '联席办 张协调'],
    ]);
    // The audit trail shows what changed.
    const entries = await trail(`entity:${code}`);
    expect(entries.map((entry: any) => entry.action)).toEqual(['setCreditClass', 'setCreditClass']);
    expect(entries[0].changes).toEqual(
      expect.arrayContaining([
        { field: 'riskClass', before: 'B', after: 'D' },
        { field: 'source', before: SOURCE, after: '市场监管局专项复核' },
      ]),
    );
  });

  it('changes nothing when the same assessment is recorded again, and an older assessment does not displace the one in force', async () => {
    const code = uscc(2);
    expect((await set(code, 'C', addDays(TODAY, -5))).errors).toBeUndefined();
    expect((await set(code, 'C', addDays(TODAY, -5))).errors).toBeUndefined();
    expect(await storedRows(code)).toHaveLength(1);
    expect(await trail(`entity:${code}`)).toHaveLength(1);

    const older = await set(code, 'A', addDays(TODAY, -200));
    expect(older.errors).toBeUndefined();
    expect(older.data.setCreditClass.creditClass.riskClass).toBe('C');
    expect(await storedRows(code)).toHaveLength(2);
  });

  it('gives inspectors, reviewers, division admins, analysts and anonymous callers no class, even of an entity the public can see', async () => {
    const code = uscc(3);
    expect((await set(code, 'D', TODAY)).errors).toBeUndefined();
    // A listing in a public register makes the entity itself public; its class stays with the office.
    const flagged = await system.query(
      `mutation($u: String!) { setRiskFlag(uscc: $u, flag: ABNORMAL_OPERATION, active: true, source: "国家企业信用信息公示系统") { uscc } }`,
      { u: code },
      coordinator,
    );
    expect(flagged.errors).toBeUndefined();

    const anonymous = await system.query(CLASS_OF, { u: code });
    expect(anonymous.data.marketEntity).toEqual({ uscc: code, creditClass: null });
    expect(codes(anonymous)).toEqual(['UNAUTHENTICATED']);
    for (const token of [await tokens.inspector('ZA', 'ZA-0001'), await tokens.reviewer('ZA'), await tokens.divisionAdmin('ZA'), await tokens.analyst()]) {
      const answer = await system.query(CLASS_OF, { u: code }, token);
      expect(answer.data.marketEntity.creditClass).toBeNull();
      expect(codes(answer)).toEqual(['FORBIDDEN']);
      expect(JSON.stringify(answer.body)).not.toContain(SOURCE);
    }
    // An entity known only to the office stays unknown to the public, class and all.
    const unknown = await system.query(CLASS_OF, { u: uscc(1) });
    expect(unknown.data.marketEntity).toBeNull();
    expect(unknown.errors).toBeUndefined();
  });

  it("is never served from the gateway's response cache: a class changed behind the gateway shows on the next read", async () => {
    const code = uscc(6);
    expect((await set(code, 'B', addDays(TODAY, -40))).errors).toBeUndefined();
    const first = await system.query(CLASS_OF, { u: code }, supervisor);
    expect(first.data.marketEntity.creditClass.riskClass).toBe('B');
    // Written straight into the joint database, as an import run against it would: the gateway sees no mutation.
    const em = system.joint.orm.em.fork();
    em.persist(
      em.create(CreditClassRow, {
        uscc: code,
        riskClass: 'D',
        source: SOURCE,
        assessedOn: TODAY,
        recordedBy: 'test',
        recordedByName: 'test',
        recordedAt: new Date().toISOString(),
      }),
    );
    await em.flush();
    const second = await system.query(CLASS_OF, { u: code }, supervisor);
    expect(second.data.marketEntity.creditClass.riskClass).toBe('D');
  });

  it('is for coordinators only: anyone else is refused with FORBIDDEN, and the attempt is in the audit trail', async () => {
    const code = uscc(4);
    for (const token of [supervisor, await tokens.divisionAdmin('ZA'), await tokens.inspector('ZA', 'ZA-0001')]) {
      const refused = await system.query(SET, { u: code, c: 'A', s: SOURCE, on: TODAY }, token);
      expect(codes(refused)).toEqual(['FORBIDDEN']);
    }
    expect(codes(await system.query(SET, { u: code, c: 'A', s: SOURCE, on: TODAY }))).toEqual(['UNAUTHENTICATED']);
    expect(await storedRows(code)).toEqual([]);
    const refusals = await trail(`entity:${code}`, true);
    expect(refusals).toHaveLength(3);
    expect(refusals.every((entry: any) => entry.action === 'setCreditClass' && entry.refusal === 'FORBIDDEN')).toBe(true);
  });

  it('refuses bad input with a code and a message a clerk understands, and stores nothing', async () => {
    const code = uscc(5);
    const badUscc = await set(`${code.slice(0, 17)}${code.endsWith('0') ? '1' : '0'}`, 'A', TODAY);
    expect(codes(badUscc)).toEqual(['INVALID_USCC']);
    expect(badUscc.errors![0]!.message).toContain('统一社会信用代码');

    const empty = await set(code, 'A', TODAY, '   ');
    expect(codes(empty)).toEqual(['BAD_USER_INPUT']);
    expect(empty.errors![0]!.message).toBe('分类来源不能为空 (source is required)');

    const long = await set(code, 'A', TODAY, '来'.repeat(201));
    expect(codes(long)).toEqual(['BAD_USER_INPUT']);
    expect(long.errors![0]!.message).toContain('分类来源不能超过200个字符');

    const future = await set(code, 'A', addDays(TODAY, 1));
    expect(codes(future)).toEqual(['BAD_USER_INPUT']);
    expect(future.errors![0]!.message).toBe(`分类日期 ${addDays(TODAY, 1)} 不能晚于今天 ${TODAY} (assessedOn cannot be in the future)`);

    const notADate = await set(code, 'A', '2026-02-30');
    expect(codes(notADate)).toEqual(['BAD_USER_INPUT']);

    const notAClass = await system.query(SET, { u: code, c: 'E', s: SOURCE, on: TODAY }, coordinator);
    expect(notAClass.errors).toHaveLength(1);
    expect(await storedRows(code)).toEqual([]);
  });
});

describe('the draw class (drawClassesFor), on the real database', () => {
  it('is the imported class in force on the day, B when none, raised to C by a risk signal; an assessment after the day is ignored', async () => {
    const [a, b, c, d, none, complained, flagged, later] = Array.from({ length: 8 }, (_, i) => uscc(100 + i));
    const assessed = addDays(TODAY, -60);
    for (const [code, riskClass] of [
      [a, 'A'],
      [b, 'B'],
      [c, 'C'],
      [d, 'D'],
      [complained, 'B'],
      [flagged, 'A'],
      [later, 'A'],
    ] as const)
      expect((await set(code!, riskClass, assessed)).errors).toBeUndefined();
    // Reclassified later: on a day before that, the earlier class is the one in force.
    expect((await set(later!, 'D', addDays(TODAY, -3))).errors).toBeUndefined();
    // Risk signals of the guideline: a complaint within 12 months, an active bad-credit listing.
    const complaint = await system.query(
      `mutation($u: String!, $on: Date!) { fileComplaint(uscc: $u, summary: "群众举报：未登记旅客身份信息", receivedOn: $on) { id } }`,
      { u: complained, on: addDays(TODAY, -20) },
      coordinator,
    );
    expect(complaint.errors).toBeUndefined();
    const listing = await system.query(
      `mutation($u: String!) { setRiskFlag(uscc: $u, flag: SERIOUS_VIOLATION, active: true, source: "严重违法失信名单") { uscc } }`,
      { u: flagged },
      coordinator,
    );
    expect(listing.errors).toBeUndefined();

    // A correction entered on the same day as the assessment it corrects: the one recorded later is in force.
    const corrected = uscc(120);
    expect((await set(corrected, 'A', assessed)).errors).toBeUndefined();
    expect((await set(corrected, 'D', assessed, '市场监管局更正')).errors).toBeUndefined();

    const em = system.joint.orm.em.fork();
    expect((await drawClassesFor(em, [corrected], TODAY)).get(corrected)).toBe('D');
    const today = await drawClassesFor(em, [a!, b!, c!, d!, none!, complained!, flagged!, later!], TODAY);
    expect(Object.fromEntries(today)).toEqual({ [a!]: 'A', [b!]: 'B', [c!]: 'C', [d!]: 'D', [none!]: 'B', [complained!]: 'C', [flagged!]: 'C', [later!]: 'D' });

    const before = await drawClassesFor(em, [later!, complained!, a!], addDays(TODAY, -10));
    expect(Object.fromEntries(before)).toEqual({ [later!]: 'A', [complained!]: 'C', [a!]: 'A' });
    // Before the assessment: none imported yet (B); the complaint was not yet received either.
    const earlier = await drawClassesFor(em, [a!, complained!], addDays(TODAY, -61));
    expect(Object.fromEntries(earlier)).toEqual({ [a!]: 'B', [complained!]: 'B' });
    // More than a year after the complaint it no longer raises the class.
    const nextYear = await drawClassesFor(em, [complained!], addMonths(addDays(TODAY, -19), 12));
    expect(nextYear.get(complained!)).toBe('B');
  });

  it('answers for tens of thousands of entities at once, every one of them in the map', async () => {
    const many = Array.from({ length: 70_000 }, (_, i) => uscc(1_000_000 + i));
    const classes = await drawClassesFor(system.joint.orm.em.fork(), [...many, uscc(100)], TODAY);
    expect(classes.size).toBe(70_001);
    expect(classes.get(many[12_345]!)).toBe('B');
    expect(classes.get(uscc(100))).toBe('A');
  });
});

describe('importCreditClasses', () => {
  const rows = (from: number, count: number) =>
    Array.from({ length: count }, (_, i) => ({
      uscc: uscc(from + i),
      riskClass: ['A', 'B', 'C', 'D'][i % 4],
      source: SOURCE,
      assessedOn: addDays(TODAY, -30),
    }));

  it('stores none of the rows when one is bad, and names that row', async () => {
    const sheet = rows(2000, 5);
    sheet[3] = { ...sheet[3]!, assessedOn: addDays(TODAY, 2) };
    const refused = await system.query(IMPORT, { rows: sheet }, coordinator);
    expect(refused.errors).toBeUndefined();
    expect(refused.data.importCreditClasses).toMatchObject({ accepted: 0, rejected: 1 });
    expect(refused.data.importCreditClasses.errors).toEqual([
      {
        row: 4,
        field: 'assessedOn',
        code: 'BAD_USER_INPUT',
        message: `分类日期 ${addDays(TODAY, 2)} 不能晚于今天 ${TODAY} (assessedOn cannot be in the future)`,
      },
    ]);
    for (const row of sheet) expect(await storedRows(row.uscc)).toEqual([]);
  });

  it('stores every row of a good sheet as one audit entry with the count, and changes nothing when the same sheet comes again', async () => {
    const sheet = rows(3000, 1200);
    const imported = await system.query(IMPORT, { rows: sheet }, coordinator);
    expect(imported.errors).toBeUndefined();
    expect(imported.data.importCreditClasses).toMatchObject({ accepted: 1200, rejected: 0, created: 1200, updated: 0, unchanged: 0 });
    const classes = await drawClassesFor(
      system.joint.orm.em.fork(),
      sheet.map((row) => row.uscc),
      TODAY,
    );
    expect(sheet.every((row) => classes.get(row.uscc) === row.riskClass)).toBe(true);
    const entries = await trail('creditClasses:1200');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: 'importCreditClasses', refusal: null });
    expect(entries[0].inputDigest).toMatch(/^[0-9a-f]{64}$/);

    const again = await system.query(IMPORT, { rows: sheet }, coordinator);
    expect(again.data.importCreditClasses).toMatchObject({ accepted: 1200, created: 0, updated: 0, unchanged: 1200 });
    expect(await trail('creditClasses:1200')).toHaveLength(1);
  });

  it('is for coordinators only', async () => {
    const refused = await system.query(IMPORT, { rows: rows(9000, 2) }, supervisor);
    expect(codes(refused)).toEqual(['FORBIDDEN']);
    expect(await storedRows(uscc(9000))).toEqual([]);
  });
});

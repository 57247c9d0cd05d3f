import { addDays, shanghaiDate } from '../../common/dates';
import type { DivisionService } from '../../subgraphs/division/src/app';
import { AuditEntry } from '../../common/audit/audit-entry.entity';
import { asViewer, errorCodes, postGraphQL, viewers } from '../support/graphql';
import { startTestDivision } from '../support/services';
import { as, hotel, hotelItem, IMPORT_TARGETS, inspector, SAVE_INSPECTOR, SAVE_ITEM, SAVE_TARGET, setUpZa, uscc } from './fixtures';

const admin = viewers.divisionAdmin('ZA');
const TODAY = shanghaiDate();
let za: DivisionService;

beforeAll(async () => {
  za = await startTestDivision({ code: 'ZA' });
  await setUpZa(za.url);
});

afterAll(async () => {
  await za.stop();
});

const AUDIT = `query { division(code: "ZA") { auditChain { ok length firstBrokenAt } } }`;

async function auditLength(): Promise<number> {
  const result = await as(za.url, viewers.supervisor, AUDIT);
  return result.data.division.auditChain.length;
}

describe('item list (抽查事项清单)', () => {
  it.each(['WA-099', 'ZAX-001', 'ZA-', 'CRJ-ZA-1'])(
    "refuses the item code %s, which does not start with the division's own ZA-, storing nothing",
    async (code) => {
      const result = await as(za.url, admin, SAVE_ITEM, { division: 'ZA', input: { ...hotelItem, code } });
      expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
      expect(result.errors![0]!.message).toContain('应以本部门代码 ZA- 开头');
      expect(result.errors![0]!.extensions).toMatchObject({ problems: [expect.objectContaining({ field: 'code' })] });
      const list = await as(za.url, admin, `{ division(code: "ZA") { checklist(includeInactive: true) { code } } }`);
      expect(list.data.division.checklist.map((item: { code: string }) => item.code)).not.toContain(code);
    },
  );

  it('saves an item whose code carries the division prefix', async () => {
    const result = await as(za.url, admin, SAVE_ITEM, { division: 'ZA', input: { ...hotelItem, code: 'ZA-099', active: false } });
    expect(result.errors).toBeUndefined();
    expect(result.data.saveCheckItem).toMatchObject({ division: 'ZA', code: 'ZA-099', active: false });
  });
});

describe('target directory (检查对象名录库)', () => {
  it('saves a target with a valid USCC and reads it back', async () => {
    const saved = await as(za.url, admin, SAVE_TARGET, { division: 'ZA', input: hotel(1) });
    expect(saved.errors).toBeUndefined();
    expect(saved.data.saveTarget).toEqual({
      division: 'ZA',
      uscc: uscc(1),
      name: '许昌市魏都区第1宾馆有限公司',
      status: 'ACTIVE',
      usccVerified: true,
      categories: ['旅馆'],
    });
  });

  it('refuses a USCC with a wrong check character and names the expected one, storing nothing', async () => {
    const before = await auditLength();
    const result = await as(za.url, admin, SAVE_TARGET, { division: 'ZA', input: hotel(2, { uscc: '91440300708461136U' }) });
    expect(errorCodes(result)).toEqual(['INVALID_USCC']);
    expect(result.errors![0]!.message).toContain('“T”');
    const lookup = await as(za.url, admin, `{ division(code: "ZA") { targets(search: "91440300708461136") { totalCount } } }`);
    expect(lookup.data.division.targets.totalCount).toBe(0);
    expect(await auditLength()).toBe(before);
  });

  it('saves a failing code only with an explicit override, and audits the override', async () => {
    const result = await as(za.url, admin, SAVE_TARGET, { division: 'ZA', input: hotel(3, { uscc: '91440300708461136U', allowInvalidUscc: true }) });
    expect(result.errors).toBeUndefined();
    expect(result.data.saveTarget.usccVerified).toBe(false);
    const em = za.orm.em.fork();
    const override = await em.findOne(AuditEntry, { action: 'overrideUsccCheck', subject: 'target:91440300708461136U' });
    expect(override).not.toBeNull();
    expect(override!.actor).toBe('admin-ZA');
  });

  it('refuses empty names, unknown categories and control characters with BAD_USER_INPUT', async () => {
    const empty = await as(za.url, admin, SAVE_TARGET, { division: 'ZA', input: hotel(4, { name: '  ' }) });
    expect(errorCodes(empty)).toEqual(['BAD_USER_INPUT']);
    expect(empty.errors![0]!.extensions!.field).toBe('name');
    const category = await as(za.url, admin, SAVE_TARGET, { division: 'ZA', input: hotel(4, { categories: ['网吧'] }) });
    expect(errorCodes(category)).toEqual(['BAD_USER_INPUT']);
    expect(category.errors![0]!.message).toContain('网吧');
    const bidi = await as(za.url, admin, SAVE_TARGET, { division: 'ZA', input: hotel(4, { name: '许昌\u202e宾馆' }) });
    expect(errorCodes(bidi)).toEqual(['BAD_USER_INPUT']);
    const badEnum = await as(za.url, admin, SAVE_TARGET, { division: 'ZA', input: hotel(4, { kind: 'COMPANY' }) });
    expect(errorCodes(badEnum)).toEqual(['BAD_USER_INPUT']);
  });

  it('deactivates instead of deleting: a closed entity keeps its record', async () => {
    await as(za.url, admin, SAVE_TARGET, { division: 'ZA', input: hotel(5) });
    const closed = await as(za.url, admin, SAVE_TARGET, { division: 'ZA', input: hotel(5, { status: 'CLOSED' }) });
    expect(closed.data.saveTarget.status).toBe('CLOSED');
    const again = await as(za.url, admin, SAVE_TARGET, { division: 'ZA', input: hotel(5, { name: '许昌市魏都区第5宾馆（已更名）' }) });
    expect(again.data.saveTarget).toMatchObject({ status: 'CLOSED', name: '许昌市魏都区第5宾馆（已更名）' });
  });
});

describe('importTargets: all rows or none', () => {
  it('refuses the whole file when two rows are bad, naming both rows, and saves nothing', async () => {
    const rows = [hotel(101), hotel(102, { uscc: '91411002000000102X' }), hotel(103), hotel(104, { name: '' }), hotel(105)];
    const before = await auditLength();
    const result = await as(za.url, admin, IMPORT_TARGETS, { division: 'ZA', rows });
    expect(result.errors).toBeUndefined();
    const report = result.data.importTargets;
    expect(report.accepted).toBe(0);
    expect(report.rejected).toBe(2);
    expect(report.errors.map((error: { row: number; field: string; code: string }) => [error.row, error.field, error.code])).toEqual([
      [2, 'uscc', 'INVALID_USCC'],
      [4, 'name', 'REQUIRED'],
    ]);
    const lookup = await as(za.url, admin, `{ division(code: "ZA") { targets(search: "第10") { totalCount } } }`);
    expect(lookup.data.division.targets.totalCount).toBe(0);
    expect(await auditLength()).toBe(before);
  });

  it('reports a USCC repeated within the file against the later row', async () => {
    const result = await as(za.url, admin, IMPORT_TARGETS, { division: 'ZA', rows: [hotel(201), hotel(202), hotel(201)] });
    expect(result.data.importTargets.errors).toEqual([expect.objectContaining({ row: 3, field: 'uscc', code: 'DUPLICATE_ROW' })]);
  });

  it('imports good rows, and importing them again changes nothing', async () => {
    const rows = Array.from({ length: 120 }, (_, i) => hotel(1000 + i, { categories: i % 3 === 0 ? ['旅馆', '印章刻制'] : ['旅馆'] }));
    const first = await as(za.url, admin, IMPORT_TARGETS, { division: 'ZA', rows });
    expect(first.data.importTargets).toMatchObject({ accepted: 120, rejected: 0, created: 120, updated: 0, unchanged: 0 });
    const length = await auditLength();
    const second = await as(za.url, admin, IMPORT_TARGETS, { division: 'ZA', rows });
    expect(second.data.importTargets).toMatchObject({ accepted: 120, created: 0, updated: 0, unchanged: 120 });
    expect(await auditLength()).toBe(length);
  });
});

describe('paging and filters', () => {
  const PAGE = `query($first: Int, $after: String, $category: String, $search: String) {
    division(code: "ZA") { targets(first: $first, after: $after, category: $category, search: $search) {
      totalCount pageInfo { hasNextPage endCursor } edges { cursor node { uscc name categories } } } } }`;

  it('walks the whole directory page by page without gaps or repeats', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let total = 0;
    for (let guard = 0; guard < 20; guard++) {
      const page: any = await as(za.url, viewers.coordinator, PAGE, { first: 25, after });
      const connection = page.data.division.targets;
      total = connection.totalCount;
      seen.push(...connection.edges.map((edge: { node: { uscc: string } }) => edge.node.uscc));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(seen.length).toBe(total);
    expect(new Set(seen).size).toBe(total);
    expect([...seen].sort()).toEqual(seen);
    expect(total).toBeGreaterThan(120);
  });

  it('filters by category and searches by name or USCC prefix', async () => {
    const seals = await as(za.url, viewers.coordinator, PAGE, { category: '印章刻制', first: 500 });
    expect(seals.data.division.targets.totalCount).toBe(40);
    expect(seals.data.division.targets.edges.every((edge: any) => edge.node.categories.includes('印章刻制'))).toBe(true);
    const byName = await as(za.url, viewers.coordinator, PAGE, { search: '第1005宾馆' });
    expect(byName.data.division.targets.edges.map((edge: any) => edge.node.uscc)).toEqual([uscc(1005)]);
    const byCode = await as(za.url, viewers.coordinator, PAGE, { search: uscc(1007).slice(0, 17) });
    expect(byCode.data.division.targets.edges.map((edge: any) => edge.node.uscc)).toEqual([uscc(1007)]);
  });

  it('defaults to 50 per page and refuses more than 500', async () => {
    const page = await as(za.url, viewers.coordinator, PAGE, {});
    expect(page.data.division.targets.edges).toHaveLength(50);
    const tooMany = await as(za.url, viewers.coordinator, PAGE, { first: 501 });
    expect(errorCodes(tooMany)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('inspector directory (执法检查人员名录库)', () => {
  it('saves inspectors and refuses a malformed certificate date', async () => {
    const saved = await as(za.url, admin, SAVE_INSPECTOR, { division: 'ZA', input: inspector(1) });
    expect(saved.data.saveInspector).toEqual({ division: 'ZA', id: 'ZA-0001', name: '检查员1号', active: true, certificateValidUntil: '2028-12-31' });
    for (const date of ['2028/12/31', '2026-02-30', '31-12-2028']) {
      const bad = await as(za.url, admin, SAVE_INSPECTOR, { division: 'ZA', input: inspector(2, 'ZA', { certificateValidUntil: date }) });
      expect(errorCodes(bad)).toEqual(['BAD_USER_INPUT']);
    }
  });

  it('records conflicts of interest, declared by an admin or by the inspector', async () => {
    const DECLARE = `mutation($uscc: String!, $reason: String!) { declareConflict(division: "ZA", inspector: "ZA-0001", uscc: $uscc, reason: $reason) { id conflicts { uscc reason } } }`;
    const byAdmin = await as(za.url, admin, DECLARE, { uscc: uscc(1), reason: '配偶经营' });
    expect(byAdmin.data.declareConflict.conflicts).toEqual([{ uscc: uscc(1), reason: '配偶经营' }]);
    const bySelf = await as(za.url, viewers.inspector('ZA', 'ZA-0001'), DECLARE, { uscc: uscc(5), reason: '曾在该单位任职' });
    expect(bySelf.errors).toBeUndefined();
    const byColleague = await as(za.url, viewers.inspector('ZA', 'ZA-0002'), DECLARE, { uscc: uscc(1), reason: '代为申报' });
    expect(errorCodes(byColleague)).toEqual(['FORBIDDEN']);
  });

  it('warns when a certificate has expired or expires within 90 days, and lists the inspectors whose certificate to renew', async () => {
    const WARNED = `mutation($input: InspectorInput!) { saveInspector(division: "ZA", input: $input) { id certificateWarning } }`;
    const expired = await as(za.url, admin, WARNED, { input: inspector(41, 'ZA', { certificateValidUntil: addDays(TODAY, -1) }) });
    expect(expired.data.saveInspector.certificateWarning).toBe(
      `执法证已于 ${addDays(TODAY, -1)} 到期：更新有效期之前，该人员不会被抽入任何抽查任务 (the certificate expired on ${addDays(TODAY, -1)}: until it is renewed, no task draws this inspector)`,
    );
    const soon = await as(za.url, admin, WARNED, { input: inspector(42, 'ZA', { certificateValidUntil: addDays(TODAY, 30) }) });
    expect(soon.data.saveInspector.certificateWarning).toMatch(/^执法证将于 \d{4}-\d{2}-\d{2} 到期（还有 30 天）：检查期限晚于该日的任务不会抽到该人员/);
    const valid = await as(za.url, admin, WARNED, { input: inspector(43, 'ZA', { certificateValidUntil: addDays(TODAY, 400) }) });
    expect(valid.data.saveInspector.certificateWarning).toBeNull();
    const retired = await as(za.url, admin, WARNED, { input: inspector(44, 'ZA', { certificateValidUntil: addDays(TODAY, -1), active: false }) });
    expect(retired.data.saveInspector.certificateWarning).toBeNull();

    const REPORT = `query($before: Date!) { division(code: "ZA") { inspectors(certificateValidBefore: $before, active: true, first: 500) { totalCount edges { node { id certificateValidUntil } } } } }`;
    const report = await as(za.url, admin, REPORT, { before: addDays(TODAY, 90) });
    const ids = report.data.division.inspectors.edges.map(({ node }: any) => node.id);
    expect(ids).toEqual(expect.arrayContaining(['ZA-0041', 'ZA-0042']));
    expect(ids).not.toContain('ZA-0043');
    expect(ids).not.toContain('ZA-0044');
    for (const { node } of report.data.division.inspectors.edges) expect(node.certificateValidUntil < addDays(TODAY, 90)).toBe(true);
  });

  it('keeps one standing declaration: the same again changes nothing, another reason is refused naming the one on record', async () => {
    const DECLARE = `mutation($reason: String!) { declareConflict(division: "ZA", inspector: "ZA-0001", uscc: "${uscc(7)}", reason: $reason) { conflicts { uscc reason } } }`;
    expect((await as(za.url, admin, DECLARE, { reason: '兄弟经营' })).errors).toBeUndefined();
    const before = await auditLength();
    const same = await as(za.url, admin, DECLARE, { reason: '兄弟经营' });
    expect(same.data.declareConflict.conflicts.filter((conflict: any) => conflict.uscc === uscc(7))).toEqual([{ uscc: uscc(7), reason: '兄弟经营' }]);
    expect(await auditLength()).toBe(before);
    const other = await as(za.url, admin, DECLARE, { reason: '同学经营' });
    expect(errorCodes(other)).toEqual(['CONFLICT']);
    expect(other.errors![0]!.message).toMatch(/理由为“兄弟经营”；如需更改理由，请先撤回该申报（withdrawConflict）再重新申报/);
    expect(await auditLength()).toBe(before);
  });

  it('withdraws a declaration with a reason, audited, keeping it on file; the inspector may be drawn for the entity again', async () => {
    const WITHDRAW = `mutation($reason: String!) { withdrawConflict(division: "ZA", inspector: "ZA-0001", uscc: "${uscc(7)}", reason: $reason) {
      conflicts { uscc } history: conflicts(includeWithdrawn: true) { uscc reason withdrawnAt withdrawnBy withdrawalReason } } }`;
    expect(errorCodes(await as(za.url, viewers.inspector('ZA', 'ZA-0001'), WITHDRAW, { reason: '本人申请' }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await as(za.url, admin, WITHDRAW, { reason: '' }))).toEqual(['BAD_USER_INPUT']);
    const before = await auditLength();
    const withdrawn = await as(za.url, admin, WITHDRAW, { reason: '其兄弟已退出经营' });
    expect(withdrawn.errors).toBeUndefined();
    expect(withdrawn.data.withdrawConflict.conflicts.map((conflict: any) => conflict.uscc)).not.toContain(uscc(7));
    const history = withdrawn.data.withdrawConflict.history.find((conflict: any) => conflict.uscc === uscc(7));
    expect(history).toMatchObject({ reason: '兄弟经营', withdrawnBy: admin.sub, withdrawalReason: '其兄弟已退出经营' });
    expect(history.withdrawnAt).toMatch(/\+08:00$/);
    expect(await auditLength()).toBe(before + 1);
    const trail = await as(za.url, viewers.supervisor, `{ division(code: "ZA") { auditTrail(first: 1) { edges { node { action subject } } } } }`);
    expect(trail.data.division.auditTrail.edges[0].node).toEqual({ action: 'withdrawConflict', subject: 'inspector:ZA-0001' });
    expect(errorCodes(await as(za.url, admin, WITHDRAW, { reason: '再次撤回' }))).toEqual(['NOT_FOUND']);

    const POOL = `{ drawPool(division: "ZA", categories: ["旅馆"]) { inspectors { id conflicts } } }`;
    const pool = await as(za.url, viewers.service(), POOL);
    expect(pool.data.drawPool.inspectors.find((entry: any) => entry.id === 'ZA-0001').conflicts).not.toContain(uscc(7));

    // Declared again later, it stands again, beside the withdrawn one.
    const again = await as(
      za.url,
      admin,
      `mutation { declareConflict(division: "ZA", inspector: "ZA-0001", uscc: "${uscc(7)}", reason: "同学经营") { conflicts(includeWithdrawn: true) { uscc reason withdrawnAt } } }`,
    );
    expect(
      again.data.declareConflict.conflicts
        .filter((conflict: any) => conflict.uscc === uscc(7))
        .map((conflict: any) => [conflict.reason, conflict.withdrawnAt === null]),
    ).toEqual([
      ['兄弟经营', false],
      ['同学经营', true],
    ]);
    expect((await as(za.url, viewers.service(), POOL)).data.drawPool.inspectors.find((entry: any) => entry.id === 'ZA-0001').conflicts).toContain(uscc(7));
  });
});

describe('importInspectors: all rows or none', () => {
  const IMPORT = `mutation($rows: [InspectorInput!]!) { importInspectors(division: "ZA", rows: $rows) { accepted rejected created updated unchanged errors { row field code } } }`;

  it('refuses duplicates and bad dates with row numbers, then imports once and changes nothing the second time', async () => {
    const bad = await as(za.url, admin, IMPORT, {
      rows: [inspector(301), inspector(302, 'ZA', { certificateNo: inspector(301).certificateNo }), inspector(303, 'ZA', { name: '' })],
    });
    expect(bad.data.importInspectors).toMatchObject({ accepted: 0, rejected: 2 });
    expect(bad.data.importInspectors.errors.map((error: any) => [error.row, error.field, error.code])).toEqual([
      [2, 'certificateNo', 'DUPLICATE_ROW'],
      [3, 'name', 'BAD_USER_INPUT'],
    ]);
    const rows = [inspector(301), inspector(302), inspector(303)];
    expect((await as(za.url, admin, IMPORT, { rows })).data.importInspectors).toMatchObject({ accepted: 3, created: 3, updated: 0, unchanged: 0 });
    expect((await as(za.url, admin, IMPORT, { rows })).data.importInspectors).toMatchObject({ accepted: 3, created: 0, updated: 0, unchanged: 3 });
    const moved = await as(za.url, admin, IMPORT, { rows: [inspector(304, 'ZA', { certificateNo: inspector(301).certificateNo })] });
    expect(moved.data.importInspectors.errors).toEqual([{ row: 1, field: 'certificateNo', code: 'DUPLICATE_CERTIFICATE' }]);
  });

  it('imports an inspector whose certificate has expired, and says so for that row', async () => {
    const WARNINGS = `mutation($rows: [InspectorInput!]!) { importInspectors(division: "ZA", rows: $rows) { accepted warnings { row field code message } } }`;
    const result = await as(za.url, admin, WARNINGS, { rows: [inspector(311), inspector(312, 'ZA', { certificateValidUntil: addDays(TODAY, -10) })] });
    expect(result.data.importInspectors.accepted).toBe(2);
    expect(result.data.importInspectors.warnings).toEqual([
      { row: 2, field: 'certificateValidUntil', code: 'CERTIFICATE_EXPIRED', message: expect.stringMatching(/^ZA-0312：执法证已于 .* 到期/) },
    ]);
  });
});

describe('who may do what', () => {
  const READ_TARGETS = `{ division(code: "ZA") { name targets(first: 1) { totalCount } } }`;
  const READ_INSPECTORS = `{ division(code: "ZA") { inspectors(first: 1) { totalCount edges { node { name certificateNo } } } } }`;
  const PUBLIC = `{ divisions { code name checklist { code name targetCategory } } }`;

  it('shows the division and its active item list to anyone', async () => {
    const result = await as(za.url, viewers.anonymous, PUBLIC);
    expect(result.data.divisions).toEqual([
      { code: 'ZA', name: '治安管理支队', checklist: [expect.objectContaining({ code: 'ZA-001' }), expect.objectContaining({ code: 'ZA-002' })] },
    ]);
  });

  it.each([
    ['anonymous', viewers.anonymous, 'UNAUTHENTICATED'],
    ['analyst', viewers.analyst, 'FORBIDDEN'],
    ["another division's admin", viewers.divisionAdmin('WA'), 'FORBIDDEN'],
    ["another division's inspector", viewers.inspector('WA', 'WA-0001'), 'FORBIDDEN'],
  ])('refuses the directories to %s', async (_label, viewer, code) => {
    expect(errorCodes(await as(za.url, viewer, READ_TARGETS))).toEqual([code]);
    expect(errorCodes(await as(za.url, viewer, READ_INSPECTORS))).toEqual([code]);
  });

  it.each([
    ['coordinator', viewers.coordinator],
    ['supervisor', viewers.supervisor],
    ['its own admin', viewers.divisionAdmin('ZA')],
    ['its own inspector', viewers.inspector('ZA', 'ZA-0001')],
  ])('lets %s read the directories', async (_label, viewer) => {
    const targets = await as(za.url, viewer, READ_TARGETS);
    expect(targets.errors).toBeUndefined();
    expect(targets.data.division.targets.totalCount).toBeGreaterThan(0);
    expect((await as(za.url, viewer, READ_INSPECTORS)).errors).toBeUndefined();
  });

  it.each([
    ['anonymous', viewers.anonymous, 'UNAUTHENTICATED'],
    ['coordinator', viewers.coordinator, 'FORBIDDEN'],
    ['supervisor', viewers.supervisor, 'FORBIDDEN'],
    ["another division's admin", viewers.divisionAdmin('WA'), 'FORBIDDEN'],
    ['an inspector', viewers.inspector('ZA', 'ZA-0001'), 'FORBIDDEN'],
  ])("lets only the division's own admin write, not %s", async (_label, viewer, code) => {
    const result = await as(za.url, viewer, SAVE_TARGET, { division: 'ZA', input: hotel(9001) });
    expect(errorCodes(result)).toEqual([code]);
  });

  it('refuses a write addressed to another division', async () => {
    const result = await as(za.url, viewers.divisionAdmin('WA'), SAVE_TARGET, { division: 'WA', input: hotel(9002) });
    expect(errorCodes(result)).toEqual(['UNKNOWN_DIVISION']);
  });

  it('shows the audit chain to supervisors only', async () => {
    expect(errorCodes(await as(za.url, viewers.coordinator, AUDIT))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await as(za.url, viewers.analyst, AUDIT))).toEqual(['FORBIDDEN']);
  });

  it("answers nobody who comes without the gateway's signature, not even _service", async () => {
    for (const query of [
      '{ _service { sdl } }',
      PUBLIC,
      '{ _entities(representations: [{__typename: "Division", code: "ZA"}]) { ... on Division { name } } }',
    ]) {
      const unsigned = await postGraphQL(za.url, query);
      expect(unsigned.status).toBe(401);
      expect(errorCodes(unsigned)).toEqual(['UNAUTHENTICATED']);
    }
    const forged = await postGraphQL(za.url, PUBLIC, {}, await asViewer(viewers.coordinator, 'a-different-secret-0123456789'));
    expect(forged.status).toBe(401);
  });
});

describe('audit chain (审计链)', () => {
  it('verifies, then detects an edited row and a removed row', async () => {
    const intact = await as(za.url, viewers.supervisor, AUDIT);
    expect(intact.data.division.auditChain).toMatchObject({ ok: true, firstBrokenAt: null });
    const length = intact.data.division.auditChain.length;
    expect(length).toBeGreaterThan(5);

    const knex = za.orm.em.getConnection().getKnex();
    const original = await knex('audit_entry').where({ seq: 3 }).first();
    await knex('audit_entry').where({ seq: 3 }).update({ actor: 'someone-else' });
    expect((await as(za.url, viewers.supervisor, AUDIT)).data.division.auditChain).toEqual({ ok: false, length, firstBrokenAt: 3 });

    await knex('audit_entry').where({ seq: 3 }).update({ actor: original.actor });
    expect((await as(za.url, viewers.supervisor, AUDIT)).data.division.auditChain.ok).toBe(true);

    await knex('audit_entry').where({ seq: length }).delete();
    expect((await as(za.url, viewers.supervisor, AUDIT)).data.division.auditChain).toEqual({ ok: false, length: length - 1, firstBrokenAt: length });
  });
});

import { startTestSystem, type TestSystem } from '../support/system';
import { tokens, userToken } from '../support/tokens';
import { approveResults, codes, COMMIT, CREATE, DRAW, onDataLead, REVIEW, taskInput, TODAY } from './helpers';

/**
 * 法制审核 before publication: a reviewer of the item's division approves or
 * returns every result, nobody reviews their own, publication waits for every
 * approval, and a correction of a published result is public only once approved.
 */

let system: TestSystem;
let coordinator: string;
let directory: string[];
let used = 0;

const ITEM = { division: 'ZA', code: 'ZA-001' };
const CLEAN = { outcome: 'NO_ISSUES_FOUND', method: '实地检查', inspectedOn: TODAY, findings: '旅客住宿登记规范' };
const RESULT_FIELDS = `outcome findings recordedBy { division id } review { status statusLabel by { sub name } at note }
  amendment { id amends outcome findings reason submittedBy { sub } review { status by { sub } note } publishedResult }`;
const RECORD = `mutation($a: ID!, $item: ItemRefInput!, $input: ResultInput!) { recordResult(assignment: $a, item: $item, input: $input) { ${RESULT_FIELDS} } }`;
const REVIEWED = `mutation($a: ID!, $item: ItemRefInput!, $approve: Boolean!, $note: String) {
  reviewResult(assignment: $a, item: $item, approve: $approve, note: $note) { ${RESULT_FIELDS} } }`;
const PUBLISH = `mutation($id: ID!) { publishInspectionTask(id: $id) { id resultCount } }`;
const AMEND = `mutation($a: ID!, $item: ItemRefInput!, $input: ResultInput!, $reason: String!) {
  amendResult(assignment: $a, item: $item, input: $input, reason: $reason) { id amends outcome findings reason review { status } publishedResult } }`;
const PUBLIC = `query($u: String) { publicResults(uscc: $u, first: 50) { totalCount edges { node { id outcome findings amends amendmentReason } } } }`;
const RESULTS = `query($id: ID!) { inspectionTask(id: $id) { assignments { edges { node { id results { ${RESULT_FIELDS} } } } } } }`;

interface Drawn {
  id: string;
  assignments: Array<{ id: string; uscc: string; inspector: { division: string; id: string } }>;
}

async function ok(query: string, variables: Record<string, unknown>, token: string) {
  const result = await system.query(query, variables, token);
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data;
}

/** A DIRECTED task over `count` hotels of ZA's directory, one item each, drawn, every result recorded by its team's inspector. */
async function recordedTask(name: string, count = 2): Promise<Drawn> {
  const input = taskInput({
    name,
    kind: 'DIRECTED',
    ratioBp: 10000,
    highRiskRatioBp: 10000,
    directedTargets: onDataLead(directory.slice(used, (used += count))),
    items: [ITEM],
  });
  const id = (await ok(CREATE, { input }, coordinator)).createInspectionTask.id as string;
  await ok(COMMIT, { id }, coordinator);
  await ok(DRAW, { id, beacon: 'review 1 2 3' }, coordinator);
  const read = await ok(
    `query($id: ID!) { inspectionTask(id: $id) { assignments { edges { node { id uscc inspectors { division id } } } } } }`,
    { id },
    coordinator,
  );
  const assignments = read.inspectionTask.assignments.edges.map(({ node }: any) => ({ id: node.id, uscc: node.uscc, inspector: node.inspectors[0] }));
  for (const assignment of assignments) await ok(RECORD, { a: assignment.id, item: ITEM, input: CLEAN }, await inspectorOf(assignment));
  return { id, assignments };
}

const inspectorOf = (assignment: Drawn['assignments'][number]) => tokens.inspector(assignment.inspector.division, assignment.inspector.id);

async function resultOf(task: Drawn, assignment: string) {
  const read = await ok(RESULTS, { id: task.id }, coordinator);
  return read.inspectionTask.assignments.edges.find(({ node }: any) => node.id === assignment).node.results[0];
}

beforeAll(async () => {
  system = await startTestSystem({ divisions: ['ZA'], seed: 'demo' });
  coordinator = await tokens.coordinator();
  const read = await ok(`{ division(code: "ZA") { targets(category: "旅馆", status: ACTIVE, first: 100) { edges { node { uscc } } } } }`, {}, coordinator);
  directory = read.division.targets.edges.map((edge: any) => edge.node.uscc);
});

afterAll(() => system.stop());

describe('review before publication (法制审核)', () => {
  it('refuses to publish while results await review, saying how many; once a reviewer of the division approves all, it publishes', async () => {
    const task = await recordedTask('审核后公示');
    const refused = await system.query(PUBLISH, { id: task.id }, coordinator);
    expect(codes(refused)).toEqual(['RESULTS_NOT_REVIEWED']);
    expect(refused.errors![0]!.message).toContain('待审核 2 项');
    expect(refused.errors![0]!.extensions).toMatchObject({ task: task.id, pendingCount: 2, returnedCount: 0, divisions: ['ZA'] });

    const reviewer = await tokens.reviewer('ZA');
    const first = await ok(REVIEWED, { a: task.assignments[0]!.id, item: ITEM, approve: true, note: '事实清楚' }, reviewer);
    expect(first.reviewResult.review).toMatchObject({ status: 'APPROVED', statusLabel: '审核通过', by: { name: 'ZA 法制审核 王审核' }, note: '事实清楚' });
    expect(first.reviewResult.review.at).toEqual(expect.any(String));
    const still = await system.query(PUBLISH, { id: task.id }, coordinator);
    expect(codes(still)).toEqual(['RESULTS_NOT_REVIEWED']);
    expect(still.errors![0]!.message).toContain('待审核 1 项');

    // An approved result is not reviewed twice.
    expect(codes(await system.query(REVIEWED, { a: task.assignments[0]!.id, item: ITEM, approve: false, note: '改变主意' }, reviewer))).toEqual([
      'NO_REVIEW_PENDING',
    ]);
    await ok(REVIEWED, { a: task.assignments[1]!.id, item: ITEM, approve: true }, reviewer);
    const published = await ok(PUBLISH, { id: task.id }, coordinator);
    expect(published.publishInspectionTask.resultCount).toBe(2);
  });

  it('a result recorded again after approval waits for a reviewer again', async () => {
    const task = await recordedTask('审核后再录入', 1);
    const [assignment] = task.assignments;
    await approveResults(system, task.id);
    const again = await ok(RECORD, { a: assignment!.id, item: ITEM, input: { ...CLEAN, findings: '补充：消防通道畅通' } }, await inspectorOf(assignment!));
    expect(again.recordResult.review).toEqual({ status: 'PENDING', statusLabel: '待审核', by: null, at: null, note: null });
    expect(codes(await system.query(PUBLISH, { id: task.id }, coordinator))).toEqual(['RESULTS_NOT_REVIEWED']);
  });

  it('nobody reviews their own result: a recorder who is also a reviewer is refused as SAME_PERSON', async () => {
    const task = await recordedTask('本人不审', 1);
    const [assignment] = task.assignments;
    const both = await userToken({
      sub: `dual-${assignment!.inspector.id}`,
      roles: ['inspector', 'reviewer'],
      division: 'ZA',
      inspector: assignment!.inspector.id,
      name: `检查员兼法制审核 ${assignment!.inspector.id}`,
    });
    // The same person records it again with the token that holds both roles, and may not approve it.
    await ok(RECORD, { a: assignment!.id, item: ITEM, input: CLEAN }, both);
    const refused = await system.query(REVIEWED, { a: assignment!.id, item: ITEM, approve: true }, both);
    expect(codes(refused)).toEqual(['SAME_PERSON']);
    expect(refused.errors![0]!.message).toMatch(/^检查结果须由录入人或更正人以外的法制审核人员审核 \(/);
    expect((await resultOf(task, assignment!.id)).review.status).toBe('PENDING');
    await ok(REVIEWED, { a: assignment!.id, item: ITEM, approve: true }, await tokens.reviewer('ZA'));
  });

  it('refuses a reviewer of another division, and anyone who is not a reviewer, changing nothing', async () => {
    const task = await recordedTask('他部门不审', 1);
    const [assignment] = task.assignments;
    const other = await system.query(REVIEWED, { a: assignment!.id, item: ITEM, approve: true }, await tokens.reviewer('WA'));
    expect(codes(other)).toEqual(['FORBIDDEN']);
    expect(other.errors![0]!.message).toContain("ZA's reviewers");
    for (const token of [coordinator, await tokens.supervisor(), await inspectorOf(assignment!)]) {
      expect(codes(await system.query(REVIEWED, { a: assignment!.id, item: ITEM, approve: true }, token))).toEqual(['FORBIDDEN']);
    }
    expect(codes(await system.query(REVIEWED, { a: assignment!.id, item: ITEM, approve: true }))).toEqual(['UNAUTHENTICATED']);
    expect((await resultOf(task, assignment!.id)).review.status).toBe('PENDING');
  });

  it('a returned result names why; its recorder records it again, and it is PENDING again until approved', async () => {
    const task = await recordedTask('退回重录', 1);
    const [assignment] = task.assignments;
    const reviewer = await tokens.reviewer('ZA');
    // A return says why.
    expect(codes(await system.query(REVIEWED, { a: assignment!.id, item: ITEM, approve: false }, reviewer))).toEqual(['BAD_USER_INPUT']);
    const returned = await ok(REVIEWED, { a: assignment!.id, item: ITEM, approve: false, note: '未写明检查的客房数量' }, reviewer);
    expect(returned.reviewResult.review).toMatchObject({ status: 'RETURNED', statusLabel: '已退回', note: '未写明检查的客房数量' });
    const refused = await system.query(PUBLISH, { id: task.id }, coordinator);
    expect(codes(refused)).toEqual(['RESULTS_NOT_REVIEWED']);
    expect(refused.errors![0]!.extensions).toMatchObject({ pendingCount: 0, returnedCount: 1 });
    // Only its recorder records it again.
    expect(codes(await system.query(RECORD, { a: assignment!.id, item: ITEM, input: CLEAN }, await tokens.inspector('ZA', 'ZA-9999')))).toEqual(['FORBIDDEN']);
    const again = await ok(
      RECORD,
      { a: assignment!.id, item: ITEM, input: { ...CLEAN, findings: '抽查客房12间，旅客住宿登记规范' } },
      await inspectorOf(assignment!),
    );
    expect(again.recordResult).toMatchObject({ findings: '抽查客房12间，旅客住宿登记规范', review: { status: 'PENDING', by: null, note: null } });
    await ok(REVIEWED, { a: assignment!.id, item: ITEM, approve: true }, reviewer);
    expect((await ok(PUBLISH, { id: task.id }, coordinator)).publishInspectionTask.resultCount).toBe(1);
  });
});

describe('corrections of published results go through the same review', () => {
  let task: Drawn;
  let assignment: Drawn['assignments'][number];
  const CORRECTED = { ...CLEAN, outcome: 'ISSUES_RECTIFIED_ON_ORDER', findings: '复查发现2间客房未登记旅客身份信息，已责令改正' };

  beforeAll(async () => {
    task = await recordedTask('更正审核', 1);
    assignment = task.assignments[0]!;
    await approveResults(system, task.id);
    await ok(PUBLISH, { id: task.id }, coordinator);
  });

  const publicRows = async () => (await ok(PUBLIC, { u: assignment.uscc }, coordinator)).publicResults.edges.map(({ node }: any) => node);

  it('refuses a correction identical to the public value', async () => {
    const same = await system.query(AMEND, { a: assignment.id, item: ITEM, input: CLEAN, reason: '重复提交' }, coordinator);
    expect(codes(same)).toEqual(['AMENDMENT_UNCHANGED']);
    expect(same.errors![0]!.message).toMatch(/^更正内容与已公示的结果相同，无需更正 \(/);
  });

  it('keeps a correction pending, and the public value unchanged, until a reviewer approves it', async () => {
    const before = await publicRows();
    expect(before).toEqual([expect.objectContaining({ outcome: 'NO_ISSUES_FOUND', amends: null })]);
    const submitted = await ok(AMEND, { a: assignment.id, item: ITEM, input: CORRECTED, reason: '原记录遗漏问题' }, await inspectorOf(assignment));
    expect(submitted.amendResult).toMatchObject({
      amends: before[0].id,
      outcome: 'ISSUES_RECTIFIED_ON_ORDER',
      review: { status: 'PENDING' },
      publishedResult: null,
    });
    expect(await publicRows()).toEqual(before);
    // One correction of an item waits at a time.
    expect(
      codes(await system.query(AMEND, { a: assignment.id, item: ITEM, input: { ...CORRECTED, findings: '另一版本' }, reason: '再改' }, coordinator)),
    ).toEqual(['AMENDMENT_PENDING']);
    // The recorder, who submitted it, does not approve it; nor does a reviewer of another division.
    const recorderAndReviewer = await userToken({ sub: 'dual-amend', roles: ['inspector', 'reviewer'], division: 'ZA', inspector: assignment.inspector.id });
    expect(codes(await system.query(REVIEWED, { a: assignment.id, item: ITEM, approve: true }, recorderAndReviewer))).toEqual(['SAME_PERSON']);
    expect(codes(await system.query(REVIEWED, { a: assignment.id, item: ITEM, approve: true }, await tokens.reviewer('WA')))).toEqual(['FORBIDDEN']);
    expect(await publicRows()).toEqual(before);

    const approved = await ok(REVIEWED, { a: assignment.id, item: ITEM, approve: true, note: '更正依据充分' }, await tokens.reviewer('ZA'));
    expect(approved.reviewResult).toMatchObject({
      outcome: 'ISSUES_RECTIFIED_ON_ORDER',
      findings: CORRECTED.findings,
      amendment: { id: submitted.amendResult.id, review: { status: 'APPROVED', note: '更正依据充分' }, publishedResult: expect.any(String) },
    });
    const after = await publicRows();
    expect(after).toHaveLength(2);
    expect(after).toContainEqual(
      expect.objectContaining({
        id: approved.reviewResult.amendment.publishedResult,
        outcome: 'ISSUES_RECTIFIED_ON_ORDER',
        amends: before[0].id,
        amendmentReason: '原记录遗漏问题',
      }),
    );
    // The approved correction is now the public value: submitting it again changes nothing.
    expect(codes(await system.query(AMEND, { a: assignment.id, item: ITEM, input: CORRECTED, reason: '重复' }, coordinator))).toEqual(['AMENDMENT_UNCHANGED']);
  });

  it('a returned correction stays out of public view; another may be submitted', async () => {
    const before = await publicRows();
    const submitted = await ok(
      AMEND,
      { a: assignment.id, item: ITEM, input: { ...CORRECTED, findings: '复查：3间客房未登记' }, reason: '数量有误' },
      coordinator,
    );
    const returned = await ok(REVIEWED, { a: assignment.id, item: ITEM, approve: false, note: '请附复查记录' }, await tokens.reviewer('ZA'));
    expect(returned.reviewResult.amendment).toMatchObject({
      id: submitted.amendResult.id,
      review: { status: 'RETURNED', note: '请附复查记录' },
      publishedResult: null,
    });
    // The recorded result still says what the public reads.
    expect(returned.reviewResult.findings).toBe(CORRECTED.findings);
    expect(await publicRows()).toEqual(before);
    expect(codes(await system.query(REVIEWED, { a: assignment.id, item: ITEM, approve: true }, await tokens.reviewer('ZA')))).toEqual(['NO_REVIEW_PENDING']);
    const next = await ok(
      AMEND,
      { a: assignment.id, item: ITEM, input: { ...CORRECTED, findings: '复查：3间客房未登记（附复查记录）' }, reason: '数量有误' },
      coordinator,
    );
    expect(next.amendResult.review.status).toBe('PENDING');
  });

  it('records every decision in the audit chain', async () => {
    const trail = await ok(
      `query($s: String) { auditTrail(subject: $s, first: 50) { edges { node { action } } } }`,
      { s: `assignment:${assignment.id}:ZA:ZA-001` },
      await tokens.supervisor(),
    );
    const actions = trail.auditTrail.edges.map(({ node }: any) => node.action);
    expect(actions).toEqual(expect.arrayContaining(['recordResult', 'approveResult', 'amendResult', 'approveAmendment', 'returnAmendment']));
    expect((await ok(`{ auditChain { ok } }`, {}, await tokens.supervisor())).auditChain.ok).toBe(true);
  });
});

describe('the reviewer token', () => {
  it('names a division: a reviewer token without one is refused at the gateway', async () => {
    const token = await userToken({ roles: ['reviewer'], name: '无部门审核' });
    const refused = await system.query(REVIEW, { a: 'T-0-001', item: ITEM, approve: true, note: null }, token);
    expect(codes(refused)).toEqual(['UNAUTHENTICATED']);
  });
});

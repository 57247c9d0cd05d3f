import ExcelJS from 'exceljs';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { publishedTask, type PublishedTask } from '../portal/fixtures';
import { committedTask, drawn } from '../joint/helpers';
import { startTestSystem, type TestSystem } from '../support/system';
import { tempDir } from '../support/temp';
import { tokens } from '../support/tokens';

jest.setTimeout(240_000);

/**
 * Field paperwork printed from the demo data: the dispatch list, the inspection
 * notice and the record form of a drawn joint task, and the announcement of a
 * publication — read back from the PDF's text layer and the XLSX cells.
 */
let system: TestSystem;
let origin: string;
let taskId: string;
let seed: string;
let published: PublishedTask;
let dir: string;

const ASSIGNMENT_FIELDS = `id uscc entityName targets { division name address } items { division code name basis content method }
  inspectors { division id name certificateNo } leader { division id name certificateNo } documents { kind format title url expiresAt } entrySalt`;

interface Member {
  division: string;
  id: string;
  name: string;
  certificateNo: string;
}
interface Doc {
  kind: string;
  format: string;
  title: string;
  url: string;
  expiresAt: string | null;
}
interface AssignmentView {
  id: string;
  uscc: string;
  entityName: string;
  targets: Array<{ division: string; name: string; address: string }>;
  items: Array<{ division: string; code: string; name: string; basis: string; content: string; method: string }>;
  inspectors: Member[];
  leader: Member | null;
  documents: Doc[];
  entrySalt: string | null;
}

let assignments: AssignmentView[];

async function taskView(token?: string) {
  const result = await system.query(
    `query($id: ID!) { inspectionTask(id: $id) { leadDivision documents { kind format url expiresAt } assignments(first: 500) { edges { node { ${ASSIGNMENT_FIELDS} } } } } }`,
    { id: taskId },
    token,
  );
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data.inspectionTask as { leadDivision: string; documents: Doc[]; assignments: { edges: Array<{ node: AssignmentView }> } };
}

async function download(url: string): Promise<Response> {
  return fetch(`${origin}${url}`);
}

async function pdfText(body: Buffer, name: string): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, body);
  const { stdout } = await promisify(execFile)('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-']);
  return stdout;
}

/** Text as it reads, whitespace aside: a long legal basis may wrap inside its cell. */
const flat = (text: string) => text.replace(/\s+/g, '');

async function pdfOf(url: string, name: string): Promise<{ text: string; body: Buffer }> {
  const response = await download(url);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/pdf');
  const body = Buffer.from(await response.arrayBuffer());
  expect(body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  return { text: await pdfText(body, name), body };
}

const docOf = (documents: Doc[], kind: string, format = 'PDF') => documents.find((doc) => doc.kind === kind && doc.format === format)!;

beforeAll(async () => {
  dir = tempDir('ssj-paperwork-');
  system = await startTestSystem({ divisions: ['ZA', 'WA', 'CRJ'], seed: 'demo' });
  origin = new URL(system.gateway.url).origin;
  taskId = await committedTask(system, {
    name: '旅馆业联合抽查（文书）',
    items: [
      { division: 'ZA', code: 'ZA-001' },
      { division: 'WA', code: 'WA-003' },
      { division: 'CRJ', code: 'CRJ-001' },
    ],
    ratioBp: 1000,
    highRiskRatioBp: 1000,
  });
  seed = (await drawn(system, taskId, 'paperwork beacon')).task.draw.seed;
  assignments = (await taskView(await tokens.coordinator())).assignments.edges.map(({ node }) => node);
  published = await publishedTask(
    system,
    { name: '印章刻制业抽查（公告）', items: [{ division: 'ZA', code: 'ZA-002' }], ratioBp: 3000, highRiskRatioBp: 3000 },
    'announcement beacon',
    (_assignment, _item, index) =>
      index === 0 ? { outcome: 'ISSUES_RECTIFIED_ON_ORDER', findings: '发现承揽登记簿缺页（依法不予公示的内容）', disclosure: 'TRADE_SECRET' } : undefined,
  );
});

afterAll(async () => {
  await system?.stop();
});

describe('the team leader (组长)', () => {
  it("is the lead division's first drawn inspector, for every team of the task", async () => {
    expect(assignments.length).toBeGreaterThan(3);
    for (const assignment of assignments) {
      const expected = assignment.inspectors.find((member) => member.division === 'ZA') ?? assignment.inspectors[0]!;
      expect(assignment.leader).toEqual(expected);
    }
  });

  it('is the first seat of the team when the lead division has no one on it', async () => {
    const withoutLead = assignments.filter((assignment) => !assignment.inspectors.some((member) => member.division === 'ZA'));
    for (const assignment of withoutLead) expect(assignment.leader).toEqual(assignment.inspectors[0]);
  });

  it("shows in the inspector's own view of their assignments", async () => {
    const member = assignments[0]!.inspectors[assignments[0]!.inspectors.length - 1]!;
    const result = await system.query(
      `{ myAssignments(first: 50) { edges { node { id leader { name } } } } }`,
      {},
      await tokens.inspector(member.division, member.id),
    );
    expect(result.errors).toBeUndefined();
    const mine = result.data.myAssignments.edges.find(({ node }: any) => node.id === assignments[0]!.id);
    expect(mine.node.leader.name).toBe(assignments[0]!.leader!.name);
  });
});

describe('the dispatch list (派遣单)', () => {
  it('lists every target with its address, items and team with certificate numbers, the leader, the bureau, task id and seed', async () => {
    const view = await taskView(await tokens.coordinator());
    const { text } = await pdfOf(docOf(view.documents, 'DISPATCH_LIST').url, 'dispatch.pdf');
    const page = flat(text);
    expect(page).toContain('许昌市公安局执法检查人员派遣单');
    expect(page).toContain(taskId);
    expect(page).toContain(seed);
    expect(text).toMatch(/第 ?1 ?页，共 ?\d+ ?页/);
    for (const assignment of assignments) {
      // A name keeps its line: never wrapped two characters at a time.
      expect(text).toContain(assignment.entityName);
      expect(page).toContain(assignment.uscc);
      for (const target of assignment.targets) expect(page).toContain(flat(target.address));
      for (const item of assignment.items) expect(page).toContain(item.name);
      for (const member of assignment.inspectors) {
        expect(text).toContain(member.name);
        expect(page).toContain(member.certificateNo);
      }
      expect(page).toContain(`${assignment.leader!.name}（组长）`);
    }
  });

  it('opens as a workbook whose USCCs and certificate numbers are text cells', async () => {
    const view = await taskView(await tokens.coordinator());
    const response = await download(docOf(view.documents, 'DISPATCH_LIST', 'XLSX').url);
    expect(response.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as never);
    const sheet = workbook.getWorksheet('派遣单')!;
    expect(sheet.getRow(1).getCell(3).value).toBe('统一社会信用代码');
    const usccs = [];
    for (let row = 2; row <= sheet.rowCount; row++) {
      const cell = sheet.getRow(row).getCell(3);
      expect(typeof cell.value).toBe('string');
      expect(cell.numFmt).toBe('@');
      expect(sheet.getRow(row).getCell(8).numFmt).toBe('@');
      usccs.push(cell.value);
    }
    expect(usccs).toEqual(assignments.map((assignment) => assignment.uscc));
  });

  it('is not offered to the public, nor to an inspector for the whole task', async () => {
    expect((await system.query(`query($id: ID!) { inspectionTask(id: $id) { documents { url } } }`, { id: taskId })).data.inspectionTask.documents).toEqual([]);
    const member = assignments[0]!.inspectors[0]!;
    const view = await taskView(await tokens.inspector(member.division, member.id));
    expect(view.documents).toEqual([]);
  });
});

describe("an assignment's notice and record form", () => {
  let assignment: AssignmentView;
  let mine: AssignmentView;

  beforeAll(async () => {
    assignment = assignments.find((candidate) => candidate.items.length > 1) ?? assignments[0]!;
    const member = assignment.inspectors[assignment.inspectors.length - 1]!;
    const view = await taskView(await tokens.inspector(member.division, member.id));
    mine = view.assignments.edges.map(({ node }) => node).find((node) => node.id === assignment.id)!;
  });

  it('gives the team its notice (检查通知书) with the items, legal basis, team, period and seed', async () => {
    const { text } = await pdfOf(docOf(mine.documents, 'INSPECTION_NOTICE').url, 'notice.pdf');
    const page = flat(text);
    expect(page).toContain('检查通知书');
    expect(page).toContain(`${assignment.entityName}（统一社会信用代码：${assignment.uscc}）`);
    for (const item of assignment.items) {
      expect(page).toContain(flat(item.name));
      expect(page).toContain(flat(item.basis));
      expect(page).toContain(flat(item.method));
    }
    for (const member of assignment.inspectors) {
      expect(text).toContain(member.name);
      expect(page).toContain(member.certificateNo);
    }
    expect(page).toContain('出示执法证件');
    expect(page).toContain(taskId);
    expect(page).toContain(seed);
  });

  it("prints the entity's entry salt on its notice, with which it finds its own entry in the pool published at commit", async () => {
    const salt = assignment.entrySalt!;
    expect(mine.entrySalt).toBe(salt);
    expect(salt).toMatch(/^[0-9a-f]{32}$/);
    const { text } = await pdfOf(docOf(mine.documents, 'INSPECTION_NOTICE').url, 'notice.pdf');
    expect(flat(text)).toContain(`抽取池核验码：${salt}`);
    const pool = (await (await fetch(`${origin}/tasks/${taskId}/pool.json`)).json()) as { targets: Array<{ entry: string }> };
    const entry = createHash('sha256').update(`SSJ-DRAW-2/entry\n${taskId}\n${assignment.uscc}\n${salt}`).digest('hex');
    expect(pool.targets.map((target) => target.entry)).toContain(entry);
    // Another entity's salt does not open this entity's entry.
    const other = assignments.find((candidate) => candidate.id !== assignment.id)!;
    const wrong = createHash('sha256').update(`SSJ-DRAW-2/entry\n${taskId}\n${other.uscc}\n${salt}`).digest('hex');
    expect(pool.targets.map((target) => target.entry)).not.toContain(wrong);
  });

  it('gives the record form (检查记录表) one row per item, with content, check method and signatures', async () => {
    const { text } = await pdfOf(docOf(mine.documents, 'RECORD_FORM').url, 'record.pdf');
    const page = flat(text);
    expect(page).toContain('检查记录表');
    expect(text).toContain(assignment.entityName);
    for (const item of assignment.items) {
      expect(page).toContain(flat(item.content));
      expect(page).toContain(flat(item.method));
    }
    expect(page).toContain('被检查对象负责人');
    expect(page).toContain(`组长${assignment.leader!.name}`);
    expect(page).toContain(seed);

    const response = await download(docOf(mine.documents, 'RECORD_FORM', 'XLSX').url);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as never);
    const sheet = workbook.getWorksheet('检查记录表')!;
    expect(sheet.rowCount).toBe(assignment.items.length + 1);
    const uscc = sheet.getRow(2).getCell(3);
    expect(uscc.value).toBe(assignment.uscc);
    expect(uscc.numFmt).toBe('@');
  });

  it('gives an inspector of another team no link, and refuses a link used for another file or with a forged signature', async () => {
    const other = assignments.find(
      (candidate) => !candidate.inspectors.some((member) => assignment.inspectors.some((own) => own.division === member.division && own.id === member.id)),
    )!;
    const stranger = other.inspectors[0]!;
    const theirs = (await taskView(await tokens.inspector(stranger.division, stranger.id))).assignments.edges.map(({ node }) => node.id);
    expect(theirs).not.toContain(assignment.id);

    const notice = docOf(mine.documents, 'INSPECTION_NOTICE').url;
    const elsewhere = notice.replace(assignment.id, other.id);
    expect((await download(elsewhere)).status).toBe(403);
    const forged = notice.replace(/sig=([^.]+)\.(.+)$/, (_all, payload: string) => `sig=${payload}.${Buffer.alloc(32).toString('base64url')}`);
    expect((await download(forged)).status).toBe(403);
    expect((await download(notice.replace(/\?sig=.*$/, ''))).status).toBe(403);
  });

  it('expires: the links say when, within a quarter of an hour', async () => {
    const expires = Date.parse(docOf(mine.documents, 'INSPECTION_NOTICE').expiresAt!);
    expect(expires).toBeGreaterThan(Date.now());
    expect(expires).toBeLessThanOrEqual(Date.now() + 15 * 60_000 + 1000);
  });
});

describe('the announcement (结果公告)', () => {
  it('is public and shows what the portal shows: entities, items, outcomes — no withheld findings, no inspectors', async () => {
    const result = await system.query(`query($id: ID!) { publication(id: $id) { document { kind format url expiresAt } task { draw { seed } } } }`, {
      id: published.publication.id,
    });
    expect(result.errors).toBeUndefined();
    const { document, task } = result.data.publication;
    expect(document.expiresAt).toBeNull();
    const { text } = await pdfOf(document.url, 'announcement.pdf');
    const page = flat(text);
    expect(page).toContain(flat(published.publication.title));
    expect(page).toContain(task.draw.seed);
    for (const assignment of published.assignments) {
      expect(page).toContain(assignment.uscc);
      for (const member of assignment.team) {
        expect(page).not.toContain(member.name);
        expect(page).not.toContain(member.certificateNo);
      }
    }
    expect(page).not.toContain('承揽登记簿缺页');
    expect(page).toContain('不予公示');
  });
});

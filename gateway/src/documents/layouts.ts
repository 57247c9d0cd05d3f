/**
 * The paperwork's layouts: pure functions from the API's data to a document
 * description (pdfmake) or a sheet (ExcelJS, via the exports' writer). Column
 * widths are fixed or '*' so that a name keeps its line instead of wrapping two
 * characters at a time.
 */
import { codeCell, type CsvValue } from '../exports/csv';
import type { Sheet } from '../exports/xlsx';
import { beijingDate } from '../portal/format';
import type { PaperworkAssignment, PaperworkInspector, PaperworkItem, PaperworkTask, PublicationPaperwork, TaskPaperwork } from './paperwork-data';
import { BUREAU, table, type Content, type DocumentSpec } from './pdf';

const present = <T>(values: ReadonlyArray<T | null>): T[] => values.filter((value): value is T => value !== null);

function divisionName(task: PaperworkTask, code: string): string {
  return present(task.divisions).find((division) => division.code === code)?.name ?? code;
}

/** The team, 组长 first, then in the draw's order. */
export function teamInOrder(assignment: PaperworkAssignment): Array<PaperworkInspector & { leader: boolean }> {
  const members = present(assignment.inspectors).map((member) => ({
    ...member,
    leader: member.division === assignment.leader?.division && member.id === assignment.leader?.id,
  }));
  return [...members.filter((member) => member.leader), ...members.filter((member) => !member.leader)];
}

function address(assignment: PaperworkAssignment): string {
  return [...new Set(present(assignment.targets).map((target) => target.address))].join('；');
}

function itemLine(task: PaperworkTask, item: PaperworkItem): string {
  return `${item.name}（${divisionName(task, item.division)}）`;
}

function period(task: PaperworkTask): string {
  return `${task.periodStart} 至 ${task.periodEnd}`;
}

const kindLabel = (task: PaperworkTask) => `${task.kind === 'DIRECTED' ? '定向' : '双随机'}${present(task.divisions).length > 1 ? '联合' : ''}抽查`;

const provenanceOf = (task: PaperworkTask) => ({ taskId: task.id, seed: task.draw?.seed ?? null });

// ---------------------------------------------------------------------------------------------
// 派遣单
// ---------------------------------------------------------------------------------------------

/** 派遣单 — every target of the task (or one), its address and items, and its team with certificate numbers. */
export function dispatchList({ task, assignments }: TaskPaperwork): DocumentSpec {
  const rows = assignments.map((assignment, index) => [
    String(index + 1),
    { stack: [assignment.entityName, { text: assignment.uscc, style: 'small' }, { text: assignment.id, style: 'small' }] },
    address(assignment),
    { ul: present(assignment.items).map((item) => itemLine(task, item)) },
    {
      stack: teamInOrder(assignment).map((member) => ({
        stack: [
          { text: [{ text: member.name, bold: member.leader }, member.leader ? '（组长）' : ''] },
          { text: `${divisionName(task, member.division)}\u3000执法证号 ${member.certificateNo}`, style: 'small' },
        ],
      })),
    },
  ]);
  return {
    title: `派遣单 ${task.id}`,
    landscape: true,
    provenance: provenanceOf(task),
    content: [
      { text: `${BUREAU}执法检查人员派遣单`, style: 'title' },
      { text: `${task.name}\u3000任务编号 ${task.id}\u3000${kindLabel(task)}\u3000检查期间 ${period(task)}`, style: 'subtitle' },
      table([22, 200, 140, '*', 190], ['序号', '检查对象', '地址', '抽查事项', '检查组（执法检查人员）'], rows),
      {
        text: `以上检查组由系统于 ${beijingDate(task.draw!.drawnAt)} 随机抽取（${task.draw!.algorithm}），组长按公布的规则确定：牵头部门首位抽中的执法检查人员；牵头部门无人参加的，为检查组首位。检查时应出示执法证件，不得少于两人。`,
        style: 'small',
        margin: [0, 8, 0, 0],
      },
    ],
  };
}

export const DISPATCH_COLUMNS = ['序号', '检查对象编号', '统一社会信用代码', '名称', '地址', '抽查事项', '组长', '组长执法证号', '检查组成员'] as const;

export function dispatchSheet({ task, assignments }: TaskPaperwork): Sheet {
  const rows: CsvValue[][] = assignments.map((assignment, index) => {
    const team = teamInOrder(assignment);
    const leader = team.find((member) => member.leader);
    return [
      index + 1,
      assignment.id,
      codeCell(assignment.uscc),
      assignment.entityName,
      address(assignment),
      present(assignment.items)
        .map((item) => itemLine(task, item))
        .join('；'),
      leader?.name ?? null,
      leader ? codeCell(leader.certificateNo) : null,
      team.map((member) => `${member.name}（${divisionName(task, member.division)}，执法证号 ${member.certificateNo}）`).join('；'),
    ];
  });
  return {
    name: '派遣单',
    header: DISPATCH_COLUMNS,
    rows,
    notes: [
      `${BUREAU}执法检查人员派遣单：${task.name}（任务编号 ${task.id}，检查期间 ${period(task)}）。`,
      `抽取种子 ${task.draw?.seed ?? ''}：凭任务编号和种子可以找到并核验本派遣单所依据的抽取记录。`,
      '统一社会信用代码和执法证号为文本单元格。组长按公布的规则确定：牵头部门首位抽中的执法检查人员；牵头部门无人参加的，为检查组首位。',
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// 检查通知书
// ---------------------------------------------------------------------------------------------

/** 检查通知书 — what the team hands the entity: items, legal basis, the team and their certificates, the period. */
export function inspectionNotice(task: PaperworkTask, assignment: PaperworkAssignment): DocumentSpec {
  const items = present(assignment.items);
  const team = teamInOrder(assignment);
  return {
    title: `检查通知书 ${assignment.id}`,
    provenance: provenanceOf(task),
    content: [
      { text: `${BUREAU}`, style: 'title' },
      { text: '检查通知书', style: 'title' },
      { text: `编号：${assignment.id}`, style: 'subtitle' },
      { text: `${assignment.entityName}（统一社会信用代码：${assignment.uscc}）：`, bold: true, margin: [0, 6, 0, 6] },
      {
        text: `根据“双随机、一公开”监管工作要求，经随机抽取，我局定于 ${period(task)} 期间对你单位开展${kindLabel(task)}（${task.name}）。现将有关事项通知如下：`,
        margin: [0, 0, 0, 6],
      },
      { text: '一、抽查事项及依据', style: 'heading' },
      table(
        [100, '*', 120, 60],
        ['抽查事项', '抽查依据', '抽查内容', '检查方式'],
        items.map((item) => [itemLine(task, item), item.basis, item.content, item.method]),
      ),
      { text: '二、检查人员', style: 'heading' },
      table(
        [70, '*', 110, 40],
        ['姓名', '单位', '执法证号', '职责'],
        team.map((member) => [member.name, member.unit, member.certificateNo, member.leader ? '组长' : '组员']),
      ),
      { text: '三、有关要求', style: 'heading' },
      {
        ol: [
          '检查人员不少于两人，检查时出示执法证件；未出示执法证件的，你单位有权拒绝检查。',
          '请你单位予以配合，如实提供与抽查事项有关的证照、台账和其他材料，不得拒绝、阻碍检查。',
          '检查人员与你单位有利害关系的，你单位可以申请其回避。',
          `检查结果将自作出之日起20个工作日内通过${BUREAU}“双随机、一公开”抽查结果公示平台向社会公示。`,
        ],
      },
      ...(assignment.entrySalt
        ? [
            { text: '四、抽取核验', style: 'heading' },
            {
              text: `你单位的抽取池核验码：${assignment.entrySalt}。抽取池在任务确定时即已公布。凭统一社会信用代码和本核验码，可按公示平台公布的抽取规则（SSJ-DRAW-2 第 9.3 节）核验你单位在任务 ${task.id} 抽取池和抽取记录中的条目。请妥善保管，不必告知他人。`,
            },
          ]
        : []),
      { text: `${BUREAU}（印章）`, alignment: 'right', margin: [0, 30, 0, 4] },
      { text: '年　　月　　日', alignment: 'right' },
      { text: '被检查单位签收：＿＿＿＿＿＿＿＿　签收日期：＿＿＿＿＿＿', margin: [0, 24, 0, 0] },
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// 检查记录表
// ---------------------------------------------------------------------------------------------

function signatureLines(team: ReturnType<typeof teamInOrder>): Content {
  return table(
    [90, '*', 110, 90],
    ['签名人', '姓名', '执法证号', '签名'],
    [...team.map((member) => [member.leader ? '组长' : '检查人员', member.name, member.certificateNo, '']), ['被检查对象负责人', '', '', '']],
  );
}

/** 检查记录表 — one row per item with its content and check method, and spaces for findings and signatures. */
export function recordForm(task: PaperworkTask, assignment: PaperworkAssignment): DocumentSpec {
  const team = teamInOrder(assignment);
  return {
    title: `检查记录表 ${assignment.id}`,
    provenance: provenanceOf(task),
    content: [
      { text: `${BUREAU}`, style: 'title' },
      { text: '“双随机、一公开”检查记录表', style: 'title' },
      { text: `编号：${assignment.id}`, style: 'subtitle' },
      table(
        [90, '*'],
        ['项目', '内容'],
        [
          ['检查对象', assignment.entityName],
          ['统一社会信用代码', assignment.uscc],
          ['地址', address(assignment)],
          ['抽查任务', `${task.name}（${task.id}，${kindLabel(task)}）`],
          ['检查组', team.map((member) => `${member.name}${member.leader ? '（组长）' : ''}`).join('、')],
          ['检查日期', '　　　　年　　月　　日'],
        ],
      ),
      { text: '检查情况', style: 'heading' },
      table(
        [20, 90, 100, 50, '*', 60],
        ['序号', '抽查事项', '抽查内容', '检查方式', '检查情况（发现的问题）', '检查结果'],
        present(assignment.items).map((item, index) => [String(index + 1), itemLine(task, item), item.content, item.method, { text: '\n\n\n\n' }, '']),
      ),
      { text: '签名', style: 'heading' },
      signatureLines(team),
      { text: '本表由组长签署并对检查负责；检查结果录入系统后，本表扫描件可作为证据附在检查结果上。', style: 'small', margin: [0, 8, 0, 0] },
    ],
  };
}

export const RECORD_COLUMNS = [
  '序号',
  '检查对象编号',
  '统一社会信用代码',
  '名称',
  '部门',
  '事项编码',
  '抽查事项',
  '抽查依据',
  '抽查内容',
  '检查方式',
  '检查情况',
  '检查结果',
] as const;

export function recordSheet(task: PaperworkTask, assignment: PaperworkAssignment): Sheet {
  const team = teamInOrder(assignment);
  return {
    name: '检查记录表',
    header: RECORD_COLUMNS,
    rows: present(assignment.items).map((item, index) => [
      index + 1,
      assignment.id,
      codeCell(assignment.uscc),
      assignment.entityName,
      divisionName(task, item.division),
      codeCell(item.code),
      item.name,
      item.basis,
      item.content,
      item.method,
      null,
      null,
    ]),
    notes: [
      `${BUREAU}检查记录表：${assignment.entityName}，任务 ${task.name}（${task.id}），检查期间 ${period(task)}。`,
      `检查组：${team.map((member) => `${member.name}${member.leader ? '（组长）' : ''}，执法证号 ${member.certificateNo}`).join('；')}。`,
      `抽取种子 ${task.draw?.seed ?? ''}。统一社会信用代码和事项编码为文本单元格；“检查情况”“检查结果”两列留待填写。`,
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// 结果公告
// ---------------------------------------------------------------------------------------------

/** 结果公告 — the publication exactly as the portal shows it: no withheld findings, no inspectors. */
export function announcement(publication: PublicationPaperwork): DocumentSpec {
  const lead = publication.divisions.find((division) => division.lead);
  const rows = publication.results.map((result, index) => [
    String(index + 1),
    result.entityName,
    result.uscc,
    result.divisionName,
    result.itemName,
    result.outcomeLabel,
    result.withheldReason ? `不予公示：${result.withheldReason}` : (result.findings ?? ''),
  ]);
  return {
    title: publication.title,
    landscape: true,
    provenance: { taskId: publication.task?.id ?? publication.id, seed: publication.task?.draw?.seed ?? null },
    content: [
      { text: publication.title, style: 'title' },
      {
        text: `公告编号 ${publication.id}\u3000公示日期 ${beijingDate(publication.publishedAt)}\u3000${lead ? `牵头部门 ${lead.name}\u3000` : ''}共 ${publication.resultCount} 条，其中依法不予公示检查情况 ${publication.withheldCount} 条`,
        style: 'subtitle',
      },
      { ...table([22, 160, 125, 80, 100, 90, '*'], ['序号', '名称', '统一社会信用代码', '部门', '抽查事项', '检查结果', '检查情况'], rows), fontSize: 9 },
    ],
  };
}

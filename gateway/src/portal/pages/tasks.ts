import type { Request } from 'express';
import { pager, type Connection } from '../components';
import { beijingDateTime, TASK_STATUS_LABELS } from '../format';
import { requireData } from '../graphql-client';
import { html } from '../../../../common/html';
import type { Page } from '../layout';
import { parseCursor, parseYear } from '../params';
import type { PageContext } from './context';

const PAGE_SIZE = 20;

interface TaskSummary {
  id: string;
  name: string;
  year: number;
  status: string;
  isJoint: boolean;
  committedAt: string | null;
  cancelledAt: string | null;
  cancelReason: string | null;
  seedCommitment: string | null;
  draw: { drawnAt: string } | null;
  publication: { id: string; title: string } | null;
}

const TASKS_QUERY = `query PortalTasks($year: Int, $after: String, $first: Int!) {
  inspectionTasks(year: $year, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id name year status isJoint committedAt cancelledAt cancelReason seedCommitment draw { drawnAt } publication { id title } } }
  }
}`;

/** 状态: a cancelled task, or one whose cancellation awaits approval, says whether it was drawn first; a cancelled one why and when. */
function statusCell(node: TaskSummary) {
  if (node.status === 'CANCELLED') {
    return html`${TASK_STATUS_LABELS.CANCELLED}${node.draw ? '（抽取后撤销）' : ''}${node.cancelledAt ? html`<br /><span class="small">${beijingDateTime(node.cancelledAt)}</span>` : ''}${
      node.cancelReason ? html`<br /><span class="small">撤销原因：${node.cancelReason}</span>` : ''
    }`;
  }
  const drawnFirst = node.status === 'CANCELLATION_REQUESTED' && node.draw ? '（已抽取）' : '';
  return html`${TASK_STATUS_LABELS[node.status] ?? node.status}${drawnFirst}${node.publication ? html`<br /><a class="small" href="${`/publications/${encodeURIComponent(node.publication.id)}`}">${node.publication.title}</a>` : ''}`;
}

/**
 * 抽查任务 — every task from its commitment on. The commitment is listed here
 * before the draw happens: that is what lets the public hold the draw to it.
 */
export async function tasksPage(context: PageContext, req: Request): Promise<Page> {
  const year = parseYear(req.query.year);
  const after = parseCursor(req.query.after);
  const data = requireData(
    await context.publicQuery<{ inspectionTasks: Connection<TaskSummary> }>(TASKS_QUERY, { year: year ?? null, after: after ?? null, first: PAGE_SIZE }),
  );
  const list = data.inspectionTasks;
  const rows = list.edges.map(
    ({ node }) =>
      html`<tr>
        <td data-label="任务">
          <a href="${`/tasks/${encodeURIComponent(node.id)}/draw`}">${node.name}</a><br /><span class="small mono">${node.id}</span
          >${node.isJoint ? html` <span class="small">联合抽查</span>` : ''}
        </td>
        <td data-label="状态">${statusCell(node)}</td>
        <td data-label="确定时间">${node.committedAt ? beijingDateTime(node.committedAt) : '—'}</td>
        <td data-label="种子承诺">${node.seedCommitment ? html`<code>${node.seedCommitment}</code>` : '—'}</td>
      </tr>`,
  );
  const heading = year ? `${year}年抽查任务与抽取核验` : '抽查任务与抽取核验';
  return {
    title: heading,
    section: 'tasks',
    body: html`<h1>${heading}</h1>
      <p class="lead">
        抽查任务确定时即公开种子承诺（抽取密钥的 SHA-256
        摘要），抽取时结合事先无法预知的公开随机数产生种子。抽取后公开密钥和种子，结果公示后公开完整的抽取记录，任何人都可以复算核验。
      </p>
      <section class="panel">
        ${
          rows.length
            ? html`<table class="stack">
                <caption>
                  ${year ? `${year}年` : ''}共 ${list.totalCount} 个抽查任务
                </caption>
                <thead>
                  <tr>
                    <th scope="col">任务</th>
                    <th scope="col">状态</th>
                    <th scope="col">确定时间</th>
                    <th scope="col">种子承诺</th>
                  </tr>
                </thead>
                <tbody>
                  ${rows}
                </tbody>
              </table>`
            : html`<p class="notice">${year ? `${year}年` : ''}暂无已确定的抽查任务。</p>`
        }
        ${pager('/tasks', { year }, list, after !== undefined)}
      </section>`,
  };
}

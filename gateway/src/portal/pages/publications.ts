import type { Request } from 'express';
import { pager, PUBLIC_RESULT_FIELDS, resultsTable, type Connection, type PublicResultView } from '../components';
import { beijingDateTime } from '../format';
import { requireData } from '../graphql-client';
import type { Page } from '../layout';
import { href, html } from '../../../../common/html';
import { parseCursor, parseDivision, parseYear } from '../params';
import { notFound, type PageContext } from './context';

const PAGE_SIZE = 20;

interface PublicationSummary {
  id: string;
  title: string;
  year: number;
  publishedAt: string;
  resultCount: number;
  withheldCount: number;
  dueBy: string;
  onTime: boolean;
  isJoint: boolean;
  divisions: Array<{ code: string; name: string; lead: boolean }>;
}

const LIST_QUERY = `query PortalPublications($year: Int, $division: ID, $after: String, $first: Int!) {
  divisions { code name }
  publications(year: $year, division: $division, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id title year publishedAt resultCount withheldCount dueBy onTime isJoint divisions { code name lead } } }
  }
}`;

/** 联合抽查 and who took part, the lead first: how an officer of any of them recognises the announcement. */
function divisionsLine(publication: Pick<PublicationSummary, 'isJoint' | 'divisions'>) {
  if (!publication.isJoint) return html``;
  const others = publication.divisions.filter((division) => !division.lead).map((division) => division.name);
  const lead = publication.divisions.find((division) => division.lead)?.name;
  return html`<span class="small"><span class="badge">联合抽查</span>${lead ? `${lead}牵头` : ''}${others.length ? `，${others.join('、')}参加` : ''}</span>`;
}

/** 按部门: every division, so an officer finds the announcements of tasks their division took part in. */
function divisionFilter(divisions: Array<{ code: string; name: string }>, year: number | undefined, current: string | undefined) {
  const link = (code: string | undefined, label: string) =>
    code === current ? html`<strong aria-current="true">${label}</strong>` : html`<a href="${href('/publications', { year, division: code })}">${label}</a>`;
  return html`<nav class="filters" aria-label="按部门查看">
    按部门：${link(undefined, '全部')}${divisions.map((division) => html` · ${link(division.code, division.name)}`)}
  </nav>`;
}

function timeliness(publication: Pick<PublicationSummary, 'onTime' | 'dueBy'>) {
  return publication.onTime ? html`按期公示（期限 ${publication.dueBy}）` : html`<span class="badge">逾期</span>公示期限 ${publication.dueBy}`;
}

/** 结果公告 — every publication, newest first, optionally of one year. */
export async function publicationsPage(context: PageContext, req: Request): Promise<Page> {
  const year = parseYear(req.query.year);
  const division = parseDivision(req.query.division);
  const after = parseCursor(req.query.after);
  const data = requireData(
    await context.publicQuery<{ divisions: Array<{ code: string; name: string }>; publications: Connection<PublicationSummary> }>(LIST_QUERY, {
      year: year ?? null,
      division: division ?? null,
      after: after ?? null,
      first: PAGE_SIZE,
    }),
  );
  const divisionName = data.divisions.find((entry) => entry.code === division)?.name;
  const list = data.publications;
  const rows = list.edges.map(
    ({ node }) =>
      html`<tr>
        <td data-label="公告">
          <a href="${`/publications/${encodeURIComponent(node.id)}`}">${node.title}</a>${node.isJoint ? html`<br />${divisionsLine(node)}` : ''}
        </td>
        <td data-label="公示时间">${beijingDateTime(node.publishedAt)}</td>
        <td data-label="结果条数" class="num">${node.resultCount}</td>
        <td data-label="依法不予公示" class="num">${node.withheldCount}</td>
        <td data-label="时限">${timeliness(node)}</td>
      </tr>`,
  );
  const heading = `${divisionName ?? ''}${year ? `${year}年` : ''}检查结果公告`;
  return {
    title: heading,
    section: 'publications',
    body: html`<h1>${heading}</h1>
      <p class="lead">
        每个抽查任务的全部检查结果在一份公告中一次性公示；已公示的结果不再改动，确需更正的，以更正记录另行公示。多个部门联合抽查的，公告列明全部参加部门，按部门查看时也列在每个参加部门之下。
      </p>
      ${divisionFilter(data.divisions, year, division)}
      <section class="panel">
        ${
          rows.length
            ? html`<table class="stack">
                <caption>
                  共 ${list.totalCount} 份公告
                </caption>
                <thead>
                  <tr>
                    <th scope="col">公告</th>
                    <th scope="col">公示时间</th>
                    <th scope="col" class="num">结果条数</th>
                    <th scope="col" class="num">依法不予公示</th>
                    <th scope="col">时限</th>
                  </tr>
                </thead>
                <tbody>
                  ${rows}
                </tbody>
              </table>`
            : html`<p class="notice">暂无检查结果公告。</p>`
        }
        ${pager('/publications', { year, division }, list, after !== undefined)}
      </section>`,
  };
}

interface PublicationDetail extends PublicationSummary {
  leadDivision: string;
  number: number;
  results: PublicResultView[];
  task: { id: string; name: string } | null;
}

const DETAIL_QUERY = `query PortalPublication($id: ID!) {
  publication(id: $id) {
    id title leadDivision year number publishedAt resultCount withheldCount dueBy onTime isJoint divisions { code name lead }
    results { ${PUBLIC_RESULT_FIELDS} }
    task { id name }
  }
}`;

/** One publication with all its results, corrections included, and the way to its draw. */
export async function publicationPage(context: PageContext, req: Request): Promise<Page> {
  const id = String(req.params.id ?? '');
  if (id.length === 0 || id.length > 100) throw notFound('公告编号无效。');
  const data = requireData(await context.publicQuery<{ publication: PublicationDetail | null }>(DETAIL_QUERY, { id }));
  const publication = data.publication;
  if (!publication) throw notFound(`没有编号为“${id}”的检查结果公告。`);
  const corrections = publication.results.filter((result) => result.amends !== null);
  return {
    title: publication.title,
    section: 'publications',
    body: html`<p class="small"><a href="/publications">« 全部公告</a></p>
      <h1>${publication.title}</h1>
      <section class="panel">
        <dl class="facts">
          <dt>公告编号</dt>
          <dd><span class="mono">${publication.id}</span></dd>
          <dt>${publication.isJoint ? '联合抽查' : '抽查部门'}</dt>
          <dd>${publication.divisions.map((entry, index) => html`${index ? '、' : ''}${entry.name}${entry.lead && publication.isJoint ? '（牵头）' : ''}`)}</dd>
          ${
            publication.task
              ? html`<dt>抽查任务</dt>
                  <dd>${publication.task.name}（<span class="mono">${publication.task.id}</span>）</dd>`
              : ''
          }
          <dt>公示时间</dt>
          <dd>${beijingDateTime(publication.publishedAt)}</dd>
          <dt>时限</dt>
          <dd>${timeliness(publication)}</dd>
          <dt>结果条数</dt>
          <dd>
            ${publication.resultCount} 条，其中 ${publication.withheldCount}
            条检查情况依法不予公示${corrections.length ? `；另有更正 ${corrections.length} 条` : ''}
          </dd>
          ${
            publication.task
              ? html`<dt>随机抽取</dt>
                  <dd><a href="${`/tasks/${encodeURIComponent(publication.task.id)}/draw`}">查看本任务的抽取过程并下载抽取记录核验</a></dd>`
              : ''
          }
          <dt>公告文本</dt>
          <dd><a class="announcement-pdf" href="${`/documents/publications/${encodeURIComponent(publication.id)}/announcement.pdf`}">下载公告 PDF（A4，可打印）</a></dd>
        </dl>
      </section>
      <section class="panel">
        ${
          publication.results.length
            ? resultsTable(publication.results, { caption: '检查结果', withPublication: false })
            : html`<p class="notice">本公告没有检查结果。</p>`
        }
        ${corrections.length ? html`<p class="small">标注“更正”的记录是对原公示结果的更正，原结果标注“已更正”并继续保留，以便查阅。</p>` : ''}
      </section>`,
  };
}

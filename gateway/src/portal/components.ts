import { beijingDate, beijingDateTime } from './format';
import { href, html, type SafeHtml } from '../../../common/html';
import { outcomeStyle } from './outcomes';

/** A published result as the pages read it from `publicResults` and `publication { results }`. */
export interface PublicResultView {
  id: string;
  title: string;
  publication: string;
  uscc: string;
  entityName: string;
  divisionName: string;
  itemName: string;
  outcome: string;
  outcomeLabel: string;
  findings: string | null;
  withheldReason: string | null;
  referredTo: string | null;
  inspectedOn: string;
  publishedAt: string;
  amends: string | null;
  amendmentReason: string | null;
  /** 定向检查依据 of a DIRECTED task's result: the kind, and a referral's reference; null for a drawn entity. */
  directedBasis: { label: string; reference: string | null } | null;
}

/** The fields of PublicResult every page asks for — nothing beyond what the public type has. */
export const PUBLIC_RESULT_FIELDS = `id title publication uscc entityName divisionName itemName outcome outcomeLabel findings withheldReason referredTo inspectedOn publishedAt amends amendmentReason directedBasis { label reference }`;

export interface Connection<T> {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: Array<{ cursor: string; node: T }>;
}

export function outcomeLabel(outcome: string, label: string): SafeHtml {
  const kind = outcomeStyle(outcome).kind;
  return html`<span class="outcome${kind === 'clean' ? '' : ` ${kind}`}">${label}</span>`;
}

/** 检查情况: the findings, or — when withheld by law — only the legal reason, never the text. */
function findingsCell(result: PublicResultView, amended: ReadonlySet<string>): SafeHtml {
  const parts: SafeHtml[] = [];
  if (result.amends) parts.push(html`<span class="badge">更正</span>`);
  if (amended.has(result.id)) parts.push(html`<span class="badge muted">已更正</span>`);
  if (result.withheldReason) parts.push(html`<span class="withheld">不予公示：${result.withheldReason}</span>`);
  else if (result.findings) parts.push(html`<span>${result.findings}</span>`);
  else parts.push(html`<span class="small">—</span>`);
  if (result.referredTo) parts.push(html`<br /><span class="small">已移送：${result.referredTo}</span>`);
  if (result.amends && result.amendmentReason) parts.push(html`<br /><span class="small">更正原因：${result.amendmentReason}</span>`);
  if (result.directedBasis) {
    const { label, reference } = result.directedBasis;
    parts.push(html`<br /><span class="small">定向检查依据：${label}${reference ? `（${reference}）` : ''}</span>`);
  }
  return html`${parts}`;
}

export interface ResultsTableOptions {
  caption: string;
  /** Show the publication each result belongs to (the home page mixes publications). */
  withPublication: boolean;
}

/** Results as a table that becomes one card per result on a phone. */
export function resultsTable(results: readonly PublicResultView[], options: ResultsTableOptions): SafeHtml {
  const amended = new Set(results.map((result) => result.amends).filter((id): id is string => id !== null));
  const rows = results.map(
    (result) =>
      html`<tr>
        <td data-label="名称">${result.entityName}</td>
        <td data-label="统一社会信用代码"><span class="mono">${result.uscc}</span></td>
        <td data-label="部门">${result.divisionName}</td>
        <td data-label="抽查事项">${result.itemName}</td>
        <td data-label="检查结果">${outcomeLabel(result.outcome, result.outcomeLabel)}</td>
        <td data-label="检查情况">${findingsCell(result, amended)}</td>
        <td data-label="检查日期" class="date">${result.inspectedOn}</td>
        ${options.withPublication ? html`<td data-label="公告"><a href="${`/publications/${encodeURIComponent(result.publication)}`}">${result.title}</a><br /><span class="small">${beijingDate(result.publishedAt)}</span></td>` : html`<td data-label="公示时间" class="print-hide">${beijingDateTime(result.publishedAt)}</td>`}
      </tr>`,
  );
  return html`<table class="stack">
    <caption>
      ${options.caption}
    </caption>
    <thead>
      <tr>
        <th scope="col">名称</th>
        <th scope="col">统一社会信用代码</th>
        <th scope="col">部门</th>
        <th scope="col">抽查事项</th>
        <th scope="col">检查结果</th>
        <th scope="col">检查情况</th>
        <th scope="col">检查日期</th>
        ${options.withPublication ? html`<th scope="col">公告</th>` : html`<th scope="col" class="print-hide">公示时间</th>`}
      </tr>
    </thead>
    <tbody>
      ${rows}
    </tbody>
  </table>`;
}

/** "Next page" and "first page" links for a forward-only cursor. */
export function pager(path: string, query: Record<string, string | number | undefined>, connection: Connection<unknown>, onLaterPage: boolean): SafeHtml {
  const links: SafeHtml[] = [];
  if (onLaterPage) links.push(html`<a href="${href(path, { ...query, after: undefined })}">« 返回第一页</a>`);
  if (connection.pageInfo.hasNextPage && connection.pageInfo.endCursor) {
    links.push(html`<a rel="next" href="${href(path, { ...query, after: connection.pageInfo.endCursor })}">下一页 »</a>`);
  }
  return links.length ? html`<nav class="pager" aria-label="翻页">${links}</nav>` : html``;
}

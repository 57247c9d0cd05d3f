import type { Request } from 'express';
import { outcomeChart, type OutcomeCount } from '../chart';
import { pager, PUBLIC_RESULT_FIELDS, resultsTable, type Connection, type PublicResultView } from '../components';
import { currentYear } from '../format';
import { requireData } from '../graphql-client';
import { href, html } from '../../../../common/html';
import type { Page } from '../layout';
import { parseCursor, parseSearch, parseYear } from '../params';
import type { PageContext } from './context';

const PAGE_SIZE = 20;
/** Years offered in the chart's year picker, counting back from this year. */
const YEARS_OFFERED = 5;

const HOME_QUERY = `query PortalHome($search: String, $after: String, $first: Int!, $year: Int!) {
  publicResults(search: $search, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { ${PUBLIC_RESULT_FIELDS} } }
  }
  publicOutcomeSummary(year: $year) { division divisionName outcome label count }
}`;

interface HomeData {
  publicResults: Connection<PublicResultView>;
  publicOutcomeSummary: OutcomeCount[];
}

function yearPicker(selected: number, thisYear: number, search: string | undefined) {
  const years = Array.from({ length: YEARS_OFFERED }, (_, i) => thisYear - i);
  if (!years.includes(selected)) years.push(selected);
  years.sort((a, b) => b - a);
  return html`<form class="inline-form" method="get" action="/">
${search ? html`<input type="hidden" name="q" value="${search}">` : ''}
<label for="year">统计年度</label>
<select id="year" name="year">${years.map((year) => html`<option value="${year}"${year === selected ? html` selected` : ''}>${year}年</option>`)}</select>
<button type="submit">查看</button>
</form>`;
}

/**
 * 首页 — the latest published results (or those matching a name or USCC), and the
 * year's outcomes per division as a chart. One GraphQL operation, no token.
 */
export async function homePage(context: PageContext, req: Request): Promise<Page> {
  const thisYear = currentYear();
  const search = parseSearch(req.query.q);
  const after = parseCursor(req.query.after);
  const year = parseYear(req.query.year, thisYear);
  const data = requireData(await context.publicQuery<HomeData>(HOME_QUERY, { search: search ?? null, after: after ?? null, first: PAGE_SIZE, year }));
  const results = data.publicResults;
  const nodes = results.edges.map((edge) => edge.node);
  const keepYear = year === thisYear ? undefined : year;

  const heading = search ? `“${search}”的检查结果` : '最新公示的检查结果';
  const listing = nodes.length
    ? resultsTable(nodes, {
        caption: search ? `共 ${results.totalCount} 条匹配结果` : `共 ${results.totalCount} 条已公示结果，按公示先后排列`,
        withPublication: true,
      })
    : html`<p class="notice">${search ? `没有找到名称或统一社会信用代码与“${search}”相符的公示结果。` : '目前还没有公示的检查结果。'}</p>`;

  return {
    title: search ? `检索：${search}` : '检查结果公示',
    section: 'results',
    body: html`<h1>随机抽查检查结果公示</h1>
<p class="lead">依照“双随机、一公开”规定，许昌市公安局各警种部门随机抽取检查对象、随机选派执法检查人员，检查结果自作出之日起20个工作日内向社会公示。</p>
<section class="panel" aria-labelledby="search-heading">
<h2 id="search-heading">查询市场主体的检查结果</h2>
<form class="search" method="get" action="/" role="search">
<label for="q">市场主体名称或统一社会信用代码</label>
<input id="q" type="search" name="q" value="${search ?? ''}" maxlength="50" placeholder="例如：宾馆，或 91411000…" autocomplete="off">
${keepYear ? html`<input type="hidden" name="year" value="${keepYear}">` : ''}
<button type="submit">查询</button>
</form>
${search ? html`<p class="small"><a href="${href('/', { year: keepYear })}">清除检索条件，查看全部结果</a></p>` : ''}
</section>
<section class="panel" aria-labelledby="results-heading">
<h2 id="results-heading">${heading}</h2>
${listing}
${pager('/', { q: search, year: keepYear }, results, after !== undefined)}
</section>
<section class="panel" aria-labelledby="chart-heading">
<h2 id="chart-heading">各部门检查结果统计</h2>
${yearPicker(year, thisYear, search)}
${outcomeChart(year, data.publicOutcomeSummary)}
<p class="small">统计口径：${year}年度抽查任务已公示的检查结果；结果经更正的，按更正后的结果计算。</p>
</section>
<section class="panel">
<h2>更多公开信息</h2>
<ul>
<li><a href="/publications">检查结果公告</a>：每个抽查任务的结果一次性公示。</li>
<li><a href="/items">抽查事项清单</a>：各警种部门的抽查依据、主体、对象、比例、频次、方式和内容。</li>
<li><a href="/tasks">抽查任务与抽取核验</a>：抽取前公开的种子承诺、抽取记录下载和核验方法。</li>
</ul>
</section>`,
  };
}

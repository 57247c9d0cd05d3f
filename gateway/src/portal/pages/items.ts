import type { Request } from 'express';
import { percentFromBp } from '../format';
import { requireData } from '../graphql-client';
import { html } from '../../../../common/html';
import type { Page } from '../layout';
import type { PageContext } from './context';

interface CheckItemView {
  code: string;
  name: string;
  basis: string;
  subject: string;
  targetCategory: string;
  ratioBp: number;
  timesPerYear: number;
  method: string;
  content: string;
  requiredExpertise: string | null;
}

interface DivisionView {
  code: string;
  name: string;
  checklist: CheckItemView[];
}

const ITEMS_QUERY = `query PortalItems {
  divisions { code name checklist { code name basis subject targetCategory ratioBp timesPerYear method content requiredExpertise } }
}`;

function itemsTable(division: DivisionView) {
  if (division.checklist.length === 0) return html`<p class="notice">${division.name}目前没有公布抽查事项。</p>`;
  const rows = division.checklist.map(
    (item) => html`<tr>
<td data-label="编号"><span class="mono">${item.code}</span></td>
<td data-label="抽查事项">${item.name}</td>
<td data-label="抽查依据">${item.basis}</td>
<td data-label="抽查主体">${item.subject}</td>
<td data-label="抽查对象">${item.targetCategory}</td>
<td data-label="抽查比例" class="num">${percentFromBp(item.ratioBp)}</td>
<td data-label="抽查频次">每年 ${item.timesPerYear} 次</td>
<td data-label="抽查方式">${item.method}</td>
<td data-label="抽查内容">${item.content}${item.requiredExpertise ? html`<br><span class="small">检查人员须具备：${item.requiredExpertise}</span>` : ''}</td>
</tr>`,
  );
  return html`<table class="stack">
<caption>${division.name}随机抽查事项清单（共 ${division.checklist.length} 项）</caption>
<thead><tr><th scope="col">编号</th><th scope="col">抽查事项</th><th scope="col">抽查依据</th><th scope="col">抽查主体</th><th scope="col">抽查对象</th><th scope="col" class="num">抽查比例</th><th scope="col">抽查频次</th><th scope="col">抽查方式</th><th scope="col">抽查内容</th></tr></thead>
<tbody>${rows}</tbody>
</table>`;
}

/**
 * 抽查事项清单 — each division's public list ("一单"). A division whose instance is
 * down is named in a notice; the other divisions' lists are still shown.
 */
export async function itemsPage(context: PageContext, _req: Request): Promise<Page> {
  const reply = await context.publicQuery<{ divisions: DivisionView[] }>(ITEMS_QUERY);
  const data = requireData(reply);
  const divisions = data.divisions.filter((division): division is DivisionView => division !== null);
  const missing = reply.errors.map((error) => error.extensions?.division).filter((code): code is string => typeof code === 'string');
  const toc = divisions.map((division) => html`<li><a href="${`#division-${division.code}`}">${division.name}</a>（${division.checklist.length} 项）</li>`);
  const sections = divisions.map(
    (division) => html`<section class="panel" id="${`division-${division.code}`}" aria-labelledby="${`division-${division.code}-heading`}">
<h2 id="${`division-${division.code}-heading`}">${division.name}</h2>
${itemsTable(division)}
</section>`,
  );
  return {
    title: '随机抽查事项清单',
    section: 'items',
    body: html`<h1>随机抽查事项清单</h1>
<p class="lead">各警种部门只对清单内的事项开展随机抽查。清单列明抽查依据、抽查主体、抽查对象、抽查比例、抽查频次、抽查方式和抽查内容，并根据法律法规和职责变化动态调整。</p>
${missing.length || reply.errors.length ? html`<p class="notice warn">部分部门的清单暂时无法读取${missing.length ? `（${[...new Set(missing)].join('、')}）` : ''}，请稍后刷新重试。</p>` : ''}
${divisions.length ? html`<nav class="panel" aria-label="部门"><ul>${toc}</ul></nav>${sections}` : html`<p class="notice">暂无公布的抽查事项。</p>`}`,
  };
}

import { html, type SafeHtml } from '../../../common/html';
import { compareOutcomes, outcomeStyle } from './outcomes';

/** One count of `publicOutcomeSummary(year)`. */
export interface OutcomeCount {
  division: string;
  divisionName: string;
  outcome: string;
  label: string;
  count: number;
}

interface DivisionBar {
  division: string;
  name: string;
  total: number;
  segments: Array<{ outcome: string; label: string; count: number }>;
}

/** Groups the flat counts into one bar per division, outcomes in display order, divisions as the API ordered them. */
export function divisionBars(counts: readonly OutcomeCount[]): DivisionBar[] {
  const bars = new Map<string, DivisionBar>();
  for (const entry of counts) {
    if (entry.count <= 0) continue;
    let bar = bars.get(entry.division);
    if (!bar) {
      bar = { division: entry.division, name: entry.divisionName, total: 0, segments: [] };
      bars.set(entry.division, bar);
    }
    bar.total += entry.count;
    bar.segments.push({ outcome: entry.outcome, label: entry.label, count: entry.count });
  }
  for (const bar of bars.values()) bar.segments.sort((a, b) => compareOutcomes(a.outcome, b.outcome));
  return [...bars.values()];
}

/** The outcomes that occur, in display order, with their labels: the legend and the table's columns. */
function outcomesPresent(counts: readonly OutcomeCount[]): Array<{ outcome: string; label: string }> {
  const seen = new Map<string, string>();
  for (const entry of counts) if (entry.count > 0 && !seen.has(entry.outcome)) seen.set(entry.outcome, entry.label);
  return [...seen.entries()].sort(([a], [b]) => compareOutcomes(a, b)).map(([outcome, label]) => ({ outcome, label }));
}

const WIDTH = 420;
const TOTAL_LABEL_WIDTH = 48;
const ROW_HEIGHT = 60;
const LABEL_HEIGHT = 20;
const BAR_HEIGHT = 22;

/**
 * 各部门检查结果分布 — a horizontal stacked bar per division, drawn on the server
 * as inline SVG so it needs no script and no chart library. Horizontal bars with
 * the division name above each bar stay legible at phone width; colours come with
 * a legend and every segment has a tooltip, and the same numbers are in a table
 * for screen readers and for anyone who prefers figures.
 */
export function outcomeChart(year: number, counts: readonly OutcomeCount[]): SafeHtml {
  const bars = divisionBars(counts);
  const title = `${year}年各部门检查结果分布`;
  if (bars.length === 0) {
    return html`<figure class="chart"><figcaption><strong>${title}</strong></figcaption><p class="notice">${year}年暂无已公示的检查结果。</p></figure>`;
  }
  const max = Math.max(...bars.map((bar) => bar.total));
  const plot = WIDTH - TOTAL_LABEL_WIDTH;
  const height = bars.length * ROW_HEIGHT + 4;
  const rows = bars.map((bar, index) => {
    const top = index * ROW_HEIGHT;
    let x = 0;
    const segments = bar.segments.map((segment) => {
      const width = (segment.count / max) * plot;
      const rect = html`<rect x="${x.toFixed(2)}" y="${top + LABEL_HEIGHT + 4}" width="${Math.max(width, 1).toFixed(2)}" height="${BAR_HEIGHT}" fill="${outcomeStyle(segment.outcome).color}"><title>${bar.name} · ${segment.label}：${segment.count} 条</title></rect>`;
      x += width;
      return rect;
    });
    return html`<g>
<text x="0" y="${top + 16}" font-size="16" fill="#1d2733">${bar.name}</text>
${segments}
<text x="${(x + 6).toFixed(2)}" y="${top + LABEL_HEIGHT + 4 + 16}" font-size="14" fill="#5a6675">${bar.total}</text>
</g>`;
  });
  const description = bars
    .map((bar) => `${bar.name}共${bar.total}条：${bar.segments.map((segment) => `${segment.label}${segment.count}条`).join('，')}`)
    .join('；');
  const outcomes = outcomesPresent(counts);
  const legend = outcomes.map(
    (entry) =>
      html`<li><svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true" focusable="false"><rect width="14" height="14" rx="2" fill="${outcomeStyle(entry.outcome).color}"/></svg>${entry.label}</li>`,
  );
  const tableRows = bars.map((bar) => {
    const byOutcome = new Map(bar.segments.map((segment) => [segment.outcome, segment.count]));
    return html`<tr><th scope="row">${bar.name}</th>${outcomes.map((entry) => html`<td class="num">${byOutcome.get(entry.outcome) ?? 0}</td>`)}<td class="num">${bar.total}</td></tr>`;
  });
  return html`<figure class="chart">
<figcaption><strong>${title}</strong></figcaption>
<svg class="bars" role="img" aria-labelledby="outcome-chart-title outcome-chart-desc" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" xmlns="http://www.w3.org/2000/svg">
<title id="outcome-chart-title">${title}（按部门堆叠，单位：条）</title>
<desc id="outcome-chart-desc">${description}</desc>
${rows}
</svg>
<ul class="legend" aria-label="图例">${legend}</ul>
<details>
<summary>以表格查看数据</summary>
<div class="table-scroll">
<table>
<caption>${title}（单位：条）</caption>
<thead><tr><th scope="col">部门</th>${outcomes.map((entry) => html`<th scope="col" class="num">${entry.label}</th>`)}<th scope="col" class="num">合计</th></tr></thead>
<tbody>${tableRows}</tbody>
</table>
</div>
</details>
</figure>`;
}

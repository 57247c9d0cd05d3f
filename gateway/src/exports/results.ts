import type { PublicResultView } from '../portal/components';
import { PUBLIC_RESULT_FIELDS, type Connection } from '../portal/components';
import { shanghaiTimestamp } from '../../../common/dates';
import { beijingDate } from '../portal/format';
import { callGraphQL, requireData, type CallOptions } from '../portal/graphql-client';
import { codeCell, csvDocument, type CsvValue } from './csv';
import type { Sheet } from './xlsx';

/** The API's largest page: few round trips for a year's thousands of rows. */
const PAGE_SIZE = 500;
/** A ceiling on pages, so a cursor bug can never loop forever (2 000 000 rows). */
const MAX_PAGES = 4000;

const RESULTS_QUERY = `query ExportResults($year: Int!, $division: ID, $after: String, $first: Int!) {
  publicResults(year: $year, division: $division, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { ${PUBLIC_RESULT_FIELDS} } }
  }
}`;

export const RESULT_COLUMNS = [
  '记录编号',
  '公告编号',
  '公告标题',
  '公示日期',
  '公示时间',
  '统一社会信用代码',
  '名称',
  '部门',
  '抽查事项',
  '检查结果',
  '检查结果代码',
  '检查情况',
  '不予公示理由',
  '移送机关',
  '检查日期',
  '是否更正',
  '更正原因',
  '被更正记录编号',
] as const;

/**
 * Every published result of a year (optionally one division's), read page by page
 * from `publicResults` — the public view, so the file holds exactly what the
 * portal shows: no withheld findings, no inspectors.
 */
export async function readPublishedResults(graphqlUrl: string, year: number, division: string | undefined, options: CallOptions): Promise<PublicResultView[]> {
  const results: PublicResultView[] = [];
  let after: string | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const data: { publicResults: Connection<PublicResultView> } = requireData(
      await callGraphQL<{ publicResults: Connection<PublicResultView> }>(
        graphqlUrl,
        RESULTS_QUERY,
        { year, division: division ?? null, after, first: PAGE_SIZE },
        options,
      ),
    );
    for (const edge of data.publicResults.edges) results.push(edge.node);
    const { hasNextPage, endCursor } = data.publicResults.pageInfo;
    if (!hasNextPage || !endCursor) return results;
    after = endCursor;
  }
  throw new Error(`more than ${MAX_PAGES} pages of results`);
}

export function resultRow(result: PublicResultView): CsvValue[] {
  return [
    result.id,
    result.publication,
    result.title,
    beijingDate(result.publishedAt),
    shanghaiTimestamp(result.publishedAt),
    codeCell(result.uscc),
    result.entityName,
    result.divisionName,
    result.itemName,
    result.outcomeLabel,
    result.outcome,
    result.withheldReason ? null : result.findings,
    result.withheldReason,
    result.referredTo,
    result.inspectedOn,
    result.amends !== null,
    result.amendmentReason,
    result.amends,
  ];
}

export const RESULT_NOTES = [
  '每行一条已公示的检查结果，与公示平台所示一致：依法不予公示的检查情况只列不予公示理由，不含执法检查人员信息。',
  '统一社会信用代码为文本；CSV 文件中写作 ="…"，Excel、WPS 打开后显示为完整代码。',
  '公示时间为北京时间（+08:00）。更正记录另占一行，“被更正记录编号”指向原记录。',
];

export function resultsCsv(results: readonly PublicResultView[]): string {
  return csvDocument(RESULT_COLUMNS, results.map(resultRow));
}

export function resultsSheet(results: readonly PublicResultView[]): Sheet {
  return { name: '检查结果', header: RESULT_COLUMNS, rows: results.map(resultRow), notes: RESULT_NOTES };
}

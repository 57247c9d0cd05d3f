import { callGraphQL, requireData, type CallOptions, type GraphQLReply } from '../portal/graphql-client';
import { ApiUnavailableError } from '../portal/graphql-client';
import { csvDocument, type CsvValue } from './csv';
import type { Sheet } from './xlsx';

interface StatsView {
  year: number;
  division: string | null;
  tasks: number;
  cancelled: number;
  drawn: number;
  published: number;
  overdue: number;
  entitiesInspected: number;
  violationRateBp: number;
  resultsByOutcome: Array<{ outcome: string; label: string; count: number }>;
}

const STATS_FIELDS = `year division tasks cancelled drawn published overdue entitiesInspected violationRateBp resultsByOutcome { outcome label count }`;

const OVERVIEW_QUERY = `query ExportStatsOverview($year: Int!) {
  divisions { code name }
  inspectionStats(year: $year) { ${STATS_FIELDS} }
}`;

const DIVISION_QUERY = `query ExportStatsDivision($year: Int!, $division: ID!) {
  inspectionStats(year: $year, division: $division) { ${STATS_FIELDS} }
}`;

export const TOTAL_ROW_NAME = '合计（全部部门）';

/** The headers say what each count includes, since the file travels without the schema's descriptions. */
const FIXED_COLUMNS = [
  '部门代码',
  '部门名称',
  '年度',
  '任务数（不含已撤销）',
  '已撤销任务数',
  '已抽取任务数',
  '已公示任务数',
  '逾期任务数',
  '检查市场主体数（有已公示结果；联合抽查的主体在每个参与部门各计一次，合计只计一次）',
  '违法率(%)',
] as const;

export const STATS_NOTES = [
  '任务数不含已撤销的任务，已撤销任务数另列；两者之和为该年全部任务。',
  '检查市场主体数只计有已公示检查结果的主体。联合抽查的同一主体在每个参与部门的行中各计一次，因此各部门之和可能大于合计行；合计行按全局去重。',
  '逾期任务数：逾期公示的任务，以及已过公示期限（最早一条结果后 20 个工作日）仍未公示的任务。',
  '违法率：违法类检查结果条数占已公示检查结果条数的百分比。检查结果各列为已公示结果的条数。',
];

export interface StatsRow {
  code: string;
  name: string;
  stats: StatsView;
}

/** Everything the division figures depend on must be there: a half-complete statistics file is worse than a retry. */
function complete<T>(reply: GraphQLReply<T>): T {
  const data = requireData(reply);
  if (reply.errors.length)
    throw new ApiUnavailableError(`statistics incomplete: ${reply.errors.map((error) => error.extensions?.code ?? error.message).join(', ')}`);
  return data;
}

/**
 * `inspectionStats` for the year and for each division, as the caller (the
 * caller's own token is passed on, so the API decides what they may read). The
 * total is the API's own whole-bureau figure, not a sum: a joint task counts once
 * in the total but in each of its divisions.
 */
export async function readStats(graphqlUrl: string, year: number, options: CallOptions): Promise<StatsRow[]> {
  const overview = complete(
    await callGraphQL<{ divisions: Array<{ code: string; name: string }>; inspectionStats: StatsView }>(graphqlUrl, OVERVIEW_QUERY, { year }, options),
  );
  const perDivision = await Promise.all(
    overview.divisions.map(async (division) => {
      const data = complete(await callGraphQL<{ inspectionStats: StatsView }>(graphqlUrl, DIVISION_QUERY, { year, division: division.code }, options));
      return { code: division.code, name: division.name, stats: data.inspectionStats };
    }),
  );
  return [...perDivision, { code: '', name: TOTAL_ROW_NAME, stats: overview.inspectionStats }];
}

/** One column per outcome, in the API's order, labelled in Chinese. */
function statsTable(rows: readonly StatsRow[]): { header: string[]; body: CsvValue[][] } {
  const outcomes = rows[rows.length - 1]?.stats.resultsByOutcome ?? [];
  const header = [...FIXED_COLUMNS, ...outcomes.map((entry) => `检查结果：${entry.label}`)];
  const body = rows.map((row): CsvValue[] => {
    const counts = new Map(row.stats.resultsByOutcome.map((entry) => [entry.outcome, entry.count]));
    return [
      row.code,
      row.name,
      row.stats.year,
      row.stats.tasks,
      row.stats.cancelled,
      row.stats.drawn,
      row.stats.published,
      row.stats.overdue,
      row.stats.entitiesInspected,
      Number((row.stats.violationRateBp / 100).toFixed(2)),
      ...outcomes.map((entry) => counts.get(entry.outcome) ?? 0),
    ];
  });
  return { header, body };
}

export function statsCsv(rows: readonly StatsRow[]): string {
  const { header, body } = statsTable(rows);
  return csvDocument(header, body);
}

export function statsSheet(rows: readonly StatsRow[]): Sheet {
  const { header, body } = statsTable(rows);
  return { name: '统计', header, rows: body, notes: STATS_NOTES };
}

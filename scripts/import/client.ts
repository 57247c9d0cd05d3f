import type { ImportKind } from './columns';

/**
 * The gateway could not be used: unreachable, the token refused, the division
 * unknown or not the caller's. Nothing about the file — exit status 2.
 */
export class GatewayError extends Error {
  constructor(
    message: string,
    /** `unreachable`: no answer at all; `refused`: the gateway answered no. */
    readonly reason: 'unreachable' | 'refused' = 'refused',
  ) {
    super(message);
  }
}

/** What `importTargets` / `importInspectors` / `importCreditClasses` report for one call. */
export interface ImportReport {
  accepted: number;
  rejected: number;
  created: number;
  updated: number;
  unchanged: number;
  /** `row` is 1-based within the rows of that call. */
  errors: Array<{ row: number; field: string | null; code: string; message: string }>;
  /** Saved rows worth a look (an expired 执法证 …), numbered like `errors`. */
  warnings: Array<{ row: number; field: string | null; code: string; message: string }>;
}

interface GraphQLResponse<T> {
  data?: T | null;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

const REPORT_FIELDS = 'accepted rejected created updated unchanged errors { row field code message } warnings { row field code message }';

const IMPORT_MUTATIONS: Record<ImportKind, { query: string; field: 'importTargets' | 'importInspectors' | 'importCreditClasses' }> = {
  targets: {
    field: 'importTargets',
    query: `mutation ImportTargetsFromSpreadsheet($division: ID!, $rows: [TargetInput!]!) { importTargets(division: $division, rows: $rows) { ${REPORT_FIELDS} } }`,
  },
  inspectors: {
    field: 'importInspectors',
    query: `mutation ImportInspectorsFromSpreadsheet($division: ID!, $rows: [InspectorInput!]!) { importInspectors(division: $division, rows: $rows) { ${REPORT_FIELDS} } }`,
  },
  // The joint office's, not a division's: no division argument.
  'credit-classes': {
    field: 'importCreditClasses',
    query: `mutation ImportCreditClassesFromSpreadsheet($rows: [CreditClassInput!]!) { importCreditClasses(rows: $rows) { ${REPORT_FIELDS} } }`,
  },
};

/** What to tell the clerk when nothing answers, in both languages. */
export interface UnreachableHint {
  zh: string;
  en: string;
}

const CHECK_THE_ADDRESS: UnreachableHint = { zh: '请检查 --gateway 地址和网络', en: 'check --gateway and the network' };

/** A long import batch may take a while on a busy server; a dead connection must not hang the command forever. */
const REQUEST_TIMEOUT_MS = 5 * 60_000;

/** Talks to the gateway's GraphQL endpoint as the clerk whose token it carries. */
export class GatewayClient {
  constructor(
    readonly url: string,
    private readonly token: string | null,
    private readonly unreachableHint: UnreachableHint = CHECK_THE_ADDRESS,
  ) {}

  async request<T>(query: string, variables: Record<string, unknown>): Promise<T> {
    let response: Response;
    try {
      response = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', ...(this.token ? { authorization: `Bearer ${this.token}` } : {}) },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      const reason = cause?.code ?? cause?.message ?? (error as Error).message;
      throw new GatewayError(
        `无法连接网关 ${this.url}，${this.unreachableHint.zh} (cannot reach the gateway, ${reason}: ${this.unreachableHint.en})`,
        'unreachable',
      );
    }
    const text = await response.text();
    let body: GraphQLResponse<T>;
    try {
      body = JSON.parse(text) as GraphQLResponse<T>;
    } catch {
      throw new GatewayError(
        `网关返回的不是 GraphQL 响应 (HTTP ${response.status})，--gateway 应为 GraphQL 地址，如 http://localhost:4000/graphql (the gateway did not answer with GraphQL; is --gateway the /graphql URL?)`,
        'unreachable',
      );
    }
    const error = body.errors?.[0];
    if (error) {
      const code = error.extensions?.code ?? `HTTP ${response.status}`;
      if (code === 'UNAUTHENTICATED')
        throw new GatewayError(`网关拒绝了令牌：${error.message} (the gateway refused the token; get a new one with npm run token)`);
      throw new GatewayError(`网关拒绝了请求 [${code}]：${error.message} (the gateway refused the request)`);
    }
    if (!response.ok || !body.data) throw new GatewayError(`网关请求失败 (the gateway answered HTTP ${response.status})`);
    return body.data;
  }

  /**
   * The target categories (抽查对象) of the division's items, the set the server
   * checks rows against. Withdrawn items count too, but only a signed-in caller
   * may list them.
   */
  async categories(division: string): Promise<Set<string>> {
    const data = await this.request<{ division: { checklist: Array<{ targetCategory: string }> } | null }>(
      'query ImportCategories($division: ID!, $all: Boolean!) { division(code: $division) { code checklist(includeInactive: $all) { targetCategory } } }',
      { division, all: this.token !== null },
    );
    if (!data.division) throw new GatewayError(`没有代码为 ${division} 的部门 (no division ${division})`);
    return new Set(data.division.checklist.map((item) => item.targetCategory));
  }

  /** Certificate number → inspector id for the whole directory, so a certificate held by someone else is caught before anything is sent. */
  async certificateHolders(division: string): Promise<Map<string, string>> {
    const holders = new Map<string, string>();
    let after: string | null = null;
    for (;;) {
      type Page = {
        division: {
          inspectors: { edges: Array<{ node: { id: string; certificateNo: string } }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
        } | null;
      };
      const data: Page = await this.request<Page>(
        'query ImportInspectorDirectory($division: ID!, $after: String) { division(code: $division) { inspectors(first: 500, after: $after) { edges { node { id certificateNo } } pageInfo { hasNextPage endCursor } } } }',
        { division, after },
      );
      if (!data.division) throw new GatewayError(`没有代码为 ${division} 的部门 (no division ${division})`);
      for (const { node } of data.division.inspectors.edges) holders.set(node.certificateNo, node.id);
      if (!data.division.inspectors.pageInfo.hasNextPage) return holders;
      after = data.division.inspectors.pageInfo.endCursor;
    }
  }

  async importRows(kind: ImportKind, division: string | null, rows: unknown[]): Promise<ImportReport> {
    const { query, field } = IMPORT_MUTATIONS[kind];
    const data = await this.request<Record<string, ImportReport>>(query, division === null ? { rows } : { division, rows });
    return data[field]!;
  }
}

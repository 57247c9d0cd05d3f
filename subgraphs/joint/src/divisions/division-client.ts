import { CONTEXT_HEADER, REQUEST_ID_HEADER, serviceViewer, signContext } from '../../../../common/context-token';
import { unknownDivision } from '../../../../common/divisions';
import type { DivisionEndpoint } from '../../../../common/config';
import { domainError } from '../../../../common/errors';
import { parseStringList } from '../../../../common/string-list.type';
import { Agent, request } from 'undici';

/** An item of a division's list, as the joint office needs it. */
export interface DivisionItem {
  code: string;
  name: string;
  ratioBp: number;
  targetCategory: string;
  requiredExpertise: string | null;
  active: boolean;
}

export interface PoolTargetData {
  uscc: string;
  name: string;
  categories: string[];
}

export interface PoolInspectorData {
  id: string;
  expertise: string[];
  certificateValidUntil: string;
  conflicts: string[];
}

export interface DivisionPoolData {
  division: string;
  targets: PoolTargetData[];
  inspectors: PoolInspectorData[];
}

const TIMEOUT_MS = 30_000;

/**
 * Reads division instances directly (the same DIVISIONS map as the gateway),
 * as the `joint` service. Used for what must be read at one moment and frozen:
 * item definitions at commitment, pools at the draw, names at publication.
 */
export class DivisionDirectoryClient {
  private endpoints: Map<string, string>;
  private readonly names = new Map<string, string>();
  /**
   * undici's own request API over kept-alive connections: a pool is megabytes of JSON,
   * which `fetch` passes through web streams before parsing.
   */
  private readonly agent = new Agent({ keepAliveTimeout: 30_000, connections: 16 });

  constructor(
    endpoints: DivisionEndpoint[],
    private readonly key: Uint8Array,
  ) {
    this.endpoints = new Map(endpoints.map((endpoint) => [endpoint.code, endpoint.url]));
  }

  /** A re-read division list (DIVISIONS=@file on SIGHUP): calls already under way finish on the URL they started with. */
  replace(endpoints: DivisionEndpoint[]): void {
    this.endpoints = new Map(endpoints.map((endpoint) => [endpoint.code, endpoint.url]));
  }

  codes(): string[] {
    return [...this.endpoints.keys()];
  }

  has(code: string): boolean {
    return this.endpoints.has(code);
  }

  private async call<T>(division: string, query: string, variables: Record<string, unknown>, requestId?: string): Promise<T> {
    const url = this.endpoints.get(division);
    if (!url) {
      throw unknownDivision(division);
    }
    let body: { data?: T; errors?: Array<{ message: string; extensions?: { code?: string } }> };
    try {
      const response = await request(url, {
        method: 'POST',
        dispatcher: this.agent,
        headers: {
          'content-type': 'application/json',
          [CONTEXT_HEADER]: await signContext(serviceViewer('joint', requestId), this.key),
          ...(requestId ? { [REQUEST_ID_HEADER]: requestId } : {}),
        },
        body: JSON.stringify({ query, variables }),
        headersTimeout: TIMEOUT_MS,
        bodyTimeout: TIMEOUT_MS,
      });
      body = (await response.body.json()) as typeof body;
    } catch (error) {
      throw domainError(
        'DIVISION_UNAVAILABLE',
        `${division} 的名录库服务暂时无法访问，请稍后重试 (division ${division} is unavailable: ${error instanceof Error ? error.message : error})`,
        { division },
      );
    }
    if (!body.data || body.errors?.length) {
      const first = body.errors?.[0];
      throw domainError(
        'DIVISION_UNAVAILABLE',
        `${division} 的名录库服务返回错误 (division ${division} answered with an error: ${first?.message ?? 'no data'})`,
        { division },
      );
    }
    return body.data;
  }

  /** The division's whole list, withdrawn items included. */
  async checklist(division: string, requestId?: string): Promise<{ name: string; items: DivisionItem[] }> {
    const data = await this.call<{ division: { name: string; checklist: DivisionItem[] } | null }>(
      division,
      'query Checklist($code: ID!) { division(code: $code) { name checklist(includeInactive: true) { code name ratioBp targetCategory requiredExpertise active } } }',
      { code: division },
      requestId,
    );
    if (!data.division) throw unknownDivision(division);
    this.names.set(division, data.division.name);
    return { name: data.division.name, items: data.division.checklist };
  }

  /**
   * Active entries of the given categories and the active inspectors, for a
   * draw. A city's directories hold tens of thousands of entries, so they are
   * read as the instance's compact `targetTable` (one JSON text of
   * `[uscc, name, "|category|…|"]` rows) rather than field by field.
   */
  async drawPool(division: string, categories: string[], requestId?: string): Promise<DivisionPoolData> {
    const data = await this.call<{ drawPool: { division: string; targetTable: string; inspectors: PoolInspectorData[] } }>(
      division,
      'query Pool($division: ID!, $categories: [String!]!) { drawPool(division: $division, categories: $categories) { division targetTable inspectors { id expertise certificateValidUntil conflicts } } }',
      { division, categories },
      requestId,
    );
    const { targetTable, ...pool } = data.drawPool;
    let rows: unknown;
    try {
      rows = JSON.parse(targetTable);
    } catch {
      rows = undefined;
    }
    if (!Array.isArray(rows)) {
      throw domainError('DIVISION_UNAVAILABLE', `${division} 的名录库服务返回的抽取池无法读取 (division ${division} sent a pool that cannot be read)`, {
        division,
      });
    }
    // Entries share a few category lists: one array per distinct list.
    const lists = new Map<string, string[]>();
    const categoriesOf = (stored: string) => {
      let list = lists.get(stored);
      if (!list) lists.set(stored, (list = parseStringList(stored)));
      return list;
    };
    return { ...pool, targets: (rows as Array<[string, string, string]>).map(([uscc, name, stored]) => ({ uscc, name, categories: categoriesOf(stored) })) };
  }

  /** Active directory entries per category and active inspectors, counted by the division. */
  async directoryStats(
    division: string,
    categories: string[],
    requestId?: string,
  ): Promise<{ categories: Array<{ category: string; active: number }>; activeInspectors: number }> {
    const data = await this.call<{ directoryStats: { categories: Array<{ category: string; active: number }>; activeInspectors: number } }>(
      division,
      'query Stats($division: ID!, $categories: [String!]!) { directoryStats(division: $division, categories: $categories) { categories { category active } activeInspectors } }',
      { division, categories },
      requestId,
    );
    return data.directoryStats;
  }

  /** The division's annual plan (年度随机抽查计划) for a year. */
  async annualPlan(division: string, year: number, requestId?: string): Promise<Array<{ id: string; name: string; items: string[] }>> {
    const data = await this.call<{ division: { annualPlan: Array<{ id: string; name: string; items: string[] }> } | null }>(
      division,
      'query Plan($code: ID!, $year: Int!) { division(code: $code) { annualPlan(year: $year) { id name items } } }',
      { code: division, year },
      requestId,
    );
    return data.division?.annualPlan ?? [];
  }

  /** The division's name (治安管理支队 …), remembered once read. */
  async divisionName(division: string, requestId?: string): Promise<string> {
    const known = this.names.get(division);
    if (known) return known;
    const data = await this.call<{ division: { name: string } | null }>(
      division,
      'query Name($code: ID!) { division(code: $code) { name } }',
      { code: division },
      requestId,
    );
    const name = data.division?.name ?? division;
    this.names.set(division, name);
    return name;
  }
}

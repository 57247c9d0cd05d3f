import { withUsccCheckCharacter } from '../../common/uscc';
import { asViewer, postGraphQL, viewers, type GraphQLResult } from '../support/graphql';

/** A valid USCC for a made-up 许昌 entity number. */
export function uscc(n: number, prefix = '91411002'): string {
  return withUsccCheckCharacter(`${prefix}${String(n).padStart(9, '0')}`);
}

export const hotelItem = {
  code: 'ZA-001',
  name: '旅馆业治安管理检查',
  basis: '《旅馆业治安管理办法》',
  subject: '许昌市公安局治安管理支队',
  targetCategory: '旅馆',
  ratioBp: 1000,
  timesPerYear: 1,
  method: '实地检查',
  content: '特种行业许可证、旅客住宿登记、安全防范措施',
};

export const sealItem = {
  ...hotelItem,
  code: 'ZA-002',
  name: '公章刻制业治安检查',
  basis: '《印铸刻字业暂行管理规则》',
  targetCategory: '印章刻制',
  ratioBp: 2000,
  content: '印章刻制备案',
};

export function hotel(n: number, overrides: Record<string, unknown> = {}) {
  return {
    uscc: uscc(n),
    name: `许昌市魏都区第${n}宾馆有限公司`,
    kind: 'ENTERPRISE',
    scope: '住宿服务；餐饮服务',
    address: `许昌市魏都区八一路${n}号`,
    categories: ['旅馆'],
    ...overrides,
  };
}

export const SAVE_ITEM = `mutation($division: ID!, $input: CheckItemInput!) { saveCheckItem(division: $division, input: $input) { division code name active } }`;
export const SAVE_TARGET = `mutation($division: ID!, $input: TargetInput!) { saveTarget(division: $division, input: $input) { division uscc name status usccVerified categories } }`;
export const IMPORT_TARGETS = `mutation($division: ID!, $rows: [TargetInput!]!) { importTargets(division: $division, rows: $rows) { accepted rejected created updated unchanged errors { row field code message } } }`;
export const SAVE_INSPECTOR = `mutation($division: ID!, $input: InspectorInput!) { saveInspector(division: $division, input: $input) { division id name active certificateValidUntil } }`;

export function inspector(n: number, division = 'ZA', overrides: Record<string, unknown> = {}) {
  return {
    id: `${division}-${String(n).padStart(4, '0')}`,
    name: `检查员${n}号`,
    unit: '治安管理支队行业场所管理大队',
    position: '民警',
    expertise: ['特种行业管理'],
    certificateNo: `豫公执字4110${division}${String(n).padStart(5, '0')}`,
    certificateValidUntil: '2028-12-31',
    ...overrides,
  };
}

/** Sends one operation to a subgraph as the given viewer. */
export async function as(url: string, viewer: Parameters<typeof asViewer>[0], query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResult> {
  return postGraphQL(url, query, variables, await asViewer(viewer));
}

export async function setUpZa(url: string): Promise<void> {
  const admin = viewers.divisionAdmin('ZA');
  for (const item of [hotelItem, sealItem]) {
    const saved = await as(url, admin, SAVE_ITEM, { division: 'ZA', input: item });
    if (saved.errors) throw new Error(JSON.stringify(saved.errors));
  }
}

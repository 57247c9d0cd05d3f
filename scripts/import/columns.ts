/**
 * The spreadsheet columns of the two directories (检查对象名录库, 执法检查人员名录库)
 * and of the market regulator's credit-risk classes (企业信用风险分类, which the
 * joint office imports): the Chinese header a clerk sees in the template, the
 * English name of the API field, and the other headers older spreadsheets use.
 */
export type ImportKind = 'targets' | 'inspectors' | 'credit-classes';

export const IMPORT_KINDS: readonly ImportKind[] = ['targets', 'inspectors', 'credit-classes'];

/** The kinds a division imports into its own directory; credit classes go to the joint office. */
export function isDirectoryKind(kind: ImportKind): kind is 'targets' | 'inspectors' {
  return kind !== 'credit-classes';
}

export interface ColumnSpec {
  /** The API field (TargetInput / InspectorInput), also accepted as an English header. */
  field: string;
  /** The header of the template. */
  header: string;
  aliases: string[];
  required: boolean;
  /** What goes in the column, for the template's instructions sheet. */
  hint: string;
}

export const TARGET_COLUMNS: readonly ColumnSpec[] = [
  { field: 'uscc', header: '统一社会信用代码', aliases: ['社会信用代码', '信用代码'], required: true, hint: '18位，末位为校验位；请将本列设为文本格式' },
  { field: 'name', header: '名称', aliases: ['单位名称', '企业名称', '主体名称', '市场主体名称'], required: true, hint: '登记的名称' },
  { field: 'kind', header: '类型', aliases: ['主体类型', '市场主体类型'], required: true, hint: '企业、个体工商户、农民专业合作社 或 其他' },
  { field: 'scope', header: '经营范围', aliases: [], required: true, hint: '登记的经营范围' },
  { field: 'address', header: '地址', aliases: ['住所', '经营场所', '住所经营场所'], required: true, hint: '住所或经营场所' },
  {
    field: 'categories',
    header: '类别',
    aliases: ['检查对象类别', '抽查对象', '行业类别'],
    required: true,
    hint: '本部门抽查事项清单中的抽查对象，如 旅馆；多个用“、”分隔',
  },
  { field: 'status', header: '状态', aliases: ['经营状态', '登记状态'], required: false, hint: '可不填：存续、已关闭停业、注销、被吊销、迁出' },
];

export const INSPECTOR_COLUMNS: readonly ColumnSpec[] = [
  { field: 'id', header: '编号', aliases: ['人员编号', '检查人员编号'], required: true, hint: '如 ZA-0007（大写字母、数字和连字符）' },
  { field: 'name', header: '姓名', aliases: [], required: true, hint: '' },
  { field: 'unit', header: '单位', aliases: ['所在单位', '工作单位', '所在部门'], required: true, hint: '' },
  { field: 'position', header: '职务', aliases: ['职级', '职务职级'], required: true, hint: '' },
  { field: 'expertise', header: '业务专长', aliases: ['专长'], required: false, hint: '多个用“、”分隔，可不填' },
  { field: 'certificateNo', header: '执法证号', aliases: ['执法证编号', '执法资格证号'], required: true, hint: '每人唯一' },
  {
    field: 'certificateValidUntil',
    header: '执法证有效期至',
    aliases: ['有效期至', '执法证有效期'],
    required: true,
    hint: 'YYYY-MM-DD 或 YYYY/M/D，或 Excel 日期',
  },
  { field: 'active', header: '在岗', aliases: ['是否在岗', '启用'], required: false, hint: '可不填：是 / 否（否 = 不再参加抽取，不删除）' },
];

export const CREDIT_CLASS_COLUMNS: readonly ColumnSpec[] = [
  { field: 'uscc', header: '统一社会信用代码', aliases: ['社会信用代码', '信用代码'], required: true, hint: '18位，末位为校验位；请将本列设为文本格式' },
  {
    field: 'riskClass',
    header: '信用风险分类',
    aliases: ['风险分类', '信用风险类别', '风险类别', '分类结果'],
    required: true,
    hint: 'A（低风险）、B（一般风险）、C（较高风险）或 D（高风险）',
  },
  {
    field: 'source',
    header: '分类来源',
    aliases: ['来源', '数据来源', '分类机关'],
    required: true,
    hint: '如 市市场监督管理局2026年第三季度企业信用风险分类结果（1–200字）',
  },
  {
    field: 'assessedOn',
    header: '分类日期',
    aliases: ['评估日期', '认定日期', '分类时间'],
    required: true,
    hint: 'YYYY-MM-DD 或 YYYY/M/D，或 Excel 日期；不能晚于今天',
  },
];

export const COLUMNS: Record<ImportKind, readonly ColumnSpec[]> = {
  targets: TARGET_COLUMNS,
  inspectors: INSPECTOR_COLUMNS,
  'credit-classes': CREDIT_CLASS_COLUMNS,
};

/** What each kind is called in messages. */
export const KIND_LABELS: Record<ImportKind, string> = { targets: '检查对象', inspectors: '执法检查人员', 'credit-classes': '企业信用风险分类' };

/**
 * Header text as compared: case, spaces, underscores, hyphens, required-field
 * stars and parenthesised notes (“类别（多个用、分隔）”) do not matter.
 */
export function normalizeHeader(text: string): string {
  return text
    .replace(/^\ufeff/, '')
    .replace(/[（(][^）)]*[）)]/g, '')
    .replace(/[\s_*＊-]/g, '')
    .toLowerCase();
}

function namesOf(spec: ColumnSpec): string[] {
  return [spec.header, spec.field, ...spec.aliases].map(normalizeHeader);
}

/** The column a header names, if any. */
export function specFor(kind: ImportKind, header: string): ColumnSpec | undefined {
  const wanted = normalizeHeader(header);
  return COLUMNS[kind].find((spec) => namesOf(spec).includes(wanted));
}

/**
 * The kind whose key columns the headers carry: a credit-risk class column
 * (信用风险分类), else 统一社会信用代码 or 执法证号/编号; null when none or both directories.
 */
export function detectKind(headers: readonly string[]): ImportKind | null {
  const has = (kind: ImportKind, field: string) => headers.some((header) => specFor(kind, header)?.field === field);
  if (has('credit-classes', 'riskClass') && has('credit-classes', 'uscc')) return 'credit-classes';
  const targets = has('targets', 'uscc');
  const inspectors = has('inspectors', 'certificateNo') || (has('inspectors', 'id') && has('inspectors', 'certificateValidUntil'));
  if (targets === inspectors) return null;
  return targets ? 'targets' : 'inspectors';
}

export interface ColumnMap {
  kind: ImportKind;
  /** field → position in the row and the header as the file writes it */
  columns: Map<string, { index: number; header: string }>;
  missing: ColumnSpec[];
  /** Headers that name no column: ignored, but reported so a typo does not go unnoticed. */
  unknown: string[];
  /** Fields named by two headers. */
  repeated: string[];
}

export function mapColumns(headers: readonly string[], kind: ImportKind): ColumnMap {
  const columns = new Map<string, { index: number; header: string }>();
  const unknown: string[] = [];
  const repeated: string[] = [];
  headers.forEach((header, index) => {
    if (header.trim() === '') return;
    const spec = specFor(kind, header);
    if (!spec) unknown.push(header);
    else if (columns.has(spec.field)) repeated.push(`${columns.get(spec.field)!.header} / ${header}`);
    else columns.set(spec.field, { index, header: header.trim() });
  });
  const missing = COLUMNS[kind].filter((spec) => spec.required && !columns.has(spec.field));
  return { kind, columns, missing, unknown, repeated };
}

/** The header to name in a message about a field: the file's own, else the template's. */
export function headerOf(map: ColumnMap, field: string | null): string | null {
  if (field === null) return null;
  return map.columns.get(field)?.header ?? COLUMNS[map.kind].find((spec) => spec.field === field)?.header ?? field;
}

/**
 * 随机抽查事项清单 — the demo item lists of the five police divisions.
 *
 * Names and legal bases follow published public-security random-inspection lists;
 * ratios and frequencies are demonstration values, to be replaced by each division's
 * own published list. Kept as a module so the repository needs nothing outside itself.
 */

/** A division as the bureau names it: `ZA` 治安管理支队 … */
export interface ChecklistDivision {
  code: string;
  name: string;
}

/** One 抽查事项 as listed, before it is given a subject (抽查主体). */
export interface ChecklistItem {
  division: string;
  code: string;
  name: string;
  basis: string;
  targetCategory: string;
  /** 抽查比例 in basis points: 1000 = 10 %. */
  ratioBp: number;
  timesPerYear: number;
  method: string;
  content: string;
  requiredExpertise?: string;
}

export const CHECKLIST_DIVISIONS: ReadonlyArray<ChecklistDivision> = [
  { code: 'ZA', name: '治安管理支队' },
  { code: 'WA', name: '网络安全保卫支队' },
  { code: 'JD', name: '禁毒支队' },
  { code: 'JJ', name: '交通警察支队' },
  { code: 'CRJ', name: '出入境管理支队' },
];

export const CHECKLIST_ITEMS: ReadonlyArray<ChecklistItem> = [
  {
    division: 'ZA',
    code: 'ZA-001',
    name: '旅馆业治安管理检查',
    basis: '《旅馆业治安管理办法》',
    targetCategory: '旅馆',
    ratioBp: 1000,
    timesPerYear: 1,
    method: '实地检查',
    content: '特种行业许可证、旅客住宿登记、安全防范措施',
  },
  {
    division: 'ZA',
    code: 'ZA-002',
    name: '公章刻制业治安检查',
    basis: '《印铸刻字业暂行管理规则》',
    targetCategory: '印章刻制',
    ratioBp: 2000,
    timesPerYear: 1,
    method: '实地检查',
    content: '印章刻制备案、承接登记、信息上传',
  },
  {
    division: 'ZA',
    code: 'ZA-003',
    name: '典当业治安检查',
    basis: '《典当管理办法》',
    targetCategory: '典当',
    ratioBp: 2000,
    timesPerYear: 1,
    method: '实地检查',
    content: '当物查验登记、可疑物品报告、从业人员登记',
  },
  {
    division: 'ZA',
    code: 'ZA-004',
    name: '娱乐场所治安检查',
    basis: '《娱乐场所管理条例》《娱乐场所治安管理办法》',
    targetCategory: '娱乐场所',
    ratioBp: 1000,
    timesPerYear: 2,
    method: '实地检查',
    content: '治安管理制度、从业人员名簿、营业日志、监控设施',
  },
  {
    division: 'ZA',
    code: 'ZA-005',
    name: '保安服务公司检查',
    basis: '《保安服务管理条例》《公安机关实施保安服务管理条例办法》',
    targetCategory: '保安服务公司',
    ratioBp: 2000,
    timesPerYear: 1,
    method: '实地检查',
    content: '保安服务许可证、保安员资格、服务合同、装备管理',
  },
  {
    division: 'ZA',
    code: 'ZA-006',
    name: '保安培训单位检查',
    basis: '《保安服务管理条例》《公安机关实施保安服务管理条例办法》',
    targetCategory: '保安培训单位',
    ratioBp: 3000,
    timesPerYear: 1,
    method: '实地检查',
    content: '培训许可、教学计划、师资与场地',
  },
  {
    division: 'ZA',
    code: 'ZA-007',
    name: '民用爆炸物品从业单位检查',
    basis: '《民用爆炸物品安全管理条例》',
    targetCategory: '民用爆炸物品',
    ratioBp: 1000,
    timesPerYear: 2,
    method: '实地检查',
    content: '储存库房安全、出入库登记、流向信息',
  },
  {
    division: 'ZA',
    code: 'ZA-008',
    name: '易制爆危险化学品从业单位检查',
    basis: '《易制爆危险化学品治安管理办法》',
    targetCategory: '易制爆化学品',
    ratioBp: 2000,
    timesPerYear: 1,
    method: '实地检查',
    content: '购销登记、流向管理、储存场所治安防范',
  },
  {
    division: 'ZA',
    code: 'ZA-009',
    name: '机动车修理业治安检查',
    basis: '《机动车修理业、报废机动车回收业治安管理办法》',
    targetCategory: '机动车修理',
    ratioBp: 500,
    timesPerYear: 1,
    method: '实地检查',
    content: '承修登记、可疑车辆报告',
  },
  {
    division: 'ZA',
    code: 'ZA-010',
    name: '报废机动车回收企业检查',
    basis: '《机动车修理业、报废机动车回收业治安管理办法》《报废机动车回收管理办法》',
    targetCategory: '报废机动车回收',
    ratioBp: 2000,
    timesPerYear: 1,
    method: '实地检查',
    content: '回收登记、拆解记录',
  },
  {
    division: 'ZA',
    code: 'ZA-011',
    name: '废旧金属收购业治安检查',
    basis: '《废旧金属收购业治安管理办法》',
    targetCategory: '废旧金属收购',
    ratioBp: 500,
    timesPerYear: 1,
    method: '实地检查',
    content: '收购登记、生产性废旧金属收购备案',
  },
  {
    division: 'ZA',
    code: 'ZA-012',
    name: '剧毒化学品购买单位检查',
    basis: '《危险化学品安全管理条例》《剧毒化学品购买和公路运输许可证件管理办法》',
    targetCategory: '剧毒化学品',
    ratioBp: 2000,
    timesPerYear: 1,
    method: '实地检查',
    content: '购买许可证件、使用与储存记录',
  },
  {
    division: 'WA',
    code: 'WA-001',
    name: '互联网上网服务营业场所信息网络安全检查',
    basis: '《互联网上网服务营业场所管理条例》',
    targetCategory: '网吧',
    ratioBp: 1000,
    timesPerYear: 1,
    method: '实地检查',
    content: '上网实名登记、安全管理技术措施、日志留存',
  },
  {
    division: 'WA',
    code: 'WA-002',
    name: '网络安全等级保护落实情况检查',
    basis: '《中华人民共和国网络安全法》第二十一条《公安机关互联网安全监督检查规定》',
    targetCategory: '网络运营者',
    ratioBp: 500,
    timesPerYear: 1,
    method: '书面检查',
    requiredExpertise: '网络安全',
    content: '定级备案、测评整改、日志留存不少于六个月',
  },
  {
    division: 'WA',
    code: 'WA-003',
    name: '公共上网服务安全保护技术措施检查',
    basis: '《互联网安全保护技术措施规定》',
    targetCategory: '旅馆',
    ratioBp: 1000,
    timesPerYear: 1,
    method: '实地检查',
    content: '无线上网实名认证、上网日志留存',
  },
  {
    division: 'JD',
    code: 'JD-001',
    name: '易制毒化学品购销企业检查',
    basis: '《易制毒化学品管理条例》第三十二条《易制毒化学品购销和运输管理办法》第二十六条',
    targetCategory: '易制毒化学品',
    ratioBp: 1000,
    timesPerYear: 1,
    method: '实地检查',
    content: '许可证或备案证明、购销台账、流向登记',
  },
  {
    division: 'JD',
    code: 'JD-002',
    name: '易制毒化学品运输企业检查',
    basis: '《易制毒化学品管理条例》《易制毒化学品购销和运输管理办法》',
    targetCategory: '易制毒化学品运输',
    ratioBp: 1000,
    timesPerYear: 1,
    method: '实地检查',
    content: '运输许可证或备案证明、运输台账',
  },
  {
    division: 'JJ',
    code: 'JJ-001',
    name: '剧毒化学品道路运输检查',
    basis: '《危险化学品安全管理条例》《剧毒化学品购买和公路运输许可证件管理办法》',
    targetCategory: '剧毒化学品',
    ratioBp: 2000,
    timesPerYear: 1,
    method: '实地检查',
    content: '公路运输通行证、运输车辆与路线',
  },
  {
    division: 'JJ',
    code: 'JJ-002',
    name: '机动车安全技术检验机构检查',
    basis: '《中华人民共和国道路交通安全法》《中华人民共和国道路交通安全法实施条例》',
    targetCategory: '机动车检验机构',
    ratioBp: 3000,
    timesPerYear: 1,
    method: '实地检查',
    content: '检验资质、检验流程、检验数据真实性',
  },
  {
    division: 'CRJ',
    code: 'CRJ-001',
    name: '境外人员住宿登记检查',
    basis: '《中华人民共和国出境入境管理法》第三十九条',
    targetCategory: '旅馆',
    ratioBp: 1000,
    timesPerYear: 1,
    method: '实地检查',
    content: '境外人员住宿登记及报送',
  },
];

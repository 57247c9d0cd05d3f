/**
 * Demo data for the five division directories of 许昌市公安局: each division's
 * 抽查事项清单, 检查对象名录库, 执法检查人员名录库, conflict declarations (回避) and
 * 年度随机抽查计划.
 *
 * All targets come from ONE city-wide pool of market entities, so an entity that
 * several divisions supervise (a hotel is 治安, 网安 and 出入境 business at once) has
 * the same 统一社会信用代码, name and address in every directory that lists it — the
 * joint draw merges directories by USCC, and demo data must exercise that.
 *
 * Everything is derived from fixed seeds: the same call always returns the same data,
 * and `today` only moves certificate validity dates and the plan year.
 */
import { addDays, isIsoDate, yearOf } from '../../../../common/dates';
import { withUsccCheckCharacter } from '../../../../common/uscc';
import { CHECKLIST_DIVISIONS, CHECKLIST_ITEMS, type ChecklistItem } from './checklist-data';

// ── public shape ──────────────────────────────────────────────────────────────

/** 抽查事项 as the division subgraph stores it. */
export interface DemoCheckItem {
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

export type DemoTargetKind = 'ENTERPRISE' | 'INDIVIDUAL_BUSINESS' | 'FARMER_COOPERATIVE' | 'OTHER';

/** One entry of a division's 检查对象名录库. */
export interface DemoTarget {
  uscc: string;
  name: string;
  kind: DemoTargetKind;
  scope: string;
  address: string;
  categories: string[];
}

/** One entry of a division's 执法检查人员名录库. */
export interface DemoInspector {
  id: string;
  name: string;
  unit: string;
  position: string;
  expertise: string[];
  certificateNo: string;
  /** YYYY-MM-DD */
  certificateValidUntil: string;
}

/** 回避 — an inspector's declared relationship with a target. */
export interface DemoConflict {
  inspector: string;
  uscc: string;
  reason: string;
}

/** One entry of the 年度随机抽查计划. */
export interface DemoPlanEntry {
  year: number;
  name: string;
  /** item codes */
  items: string[];
  targetCategory: string;
  ratioBp: number;
  periodStart: string;
  periodEnd: string;
  authority: string;
}

export interface DivisionDemoData {
  code: string;
  name: string;
  items: DemoCheckItem[];
  targets: DemoTarget[];
  inspectors: DemoInspector[];
  conflicts: DemoConflict[];
  plan: DemoPlanEntry[];
}

export const DEMO_DIVISIONS: ReadonlyArray<{ code: string; name: string }> = CHECKLIST_DIVISIONS;

/** The day the demo is set on, when the caller does not say. */
const DEFAULT_TODAY = '2026-11-28';

const BUREAU = '许昌市公安局';

/**
 * The demo data of one division. Pure and deterministic: two calls with the same
 * arguments return equal data (fresh objects each time, so callers may mutate them).
 */
export function demoDataFor(code: string, options: { today?: string } = {}): DivisionDemoData {
  const division = DEMO_DIVISIONS.find((candidate) => candidate.code === code);
  if (!division) throw new Error(`unknown division ${code}; known: ${DEMO_DIVISIONS.map((d) => d.code).join(', ')}`);
  const today = options.today ?? DEFAULT_TODAY;
  if (!isIsoDate(today)) throw new Error(`today must be a YYYY-MM-DD date, not ${today}`);

  const items = checkItemsOf(division);
  const targets = targetsOf(division.code, items);
  const inspectors = inspectorsOf(division.code, today);
  return {
    code: division.code,
    name: division.name,
    items,
    targets,
    inspectors,
    conflicts: conflictsOf(division.code, inspectors, targets),
    plan: annualPlanOf(division, items, yearOf(today)),
  };
}

// ── seeded randomness ─────────────────────────────────────────────────────────

/** FNV-1a: turns a seed phrase into the 32-bit state of the generator. */
function hashString(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** mulberry32 keyed by a phrase, so each part of the demo has its own stable stream. */
class DemoRandom {
  private state: number;

  constructor(key: string) {
    this.state = hashString(key);
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(choices: readonly T[]): T {
    if (choices.length === 0) throw new Error('nothing to pick from');
    return choices[Math.floor(this.next() * choices.length)]!;
  }

  weighted<T>(choices: ReadonlyArray<readonly [T, number]>): T {
    const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
    let point = this.next() * total;
    for (const [choice, weight] of choices) {
      point -= weight;
      if (point < 0) return choice;
    }
    return choices[choices.length - 1]![0];
  }

  shuffle<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy;
  }
}

// ── check items ───────────────────────────────────────────────────────────────

function checkItemsOf(division: { code: string; name: string }): DemoCheckItem[] {
  return CHECKLIST_ITEMS.filter((item) => item.division === division.code).map((item) => toCheckItem(item, division.name));
}

function toCheckItem(item: ChecklistItem, divisionName: string): DemoCheckItem {
  return {
    code: item.code,
    name: item.name,
    basis: item.basis,
    subject: `${BUREAU}${divisionName}`,
    targetCategory: item.targetCategory,
    ratioBp: item.ratioBp,
    timesPerYear: item.timesPerYear,
    method: item.method,
    content: item.content,
    requiredExpertise: item.requiredExpertise ?? null,
  };
}

// ── places ────────────────────────────────────────────────────────────────────

/** A district or county-level city of 许昌 and what addresses and names there look like. */
interface District {
  name: string;
  /** 行政区划代码 used in the USCC of entities registered there. */
  area: string;
  /** Share of the city's market entities. */
  weight: number;
  /** How local businesses prefix their names: 许昌市魏都区…, 禹州市… */
  localName: string;
  /** Prefixes companies registered there use. */
  companyPrefixes: readonly string[];
  roads: readonly string[];
  /** 乡镇 — empty for wholly urban districts. */
  towns: readonly string[];
}

/** City-level registration (市市场监督管理局) — used by the functional zones and larger companies. */
const CITY_AREA = '411000';

const DISTRICTS: readonly District[] = [
  {
    name: '魏都区',
    area: '411002',
    weight: 22,
    localName: '许昌市魏都区',
    companyPrefixes: ['许昌市魏都区', '许昌', '许昌市'],
    roads: ['八一路', '七一路', '五一路', '文峰路', '建设路', '劳动路', '天宝路', '新兴路', '许继大道', '南关大街', '西大街', '前进路'],
    towns: [],
  },
  {
    name: '建安区',
    area: '411003',
    weight: 12,
    localName: '许昌市建安区',
    companyPrefixes: ['许昌市建安区', '许昌'],
    roads: ['建安大道', '许由路', '永兴路', '新元大道', '魏武大道'],
    towns: ['尚集镇', '将官池镇', '苏桥镇', '灵井镇', '小召乡', '椹涧乡'],
  },
  {
    name: '东城区',
    area: CITY_AREA,
    weight: 10,
    localName: '许昌市东城区',
    companyPrefixes: ['许昌', '许昌市'],
    roads: ['学院路', '魏文路', '永昌大道', '瑞祥路', '中原路'],
    towns: [],
  },
  {
    name: '示范区',
    area: CITY_AREA,
    weight: 8,
    localName: '许昌市示范区',
    companyPrefixes: ['许昌', '许昌市'],
    roads: ['莲城大道', '芙蓉大道', '竹林路', '鹿鸣路'],
    towns: [],
  },
  {
    name: '禹州市',
    area: '411081',
    weight: 16,
    localName: '禹州市',
    companyPrefixes: ['禹州市'],
    roads: ['钧州大道', '颍川路', '禹王大道', '药城路', '向阳路', '府东街'],
    towns: ['神垕镇', '鸿畅镇', '古城镇', '方山镇', '火龙镇'],
  },
  {
    name: '长葛市',
    area: '411082',
    weight: 14,
    localName: '长葛市',
    companyPrefixes: ['长葛市'],
    roads: ['钟繇大道', '葛天大道', '长社路', '人民路', '新区大道'],
    towns: ['大周镇', '后河镇', '坡胡镇', '石固镇', '老城镇'],
  },
  {
    name: '鄢陵县',
    area: '411024',
    weight: 9,
    localName: '鄢陵县',
    companyPrefixes: ['鄢陵县'],
    roads: ['花都大道', '人民路', '金汇大道', '建设路'],
    towns: ['陈化店镇', '柏梁镇', '马栏镇', '只乐镇', '彭店镇'],
  },
  {
    name: '襄城县',
    area: '411025',
    weight: 9,
    localName: '襄城县',
    companyPrefixes: ['襄城县'],
    roads: ['紫云大道', '解放路', '文化路', '首山路'],
    towns: ['山头店镇', '颍桥回族镇', '库庄镇', '麦岭镇', '湛北乡'],
  },
];

function districtNamed(name: string): District {
  const district = DISTRICTS.find((candidate) => candidate.name === name);
  if (!district) throw new Error(`no district ${name}`);
  return district;
}

/** Where one entity sits: a street address in town, or a village in a 乡镇. */
interface Site {
  district: District;
  road: string;
  /** Set when the entity sits in a village rather than on a town street. */
  rural: { town: string; village: string } | null;
}

const VILLAGE_SUFFIXES = ['庄', '楼', '营', '寨', '湾', '店', '岗', '桥'] as const;

function pickSite(rng: DemoRandom, weights: Readonly<Record<string, number>> | undefined, ruralShare: number): Site {
  const district = weights
    ? districtNamed(rng.weighted(Object.entries(weights)))
    : rng.weighted(DISTRICTS.map((candidate) => [candidate, candidate.weight] as const));
  const rural =
    district.towns.length > 0 && rng.chance(ruralShare)
      ? { town: rng.pick(district.towns), village: `${rng.pick(COMMON_SURNAMES)}${rng.pick(VILLAGE_SUFFIXES)}` }
      : null;
  return { district, road: rng.pick(district.roads), rural };
}

function addressOf(site: Site, number: number): string {
  const city = site.district.localName.startsWith('许昌市') ? site.district.localName : `许昌市${site.district.localName}`;
  return site.rural ? `${city}${site.rural.town}${site.rural.village}村${number}号` : `${city}${site.road}${number}号`;
}

/** The place part of a 个体工商户 name: 鄢陵县…, 禹州市神垕镇… */
function localPrefix(site: Site): string {
  return site.rural ? `${site.district.localName}${site.rural.town}` : site.district.localName;
}

// ── names ─────────────────────────────────────────────────────────────────────

/** 字号 — trade names businesses in 许昌 register under. */
const TRADE_NAMES = [
  '鸿运',
  '华夏',
  '瑞祥',
  '恒通',
  '永信',
  '嘉禾',
  '宏达',
  '鑫源',
  '聚福',
  '德润',
  '天成',
  '中原',
  '豫龙',
  '宏昌',
  '盛世',
  '百川',
  '万家',
  '锦程',
  '安泰',
  '泰和',
  '金诺',
  '润通',
  '兴隆',
  '诚信',
  '信达',
  '博雅',
  '华冠',
  '鼎盛',
  '莲城',
  '春秋',
  '汉风',
  '芙蓉',
  '葛天',
  '金鼎',
  '昌盛',
  '福源',
  '顺达',
  '通盛',
  '德馨',
  '久安',
  '恒昌',
  '银河',
  '紫云',
  '弘毅',
  '长兴',
  '和美',
  '佳美',
  '明珠',
  '东方',
  '裕丰',
  '众诚',
  '华瑞',
  '永盛',
  '同心',
  '万通',
  '金秋',
  '龙腾',
  '凯旋',
  '许都',
  '曹魏',
  '建安',
  '颍川',
  '钧州',
  '钧瓷',
  '花都',
  '三国',
  '春晖',
  '腾飞',
  '宏远',
  '祥和',
] as const;

/** Weighted towards the surnames most frequent in 河南. */
const COMMON_SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '郭', '孙', '马', '朱', '胡'] as const;
const OTHER_SURNAMES = [
  '徐',
  '何',
  '高',
  '林',
  '罗',
  '郑',
  '梁',
  '谢',
  '宋',
  '唐',
  '许',
  '韩',
  '冯',
  '邓',
  '曹',
  '彭',
  '肖',
  '田',
  '董',
  '袁',
  '潘',
  '于',
  '蒋',
  '蔡',
  '余',
  '杜',
  '叶',
  '程',
  '苏',
  '魏',
  '吕',
  '丁',
  '任',
  '姚',
  '卢',
  '姜',
  '崔',
  '范',
  '金',
  '石',
  '贾',
  '付',
  '方',
  '白',
  '孟',
  '秦',
  '尹',
  '薛',
  '闫',
  '段',
  '雷',
  '侯',
  '史',
  '陶',
  '贺',
  '毛',
  '郝',
  '邵',
  '牛',
  '岳',
] as const;

function surname(rng: DemoRandom): string {
  return rng.chance(0.6) ? rng.pick(COMMON_SURNAMES) : rng.pick(OTHER_SURNAMES);
}

/** 许昌鸿运化工贸易有限公司 — region, 字号, trade, legal form. */
function companyName(rng: DemoRandom, site: Site, trade: string, form = '有限公司', prefixes = site.district.companyPrefixes): string {
  return `${rng.pick(prefixes)}${rng.pick(TRADE_NAMES)}${trade}${form}`;
}

/** 鄢陵县王记印章刻制部 — a 个体工商户 under the owner's family name or a shop name. */
function shopName(rng: DemoRandom, site: Site, trade: string): string {
  const label = rng.chance(0.4) ? `${surname(rng)}记` : rng.pick(TRADE_NAMES);
  return `${localPrefix(site)}${label}${trade}`;
}

/** Larger regional companies register under the province: 河南…, 河南许昌… */
function regionalPrefixes(site: Site): readonly string[] {
  return [...site.district.companyPrefixes, '河南', '河南许昌'];
}

// ── the city-wide entity pool ─────────────────────────────────────────────────

/** Which categories each division's directory lists an entity under. */
type Listings = Partial<Record<string, string[]>>;

/** What a trade contributes to one entity; place and codes are added around it. */
interface EntityDraft {
  kind: DemoTargetKind;
  name: string;
  scope: string;
  listings: Listings;
}

/**
 * A kind of business the bureau supervises and how many of them the demo city has.
 * `districts` concentrates a trade where it really clusters (mines in 禹州 and 襄城,
 * scrap metal in 长葛大周, 民宿 in 鄢陵).
 */
interface Trade {
  label: string;
  count: number;
  districts?: Readonly<Record<string, number>>;
  ruralShare: number;
  draft(rng: DemoRandom, site: Site): EntityDraft;
}

/** A market entity as it is in the city, before any division's directory picks it up. */
interface CityEntity {
  uscc: string;
  name: string;
  kind: DemoTargetKind;
  scope: string;
  address: string;
  listings: Listings;
}

const HOTEL: Listings = { ZA: ['旅馆'], WA: ['旅馆'], CRJ: ['旅馆'] };

const HOTEL_SCOPES = [
  '许可项目：住宿服务；餐饮服务。一般项目：会议及展览服务；停车场服务',
  '住宿服务；餐饮服务；会议服务；停车服务',
  '许可项目：住宿服务。一般项目：酒店管理；洗染服务；日用百货销售',
] as const;

const CHAIN_BRANDS = ['如家快捷', '汉庭', '锦江之星', '格林豪泰', '维也纳', '城市便捷', '尚客优', '全季', '华驿', '莫泰'] as const;

const hotelTrades: Trade[] = [
  {
    label: '连锁酒店',
    count: 60,
    ruralShare: 0,
    draft(rng, site) {
      const brand = rng.pick(CHAIN_BRANDS);
      const franchisee = rng.chance(0.35);
      return {
        kind: franchisee ? 'INDIVIDUAL_BUSINESS' : 'ENTERPRISE',
        name: franchisee ? `${site.district.localName}${brand}酒店${site.road}店` : `${site.district.localName}${brand}酒店有限公司`,
        scope: rng.pick(HOTEL_SCOPES),
        listings: HOTEL,
      };
    },
  },
  {
    label: '宾馆酒店企业',
    count: 165,
    ruralShare: 0.05,
    draft(rng, site) {
      const style = rng.pick(['大酒店', '酒店', '宾馆', '商务酒店', '快捷酒店', '国际酒店', '假日酒店', '酒店管理'] as const);
      // A few big hotels run a KTV floor, which makes them a 娱乐场所 as well.
      const withKtv = (style === '大酒店' || style === '国际酒店') && rng.chance(0.3);
      return {
        kind: 'ENTERPRISE',
        name: companyName(rng, site, style),
        scope: withKtv ? '许可项目：住宿服务；餐饮服务；歌舞娱乐活动。一般项目：会议及展览服务；停车场服务' : rng.pick(HOTEL_SCOPES),
        listings: withKtv ? { ...HOTEL, ZA: ['旅馆', '娱乐场所'] } : HOTEL,
      };
    },
  },
  {
    label: '个体宾馆旅社',
    count: 110,
    ruralShare: 0.25,
    draft(rng, site) {
      const style = rng.pick(['宾馆', '旅社', '招待所', '客栈', '快捷宾馆', '商务宾馆'] as const);
      return {
        kind: 'INDIVIDUAL_BUSINESS',
        name: `${localPrefix(site)}${rng.chance(0.3) ? `${surname(rng)}家` : rng.pick(TRADE_NAMES)}${style}`,
        scope: rng.pick(['住宿服务', '住宿服务；预包装食品销售', '许可项目：住宿服务']),
        listings: HOTEL,
      };
    },
  },
  {
    label: '乡村民宿',
    count: 25,
    districts: { 鄢陵县: 5, 禹州市: 3, 襄城县: 2, 建安区: 1 },
    ruralShare: 1,
    draft(rng, site) {
      if (site.rural && rng.chance(0.4)) {
        return {
          kind: 'FARMER_COOPERATIVE',
          name: `${localPrefix(site)}${site.rural.village}乡村旅游专业合作社`,
          scope: '组织成员开展乡村旅游服务；民宿服务；餐饮服务；花卉苗木、农产品种植与销售',
          listings: HOTEL,
        };
      }
      return {
        kind: 'INDIVIDUAL_BUSINESS',
        name: `${localPrefix(site)}${rng.pick(TRADE_NAMES)}${rng.pick(['民宿', '农家乐', '山庄'])}`,
        scope: '住宿服务；餐饮服务；休闲观光活动',
        listings: HOTEL,
      };
    },
  },
];

const specialTrades: Trade[] = [
  {
    label: '印章刻制',
    count: 40,
    ruralShare: 0,
    draft(rng, site) {
      const individual = rng.chance(0.7);
      return {
        kind: individual ? 'INDIVIDUAL_BUSINESS' : 'ENTERPRISE',
        name: individual
          ? shopName(rng, site, rng.pick(['印章刻制部', '刻章行', '印章店', '图文刻章部']))
          : companyName(rng, site, rng.pick(['印章', '防伪印章制作', '印务'])),
        scope: rng.pick(['公章刻制；印章制作；图文设计、制作', '印章刻制；名片印制；图文设计制作', '许可项目：公章刻制。一般项目：办公用品销售']),
        listings: { ZA: ['印章刻制'] },
      };
    },
  },
  {
    label: '典当',
    count: 30,
    ruralShare: 0,
    draft(rng, site) {
      return {
        kind: 'ENTERPRISE',
        name: companyName(rng, site, '典当', '有限责任公司'),
        scope: '动产质押典当业务；财产权利质押典当业务；房地产抵押典当业务；限额内绝当物品的变卖；鉴定评估及咨询服务',
        listings: { ZA: ['典当'] },
      };
    },
  },
  {
    label: '娱乐场所',
    count: 80,
    ruralShare: 0.05,
    draft(rng, site) {
      const games = rng.chance(0.25);
      if (rng.chance(0.3)) {
        return {
          kind: 'INDIVIDUAL_BUSINESS',
          name: shopName(rng, site, games ? '电玩城' : rng.pick(['歌厅', 'KTV', '歌舞厅'])),
          scope: games ? '游艺娱乐活动' : '歌舞娱乐活动；预包装食品销售',
          listings: { ZA: ['娱乐场所'] },
        };
      }
      return {
        kind: 'ENTERPRISE',
        name: companyName(rng, site, games ? rng.pick(['电玩', '动漫游艺']) : rng.pick(['娱乐', '量贩式KTV', '文化娱乐', '歌舞娱乐'])),
        scope: games ? '游艺娱乐活动；电子游艺厅娱乐活动；游艺用品销售' : '歌舞娱乐活动；餐饮服务；酒类经营；预包装食品销售',
        listings: { ZA: ['娱乐场所'] },
      };
    },
  },
  {
    label: '保安服务公司',
    count: 30,
    ruralShare: 0,
    draft(rng, site) {
      // Some security companies hold a training licence as well.
      const trains = rng.chance(0.2);
      return {
        kind: 'ENTERPRISE',
        name: companyName(rng, site, '保安服务'),
        scope: trains
          ? '门卫、巡逻、守护、随身护卫、安全检查、区域秩序维护等保安服务；保安培训；安全技术防范系统设计、施工、维修'
          : '门卫、巡逻、守护、随身护卫、安全检查、区域秩序维护等保安服务；安全技术防范系统设计、施工、维修',
        listings: { ZA: trains ? ['保安服务公司', '保安培训单位'] : ['保安服务公司'] },
      };
    },
  },
  {
    label: '保安培训单位',
    count: 6,
    ruralShare: 0,
    draft(rng, site) {
      return {
        kind: 'ENTERPRISE',
        name: companyName(rng, site, rng.pick(['保安培训', '保安职业培训学校'])),
        scope: '保安员培训；安全技术防范培训；职业技能培训（不含需取得许可的培训）',
        listings: { ZA: ['保安培训单位'] },
      };
    },
  },
  {
    label: '民用爆炸物品',
    count: 16,
    districts: { 禹州市: 5, 襄城县: 4, 长葛市: 2, 建安区: 1, 魏都区: 1 },
    ruralShare: 0.6,
    draft(rng, site) {
      const trade = rng.weighted([
        [['民爆器材', '民用爆炸物品销售；民用爆炸物品储存；危险货物道路运输'] as const, 2],
        [['爆破工程', '爆破作业；土石方工程施工；拆除工程'] as const, 3],
        [['矿业', '煤炭开采；煤炭洗选；矿山工程施工'] as const, 2],
        [['石料', '建筑用石料开采、加工、销售'] as const, 2],
      ]);
      return {
        kind: 'ENTERPRISE',
        name: companyName(rng, site, trade[0], '有限公司', regionalPrefixes(site)),
        scope: trade[1],
        listings: { ZA: ['民用爆炸物品'] },
      };
    },
  },
  {
    label: '机动车修理',
    count: 150,
    ruralShare: 0.2,
    draft(rng, site) {
      if (rng.chance(0.5)) {
        return {
          kind: 'INDIVIDUAL_BUSINESS',
          name: shopName(rng, site, rng.pick(['汽修厂', '汽车修理部', '汽车维修中心', '汽车快修店'])),
          scope: rng.pick(['机动车修理和维护；汽车零配件零售', '机动车修理和维护；洗车服务；轮胎销售']),
          listings: { ZA: ['机动车修理'] },
        };
      }
      const dealer = rng.chance(0.3);
      return {
        kind: 'ENTERPRISE',
        name: companyName(rng, site, dealer ? '汽车销售服务' : rng.pick(['汽车维修', '汽车服务', '机动车维修'])),
        scope: dealer
          ? '汽车新车销售；二手车经纪；机动车修理和维护；汽车零配件零售；保险兼业代理业务'
          : '机动车修理和维护；汽车零配件批发、零售；洗车服务；汽车装饰用品销售',
        listings: { ZA: ['机动车修理'] },
      };
    },
  },
  {
    label: '报废机动车回收',
    count: 12,
    ruralShare: 0.4,
    draft(rng, site) {
      return {
        kind: 'ENTERPRISE',
        name: companyName(rng, site, rng.pick(['报废汽车回收拆解', '报废机动车回收', '报废汽车回收利用'])),
        scope: '报废机动车回收；报废机动车拆解；再生资源回收（除生产性废旧金属）；再生资源销售',
        listings: { ZA: ['报废机动车回收'] },
      };
    },
  },
  {
    label: '废旧金属收购',
    count: 60,
    districts: { 长葛市: 6, 魏都区: 2, 建安区: 2, 禹州市: 2, 襄城县: 1, 鄢陵县: 1 },
    ruralShare: 0.5,
    draft(rng, site) {
      if (rng.chance(0.5)) {
        return {
          kind: 'INDIVIDUAL_BUSINESS',
          name: shopName(rng, site, rng.pick(['废品收购站', '废旧物资回收站', '再生资源回收点'])),
          scope: '再生资源回收（除生产性废旧金属）；废旧金属收购',
          listings: { ZA: ['废旧金属收购'] },
        };
      }
      return {
        kind: 'ENTERPRISE',
        name: companyName(rng, site, rng.pick(['再生资源回收', '再生金属', '废旧金属回收', '金属材料回收'])),
        scope: '生产性废旧金属回收；再生资源回收；再生资源加工；金属材料销售',
        listings: { ZA: ['废旧金属收购'] },
      };
    },
  },
];

// Chemical trades: one dealer often holds several of the 易制爆 / 剧毒 / 易制毒 licences,
// so its directory entries in 治安, 交警 and 禁毒 are the same entity.

/** The controlled-chemical groups an entity handles, and examples of each. */
const CHEMICALS = {
  explosivePrecursor: ['硝酸', '硝酸钾', '高锰酸钾', '过氧化氢', '硝酸铵'],
  highlyToxic: ['氰化钠', '氰化钾', '氯化汞', '三氧化二砷'],
  drugPrecursor: ['硫酸', '盐酸', '丙酮', '甲苯', '三氯甲烷'],
} as const;

type ChemicalGroup = keyof typeof CHEMICALS;

/** The odds that one entity of a trade handles each group; at least one group is always handled. */
type ChemicalOdds = Partial<Record<ChemicalGroup, number>>;

function pickChemicalGroups(rng: DemoRandom, odds: ChemicalOdds): ChemicalGroup[] {
  const entries = Object.entries(odds) as [ChemicalGroup, number][];
  const groups = entries.filter(([, probability]) => rng.chance(probability)).map(([group]) => group);
  if (groups.length > 0) return groups;
  return [entries.reduce((best, entry) => (entry[1] > best[1] ? entry : best))[0]];
}

/**
 * 易制爆 purchasers are 治安's; 剧毒 purchasers are 治安's (ZA-012) and, because they
 * also have the poison carried by road, 交警's (JJ-001); 易制毒 ones are 禁毒's.
 */
function chemicalListings(groups: readonly ChemicalGroup[]): Listings {
  const listings: Listings = {};
  const za: string[] = [];
  if (groups.includes('explosivePrecursor')) za.push('易制爆化学品');
  if (groups.includes('highlyToxic')) {
    za.push('剧毒化学品');
    listings.JJ = ['剧毒化学品'];
  }
  if (za.length > 0) listings.ZA = za;
  if (groups.includes('drugPrecursor')) listings.JD = ['易制毒化学品'];
  return listings;
}

function chemicalsNamed(rng: DemoRandom, groups: readonly ChemicalGroup[], palette: ChemicalPalette): string {
  const names = new Set<string>();
  for (const group of groups) for (const name of rng.shuffle(palette[group]).slice(0, rng.int(1, 2))) names.add(name);
  return [...names].join('、');
}

type ChemicalPalette = Readonly<Record<ChemicalGroup, readonly string[]>>;

interface ChemicalTradeSpec {
  label: string;
  count: number;
  odds: ChemicalOdds;
  districts?: Readonly<Record<string, number>>;
  /** The chemicals this trade really uses, where narrower than the general list. */
  palette?: Partial<ChemicalPalette>;
  describe(rng: DemoRandom, site: Site, chemicals: string): Omit<EntityDraft, 'listings'>;
}

function chemicalTrade(spec: ChemicalTradeSpec): Trade {
  const palette: ChemicalPalette = { ...CHEMICALS, ...spec.palette };
  return {
    label: spec.label,
    count: spec.count,
    districts: spec.districts,
    ruralShare: 0.3,
    draft(rng, site) {
      const groups = pickChemicalGroups(rng, spec.odds);
      return { ...spec.describe(rng, site, chemicalsNamed(rng, groups, palette)), listings: chemicalListings(groups) };
    },
  };
}

const chemicalTrades: Trade[] = [
  chemicalTrade({
    label: '化工商贸',
    count: 100,
    odds: { explosivePrecursor: 0.5, highlyToxic: 0.4, drugPrecursor: 0.75 },
    describe: (rng, site, chemicals) => ({
      kind: 'ENTERPRISE',
      name: companyName(rng, site, rng.pick(['化工', '化工贸易', '化工商贸', '化学试剂']), '有限公司', regionalPrefixes(site)),
      scope: `危险化学品经营（${chemicals}，按许可证核定范围经营）；化工产品销售（不含许可类化工产品）`,
    }),
  }),
  chemicalTrade({
    label: '电镀',
    count: 50,
    odds: { highlyToxic: 1, drugPrecursor: 0.5 },
    districts: { 长葛市: 4, 禹州市: 2, 建安区: 2, 魏都区: 1, 襄城县: 1 },
    // Cyanide plating baths; acid pickling before plating.
    palette: { highlyToxic: ['氰化钠', '氰化钾', '氰化亚铜'], drugPrecursor: ['硫酸', '盐酸'] },
    describe: (rng, site, chemicals) => ({
      kind: 'ENTERPRISE',
      name: companyName(rng, site, rng.pick(['电镀', '金属表面处理', '表面处理科技'])),
      scope: `电镀加工；金属表面处理及热处理加工（使用${chemicals}）`,
    }),
  }),
  chemicalTrade({
    label: '医药化工',
    count: 40,
    odds: { drugPrecursor: 1, highlyToxic: 0.3, explosivePrecursor: 0.2 },
    districts: { 禹州市: 4, 襄城县: 3, 示范区: 1, 长葛市: 1 },
    describe: (rng, site, chemicals) => ({
      kind: 'ENTERPRISE',
      name: companyName(rng, site, rng.pick(['药业', '医药化工', '新材料', '精细化工']), '有限公司', regionalPrefixes(site)),
      scope: `药品生产；医药中间体研发、生产；化工原料（${chemicals}）购进与使用`,
    }),
  }),
  chemicalTrade({
    label: '涂料',
    count: 40,
    odds: { drugPrecursor: 1, explosivePrecursor: 0.3 },
    palette: { drugPrecursor: ['甲苯', '丙酮', '甲基乙基酮'], explosivePrecursor: ['过氧化氢', '硝酸'] },
    describe: (rng, site, chemicals) => ({
      kind: 'ENTERPRISE',
      name: companyName(rng, site, rng.pick(['涂料', '油漆', '胶粘剂', '防腐材料'])),
      scope: `涂料制造；油漆销售；化工原料（${chemicals}）使用`,
    }),
  }),
  chemicalTrade({
    label: '发制品',
    count: 35,
    odds: { drugPrecursor: 1 },
    districts: { 建安区: 4, 魏都区: 3, 东城区: 1, 长葛市: 1 },
    palette: { drugPrecursor: ['盐酸', '硫酸'] },
    describe: (rng, site, chemicals) => ({
      kind: 'ENTERPRISE',
      name: companyName(rng, site, rng.pick(['发制品', '假发制品', '工艺发制品'])),
      scope: `发制品生产、加工、销售；货物进出口（酸洗工序使用${chemicals}）`,
    }),
  }),
  chemicalTrade({
    label: '机械加工',
    count: 30,
    odds: { drugPrecursor: 1 },
    districts: { 长葛市: 4, 禹州市: 2, 建安区: 1, 襄城县: 1 },
    palette: { drugPrecursor: ['盐酸', '硫酸'] },
    describe: (rng, site, chemicals) => ({
      kind: 'ENTERPRISE',
      name: companyName(rng, site, rng.pick(['机械', '铸造', '五金制品', '钢构'])),
      scope: `通用机械制造；金属制品加工；酸洗除锈（使用${chemicals}）`,
    }),
  }),
  chemicalTrade({
    label: '检测实验室',
    count: 24,
    odds: { highlyToxic: 0.6, drugPrecursor: 0.8, explosivePrecursor: 0.5 },
    describe: (rng, site, chemicals) => ({
      kind: 'ENTERPRISE',
      name: companyName(rng, site, rng.pick(['检测技术', '环境检测', '质量检测技术', '检验检测']), '有限公司', regionalPrefixes(site)),
      scope: `检验检测服务；环境监测；实验室化学试剂（${chemicals}）采购、使用与管理`,
    }),
  }),
  chemicalTrade({
    label: '五金化工经营部',
    count: 40,
    odds: { drugPrecursor: 0.9, explosivePrecursor: 0.4 },
    describe: (rng, site, chemicals) => ({
      kind: 'INDIVIDUAL_BUSINESS',
      name: shopName(rng, site, rng.pick(['五金化工经营部', '化工门市部', '化学试剂经营部'])),
      scope: `五金产品零售；化工产品销售（${chemicals}，按备案证明范围经营）`,
    }),
  }),
];

const transportAndNetworkTrades: Trade[] = [
  {
    label: '危险货物运输',
    count: 90,
    ruralShare: 0.1,
    draft(rng, site) {
      // Carriers of poisons need a 剧毒化学品道路运输通行证 (交警); carriers of
      // precursors need an 易制毒化学品运输许可证 or 备案证明 (禁毒). Many hold both.
      const poisons = rng.chance(0.75);
      const precursors = !poisons || rng.chance(0.7);
      const listings: Listings = {};
      if (poisons) listings.JJ = ['剧毒化学品'];
      if (precursors) listings.JD = ['易制毒化学品运输'];
      return {
        kind: 'ENTERPRISE',
        name: companyName(rng, site, rng.pick(['危险货物运输', '化工物流', '物流', '危化品运输']), '有限公司', regionalPrefixes(site)),
        scope: `道路危险货物运输（${[poisons ? '剧毒化学品' : '', precursors ? '易制毒化学品' : ''].filter(Boolean).join('、')}）；普通货物道路运输；国内货物运输代理`,
        listings,
      };
    },
  },
  {
    label: '机动车检验机构',
    count: 140,
    ruralShare: 0.15,
    draft(rng, site) {
      return {
        kind: 'ENTERPRISE',
        name: companyName(rng, site, rng.pick(['机动车检测', '机动车安全技术检测', '机动车检测服务', '汽车检测站'])),
        scope: '机动车安全技术检验；机动车排放检验；机动车综合性能检测',
        listings: { JJ: ['机动车检验机构'] },
      };
    },
  },
  {
    label: '网吧',
    count: 150,
    ruralShare: 0.1,
    draft(rng, site) {
      if (rng.chance(0.4)) {
        const branded = rng.chance(0.3);
        return {
          kind: 'INDIVIDUAL_BUSINESS',
          name: branded ? `${site.district.localName}网鱼网咖${site.road}店` : shopName(rng, site, rng.pick(['网吧', '网咖', '网络会所'])),
          scope: '互联网上网服务；预包装食品销售；饮料零售',
          listings: { WA: ['网吧'] },
        };
      }
      return {
        kind: 'ENTERPRISE',
        name: companyName(rng, site, rng.pick(['网咖', '网络文化', '网络会所', '电竞文化'])),
        scope: '互联网上网服务；电子竞技赛事活动策划；预包装食品销售；饮料零售',
        listings: { WA: ['网吧'] },
      };
    },
  },
  {
    label: '网络运营者',
    count: 90,
    districts: { 东城区: 4, 魏都区: 3, 示范区: 3, 建安区: 1, 禹州市: 1, 长葛市: 1 },
    ruralShare: 0,
    draft(rng, site) {
      const trade = rng.weighted([
        [['网络科技', '网络技术服务；信息系统集成服务；互联网信息服务；数据处理和存储支持服务'] as const, 4],
        [['信息技术', '软件开发；信息技术咨询服务；信息系统运行维护服务'] as const, 3],
        [['电子商务', '互联网销售（除销售需要许可的商品）；互联网数据服务；第二类增值电信业务'] as const, 2],
        [['数据服务', '数据处理和存储支持服务；大数据服务；云计算装备技术服务'] as const, 1],
      ]);
      return {
        kind: 'ENTERPRISE',
        name: companyName(rng, site, trade[0], '有限公司', regionalPrefixes(site)),
        scope: trade[1],
        listings: { WA: ['网络运营者'] },
      };
    },
  },
];

const CITY_TRADES: readonly Trade[] = [...hotelTrades, ...specialTrades, ...chemicalTrades, ...transportAndNetworkTrades];

/** GB 32100 alphabet: digits and capitals without I, O, S, V, Z. */
const USCC_CHARACTERS = [...'0123456789ABCDEFGHJKLMNPQRTUWXY'];

/** GB 11714 check character of an 8-character organisation-code body. */
function organisationCodeCheck(body: string): string {
  const weights = [3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const character = body[i]!;
    const value = /\d/.test(character) ? Number(character) : character.charCodeAt(0) - 55;
    sum += value * weights[i]!;
  }
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

/**
 * The nine-character 主体标识码: entities registered before 2015 kept their old
 * organisation code (eight digits), newer ones got an `MA…` code.
 */
function organisationCode(rng: DemoRandom, legacy: boolean): string {
  const body = legacy
    ? Array.from({ length: 8 }, () => String(rng.int(0, 9))).join('')
    : `MA${Array.from({ length: 6 }, () => rng.pick(USCC_CHARACTERS)).join('')}`;
  return body + organisationCodeCheck(body);
}

/** 登记管理部门 9 (市场监管), then 1 企业 / 2 个体工商户 / 3 农民专业合作社. */
const USCC_TYPE: Record<DemoTargetKind, string> = {
  ENTERPRISE: '91',
  INDIVIDUAL_BUSINESS: '92',
  FARMER_COOPERATIVE: '93',
  OTHER: '99',
};

function usccFor(rng: DemoRandom, kind: DemoTargetKind, district: District): string {
  const enterprise = kind === 'ENTERPRISE';
  // Larger companies are often registered with the city rather than the district bureau.
  const area = enterprise && rng.chance(0.3) ? CITY_AREA : district.area;
  return withUsccCheckCharacter(`${USCC_TYPE[kind]}${area}${organisationCode(rng, enterprise && rng.chance(0.45))}`);
}

/** Names, codes and addresses already given out: the registration authority keeps each unique city-wide. */
interface CityRegister {
  names: Set<string>;
  usccs: Set<string>;
  addresses: Set<string>;
}

function createEntity(rng: DemoRandom, trade: Trade, register: CityRegister): CityEntity {
  for (;;) {
    const site = pickSite(rng, trade.districts, trade.ruralShare);
    const draft = trade.draft(rng, site);
    if (register.names.has(draft.name)) continue;
    register.names.add(draft.name);
    return {
      uscc: unique(register.usccs, () => usccFor(rng, draft.kind, site.district)),
      name: draft.name,
      kind: draft.kind,
      scope: draft.scope,
      address: unique(register.addresses, () => addressOf(site, rng.int(1, site.rural ? 99 : 999))),
      listings: draft.listings,
    };
  }
}

/**
 * Every hotel is 治安's (ZA-001). Most are also in 网安's directory (public Wi-Fi,
 * WA-003) and 出入境's (境外人员住宿登记, CRJ-001), but three directories kept by three
 * offices never line up exactly: some new hotels are entered only by 治安, some by
 * only one of the other two.
 */
function spreadHotelsOverDirectories(rng: DemoRandom, entities: CityEntity[]): void {
  const hotels = rng.shuffle(entities.filter((entity) => entity.listings.ZA?.includes('旅馆')));
  const omissions: ReadonlyArray<readonly [number, readonly string[]]> = [
    [18, ['WA', 'CRJ']],
    [14, ['CRJ']],
    [10, ['WA']],
  ];
  let next = 0;
  for (const [count, missingFrom] of omissions) {
    for (const hotel of hotels.slice(next, next + count)) {
      hotel.listings = Object.fromEntries(Object.entries(hotel.listings).filter(([division]) => !missingFrom.includes(division)));
    }
    next += count;
  }
}

let cityEntities: readonly CityEntity[] | undefined;

/** The city's market entities, built once: every division's directory is a view of it. */
function cityMarketEntities(): readonly CityEntity[] {
  if (!cityEntities) {
    const rng = new DemoRandom('许昌市市场主体');
    const register: CityRegister = { names: new Set(), usccs: new Set(), addresses: new Set() };
    const entities = CITY_TRADES.flatMap((trade) => Array.from({ length: trade.count }, () => createEntity(rng, trade, register)));
    spreadHotelsOverDirectories(rng, entities);
    cityEntities = entities;
  }
  return cityEntities;
}

// ── targets ───────────────────────────────────────────────────────────────────

function targetsOf(division: string, items: readonly DemoCheckItem[]): DemoTarget[] {
  const itemCategories = new Set(items.map((item) => item.targetCategory));
  return cityMarketEntities()
    .filter((entity) => entity.listings[division] !== undefined)
    .map((entity) => {
      const categories = [...entity.listings[division]!];
      const stray = categories.find((category) => !itemCategories.has(category));
      if (stray) throw new Error(`${entity.name} is listed by ${division} under ${stray}, which no item of ${division} checks`);
      return { uscc: entity.uscc, name: entity.name, kind: entity.kind, scope: entity.scope, address: entity.address, categories };
    });
}

// ── inspectors ────────────────────────────────────────────────────────────────

/** One 大队 (or 车辆管理所) of a division and the people on its roster. */
interface Unit {
  name: string;
  /** 行政区划代码 of the issuing office, the first part of the 执法证号. */
  area: string;
  size: number;
  /** Expertise everyone in the unit has. */
  core: readonly string[];
  /** Expertise some have on top. */
  extra: readonly string[];
  /** The district a county or branch unit polices; conflicts arise with local businesses. */
  district?: string;
  head?: readonly [string, string];
}

function branchUnits(suffix: string, sizes: Readonly<Record<string, number>>, core: readonly string[], extra: readonly string[]): Unit[] {
  const branchNames: Record<string, string> = {
    魏都区: '魏都分局',
    建安区: '建安分局',
    东城区: '东城分局',
    示范区: '示范区分局',
    禹州市: '禹州市公安局',
    长葛市: '长葛市公安局',
    鄢陵县: '鄢陵县公安局',
    襄城县: '襄城县公安局',
  };
  return Object.entries(sizes).map(([district, size]) => ({
    name: `${branchNames[district]}${suffix}`,
    area: districtNamed(district).area,
    size,
    core,
    extra,
    district,
  }));
}

const UNITS: Readonly<Record<string, readonly Unit[]>> = {
  ZA: [
    { name: '治安管理支队行业场所管理大队', area: CITY_AREA, size: 7, core: ['特种行业管理'], extra: ['娱乐场所管理', '机动车修理业管理'] },
    { name: '治安管理支队危爆物品管理大队', area: CITY_AREA, size: 6, core: ['危险物品管理'], extra: ['民用爆炸物品管理', '剧毒化学品管理'] },
    { name: '治安管理支队保安服务监管大队', area: CITY_AREA, size: 4, core: ['保安服务管理'], extra: ['特种行业管理'] },
    ...branchUnits(
      '治安管理大队',
      { 魏都区: 4, 建安区: 3, 东城区: 3, 禹州市: 4, 长葛市: 3, 鄢陵县: 3, 襄城县: 3 },
      ['特种行业管理'],
      ['危险物品管理', '娱乐场所管理', '废旧金属收购管理'],
    ),
  ],
  WA: [
    { name: '网络安全保卫支队安全监督检查大队', area: CITY_AREA, size: 6, core: ['网络安全'], extra: ['等级保护', '数据安全'] },
    { name: '网络安全保卫支队网络安全管理大队', area: CITY_AREA, size: 5, core: ['网络安全', '互联网上网服务场所管理'], extra: ['等级保护'] },
    { name: '网络安全保卫支队技术支撑大队', area: CITY_AREA, size: 3, core: ['网络安全', '电子数据取证'], extra: [] },
    ...branchUnits('网络安全保卫大队', { 魏都区: 3, 禹州市: 2, 长葛市: 2, 鄢陵县: 1, 襄城县: 2 }, ['互联网上网服务场所管理'], ['网络安全']),
  ],
  JD: [
    { name: '禁毒支队易制毒化学品管控大队', area: CITY_AREA, size: 7, core: ['禁毒', '易制毒化学品管理'], extra: ['危险物品管理'] },
    { name: '禁毒支队综合大队', area: CITY_AREA, size: 3, core: ['禁毒'], extra: ['易制毒化学品管理'] },
    ...branchUnits('禁毒大队', { 魏都区: 2, 建安区: 2, 禹州市: 3, 长葛市: 2, 鄢陵县: 1, 襄城县: 2 }, ['禁毒'], ['易制毒化学品管理', '危险物品管理']),
  ],
  JJ: [
    { name: '交通警察支队车辆管理所', area: CITY_AREA, size: 7, core: ['机动车检验监管'], extra: ['道路交通管理'], head: ['所长', '副所长'] },
    { name: '交通警察支队秩序管理大队', area: CITY_AREA, size: 6, core: ['道路运输', '危险货物运输管理'], extra: ['道路交通管理'] },
    { name: '交通警察支队直属一大队', area: CITY_AREA, size: 3, core: ['道路交通管理'], extra: ['道路运输'] },
    ...branchUnits('交通管理大队', { 禹州市: 3, 长葛市: 3, 鄢陵县: 2, 襄城县: 2 }, ['道路交通管理'], ['道路运输', '机动车检验监管', '危险货物运输管理']),
  ],
  CRJ: [
    { name: '出入境管理支队外国人管理大队', area: CITY_AREA, size: 6, core: ['出入境管理', '外国人管理'], extra: ['特种行业管理'] },
    { name: '出入境管理支队综合大队', area: CITY_AREA, size: 3, core: ['出入境管理'], extra: ['外国人管理'] },
    { name: '出入境管理支队证件管理大队', area: CITY_AREA, size: 2, core: ['出入境管理'], extra: [] },
    ...branchUnits('出入境管理大队', { 建安区: 2, 禹州市: 2, 长葛市: 2, 鄢陵县: 2, 襄城县: 1 }, ['出入境管理'], ['外国人管理', '特种行业管理']),
  ],
};

const GIVEN_NAME_FIRST = ['建', '国', '志', '海', '晓', '文', '红', '卫', '振', '俊', '丽', '雪', '子', '博', '思', '家', '永', '明', '亚', '新'] as const;
const GIVEN_NAME_SECOND = ['华', '强', '刚', '涛', '东', '军', '燕', '娟', '梅', '宇', '豪', '文', '远', '伟', '峰', '辉', '平', '杰', '鹏', '静'] as const;
const GIVEN_NAME_SINGLE = [
  '伟',
  '军',
  '磊',
  '勇',
  '强',
  '涛',
  '明',
  '超',
  '鹏',
  '辉',
  '杰',
  '斌',
  '浩',
  '洋',
  '峰',
  '刚',
  '亮',
  '飞',
  '鑫',
  '宁',
  '静',
  '丽',
  '敏',
  '娜',
  '芳',
  '艳',
  '婷',
  '颖',
] as const;

function personName(rng: DemoRandom): string {
  const given = rng.chance(0.55) ? `${rng.pick(GIVEN_NAME_FIRST)}${rng.pick(GIVEN_NAME_SECOND)}` : rng.pick(GIVEN_NAME_SINGLE);
  return `${surname(rng)}${given}`;
}

/** 警衔 and posts of the officers who are not the unit's leaders. */
const RANKS: ReadonlyArray<readonly [string, number]> = [
  ['民警', 4],
  ['科员', 2],
  ['一级警员', 2],
  ['二级警长', 3],
  ['一级警长', 3],
  ['三级警长', 2],
  ['四级高级警长', 1],
];

/** The first on a unit's roster leads it, the second deputises; the rest carry their rank. */
function positionOf(rng: DemoRandom, unit: Unit, indexInUnit: number): string {
  const [head, deputy] = unit.head ?? ['大队长', '副大队长'];
  if (indexInUnit === 0) return head;
  if (indexInUnit === 1 && unit.size >= 4) return deputy;
  if (indexInUnit === 2 && unit.size >= 6) return '教导员';
  return rng.weighted(RANKS);
}

function expertiseOf(rng: DemoRandom, unit: Unit): string[] {
  const extra = unit.extra.filter(() => rng.chance(0.4)).slice(0, 1);
  return [...unit.core, ...extra];
}

/**
 * How far from `today` each certificate runs: mostly one to three years, but a few
 * run out within the month (so renewal reminders have something to show) and one
 * already has (so the draw's exclusion of expired certificates has a case).
 */
function certificateOffsets(rng: DemoRandom, count: number): number[] {
  const offsets = Array.from({ length: count }, () => rng.int(45, 1125));
  const [expired, ...expiring] = rng.shuffle(Array.from({ length: count }, (_, i) => i)).slice(0, 1 + rng.int(2, 3));
  offsets[expired!] = -rng.int(5, 120);
  for (const index of expiring) offsets[index] = rng.int(3, 28);
  return offsets;
}

function inspectorsOf(division: string, today: string): DemoInspector[] {
  const rng = new DemoRandom(`${division}:执法检查人员`);
  const units = UNITS[division] ?? [];
  const divisionDigit = DEMO_DIVISIONS.findIndex((candidate) => candidate.code === division) + 1;
  const names = new Set<string>();
  const serials = new Set<string>();
  const roster: Omit<DemoInspector, 'id' | 'certificateValidUntil'>[] = [];

  for (const unit of units) {
    for (let indexInUnit = 0; indexInUnit < unit.size; indexInUnit++) {
      const name = unique(names, () => personName(rng));
      // The leading digit keeps numbers issued to different divisions apart.
      const serial = unique(serials, () => `${divisionDigit}${String(rng.int(0, 99_999)).padStart(5, '0')}`);
      roster.push({
        name,
        unit: unit.name,
        position: positionOf(rng, unit, indexInUnit),
        expertise: expertiseOf(rng, unit),
        certificateNo: `豫公执字${unit.area}${serial}`,
      });
    }
  }

  const offsets = certificateOffsets(rng, roster.length);
  return roster.map((person, index) => ({
    id: `${division}-${String(index + 1).padStart(4, '0')}`,
    ...person,
    certificateValidUntil: addDays(today, offsets[index]!),
  }));
}

/** Draws until `make` yields a value not yet in `taken`, and records it. */
function unique(taken: Set<string>, make: () => string): string {
  for (;;) {
    const value = make();
    if (!taken.has(value)) {
      taken.add(value);
      return value;
    }
  }
}

// ── conflicts (回避) ──────────────────────────────────────────────────────────

const CONFLICT_REASONS = ['配偶经营', '近亲属任该单位负责人', '曾在该单位任职', '配偶在该单位任职', '近亲属持有该单位股份'] as const;

/**
 * A few declared relationships per division. Officers of a county or branch unit
 * live where they police, so their relatives' businesses are local ones.
 */
function conflictsOf(division: string, inspectors: readonly DemoInspector[], targets: readonly DemoTarget[]): DemoConflict[] {
  const rng = new DemoRandom(`${division}:回避`);
  const districtOfUnit = new Map((UNITS[division] ?? []).map((unit) => [unit.name, unit.district]));
  const declarants = rng.shuffle(inspectors).slice(0, rng.int(2, 4));
  return declarants.map((inspector) => {
    const district = districtOfUnit.get(inspector.unit);
    const local = district ? targets.filter((target) => target.address.includes(district)) : [];
    const target = rng.pick(local.length > 0 ? local : targets);
    return { inspector: inspector.id, uscc: target.uscc, reason: rng.pick(CONFLICT_REASONS) };
  });
}

// ── annual plan ───────────────────────────────────────────────────────────────

function monthStart(year: number, month: number): string {
  return `${year}-${String(month).padStart(2, '0')}-01`;
}

/** From the first of `month` (at most October) to the last day of the month after. */
function twoMonthPeriod(year: number, month: number): { periodStart: string; periodEnd: string } {
  return { periodStart: monthStart(year, month), periodEnd: addDays(monthStart(year, month + 2), -1) };
}

/**
 * 年度随机抽查计划: one entry per item and round. Work runs March to November, so
 * results can still be published within 20 working days before the year closes;
 * an item checked twice a year gets one round in each half.
 */
function annualPlanOf(division: { code: string; name: string }, items: readonly DemoCheckItem[], year: number): DemoPlanEntry[] {
  const rng = new DemoRandom(`${division.code}:抽查计划:${year}`);
  return items.flatMap((item) => {
    const rounds = Math.max(1, item.timesPerYear);
    const theme = `${year}年度${item.name.replace(/检查$/, '')}随机抽查`;
    return Array.from({ length: rounds }, (_, round) => {
      const window = Math.floor(9 / rounds);
      const month = rounds === 1 ? rng.int(3, 9) : 3 + round * window + rng.int(0, Math.max(0, window - 2));
      return {
        year,
        name: rounds === 1 ? theme : `${theme}（${roundLabel(round, rounds)}）`,
        items: [item.code],
        targetCategory: item.targetCategory,
        ratioBp: item.ratioBp,
        ...twoMonthPeriod(year, Math.min(month, 10)),
        authority: `${BUREAU}${division.name}`,
      };
    });
  });
}

function roundLabel(round: number, rounds: number): string {
  if (rounds === 2) return round === 0 ? '上半年' : '下半年';
  return `第${'一二三四五六七八九'[round] ?? String(round + 1)}轮`;
}

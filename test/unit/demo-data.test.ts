import { addDays } from '../../common/dates';
import { isValidUscc } from '../../common/uscc';
import { DEMO_DIVISIONS, demoDataFor, type DemoTarget, type DivisionDemoData } from '../../subgraphs/division/src/seed/demo-data';

const TODAY = '2026-11-28';
const CODES = ['ZA', 'WA', 'JD', 'JJ', 'CRJ'];
const XUCHANG_AREAS = ['411000', '411002', '411003', '411024', '411025', '411081', '411082'];
const USCC_PREFIX_BY_KIND: Record<DemoTarget['kind'], string> = {
  ENTERPRISE: '91',
  INDIVIDUAL_BUSINESS: '92',
  FARMER_COOPERATIVE: '93',
  OTHER: '99',
};

const byCode = new Map<string, DivisionDemoData>(CODES.map((code) => [code, demoDataFor(code)]));
const division = (code: string): DivisionDemoData => byCode.get(code)!;

function targetsIn(code: string, category: string): Map<string, DemoTarget> {
  return new Map(
    division(code)
      .targets.filter((target) => target.categories.includes(category))
      .map((target) => [target.uscc, target]),
  );
}

function daysFrom(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
}

describe('demo data of the division directories', () => {
  it('covers the five divisions of 许昌市公安局', () => {
    expect(DEMO_DIVISIONS.map((d) => d.code)).toEqual(CODES);
    expect(DEMO_DIVISIONS.find((d) => d.code === 'ZA')?.name).toBe('治安管理支队');
  });

  it('returns the same data on every call', () => {
    for (const code of CODES) expect(demoDataFor(code)).toEqual(division(code));
    expect(demoDataFor('ZA', { today: '2027-03-01' })).toEqual(demoDataFor('ZA', { today: '2027-03-01' }));
  });

  it('hands out fresh objects, so one caller editing its copy does not change the next', () => {
    const first = demoDataFor('WA');
    const name = first.targets[0]!.name;
    first.targets[0]!.name = 'changed';
    first.targets[0]!.categories.push('changed');
    first.inspectors.pop();
    const second = demoDataFor('WA');
    expect(second.targets[0]!.name).toBe(name);
    expect(second.targets[0]!.categories).not.toContain('changed');
    expect(second.inspectors).toHaveLength(division('WA').inspectors.length);
  });

  it('lists exactly each division its own published items, with the division as 抽查主体', () => {
    const za = division('ZA');
    expect(za.items.map((item) => item.code)).toEqual(Array.from({ length: 12 }, (_, i) => `ZA-${String(i + 1).padStart(3, '0')}`));
    expect(za.items[0]).toEqual({
      code: 'ZA-001',
      name: '旅馆业治安管理检查',
      basis: '《旅馆业治安管理办法》',
      subject: '许昌市公安局治安管理支队',
      targetCategory: '旅馆',
      ratioBp: 1000,
      timesPerYear: 1,
      method: '实地检查',
      content: '特种行业许可证、旅客住宿登记、安全防范措施',
      requiredExpertise: null,
    });
    expect(division('WA').items.find((item) => item.code === 'WA-002')?.requiredExpertise).toBe('网络安全');
    expect(division('CRJ').items.map((item) => item.code)).toEqual(['CRJ-001']);
    for (const code of CODES) {
      const { items, name } = division(code);
      for (const item of items) {
        expect(item.code.startsWith(`${code}-`)).toBe(true);
        expect(item.subject).toBe(`许昌市公安局${name}`);
      }
    }
  });

  describe.each(CODES)('%s directories', (code) => {
    const data = division(code);

    it('hold at least 300 targets and 20 inspectors', () => {
      expect(data.targets.length).toBeGreaterThanOrEqual(300);
      expect(data.inspectors.length).toBeGreaterThanOrEqual(20);
    });

    it('give every target a valid 许昌 USCC of its kind, unique in the directory', () => {
      const usccs = data.targets.map((target) => target.uscc);
      expect(new Set(usccs).size).toBe(usccs.length);
      for (const target of data.targets) {
        expect(isValidUscc(target.uscc)).toBe(true);
        expect(target.uscc.slice(0, 2)).toBe(USCC_PREFIX_BY_KIND[target.kind]);
        expect(XUCHANG_AREAS).toContain(target.uscc.slice(2, 8));
      }
    });

    it('give every target a unique name, a 许昌 address and a business scope', () => {
      expect(new Set(data.targets.map((target) => target.name)).size).toBe(data.targets.length);
      for (const target of data.targets) {
        expect(target.address).toMatch(/^许昌市.+\d+号$/);
        expect(target.scope.length).toBeGreaterThan(0);
      }
    });

    it('file every target under at least one category that an item of the division checks', () => {
      const categories = new Set(data.items.map((item) => item.targetCategory));
      for (const target of data.targets) {
        expect(target.categories.length).toBeGreaterThan(0);
        for (const category of target.categories) expect(categories).toContain(category);
      }
      // every item has someone to inspect
      for (const category of categories) expect(data.targets.some((target) => target.categories.includes(category))).toBe(true);
    });

    it('number inspectors uniquely and give each an 执法证号 and expertise', () => {
      const ids = data.inspectors.map((inspector) => inspector.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const inspector of data.inspectors) {
        expect(inspector.id).toMatch(new RegExp(`^${code}-\\d{4}$`));
        expect(inspector.name).toMatch(/^[\u4e00-\u9fa5]{2,3}$/);
        expect(inspector.certificateNo).toMatch(/^豫公执字4110\d{8}$/);
        expect(inspector.expertise.length).toBeGreaterThan(0);
        expect(inspector.unit.length).toBeGreaterThan(0);
        expect(inspector.position.length).toBeGreaterThan(0);
      }
    });

    it('have mostly long-valid certificates, two or three expiring within 30 days and one expired', () => {
      const remaining = data.inspectors.map((inspector) => daysFrom(TODAY, inspector.certificateValidUntil));
      const expired = remaining.filter((days) => days < 0);
      const expiringSoon = remaining.filter((days) => days >= 0 && days <= 30);
      expect(expired).toHaveLength(1);
      expect(expiringSoon.length).toBeGreaterThanOrEqual(2);
      expect(expiringSoon.length).toBeLessThanOrEqual(3);
      const longValid = data.inspectors.filter((inspector) => /^202[7-9]-/.test(inspector.certificateValidUntil));
      expect(longValid.length).toBe(data.inspectors.length - expired.length - expiringSoon.length);
    });

    it('declare two to four conflicts, each naming an inspector and a target of the division', () => {
      expect(data.conflicts.length).toBeGreaterThanOrEqual(2);
      expect(data.conflicts.length).toBeLessThanOrEqual(4);
      const inspectorIds = new Set(data.inspectors.map((inspector) => inspector.id));
      const usccs = new Set(data.targets.map((target) => target.uscc));
      for (const conflict of data.conflicts) {
        expect(inspectorIds).toContain(conflict.inspector);
        expect(usccs).toContain(conflict.uscc);
        expect(conflict.reason.length).toBeGreaterThan(0);
      }
      const pairs = data.conflicts.map((conflict) => `${conflict.inspector}/${conflict.uscc}`);
      expect(new Set(pairs).size).toBe(pairs.length);
    });

    it('plan every item as often as the list says, within the year, under the division', () => {
      for (const item of data.items) {
        const rounds = data.plan.filter((entry) => entry.items.includes(item.code));
        expect(rounds).toHaveLength(item.timesPerYear);
        for (const entry of rounds) {
          expect(entry.targetCategory).toBe(item.targetCategory);
          expect(entry.ratioBp).toBe(item.ratioBp);
        }
      }
      for (const entry of data.plan) {
        expect(entry.year).toBe(2026);
        expect(entry.name.startsWith('2026年度')).toBe(true);
        expect(entry.authority).toBe(`许昌市公安局${data.name}`);
        expect(entry.periodStart.startsWith('2026-')).toBe(true);
        expect(entry.periodEnd.startsWith('2026-')).toBe(true);
        expect(entry.periodStart < entry.periodEnd).toBe(true);
      }
    });
  });

  it('names the ZA hotel round as the bureau does', () => {
    expect(division('ZA').plan.find((entry) => entry.items.includes('ZA-001'))?.name).toBe('2026年度旅馆业治安管理随机抽查');
  });

  it('lists most hotels in the ZA, WA and CRJ directories as one and the same entity', () => {
    const za = targetsIn('ZA', '旅馆');
    const wa = targetsIn('WA', '旅馆');
    const crj = targetsIn('CRJ', '旅馆');
    const inAllThree = [...za.keys()].filter((uscc) => wa.has(uscc) && crj.has(uscc));
    expect(inAllThree.length).toBeGreaterThanOrEqual(120);
    expect(inAllThree.length / za.size).toBeGreaterThan(0.8);
    for (const uscc of inAllThree) {
      const { name, address } = za.get(uscc)!;
      expect(wa.get(uscc)).toMatchObject({ name, address });
      expect(crj.get(uscc)).toMatchObject({ name, address });
    }
    // Every hotel another division lists is one 治安 knows; some only 治安 lists.
    for (const uscc of [...wa.keys(), ...crj.keys()]) expect(za.has(uscc)).toBe(true);
    expect([...za.keys()].some((uscc) => !wa.has(uscc) && !crj.has(uscc))).toBe(true);
  });

  it('lists the 剧毒化学品 purchasers of ZA under the same category in JJ', () => {
    const za = targetsIn('ZA', '剧毒化学品');
    const jj = targetsIn('JJ', '剧毒化学品');
    const shared = [...za.keys()].filter((uscc) => jj.has(uscc));
    expect(shared.length).toBeGreaterThan(0);
    for (const uscc of shared) expect(jj.get(uscc)).toMatchObject({ name: za.get(uscc)!.name, address: za.get(uscc)!.address });
  });

  it('has 易制毒 entities that are also ZA 易制爆 entities', () => {
    const explosivePrecursors = targetsIn('ZA', '易制爆化学品');
    const drugPrecursors = targetsIn('JD', '易制毒化学品');
    expect([...drugPrecursors.keys()].some((uscc) => explosivePrecursors.has(uscc))).toBe(true);
  });

  it('describes an entity the same way in every directory that lists it', () => {
    const seen = new Map<string, DemoTarget>();
    for (const code of CODES) {
      for (const target of division(code).targets) {
        const earlier = seen.get(target.uscc);
        if (earlier) {
          const { categories: _ignored, ...identity } = earlier;
          expect(target).toMatchObject(identity);
        } else {
          seen.set(target.uscc, target);
        }
      }
    }
  });

  it('has enough valid 网络安全 inspectors in WA for WA-002', () => {
    const qualified = division('WA').inspectors.filter((inspector) => inspector.expertise.includes('网络安全') && inspector.certificateValidUntil >= TODAY);
    expect(qualified.length).toBeGreaterThanOrEqual(6);
  });

  it('never gives two inspectors of the bureau the same 执法证号', () => {
    const numbers = CODES.flatMap((code) => division(code).inspectors.map((inspector) => inspector.certificateNo));
    expect(new Set(numbers).size).toBe(numbers.length);
  });

  it('moves certificate dates and the plan year with today, and nothing else', () => {
    const later = '2027-06-30';
    const shifted = demoDataFor('JD', { today: later });
    const base = division('JD');
    expect(shifted.targets).toEqual(base.targets);
    expect(shifted.conflicts).toEqual(base.conflicts);
    expect(shifted.inspectors.map(({ certificateValidUntil: _date, ...rest }) => rest)).toEqual(
      base.inspectors.map(({ certificateValidUntil: _date, ...rest }) => rest),
    );
    const gap = daysFrom(TODAY, later);
    shifted.inspectors.forEach((inspector, i) => {
      expect(inspector.certificateValidUntil).toBe(addDays(base.inspectors[i]!.certificateValidUntil, gap));
    });
    expect(shifted.plan.every((entry) => entry.year === 2027 && entry.periodStart.startsWith('2027-'))).toBe(true);
  });

  it('refuses an unknown division or a malformed date', () => {
    expect(() => demoDataFor('XX')).toThrow(/unknown division XX/);
    expect(() => demoDataFor('ZA', { today: '2026-02-30' })).toThrow(/YYYY-MM-DD/);
  });

  it('builds all five divisions from a cold start, the same as a warm one (how fast is a bench figure: npm run bench)', () => {
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- a fresh copy of the module, outside the cache
      const fresh = require('../../subgraphs/division/src/seed/demo-data') as typeof import('../../subgraphs/division/src/seed/demo-data');
      for (const code of CODES) expect(fresh.demoDataFor(code)).toEqual(demoDataFor(code));
    });
  });
});

import type { DivisionService } from '../../subgraphs/division/src/app';
import { seedDemoData } from '../../subgraphs/division/src/seed/seed';
import { viewers } from '../support/graphql';
import { startTestDivision } from '../support/services';
import { as } from './fixtures';

const SUMMARY = `query($code: ID!) { division(code: $code) { code name checklist { code }
  targets(first: 1) { totalCount } inspectors(first: 1) { totalCount } annualPlan(year: 2026) { name } auditChain { ok length } } }`;

describe('demo data', () => {
  let wa: DivisionService;
  afterAll(() => wa?.stop());

  it('fills an empty division through the audited services, once', async () => {
    wa = await startTestDivision({ code: 'WA', seed: 'demo' });
    const first = await as(wa.url, viewers.supervisor, SUMMARY, { code: 'WA' });
    expect(first.errors).toBeUndefined();
    const division = first.data.division;
    expect(division.checklist.map((item: { code: string }) => item.code)).toEqual(['WA-001', 'WA-002', 'WA-003']);
    expect(division.targets.totalCount).toBeGreaterThanOrEqual(300);
    expect(division.inspectors.totalCount).toBeGreaterThanOrEqual(20);
    expect(division.annualPlan.length).toBeGreaterThan(0);
    expect(division.auditChain.ok).toBe(true);

    expect(await seedDemoData(wa.orm, wa.division, '2026-11-28')).toBe(false);
    const second = await as(wa.url, viewers.supervisor, SUMMARY, { code: 'WA' });
    expect(second.data.division.auditChain.length).toBe(division.auditChain.length);
    // A guard, not a measure: seeding several hundred audited entries can take a minute on a loaded machine.
  }, 180_000);
});

import type { EntityManager } from '@mikro-orm/core';
import { fieldChanges } from '../../../../common/audit/audit-chain';
import { auditedTransaction } from '../../../../common/audit/audit-log';
import { requireRole } from '../../../../common/auth';
import { shanghaiDate } from '../../../../common/dates';
import { domainError } from '../../../../common/errors';
import { problemsError, type CodedProblem } from '../../../../common/problems';
import type { JointContext } from '../context';
import { CreditClassRow } from './credit-class.entity';
import { checkCreditClassRow, type CleanCreditClass, type CreditClassDraft } from './credit-class-validation';
import type { CreditClassImportReport } from './credit-class.types';
import { MarketEntityRow } from './credit.entities';

/** Rows per `importCreditClasses` call, as for the directory imports; the spreadsheet import sends 1000 at a time. */
export const MAX_CREDIT_CLASS_ROWS = 5000;

const IN_CHUNK = 500;

/** Every assessment recorded for the given entities, keyed by USCC. */
async function assessmentsOf(em: EntityManager, usccs: readonly string[]): Promise<Map<string, CreditClassRow[]>> {
  const byUscc = new Map<string, CreditClassRow[]>();
  for (let start = 0; start < usccs.length; start += IN_CHUNK) {
    const rows = await em.find(CreditClassRow, { uscc: { $in: usccs.slice(start, start + IN_CHUNK) } }, { orderBy: { assessedOn: 'desc', id: 'desc' } });
    for (const row of rows) byUscc.set(row.uscc, [...(byUscc.get(row.uscc) ?? []), row]);
  }
  return byUscc;
}

/** The same assessment is already recorded: recording it again would only repeat it. */
function alreadyRecorded(history: readonly CreditClassRow[], clean: CleanCreditClass): boolean {
  return history.some((row) => row.riskClass === clean.riskClass && row.source === clean.source && row.assessedOn === clean.assessedOn);
}

/** Adds the market-entity rows the office does not know yet (name unknown until a directory gives it). */
async function ensureEntities(em: EntityManager, usccs: readonly string[], now: string): Promise<void> {
  const known = new Set<string>();
  for (let start = 0; start < usccs.length; start += IN_CHUNK) {
    const rows = await em.find(MarketEntityRow, { uscc: { $in: usccs.slice(start, start + IN_CHUNK) } }, { fields: ['uscc'] });
    for (const row of rows) known.add(row.uscc);
  }
  for (const uscc of usccs) if (!known.has(uscc)) em.persist(em.create(MarketEntityRow, { uscc, name: null, updatedAt: now }));
}

function newRow(em: EntityManager, context: JointContext, clean: CleanCreditClass, now: string): CreditClassRow {
  return em.create(CreditClassRow, {
    ...clean,
    recordedBy: context.viewer.sub,
    recordedByName: context.viewer.name || context.viewer.sub,
    recordedAt: now,
  });
}

/**
 * 设置信用风险分类 — records one assessment of an entity. It supersedes the
 * class in force when it is at least as recent; the earlier assessments stay.
 * Recording exactly the assessment already on file changes nothing.
 */
export async function setCreditClass(context: JointContext, draft: CreditClassDraft): Promise<string> {
  requireRole(context.viewer, 'coordinator');
  const { value: clean, problems } = checkCreditClassRow(draft, shanghaiDate(context.now()));
  if (!clean) throw problemsError(problems);
  const now = context.now().toISOString();
  return auditedTransaction(context.em, context.viewer, async (em) => {
    const history = (await assessmentsOf(em, [clean.uscc])).get(clean.uscc) ?? [];
    if (alreadyRecorded(history, clean)) return { result: clean.uscc, audit: [] };
    await ensureEntities(em, [clean.uscc], now);
    em.persist(newRow(em, context, clean, now));
    const current = history[0];
    const before = current ? { riskClass: current.riskClass, source: current.source, assessedOn: current.assessedOn } : null;
    const changes = fieldChanges(before, { riskClass: clean.riskClass as string, source: clean.source, assessedOn: clean.assessedOn }, [
      'riskClass',
      'source',
      'assessedOn',
    ]);
    return { result: clean.uscc, audit: [{ action: 'setCreditClass', subject: `entity:${clean.uscc}`, input: draft, changes }] };
  });
}

/**
 * 批量导入信用风险分类 — all rows or none. Every row is checked first; one bad
 * row refuses the call and the report names each bad row by its 1-based number.
 * Importing the same sheet again changes nothing. The whole call is one audit
 * entry — the row count in its subject and the rows' digest — not one per row.
 */
export async function importCreditClasses(context: JointContext, rows: readonly CreditClassDraft[]): Promise<CreditClassImportReport> {
  requireRole(context.viewer, 'coordinator');
  if (rows.length > MAX_CREDIT_CLASS_ROWS) {
    throw domainError(
      'BAD_USER_INPUT',
      `一次最多导入 ${MAX_CREDIT_CLASS_ROWS} 行，本次 ${rows.length} 行，请分批导入 (at most ${MAX_CREDIT_CLASS_ROWS} rows per call)`,
    );
  }
  const today = shanghaiDate(context.now());
  const errors: Array<CodedProblem & { row: number }> = [];
  const cleanRows: CleanCreditClass[] = [];
  const firstRowOf = new Map<string, number>();
  rows.forEach((row, index) => {
    const rowNumber = index + 1;
    const { value, problems } = checkCreditClassRow(row, today);
    for (const problem of problems) errors.push({ row: rowNumber, ...problem });
    if (!value) return;
    const earlier = firstRowOf.get(value.uscc);
    if (earlier !== undefined)
      errors.push({
        row: rowNumber,
        field: 'uscc',
        code: 'DUPLICATE_ROW',
        message: `统一社会信用代码 ${value.uscc} 与第 ${earlier} 行重复 (same USCC as row ${earlier})`,
      });
    else {
      firstRowOf.set(value.uscc, rowNumber);
      cleanRows.push(value);
    }
  });
  if (errors.length > 0) {
    const rejected = new Set(errors.map((error) => error.row)).size;
    return {
      accepted: 0,
      rejected,
      errors: errors.map((error) => ({ ...error, field: error.field ?? null })),
      warnings: [],
      created: 0,
      updated: 0,
      unchanged: 0,
    };
  }
  const now = context.now().toISOString();
  return auditedTransaction(context.em, context.viewer, async (em) => {
    const usccs = cleanRows.map((row) => row.uscc);
    const history = await assessmentsOf(em, usccs);
    let created = 0;
    let updated = 0;
    let unchanged = 0;
    const fresh: string[] = [];
    for (const clean of cleanRows) {
      const earlier = history.get(clean.uscc) ?? [];
      if (alreadyRecorded(earlier, clean)) {
        unchanged += 1;
        continue;
      }
      if (earlier.length === 0) created += 1;
      else updated += 1;
      fresh.push(clean.uscc);
      em.persist(newRow(em, context, clean, now));
    }
    await ensureEntities(em, fresh, now);
    const report: CreditClassImportReport = { accepted: rows.length, rejected: 0, errors: [], warnings: [], created, updated, unchanged };
    return { result: report, audit: created + updated > 0 ? [{ action: 'importCreditClasses', subject: `creditClasses:${rows.length}`, input: rows }] : [] };
  });
}

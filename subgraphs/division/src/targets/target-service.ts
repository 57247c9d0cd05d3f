import { domainError } from '../../../../common/errors';
import type { AuditEvent } from '../../../../common/audit/audit-log';
import { assertDivisionAdmin } from '../access';
import { knownCategories } from '../checklist/checklist-service';
import type { DivisionContext } from '../context';
import { fieldChanges, keyedChanges, type AuditChange } from '../../../../common/audit/audit-chain';
import { changeWithAudit, now, problemsError } from '../mutation-support';
import { ImportReport, ImportRowError } from './import-report';
import { Target, TargetStatus } from './target.entity';
import type { TargetInput } from './target.input';
import { checkTargetRow, type CleanTarget } from './target-validation';

/** Rows per `importTargets` call; larger files are sent in several calls. */
export const MAX_IMPORT_ROWS = 5000;

function sameEntry(target: Target, clean: CleanTarget): boolean {
  return (
    target.name === clean.name &&
    target.kind === clean.kind &&
    target.scope === clean.scope &&
    target.address === clean.address &&
    target.categories.join('|') === clean.categories.join('|') &&
    target.usccVerified === clean.usccVerified &&
    (clean.status === null || target.status === clean.status)
  );
}

function entryValues(division: string, clean: CleanTarget, existing: Target | null) {
  return {
    division,
    uscc: clean.uscc,
    name: clean.name,
    kind: clean.kind,
    scope: clean.scope,
    address: clean.address,
    categories: clean.categories,
    status: clean.status ?? existing?.status ?? TargetStatus.ACTIVE,
    usccVerified: clean.usccVerified,
    updatedAt: now(),
  };
}

function overrideAudit(clean: CleanTarget): AuditEvent[] {
  return clean.usccVerified ? [] : [{ action: 'overrideUsccCheck', subject: `target:${clean.uscc}`, input: { uscc: clean.uscc, name: clean.name } }];
}

/** What an update's audit entry compares. */
const TARGET_AUDITED_FIELDS = ['name', 'kind', 'scope', 'address', 'categories', 'status', 'usccVerified'] as const;

/** 保存检查对象 — creates or updates one directory entry. */
export async function saveTarget(context: DivisionContext, division: string, input: TargetInput): Promise<Target> {
  assertDivisionAdmin(context.viewer, division);
  const { value: clean, problems } = checkTargetRow(input, await knownCategories(context.em));
  if (!clean) throw problemsError(problems);
  return changeWithAudit(context, async (em) => {
    const existing = await em.findOne(Target, { uscc: clean.uscc });
    const values = entryValues(division, clean, existing);
    const changes = existing ? fieldChanges(existing, values, TARGET_AUDITED_FIELDS) : [];
    const target = existing ? em.assign(existing, values) : em.create(Target, values);
    em.persist(target);
    return {
      result: target,
      audit: [{ action: existing ? 'updateTarget' : 'createTarget', subject: `target:${clean.uscc}`, input, changes }, ...overrideAudit(clean)],
    };
  });
}

/**
 * 批量导入 — all rows or none. Every row is checked first; one bad row refuses the
 * whole import and the report names each bad row by its 1-based number. Rows are
 * matched by USCC, so importing the same file again changes nothing.
 */
export async function importTargets(context: DivisionContext, division: string, rows: TargetInput[]): Promise<ImportReport> {
  assertDivisionAdmin(context.viewer, division);
  if (rows.length > MAX_IMPORT_ROWS) {
    throw domainError('BAD_USER_INPUT', `一次最多导入 ${MAX_IMPORT_ROWS} 行，本次 ${rows.length} 行，请分批导入 (at most ${MAX_IMPORT_ROWS} rows per call)`);
  }
  const categories = await knownCategories(context.em);
  const errors: ImportRowError[] = [];
  const badRows = new Set<number>();
  const cleanRows: CleanTarget[] = [];
  const firstRowOf = new Map<string, number>();
  rows.forEach((row, index) => {
    const rowNumber = index + 1;
    const { value, problems } = checkTargetRow(row, categories);
    for (const problem of problems) errors.push({ row: rowNumber, ...problem });
    if (value) {
      const earlier = firstRowOf.get(value.uscc);
      if (earlier !== undefined) {
        errors.push({
          row: rowNumber,
          field: 'uscc',
          code: 'DUPLICATE_ROW',
          message: `统一社会信用代码 ${value.uscc} 与第 ${earlier} 行重复 (same USCC as row ${earlier})`,
        });
      } else {
        firstRowOf.set(value.uscc, rowNumber);
        cleanRows.push(value);
      }
    }
    if (errors.some((error) => error.row === rowNumber)) badRows.add(rowNumber);
  });
  if (errors.length > 0) {
    return { accepted: 0, rejected: badRows.size, errors, warnings: [], created: 0, updated: 0, unchanged: 0 };
  }

  return changeWithAudit(context, async (em) => {
    const existing = new Map<string, Target>();
    for (let start = 0; start < cleanRows.length; start += 500) {
      const chunk = cleanRows.slice(start, start + 500).map((row) => row.uscc);
      for (const target of await em.find(Target, { uscc: { $in: chunk } })) existing.set(target.uscc, target);
    }
    let created = 0;
    let updated = 0;
    let unchanged = 0;
    const audit: AuditEvent[] = [];
    const changes: AuditChange[] = [];
    for (const clean of cleanRows) {
      const current = existing.get(clean.uscc) ?? null;
      if (current && sameEntry(current, clean)) {
        unchanged += 1;
        continue;
      }
      if (current) {
        const values = entryValues(division, clean, current);
        changes.push(...keyedChanges(`target:${clean.uscc}`, fieldChanges(current, values, TARGET_AUDITED_FIELDS)));
        em.assign(current, values);
        updated += 1;
      } else {
        em.persist(em.create(Target, entryValues(division, clean, null)));
        created += 1;
      }
      audit.push(...overrideAudit(clean));
    }
    if (created + updated > 0) {
      audit.unshift({ action: 'importTargets', subject: `targets:${rows.length}`, input: rows, changes });
    }
    return { result: { accepted: rows.length, rejected: 0, errors: [], warnings: [], created, updated, unchanged }, audit };
  });
}

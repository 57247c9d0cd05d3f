import { shanghaiDate, shanghaiTimestamp } from '../../../../common/dates';
import { domainError, forbidden, unauthenticated } from '../../../../common/errors';
import { LABEL_PATTERN } from '../../../../common/string-list.type';
import { textProblem } from '../../../../common/text';
import { describeUsccProblem, usccProblem } from '../../../../common/uscc';
import { hasRole, isAuthenticated } from '../../../../common/viewer';
import { assertDivisionAdmin } from '../access';
import { CODE_PATTERN } from '../checklist/checklist-service';
import type { DivisionContext } from '../context';
import { fieldChanges, keyedChanges, type AuditChange } from '../../../../common/audit/audit-chain';
import { changeWithAudit, now, problemsError } from '../mutation-support';
import { Target } from '../targets/target.entity';
import { ImportReport, ImportRowError } from '../targets/import-report';
import { MAX_IMPORT_ROWS } from '../targets/target-service';
import type { CodedProblem as FieldProblem } from '../../../../common/problems';
import { USCC_SHAPE } from '../targets/target-validation';
import { certificateWarning } from './certificate';
import { ConflictDeclaration } from './conflict-declaration.entity';
import { Inspector } from './inspector.entity';
import type { InspectorInput } from './inspector.input';

export function inspectorProblems(input: InspectorInput): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!CODE_PATTERN.test(input.id)) {
    problems.push({
      field: 'id',
      code: 'BAD_USER_INPUT',
      message: `人员编号 “${input.id}” 无效，应为大写字母、数字和连字符，如 ZA-0007 (id must look like ZA-0007)`,
    });
  }
  const rules = [
    ['name', '姓名', 50],
    ['unit', '单位', 200],
    ['position', '职务', 100],
    ['certificateNo', '执法证号', 50],
  ] as const;
  for (const [field, label, max] of rules) {
    const message = textProblem(input[field] ?? '', { field, label, max });
    if (message) problems.push({ field, code: 'BAD_USER_INPUT', message });
  }
  for (const label of input.expertise) {
    if (!LABEL_PATTERN.test(label.trim()) || label.trim().length > 100) {
      problems.push({
        field: 'expertise',
        code: 'BAD_USER_INPUT',
        message: `业务专长 “${label}” 无效 (expertise labels are 1–100 characters without | % _ \\)`,
      });
    }
  }
  return problems;
}

/** What an update's audit entry compares (name and certificate number are personal: only supervisors read audit entries). */
const INSPECTOR_AUDITED_FIELDS = ['name', 'unit', 'position', 'expertise', 'certificateNo', 'certificateValidUntil', 'active'] as const;

/** 保存执法检查人员 — creates or updates an inspector; leaving the service is `active: false`, never a deletion. */
export async function saveInspector(context: DivisionContext, division: string, input: InspectorInput): Promise<Inspector> {
  assertDivisionAdmin(context.viewer, division);
  const problems = inspectorProblems(input);
  if (problems.length) throw problemsError(problems);
  return changeWithAudit(context, async (em) => {
    const certificateNo = input.certificateNo.trim();
    const holder = await em.findOne(Inspector, { certificateNo });
    if (holder && holder.id !== input.id) {
      throw domainError(
        'BAD_USER_INPUT',
        `执法证号 ${certificateNo} 已登记在 ${holder.id} 名下 (certificate ${certificateNo} already belongs to ${holder.id})`,
        { field: 'certificateNo' },
      );
    }
    const existing = await em.findOne(Inspector, { id: input.id });
    const values = {
      division,
      id: input.id,
      name: input.name.trim(),
      unit: input.unit.trim(),
      position: input.position.trim(),
      expertise: [...new Set(input.expertise.map((label) => label.trim()))].sort(),
      certificateNo,
      certificateValidUntil: input.certificateValidUntil,
      active: input.active ?? existing?.active ?? true,
      updatedAt: now(),
    };
    const changes = existing ? fieldChanges(existing, values, INSPECTOR_AUDITED_FIELDS) : [];
    const inspector = existing ? em.assign(existing, values) : em.create(Inspector, values);
    em.persist(inspector);
    return {
      result: inspector,
      audit: [{ action: existing ? 'updateInspector' : 'createInspector', subject: `inspector:${input.id}`, input, changes }],
    };
  });
}

/** Who may declare or withdraw for an inspector; returns the cleaned USCC. */
async function conflictSubject(context: DivisionContext, division: string, inspectorId: string, usccInput: string, allowSelf: boolean): Promise<string> {
  const { viewer } = context;
  if (!isAuthenticated(viewer)) throw unauthenticated();
  const self = allowSelf && hasRole(viewer, 'inspector') && viewer.division === division && viewer.inspector === inspectorId;
  if (!self) {
    if (!hasRole(viewer, 'division_admin'))
      throw forbidden(
        allowSelf
          ? "只有本部门管理员或检查人员本人可以申报回避 (only the division's administrators or the inspector may declare a conflict)"
          : "只有本部门管理员可以撤回回避申报 (only the division's administrators may withdraw a declaration)",
      );
    assertDivisionAdmin(viewer, division);
  }
  const uscc = usccInput.trim().toUpperCase();
  const problem = usccProblem(uscc);
  // Only a code of 18 letters and digits can name an entry registered despite failing the check (allowInvalidUscc).
  if (problem && !USCC_SHAPE.test(uscc)) throw domainError('INVALID_USCC', describeUsccProblem(uscc, problem), { field: 'uscc' });
  return uscc;
}

async function findInspector(em: DivisionContext['em'], division: string, inspectorId: string): Promise<Inspector> {
  const inspector = CODE_PATTERN.test(inspectorId) ? await em.findOne(Inspector, { id: inspectorId }) : null;
  if (!inspector)
    throw domainError('NOT_FOUND', `没有编号为 ${inspectorId} 的执法检查人员 (no inspector ${inspectorId} in division ${division})`, { field: 'inspector' });
  return inspector;
}

/**
 * 回避申报 — records that an inspector has an interest in an entity. The division's
 * administrators record it, and inspectors may declare their own. Declaring the
 * same again changes nothing; a different reason for a standing declaration is
 * refused, naming the one on record: withdraw it first, so both stay on file.
 */
export async function declareConflict(
  context: DivisionContext,
  division: string,
  inspectorId: string,
  usccInput: string,
  reasonInput: string,
): Promise<Inspector> {
  const uscc = await conflictSubject(context, division, inspectorId, usccInput, true);
  const reasonProblem = textProblem(reasonInput, { field: 'reason', label: '回避理由', max: 500 });
  if (reasonProblem) throw problemsError([{ field: 'reason', code: 'BAD_USER_INPUT', message: reasonProblem }]);
  const reason = reasonInput.trim();
  const standing = await context.em.findOne(ConflictDeclaration, { inspector: inspectorId, uscc, withdrawnAt: null });
  if (standing) {
    if (standing.reason === reason) return findInspector(context.em, division, inspectorId);
    throw domainError(
      'CONFLICT',
      `${inspectorId} 已于 ${shanghaiTimestamp(standing.declaredAt).slice(0, 10)} 对 ${uscc} 申报回避，理由为“${standing.reason}”；如需更改理由，请先撤回该申报（withdrawConflict）再重新申报 ` +
        `(a declaration for this entity already stands with another reason: withdraw it first, then declare again)`,
      { field: 'reason', declaredAt: shanghaiTimestamp(standing.declaredAt) },
    );
  }
  return changeWithAudit(context, async (em) => {
    const inspector = await findInspector(em, division, inspectorId);
    if (usccProblem(uscc) && !(await em.findOne(Target, { uscc }))) {
      throw domainError('INVALID_USCC', describeUsccProblem(uscc, usccProblem(uscc)!), { field: 'uscc' });
    }
    em.persist(em.create(ConflictDeclaration, { inspector: inspectorId, uscc, reason, declaredAt: now() }));
    return { result: inspector, audit: [{ action: 'declareConflict', subject: `inspector:${inspectorId}`, input: { inspector: inspectorId, uscc, reason } }] };
  });
}

/**
 * 撤回回避申报 — the division's administrator withdraws a standing declaration,
 * with a reason; the declaration stays on file as withdrawn, and the withdrawal is
 * audited. From then on the inspector may again be drawn for the entity.
 */
export async function withdrawConflict(
  context: DivisionContext,
  division: string,
  inspectorId: string,
  usccInput: string,
  reasonInput: string,
): Promise<Inspector> {
  const uscc = await conflictSubject(context, division, inspectorId, usccInput, false);
  const reasonProblem = textProblem(reasonInput, { field: 'reason', label: '撤回理由', max: 500 });
  if (reasonProblem) throw problemsError([{ field: 'reason', code: 'BAD_USER_INPUT', message: reasonProblem }]);
  const reason = reasonInput.trim();
  return changeWithAudit(context, async (em) => {
    const inspector = await findInspector(em, division, inspectorId);
    const standing = await em.findOne(ConflictDeclaration, { inspector: inspectorId, uscc, withdrawnAt: null });
    if (!standing)
      throw domainError('NOT_FOUND', `${inspectorId} 没有对 ${uscc} 的有效回避申报 (no standing declaration of ${inspectorId} for ${uscc})`, { field: 'uscc' });
    em.assign(standing, { withdrawnAt: now(), withdrawnBy: context.viewer.sub, withdrawalReason: reason });
    return {
      result: inspector,
      audit: [
        { action: 'withdrawConflict', subject: `inspector:${inspectorId}`, input: { inspector: inspectorId, uscc, reason, declaredAt: standing.declaredAt } },
      ],
    };
  });
}

function sameInspector(current: Inspector, values: Omit<Inspector, 'updatedAt'>): boolean {
  return (
    current.name === values.name &&
    current.unit === values.unit &&
    current.position === values.position &&
    current.expertise.join('|') === values.expertise.join('|') &&
    current.certificateNo === values.certificateNo &&
    current.certificateValidUntil === values.certificateValidUntil &&
    current.active === values.active
  );
}

/**
 * 批量导入执法检查人员 — all rows or none, matched by id, so importing the same
 * file again changes nothing. Certificate numbers must be unique in the file and
 * in the directory.
 */
export async function importInspectors(context: DivisionContext, division: string, rows: InspectorInput[]): Promise<ImportReport> {
  assertDivisionAdmin(context.viewer, division);
  if (rows.length > MAX_IMPORT_ROWS) {
    throw domainError('BAD_USER_INPUT', `一次最多导入 ${MAX_IMPORT_ROWS} 行，本次 ${rows.length} 行，请分批导入 (at most ${MAX_IMPORT_ROWS} rows per call)`);
  }
  const errors: ImportRowError[] = [];
  const seenIds = new Map<string, number>();
  const seenCertificates = new Map<string, number>();
  rows.forEach((row, index) => {
    const rowNumber = index + 1;
    for (const problem of inspectorProblems(row)) errors.push({ row: rowNumber, ...problem });
    const earlierId = seenIds.get(row.id);
    if (earlierId !== undefined)
      errors.push({ row: rowNumber, field: 'id', code: 'DUPLICATE_ROW', message: `人员编号 ${row.id} 与第 ${earlierId} 行重复 (same id as row ${earlierId})` });
    else seenIds.set(row.id, rowNumber);
    const certificate = row.certificateNo.trim();
    const earlierCertificate = seenCertificates.get(certificate);
    if (earlierCertificate !== undefined)
      errors.push({
        row: rowNumber,
        field: 'certificateNo',
        code: 'DUPLICATE_ROW',
        message: `执法证号 ${certificate} 与第 ${earlierCertificate} 行重复 (same certificate as row ${earlierCertificate})`,
      });
    else seenCertificates.set(certificate, rowNumber);
  });
  const holders = new Map<string, string>();
  for (let start = 0; start < rows.length; start += 500) {
    const chunk = rows.slice(start, start + 500).map((row) => row.certificateNo.trim());
    for (const holder of await context.em.find(Inspector, { certificateNo: { $in: chunk } })) holders.set(holder.certificateNo, holder.id);
  }
  rows.forEach((row, index) => {
    const holder = holders.get(row.certificateNo.trim());
    if (holder && holder !== row.id)
      errors.push({
        row: index + 1,
        field: 'certificateNo',
        code: 'DUPLICATE_CERTIFICATE',
        message: `执法证号 ${row.certificateNo} 已登记在 ${holder} 名下 (certificate already belongs to ${holder})`,
      });
  });
  if (errors.length > 0) {
    return {
      accepted: 0,
      rejected: new Set(errors.map((error) => error.row)).size,
      errors: errors.sort((a, b) => a.row - b.row),
      warnings: [],
      created: 0,
      updated: 0,
      unchanged: 0,
    };
  }
  return changeWithAudit(context, async (em) => {
    const existing = new Map<string, Inspector>();
    for (let start = 0; start < rows.length; start += 500) {
      for (const inspector of await em.find(Inspector, { id: { $in: rows.slice(start, start + 500).map((row) => row.id) } }))
        existing.set(inspector.id, inspector);
    }
    let created = 0;
    let updated = 0;
    let unchanged = 0;
    const changes: AuditChange[] = [];
    const now = new Date().toISOString();
    for (const row of rows) {
      const current = existing.get(row.id) ?? null;
      const values = {
        division,
        id: row.id,
        name: row.name.trim(),
        unit: row.unit.trim(),
        position: row.position.trim(),
        expertise: [...new Set(row.expertise.map((label) => label.trim()))].sort(),
        certificateNo: row.certificateNo.trim(),
        certificateValidUntil: row.certificateValidUntil,
        active: row.active ?? current?.active ?? true,
      };
      if (current && sameInspector(current, values)) {
        unchanged += 1;
      } else if (current) {
        changes.push(...keyedChanges(`inspector:${row.id}`, fieldChanges(current, values, INSPECTOR_AUDITED_FIELDS)));
        em.assign(current, { ...values, updatedAt: now });
        updated += 1;
      } else {
        em.persist(em.create(Inspector, { ...values, updatedAt: now }));
        created += 1;
      }
    }
    const audit = created + updated > 0 ? [{ action: 'importInspectors', subject: `inspectors:${rows.length}`, input: rows, changes }] : [];
    const today = shanghaiDate();
    const warnings = rows.flatMap((row, index) => {
      const active = row.active ?? existing.get(row.id)?.active ?? true;
      const warning = active ? certificateWarning(row.certificateValidUntil, today) : null;
      return warning ? [{ row: index + 1, field: 'certificateValidUntil', code: warning.code, message: `${row.id}：${warning.message}` }] : [];
    });
    return { result: { accepted: rows.length, rejected: 0, errors: [], warnings, created, updated, unchanged }, audit };
  });
}

import { fieldChanges } from '../../../../common/audit/audit-chain';
import { auditedTransaction } from '../../../../common/audit/audit-log';
import { isIsoDate, shanghaiDate } from '../../../../common/dates';
import { domainError } from '../../../../common/errors';
import { textProblem } from '../../../../common/text';
import { describeUsccProblem, usccProblem } from '../../../../common/uscc';
import { requireRole } from '../../../../common/auth';
import type { JointContext } from '../context';
import { problemsError } from '../../../../common/problems';
import { ComplaintRow, MarketEntityRow, RiskFlagRow } from '../credit/credit.entities';
import type { RiskFlagKind } from './market-entity.types';

export function cleanUscc(raw: string): string {
  const uscc = raw.trim().toUpperCase();
  const problem = usccProblem(uscc);
  if (problem) throw domainError('INVALID_USCC', describeUsccProblem(uscc, problem), { field: 'uscc' });
  return uscc;
}

async function ensureEntity(em: JointContext['em'], uscc: string, now: string): Promise<void> {
  if (!(await em.findOne(MarketEntityRow, { uscc }))) em.persist(em.create(MarketEntityRow, { uscc, name: null, updatedAt: now }));
}

/** 投诉举报登记 — an open complaint puts the entity in the HIGH stratum and lets it be drawn again this year. */
export async function fileComplaint(context: JointContext, rawUscc: string, summary: string, receivedOn: string): Promise<ComplaintRow> {
  requireRole(context.viewer, 'coordinator');
  const uscc = cleanUscc(rawUscc);
  const summaryProblem = textProblem(summary, { field: 'summary', label: '投诉内容', max: 2000, multiline: true });
  if (summaryProblem) throw problemsError([{ field: 'summary', message: summaryProblem }]);
  const today = shanghaiDate(context.now());
  if (!isIsoDate(receivedOn) || receivedOn > today)
    throw problemsError([{ field: 'receivedOn', message: `收到日期 ${receivedOn} 不能晚于今天 ${today} (receivedOn cannot be in the future)` }]);
  const now = context.now().toISOString();
  return auditedTransaction(context.em, context.viewer, async (em) => {
    await ensureEntity(em, uscc, now);
    const complaint = em.create(ComplaintRow, { uscc, summary: summary.trim(), receivedOn, open: true, closedOn: null, filedBy: context.viewer.sub });
    em.persist(complaint);
    await em.flush();
    return { result: complaint, audit: [{ action: 'fileComplaint', subject: `entity:${uscc}`, input: { uscc, summary, receivedOn } }] };
  });
}

/** 办结投诉 — closes a complaint; it still counts for the 12-month risk window. */
export async function closeComplaint(context: JointContext, rawId: string): Promise<ComplaintRow> {
  requireRole(context.viewer, 'coordinator');
  const notFound = () => domainError('NOT_FOUND', `没有编号为 ${rawId} 的投诉 (no complaint ${rawId})`);
  if (!/^\d{1,15}$/.test(rawId)) throw notFound();
  const id = Number(rawId);
  return auditedTransaction(context.em, context.viewer, async (em) => {
    const complaint = await em.findOne(ComplaintRow, { id });
    if (!complaint) throw notFound();
    complaint.open = false;
    complaint.closedOn = shanghaiDate(context.now());
    return { result: complaint, audit: [{ action: 'closeComplaint', subject: `entity:${complaint.uscc}`, input: { id } }] };
  });
}

/** What a flag change's audit entry compares. */
function flagState(row: RiskFlagRow) {
  return { active: row.active, source: row.source, since: row.since, until: row.until };
}

/** 不良信用记录 — records that an entity entered or left one of the national lists. */
export async function setRiskFlag(context: JointContext, rawUscc: string, flag: RiskFlagKind, active: boolean, source: string): Promise<string> {
  requireRole(context.viewer, 'coordinator');
  const uscc = cleanUscc(rawUscc);
  const sourceProblem = textProblem(source, { field: 'source', label: '来源', max: 300 });
  if (sourceProblem) throw problemsError([{ field: 'source', message: sourceProblem }]);
  const today = shanghaiDate(context.now());
  const now = context.now().toISOString();
  return auditedTransaction(context.em, context.viewer, async (em) => {
    await ensureEntity(em, uscc, now);
    const existing = await em.findOne(RiskFlagRow, { uscc, flag });
    const before = existing && flagState(existing);
    if (existing) {
      if (active && !existing.active) existing.since = today;
      existing.active = active;
      existing.until = active ? null : today;
      existing.source = source.trim();
      existing.updatedAt = now;
    } else {
      em.persist(em.create(RiskFlagRow, { uscc, flag, active, source: source.trim(), since: today, until: active ? null : today, updatedAt: now }));
    }
    const after = existing ? flagState(existing) : { active, source: source.trim(), since: today, until: active ? null : today };
    const changes = fieldChanges(before, after, ['active', 'source', 'since', 'until']);
    return { result: uscc, audit: [{ action: 'setRiskFlag', subject: `entity:${uscc}`, input: { uscc, flag, active, source }, changes }] };
  });
}

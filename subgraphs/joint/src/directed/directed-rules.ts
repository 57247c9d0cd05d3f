import type { EntityManager } from '@mikro-orm/core';
import type { GraphQLError } from 'graphql';
import { domainError } from '../../../../common/errors';
import { knexOf } from '../../../../common/orm';
import type { FieldProblem } from '../../../../common/problems';
import { textProblem } from '../../../../common/text';
import { describeUsccProblem, usccProblem } from '../../../../common/uscc';
import { DIRECTED_BASIS_LABELS, DirectedBasis } from './directed-basis';
import type { DirectedTargetInput } from './directed-target.input';

/** A named entity as stored: its basis checked, its complaint resolved to an id. */
export interface DirectedTargetValues {
  uscc: string;
  basis: DirectedBasis;
  complaint: number | null;
  reference: string | null;
  note: string | null;
}

/** Why one named entity has no valid basis; `basis` is null for an entity named in plain `targets`. */
export interface BasisProblem {
  uscc: string;
  basis: DirectedBasis | null;
  message: string;
}

const REFERENCE_MAX = 200;
const NOTE_MAX = 500;

export const normalizedUscc = (uscc: string) => uscc.trim().toUpperCase();

const blank = (value: string | null | undefined) => value === null || value === undefined || value.trim() === '';

/** The shape of `directedTargets` itself: USCCs, repeats, and the length and characters of the texts. */
export function directedTargetInputProblems(targets: readonly DirectedTargetInput[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  targets.forEach((target, index) => {
    const field = `directedTargets.${index}`;
    const problem = usccProblem(normalizedUscc(target.uscc));
    if (problem) problems.push({ field: `${field}.uscc`, code: 'INVALID_USCC', message: describeUsccProblem(target.uscc, problem) });
    if (!blank(target.reference)) {
      const text = textProblem(target.reference!, { field: `${field}.reference`, label: '依据文号', max: REFERENCE_MAX });
      if (text) problems.push({ field: `${field}.reference`, message: text });
    }
    if (!blank(target.note)) {
      const text = textProblem(target.note!, { field: `${field}.note`, label: '依据说明', max: NOTE_MAX });
      if (text) problems.push({ field: `${field}.note`, message: text });
    }
  });
  const usccs = targets.map((target) => normalizedUscc(target.uscc));
  if (new Set(usccs).size !== usccs.length) problems.push({ field: 'directedTargets', message: '检查对象重复 (a USCC is named twice)' });
  return problems;
}

/** A referral names who referred it and the document: some text for the authority and a number for the 文号. */
function namesAuthorityAndNumber(reference: string): boolean {
  return /\d/.test(reference) && reference.replace(/[\d\s]/g, '').length >= 2;
}

/** Entities named in plain `targets` on a DIRECTED task: none of them has a basis. */
export function plainTargetProblems(targets: readonly string[]): BasisProblem[] {
  return targets.map((uscc) => ({
    uscc: normalizedUscc(uscc),
    basis: null,
    message: `检查对象 ${normalizedUscc(uscc)} 未列明定向检查依据，请在 directedTargets 中写明投诉举报、转办交办或大数据分析线索 (entity ${normalizedUscc(uscc)} is named without a basis: name it in directedTargets with COMPLAINT, REFERRAL or DATA_LEAD)`,
  }));
}

interface ComplaintFact {
  id: number;
  uscc: string;
  open: boolean;
  receivedOn: string;
}

/**
 * Checks the basis of every named entity and resolves each COMPLAINT to its
 * complaint: the one given, which must be open and about that entity, or else
 * the entity's latest open complaint. Reads the complaint register directly
 * (the tasks do not depend on the credit records).
 */
export async function checkedDirectedTargets(
  em: EntityManager,
  targets: readonly DirectedTargetInput[],
): Promise<{ values: DirectedTargetValues[]; problems: BasisProblem[] }> {
  const complaintIds = targets
    .filter((target) => target.basis === DirectedBasis.COMPLAINT && !blank(target.complaint))
    .map((target) => target.complaint!.trim())
    .filter((id) => /^\d{1,9}$/.test(id))
    .map(Number);
  const complaintUsccs = targets.filter((target) => target.basis === DirectedBasis.COMPLAINT).map((target) => normalizedUscc(target.uscc));
  const facts: ComplaintFact[] = complaintUsccs.length
    ? (
        (await knexOf(em)('complaint')
          .select('id', 'uscc', 'open', 'received_on')
          .where((query) => {
            query.whereIn('uscc', complaintUsccs);
            if (complaintIds.length) query.orWhereIn('id', complaintIds);
          })) as Array<{ id: number | string; uscc: string; open: boolean | number; received_on: string }>
      ).map((row) => ({ id: Number(row.id), uscc: row.uscc, open: Boolean(row.open), receivedOn: row.received_on }))
    : [];

  const values: DirectedTargetValues[] = [];
  const problems: BasisProblem[] = [];
  for (const target of targets) {
    const uscc = normalizedUscc(target.uscc);
    const reference = blank(target.reference) ? null : target.reference!.trim();
    const note = blank(target.note) ? null : target.note!.trim();
    const refuse = (message: string) => problems.push({ uscc, basis: target.basis, message });
    let complaint: number | null = null;
    switch (target.basis) {
      case DirectedBasis.COMPLAINT: {
        if (!blank(target.complaint)) {
          const id = target.complaint!.trim();
          const found = facts.find((fact) => String(fact.id) === id);
          if (!found || found.uscc !== uscc) refuse(`检查对象 ${uscc} 没有编号为 ${id} 的投诉举报 (entity ${uscc} has no complaint ${id})`);
          else if (!found.open) refuse(`检查对象 ${uscc} 的投诉举报 ${id} 已办结，不能作为定向检查依据 (complaint ${id} on entity ${uscc} is closed)`);
          else complaint = found.id;
        } else {
          const open = facts
            .filter((fact) => fact.uscc === uscc && fact.open)
            .sort((a, b) => (a.receivedOn < b.receivedOn ? 1 : a.receivedOn > b.receivedOn ? -1 : b.id - a.id));
          if (open.length === 0) refuse(`检查对象 ${uscc} 没有未办结的投诉举报 (entity ${uscc} has no open complaint)`);
          else complaint = open[0]!.id;
        }
        break;
      }
      case DirectedBasis.REFERRAL:
        if (!reference || !namesAuthorityAndNumber(reference)) {
          refuse(
            `检查对象 ${uscc} 的转办交办依据须写明转办机关和文号，如“许昌市市场监督管理局 许市监转〔2026〕12号” (entity ${uscc}: a REFERRAL names the referring authority and its document number in reference)`,
          );
        }
        break;
      case DirectedBasis.DATA_LEAD:
        if (!note) refuse(`检查对象 ${uscc} 的大数据分析线索须在 note 中说明线索内容 (entity ${uscc}: a DATA_LEAD describes the lead in note)`);
        break;
    }
    values.push({ uscc, basis: target.basis, complaint, reference, note });
  }
  return { values, problems };
}

/** MISSING_BASIS naming every entity without a valid basis; `extensions.uscc` is the first. */
export function missingBasisError(problems: readonly BasisProblem[]): GraphQLError {
  return domainError('MISSING_BASIS', problems.map((problem) => problem.message).join('；'), {
    uscc: problems[0]!.uscc,
    entities: problems.map(({ uscc, basis, message }) => ({ uscc, basis, basisLabel: basis ? DIRECTED_BASIS_LABELS[basis] : null, message })),
  });
}

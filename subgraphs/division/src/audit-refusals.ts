import type { RefusalSubjects } from '../../../common/audit/refusal-audit';

/** The subject a refused division mutation is recorded under: the same as its audit entry when it succeeds. */
export const DIVISION_REFUSAL_SUBJECTS: RefusalSubjects = {
  saveCheckItem: ({ input }) => `item:${input.code}`,
  saveTarget: ({ input }) => `target:${input.uscc}`,
  importTargets: ({ rows }) => `targets:${rows.length}`,
  saveInspector: ({ input }) => `inspector:${input.id}`,
  importInspectors: ({ rows }) => `inspectors:${rows.length}`,
  declareConflict: ({ inspector }) => `inspector:${inspector}`,
  withdrawConflict: ({ inspector }) => `inspector:${inspector}`,
  savePlanEntry: ({ input }) => (input.id ? `plan:${input.id}` : 'plan:new'),
};

import type { RefusalSubjects } from '../../../common/audit/refusal-audit';

/** The subject a refused joint mutation is recorded under: the same as its audit entry when it succeeds. */
export const JOINT_REFUSAL_SUBJECTS: RefusalSubjects = {
  createInspectionTask: () => 'task:new',
  updateInspectionTask: ({ id }) => `task:${id}`,
  cancelInspectionTask: ({ id }) => `task:${id}`,
  approveCancellation: ({ id }) => `task:${id}`,
  rejectCancellation: ({ id }) => `task:${id}`,
  commitInspectionTask: ({ id }) => `task:${id}`,
  drawInspectionTask: ({ id }) => `task:${id}`,
  verifyDraw: ({ id }) => `task:${id}`,
  publishInspectionTask: ({ id }) => `task:${id}`,
  fileComplaint: ({ uscc }) => `entity:${uscc}`,
  closeComplaint: ({ id }) => `complaint:${id}`,
  setRiskFlag: ({ uscc }) => `entity:${uscc}`,
  setCreditClass: ({ uscc }) => `entity:${uscc}`,
  importCreditClasses: ({ rows }) => `creditClasses:${rows.length}`,
  loadCalendarYear: ({ input }) => `calendar:${input.year}`,
  recordResult: ({ assignment, item }) => `assignment:${assignment}:${item.division}:${item.code}`,
  amendResult: ({ assignment, item }) => `assignment:${assignment}:${item.division}:${item.code}`,
  reviewResult: ({ assignment, item }) => `assignment:${assignment}:${item.division}:${item.code}`,
};

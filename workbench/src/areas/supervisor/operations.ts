import { operation } from '../../api/client';

export interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

export interface AuditChange {
  field: string;
  before: string | null;
  after: string | null;
}

export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  actorName: string | null;
  role: string;
  division: string | null;
  action: string;
  subject: string;
  refusal: string | null;
  changes: AuditChange[] | null;
}

export interface AuditPage {
  totalCount: number;
  pageInfo: PageInfo;
  edges: { node: AuditEntry }[];
}

export interface AuditFilter {
  action?: string | null;
  actor?: string | null;
  subject?: string | null;
  refused?: boolean | null;
}

export interface AuditChainReport {
  ok: boolean;
  length: number;
  firstBrokenAt: number | null;
  refusals: number;
}

const ENTRY = 'seq at actor actorName role division action subject refusal changes { field before after }';
const PAGE = `totalCount pageInfo { hasNextPage endCursor } edges { node { ${ENTRY} } }`;
const TRAIL_ARGS = '$first: Int, $after: String, $action: String, $actor: String, $subject: String, $refused: Boolean';
const TRAIL_PASS = 'first: $first, after: $after, action: $action, actor: $actor, subject: $subject, refused: $refused';

export type AuditVars = AuditFilter & { first: number; after: string | null };

/** 联席办 — the joint office's own audit log. */
export const JOINT_AUDIT = operation<{ auditTrail: AuditPage }, AuditVars>(`query SupervisorJointAudit(${TRAIL_ARGS}) {
  auditTrail(${TRAIL_PASS}) { ${PAGE} }
}`);

/** One division's audit log. */
export const DIVISION_AUDIT = operation<{ division: { code: string; auditTrail: AuditPage } | null }, AuditVars & { code: string }>(
  `query SupervisorDivisionAudit($code: ID!, ${TRAIL_ARGS}) {
  division(code: $code) { code auditTrail(${TRAIL_PASS}) { ${PAGE} } }
}`,
);

const CHAIN = 'ok length firstBrokenAt refusals';
export const JOINT_CHAIN = operation<{ auditChain: AuditChainReport }>(`query SupervisorJointChain { auditChain { ${CHAIN} } }`);
export const DIVISION_CHAIN = operation<{ division: { code: string; auditChain: AuditChainReport } | null }, { code: string }>(
  `query SupervisorDivisionChain($code: ID!) { division(code: $code) { code auditChain { ${CHAIN} } } }`,
);

export interface DivisionRef {
  code: string;
  name: string;
}

export const DIVISIONS = operation<{ divisions: DivisionRef[] }>(`query SupervisorDivisions { divisions { code name } }`);

export type TaskStatus = 'DRAFT' | 'COMMITTED' | 'DRAWN' | 'CANCELLATION_REQUESTED' | 'PUBLISHED' | 'CANCELLED';

export interface TaskRow {
  id: string;
  name: string;
  year: number;
  kind: 'RANDOM' | 'DIRECTED';
  status: TaskStatus;
  leadDivision: string;
  isJoint: boolean;
  resultsDueBy: string | null;
  divisions: ({ code: string; name: string } | null)[];
  progress: { assignments: number; total: number; recorded: number; remaining: number; complete: boolean } | null;
  cancellation: {
    reason: string;
    requestedAt: string | null;
    requestedBy: { sub: string; name: string | null } | null;
  } | null;
}

export interface TaskPage {
  totalCount: number;
  pageInfo: PageInfo;
  edges: { node: TaskRow }[];
}

const TASK = `id name year kind status leadDivision isJoint resultsDueBy divisions { code name }
  progress { assignments total recorded remaining complete }
  cancellation { reason requestedAt requestedBy { sub name } }`;

export interface TaskVars {
  year?: number | null;
  status?: TaskStatus | null;
  overdue?: boolean | null;
  first: number;
  after: string | null;
}

export const TASKS = operation<
  { inspectionTasks: TaskPage },
  TaskVars
>(`query SupervisorTasks($year: Int, $status: TaskStatus, $overdue: Boolean, $first: Int, $after: String) {
  inspectionTasks(year: $year, status: $status, overdue: $overdue, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { ${TASK} } }
  }
}`);

export const APPROVE_CANCELLATION = operation<{ approveCancellation: { id: string; status: TaskStatus } }, { id: string; note: string }>(
  `mutation SupervisorApproveCancellation($id: ID!, $note: String!) { approveCancellation(id: $id, note: $note) { id status } }`,
);

export const REJECT_CANCELLATION = operation<{ rejectCancellation: { id: string; status: TaskStatus } }, { id: string; note: string }>(
  `mutation SupervisorRejectCancellation($id: ID!, $note: String!) { rejectCancellation(id: $id, note: $note) { id status } }`,
);

export interface InspectionStats {
  year: number;
  division: string | null;
  tasks: number;
  cancelled: number;
  drawn: number;
  published: number;
  overdue: number;
  entitiesInspected: number;
  violationRateBp: number;
  resultsByOutcome: { outcome: string; label: string; count: number }[];
  tasksByStatus: { status: TaskStatus; count: number }[];
}

export interface PublicOutcomeCount {
  division: string;
  divisionName: string;
  outcome: string;
  label: string;
  count: number;
}

export const STATS = operation<{ inspectionStats: InspectionStats; publicOutcomeSummary: PublicOutcomeCount[] }, { year: number; division: string | null }>(
  `query SupervisorStats($year: Int!, $division: ID) {
  inspectionStats(year: $year, division: $division) {
    year division tasks cancelled drawn published overdue entitiesInspected violationRateBp
    resultsByOutcome { outcome label count }
    tasksByStatus { status count }
  }
  publicOutcomeSummary(year: $year) { division divisionName outcome label count }
}`,
);

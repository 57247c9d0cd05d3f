import { operation } from '../../api/client';

export type TaskStatus = 'DRAFT' | 'COMMITTED' | 'DRAWN' | 'CANCELLATION_REQUESTED' | 'CANCELLED' | 'PUBLISHED';
export type TaskKind = 'RANDOM' | 'DIRECTED';

export const STATUS_LABELS: Record<TaskStatus, { label: string; color: string }> = {
  DRAFT: { label: '草拟', color: 'default' },
  COMMITTED: { label: '已确定', color: 'blue' },
  DRAWN: { label: '已抽取', color: 'geekblue' },
  CANCELLATION_REQUESTED: { label: '撤销待审批', color: 'orange' },
  CANCELLED: { label: '已撤销', color: 'red' },
  PUBLISHED: { label: '已公示', color: 'green' },
};

export const KIND_LABELS: Record<TaskKind, string> = { RANDOM: '双随机抽查', DIRECTED: '定向检查' };

export interface TaskRow {
  id: string;
  name: string;
  year: number;
  kind: TaskKind;
  status: TaskStatus;
  isJoint: boolean;
  leadDivision: string;
  periodStart: string;
  periodEnd: string;
  resultsDueBy: string | null;
  divisions: ({ code: string; name: string } | null)[];
  progress: { total: number; recorded: number; reviewed: number; assignments: number; assignmentsComplete: number } | null;
}

const ROW_FIELDS = `id name year kind status isJoint leadDivision periodStart periodEnd resultsDueBy
  divisions { code name } progress { total recorded reviewed assignments assignmentsComplete }`;

export const TASKS = operation<
  { inspectionTasks: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: TaskRow }[] } },
  { year?: number; status?: TaskStatus; search?: string; overdue?: boolean; first: number; after?: string | null }
>(`query WorkbenchTasks($year: Int, $status: TaskStatus, $search: String, $overdue: Boolean, $first: Int, $after: String) {
  inspectionTasks(year: $year, status: $status, search: $search, overdue: $overdue, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { ${ROW_FIELDS} } }
  }
}`);

export interface ChecklistItem {
  code: string;
  name: string;
  subject: string;
  targetCategory: string;
  ratioBp: number;
  method: string;
  content: string;
}

export const CHECKLISTS = operation<{ divisions: { code: string; name: string; checklist: ChecklistItem[] }[] }>(`query WorkbenchChecklists {
  divisions { code name checklist { code name subject targetCategory ratioBp method content } }
}`);

export interface TaskInput {
  name: string;
  year: number;
  kind: TaskKind;
  items: { division: string; code: string }[];
  ratioBp: number;
  highRiskRatioBp: number;
  inspectorsPerDivision: number;
  periodStart: string;
  periodEnd: string;
  beacon?: { source: string; date: string };
}

export const CREATE_TASK = operation<
  { createInspectionTask: { id: string } },
  { input: TaskInput }
>(`mutation WorkbenchCreateTask($input: InspectionTaskInput!) {
  createInspectionTask(input: $input) { id }
}`);

export interface TaskAssignment {
  id: string;
  uscc: string;
  entityName: string;
  stratum: string;
  riskClass: string | null;
  complete: boolean;
  items: ({ code: string; name: string } | null)[];
  inspectors: ({ id: string; name: string; division: string } | null)[];
  leader: { id: string; name: string } | null;
}

export interface TaskDetail extends TaskRow {
  ratioBp: number;
  highRiskRatioBp: number;
  inspectorsPerDivision: number;
  seedCommitment: string | null;
  createdBy: string;
  committedAt: string | null;
  cancelReason: string | null;
  cancellation: { reason: string; requestedBy: { name: string } | null; approvedBy: { name: string } | null; note: string | null } | null;
  beacon: { source: string; date: string } | null;
  warnings: { code: string; message: string }[];
  items: ({ code: string; name: string; ratioBp: number; division: string } | null)[];
  pool: { digest: string; inspectorCount: number; countsByClass: { riskClass: string; count: number }[] } | null;
  draw: { drawnAt: string; algorithm: string; beacon: string; seed: string; poolSize: number; selectedCount: number; highRiskSelectedCount: number } | null;
  assignments: { totalCount: number; edges: { node: TaskAssignment }[] } | null;
}

export const TASK = operation<{ inspectionTask: TaskDetail | null }, { id: string }>(`query WorkbenchTask($id: ID!) {
  inspectionTask(id: $id) {
    ${ROW_FIELDS}
    ratioBp highRiskRatioBp inspectorsPerDivision seedCommitment createdBy committedAt cancelReason
    cancellation { reason requestedBy { name } approvedBy { name } note }
    beacon { source date }
    warnings { code message }
    items { code name ratioBp division }
    pool { digest inspectorCount countsByClass { riskClass count } }
    draw { drawnAt algorithm beacon seed poolSize selectedCount highRiskSelectedCount }
    assignments(first: 200) {
      totalCount
      edges { node { id uscc entityName stratum riskClass complete items { code name } inspectors { id name division } leader { id name } } }
    }
  }
}`);

export const COMMIT_TASK = operation<{ commitInspectionTask: { id: string; status: TaskStatus } }, { id: string }>(`mutation WorkbenchCommit($id: ID!) {
  commitInspectionTask(id: $id) { id status }
}`);

export const DRAW_TASK = operation<
  { drawInspectionTask: { id: string; status: TaskStatus } },
  { id: string; beacon: string }
>(`mutation WorkbenchDraw($id: ID!, $beacon: String!) {
  drawInspectionTask(id: $id, beacon: $beacon) { id status }
}`);

export const PUBLISH_TASK = operation<{ publishInspectionTask: { id: string; title: string } }, { id: string }>(`mutation WorkbenchPublish($id: ID!) {
  publishInspectionTask(id: $id) { id title }
}`);

export const CANCEL_TASK = operation<
  { cancelInspectionTask: { id: string; status: TaskStatus } },
  { id: string; reason: string }
>(`mutation WorkbenchCancel($id: ID!, $reason: String!) {
  cancelInspectionTask(id: $id, reason: $reason) { id status }
}`);

import type { GraphQLError } from 'graphql';
import { domainError, forbidden, type ErrorCode } from '../../../../common/errors';
import { requireRole } from '../../../../common/auth';
import { hasRole, type Role, type Viewer } from '../../../../common/viewer';
import { statusLabel, TaskStatus } from './task-enums';

/**
 * The task lifecycle, in one table: for every status and every action, the next
 * status and who may take it, or the refusal. Every service asks this table, so a
 * new status (say, a cancellation awaiting a supervisor's approval, or results
 * under legal review) is one more row, and the compiler insists that the row
 * answers every action, and that every row answers a new action.
 *
 * Two rows are not stored statuses but a status read with one more fact about the
 * task (see `LIFECYCLE_CONDITIONS`): a committed task before its declared beacon's
 * date, whose outcome nobody can know yet, and a cancellation requested before any
 * draw. Their task's `status` is the stored one; the row decides what may happen.
 */

/** The actions that depend on a task's status, named as the mutations that take them. */
export const TASK_ACTIONS = [
  'updateInspectionTask',
  'commitInspectionTask',
  'drawInspectionTask',
  'recordResult',
  'reviewResult',
  'publishInspectionTask',
  'amendResult',
  'cancelInspectionTask',
  'approveCancellation',
  'rejectCancellation',
] as const;
export type TaskAction = (typeof TASK_ACTIONS)[number];

/**
 * The refusals, one meaning each: a `TASK_NOT_…` code names the step the task has
 * not reached yet, an `ALREADY_…` or `TASK_CANCELLED` code the step that has closed
 * the action. A changed definition is the exception: only a draft can change, so
 * any other status answers TASK_NOT_DRAFT.
 */
export const TASK_REFUSALS = {
  TASK_NOT_DRAFT: '只有草拟中的任务可以修改或确定 (only a DRAFT can change or be committed)',
  TASK_NOT_COMMITTED: '任务尚未确定，不能抽取 (the task is not committed yet, so it cannot be drawn)',
  TASK_NOT_DRAWN: '任务尚未抽取，不能录入或公示结果 (the task is not drawn yet, so it has no results to record or publish)',
  TASK_NOT_PUBLISHED: '结果尚未公示，公示前直接修改结果 (the results are not published yet: correct them with recordResult)',
  ALREADY_DRAWN: '任务已用另一个公开随机数抽取 (the task was drawn already, with another beacon)',
  BEACON_NOT_DUE: '声明的公开随机数尚未公布，不能抽取 (the declared beacon is not public yet, so the task cannot be drawn)',
  ALREADY_PUBLISHED: '结果已公示，任务不能再抽取、录入或撤销 (the results are published: the task cannot be drawn, given results or cancelled)',
  TASK_CANCELLED: '任务已撤销 (the task is cancelled: nothing more happens to it)',
  CANCELLATION_REQUESTED: '已申请撤销，待督查审批，期间不能录入或公示结果 (a cancellation awaits a supervisor: no results are recorded or published meanwhile)',
  NO_CANCELLATION_REQUESTED: '任务没有待审批的撤销申请 (the task has no cancellation awaiting approval)',
  RESULTS_NOT_REVIEWED: '还有检查结果未经法制审核通过，不能公示 (some results are not approved by a reviewer yet, so the task cannot be published)',
} as const satisfies Partial<Record<ErrorCode, string>>;
export type TaskRefusal = keyof typeof TASK_REFUSALS;

/**
 * One cell of the table. `move`: the action is allowed, for these roles, and leaves
 * the task in `to` (the same status for an action that changes only its data).
 * `repeat`: the call that brought the task here, made again, gets the stored answer;
 * any other call is refused with `otherwise` when given. `refuse`: refused with `code`.
 */
export type LifecycleCell =
  | { kind: 'move'; to: TaskStatus; roles: readonly Role[] }
  | { kind: 'repeat'; roles: readonly Role[]; otherwise?: TaskRefusal }
  | { kind: 'refuse'; code: TaskRefusal };

const COORDINATOR: readonly Role[] = ['coordinator'];
const SUPERVISOR: readonly Role[] = ['supervisor'];
const REVIEWER: readonly Role[] = ['reviewer'];
const move = (to: TaskStatus, roles = COORDINATOR): LifecycleCell => ({ kind: 'move', to, roles });
const refuse = (code: TaskRefusal): LifecycleCell => ({ kind: 'refuse', code });
const { DRAFT, COMMITTED, DRAWN, CANCELLATION_REQUESTED, PUBLISHED, CANCELLED } = TaskStatus;
const noRequest = refuse('NO_CANCELLATION_REQUESTED');

/** The rows that are a stored status read with one more fact, each with its status and the fact. */
export const LIFECYCLE_CONDITIONS = {
  COMMITTED_BEFORE_BEACON: { status: COMMITTED, condition: "committed, and today is before the declared beacon's date" },
  CANCELLATION_REQUESTED_UNDRAWN: { status: CANCELLATION_REQUESTED, condition: 'a cancellation requested before any draw' },
} as const satisfies Record<string, { status: TaskStatus; condition: string }>;
export type LifecycleRow = TaskStatus | keyof typeof LIFECYCLE_CONDITIONS;
const COMMITTED_BEFORE_BEACON = 'COMMITTED_BEFORE_BEACON';
const CANCELLATION_REQUESTED_UNDRAWN = 'CANCELLATION_REQUESTED_UNDRAWN';

/** The stored status of a row's tasks. */
export function rowStatus(row: LifecycleRow): TaskStatus {
  return row in LIFECYCLE_CONDITIONS ? LIFECYCLE_CONDITIONS[row as keyof typeof LIFECYCLE_CONDITIONS].status : (row as TaskStatus);
}

export const LIFECYCLE: Record<LifecycleRow, Record<TaskAction, LifecycleCell>> = {
  [DRAFT]: {
    updateInspectionTask: move(DRAFT),
    commitInspectionTask: move(COMMITTED),
    drawInspectionTask: refuse('TASK_NOT_COMMITTED'),
    recordResult: refuse('TASK_NOT_DRAWN'),
    reviewResult: refuse('TASK_NOT_DRAWN'),
    publishInspectionTask: refuse('TASK_NOT_DRAWN'),
    amendResult: refuse('TASK_NOT_PUBLISHED'),
    cancelInspectionTask: move(CANCELLED),
    approveCancellation: noRequest,
    rejectCancellation: noRequest,
  },
  // Before the beacon's date nobody can know the outcome: one coordinator may still cancel alone.
  [COMMITTED_BEFORE_BEACON]: {
    updateInspectionTask: refuse('TASK_NOT_DRAFT'),
    commitInspectionTask: refuse('TASK_NOT_DRAFT'),
    drawInspectionTask: refuse('BEACON_NOT_DUE'),
    recordResult: refuse('TASK_NOT_DRAWN'),
    reviewResult: refuse('TASK_NOT_DRAWN'),
    publishInspectionTask: refuse('TASK_NOT_DRAWN'),
    amendResult: refuse('TASK_NOT_PUBLISHED'),
    cancelInspectionTask: move(CANCELLED),
    approveCancellation: noRequest,
    rejectCancellation: noRequest,
  },
  // From the beacon's date on the outcome is settled (anyone holding the secret could compute it), so
  // cancelling is asked and approved as after the draw; a task committed without a beacon (SSJ-DRAW-1) alike.
  [COMMITTED]: {
    updateInspectionTask: refuse('TASK_NOT_DRAFT'),
    commitInspectionTask: refuse('TASK_NOT_DRAFT'),
    drawInspectionTask: move(DRAWN),
    recordResult: refuse('TASK_NOT_DRAWN'),
    reviewResult: refuse('TASK_NOT_DRAWN'),
    publishInspectionTask: refuse('TASK_NOT_DRAWN'),
    amendResult: refuse('TASK_NOT_PUBLISHED'),
    cancelInspectionTask: move(CANCELLATION_REQUESTED),
    approveCancellation: noRequest,
    rejectCancellation: noRequest,
  },
  [DRAWN]: {
    updateInspectionTask: refuse('TASK_NOT_DRAFT'),
    commitInspectionTask: refuse('TASK_NOT_DRAFT'),
    drawInspectionTask: { kind: 'repeat', roles: COORDINATOR, otherwise: 'ALREADY_DRAWN' },
    recordResult: move(DRAWN, ['inspector']),
    // 法制审核: a reviewer of the item's division approves or returns each result before publication.
    reviewResult: move(DRAWN, REVIEWER),
    publishInspectionTask: move(PUBLISHED),
    amendResult: refuse('TASK_NOT_PUBLISHED'),
    // After the draw, one person cannot undo it: the coordinator only asks.
    cancelInspectionTask: move(CANCELLATION_REQUESTED),
    approveCancellation: noRequest,
    rejectCancellation: noRequest,
  },
  [CANCELLATION_REQUESTED]: {
    updateInspectionTask: refuse('TASK_NOT_DRAFT'),
    commitInspectionTask: refuse('TASK_NOT_DRAFT'),
    drawInspectionTask: refuse('ALREADY_DRAWN'),
    recordResult: refuse('CANCELLATION_REQUESTED'),
    reviewResult: refuse('CANCELLATION_REQUESTED'),
    publishInspectionTask: refuse('CANCELLATION_REQUESTED'),
    amendResult: refuse('TASK_NOT_PUBLISHED'),
    cancelInspectionTask: refuse('CANCELLATION_REQUESTED'),
    approveCancellation: move(CANCELLED, SUPERVISOR),
    rejectCancellation: move(DRAWN, SUPERVISOR),
  },
  // Requested before any draw: a rejection gives the task back committed, and it is not drawn meanwhile.
  [CANCELLATION_REQUESTED_UNDRAWN]: {
    updateInspectionTask: refuse('TASK_NOT_DRAFT'),
    commitInspectionTask: refuse('TASK_NOT_DRAFT'),
    drawInspectionTask: refuse('CANCELLATION_REQUESTED'),
    recordResult: refuse('CANCELLATION_REQUESTED'),
    reviewResult: refuse('CANCELLATION_REQUESTED'),
    publishInspectionTask: refuse('CANCELLATION_REQUESTED'),
    amendResult: refuse('TASK_NOT_PUBLISHED'),
    cancelInspectionTask: refuse('CANCELLATION_REQUESTED'),
    approveCancellation: move(CANCELLED, SUPERVISOR),
    rejectCancellation: move(COMMITTED, SUPERVISOR),
  },
  [PUBLISHED]: {
    updateInspectionTask: refuse('TASK_NOT_DRAFT'),
    commitInspectionTask: refuse('TASK_NOT_DRAFT'),
    drawInspectionTask: refuse('ALREADY_PUBLISHED'),
    recordResult: refuse('ALREADY_PUBLISHED'),
    // A correction of a published result becomes public only once a reviewer approves it.
    reviewResult: move(PUBLISHED, REVIEWER),
    publishInspectionTask: { kind: 'repeat', roles: COORDINATOR },
    amendResult: move(PUBLISHED, ['coordinator', 'inspector']),
    cancelInspectionTask: refuse('ALREADY_PUBLISHED'),
    approveCancellation: refuse('ALREADY_PUBLISHED'),
    rejectCancellation: refuse('ALREADY_PUBLISHED'),
  },
  [CANCELLED]: {
    updateInspectionTask: refuse('TASK_NOT_DRAFT'),
    commitInspectionTask: refuse('TASK_NOT_DRAFT'),
    drawInspectionTask: refuse('TASK_CANCELLED'),
    recordResult: refuse('TASK_CANCELLED'),
    reviewResult: refuse('TASK_CANCELLED'),
    publishInspectionTask: refuse('TASK_CANCELLED'),
    amendResult: refuse('TASK_CANCELLED'),
    cancelInspectionTask: refuse('TASK_CANCELLED'),
    approveCancellation: refuse('TASK_CANCELLED'),
    rejectCancellation: refuse('TASK_CANCELLED'),
  },
};

/** Each action in the words of a refusal: the Chinese verb, and the English past participle. */
const ACTION_WORDS: Record<TaskAction, { zh: string; en: string }> = {
  updateInspectionTask: { zh: '修改', en: 'changed' },
  commitInspectionTask: { zh: '确定', en: 'committed' },
  drawInspectionTask: { zh: '抽取', en: 'drawn' },
  recordResult: { zh: '录入检查结果', en: 'given results' },
  reviewResult: { zh: '审核检查结果', en: 'given a review of its results' },
  publishInspectionTask: { zh: '公示', en: 'published' },
  amendResult: { zh: '更正结果', en: 'amended' },
  cancelInspectionTask: { zh: '撤销', en: 'cancelled' },
  approveCancellation: { zh: '批准撤销', en: 'approved for cancellation' },
  rejectCancellation: { zh: '驳回撤销申请', en: 'returned from a cancellation request' },
};

export function cell(row: LifecycleRow, action: TaskAction): LifecycleCell {
  return LIFECYCLE[row][action];
}

/** The roles that may take the action in some status. */
export function actionRoles(action: TaskAction): Role[] {
  const roles = new Set<Role>();
  for (const row of Object.values(LIFECYCLE)) {
    const entry = row[action];
    if (entry.kind !== 'refuse') for (const role of entry.roles) roles.add(role);
  }
  return [...roles];
}

/** The statuses the action moves a task out of (into `to`, when given): the `from` of its conditional update. */
export function movesFrom(action: TaskAction, to?: TaskStatus): TaskStatus[] {
  const rows = (Object.keys(LIFECYCLE) as LifecycleRow[]).filter((row) => {
    const entry = LIFECYCLE[row][action];
    return entry.kind === 'move' && (to === undefined || entry.to === to);
  });
  return [...new Set(rows.map(rowStatus))];
}

/** Checked before the task is read, so a caller without any of the action's roles learns nothing about it. */
export function requireActionRole(viewer: Viewer, action: TaskAction): void {
  requireRole(viewer, ...actionRoles(action));
}

interface TaskState {
  id: string;
  status: TaskStatus;
  /** The declared beacon (SSJ-DRAW-2); absent or null for a task without one. */
  beaconDate?: string | null;
  beaconSource?: string | null;
}

/**
 * What the caller knows of the task besides its stored fields, to find its row: today's date
 * (Asia/Shanghai) against the beacon's, and whether it has been drawn. Without `today` a committed
 * task is read as settled, the stricter row; a service that decides between the two rows a fact
 * picks (cancelling, drawing, deciding a cancellation) passes the fact.
 */
export interface LifecycleFacts {
  today?: string;
  drawn?: boolean;
}

/** The task's row of the table. */
export function lifecycleRow(task: TaskState, facts: LifecycleFacts = {}): LifecycleRow {
  if (task.status === COMMITTED && task.beaconDate && facts.today !== undefined && facts.today < task.beaconDate) return COMMITTED_BEFORE_BEACON;
  if (task.status === CANCELLATION_REQUESTED && facts.drawn === false) return CANCELLATION_REQUESTED_UNDRAWN;
  return task.status;
}

/** The refusal of an action in the task's status, in the words of a coordinator. */
export function refusal(task: TaskState, action: TaskAction, code: TaskRefusal): GraphQLError {
  const { id, status } = task;
  const label = statusLabel(status);
  const words = ACTION_WORDS[action];
  const extensions = { task: id, status, action };
  switch (code) {
    case 'TASK_NOT_DRAFT':
      return domainError(code, `任务 ${id} ${label}，定义不能再修改，只有草拟中的任务可以修改 (task ${id} is ${status}; only a DRAFT can change)`, extensions);
    case 'TASK_NOT_COMMITTED':
      return domainError(code, `任务 ${id} 尚未确定，须先确定抽查事项再抽取 (commit task ${id} before drawing: items are fixed first)`, extensions);
    case 'TASK_NOT_DRAWN':
      return domainError(
        code,
        `任务 ${id} ${label}，只有已抽取的任务可以${words.zh} (task ${id} is ${status}; only a drawn task can be ${words.en})`,
        extensions,
      );
    case 'TASK_NOT_PUBLISHED':
      return domainError(
        code,
        `任务 ${id} 的结果尚未公示，公示前请直接修改 (the results of task ${id} are not published yet: correct them with recordResult)`,
        extensions,
      );
    case 'CANCELLATION_REQUESTED':
      return domainError(
        code,
        `任务 ${id} 已申请撤销，待督查审批，现在不能${words.zh} (a cancellation of task ${id} awaits a supervisor's decision: it cannot be ${words.en} meanwhile)`,
        extensions,
      );
    case 'NO_CANCELLATION_REQUESTED':
      return domainError(code, `任务 ${id} ${label}，没有待审批的撤销申请 (task ${id} is ${status} and has no cancellation awaiting approval)`, extensions);
    case 'RESULTS_NOT_REVIEWED':
      return domainError(code, `任务 ${id} 还有检查结果未经法制审核通过，不能${words.zh} (task ${id} has results not approved by a reviewer yet)`, extensions);
    case 'ALREADY_DRAWN':
      return domainError(code, `任务 ${id} 已抽取，不能重新抽取 (task ${id} was drawn already)`, extensions);
    case 'BEACON_NOT_DUE':
      return domainError(
        code,
        `任务 ${id} 声明的公开随机数（${task.beaconSource ?? ''}）于 ${task.beaconDate ?? ''} 公布，不能在此之前抽取 (the declared beacon becomes public on ${task.beaconDate ?? ''}: task ${id} cannot be drawn before)`,
        { ...extensions, beaconDate: task.beaconDate },
      );
    case 'ALREADY_PUBLISHED':
    case 'TASK_CANCELLED': {
      const hint = action === 'recordResult' && status === PUBLISHED ? { zh: '；如需更正请提交更正', en: ': correct it with amendResult' } : { zh: '', en: '' };
      return domainError(code, `任务 ${id} ${label}，不能${words.zh}${hint.zh} (task ${id} is ${status} and cannot be ${words.en}${hint.en})`, extensions);
    }
  }
}

/**
 * What the table says of the action on this task: a move or a repeat (for the
 * caller to carry out), or the refusal thrown. A caller whose roles the cell does
 * not list is refused as FORBIDDEN.
 */
export function permitted(viewer: Viewer, task: TaskState, action: TaskAction, facts?: LifecycleFacts): Exclude<LifecycleCell, { kind: 'refuse' }> {
  const entry = cell(lifecycleRow(task, facts), action);
  if (entry.kind === 'refuse') throw refusal(task, action, entry.code);
  if (!hasRole(viewer, ...entry.roles)) throw forbidden();
  return entry;
}

/** As `permitted`, for an action that has no stored answer to repeat. */
export function permittedMove(viewer: Viewer, task: TaskState, action: TaskAction, facts?: LifecycleFacts): Extract<LifecycleCell, { kind: 'move' }> {
  const entry = permitted(viewer, task, action, facts);
  if (entry.kind !== 'move') throw new Error(`${action} in ${task.status} is a repeat, which its service does not answer`);
  return entry;
}

/**
 * The answer when a conditional update found the task no longer in the status it
 * was read in: the refusal of its status now, or CONFLICT when another call moved
 * it to a status where the action is still allowed (the caller may try again).
 */
export function refusalNow(viewer: Viewer, current: TaskState, action: TaskAction, facts?: LifecycleFacts): GraphQLError {
  try {
    permitted(viewer, current, action, facts);
  } catch (error) {
    return error as GraphQLError;
  }
  return domainError('CONFLICT', `任务 ${current.id} 的状态刚刚改变，请重试 (task ${current.id} changed meanwhile: try again)`, { task: current.id });
}

/** The table as a Markdown table, for docs/task-lifecycle.md (a test keeps the file current). */
export function lifecycleMarkdown(): string {
  const describe = (entry: LifecycleCell) => {
    if (entry.kind === 'move') return `→ ${entry.to} (${entry.roles.join(', ')})`;
    if (entry.kind === 'repeat') return `repeat: stored answer (${entry.roles.join(', ')})${entry.otherwise ? `; otherwise \`${entry.otherwise}\`` : ''}`;
    return `\`${entry.code}\``;
  };
  const lines = [
    `| status \\ action | ${TASK_ACTIONS.map((action) => `\`${action}\``).join(' | ')} |`,
    `|---|${TASK_ACTIONS.map(() => '---').join('|')}|`,
    ...(Object.keys(LIFECYCLE) as LifecycleRow[]).map(
      (row) => `| \`${row}\` | ${TASK_ACTIONS.map((action) => describe(LIFECYCLE[row][action])).join(' | ')} |`,
    ),
    '',
    '| row | status | when |',
    '|---|---|---|',
    ...Object.entries(LIFECYCLE_CONDITIONS).map(([row, { status, condition }]) => `| \`${row}\` | \`${status}\` | ${condition} |`),
    '',
    '| refusal | meaning |',
    '|---|---|',
    ...Object.entries(TASK_REFUSALS).map(([code, meaning]) => `| \`${code}\` | ${meaning} |`),
  ];
  return `${lines.join('\n')}\n`;
}

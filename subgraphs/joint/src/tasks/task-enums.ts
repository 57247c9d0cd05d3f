import { registerEnumType } from 'type-graphql';

export enum TaskKind {
  RANDOM = 'RANDOM',
  DIRECTED = 'DIRECTED',
}
registerEnumType(TaskKind, {
  name: 'TaskKind',
  valuesConfig: {
    RANDOM: { description: '双随机抽查 — targets and inspectors drawn at random' },
    DIRECTED: { description: '定向抽查 — complaint-driven: targets named, inspectors still drawn' },
  },
});

/**
 * DRAFT → COMMITTED → DRAWN → PUBLISHED, or CANCELLED before publication (from the declared beacon's
 * date on, and after the draw, through CANCELLATION_REQUESTED, approved by a supervisor).
 */
export enum TaskStatus {
  DRAFT = 'DRAFT',
  COMMITTED = 'COMMITTED',
  DRAWN = 'DRAWN',
  CANCELLATION_REQUESTED = 'CANCELLATION_REQUESTED',
  PUBLISHED = 'PUBLISHED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(TaskStatus, {
  name: 'TaskStatus',
  valuesConfig: {
    DRAFT: { description: '草拟 — the definition may still change' },
    COMMITTED: { description: '已确定 — items fixed, seed commitment published' },
    DRAWN: { description: '已抽取 — targets and inspectors drawn' },
    CANCELLATION_REQUESTED: {
      description: "撤销待审批 — the coordinator asked to cancel (after the draw, or from the beacon's date on), a supervisor approves or rejects",
    },
    PUBLISHED: { description: '已公示 — results published' },
    CANCELLED: { description: '已撤销' },
  },
});

/** 任务状态 as messages name it: the real state, in Chinese, for the Chinese clause of an error. */
const STATUS_LABELS: Record<TaskStatus, string> = {
  DRAFT: '草拟中',
  COMMITTED: '已确定',
  DRAWN: '已抽取',
  CANCELLATION_REQUESTED: '已申请撤销，待审批',
  PUBLISHED: '已公示',
  CANCELLED: '已撤销',
};

export function statusLabel(status: TaskStatus): string {
  return STATUS_LABELS[status] ?? status;
}

export enum Stratum {
  HIGH = 'HIGH',
  NORMAL = 'NORMAL',
}
registerEnumType(Stratum, {
  name: 'Stratum',
  valuesConfig: { HIGH: { description: '高风险 — sampled at highRiskRatioBp' }, NORMAL: { description: '一般风险' } },
});

import type { TaskStatus } from './operations';

/** 操作 — the audited actions, named as the mutations that take them, in the words of the bureau. */
export const ACTION_LABELS: Record<string, string> = {
  createInspectionTask: '创建任务',
  updateInspectionTask: '修改任务',
  commitInspectionTask: '确定任务',
  drawInspectionTask: '随机抽取',
  verifyDraw: '核验抽取',
  cancelInspectionTask: '撤销任务',
  requestCancellation: '申请撤销',
  approveCancellation: '批准撤销',
  rejectCancellation: '驳回撤销',
  recordResult: '录入结果',
  correctResult: '更正结果',
  approveResult: '审核通过',
  returnResult: '审核退回',
  attachEvidence: '上传证据',
  publishInspectionTask: '公示结果',
  amendResult: '公示后更正',
  setCreditClass: '设置信用分类',
  importCreditClasses: '导入信用分类',
  setRiskFlag: '设置风险标记',
  fileComplaint: '登记投诉举报',
  closeComplaint: '办结投诉举报',
  loadCalendarYear: '载入工作日历',
  importTargets: '导入检查对象',
  importInspectors: '导入检查人员',
  saveCheckItem: '保存检查事项',
  saveInspector: '保存检查人员',
  savePlanEntry: '保存抽查计划',
  declareConflict: '申报回避',
  withdrawConflict: '撤回回避',
  overrideUsccCheck: '忽略信用代码校验',
};

export function actionLabel(action: string): string {
  return ACTION_LABELS[action] ?? action;
}

export const ROLE_LABELS: Record<string, string> = {
  coordinator: '联席办协调员',
  division_admin: '部门管理员',
  inspector: '执法检查人员',
  reviewer: '法制审核',
  supervisor: '督查',
  analyst: '统计分析',
  service: '系统服务',
};

export function roleLabel(role: string): string {
  return role
    .split(',')
    .map((one) => ROLE_LABELS[one.trim()] ?? one.trim())
    .join('、');
}

export const STATUS_LABELS: Record<TaskStatus, string> = {
  DRAFT: '草拟',
  COMMITTED: '已确定',
  DRAWN: '已抽取',
  CANCELLATION_REQUESTED: '撤销待审批',
  PUBLISHED: '已公示',
  CANCELLED: '已撤销',
};

export const STATUS_COLORS: Record<TaskStatus, string> = {
  DRAFT: 'default',
  COMMITTED: 'blue',
  DRAWN: 'geekblue',
  CANCELLATION_REQUESTED: 'orange',
  PUBLISHED: 'green',
  CANCELLED: 'red',
};

/** `2026-12-02T10:08:00.123+08:00` → `2026-12-02 10:08:00`: the API writes Asia/Shanghai time already. */
export function shortTime(at: string | null | undefined): string {
  if (!at) return '—';
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})/.exec(at);
  return match ? `${match[1]} ${match[2]}` : at;
}

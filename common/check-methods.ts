/** 检查方式 — the official check methods an item or a result may name. */
export const CHECK_METHODS = ['实地检查', '书面检查', '网络监测', '检验检测', '行政部门检查结果或专业意见', '委托专业机构辅助', '委托第三方'] as const;

export function isCheckMethod(value: string): boolean {
  return (CHECK_METHODS as readonly string[]).includes(value);
}

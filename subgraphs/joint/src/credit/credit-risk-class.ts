import { registerEnumType } from 'type-graphql';

/**
 * 企业信用风险分类 — the market regulator's four credit-risk classes
 * (企业信用风险分类管理); joint random inspections sample each class at its own ratio.
 */
export enum CreditRiskClass {
  A = 'A',
  B = 'B',
  C = 'C',
  D = 'D',
}

export const CREDIT_RISK_CLASS_LABELS: Record<CreditRiskClass, string> = {
  A: '低风险',
  B: '一般风险',
  C: '较高风险',
  D: '高风险',
};

registerEnumType(CreditRiskClass, {
  name: 'CreditRiskClass',
  description: '企业信用风险分类 (credit-risk class of the market regulator)',
  valuesConfig: {
    A: { description: 'A 低风险 (low risk)' },
    B: { description: 'B 一般风险 (general risk)' },
    C: { description: 'C 较高风险 (higher risk)' },
    D: { description: 'D 高风险 (high risk)' },
  },
});

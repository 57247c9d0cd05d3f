import { registerEnumType } from 'type-graphql';

/** 企业信用风险分类 — the market regulator's credit-risk classes (docs/draw-algorithm.md §2). */
export enum CreditRiskClass {
  A = 'A',
  B = 'B',
  C = 'C',
  D = 'D',
}
registerEnumType(CreditRiskClass, {
  name: 'CreditRiskClass',
  description: '企业信用风险分类',
  valuesConfig: {
    A: { description: '信用风险低' },
    B: { description: '信用风险一般' },
    C: { description: '信用风险较高' },
    D: { description: '信用风险高' },
  },
});

import { registerEnumType } from 'type-graphql';

/** 定向检查依据 — why a DIRECTED task names an entity instead of drawing it. */
export enum DirectedBasis {
  COMPLAINT = 'COMPLAINT',
  REFERRAL = 'REFERRAL',
  DATA_LEAD = 'DATA_LEAD',
}
registerEnumType(DirectedBasis, {
  name: 'DirectedBasis',
  description: '定向检查依据 — the basis on which a DIRECTED task names an entity',
  valuesConfig: {
    COMPLAINT: { description: '投诉举报 — an open complaint on the entity (`complaint`)' },
    REFERRAL: { description: '转办交办 — referred by another authority: `reference` names it and its document number' },
    DATA_LEAD: { description: '大数据分析线索 — a data-analysis lead: `note` describes it' },
  },
});

export const DIRECTED_BASIS_LABELS: Record<DirectedBasis, string> = {
  COMPLAINT: '投诉举报',
  REFERRAL: '转办交办',
  DATA_LEAD: '大数据分析线索',
};

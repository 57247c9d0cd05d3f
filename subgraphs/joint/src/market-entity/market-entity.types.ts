import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar } from '../../../../common/scalars';
import { ResultOutcome } from '../results/outcomes';

/** The national lists of bad credit (不良信用记录) that raise an entity's risk. */
export enum RiskFlagKind {
  ABNORMAL_OPERATION = 'ABNORMAL_OPERATION',
  SERIOUS_VIOLATION = 'SERIOUS_VIOLATION',
  MAJOR_TAX_VIOLATION = 'MAJOR_TAX_VIOLATION',
  DISHONEST_JUDGMENT_DEBTOR = 'DISHONEST_JUDGMENT_DEBTOR',
}
export const RISK_FLAG_LABELS: Record<RiskFlagKind, string> = {
  ABNORMAL_OPERATION: '经营异常名录',
  SERIOUS_VIOLATION: '严重违法失信名单',
  MAJOR_TAX_VIOLATION: '重大税收违法案件当事人名单',
  DISHONEST_JUDGMENT_DEBTOR: '失信被执行人名单',
};
registerEnumType(RiskFlagKind, {
  name: 'RiskFlagKind',
  valuesConfig: Object.fromEntries(Object.entries(RISK_FLAG_LABELS).map(([value, label]) => [value, { description: label }])),
});

@ObjectType({ description: 'An entry in one of the national lists' })
export class RiskFlag {
  @Field(() => RiskFlagKind)
  flag!: RiskFlagKind;

  @Field()
  label!: string;

  @Field()
  active!: boolean;

  @Field({ description: 'Where the listing comes from (e.g. 国家企业信用信息公示系统)' })
  source!: string;

  @Field(() => DateScalar)
  since!: string;

  @Field(() => DateScalar, { nullable: true })
  until!: string | null;
}

@ObjectType({ description: '投诉举报' })
export class Complaint {
  @Field(() => ID)
  id!: string;

  @Field()
  uscc!: string;

  @Field()
  summary!: string;

  @Field(() => DateScalar)
  receivedOn!: string;

  @Field()
  open!: boolean;

  @Field(() => DateScalar, { nullable: true })
  closedOn!: string | null;
}

@ObjectType({ description: '信用记录 — a published result or an amendment, attached to the entity' })
export class CreditEntry {
  @Field({ description: 'INSPECTION_RESULT or AMENDMENT' })
  kind!: string;

  @Field(() => DateScalar)
  date!: string;

  @Field()
  summary!: string;

  @Field(() => ResultOutcome, { nullable: true })
  outcome!: ResultOutcome | null;

  @Field(() => String, { nullable: true })
  outcomeLabel!: string | null;

  @Field({ description: "A violation outcome (raises the entity's risk for 24 months)" })
  violation!: boolean;

  @Field(() => String, { nullable: true, description: 'Publication id' })
  publication!: string | null;

  @Field(() => String, { nullable: true, description: '移送机关 — where the case went' })
  referredTo!: string | null;
}

/** 市场主体 — one entity across every division's directory, keyed by USCC. */
@Directive('@key(fields: "uscc")')
@ObjectType({ description: '市场主体 — a market entity across divisions, with its credit record' })
export class MarketEntity {
  @Field()
  uscc!: string;

  @Field(() => String, { nullable: true })
  name!: string | null;
}

@ObjectType()
export class OutcomeCount {
  @Field(() => ResultOutcome)
  outcome!: ResultOutcome;

  @Field()
  label!: string;

  @Field(() => Int)
  count!: number;
}

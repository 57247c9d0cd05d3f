import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '../../../../common/scalars';
import { CreditRiskClass } from './credit-risk-class';

@ObjectType({ description: '企业信用风险分类 — the class in force, as the market regulator assessed it (coordinators and supervisors)' })
export class CreditClassification {
  @Field(() => CreditRiskClass)
  riskClass!: CreditRiskClass;

  @Field({ description: '分类来源 — who assessed, e.g. 市市场监督管理局 2026年第三季度分类结果' })
  source!: string;

  @Field(() => DateScalar, { description: '分类日期' })
  assessedOn!: string;
}

@InputType({ description: 'One row of a credit-risk class sheet (企业信用风险分类)' })
export class CreditClassInput {
  @Field()
  uscc!: string;

  @Field(() => CreditRiskClass)
  riskClass!: CreditRiskClass;

  @Field()
  source!: string;

  @Field(() => DateScalar)
  assessedOn!: string;
}

@ObjectType({ description: 'One refused row of a credit-risk class import' })
export class CreditClassImportRowError {
  @Field(() => Int, { description: '1-based row number within the call' })
  row!: number;

  @Field(() => String, { nullable: true })
  field!: string | null;

  @Field()
  code!: string;

  @Field()
  message!: string;
}

@ObjectType({ description: 'The outcome of an all-or-nothing credit-risk class import' })
export class CreditClassImportReport {
  @Field(() => Int, { description: 'Rows saved (0 when any row was refused)' })
  accepted!: number;

  @Field(() => Int, { description: 'Rows refused' })
  rejected!: number;

  @Field(() => [CreditClassImportRowError])
  errors!: CreditClassImportRowError[];

  @Field(() => [CreditClassImportRowError], { description: 'Saved rows worth a look (always empty for now; the same shape as the directory imports)' })
  warnings!: CreditClassImportRowError[];

  @Field(() => Int, { description: 'Of the accepted rows: entities classified for the first time' })
  created!: number;

  @Field(() => Int, { description: 'Of the accepted rows: a new assessment of an entity classified before' })
  updated!: number;

  @Field(() => Int, { description: 'Of the accepted rows: the assessment was already recorded exactly so' })
  unchanged!: number;
}

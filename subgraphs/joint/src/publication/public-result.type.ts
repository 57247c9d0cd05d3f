import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '../../../../common/scalars';
import { OUTCOME_LABELS, ResultOutcome } from '../results/outcomes';
import type { PublishedResult } from './published-result.entity';
import { TimestampField } from '../../../../common/timestamp-field';

/** 公示结果 — a published result as everyone may see it: no inspector, no withheld findings. */
@ObjectType({ description: '公示结果 — a published result, as the public sees it' })
export class PublicResult {
  @Field(() => ID)
  id!: string;

  @Field({ description: "The publication's title" })
  title!: string;

  @Field(() => ID)
  publication!: string;

  @Field()
  uscc!: string;

  @Field()
  entityName!: string;

  @Field()
  divisionName!: string;

  @Field()
  itemName!: string;

  @Field(() => ResultOutcome)
  outcome!: ResultOutcome;

  @Field()
  outcomeLabel!: string;

  @Field(() => String, { nullable: true, description: 'Null when withheld by law' })
  findings!: string | null;

  @Field(() => String, { nullable: true, description: 'The legal ground for withholding the findings' })
  withheldReason!: string | null;

  @Field(() => DateScalar)
  inspectedOn!: string;

  @TimestampField()
  publishedAt!: string;

  @Field(() => String, { nullable: true, description: '移送机关, for referred cases' })
  referredTo!: string | null;

  @Field(() => ID, { nullable: true, description: 'The published result this one corrects (更正)' })
  amends!: string | null;

  @Field(() => String, { nullable: true, description: '更正原因' })
  amendmentReason!: string | null;

  /** Not in the schema: which result this is, for the fields other features add (evidence counts). */
  source?: { task: string; uscc: string; division: string; itemCode: string };
}

export function publicResultView(row: PublishedResult): PublicResult {
  return {
    id: String(row.id),
    title: row.amends ? `${row.title}（更正）` : row.title,
    publication: row.publication,
    uscc: row.uscc,
    entityName: row.entityName,
    divisionName: row.divisionName,
    itemName: row.itemName,
    outcome: row.outcome,
    outcomeLabel: OUTCOME_LABELS[row.outcome],
    findings: row.withheldReason ? null : row.findings,
    withheldReason: row.withheldReason,
    inspectedOn: row.inspectedOn,
    publishedAt: row.publishedAt,
    referredTo: row.referredTo,
    amends: row.amends === null ? null : String(row.amends),
    amendmentReason: row.amendmentReason,
    source: { task: row.task, uscc: row.uscc, division: row.division, itemCode: row.itemCode },
  };
}

@ObjectType({ description: 'How many published results of a division had an outcome' })
export class PublicOutcomeCount {
  @Field(() => ID)
  division!: string;

  @Field()
  divisionName!: string;

  @Field(() => ResultOutcome)
  outcome!: ResultOutcome;

  @Field()
  label!: string;

  @Field(() => Int)
  count!: number;
}

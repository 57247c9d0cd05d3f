import { Field, ObjectType } from 'type-graphql';
import { DateScalar } from '../../../../common/scalars';
import { CheckItem, Inspector } from '../divisions/division-refs';
import { Disclosure, FollowUp, OUTCOME_LABELS, ResultOutcome } from './outcomes';
import type { InspectionResultRow } from './inspection-result.entity';
import { TimestampField } from '../../../../common/timestamp-field';
import { ResultReview, reviewView } from './result-review.type';

/** 检查结果 — one item's result for one assignment, as the office and the team see it. */
@ObjectType({ description: '检查结果 — the result of one item for one assignment' })
export class InspectionResult {
  @Field(() => CheckItem, { nullable: true })
  item!: CheckItem | null;

  @Field(() => ResultOutcome)
  outcome!: ResultOutcome;

  @Field({ description: 'The official Chinese label of the outcome' })
  outcomeLabel!: string;

  @Field(() => String, { nullable: true })
  findings!: string | null;

  @Field()
  method!: string;

  @Field(() => DateScalar)
  inspectedOn!: string;

  @Field(() => FollowUp)
  followUp!: FollowUp;

  @Field(() => String, { nullable: true, description: 'The authority a case was referred to (移送机关)' })
  referredTo!: string | null;

  @Field(() => Disclosure)
  disclosure!: Disclosure;

  @Field(() => Inspector, { nullable: true, description: '录入人' })
  recordedBy!: Inspector | null;

  @TimestampField({ description: 'When it was recorded or last corrected' })
  recordedAt!: string;

  @Field(() => ResultReview, { description: '法制审核 of the value recorded; a correction of a published result has its own, under `amendment`' })
  review!: ResultReview;

  /** Not in the schema: the assignment, for the fields other features add (evidence). */
  assignment?: string;
}

export function resultView(row: InspectionResultRow): InspectionResult {
  return {
    item: { division: row.itemDivision, code: row.itemCode },
    outcome: row.outcome,
    outcomeLabel: OUTCOME_LABELS[row.outcome],
    findings: row.findings,
    method: row.method,
    inspectedOn: row.inspectedOn,
    followUp: row.followUp,
    referredTo: row.referredTo,
    disclosure: row.disclosure,
    recordedBy: { division: row.recordedByDivision, id: row.recordedBy },
    recordedAt: row.updatedAt,
    review: reviewView(row),
    assignment: row.assignment,
  };
}

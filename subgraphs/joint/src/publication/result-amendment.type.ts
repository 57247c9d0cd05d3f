import { Field, ID, ObjectType } from 'type-graphql';
import { DateScalar } from '../../../../common/scalars';
import { TimestampField } from '../../../../common/timestamp-field';
import { Disclosure, FollowUp, OUTCOME_LABELS, ResultOutcome } from '../results/outcomes';
import { ReviewPerson, ResultReview, reviewView } from '../results/result-review.type';
import type { ResultAmendmentRow } from './result-amendment.entity';

/** 更正申请 — a correction of a published result; public only once approved. */
@ObjectType({ description: '更正申请 — a correction of a published result, public once a reviewer of the item’s division approves it' })
export class ResultAmendment {
  @Field(() => ID)
  id!: string;

  @Field(() => ID, { description: 'The published result (PublicResult.id) it corrects' })
  amends!: string;

  @Field(() => ResultOutcome)
  outcome!: ResultOutcome;

  @Field()
  outcomeLabel!: string;

  @Field(() => String, { nullable: true })
  findings!: string | null;

  @Field()
  method!: string;

  @Field(() => DateScalar)
  inspectedOn!: string;

  @Field(() => FollowUp)
  followUp!: FollowUp;

  @Field(() => String, { nullable: true })
  referredTo!: string | null;

  @Field(() => Disclosure)
  disclosure!: Disclosure;

  @Field({ description: '更正原因' })
  reason!: string;

  @Field(() => ReviewPerson, { description: '申请人' })
  submittedBy!: ReviewPerson;

  @TimestampField({ description: 'When the correction was submitted' })
  submittedAt!: string;

  @Field(() => ResultReview)
  review!: ResultReview;

  @Field(() => ID, { nullable: true, description: 'The published result (PublicResult.id) it became once approved' })
  publishedResult!: string | null;
}

export function amendmentView(row: ResultAmendmentRow): ResultAmendment {
  return {
    id: String(row.id),
    amends: String(row.amends),
    outcome: row.outcome,
    outcomeLabel: OUTCOME_LABELS[row.outcome],
    findings: row.findings,
    method: row.method,
    inspectedOn: row.inspectedOn,
    followUp: row.followUp,
    referredTo: row.referredTo,
    disclosure: row.disclosure,
    reason: row.reason,
    submittedBy: { sub: row.submittedBy, name: row.submittedByName },
    submittedAt: row.submittedAt,
    review: reviewView(row),
    publishedResult: row.publishedResult === null ? null : String(row.publishedResult),
  };
}

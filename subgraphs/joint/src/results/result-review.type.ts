import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { TimestampField } from '../../../../common/timestamp-field';
import { REVIEW_STATUS_LABELS, ReviewStatus } from './review-status';

export { ReviewStatus } from './review-status';

registerEnumType(ReviewStatus, {
  name: 'ReviewStatus',
  description: '法制审核状态',
  valuesConfig: Object.fromEntries(Object.entries(REVIEW_STATUS_LABELS).map(([value, label]) => [value, { description: label }])),
});

/** A person in a review: the token subject, and the display name the token carried. */
@ObjectType({ description: '法制审核人员或更正申请人' })
export class ReviewPerson {
  @Field({ description: 'Token subject' })
  sub!: string;

  @Field(() => String, { nullable: true, description: 'Display name the token carried' })
  name!: string | null;
}

/** 法制审核 — where a result stands with the reviewers of its division. */
@ObjectType({ description: '法制审核 — a reviewer of the item’s division approves or returns each result before it is public' })
export class ResultReview {
  @Field(() => ReviewStatus)
  status!: ReviewStatus;

  @Field({ description: 'The status in words: 待审核, 审核通过 or 已退回' })
  statusLabel!: string;

  @Field(() => ReviewPerson, { nullable: true, description: '审核人 — null while pending, and for results published before reviews were recorded' })
  by!: ReviewPerson | null;

  @TimestampField({ nullable: true, description: 'When the reviewer decided' })
  at!: string | null;

  @Field(() => String, { nullable: true, description: '审核意见 — required when a result is returned' })
  note!: string | null;
}

export const person = (sub: string | null, name: string | null): ReviewPerson | null => (sub ? { sub, name } : null);

export function reviewView(row: {
  reviewStatus: ReviewStatus;
  reviewedBy: string | null;
  reviewedByName: string | null;
  reviewedAt: string | null;
  reviewNote: string | null;
}): ResultReview {
  return {
    status: row.reviewStatus,
    statusLabel: REVIEW_STATUS_LABELS[row.reviewStatus],
    by: person(row.reviewedBy, row.reviewedByName),
    at: row.reviewedAt,
    note: row.reviewNote,
  };
}

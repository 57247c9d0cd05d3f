import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { Disclosure, FollowUp, ResultOutcome } from '../results/outcomes';
import { ReviewStatus } from '../results/review-status';

/**
 * 更正申请 — a correction of a published result, kept here until a reviewer of the
 * item's division approves it. Only then does it become a published row (and a
 * credit entry); a returned one stays here, with the reviewer's note, so nothing
 * submitted is lost.
 */
@Entity({ tableName: 'result_amendment' })
@Index({ properties: ['assignment', 'itemDivision', 'itemCode'] })
export class ResultAmendmentRow {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'string', length: 32, index: true })
  task!: string;

  @Property({ type: 'string', length: 48 })
  assignment!: string;

  @Property({ type: 'string', length: 16 })
  itemDivision!: string;

  @Property({ type: 'string', length: 32 })
  itemCode!: string;

  /** The published result this correction amends, as it was public when the correction was submitted. */
  @Property({ type: 'integer' })
  amends!: number;

  @Property({ type: 'string', length: 48 })
  outcome!: ResultOutcome;

  @Property({ type: 'text', nullable: true })
  findings!: string | null;

  @Property({ type: 'string', length: 50 })
  method!: string;

  @Property({ type: 'string', length: 10 })
  inspectedOn!: string;

  @Property({ type: 'string', length: 40 })
  followUp!: FollowUp;

  @Property({ type: 'string', length: 200, nullable: true })
  referredTo!: string | null;

  @Property({ type: 'string', length: 24 })
  disclosure!: Disclosure;

  @Property({ type: 'string', length: 500 })
  reason!: string;

  /** Who submitted it: token subject, display name, and the division and inspector id of an inspector. */
  @Property({ type: 'string', length: 200 })
  submittedBy!: string;

  @Property({ type: 'string', length: 200, nullable: true })
  submittedByName!: string | null;

  @Property({ type: 'string', length: 16, nullable: true })
  submittedByDivision!: string | null;

  @Property({ type: 'string', length: 64, nullable: true })
  submittedByInspector!: string | null;

  @Property({ type: 'string', length: 32 })
  submittedAt!: string;

  @Property({ type: 'string', length: 16 })
  reviewStatus!: ReviewStatus;

  @Property({ type: 'string', length: 200, nullable: true })
  reviewedBy!: string | null;

  @Property({ type: 'string', length: 200, nullable: true })
  reviewedByName!: string | null;

  @Property({ type: 'string', length: 32, nullable: true })
  reviewedAt!: string | null;

  @Property({ type: 'string', length: 500, nullable: true })
  reviewNote!: string | null;

  /** The published row an approved correction became. */
  @Property({ type: 'integer', nullable: true })
  publishedResult!: number | null;
}

import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Disclosure, FollowUp, ResultOutcome } from './outcomes';
import { ReviewStatus } from './review-status';

/** 检查结果 — the result for one item of one assignment, recorded by a team member of the item's division. */
@Entity({ tableName: 'inspection_result' })
@Unique({ properties: ['assignment', 'itemDivision', 'itemCode'] })
export class InspectionResultRow {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'string', length: 48, index: true })
  assignment!: string;

  @Property({ type: 'string', length: 32, index: true })
  task!: string;

  @Property({ type: 'string', length: 16 })
  itemDivision!: string;

  @Property({ type: 'string', length: 32 })
  itemCode!: string;

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

  @Property({ type: 'string', length: 16 })
  recordedByDivision!: string;

  @Property({ type: 'string', length: 32 })
  recordedBy!: string;

  @Property({ type: 'string', length: 32 })
  recordedAt!: string;

  @Property({ type: 'string', length: 32 })
  updatedAt!: string;

  /** The token subject of whoever recorded the value under review (null for results recorded before reviews were kept). */
  @Property({ type: 'string', length: 200, nullable: true })
  recordedBySub!: string | null;

  /** 法制审核: every recording or correction waits for a reviewer of the item's division. */
  @Property({ type: 'string', length: 16, default: ReviewStatus.PENDING })
  reviewStatus: ReviewStatus = ReviewStatus.PENDING;

  @Property({ type: 'string', length: 200, nullable: true })
  reviewedBy: string | null = null;

  @Property({ type: 'string', length: 200, nullable: true })
  reviewedByName: string | null = null;

  @Property({ type: 'string', length: 32, nullable: true })
  reviewedAt: string | null = null;

  @Property({ type: 'string', length: 500, nullable: true })
  reviewNote: string | null = null;
}

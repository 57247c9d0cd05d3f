import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { Disclosure, FollowUp, ResultOutcome } from '../results/outcomes';

/**
 * 公示结果 — what the public sees of one result, frozen at publication. It holds
 * no inspector data at all, and withheld findings are never copied here, so the
 * public view cannot leak them. A correction is a new row that amends an older one.
 */
@Entity({ tableName: 'published_result' })
@Index({ properties: ['uscc'] })
@Index({ properties: ['year'] })
@Index({ properties: ['task', 'uscc', 'division', 'itemCode'] })
export class PublishedResult {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'string', length: 48, index: true })
  publication!: string;

  @Property({ type: 'string', length: 200 })
  title!: string;

  @Property({ type: 'string', length: 32 })
  task!: string;

  @Property({ type: 'integer' })
  year!: number;

  @Property({ type: 'integer' })
  resultId!: number;

  @Property({ type: 'string', length: 18 })
  uscc!: string;

  @Property({ type: 'string', length: 200 })
  entityName!: string;

  @Property({ type: 'string', length: 16 })
  division!: string;

  @Property({ type: 'string', length: 100 })
  divisionName!: string;

  @Property({ type: 'string', length: 32 })
  itemCode!: string;

  @Property({ type: 'string', length: 200 })
  itemName!: string;

  @Property({ type: 'string', length: 48 })
  outcome!: ResultOutcome;

  /** Null when withheld. */
  @Property({ type: 'text', nullable: true })
  findings!: string | null;

  @Property({ type: 'string', length: 200, nullable: true })
  withheldReason!: string | null;

  @Property({ type: 'string', length: 24 })
  disclosure!: Disclosure;

  @Property({ type: 'string', length: 40 })
  followUp!: FollowUp;

  @Property({ type: 'string', length: 200, nullable: true })
  referredTo!: string | null;

  @Property({ type: 'string', length: 50 })
  method!: string;

  @Property({ type: 'string', length: 10 })
  inspectedOn!: string;

  @Property({ type: 'string', length: 32, index: true })
  publishedAt!: string;

  /** The published result this one corrects (更正), or null for an original. */
  @Property({ type: 'integer', nullable: true })
  amends!: number | null;

  @Property({ type: 'string', length: 500, nullable: true })
  amendmentReason!: string | null;
}

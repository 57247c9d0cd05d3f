import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '../../../../common/scalars';
import { TimestampField } from '../../../../common/timestamp-field';

/** 检查结果公告 — the one publication of a task's results. One per task, numbered per lead division and year. */
@ObjectType({ description: "检查结果公告 — the single publication of a task's results" })
@Entity({ tableName: 'publication' })
@Unique({ properties: ['leadDivision', 'year', 'number'] })
export class Publication {
  @Field(() => ID, { description: 'e.g. ZA-2026-003' })
  @PrimaryKey({ type: 'string', length: 48 })
  id!: string;

  @Property({ type: 'string', length: 32, unique: true })
  task!: string;

  @Field(() => ID)
  @Property({ type: 'string', length: 16 })
  leadDivision!: string;

  @Field(() => Int)
  @Property({ type: 'integer' })
  year!: number;

  @Field(() => Int, { description: 'Number within the lead division and year (第NNN号)' })
  @Property({ type: 'integer' })
  number!: number;

  @Field({ description: 'e.g. 治安管理支队2026年度第003号抽查任务检查结果公告' })
  @Property({ type: 'string', length: 200 })
  title!: string;

  @TimestampField()
  @Property({ type: 'string', length: 32 })
  publishedAt!: string;

  @Field(() => Int)
  @Property({ type: 'integer' })
  resultCount!: number;

  @Field(() => Int, { description: 'Results whose findings are withheld by law' })
  @Property({ type: 'integer' })
  withheldCount!: number;

  @Field(() => DateScalar, { description: '公示期限' })
  @Property({ type: 'string', length: 10 })
  dueBy!: string;

  @Field({ description: 'Published within 20 working days of the earliest result' })
  @Property({ type: 'boolean' })
  onTime!: boolean;
}

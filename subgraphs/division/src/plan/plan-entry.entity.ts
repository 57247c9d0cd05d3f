import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '../../../../common/scalars';
import { StringListType } from '../../../../common/string-list.type';

/** 年度随机抽查计划 — one entry of a division's annual random-inspection plan. */
@ObjectType({ description: '年度随机抽查计划条目 — an entry of the annual random-inspection plan' })
@Entity({ tableName: 'plan_entry' })
export class PlanEntry {
  @Field(() => ID)
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Field(() => ID)
  @Property({ type: 'string', length: 16 })
  division!: string;

  @Field(() => Int)
  @Property({ type: 'integer', index: true })
  year!: number;

  @Field({ description: '抽查名称' })
  @Property({ type: 'string', length: 200 })
  name!: string;

  @Field(() => [ID], { description: 'Codes of the items this entry covers (抽查事项)' })
  @Property({ type: StringListType })
  items!: string[];

  @Field({ description: '抽查对象' })
  @Property({ type: 'string', length: 100 })
  targetCategory!: string;

  @Field(() => Int, { description: '抽查比例 in basis points' })
  @Property({ type: 'integer' })
  ratioBp!: number;

  @Field(() => DateScalar, { description: '检查期限 from' })
  @Property({ type: 'string', length: 10 })
  periodStart!: string;

  @Field(() => DateScalar, { description: '检查期限 to' })
  @Property({ type: 'string', length: 10 })
  periodEnd!: string;

  @Field({ description: '检查机关' })
  @Property({ type: 'string', length: 200 })
  authority!: string;

  @Property({ type: 'string', length: 32 })
  updatedAt!: string;
}

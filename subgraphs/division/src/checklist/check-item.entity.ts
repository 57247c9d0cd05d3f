import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { publicCacheHint } from '../../../../common/cache-hints';

/**
 * 抽查事项 — one entry of a division's published random-inspection item list (一单).
 * Public and cacheable; `Division.checklist(includeInactive: true)`, which reaches unpublished
 * items, marks its answer uncacheable.
 */
@Directive('@key(fields: "division code")')
@Directive(publicCacheHint())
@ObjectType({ description: "抽查事项 — a random-inspection item of a division's published list" })
@Entity({ tableName: 'check_item' })
export class CheckItem {
  @Field(() => ID)
  @Property({ type: 'string', length: 16 })
  division!: string;

  @Field(() => ID, { description: 'Item code, e.g. ZA-001' })
  @PrimaryKey({ type: 'string', length: 32 })
  code!: string;

  @Field({ description: '抽查事项名称' })
  @Property({ type: 'string', length: 200 })
  name!: string;

  @Field({ description: '抽查依据 — the legal basis' })
  @Property({ type: 'text' })
  basis!: string;

  @Field({ description: '抽查主体 — the inspecting authority' })
  @Property({ type: 'string', length: 200 })
  subject!: string;

  @Field({ description: '抽查对象 — the category of directory entries it applies to, e.g. 旅馆' })
  @Property({ type: 'string', length: 100, index: true })
  targetCategory!: string;

  @Field(() => Int, { description: '抽查比例 in basis points (500 = 5 %)' })
  @Property({ type: 'integer' })
  ratioBp!: number;

  @Field(() => Int, { description: '抽查频次 — inspections per year' })
  @Property({ type: 'integer' })
  timesPerYear!: number;

  @Field({ description: '抽查方式, e.g. 实地检查' })
  @Property({ type: 'string', length: 50 })
  method!: string;

  @Field({ description: '抽查内容' })
  @Property({ type: 'text' })
  content!: string;

  @Field(() => String, { nullable: true, description: 'Expertise every inspector on this item must hold (业务专长)' })
  @Property({ type: 'string', length: 100, nullable: true })
  requiredExpertise!: string | null;

  @Field()
  @Property({ type: 'boolean' })
  active!: boolean;

  @Property({ type: 'string', length: 32 })
  updatedAt!: string;
}

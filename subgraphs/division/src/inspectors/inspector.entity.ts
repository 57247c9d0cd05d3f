import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { DateScalar } from '../../../../common/scalars';
import { StringListType } from '../../../../common/string-list.type';

/** 执法检查人员 — one entry of a division's inspector directory (执法检查人员名录库). */
@Directive('@key(fields: "division id")')
@ObjectType({ description: "执法检查人员 — an entry of a division's inspector directory" })
@Entity({ tableName: 'inspector' })
export class Inspector {
  @Field(() => ID)
  @Property({ type: 'string', length: 16 })
  division!: string;

  @Field(() => ID, { description: 'Directory id, e.g. ZA-0007' })
  @PrimaryKey({ type: 'string', length: 32 })
  id!: string;

  @Field({ description: '姓名' })
  @Property({ type: 'string', length: 50 })
  name!: string;

  @Field({ description: '单位' })
  @Property({ type: 'string', length: 200 })
  unit!: string;

  @Field({ description: '职务' })
  @Property({ type: 'string', length: 100 })
  position!: string;

  @Field(() => [String], { description: '业务专长' })
  @Property({ type: StringListType })
  expertise!: string[];

  @Field({ description: '执法证号' })
  @Property({ type: 'string', length: 50, unique: true })
  certificateNo!: string;

  @Field(() => DateScalar, { description: '执法证有效期至' })
  @Property({ type: 'string', length: 10 })
  certificateValidUntil!: string;

  @Field()
  @Property({ type: 'boolean' })
  active!: boolean;

  @Property({ type: 'string', length: 32 })
  updatedAt!: string;
}

import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';

/** 入住登记月报 — one hotel's guest registrations in one month. */
@ObjectType('RegistrationMonth', { description: '入住登记月报 — one hotel’s guest registrations in one month' })
@Entity({ tableName: 'registration_month' })
export class RegistrationMonth {
  @PrimaryKey({ type: 'string', length: 18 })
  uscc!: string;

  @Field({ description: 'YYYY-MM' })
  @PrimaryKey({ type: 'string', length: 7 })
  month!: string;

  @Field(() => Int, { description: '入住登记（人次） — guests registered' })
  @Property({ type: 'integer' })
  registrations!: number;

  @Field(() => Int, { description: '超时上传 — registrations uploaded later than the rules allow' })
  @Property({ type: 'integer' })
  uploadedLate!: number;

  @Field(() => Int, { description: '未登记旅客 — guests found staying without registration at checks that month' })
  @Property({ type: 'integer' })
  unregisteredFound!: number;
}

import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '../../../../common/scalars';

/**
 * 旅馆 — a hotel connected to the guest-registration system (旅馆业治安管理信息系统),
 * by its USCC: the key it shares with the division's target directory.
 */
@ObjectType('LodgingHotel', { description: '旅馆业治安管理信息系统 — a hotel connected to the guest-registration system' })
@Entity({ tableName: 'lodging_hotel' })
export class LodgingHotel {
  @Field({ description: '统一社会信用代码' })
  @PrimaryKey({ type: 'string', length: 18 })
  uscc!: string;

  /** The division whose directory lists the hotel (治安, ZA). */
  @Index()
  @Property({ type: 'string', length: 16 })
  division!: string;

  @Field({ description: '旅馆名称 as registered in the system' })
  @Property({ type: 'string', length: 200 })
  name!: string;

  @Field({ description: '特种行业许可证号 — the special-trade licence' })
  @Property({ type: 'string', length: 40 })
  licenceNo!: string;

  @Field(() => Int, { description: '客房数' })
  @Property({ type: 'integer' })
  rooms!: number;

  @Field(() => DateScalar, { description: 'When the hotel began uploading registrations (接入日期)' })
  @Property({ type: 'string', length: 10 })
  connectedOn!: string;
}

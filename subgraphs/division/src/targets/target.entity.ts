import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { StringListType } from '../../../../common/string-list.type';

export enum TargetKind {
  ENTERPRISE = 'ENTERPRISE',
  INDIVIDUAL_BUSINESS = 'INDIVIDUAL_BUSINESS',
  FARMER_COOPERATIVE = 'FARMER_COOPERATIVE',
  OTHER = 'OTHER',
}
registerEnumType(TargetKind, {
  name: 'TargetKind',
  valuesConfig: {
    ENTERPRISE: { description: '企业' },
    INDIVIDUAL_BUSINESS: { description: '个体工商户' },
    FARMER_COOPERATIVE: { description: '农民专业合作社' },
    OTHER: { description: '其他检查对象' },
  },
});

export enum TargetStatus {
  ACTIVE = 'ACTIVE',
  CLOSED = 'CLOSED',
  DEREGISTERED = 'DEREGISTERED',
  REVOKED = 'REVOKED',
  MOVED_OUT = 'MOVED_OUT',
}
registerEnumType(TargetStatus, {
  name: 'TargetStatus',
  valuesConfig: {
    ACTIVE: { description: '存续' },
    CLOSED: { description: '已关闭停业' },
    DEREGISTERED: { description: '注销' },
    REVOKED: { description: '被吊销' },
    MOVED_OUT: { description: '迁出' },
  },
});

/** 检查对象 — one entry of a division's target directory (检查对象名录库). */
@Directive('@key(fields: "division uscc")')
@ObjectType({ description: "检查对象 — an entry of a division's target directory" })
@Entity({ tableName: 'target' })
// Status first: a directory page filtered by status reads the entries in USCC order without sorting them.
@Index({ properties: ['status', 'uscc'] })
export class Target {
  @Field(() => ID)
  @Property({ type: 'string', length: 16 })
  division!: string;

  @Field({ description: '统一社会信用代码' })
  @PrimaryKey({ type: 'string', length: 18 })
  uscc!: string;

  @Field({ description: '名称' })
  @Property({ type: 'string', length: 200, index: true })
  name!: string;

  @Field(() => TargetKind)
  @Property({ type: 'string', length: 32 })
  kind!: TargetKind;

  @Field({ description: '经营范围' })
  @Property({ type: 'text' })
  scope!: string;

  @Field({ description: '地址' })
  @Property({ type: 'string', length: 300 })
  address!: string;

  @Field(() => [String], { description: 'Item categories that apply to this entry, e.g. 旅馆' })
  @Property({ type: StringListType })
  categories!: string[];

  @Field(() => TargetStatus)
  @Property({ type: 'string', length: 32 })
  status!: TargetStatus;

  @Field({ description: 'False when the code failed the GB 32100-2015 check and was saved by an audited override' })
  @Property({ type: 'boolean' })
  usccVerified!: boolean;

  @Property({ type: 'string', length: 32 })
  updatedAt!: string;
}

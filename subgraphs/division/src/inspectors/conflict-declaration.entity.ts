import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { TimestampField } from '../../../../common/timestamp-field';

/** 回避申报 — an inspector's declared interest in an entity; they are never sent to inspect it. */
@ObjectType({ description: '回避申报 — a declared conflict of interest' })
@Entity({ tableName: 'conflict_declaration' })
@Unique({ properties: ['inspector', 'uscc'] })
export class ConflictDeclaration {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'string', length: 32, index: true })
  inspector!: string;

  @Field({ description: 'USCC of the entity' })
  @Property({ type: 'string', length: 18 })
  uscc!: string;

  @Field({ description: '回避理由' })
  @Property({ type: 'string', length: 500 })
  reason!: string;

  @TimestampField({ description: 'When it was declared' })
  @Property({ type: 'string', length: 32 })
  declaredAt!: string;
}

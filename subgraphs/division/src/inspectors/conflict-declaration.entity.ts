import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { TimestampField } from '../../../../common/timestamp-field';

/**
 * 回避申报 — an inspector's declared interest in an entity; they are never sent to
 * inspect it while the declaration stands. A declaration is withdrawn, never
 * deleted: the row keeps who withdrew it, when and why, so the recusal history of
 * a team stays readable. At most one standing declaration per inspector and
 * entity (a partial unique index over the rows not withdrawn).
 */
@ObjectType({ description: '回避申报 — a declared conflict of interest' })
@Entity({ tableName: 'conflict_declaration' })
@Index({ properties: ['inspector', 'uscc'] })
@Index({
  name: 'conflict_declaration_standing_unique',
  expression: 'create unique index "conflict_declaration_standing_unique" on "conflict_declaration" ("inspector", "uscc") where "withdrawn_at" is null',
})
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

  @TimestampField({ nullable: true, description: 'When it was withdrawn; null while it stands' })
  @Property({ type: 'string', length: 32, nullable: true })
  withdrawnAt: string | null = null;

  @Field(() => String, { nullable: true, description: 'Who withdrew it (token subject)' })
  @Property({ type: 'string', length: 200, nullable: true })
  withdrawnBy: string | null = null;

  @Field(() => String, { nullable: true, description: '撤回理由' })
  @Property({ type: 'string', length: 500, nullable: true })
  withdrawalReason: string | null = null;
}

import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { StringListType } from '../../../../common/string-list.type';
import { Stratum } from '../tasks/task-enums';

export interface TeamMember {
  division: string;
  id: string;
}

/** An item that applies to the entity: a task item of one of its divisions whose category the entity carries there. */
export interface ItemKey {
  division: string;
  code: string;
}

/** 检查对象 of a task — one drawn market entity with its items and its inspection team (检查组). */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'One drawn market entity in one task, with its items and inspection team' })
@Entity({ tableName: 'assignment' })
@Unique({ properties: ['task', 'uscc'] })
@Index({ properties: ['uscc'] })
// A task's assignments page in id order.
@Index({ properties: ['task', 'id'] })
export class Assignment {
  @Field(() => ID, { description: 'e.g. T2026-0007-003' })
  @PrimaryKey({ type: 'string', length: 48 })
  id!: string;

  @Property({ type: 'string', length: 32, index: true })
  task!: string;

  @Property({ type: 'integer' })
  year!: number;

  /** Position in the draw's assignment order (HIGH first, then by rank). */
  @Property({ type: 'integer' })
  position!: number;

  @Field({ description: '统一社会信用代码' })
  @Property({ type: 'string', length: 18 })
  uscc!: string;

  @Field({ description: 'Name in the directory at draw time' })
  @Property({ type: 'string', length: 200 })
  entityName!: string;

  @Field(() => Stratum, { description: 'HIGH for the credit-risk classes C and D (kept for clients of the two strata)' })
  @Property({ type: 'string', length: 8 })
  stratum!: Stratum;

  /** 信用风险分类 the entity was drawn in (SSJ-DRAW-2); null for draws made with SSJ-DRAW-1. Read through `riskClass`. */
  @Property({ type: 'string', length: 1, nullable: true })
  riskClass: 'A' | 'B' | 'C' | 'D' | null = null;

  /** Divisions in whose directory the entity qualified, sorted. */
  @Property({ type: StringListType })
  divisionCodes!: string[];

  @Property({ type: 'json' })
  itemKeys!: ItemKey[];

  @Property({ type: 'json' })
  team!: TeamMember[];
}

/** One inspector on one assignment's team: lets "my assignments" and loads be answered in SQL. */
@Entity({ tableName: 'assignment_member' })
@Index({ properties: ['division', 'inspector', 'year'] })
export class AssignmentMember {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'string', length: 48, index: true })
  assignment!: string;

  @Property({ type: 'string', length: 32 })
  task!: string;

  @Property({ type: 'integer' })
  year!: number;

  @Property({ type: 'string', length: 16 })
  division!: string;

  @Property({ type: 'string', length: 32 })
  inspector!: string;
}

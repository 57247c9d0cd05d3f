import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '../../../../common/scalars';
import { StringListType } from '../../../../common/string-list.type';
import { TaskKind, TaskStatus } from './task-enums';
import { TimestampField } from '../../../../common/timestamp-field';

/** An item of a task as it was when the task was committed: the draw uses this, not the live list. */
export interface ItemSnapshot {
  division: string;
  divisionName: string;
  code: string;
  name: string;
  targetCategory: string;
  requiredExpertise: string | null;
  /** The item's published 抽查比例 when the task was defined; absent in tasks defined before it was kept. */
  ratioBp?: number;
}

/** 抽查任务 — one inspection task, single- or multi-division (联合抽查). */
@Directive('@key(fields: "id")')
@ObjectType({ description: '抽查任务 — an inspection task of one or several divisions' })
@Entity({ tableName: 'inspection_task' })
@Index({ properties: ['year', 'status'] })
export class InspectionTask {
  @Field(() => ID, { description: 'e.g. T2026-0007' })
  @PrimaryKey({ type: 'string', length: 32 })
  id!: string;

  @Field({ description: '任务名称' })
  @Property({ type: 'string', length: 200 })
  name!: string;

  @Field(() => Int)
  @Property({ type: 'integer' })
  year!: number;

  @Field(() => TaskKind)
  @Property({ type: 'string', length: 16 })
  kind!: TaskKind;

  @Field(() => TaskStatus)
  // 32: CANCELLATION_REQUESTED is longer than the 16 the first statuses needed.
  @Property({ type: 'string', length: 32 })
  status!: TaskStatus;

  @Field(() => ID, { description: 'The division that leads and numbers the publication (牵头部门)' })
  @Property({ type: 'string', length: 16 })
  leadDivision!: string;

  /** Codes of the divisions taking part, sorted. */
  @Property({ type: StringListType })
  divisionCodes!: string[];

  @Property({ type: 'json' })
  itemSnapshots!: ItemSnapshot[];

  /** USCCs named by a DIRECTED task. */
  @Property({ type: StringListType })
  namedTargets!: string[];

  @Field(() => Int, { description: '抽查比例 of the normal stratum, basis points' })
  @Property({ type: 'integer' })
  ratioBp!: number;

  @Field(() => Int, { description: '抽查比例 of the high-risk stratum, basis points' })
  @Property({ type: 'integer' })
  highRiskRatioBp!: number;

  /** 分类抽查比例 A–D in basis points; null: ratioBp for A and B, highRiskRatioBp for C and D (read through `classRatios`). */
  @Property({ type: 'json', nullable: true })
  classRatios: { A: number; B: number; C: number; D: number } | null = null;

  /** 公开随机数声明 (read through `beacon`): what public value the seed will use, and the day it becomes public. */
  @Property({ type: 'string', length: 800, nullable: true })
  beaconSource: string | null = null;

  @Property({ type: 'string', length: 10, nullable: true })
  beaconDate: string | null = null;

  @Field(() => Int, { description: 'Inspectors each division sends to each target (at least 2 per team in all)' })
  @Property({ type: 'integer' })
  inspectorsPerDivision!: number;

  @Field(() => DateScalar)
  @Property({ type: 'string', length: 10 })
  periodStart!: string;

  @Field(() => DateScalar)
  @Property({ type: 'string', length: 10 })
  periodEnd!: string;

  @Field(() => String, { nullable: true, description: 'SHA-256 of the draw secret, public from commitment on' })
  @Property({ type: 'string', length: 64, nullable: true })
  seedCommitment!: string | null;

  /** Revealed only with the draw. */
  @Property({ type: 'string', length: 64, nullable: true, hidden: true })
  secret!: string | null;

  @Field(() => DateScalar, { nullable: true, description: '结果公示期限 — 20 working days after the earliest result' })
  @Property({ type: 'string', length: 10, nullable: true })
  resultsDueBy!: string | null;

  @Field(() => Boolean, { description: 'False when the due date falls in a year without official calendar data' })
  @Property({ type: 'boolean', default: true })
  resultsDueByVerified: boolean = true;

  @Field({ description: 'Who created it (token subject)' })
  @Property({ type: 'string', length: 200 })
  createdBy!: string;

  @TimestampField()
  @Property({ type: 'string', length: 32 })
  createdAt!: string;

  @TimestampField({ nullable: true, description: 'When the items were fixed and the seed commitment published' })
  @Property({ type: 'string', length: 32, nullable: true })
  committedAt!: string | null;

  @TimestampField({ nullable: true })
  @Property({ type: 'string', length: 32, nullable: true })
  cancelledAt!: string | null;

  @Field(() => String, { nullable: true, description: '撤销原因' })
  @Property({ type: 'string', length: 500, nullable: true })
  cancelReason!: string | null;

  /** 撤销申请人 — token subject, and the display name the token carried. Read through `cancellation`. */
  @Property({ type: 'string', length: 200, nullable: true })
  cancelRequestedBy: string | null = null;

  @Property({ type: 'string', length: 200, nullable: true })
  cancelRequestedByName: string | null = null;

  @Property({ type: 'string', length: 32, nullable: true })
  cancelRequestedAt: string | null = null;

  /** 审批人 — the supervisor who approved a two-step cancellation; null for a one-step one. */
  @Property({ type: 'string', length: 200, nullable: true })
  cancelApprovedBy: string | null = null;

  @Property({ type: 'string', length: 200, nullable: true })
  cancelApprovedByName: string | null = null;

  /** 审批意见 */
  @Property({ type: 'string', length: 500, nullable: true })
  cancelNote: string | null = null;

  @Property({ type: 'string', length: 32 })
  updatedAt!: string;
}

import type { EntityManager, FilterQuery } from '@mikro-orm/core';
import { ArgsType, Directive, Field, Int, ObjectType } from 'type-graphql';
import { likeCondition } from '../like';
import { connectionTypes, decodeIntegerCursor, pageSize, toPage } from '../pagination';
import { prefixPattern } from '../text';
import { AuditEntry } from './audit-entry.entity';
import { TimestampField } from '../timestamp-field';

/** 变更字段 — one field an update changed. */
@Directive('@shareable')
@ObjectType('AuditChange', { description: '变更字段 — one field an update changed, with its old and new value' })
export class AuditChangeView {
  @Field()
  field!: string;

  @Field(() => String, { nullable: true, description: 'The value before, as text (JSON when not a string); null when there was none' })
  before!: string | null;

  @Field(() => String, { nullable: true, description: 'The value after, as text (JSON when not a string); null when there is none' })
  after!: string | null;
}

/** 审计记录 — one entry of an audit log, as supervisors read it. */
@Directive('@shareable')
@ObjectType('AuditEntry', { description: '审计记录 — one entry of a hash-chained audit log' })
export class AuditEntryView {
  @Field(() => Int)
  seq!: number;

  @TimestampField({
    precision: 'milliseconds',
    description: 'When it was recorded; the hash covers this instant in UTC, as `new Date(at).toISOString()` writes it',
  })
  at!: string;

  @Field({ description: 'Token subject of the person or service' })
  actor!: string;

  @Field()
  role!: string;

  @Field(() => String, { nullable: true })
  division!: string | null;

  @Field()
  action!: string;

  @Field()
  subject!: string;

  @Field({ description: 'SHA-256 of the canonical input' })
  inputDigest!: string;

  @Field(() => String, { nullable: true })
  requestId!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Display name of the person (or the service) at the time; null on entries recorded before names were. Hashed only when not null',
  })
  actorName!: string | null;

  @Field(() => [AuditChangeView], {
    nullable: true,
    description: 'For an update: each field it changed, old and new value; null when none were recorded. Hashed only when not null',
  })
  changes!: AuditChangeView[] | null;

  @Field(() => String, {
    nullable: true,
    description:
      'For a refused attempt: the error code (e.g. FORBIDDEN, TASK_NOT_COMMITTED); nothing was changed. Null for a change made. Hashed only when not null',
  })
  refusal!: string | null;

  @Field()
  prevHash!: string;

  @Field()
  hash!: string;
}

export const { Connection: AuditEntryConnection } = connectionTypes('AuditEntry', AuditEntryView, { shareable: true });

@ArgsType()
export class AuditTrailArgs {
  @Field(() => Int, { nullable: true })
  first?: number | null;

  @Field(() => String, { nullable: true })
  after?: string | null;

  @Field(() => String, { nullable: true, description: 'e.g. drawInspectionTask' })
  action?: string | null;

  @Field(() => String, { nullable: true, description: 'Token subject' })
  actor?: string | null;

  @Field(() => String, { nullable: true, description: 'Exact subject, or a prefix ending in * (e.g. task:T2026-0001*)' })
  subject?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'true: only refused attempts; false: only changes made' })
  refused?: boolean | null;
}

/** Newest first, filtered in SQL. */
export async function auditTrailPage(em: EntityManager, args: AuditTrailArgs) {
  const limit = pageSize(args.first);
  const prefix = args.subject?.endsWith('*') ? args.subject.slice(0, -1) : null;
  // Built for each query: a LIKE condition serves one.
  const filter = (): FilterQuery<AuditEntry> => {
    const where: FilterQuery<AuditEntry>[] = [];
    if (args.action) where.push({ action: args.action });
    if (args.actor) where.push({ actor: args.actor });
    if (args.refused === true) where.push({ refusal: { $ne: null } });
    if (args.refused === false) where.push({ refusal: null });
    if (args.subject) where.push(prefix !== null ? likeCondition(em, AuditEntry, 'subject', prefixPattern(prefix)) : { subject: args.subject });
    return where.length ? { $and: where } : {};
  };
  const after = decodeIntegerCursor(args.after);
  const [rows, total] = await Promise.all([
    em.find(AuditEntry, after !== undefined ? { $and: [filter(), { seq: { $lt: after } }] } : filter(), { orderBy: { seq: 'desc' }, limit: limit + 1 }),
    em.count(AuditEntry, filter()),
  ]);
  return toPage(rows as AuditEntryView[], limit, total, (row) => String(row.seq));
}

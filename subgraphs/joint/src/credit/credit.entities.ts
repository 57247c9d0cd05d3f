import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';

/** 市场主体 — an entity across divisions, keyed by USCC; the name is the latest a directory gave. */
@Entity({ tableName: 'market_entity' })
export class MarketEntityRow {
  @PrimaryKey({ type: 'string', length: 18 })
  uscc!: string;

  @Property({ type: 'string', length: 200, nullable: true })
  name!: string | null;

  @Property({ type: 'string', length: 32 })
  updatedAt!: string;
}

/** 不良信用记录 — the entity's entry in one of the national lists; an active flag raises its risk. */
@Entity({ tableName: 'risk_flag' })
@Unique({ properties: ['uscc', 'flag'] })
export class RiskFlagRow {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'string', length: 18 })
  uscc!: string;

  @Property({ type: 'string', length: 40 })
  flag!: string;

  @Property({ type: 'boolean' })
  active!: boolean;

  @Property({ type: 'string', length: 300 })
  source!: string;

  @Property({ type: 'string', length: 10 })
  since!: string;

  @Property({ type: 'string', length: 10, nullable: true })
  until!: string | null;

  @Property({ type: 'string', length: 32 })
  updatedAt!: string;
}

/** 投诉举报 — a complaint about an entity; an open one lets a RANDOM draw take it again within the year. */
@Entity({ tableName: 'complaint' })
@Index({ properties: ['uscc'] })
@Index({ properties: ['receivedOn'] })
export class ComplaintRow {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'string', length: 18 })
  uscc!: string;

  @Property({ type: 'text' })
  summary!: string;

  @Property({ type: 'string', length: 10 })
  receivedOn!: string;

  @Property({ type: 'boolean' })
  open!: boolean;

  @Property({ type: 'string', length: 10, nullable: true })
  closedOn!: string | null;

  @Property({ type: 'string', length: 200 })
  filedBy!: string;
}

/** 信用记录 — a published result or a sanction, attached to the entity's name (归集到检查对象名下). */
@Entity({ tableName: 'credit_entry' })
@Index({ properties: ['uscc'] })
@Index({ properties: ['violation', 'date'] })
export class CreditEntryRow {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'string', length: 18 })
  uscc!: string;

  @Property({ type: 'string', length: 32 })
  kind!: string;

  @Property({ type: 'integer', nullable: true })
  publishedResult!: number | null;

  @Property({ type: 'string', length: 48, nullable: true })
  publication!: string | null;

  @Property({ type: 'string', length: 48, nullable: true })
  outcome!: string | null;

  @Property({ type: 'boolean' })
  violation!: boolean;

  @Property({ type: 'string', length: 10, index: true })
  date!: string;

  @Property({ type: 'string', length: 500 })
  summary!: string;

  @Property({ type: 'string', length: 200, nullable: true })
  referredTo!: string | null;
}

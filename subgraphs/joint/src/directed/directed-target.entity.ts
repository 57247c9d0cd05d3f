import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import type { DirectedBasis } from './directed-basis';

/**
 * 定向检查依据 of one entity named by a DIRECTED task. The task keeps the
 * USCCs it draws (`namedTargets`); this row says why each is named.
 */
@Entity({ tableName: 'directed_target' })
@Unique({ properties: ['task', 'uscc'] })
@Index({ properties: ['basis'] })
export class DirectedTargetRow {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'string', length: 32 })
  task!: string;

  @Property({ type: 'string', length: 18 })
  uscc!: string;

  @Property({ type: 'string', length: 16 })
  basis!: DirectedBasis;

  /** COMPLAINT: the complaint's id. Its summary and whoever filed it stay in the complaint register. */
  @Property({ type: 'integer', nullable: true })
  complaint: number | null = null;

  @Property({ type: 'string', length: 200, nullable: true })
  reference: string | null = null;

  @Property({ type: 'string', length: 500, nullable: true })
  note: string | null = null;
}

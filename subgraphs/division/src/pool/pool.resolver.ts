import type { EntityManager } from '@mikro-orm/core';
import { Arg, Authorized, Ctx, Directive, Query, Resolver } from 'type-graphql';
import { knexOf } from '../../../../common/orm';
import { likeCondition, whereLike } from '../../../../common/like';
import { listContains } from '../../../../common/string-list.type';
import { OwnDivision } from '../access';
import type { DivisionContext } from '../context';
import { ConflictDeclaration } from '../inspectors/conflict-declaration.entity';
import { Inspector } from '../inspectors/inspector.entity';
import { Target, TargetStatus } from '../targets/target.entity';
import { DirectoryStats, DrawPool, type PoolRow } from './draw-pool.type';

/**
 * Active entries carrying one of `categories`, as plain rows: a pool is the
 * whole directory, and building an entity per entry (identity map, hydration)
 * cost more than the query itself. Unordered: the draw puts its input in its
 * own order, and sorting here made the database sort the directory too.
 */
async function poolRows(em: EntityManager, categories: readonly string[]): Promise<PoolRow[]> {
  if (categories.length === 0) return [];
  const meta = em.getMetadata().get(Target.name);
  const column = (property: 'uscc' | 'name' | 'categories' | 'status') => meta.properties[property].fieldNames[0]!;
  const rows: Array<Record<string, string>> = await knexOf(em)(meta.tableName)
    .select(column('uscc'), column('name'), column('categories'))
    .where(column('status'), TargetStatus.ACTIVE)
    .andWhere((any) => {
      for (const category of categories) any.orWhere((one) => whereLike(one, column('categories'), listContains(category)));
    });
  return rows.map((row) => [row[column('uscc')]!, row[column('name')]!, row[column('categories')]!] as const);
}

@Resolver()
export class PoolResolver {
  /**
   * Internal: the joint subgraph calls it directly on this instance while drawing.
   * `@inaccessible` keeps it out of the gateway's public schema.
   */
  @Authorized('service')
  @Directive('@inaccessible')
  @Query(() => DrawPool, { description: 'Pool for a draw (internal, services only)' })
  async drawPool(@OwnDivision() division: string, @Arg('categories', () => [String]) categories: string[], @Ctx() context: DivisionContext): Promise<DrawPool> {
    const { em } = context;
    const [rows, inspectors, conflicts] = await Promise.all([
      poolRows(em, categories),
      em.find(Inspector, { active: true }, { orderBy: { id: 'asc' }, disableIdentityMap: true }),
      // Only standing declarations: a withdrawn one no longer keeps the inspector away.
      em.find(ConflictDeclaration, { withdrawnAt: null }, { disableIdentityMap: true }),
    ]);
    const conflictsOf = new Map<string, string[]>();
    for (const conflict of conflicts) conflictsOf.set(conflict.inspector, [...(conflictsOf.get(conflict.inspector) ?? []), conflict.uscc]);
    return Object.assign(new DrawPool(), {
      division,
      rows,
      inspectors: inspectors.map(({ id, expertise, certificateValidUntil }) => ({
        id,
        expertise,
        certificateValidUntil,
        conflicts: conflictsOf.get(id) ?? [],
      })),
    });
  }

  /** Internal: counted in SQL for the joint office's coverage statistics. */
  @Authorized('service')
  @Directive('@inaccessible')
  @Query(() => DirectoryStats, { description: 'Directory sizes (internal, services only)' })
  async directoryStats(
    @OwnDivision() division: string,
    @Arg('categories', () => [String]) categories: string[],
    @Ctx() context: DivisionContext,
  ): Promise<DirectoryStats> {
    const { em } = context;
    const counts = await Promise.all(
      categories.map(async (category) => ({
        category,
        active: await em.count(Target, { $and: [{ status: TargetStatus.ACTIVE }, likeCondition(em, Target, 'categories', listContains(category))] }),
      })),
    );
    return { division, categories: counts, activeInspectors: await em.count(Inspector, { active: true }) };
  }
}

import type { FilterQuery } from '@mikro-orm/core';
import { Arg, Authorized, Ctx, Directive, ID, Query, Resolver } from 'type-graphql';
import { listContains } from '../../../common/src/string-list.type';
import { assertOwnDivision } from '../access';
import type { DivisionContext } from '../context';
import { ConflictDeclaration } from '../inspectors/conflict-declaration.entity';
import { Inspector } from '../inspectors/inspector.entity';
import { Target, TargetStatus } from '../targets/target.entity';
import { DirectoryStats, DrawPool } from './draw-pool.type';

@Resolver()
export class PoolResolver {
  /**
   * Internal: the joint subgraph calls it directly on this instance while drawing.
   * `@inaccessible` keeps it out of the gateway's public schema.
   */
  @Authorized('service')
  @Directive('@inaccessible')
  @Query(() => DrawPool, { description: 'Pool for a draw (internal, services only)' })
  async drawPool(
    @Arg('division', () => ID) division: string,
    @Arg('categories', () => [String]) categories: string[],
    @Ctx() context: DivisionContext,
  ): Promise<DrawPool> {
    assertOwnDivision(context, division);
    const { em } = context;
    const byCategory = categories.map((category) => ({ categories: { $like: listContains(category) } }) as FilterQuery<Target>);
    const [targets, inspectors, conflicts] = await Promise.all([
      byCategory.length ? em.find(Target, { status: TargetStatus.ACTIVE, $or: byCategory }, { orderBy: { uscc: 'asc' }, disableIdentityMap: true }) : [],
      em.find(Inspector, { active: true }, { orderBy: { id: 'asc' }, disableIdentityMap: true }),
      em.find(ConflictDeclaration, {}, { disableIdentityMap: true }),
    ]);
    const conflictsOf = new Map<string, string[]>();
    for (const conflict of conflicts) conflictsOf.set(conflict.inspector, [...(conflictsOf.get(conflict.inspector) ?? []), conflict.uscc]);
    return {
      division,
      targets: targets.map(({ uscc, name, categories: own }) => ({ uscc, name, categories: own })),
      inspectors: inspectors.map(({ id, expertise, certificateValidUntil }) => ({ id, expertise, certificateValidUntil, conflicts: conflictsOf.get(id) ?? [] })),
    };
  }

  /** Internal: counted in SQL for the joint office's coverage statistics. */
  @Authorized('service')
  @Directive('@inaccessible')
  @Query(() => DirectoryStats, { description: 'Directory sizes (internal, services only)' })
  async directoryStats(
    @Arg('division', () => ID) division: string,
    @Arg('categories', () => [String]) categories: string[],
    @Ctx() context: DivisionContext,
  ): Promise<DirectoryStats> {
    assertOwnDivision(context, division);
    const { em } = context;
    const counts = await Promise.all(
      categories.map(async (category) => ({
        category,
        active: await em.count(Target, { status: TargetStatus.ACTIVE, categories: { $like: listContains(category) } } as FilterQuery<Target>),
      })),
    );
    return { division, categories: counts, activeInspectors: await em.count(Inspector, { active: true }) };
  }
}

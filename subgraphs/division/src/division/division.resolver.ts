import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, ArgsType, Authorized, Ctx, Directive, Field, FieldResolver, Info, Int, Query, Resolver, Root } from 'type-graphql';
import { neverCache } from '../../../../common/cache-hints';
import { cost, listSize, PAGE } from '../../../../common/demand-control';
import type { FilterQuery } from '@mikro-orm/core';
import { verifyAuditChain } from '../../../../common/audit/audit-log';
import { AuditChainReport } from '../../../../common/audit/audit-report';
import { likeCondition } from '../../../../common/like';
import { DateScalar } from '../../../../common/scalars';
import { cleanFilterText, containsPattern, prefixPattern } from '../../../../common/text';
import { AuditEntryConnection, AuditTrailArgs, auditTrailPage } from '../../../../common/audit/audit-trail';
import { unauthenticated } from '../../../../common/errors';
import { connectionTypes } from '../../../../common/pagination';
import { listContains } from '../../../../common/string-list.type';
import { isAuthenticated } from '../../../../common/viewer';
import { assertCanReadDirectory, OwnDivision } from '../access';
import { CheckItem } from '../checklist/check-item.entity';
import type { DivisionContext } from '../context';
import { keysetPage } from '../directory-query';
import { Inspector } from '../inspectors/inspector.entity';
import { PlanEntry } from '../plan/plan-entry.entity';
import { Target, TargetStatus } from '../targets/target.entity';
import { Division } from './division.type';

export const { Connection: TargetConnection } = connectionTypes('Target', Target);
export const { Connection: InspectorConnection } = connectionTypes('Inspector', Inspector);

@ArgsType()
class PageArgs {
  @Field(() => Int, { nullable: true, description: 'Page size, default 50, at most 500' })
  first?: number | null;

  @Field(() => String, { nullable: true })
  after?: string | null;
}

@ArgsType()
class TargetArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'Only entries carrying this category' })
  category?: string | null;

  @Field(() => String, { nullable: true, description: 'Part of the name, or the start of the USCC' })
  search?: string | null;

  @Field(() => TargetStatus, { nullable: true })
  status?: TargetStatus | null;
}

@ArgsType()
class InspectorArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'Part of the name, or the start of the id' })
  search?: string | null;

  @Field(() => Boolean, { nullable: true })
  active?: boolean | null;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'Only inspectors whose 执法证 ends before this date: with active: true, the report of certificates to renew before tasks run past them',
  })
  certificateValidBefore?: string | null;
}

@Resolver(() => Division)
export class DivisionResolver {
  @Query(() => Division, { nullable: true, description: 'One division, by code (public)' })
  division(@OwnDivision('code') code: string, @Ctx() context: DivisionContext): Division {
    return { ...context.division };
  }

  @Query(() => [Division], { description: 'Every division (public)' })
  divisions(@Ctx() context: DivisionContext): Division[] {
    return [{ ...context.division }];
  }

  @Directive(listSize(50))
  @FieldResolver(() => [CheckItem], { description: '抽查事项清单 — active items are public; inactive ones need a sign-in' })
  async checklist(
    @Root() division: Division,
    @Ctx() context: DivisionContext,
    @Arg('includeInactive', () => Boolean, { defaultValue: false }) includeInactive: boolean,
    @Info() info: GraphQLResolveInfo,
  ): Promise<CheckItem[]> {
    if (includeInactive && !isAuthenticated(context.viewer)) throw unauthenticated();
    // Inactive items are not published: such a list is never cached, whoever asks.
    if (includeInactive) neverCache(info);
    return context.em.find(CheckItem, includeInactive ? {} : { active: true }, { orderBy: { code: 'asc' } });
  }

  @Directive(PAGE)
  @FieldResolver(() => TargetConnection, { description: '检查对象名录库' })
  async targets(@Root() division: Division, @Args() args: TargetArgs, @Ctx() context: DivisionContext) {
    assertCanReadDirectory(context.viewer, division.code);
    const { em } = context;
    const category = cleanFilterText(args.category, 'category', '类别');
    const search = cleanFilterText(args.search);
    const where = (): FilterQuery<Target> => {
      const conditions: FilterQuery<Target>[] = [];
      // A label never holds the list separator, so such a category matches nothing.
      if (category) conditions.push(category.includes('|') ? { uscc: { $in: [] } } : likeCondition(em, Target, 'categories', listContains(category)));
      if (args.status) conditions.push({ status: args.status });
      if (search)
        conditions.push({
          $or: [likeCondition(em, Target, 'name', containsPattern(search)), likeCondition(em, Target, 'uscc', prefixPattern(search.toUpperCase()))],
        });
      return conditions.length ? { $and: conditions } : {};
    };
    return keysetPage(em, Target, 'uscc', where, args.first, args.after);
  }

  @Directive(PAGE)
  @FieldResolver(() => InspectorConnection, { description: '执法检查人员名录库' })
  async inspectors(@Root() division: Division, @Args() args: InspectorArgs, @Ctx() context: DivisionContext) {
    assertCanReadDirectory(context.viewer, division.code);
    const { em } = context;
    const search = cleanFilterText(args.search);
    const where = (): FilterQuery<Inspector> => {
      const conditions: FilterQuery<Inspector>[] = [];
      if (args.active !== null && args.active !== undefined) conditions.push({ active: args.active });
      if (args.certificateValidBefore) conditions.push({ certificateValidUntil: { $lt: args.certificateValidBefore } });
      if (search)
        conditions.push({
          $or: [likeCondition(em, Inspector, 'name', containsPattern(search)), likeCondition(em, Inspector, 'id', prefixPattern(search.toUpperCase()))],
        });
      return conditions.length ? { $and: conditions } : {};
    };
    return keysetPage(em, Inspector, 'id', where, args.first, args.after);
  }

  @Authorized()
  @Directive(listSize(50))
  @FieldResolver(() => [PlanEntry], { description: '年度随机抽查计划' })
  async annualPlan(@Root() division: Division, @Arg('year', () => Int) year: number, @Ctx() context: DivisionContext): Promise<PlanEntry[]> {
    return context.em.find(PlanEntry, { year }, { orderBy: { periodStart: 'asc', id: 'asc' } });
  }

  @Authorized('supervisor')
  @Directive(PAGE)
  @FieldResolver(() => AuditEntryConnection, { description: '审计记录 of this division, newest first (supervisors)' })
  auditTrail(@Root() division: Division, @Args() args: AuditTrailArgs, @Ctx() context: DivisionContext) {
    return auditTrailPage(context.em, args);
  }

  @Authorized('supervisor')
  @Directive(cost(1000))
  @FieldResolver(() => AuditChainReport, { description: "Verifies this division's audit log (supervisors)" })
  async auditChain(@Root() division: Division, @Ctx() context: DivisionContext): Promise<AuditChainReport> {
    return verifyAuditChain(context.em);
  }
}

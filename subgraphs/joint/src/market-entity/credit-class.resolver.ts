import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, Info, Mutation, Resolver, Root } from 'type-graphql';
import { requireRole } from '../../../../common/auth';
import { neverCache } from '../../../../common/cache-hints';
import { DateScalar } from '../../../../common/scalars';
import type { JointContext } from '../context';
import { MarketEntity } from './market-entity.types';
import { importCreditClasses, setCreditClass } from '../credit/credit-class-service';
import { CreditClassImportReport, CreditClassInput, CreditClassification } from '../credit/credit-class.types';
import { CreditRiskClass } from '../credit/credit-risk-class';

/** 企业信用风险分类 of market entities: the class in force, and how the joint office records it. */
@Resolver(() => MarketEntity)
export class CreditClassResolver {
  /**
   * Coordinators and supervisors only, like 投诉举报: a class can tell that an
   * entity is likely to be inspected, or why. Anyone else gets FORBIDDEN (or
   * UNAUTHENTICATED). Never cached, whatever the entity's other fields allow.
   */
  @FieldResolver(() => CreditClassification, {
    nullable: true,
    description: '企业信用风险分类 in force (coordinators and supervisors); null when none was imported',
  })
  async creditClass(@Root() entity: MarketEntity, @Ctx() context: JointContext, @Info() info: GraphQLResolveInfo): Promise<CreditClassification | null> {
    neverCache(info);
    requireRole(context.viewer, 'coordinator', 'supervisor');
    const [current] = await context.loaders.creditClassesOfEntity.load(entity.uscc);
    return current ? { riskClass: current.riskClass as CreditRiskClass, source: current.source, assessedOn: current.assessedOn } : null;
  }

  @Mutation(() => MarketEntity, { description: '设置企业信用风险分类 (coordinator): a new assessment supersedes the one in force, which stays in the history' })
  async setCreditClass(
    @Arg('uscc', () => String) uscc: string,
    @Arg('riskClass', () => CreditRiskClass) riskClass: CreditRiskClass,
    @Arg('source', () => String) source: string,
    @Arg('assessedOn', () => DateScalar) assessedOn: string,
    @Ctx() context: JointContext,
  ): Promise<MarketEntity> {
    const code = await setCreditClass(context, { uscc, riskClass, source, assessedOn });
    const row = await context.loaders.entity.load(code);
    return { uscc: code, name: row?.name ?? null };
  }

  @Mutation(() => CreditClassImportReport, {
    description: '批量导入企业信用风险分类 (coordinator): all rows or none, at most 5000 per call; the same sheet again changes nothing',
  })
  importCreditClasses(@Arg('rows', () => [CreditClassInput]) rows: CreditClassInput[], @Ctx() context: JointContext): Promise<CreditClassImportReport> {
    return importCreditClasses(context, rows);
  }
}

import { Arg, Ctx, Directive, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { listSize } from '../../../../common/demand-control';
import { DateScalar } from '../../../../common/scalars';
import { requireRole } from '../../../../common/auth';
import { Assignment } from '../assignments/assignment.entity';
import type { JointContext } from '../context';
import { OUTCOME_LABELS, type ResultOutcome } from '../results/outcomes';
import { InspectionTask } from '../tasks/inspection-task.entity';
import { TaskStatus } from '../tasks/task-enums';
import { ComplaintRow, CreditEntryRow, MarketEntityRow, RiskFlagRow } from '../credit/credit.entities';
import { cleanUscc, closeComplaint, fileComplaint, setRiskFlag } from './credit-service';
import { publicEntity, seesInternalEntityFacts } from './public-entity';
import { Complaint, CreditEntry, MarketEntity, RISK_FLAG_LABELS, RiskFlag, RiskFlagKind } from './market-entity.types';

function complaintView(row: ComplaintRow): Complaint {
  return { id: String(row.id), uscc: row.uscc, summary: row.summary, receivedOn: row.receivedOn, open: row.open, closedOn: row.closedOn };
}

@Resolver(() => MarketEntity)
export class MarketEntityResolver {
  @Query(() => MarketEntity, {
    nullable: true,
    description: 'An entity by USCC, with its public credit record; for the public only entities with a published result or a public risk listing',
  })
  async marketEntity(@Arg('uscc', () => String) uscc: string, @Ctx() context: JointContext): Promise<MarketEntity | null> {
    const code = cleanUscc(uscc);
    if (!seesInternalEntityFacts(context.viewer)) return publicEntity(context.em, code);
    const row = await context.loaders.entity.load(code);
    return row ? { uscc: row.uscc, name: row.name } : null;
  }

  @FieldResolver(() => [RiskFlag], { description: 'Listings in the national bad-credit lists (public registers)' })
  async riskFlags(@Root() entity: MarketEntity, @Ctx() context: JointContext): Promise<RiskFlag[]> {
    const rows = await context.em.find(RiskFlagRow, { uscc: entity.uscc }, { orderBy: { flag: 'asc' } });
    return rows.map((row) => ({
      flag: row.flag as RiskFlagKind,
      label: RISK_FLAG_LABELS[row.flag as RiskFlagKind],
      active: row.active,
      source: row.source,
      since: row.since,
      until: row.until,
    }));
  }

  @Directive(listSize(20))
  @FieldResolver(() => [Complaint], { description: '投诉举报 (coordinators and supervisors)' })
  async complaints(@Root() entity: MarketEntity, @Ctx() context: JointContext): Promise<Complaint[]> {
    requireRole(context.viewer, 'coordinator', 'supervisor');
    return (await context.em.find(ComplaintRow, { uscc: entity.uscc }, { orderBy: { receivedOn: 'desc' } })).map(complaintView);
  }

  @Directive(listSize(50))
  @FieldResolver(() => [CreditEntry], { description: '信用记录 — published results and amendments, newest first' })
  async creditRecord(@Root() entity: MarketEntity, @Ctx() context: JointContext): Promise<CreditEntry[]> {
    const rows = await context.em.find(CreditEntryRow, { uscc: entity.uscc }, { orderBy: { date: 'desc', id: 'desc' } });
    return rows.map((row) => ({
      kind: row.kind,
      date: row.date,
      summary: row.summary,
      outcome: row.outcome as ResultOutcome | null,
      outcomeLabel: row.outcome ? OUTCOME_LABELS[row.outcome as ResultOutcome] : null,
      violation: row.violation,
      publication: row.publication,
      referredTo: row.referredTo,
    }));
  }

  @FieldResolver(() => Boolean, { description: 'Drawn in a non-cancelled task of that year (coordinators, supervisors, division admins)' })
  async inspectedIn(@Root() entity: MarketEntity, @Arg('year', () => Int) year: number, @Ctx() context: JointContext): Promise<boolean> {
    requireRole(context.viewer, 'coordinator', 'supervisor', 'division_admin');
    const assignments = await context.em.find(Assignment, { uscc: entity.uscc, year }, { fields: ['task'] });
    if (assignments.length === 0) return false;
    return (await context.em.count(InspectionTask, { id: { $in: assignments.map((row) => row.task) }, status: { $ne: TaskStatus.CANCELLED } })) > 0;
  }

  @Mutation(() => Complaint, { description: '登记投诉举报 (coordinator)' })
  async fileComplaint(
    @Arg('uscc', () => String) uscc: string,
    @Arg('summary', () => String) summary: string,
    @Arg('receivedOn', () => DateScalar) receivedOn: string,
    @Ctx() context: JointContext,
  ): Promise<Complaint> {
    return complaintView(await fileComplaint(context, uscc, summary, receivedOn));
  }

  @Mutation(() => Complaint, { description: '办结投诉 (coordinator)' })
  async closeComplaint(@Arg('id', () => ID) id: string, @Ctx() context: JointContext): Promise<Complaint> {
    return complaintView(await closeComplaint(context, id));
  }

  @Mutation(() => MarketEntity, { description: '设置不良信用记录 (coordinator)' })
  async setRiskFlag(
    @Arg('uscc', () => String) uscc: string,
    @Arg('flag', () => RiskFlagKind) flag: RiskFlagKind,
    @Arg('active', () => Boolean) active: boolean,
    @Arg('source', () => String) source: string,
    @Ctx() context: JointContext,
  ): Promise<MarketEntity> {
    const code = await setRiskFlag(context, uscc, flag, active, source);
    const row = await context.em.fork().findOne(MarketEntityRow, { uscc: code });
    return { uscc: code, name: row?.name ?? null };
  }
}

/** The drawn entity of an assignment, as a market entity with its credit record. */
@Resolver(() => Assignment)
export class AssignmentEntityResolver {
  @FieldResolver(() => MarketEntity)
  entity(@Root() assignment: Assignment): MarketEntity {
    return { uscc: assignment.uscc, name: assignment.entityName };
  }
}

import { Arg, Args, ArgsType, Ctx, Directive, Field, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { listSize, PAGE } from '../../../../common/demand-control';
import { forbidden } from '../../../../common/errors';
import { decodeCursor, pageSize, toPage } from '../../../../common/pagination';
import { hasRole } from '../../../../common/viewer';
import { requireRole } from '../../../../common/auth';
import { canSeeAssignment } from '../access';
import type { JointContext } from '../context';
import { MarketEntity } from '../credit/market-entity.types';
import { CheckItem, Inspector, Target } from '../divisions/division-refs';
import { InspectionResult, resultView } from '../results/inspection-result.type';
import { InspectionTask } from '../tasks/inspection-task.entity';
import { AssignmentConnection } from '../tasks/task.resolver';
import { Assignment, AssignmentMember } from './assignment.entity';

@ArgsType()
class PageArgs {
  @Field(() => Int, { nullable: true })
  first?: number | null;

  @Field(() => String, { nullable: true })
  after?: string | null;
}

@Resolver(() => Assignment)
export class AssignmentResolver {
  @Directive(PAGE)
  @Query(() => AssignmentConnection, { description: "The signed-in inspector's assignments (我的检查任务), newest task first" })
  async myAssignments(@Args() args: PageArgs, @Ctx() context: JointContext) {
    requireRole(context.viewer, 'inspector');
    const { viewer, em } = context;
    const limit = pageSize(args.first);
    const after = decodeCursor(args.after);
    const where = { division: viewer.division!, inspector: viewer.inspector! };
    const [members, total] = await Promise.all([
      em.find(AssignmentMember, after ? { ...where, assignment: { $lt: after } } : where, { orderBy: { assignment: 'desc' }, limit: limit + 1 }),
      em.count(AssignmentMember, where),
    ]);
    const assignments = await context.loaders.assignment.loadMany(members.map((member) => member.assignment));
    return toPage(
      assignments.filter((row): row is Assignment => row instanceof Assignment),
      limit,
      total,
      (assignment) => assignment.id,
    );
  }

  @FieldResolver(() => InspectionTask)
  async task(@Root() assignment: Assignment, @Ctx() context: JointContext): Promise<InspectionTask> {
    return (await context.loaders.task.load(assignment.task))!;
  }

  @FieldResolver(() => MarketEntity)
  entity(@Root() assignment: Assignment): MarketEntity {
    return { uscc: assignment.uscc, name: assignment.entityName };
  }

  @Directive(listSize(5))
  @FieldResolver(() => [Target], { nullable: 'items', description: "The entity's entry in each division's directory" })
  targets(@Root() assignment: Assignment): Target[] {
    return assignment.divisionCodes.map((division) => ({ division, uscc: assignment.uscc }));
  }

  @Directive(listSize(5))
  @FieldResolver(() => [CheckItem], { nullable: 'items', description: 'The task items that apply to this entity' })
  items(@Root() assignment: Assignment): CheckItem[] {
    return assignment.itemKeys.map(({ division, code }) => ({ division, code }));
  }

  @Directive(listSize(6))
  @FieldResolver(() => [Inspector], { nullable: 'items', description: '检查组 — the drawn team' })
  inspectors(@Root() assignment: Assignment, @Ctx() context: JointContext): Inspector[] {
    if (!canSeeAssignment(context.viewer, assignment)) throw forbidden('无权查看检查组 (you may not see this team)');
    return assignment.team.map(({ division, id }) => ({ division, id }));
  }

  @Directive(listSize(5))
  @FieldResolver(() => [InspectionResult])
  async results(@Root() assignment: Assignment, @Ctx() context: JointContext): Promise<InspectionResult[]> {
    if (!canSeeAssignment(context.viewer, assignment)) throw forbidden('无权查看检查结果 (you may not see these results before publication)');
    return (await context.loaders.resultsOfAssignment.load(assignment.id)).map(resultView);
  }

  @FieldResolver(() => Boolean, { description: 'Every item has a result' })
  async complete(@Root() assignment: Assignment, @Ctx() context: JointContext): Promise<boolean> {
    const results = await context.loaders.resultsOfAssignment.load(assignment.id);
    return assignment.itemKeys.every((item) => results.some((result) => result.itemDivision === item.division && result.itemCode === item.code));
  }
}

/** Fields the joint subgraph adds to the division subgraph's directory entries. */
@Resolver(() => Target)
export class TargetInspectionsResolver {
  // Drawn at most once a year (rule 3), so a handful over the years.
  @Directive(listSize(5))
  @FieldResolver(() => [Assignment], { description: 'Inspections this entry was drawn for (joint subgraph)' })
  async inspections(@Root() target: Target, @Ctx() context: JointContext): Promise<Assignment[]> {
    requireRole(context.viewer, 'coordinator', 'supervisor', 'division_admin');
    if (hasRole(context.viewer, 'division_admin') && !hasRole(context.viewer, 'coordinator', 'supervisor') && context.viewer.division !== target.division)
      throw forbidden();
    const assignments = await context.loaders.assignmentsOfEntity.load(target.uscc);
    return assignments.filter((assignment) => assignment.divisionCodes.includes(target.division));
  }
}

@Resolver(() => Inspector)
export class InspectorAssignmentsResolver {
  @Directive(listSize(50))
  @FieldResolver(() => [Assignment], { description: 'Assignments of this inspector, optionally in one year (joint subgraph)' })
  async assignments(
    @Root() inspector: Inspector,
    @Arg('year', () => Int, { nullable: true }) year: number | null,
    @Ctx() context: JointContext,
  ): Promise<Assignment[]> {
    const { viewer } = context;
    const self = hasRole(viewer, 'inspector') && viewer.division === inspector.division && viewer.inspector === inspector.id;
    const ownAdmin = hasRole(viewer, 'division_admin') && viewer.division === inspector.division;
    if (!(self || ownAdmin || hasRole(viewer, 'coordinator', 'supervisor')))
      throw forbidden("无权查看该检查人员的任务 (you may not see this inspector's assignments)");
    const ids = await context.loaders.membershipsOfInspector.load(`${inspector.division}|${inspector.id}|${year ?? ''}`);
    const rows = await context.loaders.assignment.loadMany(ids);
    return rows.filter((row): row is Assignment => row instanceof Assignment);
  }
}

import type { FilterQuery } from '@mikro-orm/core';
import { Arg, Args, ArgsType, Ctx, Directive, Field, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { listSize, PAGE } from '../../../../common/demand-control';
import { forbidden } from '../../../../common/errors';
import { connectionTypes, decodeCursor, pageSize, toPage } from '../../../../common/pagination';
import { hasRole } from '../../../../common/viewer';
import { likeCondition } from '../../../../common/like';
import { listContains } from '../../../../common/string-list.type';
import { canSeeTaskDetails } from '../tasks/task-access';
import { requireRole } from '../../../../common/auth';
import { canSeeAssignment } from './assignment-access';
import type { JointContext } from '../context';
import { CheckItem, Inspector, Target } from '../divisions/division-refs';
import { InspectionTask } from '../tasks/inspection-task.entity';
import { Assignment, AssignmentMember } from './assignment.entity';

export const { Connection: AssignmentConnection } = connectionTypes('Assignment', Assignment);

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

@ArgsType()
class AssignmentPageArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: "Only entities in this division's directory" })
  division?: string | null;
}

/** The assignments of a task, for those who run it and their teams. */
@Resolver(() => InspectionTask)
export class TaskAssignmentsResolver {
  @Directive(PAGE)
  @FieldResolver(() => AssignmentConnection, { description: 'The drawn entities with their teams' })
  async assignments(@Root() task: InspectionTask, @Args() args: AssignmentPageArgs, @Ctx() context: JointContext) {
    const { viewer, em } = context;
    if (!canSeeTaskDetails(viewer, task)) throw forbidden("无权查看本任务的检查对象和检查组 (you may not see this task's assignments)");
    const limit = pageSize(args.first);
    let mine: string[] | undefined;
    const onlyOwn = hasRole(viewer, 'inspector') && !viewer.service && !hasRole(viewer, 'coordinator', 'supervisor', 'division_admin', 'reviewer');
    if (onlyOwn) {
      const members = await em.find(AssignmentMember, { task: task.id, division: viewer.division, inspector: viewer.inspector }, { fields: ['assignment'] });
      mine = members.map((member) => member.assignment);
    }
    // Built for each query: a LIKE condition serves one.
    const where = (): FilterQuery<Assignment>[] => {
      const conditions: FilterQuery<Assignment>[] = [{ task: task.id }];
      if (args.division) conditions.push(likeCondition(em, Assignment, 'divisionCodes', listContains(args.division)));
      if (mine) conditions.push({ id: { $in: mine } });
      return conditions;
    };
    const after = decodeCursor(args.after);
    const [rows, total] = await Promise.all([
      em.find(Assignment, { $and: after ? [...where(), { id: { $gt: after } }] : where() }, { orderBy: { id: 'asc' }, limit: limit + 1 }),
      em.count(Assignment, { $and: where() }),
    ]);
    return toPage(rows, limit, total, (assignment) => assignment.id);
  }
}

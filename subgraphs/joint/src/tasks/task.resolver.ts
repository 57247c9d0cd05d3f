import type { FilterQuery } from '@mikro-orm/core';
import { Arg, Args, ArgsType, Ctx, Directive, Field, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { shanghaiDate } from '../../../../common/dates';
import { PAGE } from '../../../../common/demand-control';
import { likeCondition } from '../../../../common/like';
import { connectionTypes, decodeCursor, pageSize, toPage } from '../../../../common/pagination';
import { listContains } from '../../../../common/string-list.type';
import { cleanFilterText, containsPattern, prefixPattern } from '../../../../common/text';
import { hasRole } from '../../../../common/viewer';
import type { JointContext } from '../context';
import { CheckItem, Division } from '../divisions/division-refs';
import { InspectionTask } from './inspection-task.entity';
import { canSeeTask, canSeeTaskDetails, visibleTasksFilter } from './task-access';
import { InspectionTaskInput } from './task.input';
import { TaskStatus } from './task-enums';
import { cancelTask, createTask, decideCancellation, updateTask } from './task-service';
import { cancellationView, TaskCancellation } from './task-cancellation';
import { TaskProgress } from './task-progress';
import { TaskWarning, taskWarnings } from './task-warnings';

export const { Connection: InspectionTaskConnection } = connectionTypes('InspectionTask', InspectionTask);

@ArgsType()
class TaskListArgs {
  @Field(() => Int, { nullable: true })
  year?: number | null;

  @Field(() => TaskStatus, { nullable: true })
  status?: TaskStatus | null;

  @Field(() => String, { nullable: true, description: 'Part of the task name, or the start of its id (T2026-00…)' })
  search?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only tasks this division takes part in' })
  division?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'true: drawn tasks past their results deadline (resultsDueBy) and not yet published; false: every other task',
  })
  overdue?: boolean | null;

  @Field(() => Int, { nullable: true })
  first?: number | null;

  @Field(() => String, { nullable: true })
  after?: string | null;
}

@Resolver(() => InspectionTask)
export class InspectionTaskResolver {
  @Query(() => InspectionTask, { nullable: true, description: 'One task; drafts only for the office and its divisions' })
  async inspectionTask(@Arg('id', () => ID) id: string, @Ctx() context: JointContext): Promise<InspectionTask | null> {
    const task = await context.loaders.task.load(id);
    return task && canSeeTask(context.viewer, task) ? task : null;
  }

  @Directive(PAGE)
  @Query(() => InspectionTaskConnection, {
    description: 'Tasks, newest first; the public sees tasks from their commitment on (not drafts, nor drafts cancelled before commitment)',
  })
  async inspectionTasks(@Args() args: TaskListArgs, @Ctx() context: JointContext) {
    const { viewer, em } = context;
    const limit = pageSize(args.first);
    const after = decodeCursor(args.after);
    const search = cleanFilterText(args.search);
    const today = shanghaiDate(context.now());
    // Built for each query: a LIKE condition serves one.
    const filter = (): FilterQuery<InspectionTask> => {
      const where: FilterQuery<InspectionTask>[] = [];
      if (args.year) where.push({ year: args.year });
      if (args.status) where.push({ status: args.status });
      if (search) {
        where.push({
          $or: [
            likeCondition(em, InspectionTask, 'name', containsPattern(search)),
            likeCondition(em, InspectionTask, 'id', prefixPattern(search.toUpperCase())),
          ],
        });
      }
      if (args.division) where.push(likeCondition(em, InspectionTask, 'divisionCodes', listContains(args.division.trim().toUpperCase())));
      if (args.overdue !== null && args.overdue !== undefined) {
        where.push(
          args.overdue
            ? { status: TaskStatus.DRAWN, resultsDueBy: { $lt: today } }
            : { $or: [{ status: { $ne: TaskStatus.DRAWN } }, { resultsDueBy: null }, { resultsDueBy: { $gte: today } }] },
        );
      }
      const visible = visibleTasksFilter(em, viewer);
      if (visible) where.push(visible);
      return where.length ? { $and: where } : {};
    };
    const [rows, total] = await Promise.all([
      em.find(InspectionTask, after ? { $and: [filter(), { id: { $lt: after } }] } : filter(), { orderBy: { id: 'desc' }, limit: limit + 1 }),
      em.count(InspectionTask, filter()),
    ]);
    return toPage(rows, limit, total, (task) => task.id);
  }

  @Mutation(() => InspectionTask, { description: '创建抽查任务 (coordinator)' })
  createInspectionTask(@Arg('input', () => InspectionTaskInput) input: InspectionTaskInput, @Ctx() context: JointContext) {
    return createTask(context, input);
  }

  @Mutation(() => InspectionTask, { description: '修改草拟中的抽查任务 (coordinator; DRAFT only)' })
  updateInspectionTask(@Arg('id', () => ID) id: string, @Arg('input', () => InspectionTaskInput) input: InspectionTaskInput, @Ctx() context: JointContext) {
    return updateTask(context, id, input);
  }

  @Mutation(() => InspectionTask, {
    description:
      "撤销抽查任务 (coordinator; not after publication). Before the declared beacon's date it cancels; from that date on, and after the draw, it requests the cancellation a supervisor decides",
  })
  cancelInspectionTask(@Arg('id', () => ID) id: string, @Arg('reason', () => String) reason: string, @Ctx() context: JointContext) {
    return cancelTask(context, id, reason);
  }

  @Mutation(() => InspectionTask, {
    description: '批准撤销申请 (supervisor, not the requester): the task is cancelled, and the record of its draw, if any, public',
  })
  approveCancellation(@Arg('id', () => ID) id: string, @Arg('note', () => String) note: string, @Ctx() context: JointContext) {
    return decideCancellation(context, id, true, note);
  }

  @Mutation(() => InspectionTask, {
    description: '驳回撤销申请 (supervisor, not the requester): the task is drawn again (committed again if never drawn), the request cleared',
  })
  rejectCancellation(@Arg('id', () => ID) id: string, @Arg('note', () => String) note: string, @Ctx() context: JointContext) {
    return decideCancellation(context, id, false, note);
  }

  @FieldResolver(() => TaskCancellation, { nullable: true, description: '撤销记录 — null unless cancelled or a cancellation is requested' })
  cancellation(@Root() task: InspectionTask): TaskCancellation | null {
    return cancellationView(task);
  }

  @FieldResolver(() => Boolean, { description: 'More than one division takes part (联合抽查)' })
  isJoint(@Root() task: InspectionTask): boolean {
    return task.divisionCodes.length > 1;
  }

  @FieldResolver(() => [Division], { nullable: 'items' })
  divisions(@Root() task: InspectionTask): Division[] {
    return task.divisionCodes.map((code) => ({ code }));
  }

  @FieldResolver(() => [CheckItem], { nullable: 'items' })
  items(@Root() task: InspectionTask): CheckItem[] {
    return task.itemSnapshots.map(({ division, code }) => ({ division, code }));
  }

  @FieldResolver(() => TaskProgress, {
    nullable: true,
    description: "录入进度 once drawn, for the office and the task's divisions (and everyone once published); null before the draw",
  })
  async progress(@Root() task: InspectionTask, @Ctx() context: JointContext): Promise<TaskProgress | null> {
    if (![TaskStatus.DRAWN, TaskStatus.CANCELLATION_REQUESTED, TaskStatus.PUBLISHED, TaskStatus.CANCELLED].includes(task.status)) return null;
    const visible = task.status === TaskStatus.PUBLISHED || canSeeTaskDetails(context.viewer, task) || hasRole(context.viewer, 'analyst');
    if (!visible) return null;
    if (!(await context.loaders.draw.load(task.id))) return null;
    return context.loaders.taskProgress.load(task.id);
  }

  @FieldResolver(() => [TaskWarning], {
    description: "提示 — e.g. a ratio below an item's published 抽查比例, or a deadline in a year without an official calendar",
  })
  async warnings(@Root() task: InspectionTask, @Ctx() context: JointContext): Promise<TaskWarning[]> {
    return taskWarnings(task, await context.calendar());
  }
}

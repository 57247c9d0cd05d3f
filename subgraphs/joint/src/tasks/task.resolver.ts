import type { FilterQuery } from '@mikro-orm/core';
import { Arg, Args, ArgsType, Ctx, Directive, Field, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { shanghaiDate } from '../../../../common/dates';
import { cost, PAGE } from '../../../../common/demand-control';
import { forbidden } from '../../../../common/errors';
import { likeCondition } from '../../../../common/like';
import { connectionTypes, decodeCursor, pageSize, toPage } from '../../../../common/pagination';
import { listContains } from '../../../../common/string-list.type';
import { cleanFilterText, containsPattern, prefixPattern } from '../../../../common/text';
import { ANONYMOUS, hasRole } from '../../../../common/viewer';
import { canSeeSelection, canSeeTask, canSeeTaskDetails } from '../access';
import { Assignment, AssignmentMember } from '../assignments/assignment.entity';
import type { JointContext } from '../context';
import { CheckItem, Division } from '../divisions/division-refs';
import { Draw, DrawVerification } from '../draw/draw.types';
import { drawTask } from '../draw/draw-service';
import type { DrawRow } from '../draw/draw.entity';
import type { StoredVerification } from '../draw/draw-verifications';
import { Publication } from '../publication/publication.entity';
import { InspectionTask } from './inspection-task.entity';
import { InspectionTaskInput } from './task.input';
import { TaskStatus } from './task-enums';
import { cancelTask, commitTask, createTask, findTask, updateTask } from './task-service';
import { TaskProgress } from './task-progress';
import { TaskWarning, taskWarnings } from './task-warnings';

export const { Connection: InspectionTaskConnection } = connectionTypes('InspectionTask', InspectionTask);
export const { Connection: AssignmentConnection } = connectionTypes('Assignment', Assignment);

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

@ArgsType()
class AssignmentPageArgs {
  @Field(() => Int, { nullable: true })
  first?: number | null;

  @Field(() => String, { nullable: true })
  after?: string | null;

  @Field(() => ID, { nullable: true, description: "Only entities in this division's directory" })
  division?: string | null;
}

function drawView(row: DrawRow, recordVisible: boolean, recordPublic: boolean): Draw {
  return {
    drawnAt: row.drawnAt,
    algorithm: row.algorithm,
    beacon: row.beacon,
    secret: row.secret,
    seed: row.seed,
    poolDigest: row.poolDigest,
    poolSize: row.poolSize,
    highRiskPoolSize: row.highPoolSize,
    selectedCount: row.selectedCount,
    highRiskSelectedCount: row.highSelectedCount,
    excludedCount: row.excludedCount,
    row,
    recordVisible,
    recordPublic,
  };
}

/** The stable address of a draw record's download at the gateway (`/tasks/:id/draw/record.json`), relative to the gateway. */
export function drawRecordPath(task: string): string {
  return `/tasks/${encodeURIComponent(task)}/draw/record.json`;
}

function verificationView(stored: StoredVerification | null): DrawVerification {
  if (!stored) {
    return {
      ok: false,
      pending: true,
      verifiedAt: null,
      problems: ['核验尚未完成，请稍后再看 (the record has not been verified yet; it is verified right after the draw)'],
    };
  }
  return { ok: stored.ok, pending: false, verifiedAt: stored.verifiedAt, problems: stored.problems };
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
      if (!(viewer.service || hasRole(viewer, 'coordinator', 'supervisor'))) {
        // As canSeeTask: committed at some point (a draft cancelled before that stays internal).
        const visible: FilterQuery<InspectionTask>[] = [{ status: { $ne: TaskStatus.DRAFT }, committedAt: { $ne: null } }];
        if (viewer.division && hasRole(viewer, 'division_admin', 'inspector'))
          visible.push(likeCondition(em, InspectionTask, 'divisionCodes', listContains(viewer.division)));
        where.push({ $or: visible });
      }
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

  @Mutation(() => InspectionTask, { description: '确定抽查任务 — fixes the items and publishes the seed commitment (coordinator)' })
  commitInspectionTask(@Arg('id', () => ID) id: string, @Ctx() context: JointContext) {
    return commitTask(context, id);
  }

  @Directive(cost(1000))
  @Mutation(() => InspectionTask, { description: '抽取检查对象和执法检查人员 — once per task (coordinator)' })
  drawInspectionTask(@Arg('id', () => ID) id: string, @Arg('beacon', () => String) beacon: string, @Ctx() context: JointContext) {
    return drawTask(context, id, beacon);
  }

  @Mutation(() => InspectionTask, { description: '撤销抽查任务 (coordinator; not after publication)' })
  cancelInspectionTask(@Arg('id', () => ID) id: string, @Arg('reason', () => String) reason: string, @Ctx() context: JointContext) {
    return cancelTask(context, id, reason);
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
    if (![TaskStatus.DRAWN, TaskStatus.PUBLISHED, TaskStatus.CANCELLED].includes(task.status)) return null;
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

  @FieldResolver(() => Draw, { nullable: true })
  async draw(@Root() task: InspectionTask, @Ctx() context: JointContext): Promise<Draw | null> {
    const row = await context.loaders.draw.load(task.id);
    return row ? drawView(row, canSeeSelection(context.viewer, task), canSeeSelection(ANONYMOUS, task)) : null;
  }

  @FieldResolver(() => Publication, { nullable: true })
  publication(@Root() task: InspectionTask, @Ctx() context: JointContext): Promise<Publication | null> {
    return context.loaders.publication.load(task.id);
  }

  @Directive(PAGE)
  @FieldResolver(() => AssignmentConnection, { description: 'The drawn entities with their teams' })
  async assignments(@Root() task: InspectionTask, @Args() args: AssignmentPageArgs, @Ctx() context: JointContext) {
    const { viewer, em } = context;
    if (!canSeeTaskDetails(viewer, task)) throw forbidden("无权查看本任务的检查对象和检查组 (you may not see this task's assignments)");
    const limit = pageSize(args.first);
    let mine: string[] | undefined;
    const onlyOwn = hasRole(viewer, 'inspector') && !viewer.service && !hasRole(viewer, 'coordinator', 'supervisor', 'division_admin');
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

@Resolver(() => Draw)
export class DrawResolver {
  // Megabytes of text: a few records fit in one answer, thirty do not.
  @Directive(cost(8000))
  @FieldResolver(() => String, {
    description: 'The canonical JSON record (DRAW-ALGORITHM §7); public once the results are published. Megabytes for a large pool: prefer recordUrl',
  })
  async record(@Root() draw: Draw, @Ctx() context: JointContext): Promise<string> {
    if (!draw.recordVisible) {
      throw forbidden(
        '抽取记录列明了被抽中的检查对象，检查结果公示后向社会公开 (the record names the drawn entities; it is public once the results are published)',
      );
    }
    return context.loaders.drawRecord.load(draw.row.task);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'Where anyone downloads the record as a file, relative to the gateway (/tasks/<id>/draw/record.json); null until the record is public',
  })
  recordUrl(@Root() draw: Draw): string | null {
    return draw.recordPublic ? drawRecordPath(draw.row.task) : null;
  }

  @FieldResolver(() => DrawVerification, { description: 'The checks of DRAW-ALGORITHM §8, as run on the stored record when it was drawn' })
  async verification(@Root() draw: Draw, @Ctx() context: JointContext): Promise<DrawVerification> {
    return verificationView(await context.verifications.current(draw.row));
  }

  @Directive(cost(5000))
  @Mutation(() => DrawVerification, {
    description: '重新核验抽取记录 — runs the checks of DRAW-ALGORITHM §8 on the stored record again, stored and audited (supervisor)',
  })
  async verifyDraw(@Arg('id', () => ID) id: string, @Ctx() context: JointContext): Promise<DrawVerification> {
    return verificationView(await context.verifications.reverify(context.em, context.viewer, id));
  }
}

export { findTask };

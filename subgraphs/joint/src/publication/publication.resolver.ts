import type { FilterQuery } from '@mikro-orm/core';
import { Arg, Args, ArgsType, Ctx, Directive, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { listContains } from '../../../../common/string-list.type';
import { listSize, PAGE } from '../../../../common/demand-control';
import { knexOf } from '../../../../common/orm';
import { connectionTypes, decodeCursor, decodeIntegerCursor, pageSize, toPage } from '../../../../common/pagination';
import { likeCondition } from '../../../../common/like';
import { cleanFilterText, containsPattern, prefixPattern } from '../../../../common/text';
import type { JointContext } from '../context';
import { OUTCOME_LABELS, type ResultOutcome } from '../results/outcomes';
import { ResultInput } from '../results/result.input';
import { InspectionTask } from '../tasks/inspection-task.entity';
import { TaskStatus } from '../tasks/task-enums';
import { ItemRefInput } from '../tasks/task.input';
import { Publication } from './publication.entity';
import { amendResult, publishTask, taskDivisions } from './publication-service';
import { PublicOutcomeCount, PublicResult, publicResultView } from './public-result.type';
import { PublishedResult } from './published-result.entity';
import { amendmentView, ResultAmendment } from './result-amendment.type';

export const { Connection: PublicResultConnection } = connectionTypes('PublicResult', PublicResult);
export const { Connection: PublicationConnection } = connectionTypes('Publication', Publication);

@ArgsType()
class PublicResultArgs {
  @Field(() => String, { nullable: true, description: "Part of the entity's name, or the start of its USCC" })
  search?: string | null;

  @Field(() => String, { nullable: true })
  uscc?: string | null;

  @Field(() => Int, { nullable: true, description: 'Only results published for tasks of this year' })
  year?: number | null;

  @Field(() => ID, { nullable: true, description: "Only results of this division's items" })
  division?: string | null;

  @Field(() => Int, { nullable: true })
  first?: number | null;

  @Field(() => String, { nullable: true })
  after?: string | null;
}

@ArgsType()
class PublicationArgs {
  @Field(() => Int, { nullable: true })
  year?: number | null;

  @Field(() => ID, { nullable: true })
  leadDivision?: string | null;

  @Field(() => ID, { nullable: true, description: 'Publications of tasks this division takes part in, as lead or in a joint task' })
  division?: string | null;

  @Field(() => Int, { nullable: true })
  first?: number | null;

  @Field(() => String, { nullable: true })
  after?: string | null;
}

@ObjectType({ description: 'A division taking part in a published task' })
class PublicationDivision {
  @Field(() => ID)
  code!: string;

  @Field()
  name!: string;

  @Field({ description: 'The lead division (牵头部门), which numbers the publication' })
  lead!: boolean;
}

@Resolver(() => Publication)
export class PublicationResolver {
  @Directive(PAGE)
  @Query(() => PublicResultConnection, { description: '公示结果 — every published result, newest first; no sign-in needed' })
  async publicResults(@Args() args: PublicResultArgs, @Ctx() context: JointContext) {
    const { em } = context;
    const limit = pageSize(args.first);
    const search = cleanFilterText(args.search);
    // Built for each query: a LIKE condition serves one.
    const filter = (): FilterQuery<PublishedResult> => {
      const where: FilterQuery<PublishedResult>[] = [];
      if (search)
        where.push({
          $or: [
            likeCondition(em, PublishedResult, 'entityName', containsPattern(search)),
            likeCondition(em, PublishedResult, 'uscc', prefixPattern(search.toUpperCase())),
          ],
        });
      if (args.uscc) where.push({ uscc: args.uscc.trim().toUpperCase() });
      if (args.year) where.push({ year: args.year });
      if (args.division) where.push({ division: args.division });
      return where.length ? { $and: where } : {};
    };
    const afterId = decodeIntegerCursor(args.after);
    const [rows, total] = await Promise.all([
      em.find(PublishedResult, afterId !== undefined ? { $and: [filter(), { id: { $lt: afterId } }] } : filter(), {
        orderBy: { id: 'desc' },
        limit: limit + 1,
      }),
      em.count(PublishedResult, filter()),
    ]);
    return toPage(rows.map(publicResultView), limit, total, (row) => row.id);
  }

  @Query(() => [PublicOutcomeCount], {
    description: 'Published results of a year counted by division and outcome (public; corrections count as their latest version)',
  })
  async publicOutcomeSummary(@Arg('year', () => Int) year: number, @Ctx() context: JointContext): Promise<PublicOutcomeCount[]> {
    const knex = knexOf(context.em);
    const latest = knex('published_result').max('id').where('year', year).groupBy('task', 'uscc', 'division', 'item_code');
    const rows = (await knex('published_result')
      .select('division', 'division_name', 'outcome')
      .count({ n: '*' })
      .whereIn('id', latest)
      .groupBy('division', 'division_name', 'outcome')
      .orderBy(['division', 'outcome'])) as Array<{ division: string; division_name: string; outcome: ResultOutcome; n: number | string }>;
    return rows.map((row) => ({
      division: row.division,
      divisionName: row.division_name,
      outcome: row.outcome,
      label: OUTCOME_LABELS[row.outcome],
      count: Number(row.n),
    }));
  }

  @Query(() => Publication, { nullable: true, description: 'One publication (public)' })
  publication(@Arg('id', () => ID) id: string, @Ctx() context: JointContext): Promise<Publication | null> {
    return context.em.findOne(Publication, { id });
  }

  @Directive(PAGE)
  @Query(() => PublicationConnection, { description: 'Publications, newest first (public)' })
  async publications(@Args() args: PublicationArgs, @Ctx() context: JointContext) {
    const limit = pageSize(args.first);
    const where: FilterQuery<Publication>[] = [];
    if (args.year) where.push({ year: args.year });
    if (args.leadDivision) where.push({ leadDivision: args.leadDivision });
    if (args.division) {
      const code = args.division.trim().toUpperCase();
      const tasks = await context.em.find(
        InspectionTask,
        { $and: [{ status: TaskStatus.PUBLISHED }, likeCondition(context.em, InspectionTask, 'divisionCodes', listContains(code))] },
        { fields: ['id'] },
      );
      where.push({ task: { $in: tasks.map((task) => task.id) } });
    }
    const filter = where.length ? { $and: where } : {};
    const after = decodeCursor(args.after);
    const [rows, total] = await Promise.all([
      context.em.find(Publication, after ? { $and: [filter, { publishedAt: { $lt: after } }] } : filter, {
        orderBy: { publishedAt: 'desc' },
        limit: limit + 1,
      }),
      context.em.count(Publication, filter),
    ]);
    return toPage(rows, limit, total, (row) => row.publishedAt);
  }

  @Directive(listSize(200))
  @FieldResolver(() => [PublicResult], { description: 'The published results, with later corrections' })
  async results(@Root() publication: Publication, @Ctx() context: JointContext): Promise<PublicResult[]> {
    const rows = await context.em.find(PublishedResult, { publication: publication.id }, { orderBy: { id: 'asc' } });
    return rows.map(publicResultView);
  }

  @FieldResolver(() => Boolean, { description: 'The task was a joint inspection of several divisions (联合抽查)' })
  async isJoint(@Root() publication: Publication, @Ctx() context: JointContext): Promise<boolean> {
    const task = await context.loaders.task.load(publication.task);
    return (task?.divisionCodes.length ?? 1) > 1;
  }

  @FieldResolver(() => [PublicationDivision], { description: 'Every division taking part, the lead first' })
  async divisions(@Root() publication: Publication, @Ctx() context: JointContext): Promise<PublicationDivision[]> {
    const task = await context.loaders.task.load(publication.task);
    if (!task) return [];
    return taskDivisions(task).map((division) => ({ ...division, lead: division.code === task.leadDivision }));
  }

  @FieldResolver(() => InspectionTask, { nullable: true })
  task(@Root() publication: Publication, @Ctx() context: JointContext): Promise<InspectionTask | null> {
    return context.loaders.task.load(publication.task);
  }

  @Mutation(() => Publication, { description: "一次性公示 — publishes all of a task's results together, once (coordinator)" })
  publishInspectionTask(@Arg('id', () => ID) id: string, @Ctx() context: JointContext): Promise<Publication> {
    return publishTask(context, id);
  }

  @Mutation(() => ResultAmendment, {
    description:
      "更正已公示结果 — an audited correction (coordinator, or the team's inspector of the item's division), public once a reviewer of the item's division approves it",
  })
  async amendResult(
    @Arg('assignment', () => ID) assignment: string,
    @Arg('item', () => ItemRefInput) item: ItemRefInput,
    @Arg('input', () => ResultInput) input: ResultInput,
    @Arg('reason', () => String) reason: string,
    @Ctx() context: JointContext,
  ): Promise<ResultAmendment> {
    return amendmentView(await amendResult(context, assignment, item, input, reason));
  }
}

/** The publication of a task, once its results are public. */
@Resolver(() => InspectionTask)
export class TaskPublicationResolver {
  @FieldResolver(() => Publication, { nullable: true })
  publication(@Root() task: InspectionTask, @Ctx() context: JointContext): Promise<Publication | null> {
    return context.loaders.publication.load(task.id);
  }
}

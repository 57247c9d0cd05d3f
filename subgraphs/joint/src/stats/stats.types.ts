import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '../../../../common/scalars';
import { TaskStatus } from '../tasks/task-enums';
import { OutcomeCount } from '../market-entity/market-entity.types';
import { TaskProgress } from '../tasks/task-progress';

/** 统计 — what supervisors and BI tools read about a year's inspections. */
@ObjectType({ description: 'Statistics of a year, optionally of one division' })
export class InspectionStats {
  @Field(() => Int)
  year!: number;

  @Field(() => ID, { nullable: true })
  division!: string | null;

  @Field(() => Int, { description: 'Tasks of the year, cancelled ones excluded: tasks + cancelled is the sum of tasksByStatus' })
  tasks!: number;

  @Field(() => Int, { description: 'Cancelled tasks of the year (counted in tasksByStatus, not in tasks or any other figure)' })
  cancelled!: number;

  @Field(() => Int, { description: 'Tasks drawn (drawn or published)' })
  drawn!: number;

  @Field(() => Int)
  published!: number;

  @Field(() => Int, { description: 'Tasks published late, or drawn and past their due date unpublished' })
  overdue!: number;

  @Field(() => Int, {
    description:
      "Distinct entities with a published result. For one division: those with a published result of that division's items, so an entity of a joint task counts in each of its divisions and the divisions' figures can add up to more than the bureau's",
  })
  entitiesInspected!: number;

  @Field(() => Int, { description: 'Published results with a violation outcome, in basis points of all published results' })
  violationRateBp!: number;

  @Field(() => [OutcomeCount])
  resultsByOutcome!: OutcomeCount[];
}

@ObjectType()
export class StatusCount {
  @Field(() => TaskStatus)
  status!: TaskStatus;

  @Field(() => Int)
  count!: number;
}

@ObjectType({ description: 'Publications of the year against their 20-working-day deadlines' })
export class PublicationTimeliness {
  @Field(() => Int)
  onTime!: number;

  @Field(() => Int)
  late!: number;

  @Field(() => [DueTask], {
    description:
      'Drawn tasks not yet published: those with results soonest due first, then those without any result yet (no deadline running), longest drawn first',
  })
  stillDue!: DueTask[];
}

@ObjectType()
export class DueTask {
  @Field(() => ID)
  task!: string;

  @Field()
  name!: string;

  @Field(() => DateScalar, { nullable: true, description: '结果公示期限, 20 working days after the earliest result; null while no result is recorded' })
  resultsDueBy!: string | null;

  @Field(() => Int, { nullable: true, description: 'Working days left (negative when overdue); null while no result is recorded' })
  workingDaysLeft!: number | null;

  @Field()
  overdue!: boolean;

  @Field(() => DateScalar, { description: 'The day of the draw (Asia/Shanghai)' })
  drawnOn!: string;

  @Field(() => DateScalar, { description: 'The last day of the inspection period' })
  periodEnd!: string;

  @Field(() => TaskProgress)
  progress!: TaskProgress;
}

@ObjectType({ description: "How much of a directory an item covered: inspected ÷ directory size, against the item's ratio" })
export class ItemCoverage {
  @Field(() => ID)
  division!: string;

  @Field(() => ID)
  item!: string;

  @Field()
  itemName!: string;

  @Field(() => Int)
  ratioBp!: number;

  @Field(() => Int, { description: "Active directory entries of the item's category" })
  directorySize!: number;

  @Field(() => Int, {
    description: 'Entities with a recorded result for this item this year, published or not (entitiesInspected counts published results only)',
  })
  inspected!: number;

  @Field(() => Int)
  coverageBp!: number;

  @Field()
  meetsRatio!: boolean;
}

@ObjectType({ description: 'Annual plan entries with and without a task (计划执行情况)' })
export class PlanExecution {
  @Field(() => ID)
  division!: string;

  @Field(() => Int)
  entries!: number;

  @Field(() => Int)
  withTasks!: number;

  @Field(() => [String], { description: 'Names of the entries no task has taken up yet' })
  withoutTasks!: string[];
}

@ObjectType({ description: 'Assignments per active inspector of a division in the year' })
export class InspectorLoad {
  @Field(() => ID)
  division!: string;

  @Field(() => Int)
  inspectors!: number;

  @Field(() => Int)
  min!: number;

  @Field(() => Int)
  median!: number;

  @Field(() => Int)
  max!: number;
}

import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '../../../../common/scalars';
import { TaskStatus } from '../tasks/task-enums';
import { OutcomeCount } from '../credit/market-entity.types';

/** 统计 — what supervisors and BI tools read about a year's inspections. */
@ObjectType({ description: 'Statistics of a year, optionally of one division' })
export class InspectionStats {
  @Field(() => Int)
  year!: number;

  @Field(() => ID, { nullable: true })
  division!: string | null;

  @Field(() => Int, { description: 'Tasks of the year, cancelled ones excluded' })
  tasks!: number;

  @Field(() => Int, { description: 'Tasks drawn (drawn or published)' })
  drawn!: number;

  @Field(() => Int)
  published!: number;

  @Field(() => Int, { description: 'Tasks published late, or drawn and past their due date unpublished' })
  overdue!: number;

  @Field(() => Int, { description: 'Distinct entities with a published result' })
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

  @Field(() => [DueTask], { description: 'Drawn tasks with results but not yet published, soonest due first' })
  stillDue!: DueTask[];
}

@ObjectType()
export class DueTask {
  @Field(() => ID)
  task!: string;

  @Field()
  name!: string;

  @Field(() => DateScalar)
  resultsDueBy!: string;

  @Field(() => Int, { description: 'Working days left (negative when overdue)' })
  workingDaysLeft!: number;

  @Field()
  overdue!: boolean;
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

  @Field(() => Int, { description: 'Entities with a recorded result for this item this year' })
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

import { Field, ID, Int, ObjectType } from 'type-graphql';
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

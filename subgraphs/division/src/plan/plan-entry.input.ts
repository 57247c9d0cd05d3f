import { Field, ID, InputType, Int } from 'type-graphql';
import { DateScalar } from '../../../../common/scalars';

@InputType({ description: 'Creates a plan entry, or updates the one with this id' })
export class PlanEntryInput {
  @Field(() => ID, { nullable: true })
  id?: string | null;

  @Field(() => Int)
  year!: number;

  @Field()
  name!: string;

  @Field(() => [ID])
  items!: string[];

  @Field()
  targetCategory!: string;

  @Field(() => Int)
  ratioBp!: number;

  @Field(() => DateScalar)
  periodStart!: string;

  @Field(() => DateScalar)
  periodEnd!: string;

  @Field()
  authority!: string;
}

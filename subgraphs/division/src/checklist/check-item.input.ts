import { Field, ID, InputType, Int } from 'type-graphql';

@InputType({ description: "Creates or updates an item of the division's list, identified by its code" })
export class CheckItemInput {
  @Field(() => ID)
  code!: string;

  @Field()
  name!: string;

  @Field()
  basis!: string;

  @Field()
  subject!: string;

  @Field()
  targetCategory!: string;

  @Field(() => Int)
  ratioBp!: number;

  @Field(() => Int)
  timesPerYear!: number;

  @Field()
  method!: string;

  @Field()
  content!: string;

  @Field(() => String, { nullable: true })
  requiredExpertise?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Defaults to true; false withdraws the item (items are never deleted)' })
  active?: boolean | null;
}

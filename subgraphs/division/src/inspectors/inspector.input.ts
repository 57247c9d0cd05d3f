import { Field, ID, InputType } from 'type-graphql';
import { DateScalar } from '../../../../common/scalars';

@InputType({ description: 'Creates or updates an inspector, identified by id' })
export class InspectorInput {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field()
  unit!: string;

  @Field()
  position!: string;

  @Field(() => [String])
  expertise!: string[];

  @Field()
  certificateNo!: string;

  @Field(() => DateScalar)
  certificateValidUntil!: string;

  @Field(() => Boolean, { nullable: true, description: 'Defaults to true; false takes the inspector out of draws (never deleted)' })
  active?: boolean | null;
}

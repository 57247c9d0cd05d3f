import { Field, InputType } from 'type-graphql';
import { DateScalar } from '../../../../common/scalars';
import { Disclosure, FollowUp, ResultOutcome } from './outcomes';

@InputType({ description: 'The result of one item, as the inspecting team records it' })
export class ResultInput {
  @Field(() => ResultOutcome)
  outcome!: ResultOutcome;

  @Field(() => String, { nullable: true, description: '检查情况 — required when a problem was found' })
  findings?: string | null;

  @Field({ description: '检查方式, one of the official check methods (实地检查 …)' })
  method!: string;

  @Field(() => DateScalar, { description: 'Not before the draw, not in the future' })
  inspectedOn!: string;

  @Field(() => FollowUp, { nullable: true, description: 'Defaults to NONE' })
  followUp?: FollowUp | null;

  @Field(() => String, { nullable: true, description: 'The authority a case goes to; required for REFERRED_TO_OTHER_AUTHORITY' })
  referredTo?: string | null;

  @Field(() => Disclosure, { nullable: true, description: 'Defaults to PUBLIC' })
  disclosure?: Disclosure | null;
}

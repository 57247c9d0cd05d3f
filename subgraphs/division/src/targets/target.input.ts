import { Field, InputType } from 'type-graphql';
import { TargetKind, TargetStatus } from './target.entity';

@InputType({ description: 'Creates or updates a directory entry, identified by its USCC' })
export class TargetInput {
  @Field()
  uscc!: string;

  @Field()
  name!: string;

  @Field(() => TargetKind)
  kind!: TargetKind;

  @Field()
  scope!: string;

  @Field()
  address!: string;

  @Field(() => [String])
  categories!: string[];

  @Field(() => TargetStatus, { nullable: true, description: 'Defaults to ACTIVE for a new entry and to the current status otherwise' })
  status?: TargetStatus | null;

  @Field(() => Boolean, { nullable: true, description: 'Save a code that fails the check character (audited)' })
  allowInvalidUscc?: boolean | null;
}

import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * The division subgraph's directory entry, as this system extends it: only the
 * key lives here; the gateway fetches name, address and the rest from the
 * division's own instance.
 */
@Directive('@key(fields: "division uscc")')
@ObjectType()
export class Target {
  @Field(() => ID)
  division!: string;

  @Field()
  uscc!: string;
}

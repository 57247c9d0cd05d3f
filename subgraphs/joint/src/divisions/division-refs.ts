import { Directive, Field, ID, ObjectType } from 'type-graphql';

/*
 * The division subgraph's entities as the joint subgraph refers to them. Only
 * the keys live here; the gateway fetches every other field from the division's
 * own instance.
 */

@Directive('@key(fields: "code", resolvable: false)')
@ObjectType()
export class Division {
  @Field(() => ID)
  code!: string;
}

@Directive('@key(fields: "division code", resolvable: false)')
@ObjectType()
export class CheckItem {
  @Field(() => ID)
  division!: string;

  @Field(() => ID)
  code!: string;
}

/** Extended here with the inspections the entry took part in. */
@Directive('@key(fields: "division uscc")')
@ObjectType()
export class Target {
  @Field(() => ID)
  division!: string;

  @Field()
  uscc!: string;
}

/** Extended here with the inspector's assignments. */
@Directive('@key(fields: "division id")')
@ObjectType()
export class Inspector {
  @Field(() => ID)
  division!: string;

  @Field(() => ID)
  id!: string;
}

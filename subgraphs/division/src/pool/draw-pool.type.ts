import { Field, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '../../../common/src/scalars';

/** A directory entry as a draw sees it. */
@ObjectType()
export class PoolTarget {
  @Field()
  uscc!: string;

  @Field()
  name!: string;

  @Field(() => [String])
  categories!: string[];
}

/** An inspector as a draw sees it: eligibility facts only. */
@ObjectType()
export class PoolInspector {
  @Field()
  id!: string;

  @Field(() => [String])
  expertise!: string[];

  @Field(() => DateScalar)
  certificateValidUntil!: string;

  @Field(() => [String], { description: 'USCCs of declared conflicts' })
  conflicts!: string[];
}

/** What a draw reads from one division: active entries of the requested categories and active inspectors. */
@ObjectType()
export class DrawPool {
  @Field()
  division!: string;

  @Field(() => [PoolTarget])
  targets!: PoolTarget[];

  @Field(() => [PoolInspector])
  inspectors!: PoolInspector[];
}

@ObjectType()
export class CategoryCount {
  @Field()
  category!: string;

  @Field(() => Int, { description: 'Active directory entries carrying the category' })
  active!: number;
}

/** Directory sizes for the joint office's statistics (coverage, inspector load). */
@ObjectType()
export class DirectoryStats {
  @Field()
  division!: string;

  @Field(() => [CategoryCount])
  categories!: CategoryCount[];

  @Field(() => Int)
  activeInspectors!: number;
}

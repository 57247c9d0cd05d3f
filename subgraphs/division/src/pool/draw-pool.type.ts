import { Field, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '../../../../common/scalars';
import { parseStringList } from '../../../../common/string-list.type';

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

/** One pool entry as read from the directory: USCC, name, and the categories as stored (`|旅馆|印章刻制|`). */
export type PoolRow = readonly [uscc: string, name: string, categories: string];

/**
 * What a draw reads from one division: active entries of the requested
 * categories and active inspectors. The entries come one by one (`targets`)
 * or, for the pools of tens of thousands a city's directories hold, as one
 * compact text (`targetTable`) that costs the instance one field to answer
 * instead of four per entry.
 */
@ObjectType()
export class DrawPool {
  @Field()
  division!: string;

  /** The entries, in no particular order; each field below is computed only when asked for. */
  rows!: readonly PoolRow[];

  @Field(() => [PoolTarget])
  get targets(): PoolTarget[] {
    return this.rows.map(([uscc, name, categories]) => ({ uscc, name, categories: parseStringList(categories) }));
  }

  @Field({
    description: 'The same entries as one JSON text: an array of [uscc, name, categories], categories as stored, between | separators (e.g. "|旅馆|")',
  })
  get targetTable(): string {
    return JSON.stringify(this.rows);
  }

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

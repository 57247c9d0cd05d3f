import { Field, Int, ObjectType } from 'type-graphql';
import { TimestampField } from '../../../../common/timestamp-field';
import type { DrawRow } from './draw.entity';

@ObjectType({ description: 'The checks of DRAW-ALGORITHM §8, run once on the stored record and kept with it' })
export class DrawVerification {
  @Field({ description: 'The record passed every check (false while pending)' })
  ok!: boolean;

  @Field(() => [String])
  problems!: string[];

  @Field({ description: 'Not verified yet: the checks run right after the draw, off the request path' })
  pending!: boolean;

  @Field(() => String, { nullable: true, description: 'When the stored record was verified' })
  verifiedAt!: string | null;
}

/** 抽取结果 — the frozen draw of a task: pool, revealed seed, beacon and record. */
@ObjectType({ description: "抽取结果 — a task's draw, verifiable by anyone from its record" })
export class Draw {
  @TimestampField({ description: 'When the draw was made' })
  drawnAt!: string;

  @Field({ description: 'SSJ-DRAW-2 (SSJ-DRAW-1 for tasks committed before it)' })
  algorithm!: string;

  @Field({ description: 'The public value given at draw time (公开随机数)' })
  beacon!: string;

  @Field({ description: 'The secret committed to before the draw, revealed now' })
  secret!: string;

  @Field()
  seed!: string;

  @Field()
  poolDigest!: string;

  @Field(() => Int)
  poolSize!: number;

  @Field(() => Int, { description: 'Entities in the HIGH stratum of the pool (SSJ-DRAW-2: credit-risk classes C and D)' })
  highRiskPoolSize!: number;

  @Field(() => Int)
  selectedCount!: number;

  @Field(() => Int, { description: 'Selected from the HIGH stratum (SSJ-DRAW-2: classes C and D)' })
  highRiskSelectedCount!: number;

  @Field(() => Int, { description: 'Left out as drawn earlier this year' })
  excludedCount!: number;

  /** The stored row (without its record), whether this viewer may read the record yet, and whether everyone may. */
  row!: DrawRow;
  recordVisible!: boolean;
  recordPublic!: boolean;
}

import { Field, Int, ObjectType } from 'type-graphql';
import { TimestampField } from '../../../../common/timestamp-field';

@ObjectType({ description: 'The checks of DRAW-ALGORITHM §8, run again on the stored record' })
export class DrawVerification {
  @Field()
  ok!: boolean;

  @Field(() => [String])
  problems!: string[];
}

/** 抽取结果 — the frozen draw of a task: pool, revealed seed, beacon and record. */
@ObjectType({ description: "抽取结果 — a task's draw, verifiable by anyone from its record" })
export class Draw {
  @TimestampField({ description: 'When the draw was made' })
  drawnAt!: string;

  @Field({ description: 'SSJ-DRAW-1' })
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

  @Field(() => Int, { description: 'Entities in the HIGH stratum of the pool' })
  highRiskPoolSize!: number;

  @Field(() => Int)
  selectedCount!: number;

  @Field(() => Int, { description: 'Selected from the HIGH stratum' })
  highRiskSelectedCount!: number;

  @Field(() => Int, { description: 'Left out as drawn earlier this year' })
  excludedCount!: number;

  /** The stored record, and whether this viewer may read it yet. */
  storedRecord!: string;
  recordVisible!: boolean;
}

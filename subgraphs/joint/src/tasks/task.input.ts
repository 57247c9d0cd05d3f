import { Field, ID, InputType, Int } from 'type-graphql';
import { DateScalar } from '../../../../common/scalars';
import { TaskKind } from './task-enums';
import { DirectedTargetInput } from '../directed/directed-target.input';
import { BeaconDeclarationInput, ClassRatiosInput } from './draw-definition';

@InputType({ description: 'A division item, by its key' })
export class ItemRefInput {
  @Field(() => ID)
  division!: string;

  @Field(() => ID)
  code!: string;
}

@InputType({ description: 'Defines an inspection task (DRAFT until committed)' })
export class InspectionTaskInput {
  @Field()
  name!: string;

  @Field(() => Int)
  year!: number;

  @Field(() => TaskKind)
  kind!: TaskKind;

  @Field(() => ID, { nullable: true, description: 'Defaults to the division of the first item' })
  leadDivision?: string | null;

  @Field(() => [ItemRefInput])
  items!: ItemRefInput[];

  @Field(() => Int)
  ratioBp!: number;

  @Field(() => Int)
  highRiskRatioBp!: number;

  @Field(() => ClassRatiosInput, {
    nullable: true,
    description:
      '分类抽查比例 per credit-risk class (basis points, 0 ≤ a ≤ b ≤ c ≤ d ≤ 10000); without it ratioBp applies to A and B, highRiskRatioBp to C and D',
  })
  classRatios?: ClassRatiosInput | null;

  @Field(() => BeaconDeclarationInput, {
    nullable: true,
    description: '公开随机数声明 — required to commit: the public value the draw will use, dated from the commit day to 30 days after it',
  })
  beacon?: BeaconDeclarationInput | null;

  @Field(() => Int)
  inspectorsPerDivision!: number;

  @Field(() => DateScalar)
  periodStart!: string;

  @Field(() => DateScalar)
  periodEnd!: string;

  @Field(() => [String], {
    nullable: true,
    description: 'Refused on every task: a DIRECTED task names its entities in directedTargets, each with its basis (MISSING_BASIS otherwise)',
  })
  targets?: string[] | null;

  @Field(() => [DirectedTargetInput], {
    nullable: true,
    description: 'DIRECTED tasks only: the entities to inspect, each with its basis (投诉举报 · 转办交办 · 大数据分析线索)',
  })
  directedTargets?: DirectedTargetInput[] | null;
}

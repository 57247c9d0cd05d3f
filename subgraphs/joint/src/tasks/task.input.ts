import { Field, ID, InputType, Int } from 'type-graphql';
import { DateScalar } from '../../../../common/scalars';
import { TaskKind } from './task-enums';

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

  @Field(() => Int)
  inspectorsPerDivision!: number;

  @Field(() => DateScalar)
  periodStart!: string;

  @Field(() => DateScalar)
  periodEnd!: string;

  @Field(() => [String], { nullable: true, description: 'DIRECTED tasks only: the USCCs to inspect' })
  targets?: string[] | null;
}

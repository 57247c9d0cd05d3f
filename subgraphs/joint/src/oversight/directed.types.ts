import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DirectedBasis } from '../directed/directed-basis';

/** 定向检查对象 of a task, with its basis; what is internal is null for the public. */
@ObjectType({ description: '定向检查对象 — an entity a DIRECTED task names, and why' })
export class DirectedTarget {
  @Field({ description: '统一社会信用代码' })
  uscc!: string;

  @Field(() => DirectedBasis)
  basis!: DirectedBasis;

  @Field({ description: '投诉举报 · 转办交办 · 大数据分析线索' })
  basisLabel!: string;

  @Field(() => ID, { nullable: true, description: 'COMPLAINT: the complaint on the register (the office and the divisions of the task; never public)' })
  complaint!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'REFERRAL: the referring authority and document number (public once the selection is). Otherwise internal',
  })
  reference!: string | null;

  @Field(() => String, { nullable: true, description: 'The description of a DATA_LEAD, or a remark (internal)' })
  note!: string | null;
}

/** What the public learns of why an entity was inspected in a DIRECTED task: the kind of basis, and for a referral who referred it. */
@ObjectType({ description: '定向检查依据 as published: the kind, and for REFERRAL the referring authority and document number. Never who complained' })
export class PublicDirectedBasis {
  @Field(() => DirectedBasis)
  basis!: DirectedBasis;

  @Field()
  label!: string;

  @Field(() => String, { nullable: true, description: 'REFERRAL only: the referring authority and document number' })
  reference!: string | null;
}

@ObjectType({ description: 'Directed inspections of a division on one basis: who uses DIRECTED tasks, and how often' })
export class DirectedInspectionCount {
  @Field(() => ID)
  division!: string;

  @Field(() => DirectedBasis)
  basis!: DirectedBasis;

  @Field()
  label!: string;

  @Field(() => Int, { description: "Drawn targets of the year's DIRECTED tasks (cancelled ones excluded) inspected by the division on this basis" })
  inspections!: number;

  @Field(() => Int, { description: 'DIRECTED tasks those inspections belong to' })
  tasks!: number;
}

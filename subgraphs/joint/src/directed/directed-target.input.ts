import { Field, ID, InputType } from 'type-graphql';
import { DirectedBasis } from './directed-basis';

@InputType({ description: '定向检查对象 — one entity a DIRECTED task names, with the basis for naming it' })
export class DirectedTargetInput {
  @Field({ description: '统一社会信用代码' })
  uscc!: string;

  @Field(() => DirectedBasis)
  basis!: DirectedBasis;

  @Field(() => ID, { nullable: true, description: 'COMPLAINT: the open complaint on this entity (defaults to its latest open one). Never public' })
  complaint?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'REFERRAL (required): the referring authority and its document number, e.g. 许昌市市场监督管理局 许市监转〔2026〕12号. Public with the results for REFERRAL only',
  })
  reference?: string | null;

  @Field(() => String, { nullable: true, description: 'DATA_LEAD (required): what the lead is. Internal: the office and the divisions of the task' })
  note?: string | null;
}

import { Directive, Field, Int, ObjectType } from 'type-graphql';

/** 审计链校验结果 — whether the audit log is intact. */
@Directive('@shareable')
@ObjectType()
export class AuditChainReport {
  @Field({ description: 'True when every entry links to the one before it and matches its hash' })
  ok!: boolean;

  @Field(() => Int)
  length!: number;

  @Field(() => Int, { nullable: true, description: 'Sequence number of the first entry that was edited, removed or inserted' })
  firstBrokenAt!: number | null;

  @Field(() => Int, { description: 'How many entries record a refused attempt (`AuditEntry.refusal`); `auditTrail(refused: true)` lists them' })
  refusals!: number;
}

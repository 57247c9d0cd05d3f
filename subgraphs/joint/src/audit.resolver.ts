import { Args, Authorized, Ctx, Directive, Query, Resolver } from 'type-graphql';
import { cost, PAGE } from '../../../common/demand-control';
import { AuditEntryConnection, AuditTrailArgs, auditTrailPage } from '../../../common/audit/audit-trail';
import { verifyAuditChain } from '../../../common/audit/audit-log';
import { AuditChainReport } from '../../../common/audit/audit-report';
import type { JointContext } from './context';
import { verifyAttachments } from './evidence/evidence-service';

@Resolver()
export class JointAuditResolver {
  @Authorized('supervisor')
  @Directive(cost(1000))
  @Query(() => AuditChainReport, {
    description: "Verifies the joint office's audit log and every evidence file against the SHA-256 its upload entry recorded (supervisors)",
  })
  async auditChain(@Ctx() context: JointContext): Promise<AuditChainReport> {
    const chain = await verifyAuditChain(context.em);
    // A file replaced behind the system's back breaks the chain at the entry that recorded its hash.
    const broken = await verifyAttachments(context.em, context.attachmentStores);
    if (broken.length === 0) return chain;
    for (const attachment of broken)
      context.logger.warn({ attachment: attachment.id, seq: attachment.auditSeq, problem: attachment.problem }, 'evidence file fails its audited hash');
    const firstBrokenAt = Math.min(...broken.map((attachment) => attachment.auditSeq), chain.firstBrokenAt ?? Infinity);
    return { ...chain, ok: false, firstBrokenAt };
  }

  @Authorized('supervisor')
  @Directive(PAGE)
  @Query(() => AuditEntryConnection, { description: '审计记录 of the joint office, newest first (supervisors)' })
  auditTrail(@Args() args: AuditTrailArgs, @Ctx() context: JointContext) {
    return auditTrailPage(context.em, args);
  }
}

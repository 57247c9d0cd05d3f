import { Args, Authorized, Ctx, Directive, Query, Resolver } from 'type-graphql';
import { cost, PAGE } from '../../../common/demand-control';
import { AuditEntryConnection, AuditTrailArgs, auditTrailPage } from '../../../common/audit/audit-trail';
import { verifyAuditChain } from '../../../common/audit/audit-log';
import { AuditChainReport } from '../../../common/audit/audit-report';
import type { JointContext } from './context';

@Resolver()
export class JointAuditResolver {
  @Authorized('supervisor')
  @Directive(cost(1000))
  @Query(() => AuditChainReport, { description: "Verifies the joint office's audit log (supervisors)" })
  auditChain(@Ctx() context: JointContext): Promise<AuditChainReport> {
    return verifyAuditChain(context.em);
  }

  @Authorized('supervisor')
  @Directive(PAGE)
  @Query(() => AuditEntryConnection, { description: '审计记录 of the joint office, newest first (supervisors)' })
  auditTrail(@Args() args: AuditTrailArgs, @Ctx() context: JointContext) {
    return auditTrailPage(context.em, args);
  }
}

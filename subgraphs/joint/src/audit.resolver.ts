import { Authorized, Ctx, Query, Resolver } from 'type-graphql';
import { verifyAuditChain } from '../../common/src/audit/audit-log';
import { AuditChainReport } from '../../common/src/audit/audit-report';
import type { JointContext } from './context';

@Resolver()
export class JointAuditResolver {
  @Authorized('supervisor')
  @Query(() => AuditChainReport, { description: 'Verifies the joint office\'s audit log (supervisors)' })
  auditChain(@Ctx() context: JointContext): Promise<AuditChainReport> {
    return verifyAuditChain(context.em);
  }
}

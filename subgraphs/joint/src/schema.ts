import type { GraphQLSchema } from 'graphql';
import { authChecker } from '../../../common/auth';
import { recordRefusals } from '../../../common/audit/refusal-audit';
import { buildFederatedSchema } from '../../../common/federation';
import { JOINT_REFUSAL_SUBJECTS } from './audit-refusals';
import type { JointContext } from './context';
// Imported in this order: the schema lists the fields of each type in the order their resolvers were loaded.
import { InspectionTaskResolver } from './tasks/task.resolver';
import { DrawResolver, TaskDrawResolver } from './draw/draw.resolver';
import { AssignmentDrawResolver, FullRecordResolver, TaskPoolResolver } from './draw/task-pool.resolver';
import { PoolPreviewResolver } from './draw/pool-preview';
import { AssignmentResolver, InspectorAssignmentsResolver, TargetInspectionsResolver, TaskAssignmentsResolver } from './assignments/assignment.resolver';
import { JointAuditResolver } from './audit.resolver';
import { AssignmentEntityResolver, MarketEntityResolver } from './market-entity/market-entity.resolver';
import { CreditClassResolver } from './market-entity/credit-class.resolver';
import { PublicResultEvidenceResolver, ResultEvidenceResolver } from './evidence/evidence.resolver';
import { AssignmentDocumentsResolver, PublicationDocumentResolver, TaskDocumentsResolver } from './paperwork/documents.resolver';
import { TeamLeaderResolver } from './paperwork/team-leader.resolver';
import { CalendarResolver } from './calendar/calendar.resolver';
import { PublicationResolver, TaskPublicationResolver } from './publication/publication.resolver';
import { jointReferences } from './references';
import { AssignmentResultsResolver, ResultResolver } from './results/result.resolver';
import { ResultAmendmentResolver, ReviewResolver } from './publication/review.resolver';
import { StatsResolver } from './stats/stats.resolver';
import { DirectedStatsResolver, PublicResultBasisResolver, TaskOversightResolver } from './oversight/directed.resolver';

/** Text that may span lines (every other text argument is single-line; see `common/argument-guard.ts`). */
export const JOINT_MULTILINE_TEXT = ['ResultInput.findings', 'Mutation.fileComplaint(summary:)'];

/** The joint office's subgraph schema. */
export async function buildJointSchema(): Promise<GraphQLSchema> {
  const schema = await buildFederatedSchema(
    {
      resolvers: [
        InspectionTaskResolver,
        TaskDrawResolver,
        TaskPoolResolver,
        PoolPreviewResolver,
        TaskPublicationResolver,
        TaskAssignmentsResolver,
        DrawResolver,
        FullRecordResolver,
        AssignmentResolver,
        AssignmentDrawResolver,
        AssignmentEntityResolver,
        AssignmentResultsResolver,
        TargetInspectionsResolver,
        InspectorAssignmentsResolver,
        TeamLeaderResolver,
        TaskDocumentsResolver,
        AssignmentDocumentsResolver,
        PublicationDocumentResolver,
        ResultEvidenceResolver,
        ResultAmendmentResolver,
        PublicResultEvidenceResolver,
        MarketEntityResolver,
        CreditClassResolver,
        JointAuditResolver,
        ResultResolver,
        ReviewResolver,
        PublicationResolver,
        CalendarResolver,
        StatsResolver,
        TaskOversightResolver,
        PublicResultBasisResolver,
        DirectedStatsResolver,
      ],
      authChecker,
      validate: false,
    },
    jointReferences,
    { multiline: JOINT_MULTILINE_TEXT },
  );
  // Last, so refusals by `@Authorized` are recorded too (see `common/audit/refusal-audit.ts`).
  return recordRefusals<JointContext>(schema, { em: (context) => context.em, subjects: JOINT_REFUSAL_SUBJECTS });
}

import type { GraphQLSchema } from 'graphql';
import { authChecker } from '../../../common/auth';
import { buildFederatedSchema } from '../../../common/federation';
import { AssignmentResolver, InspectorAssignmentsResolver, TargetInspectionsResolver } from './assignments/assignment.resolver';
import { JointAuditResolver } from './audit.resolver';
import { MarketEntityResolver } from './credit/market-entity.resolver';
import { PublicResultEvidenceResolver, ResultEvidenceResolver } from './evidence/evidence.resolver';
import { AssignmentDocumentsResolver, PublicationDocumentResolver, TaskDocumentsResolver } from './paperwork/documents.resolver';
import { TeamLeaderResolver } from './paperwork/team-leader.resolver';
import { CalendarResolver } from './calendar/calendar.resolver';
import { PublicationResolver } from './publication/publication.resolver';
import { jointReferences } from './references';
import { ResultResolver } from './results/result.resolver';
import { StatsResolver } from './stats/stats.resolver';
import { DrawResolver, InspectionTaskResolver } from './tasks/task.resolver';

/** Text that may span lines (every other text argument is single-line; see `common/argument-guard.ts`). */
export const JOINT_MULTILINE_TEXT = ['ResultInput.findings', 'Mutation.fileComplaint(summary:)'];

/** The joint office's subgraph schema. */
export function buildJointSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema(
    {
      resolvers: [
        InspectionTaskResolver,
        DrawResolver,
        AssignmentResolver,
        TargetInspectionsResolver,
        InspectorAssignmentsResolver,
        TeamLeaderResolver,
        TaskDocumentsResolver,
        AssignmentDocumentsResolver,
        PublicationDocumentResolver,
        ResultEvidenceResolver,
        PublicResultEvidenceResolver,
        MarketEntityResolver,
        JointAuditResolver,
        ResultResolver,
        PublicationResolver,
        CalendarResolver,
        StatsResolver,
      ],
      authChecker,
      validate: false,
    },
    jointReferences,
    { multiline: JOINT_MULTILINE_TEXT },
  );
}

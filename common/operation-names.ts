/**
 * The named operations this system's own clients send — the portal, the CSV
 * exports, the spreadsheet import, the explorer's examples, the joint
 * subgraph's calls to the divisions, the gateway's readiness probe, the
 * bench. Metrics label operations by these names only; any other name a
 * client chooses counts as `other`, so /metrics cannot grow with what
 * clients send. `test/observability/operation-names.test.ts` fails when the
 * code sends a named operation missing here.
 */
export const KNOWN_OPERATIONS: ReadonlySet<string> = new Set([
  // explorer examples (gateway/src/explorer/operations/*.graphql)
  'AuditChains',
  'CommitInspectionTask',
  'CreateInspectionTask',
  'DeclareConflict',
  'DivisionDirectory',
  'DrawInspectionTask',
  'ExpiringCertificates',
  'HotelRegistrations',
  'ImportTargets',
  'InspectionStatistics',
  'InspectionTaskStatus',
  'MyAssignments',
  'PublicChecklist',
  'PublicResults',
  'PublicTaskDraw',
  'PublishInspectionTask',
  'RecordResult',
  'ReviewerTaskResults',
  'ReviewResult',
  'SaveCheckItem',
  'WithdrawConflict',
  // portal pages and exports
  'PortalDraw',
  'PortalHome',
  'PortalItems',
  'PortalPublication',
  'PortalPublications',
  'PortalTasks',
  'ExportResults',
  'ExportStatsDivision',
  'ExportStatsOverview',
  // paperwork downloads (gateway/src/documents)
  'AnnouncementDocument',
  'Paperwork',
  // spreadsheet import (scripts/import)
  'ImportCategories',
  'ImportCreditClassesFromSpreadsheet',
  'ImportInspectorDirectory',
  'ImportInspectorsFromSpreadsheet',
  'ImportTargetsFromSpreadsheet',
  // the joint subgraph reading a division instance (divisions/division-client.ts)
  'Checklist',
  'Name',
  'Plan',
  'Pool',
  'Stats',
  // the division contract's conformance command (gateway/src/division-contract)
  'Facts',
  'Page',
  // the gateway's readiness probe
  'ReadinessProbe',
  // the bench's users (bench/lib/operations.ts)
  'Directory',
  'TaskAssignments',
]);

/**
 * The label of an operation in metrics: its name when the system knows it
 * (a subgraph sees `Name__joint__0`, the gateway's name for its part of the
 * plan), `anonymous` without a name, `other` for any name a client made up.
 */
export function operationLabel(operationName: string | null | undefined): string {
  if (!operationName) return 'anonymous';
  const name = operationName.replace(/__[A-Za-z0-9_]+?__\d+$/, '');
  return KNOWN_OPERATIONS.has(name) ? name : 'other';
}

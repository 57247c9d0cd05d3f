/**
 * The authorization matrix: every root query field and mutation of the
 * supergraph, and the entity fields that carry personal or internal data,
 * against every kind of viewer — each cell a real request through the gateway.
 *
 * Expectations come from DESIGN.md §5:
 * - no token: only the public view — active item lists, published results,
 *   draw commitments and revealed seeds (and the public registers: credit
 *   records, risk flags, the working-day calculator);
 * - division_admin writes only its own division; it and the division's
 *   inspectors read their own division's directories (两库) and tasks;
 * - inspector reads its own assignments and records results for them;
 * - coordinator plans, commits, draws and publishes (and reads what planning needs);
 * - supervisor reads everything, including the audit trail;
 * - analyst reads statistics and published results, no personal data.
 *
 * A cell is one of
 *   A  allow:  answered without error, the field has a value;
 *   D  deny:   an error with code FORBIDDEN or UNAUTHENTICATED, and the field has no value;
 *   H  hidden: answered without error, but the field is null or empty — the
 *              design says the thing is simply not visible to this viewer.
 */
import { readFileSync } from 'node:fs';
import { Kind, parse, type ObjectTypeDefinitionNode } from 'graphql';
import { defaultSupergraphPath } from '../../gateway/src/config';
import { addDays } from '../../common/dates';
import { withUsccCheckCharacter } from '../../common/uscc';
import type { GraphQLResult } from '../support/graphql';
import { startTestSystem, type TestSystem } from '../support/system';
import { tokens } from '../support/tokens';
import { approveResults, COMMIT, committedTask, CREATE, DRAW, taskInput, TODAY, YEAR } from '../joint/helpers';

jest.setTimeout(180_000);

const VIEWERS = ['anonymous', 'coordinator', 'adminOwn', 'adminOther', 'inspectorOn', 'inspectorOff', 'supervisor', 'analyst'] as const;
type ViewerKind = (typeof VIEWERS)[number];
type Cell = 'A' | 'D' | 'H';

interface Team {
  task: string;
  /** The first assignment, whose team the "inspector on the team" belongs to. */
  assignment: string;
  uscc: string;
  item: { division: string; code: string };
  /** A ZA inspector on that assignment's team. */
  on: string;
  /** Every assignment of the task that inspector is on. */
  assignmentsOfOn: string[];
  allAssignments: string[];
  inspectorNames: string[];
  inspectorIds: string[];
  certificateNos: string[];
}

interface Fixtures {
  drafts: { visible: string; update: string; commit: string };
  committed: { draw: string; cancel: string };
  /** Drawn, with a cancellation a coordinator requested: one for approving, one for rejecting. */
  requested: { approve: string; reject: string };
  /** DRAWN, results not yet recorded. */
  R: Team;
  /** DRAWN, every result recorded: ready to publish. */
  P: string;
  /** PUBLISHED, one result withheld as a trade secret. */
  Q: Team & { publication: string };
  /** A ZA inspector on no team of any of these tasks. */
  off: string;
  complaint: { id: string; uscc: string };
  secretFinding: string;
}

interface Operation {
  query: string;
  variables?: Record<string, unknown>;
}

interface Row {
  /** `Query.x`, `Mutation.x`, or `Type.field (situation)`. */
  name: string;
  /** Whose team "inspector on / off the team" refers to. */
  team?: 'R' | 'Q';
  /** anonymous coordinator adminOwn(ZA) adminOther(WA) inspectorOn inspectorOff supervisor analyst */
  cells: string;
  operation: (f: Fixtures, viewer: ViewerKind) => Operation;
  /** The value the row is about, from the answer's data (undefined when absent). */
  value: (data: any) => unknown;
  /** More to check of an allowed answer. */
  check?: (value: any, f: Fixtures, viewer: ViewerKind, data: any) => void;
}

const q = (query: string, variables?: Record<string, unknown>): Operation => ({ query, variables });
const uscc = (body: string) => withUsccCheckCharacter(body);
const NEW_TARGET = uscc('91411002MA9GXK7L5');
const IMPORTED_TARGET = uscc('91411002MA9GXK7L6');
const CONFLICT_USCC = uscc('91411002MA9GXK7L7');
const COMPLAINT_USCC = uscc('91411002MA9GXK7L8');
const FLAGGED_USCC = uscc('91411002MA9GXK7L9');
const taskIds = (edges: any[]) => edges.map((edge: any) => edge.node.id);

// ── the matrix ───────────────────────────────────────────────────────────────
//                                                                     anon coord own other on off sup analyst
const ROWS: Row[] = [
  // Root queries
  { name: 'Query.division', cells: 'A A A A A A A A', operation: () => q(`{ division(code: "ZA") { code name } }`), value: (d) => d?.division },
  { name: 'Query.divisions', cells: 'A A A A A A A A', operation: () => q(`{ divisions { code name } }`), value: (d) => d?.divisions },
  {
    name: 'Query.inspectionTask (committed onwards: public)',
    cells: 'A A A A A A A A',
    operation: (f) => q(`query($id: ID!) { inspectionTask(id: $id) { id status seedCommitment } }`, { id: f.R.task }),
    value: (d) => d?.inspectionTask,
  },
  {
    name: 'Query.inspectionTask (DRAFT: the office and its divisions only)',
    cells: 'H A A H A A A H',
    operation: (f) => q(`query($id: ID!) { inspectionTask(id: $id) { id status } }`, { id: f.drafts.visible }),
    value: (d) => d?.inspectionTask,
  },
  {
    name: 'Query.inspectionTasks (drafts only for the office and their divisions)',
    cells: 'A A A A A A A A',
    operation: () => q(`{ inspectionTasks(first: 500) { totalCount edges { node { id status } } } }`),
    value: (d) => d?.inspectionTasks,
    check: (value, f, viewer) => {
      const ids = taskIds(value.edges);
      const seesDrafts = ['coordinator', 'supervisor', 'adminOwn', 'inspectorOn', 'inspectorOff'].includes(viewer);
      expect({ viewer, draft: ids.includes(f.drafts.visible) }).toEqual({ viewer, draft: seesDrafts });
      expect(ids).toContain(f.R.task);
    },
  },
  {
    name: 'Query.myAssignments',
    cells: 'D D D D A A D D',
    operation: () => q(`{ myAssignments(first: 500) { totalCount edges { node { id } } } }`),
    value: (d) => d?.myAssignments,
    check: (value, f, viewer) => {
      const ids = taskIds(value.edges);
      if (viewer === 'inspectorOn') expect(ids).toEqual(expect.arrayContaining(f.R.assignmentsOfOn));
      if (viewer === 'inspectorOff') for (const id of [...f.R.allAssignments, ...f.Q.allAssignments]) expect(ids).not.toContain(id);
    },
  },
  { name: 'Query.auditChain', cells: 'D D D D D D A D', operation: () => q(`{ auditChain { ok length } }`), value: (d) => d?.auditChain },
  {
    name: 'Query.auditTrail',
    cells: 'D D D D D D A D',
    operation: () => q(`{ auditTrail(first: 5) { totalCount edges { node { actor action subject } } } }`),
    value: (d) => d?.auditTrail,
  },
  {
    name: 'Query.marketEntity',
    cells: 'A A A A A A A A',
    operation: (f) => q(`query($u: String!) { marketEntity(uscc: $u) { uscc name } }`, { u: f.Q.uscc }),
    value: (d) => d?.marketEntity,
  },
  {
    name: 'Query.workingDays',
    cells: 'A A A A A A A A',
    operation: () => q(`{ workingDays(from: "${TODAY}", add: 20) { date calendarVerified } }`),
    value: (d) => d?.workingDays,
  },
  { name: 'Query.calendarVerified', cells: 'A A A A A A A A', operation: () => q(`{ calendarVerified(year: ${YEAR}) }`), value: (d) => d?.calendarVerified },
  {
    name: 'Query.calendarStatus',
    cells: 'A A A A A A A A',
    operation: () => q(`{ calendarStatus { today year verified nextYear nextYearVerified warning } }`),
    value: (d) => d?.calendarStatus,
  },
  {
    name: 'Query.publicResults',
    cells: 'A A A A A A A A',
    operation: () => q(`{ publicResults(first: 500) { totalCount edges { node { title uscc entityName outcome findings withheldReason } } } }`),
    value: (d) => d?.publicResults,
    check: (value, f) => expect(value.edges.map((edge: any) => edge.node.uscc)).toContain(f.Q.uscc),
  },
  {
    name: 'Query.publicOutcomeSummary',
    cells: 'A A A A A A A A',
    operation: () => q(`{ publicOutcomeSummary(year: ${YEAR}) { division outcome count } }`),
    value: (d) => d?.publicOutcomeSummary,
  },
  {
    name: 'Query.publication',
    cells: 'A A A A A A A A',
    operation: (f) => q(`query($id: ID!) { publication(id: $id) { id title resultCount withheldCount } }`, { id: f.Q.publication }),
    value: (d) => d?.publication,
  },
  {
    name: 'Query.publications',
    cells: 'A A A A A A A A',
    operation: () => q(`{ publications(first: 50) { totalCount edges { node { id title } } } }`),
    value: (d) => d?.publications,
  },
  {
    name: 'Query.unregisteredGuestFindings (治安 guest registrations, extension subgraph)',
    cells: 'D A A D A A A D',
    operation: () => q(`{ unregisteredGuestFindings { month unregisteredFound hotel { name licenceNo } } }`),
    value: (d) => d?.unregisteredGuestFindings,
  },
  {
    name: 'Query.inspectionStats',
    cells: 'D A D D D D A A',
    operation: () => q(`{ inspectionStats(year: ${YEAR}) { tasks drawn published overdue violationRateBp } }`),
    value: (d) => d?.inspectionStats,
  },

  // Entity fields with personal or internal data
  {
    name: 'Division.checklist (active items: public)',
    cells: 'A A A A A A A A',
    operation: () => q(`{ division(code: "ZA") { checklist { code name } } }`),
    value: (d) => d?.division?.checklist,
  },
  {
    name: 'Division.checklist (withdrawn items too)',
    cells: 'D A A A A A A A',
    operation: () => q(`{ division(code: "ZA") { checklist(includeInactive: true) { code active } } }`),
    value: (d) => d?.division?.checklist,
  },
  {
    name: 'Division.annualPlan',
    cells: 'D A A A A A A A',
    operation: () => q(`{ division(code: "ZA") { annualPlan(year: ${YEAR}) { id name } } }`),
    value: (d) => d?.division?.annualPlan,
  },
  {
    name: 'Division.targets',
    cells: 'D A A D A A A D',
    operation: () => q(`{ division(code: "ZA") { targets(first: 5) { totalCount edges { node { uscc name address } } } } }`),
    value: (d) => d?.division?.targets,
  },
  {
    name: 'Division.inspectors',
    cells: 'D A A D A A A D',
    operation: () => q(`{ division(code: "ZA") { inspectors(first: 5) { totalCount edges { node { id name certificateNo } } } } }`),
    value: (d) => d?.division?.inspectors,
  },
  {
    name: 'Division.auditChain',
    cells: 'D D D D D D A D',
    operation: () => q(`{ division(code: "ZA") { auditChain { ok length } } }`),
    value: (d) => d?.division?.auditChain,
  },
  {
    name: 'Division.auditTrail',
    cells: 'D D D D D D A D',
    operation: () => q(`{ division(code: "ZA") { auditTrail(first: 5) { totalCount } } }`),
    value: (d) => d?.division?.auditTrail,
  },
  {
    name: "Inspector.conflicts (the team inspector's own record)",
    team: 'R',
    cells: 'D A A D A D A D',
    operation: (f) =>
      q(`query($i: String) { division(code: "ZA") { inspectors(search: $i) { edges { node { id conflicts { uscc reason } } } } } }`, { i: f.R.on }),
    value: (d) => d?.division?.inspectors?.edges?.[0]?.node?.conflicts,
  },
  {
    name: "Inspector.assignments (the team inspector's own record)",
    team: 'R',
    cells: 'D A A D A D A D',
    operation: (f) =>
      q(`query($i: String) { division(code: "ZA") { inspectors(search: $i) { edges { node { id assignments(year: ${YEAR}) { id } } } } } }`, { i: f.R.on }),
    value: (d) => d?.division?.inspectors?.edges?.[0]?.node?.assignments,
    check: (value, f) => expect(value.map((assignment: any) => assignment.id)).toEqual(expect.arrayContaining(f.R.assignmentsOfOn)),
  },
  {
    name: 'Target.inspections',
    team: 'R',
    cells: 'D A A D D D A D',
    operation: (f) => q(`query($u: String) { division(code: "ZA") { targets(search: $u) { edges { node { uscc inspections { id } } } } } }`, { u: f.R.uscc }),
    value: (d) => d?.division?.targets?.edges?.[0]?.node?.inspections,
    check: (value, f) => expect(value.map((assignment: any) => assignment.id)).toContain(f.R.assignment),
  },
  {
    name: 'Target.lodging (guest registrations of a ZA hotel)',
    cells: 'D A A D A A A D',
    operation: () =>
      q(
        `{ division(code: "ZA") { targets(category: "旅馆", first: 5) { edges { node { uscc lodging { licenceNo rooms months(last: 1) { registrations } } } } } } }`,
      ),
    value: (d) => d?.division?.targets?.edges?.map((edge: any) => edge.node.lodging).filter(Boolean),
  },
  {
    name: 'InspectionTask.assignments (before publication)',
    team: 'R',
    cells: 'D A A D A H A D',
    operation: (f) => q(`query($id: ID!) { inspectionTask(id: $id) { assignments(first: 500) { totalCount edges { node { id uscc } } } } }`, { id: f.R.task }),
    value: (d) => d?.inspectionTask?.assignments?.edges,
    check: (value, f, viewer) => {
      const ids = taskIds(value);
      if (viewer === 'inspectorOn') expect(ids.sort()).toEqual([...f.R.assignmentsOfOn].sort());
      else expect(ids.sort()).toEqual([...f.R.allAssignments].sort());
    },
  },
  {
    name: 'Assignment.inspectors (before publication)',
    team: 'R',
    cells: 'D A A D A H A D',
    operation: (f) =>
      q(`query($id: ID!) { inspectionTask(id: $id) { assignments(first: 500) { edges { node { id inspectors { division id name certificateNo } } } } } }`, {
        id: f.R.task,
      }),
    value: (d) => d?.inspectionTask?.assignments?.edges?.map((edge: any) => edge.node.inspectors),
    check: (value) => {
      for (const team of value) expect(team.length).toBeGreaterThanOrEqual(2);
      for (const member of value.flat()) expect(member).toEqual(expect.objectContaining({ name: expect.any(String) }));
    },
  },
  {
    name: 'Assignment.entrySalt (the entity opens its own entry with it: only for those who may see the team)',
    team: 'R',
    cells: 'D A A D A H A D',
    operation: (f) => q(`query($id: ID!) { inspectionTask(id: $id) { assignments(first: 500) { edges { node { id entrySalt } } } } }`, { id: f.R.task }),
    value: (d) => d?.inspectionTask?.assignments?.edges?.map((edge: any) => edge.node.entrySalt),
    check: (value) => {
      expect(value.length).toBeGreaterThan(0);
      for (const salt of value) expect(salt).toMatch(/^[0-9a-f]{32}$/);
    },
  },
  {
    name: 'Assignment.inspectors (after publication: still no personal data for the public)',
    team: 'Q',
    cells: 'D A A D A H A D',
    operation: (f) =>
      q(`query($id: ID!) { inspectionTask(id: $id) { assignments(first: 500) { edges { node { id inspectors { division id name } } } } } }`, { id: f.Q.task }),
    value: (d) => d?.inspectionTask?.assignments?.edges?.map((edge: any) => edge.node.inspectors),
  },
  {
    name: 'Assignment.results (before publication)',
    team: 'R',
    cells: 'D A A D A H A D',
    operation: (f) =>
      q(`query($id: ID!) { inspectionTask(id: $id) { assignments(first: 500) { edges { node { id results { outcome findings recordedBy { id } } } } } } }`, {
        id: f.R.task,
      }),
    value: (d) => d?.inspectionTask?.assignments?.edges?.map((edge: any) => edge.node.results),
    check: (value) => expect(value.flat().length).toBeGreaterThan(0),
  },
  {
    name: 'Draw.record (before publication: names every drawn entity and team)',
    team: 'R',
    cells: 'D A A D D D A D',
    operation: (f) => q(`query($id: ID!) { inspectionTask(id: $id) { draw { record } } }`, { id: f.R.task }),
    value: (d) => d?.inspectionTask?.draw?.record,
  },
  {
    name: 'Draw.record (after publication: public)',
    team: 'Q',
    cells: 'A A A A A A A A',
    operation: (f) => q(`query($id: ID!) { inspectionTask(id: $id) { draw { record verification { ok } } } }`, { id: f.Q.task }),
    value: (d) => d?.inspectionTask?.draw?.record,
    check: (value, f) => {
      // SSJ-DRAW-2's public record proves the draw without naming the entities or the inspectors.
      const record = JSON.parse(value);
      expect(record.algorithm).toBe('SSJ-DRAW-2');
      expect(record.assignments.length).toBeGreaterThan(0);
      expect(value).not.toContain(f.Q.uscc);
      for (const name of f.Q.inspectorNames) expect(value).not.toContain(name);
    },
  },
  {
    name: 'Draw.fullRecord (supervisors only, even after publication)',
    team: 'Q',
    cells: 'D D D D D D A D',
    operation: (f) => q(`query($id: ID!) { inspectionTask(id: $id) { draw { fullRecord } } }`, { id: f.Q.task }),
    value: (d) => d?.inspectionTask?.draw?.fullRecord,
    check: (value, f) => expect(JSON.parse(value).targets.map((target: any) => target.uscc)).toContain(f.Q.uscc),
  },
  {
    name: 'InspectionTask.seedCommitment and Draw.seed (public)',
    team: 'R',
    cells: 'A A A A A A A A',
    operation: (f) => q(`query($id: ID!) { inspectionTask(id: $id) { seedCommitment draw { seed beacon poolDigest selectedCount } } }`, { id: f.R.task }),
    value: (d) => d?.inspectionTask?.draw?.seed,
  },
  {
    // The complained-about entity is not public (drawn for an unpublished task, no public listing): the public, inspectors and analysts do not find it.
    name: 'MarketEntity.complaints',
    cells: 'H A D D H H A H',
    operation: (f) => q(`query($u: String!) { marketEntity(uscc: $u) { uscc complaints { id summary } } }`, { u: f.complaint.uscc }),
    value: (d) => d?.marketEntity?.complaints,
  },
  {
    name: 'MarketEntity.inspectedIn',
    team: 'R',
    cells: 'H A A A H H A H',
    operation: (f) => q(`query($u: String!) { marketEntity(uscc: $u) { uscc inspectedIn(year: ${YEAR}) } }`, { u: f.R.uscc }),
    value: (d) => d?.marketEntity?.inspectedIn,
    check: (value) => expect(value).toBe(true),
  },
  {
    // Published entity, so everyone sees the entity itself: the class stays with the office (coordinators and supervisors).
    name: 'MarketEntity.creditClass (an entity with a published result)',
    cells: 'D A D D D D A D',
    operation: (f) => q(`query($u: String!) { marketEntity(uscc: $u) { uscc creditClass { riskClass source assessedOn } } }`, { u: f.Q.uscc }),
    value: (d) => d?.marketEntity?.creditClass,
    check: (value) => expect(value.riskClass).toBe('D'),
  },
  {
    name: 'MarketEntity.creditRecord (public)',
    cells: 'A A A A A A A A',
    operation: (f) => q(`query($u: String!) { marketEntity(uscc: $u) { creditRecord { kind outcome summary } } }`, { u: f.Q.uscc }),
    value: (d) => d?.marketEntity?.creditRecord,
  },
  {
    name: 'MarketEntity.riskFlags (public registers)',
    cells: 'A A A A A A A A',
    operation: (f) => q(`query($u: String!) { marketEntity(uscc: $u) { riskFlags { flag active } } }`, { u: f.Q.uscc }),
    value: (d) => d?.marketEntity?.riskFlags,
  },
  {
    name: 'Publication.results (public, withheld findings hidden)',
    cells: 'A A A A A A A A',
    operation: (f) => q(`query($id: ID!) { publication(id: $id) { results { uscc outcome findings withheldReason } } }`, { id: f.Q.publication }),
    value: (d) => d?.publication?.results,
    check: (value, f) => expect(JSON.stringify(value)).not.toContain(f.secretFinding),
  },

  // Mutations (denied cells run first: a refusal must come before any change)
  {
    name: 'Mutation.saveCheckItem',
    cells: 'D D A D D D D D',
    operation: () =>
      q(`mutation($input: CheckItemInput!) { saveCheckItem(division: "ZA", input: $input) { code } }`, {
        input: {
          code: 'ZA-801',
          name: '授权矩阵测试事项',
          basis: '测试依据',
          subject: '治安管理支队',
          targetCategory: '旅馆',
          ratioBp: 500,
          timesPerYear: 1,
          method: '实地检查',
          content: '测试内容',
          active: false,
        },
      }),
    value: (d) => d?.saveCheckItem,
  },
  {
    name: 'Mutation.saveTarget',
    cells: 'D D A D D D D D',
    operation: () =>
      q(`mutation($input: TargetInput!) { saveTarget(division: "ZA", input: $input) { uscc } }`, {
        input: { uscc: NEW_TARGET, name: '授权矩阵测试旅馆', kind: 'ENTERPRISE', scope: '住宿服务', address: '许昌市魏都区矩阵路1号', categories: ['旅馆'] },
      }),
    value: (d) => d?.saveTarget,
  },
  {
    name: 'Mutation.importTargets',
    cells: 'D D A D D D D D',
    operation: () =>
      q(`mutation($rows: [TargetInput!]!) { importTargets(division: "ZA", rows: $rows) { accepted rejected } }`, {
        rows: [
          { uscc: IMPORTED_TARGET, name: '授权矩阵导入旅馆', kind: 'ENTERPRISE', scope: '住宿服务', address: '许昌市魏都区矩阵路2号', categories: ['旅馆'] },
        ],
      }),
    value: (d) => d?.importTargets,
    check: (value) => expect(value).toEqual({ accepted: 1, rejected: 0 }),
  },
  {
    name: 'Mutation.saveInspector',
    cells: 'D D A D D D D D',
    operation: () =>
      q(`mutation($input: InspectorInput!) { saveInspector(division: "ZA", input: $input) { id } }`, {
        input: {
          id: 'ZA-9801',
          name: '矩阵测试员甲',
          unit: '治安管理支队',
          position: '民警',
          expertise: ['特种行业管理'],
          certificateNo: '豫公执字ZA9801',
          certificateValidUntil: `${YEAR + 3}-12-31`,
          active: false,
        },
      }),
    value: (d) => d?.saveInspector,
  },
  {
    name: 'Mutation.importInspectors',
    cells: 'D D A D D D D D',
    operation: () =>
      q(`mutation($rows: [InspectorInput!]!) { importInspectors(division: "ZA", rows: $rows) { accepted rejected } }`, {
        rows: [
          {
            id: 'ZA-9802',
            name: '矩阵测试员乙',
            unit: '治安管理支队',
            position: '民警',
            expertise: ['特种行业管理'],
            certificateNo: '豫公执字ZA9802',
            certificateValidUntil: `${YEAR + 3}-12-31`,
            active: false,
          },
        ],
      }),
    value: (d) => d?.importInspectors,
  },
  {
    name: 'Mutation.declareConflict (for the team inspector)',
    team: 'R',
    cells: 'D D A D A D D D',
    // The same reason for every caller: declaring a standing declaration again changes nothing, while another reason would be refused.
    operation: (f) =>
      q(`mutation($i: ID!, $u: String!, $r: String!) { declareConflict(division: "ZA", inspector: $i, uscc: $u, reason: $r) { id } }`, {
        i: f.R.on,
        u: CONFLICT_USCC,
        r: '亲属在该单位任职',
      }),
    value: (d) => d?.declareConflict,
  },
  {
    name: 'Mutation.withdrawConflict',
    team: 'R',
    cells: 'D D A D D D D D',
    operation: (f, viewer) =>
      q(`mutation($i: ID!, $u: String!, $r: String!) { withdrawConflict(division: "ZA", inspector: $i, uscc: $u, reason: $r) { id } }`, {
        i: f.R.on,
        u: CONFLICT_USCC,
        r: `申报有误（${viewer}）`,
      }),
    value: (d) => d?.withdrawConflict,
  },
  {
    name: 'Mutation.savePlanEntry',
    cells: 'D D A D D D D D',
    operation: () =>
      q(`mutation($input: PlanEntryInput!) { savePlanEntry(division: "ZA", input: $input) { id } }`, {
        input: {
          year: YEAR,
          name: '授权矩阵测试计划',
          items: ['ZA-001'],
          targetCategory: '旅馆',
          ratioBp: 500,
          periodStart: TODAY,
          periodEnd: addDays(TODAY, 30),
          authority: '许昌市公安局治安管理支队',
        },
      }),
    value: (d) => d?.savePlanEntry,
  },
  {
    name: 'Mutation.createInspectionTask',
    cells: 'D A D D D D D D',
    operation: () => q(CREATE, { input: taskInput({ name: '授权矩阵新建任务', items: [{ division: 'ZA', code: 'ZA-011' }] }) }),
    value: (d) => d?.createInspectionTask,
  },
  {
    name: 'Mutation.updateInspectionTask',
    cells: 'D A D D D D D D',
    operation: (f) =>
      q(`mutation($id: ID!, $input: InspectionTaskInput!) { updateInspectionTask(id: $id, input: $input) { id name } }`, {
        id: f.drafts.update,
        input: taskInput({ name: '授权矩阵修改后的任务', items: [{ division: 'ZA', code: 'ZA-011' }] }),
      }),
    value: (d) => d?.updateInspectionTask,
  },
  {
    name: 'Mutation.commitInspectionTask',
    cells: 'D A D D D D D D',
    operation: (f) => q(COMMIT, { id: f.drafts.commit }),
    value: (d) => d?.commitInspectionTask,
  },
  {
    name: 'Mutation.drawInspectionTask',
    cells: 'D A D D D D D D',
    operation: (f) => q(DRAW, { id: f.committed.draw, beacon: 'matrix 1 2 3' }),
    value: (d) => d?.drawInspectionTask,
  },
  {
    name: 'Mutation.verifyDraw',
    team: 'Q',
    cells: 'D D D D D D A D',
    operation: (f) => q(`mutation($id: ID!) { verifyDraw(id: $id) { ok pending } }`, { id: f.Q.task }),
    value: (d) => d?.verifyDraw,
    check: (value) => expect(value).toEqual({ ok: true, pending: false }),
  },
  {
    name: 'Mutation.cancelInspectionTask',
    cells: 'D A D D D D D D',
    operation: (f) => q(`mutation($id: ID!) { cancelInspectionTask(id: $id, reason: "授权矩阵测试撤销") { id status } }`, { id: f.committed.cancel }),
    value: (d) => d?.cancelInspectionTask,
  },
  {
    name: 'Mutation.approveCancellation',
    cells: 'D D D D D D A D',
    operation: (f) => q(`mutation($id: ID!) { approveCancellation(id: $id, note: "授权矩阵测试批准") { id status } }`, { id: f.requested.approve }),
    value: (d) => d?.approveCancellation,
    check: (value) => expect(value.status).toBe('CANCELLED'),
  },
  {
    name: 'Mutation.rejectCancellation',
    cells: 'D D D D D D A D',
    operation: (f) => q(`mutation($id: ID!) { rejectCancellation(id: $id, note: "授权矩阵测试驳回") { id status } }`, { id: f.requested.reject }),
    value: (d) => d?.rejectCancellation,
    check: (value) => expect(value.status).toBe('DRAWN'),
  },
  {
    name: 'Mutation.fileComplaint',
    cells: 'D A D D D D D D',
    operation: () =>
      q(`mutation($u: String!, $on: Date!) { fileComplaint(uscc: $u, summary: "授权矩阵测试投诉", receivedOn: $on) { id } }`, { u: COMPLAINT_USCC, on: TODAY }),
    value: (d) => d?.fileComplaint,
  },
  {
    name: 'Mutation.closeComplaint',
    cells: 'D A D D D D D D',
    operation: (f) => q(`mutation($id: ID!) { closeComplaint(id: $id) { id open } }`, { id: f.complaint.id }),
    value: (d) => d?.closeComplaint,
  },
  {
    name: 'Mutation.setRiskFlag',
    cells: 'D A D D D D D D',
    operation: () =>
      q(`mutation($u: String!) { setRiskFlag(uscc: $u, flag: ABNORMAL_OPERATION, active: true, source: "国家企业信用信息公示系统") { uscc } }`, {
        u: FLAGGED_USCC,
      }),
    value: (d) => d?.setRiskFlag,
  },
  {
    name: 'Mutation.setCreditClass',
    cells: 'D A D D D D D D',
    operation: () =>
      q(`mutation($u: String!, $on: Date!) { setCreditClass(uscc: $u, riskClass: C, source: "市场监管局信用风险分类结果", assessedOn: $on) { uscc } }`, {
        u: FLAGGED_USCC,
        on: TODAY,
      }),
    value: (d) => d?.setCreditClass,
  },
  {
    name: 'Mutation.importCreditClasses',
    cells: 'D A D D D D D D',
    operation: () =>
      q(`mutation($rows: [CreditClassInput!]!) { importCreditClasses(rows: $rows) { accepted rejected } }`, {
        rows: [{ uscc: COMPLAINT_USCC, riskClass: 'B', source: '市场监管局信用风险分类结果', assessedOn: TODAY }],
      }),
    value: (d) => d?.importCreditClasses,
  },
  {
    name: 'Mutation.loadCalendarYear',
    cells: 'D D D D D D A D',
    operation: () =>
      q(`mutation($input: CalendarYearInput!) { loadCalendarYear(input: $input) { year verified } }`, {
        input: { year: 2031, holidays: ['2031-10-01'], workdays: [] },
      }),
    value: (d) => d?.loadCalendarYear,
  },
  {
    name: 'Mutation.publishInspectionTask',
    cells: 'D A D D D D D D',
    operation: (f) => q(`mutation($id: ID!) { publishInspectionTask(id: $id) { id } }`, { id: f.P }),
    value: (d) => d?.publishInspectionTask,
  },
  {
    name: "Mutation.amendResult (a published result of the team's item)",
    team: 'Q',
    cells: 'D A D D A D D D',
    operation: (f, viewer) =>
      q(
        `mutation($a: ID!, $item: ItemRefInput!, $input: ResultInput!, $r: String!) { amendResult(assignment: $a, item: $item, input: $input, reason: $r) { id amends } }`,
        {
          // One correction of an item waits for review at a time: the coordinator's corrects another assignment's result.
          a: viewer === 'coordinator' ? f.Q.allAssignments.find((id) => id !== f.Q.assignment) : f.Q.assignment,
          item: f.Q.item,
          input: { outcome: 'NO_ISSUES_FOUND', method: '实地检查', inspectedOn: TODAY, findings: '复核无误' },
          r: `录入错误更正（${viewer}）`,
        },
      ),
    value: (d) => d?.amendResult,
  },
  {
    // None of these viewers is a reviewer (法制审核): test/joint/review.test.ts shows the reviewers' own cells.
    name: "Mutation.reviewResult (a recorded result of the team's item)",
    team: 'R',
    cells: 'D D D D D D D D',
    operation: (f) =>
      q(`mutation($a: ID!, $item: ItemRefInput!, $ok: Boolean!) { reviewResult(assignment: $a, item: $item, approve: $ok) { review { status } } }`, {
        a: f.R.assignment,
        item: f.R.item,
        ok: true,
      }),
    value: (d) => d?.reviewResult,
  },
  {
    name: "Mutation.recordResult (an item of the team's assignment)",
    team: 'R',
    cells: 'D D D D A D D D',
    operation: (f) =>
      q(`mutation($a: ID!, $item: ItemRefInput!, $input: ResultInput!) { recordResult(assignment: $a, item: $item, input: $input) { outcome } }`, {
        a: f.R.assignment,
        item: f.R.item,
        input: { outcome: 'NO_ISSUES_FOUND', method: '实地检查', inspectedOn: TODAY, findings: '未发现问题' },
      }),
    value: (d) => d?.recordResult,
  },
];

// ── running it ───────────────────────────────────────────────────────────────

let system: TestSystem;
let fixtures: Fixtures;

function cellsOf(row: Row): Record<ViewerKind, Cell> {
  const letters = row.cells.trim().split(/\s+/);
  if (letters.length !== VIEWERS.length || letters.some((letter) => !['A', 'D', 'H'].includes(letter)))
    throw new Error(`row ${row.name}: cells must be ${VIEWERS.length} of A, D, H`);
  return Object.fromEntries(VIEWERS.map((viewer, index) => [viewer, letters[index] as Cell])) as Record<ViewerKind, Cell>;
}

async function tokenFor(viewer: ViewerKind, team: Team): Promise<string | undefined> {
  switch (viewer) {
    case 'anonymous':
      return undefined;
    case 'coordinator':
      return tokens.coordinator();
    case 'adminOwn':
      return tokens.divisionAdmin('ZA');
    case 'adminOther':
      return tokens.divisionAdmin('WA');
    case 'inspectorOn':
      return tokens.inspector('ZA', team.on);
    case 'inspectorOff':
      return tokens.inspector('ZA', fixtures.off);
    case 'supervisor':
      return tokens.supervisor();
    case 'analyst':
      return tokens.analyst();
  }
}

const isEmpty = (value: unknown) => value === null || value === undefined || (Array.isArray(value) && value.length === 0);

/** What actually happened to one cell, as A, D or H — or a description of anything else. */
function observed(result: GraphQLResult, value: unknown): string {
  const codes = (result.errors ?? []).map((error) => String(error.extensions?.code));
  if (codes.length === 0) return isEmpty(value) ? 'H' : 'A';
  if (codes.some((code) => code === 'FORBIDDEN' || code === 'UNAUTHENTICATED') && isEmpty(value)) return 'D';
  return `errors ${codes.join(',')} (${result
    .errors!.map((error) => error.message)
    .join(' | ')
    .slice(0, 200)})${isEmpty(value) ? '' : ' with data'}`;
}

async function runRow(row: Row): Promise<string[]> {
  const cells = cellsOf(row);
  const team = row.team === 'Q' ? fixtures.Q : fixtures.R;
  const mismatches: string[] = [];
  // Refusals first: an allowed mutation changes what the next call would meet.
  const order = [...VIEWERS].sort((a, b) => Number(cells[a] === 'A') - Number(cells[b] === 'A'));
  for (const viewer of order) {
    const { query, variables } = row.operation(fixtures, viewer);
    const result = await system.query(query, variables ?? {}, await tokenFor(viewer, team));
    const value = row.value(result.data);
    const got = observed(result, value);
    if (got !== cells[viewer]) {
      mismatches.push(`${viewer}: expected ${cells[viewer]}, got ${got}`);
      continue;
    }
    if (got === 'A' && row.check) {
      try {
        row.check(value, fixtures, viewer, result.data);
      } catch (error) {
        mismatches.push(`${viewer}: allowed, but ${error instanceof Error ? error.message.split('\n').slice(0, 6).join(' ') : error}`);
      }
    }
  }
  return mismatches;
}

// ── fixtures ─────────────────────────────────────────────────────────────────

async function ok(result: Promise<GraphQLResult>, what: string): Promise<any> {
  const answer = await result;
  if (answer.errors?.length || !answer.data) throw new Error(`${what} failed: ${JSON.stringify(answer.body)}`);
  return answer.data;
}

async function draft(name: string): Promise<string> {
  const data = await ok(
    system.query(CREATE, { input: taskInput({ name, items: [{ division: 'ZA', code: 'ZA-006' }] }) }, await tokens.coordinator()),
    'createInspectionTask',
  );
  return data.createInspectionTask.id;
}

async function drawnTeam(id: string): Promise<{ team: Team; assignments: any[] }> {
  const coordinator = await tokens.coordinator();
  await ok(system.query(DRAW, { id, beacon: 'matrix-draw 4 5 6' }, coordinator), 'drawInspectionTask');
  const data = await ok(
    system.query(
      `query($id: ID!) { inspectionTask(id: $id) { assignments(first: 500) { edges { node { id uscc items { division code } inspectors { division id name certificateNo } } } } } }`,
      { id },
      coordinator,
    ),
    'assignments',
  );
  const assignments = data.inspectionTask.assignments.edges.map((edge: any) => edge.node);
  const first = assignments[0];
  const on = first.inspectors.find((inspector: any) => inspector.division === 'ZA').id as string;
  const members = assignments.flatMap((assignment: any) => assignment.inspectors);
  return {
    assignments,
    team: {
      task: id,
      assignment: first.id,
      uscc: first.uscc,
      item: first.items.find((item: any) => item.division === 'ZA'),
      on,
      assignmentsOfOn: assignments
        .filter((assignment: any) => assignment.inspectors.some((inspector: any) => inspector.id === on))
        .map((assignment: any) => assignment.id),
      allAssignments: assignments.map((assignment: any) => assignment.id),
      inspectorNames: [...new Set<string>(members.map((member: any) => member.name))],
      inspectorIds: [...new Set<string>(members.map((member: any) => member.id))],
      certificateNos: [...new Set<string>(members.map((member: any) => member.certificateNo))],
    },
  };
}

async function recordAll(assignments: any[], special?: (assignment: any, index: number) => Record<string, unknown> | undefined): Promise<void> {
  for (const [index, assignment] of assignments.entries()) {
    for (const item of assignment.items) {
      const member = assignment.inspectors.find((inspector: any) => inspector.division === item.division);
      const input = { outcome: 'NO_ISSUES_FOUND', method: '实地检查', inspectedOn: TODAY, findings: '未发现问题', ...special?.(assignment, index) };
      await ok(
        system.query(
          `mutation($a: ID!, $item: ItemRefInput!, $input: ResultInput!) { recordResult(assignment: $a, item: $item, input: $input) { outcome } }`,
          { a: assignment.id, item: { division: item.division, code: item.code }, input },
          await tokens.inspector(member.division, member.id),
        ),
        'recordResult',
      );
    }
  }
}

beforeAll(async () => {
  system = await startTestSystem({ divisions: ['ZA', 'WA'], seed: 'demo' });
  const coordinator = await tokens.coordinator();
  const secretFinding = '该店会员数据库结构及客房管理系统源代码（商业秘密）';

  const drafts = { visible: await draft('授权矩阵草稿（可见性）'), update: await draft('授权矩阵草稿（修改）'), commit: await draft('授权矩阵草稿（确定）') };
  const committed = {
    draw: await committedTask(system, { name: '授权矩阵待抽取', items: [{ division: 'ZA', code: 'ZA-008' }], ratioBp: 200, highRiskRatioBp: 200 }),
    cancel: await committedTask(system, { name: '授权矩阵待撤销', items: [{ division: 'ZA', code: 'ZA-012' }], ratioBp: 200, highRiskRatioBp: 200 }),
  };
  const requestedCancellation = async (name: string, code: string) => {
    const id = await committedTask(system, { name, items: [{ division: 'ZA', code }], ratioBp: 200, highRiskRatioBp: 200 });
    await ok(system.query(DRAW, { id, beacon: 'matrix 7 8 9' }, coordinator), 'drawInspectionTask');
    await ok(
      system.query(`mutation($id: ID!) { cancelInspectionTask(id: $id, reason: "授权矩阵申请撤销") { id } }`, { id }, coordinator),
      'cancelInspectionTask',
    );
    return id;
  };
  const requested = {
    approve: await requestedCancellation('授权矩阵待批准撤销', 'ZA-012'),
    reject: await requestedCancellation('授权矩阵待驳回撤销', 'ZA-008'),
  };

  const R = await drawnTeam(
    await committedTask(system, { name: '授权矩阵已抽取', items: [{ division: 'ZA', code: 'ZA-003' }], ratioBp: 1000, highRiskRatioBp: 1000 }),
  );
  await recordAll(R.assignments.slice(0, 1));

  const P = await drawnTeam(
    await committedTask(system, { name: '授权矩阵待公示', items: [{ division: 'ZA', code: 'ZA-005' }], ratioBp: 500, highRiskRatioBp: 500 }),
  );
  await recordAll(P.assignments);
  await approveResults(system, P.team.task);

  const Q = await drawnTeam(
    await committedTask(system, { name: '授权矩阵已公示', items: [{ division: 'ZA', code: 'ZA-010' }], ratioBp: 1000, highRiskRatioBp: 1000 }),
  );
  await recordAll(Q.assignments, (_assignment, index) =>
    index === 0 ? { outcome: 'ISSUES_RECTIFIED_ON_ORDER', findings: secretFinding, disclosure: 'TRADE_SECRET' } : undefined,
  );
  await approveResults(system, Q.team.task);
  const published = await ok(
    system.query(`mutation($id: ID!) { publishInspectionTask(id: $id) { id } }`, { id: Q.team.task }, coordinator),
    'publishInspectionTask',
  );

  const onSomeTeam = new Set([...R.team.inspectorIds, ...P.team.inspectorIds, ...Q.team.inspectorIds]);
  const directory = await ok(
    system.query(`{ division(code: "ZA") { inspectors(first: 500, active: true) { edges { node { id certificateValidUntil } } } } }`, {}, coordinator),
    'inspectors',
  );
  const off = directory.division.inspectors.edges
    .map((edge: any) => edge.node)
    .find((inspector: any) => !onSomeTeam.has(inspector.id) && inspector.certificateValidUntil > TODAY).id;

  // Something to see in the rows about declared conflicts and risk flags.
  await ok(
    system.query(
      `mutation($i: ID!, $u: String!) { declareConflict(division: "ZA", inspector: $i, uscc: $u, reason: "配偶在该单位任职") { id } }`,
      { i: R.team.on, u: uscc('91411002MA9GXK7LA') },
      await tokens.divisionAdmin('ZA'),
    ),
    'declareConflict',
  );
  await ok(
    system.query(
      `mutation($u: String!) { setRiskFlag(uscc: $u, flag: DISHONEST_JUDGMENT_DEBTOR, active: true, source: "最高人民法院失信被执行人名单") { uscc } }`,
      { u: Q.team.uscc },
      coordinator,
    ),
    'setRiskFlag',
  );
  await ok(
    system.query(
      `mutation($u: String!, $on: Date!) { setCreditClass(uscc: $u, riskClass: D, source: "市市场监督管理局企业信用风险分类结果", assessedOn: $on) { uscc } }`,
      { u: Q.team.uscc, on: TODAY },
      coordinator,
    ),
    'setCreditClass',
  );
  const complaint = await ok(
    system.query(
      `mutation($u: String!, $on: Date!) { fileComplaint(uscc: $u, summary: "群众举报：未登记旅客身份信息", receivedOn: $on) { id uscc } }`,
      { u: R.team.uscc, on: TODAY },
      coordinator,
    ),
    'fileComplaint',
  );

  fixtures = {
    drafts,
    committed,
    requested,
    R: R.team,
    P: P.team.task,
    Q: { ...Q.team, publication: published.publishInspectionTask.id },
    off,
    complaint: complaint.fileComplaint,
    secretFinding,
  };
});

afterAll(() => system?.stop());

describe('the authorization matrix', () => {
  it('has a row for every root query field and mutation of the supergraph (except @inaccessible ones)', () => {
    const document = parse(readFileSync(defaultSupergraphPath(), 'utf8'));
    const rootFields = (type: 'Query' | 'Mutation') =>
      document.definitions
        .filter((definition): definition is ObjectTypeDefinitionNode => definition.kind === Kind.OBJECT_TYPE_DEFINITION && definition.name.value === type)
        .flatMap((definition) => definition.fields ?? [])
        .filter((field) => !(field.directives ?? []).some((directive) => directive.name.value === 'inaccessible'))
        .map((field) => `${type}.${field.name.value}`);
    const public_ = [...rootFields('Query'), ...rootFields('Mutation')].sort();
    const covered = new Set(ROWS.map((row) => row.name.split(' ')[0]!));
    expect(public_.filter((name) => !covered.has(name))).toEqual([]);
    expect([...covered].filter((name) => /^(Query|Mutation)\./.test(name) && !public_.includes(name))).toEqual([]);
    for (const row of ROWS) cellsOf(row);
    expect(new Set(ROWS.map((row) => row.name)).size).toBe(ROWS.length);
  });

  it.each(ROWS.map((row) => [row.name, row] as const))('%s', async (_name, row) => {
    expect(await runRow(row)).toEqual([]);
  });
});

describe('the public view', () => {
  it('never contains inspector names, ids or certificate numbers, nor withheld findings', async () => {
    const answers = await Promise.all([
      system.query(
        `{ publicResults(first: 500) { totalCount edges { node { id title publication uscc entityName divisionName itemName outcome outcomeLabel findings withheldReason inspectedOn publishedAt referredTo amends amendmentReason } } } }`,
      ),
      system.query(
        `query($id: ID!) { publication(id: $id) { id title resultCount withheldCount results { uscc entityName itemName outcome findings withheldReason } task { id name status } } }`,
        { id: fixtures.Q.publication },
      ),
      system.query(`{ publications(first: 50) { edges { node { id title results { findings withheldReason } } } } }`),
      system.query(
        `query($u: String!) { marketEntity(uscc: $u) { uscc name creditRecord { kind summary outcome outcomeLabel publication referredTo } riskFlags { flag source } } }`,
        { u: fixtures.Q.uscc },
      ),
      system.query(`{ publicOutcomeSummary(year: ${YEAR}) { division divisionName outcome label count } }`),
    ]);
    for (const answer of answers) expect(answer.errors).toBeUndefined();
    const results = answers[0]!.data.publicResults.edges.map((edge: any) => edge.node);
    expect(results.filter((node: any) => node.publication === fixtures.Q.publication).length).toBeGreaterThanOrEqual(fixtures.Q.allAssignments.length);
    const withheld = results.find((node: any) => node.uscc === fixtures.Q.uscc && node.withheldReason);
    expect(withheld).toMatchObject({ findings: null, withheldReason: expect.stringContaining('商业秘密') });

    const text = JSON.stringify(answers.map((answer) => answer.body));
    expect(text).not.toContain(fixtures.secretFinding);
    for (const team of [fixtures.Q, fixtures.R]) {
      for (const name of team.inspectorNames) expect(text).not.toContain(name);
      for (const id of team.inspectorIds) expect(text).not.toContain(id);
      for (const certificate of team.certificateNos) expect(text).not.toContain(certificate);
    }
  });
});

import type { Viewer } from '../../../common/viewer';
import { PUBLIC_RESULT_FIELDS, type Connection, type PublicResultView } from '../portal/components';
import { ApiRefusedError, ApiUnavailableError, type GraphQLReply } from '../portal/graphql-client';

/** Runs one operation through the gateway as `viewer` — the API's own access rules decide what comes back. */
export type ExecuteAs = <T>(viewer: Viewer, query: string, variables: Record<string, unknown>) => Promise<GraphQLReply<T>>;

export interface PaperworkInspector {
  division: string;
  id: string;
  name: string;
  unit: string;
  position: string;
  certificateNo: string;
}

export interface PaperworkItem {
  division: string;
  code: string;
  name: string;
  basis: string;
  subject: string;
  method: string;
  content: string;
}

export interface PaperworkAssignment {
  id: string;
  uscc: string;
  entityName: string;
  targets: Array<{ division: string; name: string; address: string } | null>;
  items: Array<PaperworkItem | null>;
  inspectors: Array<PaperworkInspector | null>;
  leader: { division: string; id: string } | null;
  /** 抽取池核验码 (SSJ-DRAW-2 §9.3); null for SSJ-DRAW-1 draws. */
  entrySalt: string | null;
}

export interface PaperworkTask {
  id: string;
  name: string;
  year: number;
  kind: 'RANDOM' | 'DIRECTED';
  status: string;
  leadDivision: string;
  periodStart: string;
  periodEnd: string;
  divisions: Array<{ code: string; name: string } | null>;
  draw: { seed: string; drawnAt: string; algorithm: string } | null;
}

export interface TaskPaperwork {
  task: PaperworkTask;
  assignments: PaperworkAssignment[];
}

const TASK_FIELDS = `id name year kind status leadDivision periodStart periodEnd divisions { code name } draw { seed drawnAt algorithm }`;
const ASSIGNMENT_FIELDS = `id uscc entityName
  targets { division name address }
  items { division code name basis subject method content }
  inspectors { division id name unit position certificateNo }
  leader { division id }
  entrySalt`;

/** Pages small enough that the cost limit never refuses one (every assignment brings its directory entries, items and team). */
const PAGE_SIZE = 100;
const MAX_PAGES = 100;

const PAPERWORK_QUERY = `query Paperwork($id: ID!, $first: Int!, $after: String) {
  inspectionTask(id: $id) { ${TASK_FIELDS}
    assignments(first: $first, after: $after) { pageInfo { hasNextPage endCursor } edges { node { ${ASSIGNMENT_FIELDS} } } }
  }
}`;

/**
 * Any error makes the whole document fail: a dispatch list with a missing team
 * member or a notice without its legal basis must never be printed.
 */
function wholeData<T>(reply: GraphQLReply<T>): T {
  const refusal = reply.errors.find((error) => ['UNAUTHENTICATED', 'FORBIDDEN', 'BAD_USER_INPUT'].includes(String(error.extensions?.code)));
  if (refusal) throw new ApiRefusedError(refusal.message, String(refusal.extensions!.code));
  if (reply.errors.length || !reply.data) {
    throw new ApiUnavailableError(`GraphQL answered with errors: ${reply.errors.map((error) => error.extensions?.code ?? error.message).join(', ')}`);
  }
  return reply.data;
}

export class DocumentNotFoundError extends Error {}

/** The task, its draw and every assignment the viewer may see, with directory entries, items and teams. */
export async function readTaskPaperwork(execute: ExecuteAs, viewer: Viewer, taskId: string, only?: string): Promise<TaskPaperwork> {
  let after: string | null = null;
  let task: PaperworkTask | undefined;
  const assignments: PaperworkAssignment[] = [];
  type Answer = { inspectionTask: (PaperworkTask & { assignments: Connection<PaperworkAssignment> }) | null };
  for (let page = 0; page < MAX_PAGES; page++) {
    const data: Answer = wholeData(await execute<Answer>(viewer, PAPERWORK_QUERY, { id: taskId, first: PAGE_SIZE, after }));
    if (!data.inspectionTask) throw new DocumentNotFoundError(`没有任务 ${taskId} (no task ${taskId})`);
    const { assignments: connection, ...fields } = data.inspectionTask;
    task ??= fields;
    for (const edge of connection.edges) if (!only || edge.node.id === only) assignments.push(edge.node);
    if (only && assignments.length) break;
    if (!connection.pageInfo.hasNextPage || !connection.pageInfo.endCursor) break;
    after = connection.pageInfo.endCursor;
  }
  if (!task?.draw) throw new DocumentNotFoundError(`任务 ${taskId} 尚未抽取，没有派遣单 (task ${taskId} has not been drawn)`);
  if (only && !assignments.length) throw new DocumentNotFoundError(`没有检查对象 ${only} (no assignment ${only})`);
  return { task, assignments };
}

export interface PublicationPaperwork {
  id: string;
  title: string;
  publishedAt: string;
  resultCount: number;
  withheldCount: number;
  divisions: Array<{ code: string; name: string; lead: boolean }>;
  task: { id: string; name: string; draw: { seed: string } | null } | null;
  results: PublicResultView[];
}

const PUBLICATION_QUERY = `query AnnouncementDocument($id: ID!) {
  publication(id: $id) { id title publishedAt resultCount withheldCount divisions { code name lead }
    task { id name draw { seed } }
    results { ${PUBLIC_RESULT_FIELDS} }
  }
}`;

/** A publication as the public reads it: the announcement is rendered as an anonymous visitor, whoever downloads it. */
export async function readPublication(execute: ExecuteAs, viewer: Viewer, id: string): Promise<PublicationPaperwork> {
  const data = wholeData(await execute<{ publication: PublicationPaperwork | null }>(viewer, PUBLICATION_QUERY, { id }));
  if (!data.publication) throw new DocumentNotFoundError(`没有公告 ${id} (no publication ${id})`);
  return data.publication;
}

/** The task an assignment belongs to: assignment ids are `<task id>-<three or more digits>`. */
export function taskOfAssignment(assignmentId: string): string | null {
  const match = /^(.+)-\d{3,}$/.exec(assignmentId);
  return match ? match[1]! : null;
}

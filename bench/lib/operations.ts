/**
 * The three operations users send that the bench loads the gateways with,
 * each as the user who sends it, and each as it looks when a subgraph is
 * called directly (comparison (d)).
 */
import type { UserClaims } from './client';
import { USERS } from './client';

export interface Operation {
  key: 'publicResults' | 'coordinatorList' | 'adminTargets';
  title: string;
  query: string;
  variables: Record<string, unknown>;
  /** Who sends it; undefined for the public. */
  user: UserClaims | undefined;
  /** The same request to one subgraph, without the gateway. */
  direct: { subgraph: 'joint' | 'division'; query: string; variables: Record<string, unknown>; note: string };
  /** Fails when the answer is not the data the user expects. */
  check(data: any): void;
}

const PUBLIC_RESULTS = `query PublicResults($first: Int) { publicResults(first: $first) { totalCount pageInfo { hasNextPage endCursor }
  edges { node { title uscc entityName divisionName itemName outcome outcomeLabel findings withheldReason inspectedOn publishedAt } } } }`;

const COORDINATOR_LIST = `query TaskAssignments($id: ID!, $first: Int) { inspectionTask(id: $id) { id name status assignments(first: $first) { totalCount
  edges { node { id uscc stratum entityName
    targets { division uscc name address status }
    items { division code name method }
    inspectors { division id name unit certificateNo } } } } } }`;

/** What the joint subgraph alone answers of the coordinator's list: keys, no directory data. */
const COORDINATOR_LIST_JOINT_ONLY = `query TaskAssignments($id: ID!, $first: Int) { inspectionTask(id: $id) { id name status assignments(first: $first) { totalCount
  edges { node { id uscc stratum entityName targets { division uscc } items { division code } inspectors { division id } } } } } }`;

const ADMIN_TARGETS = `query Directory($division: ID!) { division(code: $division) { code name targets(first: 50) { totalCount pageInfo { hasNextPage endCursor }
  edges { node { uscc name kind address categories status } } } } }`;

export function publicResults(): Operation {
  return {
    key: 'publicResults',
    title: 'public results page (20 results, no login)',
    query: PUBLIC_RESULTS,
    variables: { first: 20 },
    user: undefined,
    direct: { subgraph: 'joint', query: PUBLIC_RESULTS, variables: { first: 20 }, note: 'joint subgraph (the whole answer)' },
    check(data) {
      if (!(data?.publicResults?.edges?.length > 0)) throw new Error('the public results page is empty');
    },
  };
}

export function coordinatorList(taskId: string, first = 50): Operation {
  return {
    key: 'coordinatorList',
    title: `coordinator's list of ${first} assignments (targets, items, inspectors)`,
    query: COORDINATOR_LIST,
    variables: { id: taskId, first },
    user: USERS.coordinator,
    direct: {
      subgraph: 'joint',
      query: COORDINATOR_LIST_JOINT_ONLY,
      variables: { id: taskId, first },
      note: 'joint subgraph, keys only (directory fields need the division instances)',
    },
    check(data) {
      const edges = data?.inspectionTask?.assignments?.edges;
      if (!Array.isArray(edges) || edges.length !== first) throw new Error(`expected ${first} assignments, got ${edges?.length}`);
    },
  };
}

export function adminTargets(division: string): Operation {
  return {
    key: 'adminTargets',
    title: `division admin's target list (${division}, 50 entries)`,
    query: ADMIN_TARGETS,
    variables: { division },
    user: USERS.divisionAdmin(division),
    direct: { subgraph: 'division', query: ADMIN_TARGETS, variables: { division }, note: `the ${division} instance (the whole answer)` },
    check(data) {
      if (data?.division?.targets?.edges?.length !== 50) throw new Error('the directory page does not have 50 entries');
    },
  };
}

import { operation } from '../../api/client';
import type { Disclosure, FollowUp, ItemRef, Review, ResultOutcome } from '../inspector/operations';

export interface ReviewTask {
  id: string;
  name: string;
  status: string;
}

export const REVIEW_TASKS = operation<{ inspectionTasks: { edges: { node: ReviewTask }[] } }, { division: string }>(`
  query ReviewTasks($division: ID) {
    inspectionTasks(division: $division, status: DRAWN, first: 50) { edges { node { id name status } } }
  }
`);

export interface ReviewResult {
  item: (ItemRef & { name: string }) | null;
  outcome: ResultOutcome;
  outcomeLabel: string;
  findings: string | null;
  method: string;
  inspectedOn: string;
  followUp: FollowUp;
  referredTo: string | null;
  disclosure: Disclosure;
  /** 录入人 by directory id: a reviewer may not read the directory record (name) behind it. */
  recordedBy: { division: string; id: string } | null;
  recordedAt: string;
  review: Review;
}

export interface ReviewAssignment {
  id: string;
  uscc: string;
  entityName: string;
  results: ReviewResult[];
}

export type TaskResultsAnswer = {
  id: string;
  name: string;
  assignments: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: ReviewAssignment }[] };
} | null;

export const TASK_RESULTS = operation<{ inspectionTask: TaskResultsAnswer }, { id: string; after: string | null }>(`
  query TaskResults($id: ID!, $after: String) {
    inspectionTask(id: $id) {
      id name
      assignments(first: 200, after: $after) {
        pageInfo { hasNextPage endCursor }
        edges {
          node {
            id uscc entityName
            results {
              item { division code name }
              outcome outcomeLabel findings method inspectedOn followUp referredTo disclosure
              recordedBy { division id }
              recordedAt
              review { status statusLabel by { sub name } at note }
            }
          }
        }
      }
    }
  }
`);

export const REVIEW_RESULT = operation<{ reviewResult: { review: Review } }, { assignment: string; item: ItemRef; approve: boolean; note: string | null }>(`
  mutation ReviewResult($assignment: ID!, $item: ItemRefInput!, $approve: Boolean!, $note: String) {
    reviewResult(assignment: $assignment, item: $item, approve: $approve, note: $note) { review { status statusLabel by { sub name } at note } }
  }
`);

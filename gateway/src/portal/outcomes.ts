import { outcomeClass, type ResultOutcome } from '../../../subgraphs/joint/src/results/outcome-classes';

/**
 * 检查结果类型 in the order of DESIGN §3, with what the portal needs to draw them:
 * whether an outcome is a violation (shown in red, rule 4) or a closure, from the
 * joint subgraph's classes, and a colour for the chart. Labels are not repeated
 * here: the API gives them.
 */
export interface OutcomeStyle {
  kind: 'clean' | 'violation' | 'closed';
  color: string;
}

/** The chart colour of each outcome, in display order: clean outcomes, then violations by severity, then closures. */
const OUTCOME_COLORS: Readonly<Record<ResultOutcome, string>> = {
  NO_ISSUES_FOUND: '#2e8b57',
  NO_RELEVANT_ACTIVITY: '#7fbf9a',
  ISSUES_RECTIFIED_ON_ORDER: '#e0a526',
  ISSUES_PENDING_FOLLOW_UP: '#d9731c',
  INFO_NOT_PUBLISHED_AS_REQUIRED: '#c24d2c',
  PUBLISHED_INFO_FALSIFIED: '#9e1f1f',
  UNREACHABLE_AT_REGISTERED_ADDRESS: '#8a4f9e',
  REFUSED_INSPECTION: '#5c1a1a',
  CLOSED_OR_LIQUIDATING: '#8c99a8',
  DEREGISTERED: '#6b7889',
  REVOKED: '#4a5563',
  MOVED_OUT: '#b4bfcc',
};

/** Whether an outcome is a violation or a closure is the joint subgraph's rule (outcome-classes.ts); only the colour is the portal's. */
export const OUTCOME_STYLES: Readonly<Record<string, OutcomeStyle>> = Object.fromEntries(
  Object.entries(OUTCOME_COLORS).map(([outcome, color]) => [outcome, { kind: outcomeClass(outcome), color }]),
);

/** Chart and table order: clean outcomes, then violations by severity, then closures. */
export const OUTCOME_ORDER: readonly string[] = Object.keys(OUTCOME_STYLES);

const UNKNOWN: OutcomeStyle = { kind: 'clean', color: '#a0a0a0' };

export function outcomeStyle(outcome: string): OutcomeStyle {
  return OUTCOME_STYLES[outcome] ?? UNKNOWN;
}

/** Sorts outcomes into display order; outcomes this list does not know go last, by name. */
export function compareOutcomes(a: string, b: string): number {
  const ia = OUTCOME_ORDER.indexOf(a);
  const ib = OUTCOME_ORDER.indexOf(b);
  if (ia === -1 && ib === -1) return a.localeCompare(b);
  if (ia === -1) return 1;
  if (ib === -1) return -1;
  return ia - ib;
}

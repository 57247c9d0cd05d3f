/**
 * 检查结果类型 in the order of DESIGN §3, with what the portal needs to draw them:
 * whether an outcome is a violation (shown in red, rule 4) or a closure, and a
 * colour for the chart. Labels are not repeated here: the API gives them.
 */
export interface OutcomeStyle {
  kind: 'clean' | 'violation' | 'closed';
  color: string;
}

export const OUTCOME_STYLES: Readonly<Record<string, OutcomeStyle>> = {
  NO_ISSUES_FOUND: { kind: 'clean', color: '#2e8b57' },
  NO_RELEVANT_ACTIVITY: { kind: 'clean', color: '#7fbf9a' },
  ISSUES_RECTIFIED_ON_ORDER: { kind: 'violation', color: '#e0a526' },
  ISSUES_PENDING_FOLLOW_UP: { kind: 'violation', color: '#d9731c' },
  INFO_NOT_PUBLISHED_AS_REQUIRED: { kind: 'violation', color: '#c24d2c' },
  PUBLISHED_INFO_FALSIFIED: { kind: 'violation', color: '#9e1f1f' },
  UNREACHABLE_AT_REGISTERED_ADDRESS: { kind: 'violation', color: '#8a4f9e' },
  REFUSED_INSPECTION: { kind: 'violation', color: '#5c1a1a' },
  CLOSED_OR_LIQUIDATING: { kind: 'closed', color: '#8c99a8' },
  DEREGISTERED: { kind: 'closed', color: '#6b7889' },
  REVOKED: { kind: 'closed', color: '#4a5563' },
  MOVED_OUT: { kind: 'closed', color: '#b4bfcc' },
};

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

import { operation } from '../../api/client';

export type TargetKind = 'ENTERPRISE' | 'INDIVIDUAL_BUSINESS' | 'FARMER_COOPERATIVE' | 'OTHER';
export type TargetStatus = 'ACTIVE' | 'CLOSED' | 'DEREGISTERED' | 'REVOKED' | 'MOVED_OUT';

export interface CheckItem {
  code: string;
  name: string;
  basis: string;
  subject: string;
  targetCategory: string;
  ratioBp: number;
  timesPerYear: number;
  method: string;
  content: string;
  requiredExpertise: string | null;
  active: boolean;
}

export const CHECKLIST = operation<{ division: { code: string; name: string; checklist: CheckItem[] } | null }, { division: string }>(`
  query DivisionChecklist($division: ID!) {
    division(code: $division) {
      code
      name
      checklist(includeInactive: true) {
        code name basis subject targetCategory ratioBp timesPerYear method content requiredExpertise active
      }
    }
  }
`);

export interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

export interface Target {
  uscc: string;
  name: string;
  kind: TargetKind;
  scope: string;
  address: string;
  categories: string[];
  status: TargetStatus;
  usccVerified: boolean;
}

export interface TargetsVariables {
  division: string;
  first: number;
  after: string | null;
  search: string | null;
  status: TargetStatus | null;
  category: string | null;
}

export const TARGETS = operation<
  { division: { code: string; targets: { totalCount: number; pageInfo: PageInfo; edges: { node: Target }[] } } | null },
  TargetsVariables
>(`
  query DivisionTargets($division: ID!, $first: Int, $after: String, $search: String, $status: TargetStatus, $category: String) {
    division(code: $division) {
      code
      targets(first: $first, after: $after, search: $search, status: $status, category: $category) {
        totalCount
        pageInfo { hasNextPage endCursor }
        edges { node { uscc name kind scope address categories status usccVerified } }
      }
    }
  }
`);

export interface ConflictDeclaration {
  uscc: string;
  reason: string;
  declaredAt: string;
  withdrawnAt: string | null;
  withdrawnBy: string | null;
  withdrawalReason: string | null;
}

export interface Inspector {
  id: string;
  name: string;
  unit: string;
  position: string;
  expertise: string[];
  certificateNo: string;
  certificateValidUntil: string;
  active: boolean;
  certificateWarning: string | null;
  conflicts: ConflictDeclaration[];
}

const INSPECTOR_FIELDS = `
  id name unit position expertise certificateNo certificateValidUntil active certificateWarning
  conflicts(includeWithdrawn: true) { uscc reason declaredAt withdrawnAt withdrawnBy withdrawalReason }
`;

export interface InspectorsVariables {
  division: string;
  first: number;
  after: string | null;
  search: string | null;
  active: boolean | null;
  certificateValidBefore: string | null;
}

export const INSPECTORS = operation<
  { division: { code: string; inspectors: { totalCount: number; pageInfo: PageInfo; edges: { node: Inspector }[] } } | null },
  InspectorsVariables
>(`
  query DivisionInspectors($division: ID!, $first: Int, $after: String, $search: String, $active: Boolean, $certificateValidBefore: Date) {
    division(code: $division) {
      code
      inspectors(first: $first, after: $after, search: $search, active: $active, certificateValidBefore: $certificateValidBefore) {
        totalCount
        pageInfo { hasNextPage endCursor }
        edges { node { ${INSPECTOR_FIELDS} } }
      }
    }
  }
`);

export interface ConflictVariables {
  division: string;
  inspector: string;
  uscc: string;
  reason: string;
}

export const DECLARE_CONFLICT = operation<{ declareConflict: Inspector }, ConflictVariables>(`
  mutation DeclareConflict($division: ID!, $inspector: ID!, $uscc: String!, $reason: String!) {
    declareConflict(division: $division, inspector: $inspector, uscc: $uscc, reason: $reason) { ${INSPECTOR_FIELDS} }
  }
`);

export const WITHDRAW_CONFLICT = operation<{ withdrawConflict: Inspector }, ConflictVariables>(`
  mutation WithdrawConflict($division: ID!, $inspector: ID!, $uscc: String!, $reason: String!) {
    withdrawConflict(division: $division, inspector: $inspector, uscc: $uscc, reason: $reason) { ${INSPECTOR_FIELDS} }
  }
`);

export interface ImportRowError {
  /** 1-based within the rows of one call. */
  row: number;
  field: string | null;
  code: string;
  message: string;
}

export interface ImportReport {
  accepted: number;
  rejected: number;
  created: number;
  updated: number;
  unchanged: number;
  errors: ImportRowError[];
  warnings: ImportRowError[];
}

const REPORT_FIELDS = 'accepted rejected created updated unchanged errors { row field code message } warnings { row field code message }';

export const IMPORT_TARGETS = operation<{ importTargets: ImportReport }, { division: string; rows: unknown[] }>(`
  mutation WorkbenchImportTargets($division: ID!, $rows: [TargetInput!]!) {
    importTargets(division: $division, rows: $rows) { ${REPORT_FIELDS} }
  }
`);

export const IMPORT_INSPECTORS = operation<{ importInspectors: ImportReport }, { division: string; rows: unknown[] }>(`
  mutation WorkbenchImportInspectors($division: ID!, $rows: [InspectorInput!]!) {
    importInspectors(division: $division, rows: $rows) { ${REPORT_FIELDS} }
  }
`);

export type DirectoryKind = 'targets' | 'inspectors';

/** What POST /workbench/api/spreadsheet answers (gateway/src/workbench/spreadsheet.ts). */
export interface SpreadsheetProblem {
  /** The row Excel shows; the header is row 1. */
  row: number;
  field: string | null;
  column: string | null;
  code: string;
  message: string;
}

export interface SpreadsheetAnswer {
  kind: DirectoryKind;
  rows: unknown[];
  rowNumbers: number[];
  errors: SpreadsheetProblem[];
  ignoredColumns: string[];
}

export const SPREADSHEET_ENDPOINT = '/workbench/api/spreadsheet';

import { operation } from '../../api/client';

/** 检查结果类型 — the API's ResultOutcome, with its official labels. */
export const OUTCOME_LABELS = {
  NO_ISSUES_FOUND: '未发现问题',
  INFO_NOT_PUBLISHED_AS_REQUIRED: '未按规定公示应当公示的信息',
  PUBLISHED_INFO_FALSIFIED: '公示信息隐瞒真实情况弄虚作假',
  UNREACHABLE_AT_REGISTERED_ADDRESS: '通过登记的住所(经营场所)无法联系',
  ISSUES_RECTIFIED_ON_ORDER: '发现问题已责令改正',
  REFUSED_INSPECTION: '不配合检查情节严重',
  NO_RELEVANT_ACTIVITY: '未发现开展本次抽查涉及的经营活动',
  ISSUES_PENDING_FOLLOW_UP: '发现问题待后续处理',
  CLOSED_OR_LIQUIDATING: '已关闭停业或正在组织清算',
  DEREGISTERED: '注销',
  REVOKED: '被吊销',
  MOVED_OUT: '迁出',
} as const;
export type ResultOutcome = keyof typeof OUTCOME_LABELS;

/** 后续处理 */
export const FOLLOW_UP_LABELS = {
  NONE: '无',
  PENALTY: '行政处罚',
  CRIMINAL_CASE: '涉嫌犯罪，移送司法机关',
  REFERRED_TO_OTHER_AUTHORITY: '移送其他监管部门',
  OTHER: '其他',
} as const;
export type FollowUp = keyof typeof FOLLOW_UP_LABELS;

/** 公示 */
export const DISCLOSURE_LABELS = {
  PUBLIC: '公开',
  STATE_SECRET: '涉及国家秘密，不予公示',
  TRADE_SECRET: '涉及商业秘密，不予公示',
  PERSONAL_PRIVACY: '涉及个人隐私，不予公示',
} as const;
export type Disclosure = keyof typeof DISCLOSURE_LABELS;

/** 检查方式 — the official check methods the API accepts. */
export const CHECK_METHODS = ['实地检查', '书面检查', '网络监测', '检验检测', '行政部门检查结果或专业意见', '委托专业机构辅助', '委托第三方'] as const;

export type ReviewStatus = 'PENDING' | 'APPROVED' | 'RETURNED';
export const REVIEW_LABELS: Record<ReviewStatus, string> = { PENDING: '待审核', APPROVED: '已通过', RETURNED: '已退回' };
export const REVIEW_COLORS: Record<ReviewStatus, string> = { PENDING: 'processing', APPROVED: 'success', RETURNED: 'error' };

export type TaskStatus = 'DRAFT' | 'COMMITTED' | 'DRAWN' | 'CANCELLATION_REQUESTED' | 'PUBLISHED' | 'CANCELLED';
export const TASK_STATUS_LABELS: Record<TaskStatus, string> = {
  DRAFT: '草拟',
  COMMITTED: '已确定',
  DRAWN: '已抽取',
  CANCELLATION_REQUESTED: '撤销待审批',
  PUBLISHED: '已公示',
  CANCELLED: '已撤销',
};

export interface ItemRef {
  division: string;
  code: string;
}

export interface Review {
  status: ReviewStatus;
  statusLabel: string;
  by: { sub: string; name: string | null } | null;
  at: string | null;
  note: string | null;
}

export interface ResultFields {
  outcome: ResultOutcome;
  outcomeLabel: string;
  findings: string | null;
  method: string;
  inspectedOn: string;
  followUp: FollowUp;
  referredTo: string | null;
  disclosure: Disclosure;
}

export interface Result extends ResultFields {
  item: ItemRef | null;
  recordedBy: { division: string; id: string; name: string } | null;
  recordedAt: string;
  review: Review;
  amendment: (ResultFields & { id: string; reason: string; submittedAt: string; review: Review }) | null;
}

export interface AssignmentItem extends ItemRef {
  name: string;
  content: string;
  method: string;
  basis: string;
}

export interface TeamMember {
  division: string;
  id: string;
  name: string;
  unit: string;
  position: string;
}

export interface MyAssignment {
  id: string;
  uscc: string;
  entityName: string;
  complete: boolean;
  task: {
    id: string;
    name: string;
    status: TaskStatus;
    periodStart: string;
    periodEnd: string;
    resultsDueBy: string | null;
  };
  targets: ({ division: string; name: string; address: string } | null)[];
  items: (AssignmentItem | null)[];
  inspectors: (TeamMember | null)[];
  leader: { division: string; id: string } | null;
  results: Result[];
}

const REVIEW_FIELDS = 'status statusLabel by { sub name } at note';
const RESULT_FIELDS = 'outcome outcomeLabel findings method inspectedOn followUp referredTo disclosure';

export const MY_ASSIGNMENTS = operation<{ myAssignments: { totalCount: number; edges: { node: MyAssignment }[] } }, { first: number }>(`
  query MyAssignments($first: Int) {
    myAssignments(first: $first) {
      totalCount
      edges {
        node {
          id uscc entityName complete
          task { id name status periodStart periodEnd resultsDueBy }
          targets { division name address }
          items { division code name content method basis }
          inspectors { division id name unit position }
          leader { division id }
          results {
            item { division code }
            ${RESULT_FIELDS}
            recordedBy { division id name }
            recordedAt
            review { ${REVIEW_FIELDS} }
            amendment { id reason submittedAt ${RESULT_FIELDS} review { ${REVIEW_FIELDS} } }
          }
        }
      }
    }
  }
`);

export interface ResultInput {
  outcome: ResultOutcome;
  findings: string | null;
  method: string;
  inspectedOn: string;
  followUp: FollowUp;
  referredTo: string | null;
  disclosure: Disclosure;
}

export const RECORD_RESULT = operation<{ recordResult: { review: Review } }, { assignment: string; item: ItemRef; input: ResultInput }>(`
  mutation RecordResult($assignment: ID!, $item: ItemRefInput!, $input: ResultInput!) {
    recordResult(assignment: $assignment, item: $item, input: $input) { outcome review { ${REVIEW_FIELDS} } }
  }
`);

export const AMEND_RESULT = operation<
  { amendResult: { id: string; review: Review } },
  { assignment: string; item: ItemRef; input: ResultInput; reason: string }
>(`
  mutation AmendResult($assignment: ID!, $item: ItemRefInput!, $input: ResultInput!, $reason: String!) {
    amendResult(assignment: $assignment, item: $item, input: $input, reason: $reason) { id review { ${REVIEW_FIELDS} } }
  }
`);

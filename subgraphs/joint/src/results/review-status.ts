/** 法制审核状态 — free of GraphQL, so that entities and rules read it without the schema. */
export enum ReviewStatus {
  /** 待审核: recorded or corrected, and not yet seen by a reviewer. */
  PENDING = 'PENDING',
  /** 审核通过: may be published (or, for an amendment, is public). */
  APPROVED = 'APPROVED',
  /** 已退回: the reviewer sent it back; its recorder records it again. */
  RETURNED = 'RETURNED',
}

export const REVIEW_STATUS_LABELS: Record<ReviewStatus, string> = {
  PENDING: '待审核',
  APPROVED: '审核通过',
  RETURNED: '已退回',
};

import type { DirectoryKind, TargetKind, TargetStatus } from './operations';

export const TARGET_KINDS: Record<TargetKind, string> = {
  ENTERPRISE: '企业',
  INDIVIDUAL_BUSINESS: '个体工商户',
  FARMER_COOPERATIVE: '农民专业合作社',
  OTHER: '其他',
};

export const TARGET_STATUSES: Record<TargetStatus, { label: string; color: string }> = {
  ACTIVE: { label: '存续', color: 'green' },
  CLOSED: { label: '已关闭停业', color: 'orange' },
  DEREGISTERED: { label: '注销', color: 'default' },
  REVOKED: { label: '被吊销', color: 'red' },
  MOVED_OUT: { label: '迁出', color: 'blue' },
};

/** The template's column headers, to name a field the API names. */
export const COLUMN_HEADERS: Record<DirectoryKind, Record<string, string>> = {
  targets: { uscc: '统一社会信用代码', name: '名称', kind: '类型', scope: '经营范围', address: '地址', categories: '类别', status: '状态' },
  inspectors: {
    id: '编号',
    name: '姓名',
    unit: '单位',
    position: '职务',
    expertise: '业务专长',
    certificateNo: '执法证号',
    certificateValidUntil: '执法证有效期至',
    active: '在岗',
  },
};

export const KIND_LABELS: Record<DirectoryKind, string> = { targets: '检查对象', inspectors: '执法检查人员' };

/** 500 basis points → 5%. */
export function percent(bp: number): string {
  return `${(bp / 100).toLocaleString('zh-CN', { maximumFractionDigits: 2 })}%`;
}

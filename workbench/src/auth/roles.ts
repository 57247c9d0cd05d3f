/** The roles of DESIGN §5 and §8, as the access token's `roles` claim names them. */
export type Role = 'coordinator' | 'division_admin' | 'inspector' | 'reviewer' | 'supervisor' | 'analyst';

export const ROLE_NAMES: Record<Role, string> = {
  coordinator: '联席办协调员',
  division_admin: '部门管理员',
  inspector: '执法检查人员',
  reviewer: '法制审核',
  supervisor: '督查',
  analyst: '统计分析',
};

export function roleNames(roles: readonly string[]): string {
  return roles.map((role) => ROLE_NAMES[role as Role] ?? role).join('、') || '无';
}

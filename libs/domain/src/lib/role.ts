/**
 * Roles (a user may hold several):
 * - staff 专班工作人员: reads and edits projects of the chains their unit serves (责任/配合单位);
 *   submits their own unit's monthly report
 * - leader 包联/责任领导: reads the chains they lead; may write instructions (批示); edits nothing else
 * - office 领导小组办公室: reads every chain; manages reporting periods, targets and roll-ups
 * - admin 系统管理员: users and reference data
 */
export const ROLES = ['staff', 'leader', 'office', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  staff: '专班工作人员',
  leader: '包联/责任领导',
  office: '领导小组办公室',
  admin: '系统管理员',
};

/** Roles that read every chain. */
export const ALL_CHAIN_ROLES: readonly Role[] = ['office', 'admin'];

// What the signed-in user may open. The server checks every request anyway; this only
// keeps the UI from offering pages and buttons that would answer 403 forbidden.
import type { User } from '../api/auth'

export type Permission =
  | 'org.manage'
  | 'user.manage'
  | 'role.manage'
  | 'audit.read'
  | 'settings.manage'
  | (string & {})

/** Any one of the permissions is enough (as for the server's routes); none listed: everyone. */
export function hasAnyPermission(user: Pick<User, 'permissions'> | null | undefined, needed?: readonly string[]): boolean {
  if (!needed || needed.length === 0) return true
  if (!user) return false
  return needed.some((p) => Object.prototype.hasOwnProperty.call(user.permissions ?? {}, p))
}

/**
 * Permissions each admin page asks for, shared by the menu and the route guard so the two
 * cannot disagree. They mirror the GET routes the page needs (`guanxi routes --rules`):
 * the org tree is readable by anyone, but only its editors and the user administrators
 * (who place users in units) get the page in the menu.
 */
export const PAGE_PERMISSIONS = {
  orgUnits: ['org.manage', 'user.manage'],
  users: ['user.manage', 'role.manage'],
  roles: ['role.manage'],
  audit: ['audit.read'],
  accessLog: ['audit.read'],
  customFields: ['dictionary.manage'],
  customerRules: ['settings.manage'],
  /** 脱敏规则 (SEC-3): the security administrator's, not the system administrator's (三员分立). */
  masking: ['role.manage'],
  /** 审批流程 (ADR 0016): built-in system_admin. */
  approvalFlows: ['approval.manage'],
  /** 工作日历: every signed-in user may read it, but only its editors get the page. */
  workCalendar: ['settings.manage'],
  customers: ['customer.read'],
  customerCreate: ['customer.create'],
  customerEdit: ['customer.update'],
} as const satisfies Record<string, readonly Permission[]>

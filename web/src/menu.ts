// Entries of the side menu. A module adds one line here (and its route in router/index.ts).
import type { Component } from 'vue'
import {
  Bell, Calendar, Connection, DataAnalysis, Document, Grid, Hide, Lock, Notebook, OfficeBuilding, Odometer, Phone, Postcard, Setting, Stamp, User as UserIcon, View,
} from '@element-plus/icons-vue'
import type { User } from './api/auth'
import { hasAnyPermission, PAGE_PERMISSIONS } from './admin/access'

export type MenuGroup = 'admin'

export interface MenuEntry {
  /** Stable id; the menu item gets data-testid="menu-<key>". */
  key: string
  /** Route path the entry opens; also marks it active for that path and below. */
  path: string
  /** Message key of the label. */
  titleKey: string
  icon: Component
  /** Shown only to users holding one of these roles (omit: everyone). */
  roles?: readonly string[]
  /** Shown only to users holding one of these permissions (omit: everyone). */
  permissions?: readonly string[]
  /** Entries of a group are listed under its heading (menu.group.<name>), after the others. */
  group?: MenuGroup
}

export const menuEntries: readonly MenuEntry[] = [
  { key: 'dashboard', path: '/', titleKey: 'menu.dashboard', icon: Odometer },
  { key: 'reminders', path: '/reminders', titleKey: 'menu.reminders', icon: Bell },
  { key: 'daily-notes', path: '/daily-notes', titleKey: 'menu.dailyNotes', icon: Notebook },
  { key: 'approvals', path: '/approvals', titleKey: 'menu.approvals', icon: Stamp },
  { key: 'customers', path: '/customers', titleKey: 'menu.customers', icon: Postcard, permissions: PAGE_PERMISSIONS.customers },
  { key: 'address-book', path: '/address-book', titleKey: 'menu.addressBook', icon: Phone, permissions: PAGE_PERMISSIONS.customers },
  { key: 'history-stats', path: '/customer-history/stats', titleKey: 'menu.historyStats', icon: DataAnalysis, permissions: PAGE_PERMISSIONS.customers },
  { key: 'org-units', path: '/admin/org-units', titleKey: 'menu.orgUnits', icon: OfficeBuilding, permissions: PAGE_PERMISSIONS.orgUnits, group: 'admin' },
  { key: 'users', path: '/admin/users', titleKey: 'menu.users', icon: UserIcon, permissions: PAGE_PERMISSIONS.users, group: 'admin' },
  { key: 'roles', path: '/admin/roles', titleKey: 'menu.roles', icon: Lock, permissions: PAGE_PERMISSIONS.roles, group: 'admin' },
  { key: 'audit', path: '/admin/audit', titleKey: 'menu.audit', icon: Document, permissions: PAGE_PERMISSIONS.audit, group: 'admin' },
  { key: 'custom-fields', path: '/admin/custom-fields', titleKey: 'menu.customFields', icon: Grid, permissions: PAGE_PERMISSIONS.customFields, group: 'admin' },
  { key: 'customer-rules', path: '/admin/customer-rules', titleKey: 'menu.customerRules', icon: Setting, permissions: PAGE_PERMISSIONS.customerRules, group: 'admin' },
  { key: 'masking', path: '/admin/masking', titleKey: 'menu.masking', icon: Hide, permissions: PAGE_PERMISSIONS.masking, group: 'admin' },
  { key: 'approval-flows', path: '/admin/approval-flows', titleKey: 'menu.approvalFlows', icon: Connection, permissions: PAGE_PERMISSIONS.approvalFlows, group: 'admin' },
  { key: 'work-calendar', path: '/admin/work-calendar', titleKey: 'menu.workCalendar', icon: Calendar, permissions: PAGE_PERMISSIONS.workCalendar, group: 'admin' },
  { key: 'access-log', path: '/admin/access-log', titleKey: 'menu.accessLog', icon: View, permissions: PAGE_PERMISSIONS.accessLog, group: 'admin' },
]

export function visibleEntries(user: Pick<User, 'roles' | 'permissions'> | null | undefined): MenuEntry[] {
  const roles = user?.roles ?? []
  return menuEntries.filter(
    (e) => (!e.roles || e.roles.some((r) => roles.includes(r))) && hasAnyPermission(user, e.permissions),
  )
}

/** The entry whose path is the longest prefix of `path` ('/' only matches itself). */
export function activeEntry(path: string, entries: readonly MenuEntry[]): MenuEntry | undefined {
  let best: MenuEntry | undefined
  for (const e of entries) {
    const hit = e.path === '/' ? path === '/' : path === e.path || path.startsWith(e.path + '/')
    if (hit && (!best || e.path.length > best.path.length)) best = e
  }
  return best
}

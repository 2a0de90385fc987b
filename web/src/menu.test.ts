import { describe, expect, it } from 'vitest'
import { activeEntry, visibleEntries } from './menu'

const keys = (permissions: Record<string, string>) =>
  visibleEntries({ roles: [], permissions: permissions as never }).map((e) => e.key)

describe('visibleEntries', () => {
  it('shows only the dashboard, the planner and the approvals to a user without any permission', () => {
    expect(keys({})).toEqual(['dashboard', 'reminders', 'daily-notes', 'approvals'])
    expect(visibleEntries(null).map((e) => e.key)).toEqual(['dashboard', 'reminders', 'daily-notes', 'approvals'])
  })
  it('shows the customer archive, address book and change statistics to readers of customers', () => {
    expect(keys({ 'customer.read': 'own' })).toEqual(['dashboard', 'reminders', 'daily-notes', 'approvals', 'customers', 'address-book', 'history-stats'])
    expect(keys({ 'customer.create': 'own' })).toEqual(['dashboard', 'reminders', 'daily-notes', 'approvals'])
  })
  it('shows the admin pages by permission', () => {
    expect(keys({ 'user.manage': 'all', 'org.manage': 'all' })).toEqual(['dashboard', 'reminders', 'daily-notes', 'approvals', 'org-units', 'users'])
    expect(keys({ 'role.manage': 'all' })).toEqual(['dashboard', 'reminders', 'daily-notes', 'approvals', 'users', 'roles', 'masking'])
    expect(keys({ 'audit.read': 'all' })).toEqual(['dashboard', 'reminders', 'daily-notes', 'approvals', 'audit', 'access-log'])
    expect(keys({ 'dictionary.manage': 'all' })).toEqual(['dashboard', 'reminders', 'daily-notes', 'approvals', 'custom-fields'])
    expect(keys({ 'settings.manage': 'all' })).toEqual(['dashboard', 'reminders', 'daily-notes', 'approvals', 'customer-rules', 'work-calendar'])
    expect(keys({ 'dictionary.manage': 'all', 'settings.manage': 'all', 'audit.read': 'all' })).toEqual([
      'dashboard', 'reminders', 'daily-notes', 'approvals', 'audit', 'custom-fields', 'customer-rules', 'work-calendar', 'access-log',
    ])
  })
  it('shows 脱敏规则 after 客户规则 to the security administrator only (三员分立)', () => {
    expect(keys({ 'settings.manage': 'all', 'role.manage': 'all', 'audit.read': 'all' })).toEqual([
      'dashboard', 'reminders', 'daily-notes', 'approvals', 'users', 'roles', 'audit', 'customer-rules', 'masking', 'work-calendar', 'access-log',
    ])
    expect(keys({ 'settings.manage': 'all', 'user.manage': 'all', 'org.manage': 'all', 'dictionary.manage': 'all' })).not.toContain('masking')
  })
})

describe('the approvals entries', () => {
  it('shows 审批流程 to holders of approval.manage and 工作日历 to holders of settings.manage, after 脱敏规则', () => {
    expect(keys({ 'approval.manage': 'all' })).toEqual(['dashboard', 'reminders', 'daily-notes', 'approvals', 'approval-flows'])
    // The built-in administrator (system_admin + security_admin).
    expect(keys({
      'user.manage': 'all', 'org.manage': 'all', 'settings.manage': 'all', 'dictionary.manage': 'all', 'role.manage': 'all', 'approval.manage': 'all',
    })).toEqual([
      'dashboard', 'reminders', 'daily-notes', 'approvals',
      'org-units', 'users', 'roles', 'custom-fields', 'customer-rules', 'masking', 'approval-flows', 'work-calendar',
    ])
  })
  it('marks 审批中心 for its page', () => {
    const all = visibleEntries({ roles: [], permissions: {} })
    expect(activeEntry('/approvals', all)?.key).toBe('approvals')
  })
})

describe('activeEntry', () => {
  it('marks the admin entry for its subpaths', () => {
    const all = visibleEntries({ roles: [], permissions: { 'user.manage': 'all' } })
    expect(activeEntry('/admin/users', all)?.key).toBe('users')
    expect(activeEntry('/', all)?.key).toBe('dashboard')
  })
  it('marks the customer archive for a customer page', () => {
    const all = visibleEntries({ roles: [], permissions: { 'customer.read': 'own' } })
    expect(activeEntry('/customers/12/edit', all)?.key).toBe('customers')
    expect(activeEntry('/customers', all)?.key).toBe('customers')
  })
})

import { describe, expect, it } from 'vitest'
import { activeEntry, visibleEntries } from './menu'

const keys = (permissions: Record<string, string>) =>
  visibleEntries({ roles: [], permissions: permissions as never }).map((e) => e.key)

describe('visibleEntries', () => {
  it('shows only the dashboard to a user without any permission', () => {
    expect(keys({})).toEqual(['dashboard'])
    expect(visibleEntries(null).map((e) => e.key)).toEqual(['dashboard'])
  })
  it('shows the customer archive to readers of customers', () => {
    expect(keys({ 'customer.read': 'own' })).toEqual(['dashboard', 'customers'])
    expect(keys({ 'customer.create': 'own' })).toEqual(['dashboard'])
  })
  it('shows the admin pages by permission', () => {
    expect(keys({ 'user.manage': 'all', 'org.manage': 'all' })).toEqual(['dashboard', 'org-units', 'users'])
    expect(keys({ 'role.manage': 'all' })).toEqual(['dashboard', 'users', 'roles'])
    expect(keys({ 'audit.read': 'all' })).toEqual(['dashboard', 'audit', 'access-log'])
    expect(keys({ 'dictionary.manage': 'all' })).toEqual(['dashboard', 'custom-fields'])
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

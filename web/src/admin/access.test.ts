import { describe, expect, it } from 'vitest'
import { hasAnyPermission } from './access'

describe('hasAnyPermission', () => {
  const admin = { permissions: { 'user.manage': 'all', 'org.manage': 'all' } as const }
  it('allows pages that need nothing', () => {
    expect(hasAnyPermission(null, undefined)).toBe(true)
    expect(hasAnyPermission(admin, [])).toBe(true)
  })
  it('needs any one of the listed permissions', () => {
    expect(hasAnyPermission(admin, ['role.manage', 'user.manage'])).toBe(true)
    expect(hasAnyPermission(admin, ['audit.read'])).toBe(false)
  })
  it('refuses without a user or permissions', () => {
    expect(hasAnyPermission(null, ['audit.read'])).toBe(false)
    expect(hasAnyPermission({ permissions: {} }, ['audit.read'])).toBe(false)
  })
  it('does not treat inherited object keys as permissions', () => {
    expect(hasAnyPermission({ permissions: {} }, ['toString'])).toBe(false)
  })
})

import { describe, expect, it } from 'vitest'
import { canMaintain, otherDefaults, problemKind } from './subRecordRules'

describe('canMaintain (CUS-4, CUS-7)', () => {
  it('needs customer.update and a live customer', () => {
    expect(canMaintain({ abnormal: false, status: 'active' }, true)).toBe(true)
    expect(canMaintain({ abnormal: false, status: 'active' }, false)).toBe(false)
    expect(canMaintain({ abnormal: true, status: 'active' }, true)).toBe(false)
    expect(canMaintain({ abnormal: false, status: 'deregistered' }, true)).toBe(false)
    expect(canMaintain({ abnormal: false, status: 'lost' }, true)).toBe(true)
  })
})

describe('problemKind', () => {
  it('reloads the list when the record changed, went or was cancelled meanwhile', () => {
    expect(problemKind('version_conflict')).toBe('stale')
    expect(problemKind('not_found')).toBe('stale')
    expect(problemKind('account_cancelled')).toBe('stale')
  })
  it('freezes the tab when the customer no longer takes changes', () => {
    expect(problemKind('customer_deregistered')).toBe('frozen')
    expect(problemKind('customer_abnormal')).toBe('frozen')
  })
  it('puts field errors under the fields, and shows the rest', () => {
    expect(problemKind('validation_failed', true)).toBe('fields')
    expect(problemKind('forbidden')).toBe('other')
    expect(problemKind(undefined)).toBe('other')
  })
})

describe('otherDefaults', () => {
  it('are the other active default accounts', () => {
    const accounts = [
      { id: 1, is_default: true, status: 'active' },
      { id: 2, is_default: true, status: 'active' },
      { id: 3, is_default: true, status: 'cancelled' },
      { id: 4, is_default: false, status: 'active' },
    ]
    expect(otherDefaults(accounts, 2).map((a) => a.id)).toEqual([1])
    expect(otherDefaults(accounts, 9).map((a) => a.id)).toEqual([1, 2])
  })
})

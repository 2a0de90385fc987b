import { describe, expect, it } from 'vitest'
import { activeFilterCount, emptyState, filterOf, queryFromState, stateFromQuery, withoutHidden } from './listQuery'

describe('list state in the address', () => {
  it('round-trips', () => {
    const s = {
      ...emptyState(), q: '华为', status: 'active' as const, owner_id: 3, region_code: '440300', industry: 'I', nature: 'private',
      value_tier: 'major' as const, settlement: 'credit' as const, customer_class: 'social' as const, sort: 'name' as const,
    }
    const q = queryFromState(s)
    expect(q).toEqual({
      q: '华为', status: 'active', owner_id: '3', region_code: '440300', industry: 'I', nature: 'private',
      value_tier: 'major', settlement: 'credit', customer_class: 'social', sort: 'name',
    })
    expect(stateFromQuery(q)).toEqual(s)
  })
  it('leaves defaults out', () => {
    expect(queryFromState(emptyState())).toEqual({})
    expect(queryFromState({ ...emptyState(), q: '  ' })).toEqual({})
  })
  it('ignores values that are not allowed', () => {
    const s = stateFromQuery({
      status: 'gone', grade: 'Z', sort: 'random', owner_id: 'x1', region_code: '4403', kind: ['individual', 'organization'], value_tier: 'main',
    })
    expect(s).toEqual({ ...emptyState(), kind: 'individual' })
  })
  it('counts the filters in use', () => {
    expect(activeFilterCount({ ...emptyState(), q: 'x', sort: 'name' })).toBe(0)
    expect(activeFilterCount({ ...emptyState(), list_status: 'black', source: 'exhibition', value_tier: 'vip' })).toBe(3)
  })
  it('builds the request filter', () => {
    expect(filterOf({ ...emptyState(), q: ' 138 ' }, 20, 'c1')).toMatchObject({ q: '138', limit: 20, cursor: 'c1', sort: 'updated_desc' })
  })
  it('keeps custom field filters (CUS-6) in the address and sends them as custom.<key>', () => {
    const s = stateFromQuery({ 'custom.level': 'silver', 'custom.contract_no': 'HT-0001', status: 'active' })
    expect(s.custom).toEqual({ level: 'silver', contract_no: 'HT-0001' })
    expect(queryFromState(s)).toEqual({ status: 'active', 'custom.contract_no': 'HT-0001', 'custom.level': 'silver' })
    expect(activeFilterCount(s)).toBe(3)
    const filter = filterOf(s, 30, null)
    expect(filter).toMatchObject({ 'custom.level': 'silver', 'custom.contract_no': 'HT-0001', status: 'active' })
    expect(filter).not.toHaveProperty('custom')
  })
})

describe('withoutHidden: filters and sorts the user\'s field rules allow (ADR 0015)', () => {
  const query = { grade: 'A', region_code: '440305', industry: 'J', status: 'active', sort: 'grade', 'custom.budget': 'x', 'custom.level': 'gold' }
  it('clears filters on hidden fields, custom ones included, and a sort by a hidden grade', () => {
    const s = withoutHidden(stateFromQuery(query), { grade: 'hidden', region_code: 'hidden', 'custom.budget': 'hidden', industry: 'read' })
    expect(queryFromState(s)).toEqual({ industry: 'J', status: 'active', 'custom.level': 'gold' })
  })
  it('read-only fields still filter and sort; no rules change nothing', () => {
    const s = stateFromQuery(query)
    expect(withoutHidden(s, { grade: 'read' })).toEqual(s)
    expect(withoutHidden(s, {})).toEqual(s)
  })
  it('leaves the given state alone', () => {
    const s = stateFromQuery(query)
    withoutHidden(s, { grade: 'hidden', 'custom.budget': 'hidden' })
    expect(s.grade).toBe('A')
    expect(s.custom.budget).toBe('x')
  })
})

import { describe, expect, it } from 'vitest'
import { barWidths, lastDays, statLabel } from './historyStats'

const messages: Record<string, string> = {
  'customers.history.action.contact_added': '新增联系人',
  'customers.history.action.created': '新建档案',
  'customers.history.system': '系统',
  'customers.field.grade': '客户等级',
}
const l = { t: (k: string) => messages[k] ?? k, te: (k: string) => k in messages }

describe('statLabel', () => {
  it('names fields, and actions counted under field', () => {
    expect(statLabel('field', { key: 'grade', count: 3 }, l)).toBe('客户等级')
    expect(statLabel('field', { key: 'contact_added', count: 2 }, l)).toBe('新增联系人')
    expect(statLabel('field', { key: 'custom.contract_no', count: 1 }, l)).toBe('contract_no')
    const custom = (key: string) => (key === 'contract_no' ? '合同编号' : key)
    expect(statLabel('field', { key: 'custom.contract_no', count: 1 }, l, custom)).toBe('合同编号')
    expect(statLabel('field', { key: 'unknown_field', count: 1 }, l)).toBe('unknown_field')
  })
  it('names actions, users and days', () => {
    expect(statLabel('action', { key: 'created', count: 1 }, l)).toBe('新建档案')
    expect(statLabel('user', { key: 7, count: 1, user_name: '王总' }, l)).toBe('王总')
    expect(statLabel('user', { key: null, count: 1 }, l)).toBe('系统')
    expect(statLabel('day', { key: '2026-11-23', count: 1 }, l)).toBe('2026-11-23')
  })
})

describe('barWidths', () => {
  it('scales to the largest count', () => {
    expect(barWidths([{ key: 'a', count: 10 }, { key: 'b', count: 5 }, { key: 'c', count: 0 }])).toEqual([100, 50, 0])
    expect(barWidths([])).toEqual([])
  })
  it('gives the period of the last days', () => {
    expect(lastDays(30, 100 * 86_400_000)).toEqual({ since: 70 * 86_400_000, until: 100 * 86_400_000 })
  })
})

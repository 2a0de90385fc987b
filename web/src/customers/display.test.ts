import { describe, expect, it } from 'vitest'
import { displayValue, fieldLabel, type Labeler } from './display'

const messages: Record<string, string> = {
  'customers.status.active': '现实客户',
  'customers.detail.yes': '是',
  'customers.detail.no': '否',
  'customers.detail.yuan': '{amount} 元',
  'customers.detail.score': '{n} / 5',
  'customers.detail.userRef': '用户 #{id}',
  'customers.field.name': '客户名称',
  'customers.notes.category.cooperation': '合作记录',
}
const l: Labeler = {
  t: (key, params = {}) => (messages[key] ?? key).replace(/\{(\w+)\}/g, (_, p: string) => String(params[p])),
  te: (key) => key in messages,
  dictLabel: (dict, code) => (dict === 'industry' && code === 'I' ? '信息传输、软件和信息技术服务业' : code),
}

describe('displayValue', () => {
  it('labels enums and dictionary codes, unknown ones as they are', () => {
    expect(displayValue('status', 'active', l)).toBe('现实客户')
    expect(displayValue('status', 'frozen', l)).toBe('frozen')
    expect(displayValue('industry', 'I', l)).toBe('信息传输、软件和信息技术服务业')
  })
  it('shows money in 元, booleans, scores, tags and users', () => {
    expect(displayValue('registered_capital_fen', 123456, l)).toBe('1,234.56 元')
    expect(displayValue('strategic', false, l)).toBe('否')
    expect(displayValue('importance', 4, l)).toBe('4 / 5')
    expect(displayValue('tags', ['重点', '老客户'], l)).toBe('重点、老客户')
    expect(displayValue('tags', [], l)).toBe('—')
    expect(displayValue('owner_id', 3, l)).toBe('用户 #3')
    expect(displayValue('created_at', Date.UTC(2026, 0, 2, 1, 2, 3), l)).toBe('2026-01-02 09:02:03')
  })
  it('reads the text values of history rows', () => {
    expect(displayValue('registered_capital_fen', '40411131820000', l)).toBe('404,111,318,200.00 元')
    expect(displayValue('strategic', '1', l)).toBe('是')
    expect(displayValue('strategic', '0', l)).toBe('否')
    expect(displayValue('importance', '5', l)).toBe('5 / 5')
    expect(displayValue('tags', '["重点","老客户"]', l)).toBe('重点、老客户')
    expect(displayValue('tags', '[]', l)).toBe('—')
    expect(displayValue('status', 'active', l)).toBe('现实客户')
    expect(displayValue('updated_at', '1767315723000', l)).toBe('2026-01-02 09:02:03')
  })
  it('labels the category and amount of a note in the history (CUS-18)', () => {
    expect(displayValue('notes.5.category', 'cooperation', l)).toBe('合作记录')
    expect(displayValue('notes.5.amount', '12000000', l)).toBe('120,000.00 元')
    expect(displayValue('notes.5.title', '2026 年度框架协议', l)).toBe('2026 年度框架协议')
    expect(displayValue('birthday_reminder', '1', l)).toBe('是')
  })
  it('shows a dash for no value', () => {
    expect(displayValue('name', null, l)).toBe('—')
    expect(displayValue('name', '', l)).toBe('—')
    expect(displayValue('custom', { a: 1 }, l)).toBe('{"a":1}')
  })
  it('labels fields', () => {
    expect(fieldLabel('name', l)).toBe('客户名称')
    expect(fieldLabel('custom.x', l)).toBe('custom.x')
  })
})

import { describe, expect, it } from 'vitest'
import { historyFieldLabel } from './display'

const messages: Record<string, string> = {
  'customers.history.contact': '联系人',
  'customers.history.account': '账户',
  'customers.history.note': '记事',
  'customers.history.named': '{record}“{name}”',
  'customers.notes.field.content': '内容',
  'customers.notes.field.title': '标题',
  'customers.contacts.field.mobile': '手机',
  'customers.accounts.field.bank_name': '开户银行',
  'customers.field.grade': '客户等级',
}
const l = {
  t: (k: string, p: Record<string, unknown> = {}) => (messages[k] ?? k).replace(/\{(\w+)\}/g, (_, n: string) => String(p[n])),
  te: (k: string) => k in messages,
}

describe('history field labels (CUS-10)', () => {
  it('names contact and account fields', () => {
    expect(historyFieldLabel('contacts.12.mobile', l)).toBe('联系人 · 手机')
    expect(historyFieldLabel('contacts.12', l)).toBe('联系人')
    expect(historyFieldLabel('accounts.3.bank_name', l)).toBe('账户 · 开户银行')
    expect(historyFieldLabel('accounts.3.unknown_one', l)).toBe('账户 · unknown_one')
  })
  it('names note fields (CUS-18)', () => {
    expect(historyFieldLabel('notes.5', l)).toBe('记事')
    expect(historyFieldLabel('notes.5.title', l)).toBe('记事 · 标题')
    const titles = (kind: string, id: number) => (kind === 'notes' && id === 5 ? '电话回访' : undefined)
    expect(historyFieldLabel('notes.5.content', l, undefined, titles)).toBe('记事“电话回访” · 内容')
    expect(historyFieldLabel('notes.5', l, undefined, titles)).toBe('记事')
    expect(historyFieldLabel('notes.6.content', l, undefined, titles)).toBe('记事 · 内容')
  })
  it('names custom fields (CUS-6) by their label and the rest as before', () => {
    expect(historyFieldLabel('custom.level', l, (k) => (k === 'level' ? '合作级别' : k))).toBe('合作级别')
    expect(historyFieldLabel('grade', l)).toBe('客户等级')
    expect(historyFieldLabel('nope', l)).toBe('nope')
  })
})

import { describe, expect, it } from 'vitest'
import type { HistoryEntry } from '../api/customers'
import zhCN from '../locales/zh-CN'
import en from '../locales/en'
import { displayValue, historyFieldLabel, type Labeler, type RecordName } from './display'
import { actionRecordKind, historyActionLabel, historyEntryLabels, recordNamer, recordNames } from './historyLabel'

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

// ---- labels of whole entries (issue 3), with the real messages of both languages ----

function labelerOf(messages: object): Labeler {
  const lookup = (key: string): unknown => key.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), messages)
  return {
    t: (key, params = {}) => {
      const text = lookup(key)
      return typeof text === 'string' ? text.replace(/\{(\w+)\}/g, (_, n: string) => String(params[n])) : key
    },
    te: (key) => typeof lookup(key) === 'string',
    dictLabel: (dict, code) => (dict === 'position' && code === 'gm' ? '总经理' : code),
  }
}
const zh = labelerOf(zhCN)
const english = labelerOf(en)

/** Every action the server writes (src/customers/*_service.cpp), with an entry it writes. */
const ENTRIES: Pick<HistoryEntry, 'action' | 'field'>[] = [
  { action: 'created', field: null },
  { action: 'updated', field: 'grade' },
  { action: 'deregistered', field: 'status' },
  { action: 'deregistered', field: 'accounts.3.status' },
  { action: 'restored', field: 'status' },
  { action: 'verification', field: 'verification_status' },
  { action: 'list_status', field: 'list_status' },
  { action: 'replaced', field: 'abnormal' },
  { action: 'handed_over', field: 'owner_id' },
  { action: 'contact_added', field: 'contacts.12' },
  { action: 'contact_updated', field: 'contacts.12.mobile' },
  { action: 'contact_removed', field: 'contacts.12' },
  { action: 'account_added', field: 'accounts.3' },
  { action: 'account_updated', field: 'accounts.3.is_default' },
  { action: 'account_cancelled', field: 'accounts.3.status' },
  { action: 'account_cancelled', field: 'accounts.3.cancel_reason' },
  { action: 'note_added', field: 'notes.5' },
  { action: 'note_updated', field: 'notes.5.content' },
  { action: 'note_removed', field: 'notes.5' },
]

describe('history entry labels: the action names the record, the field does not repeat it (issue 3)', () => {
  it.each([['zh-CN', zh], ['en', english]] as const)('%s: every action has a label and no entry repeats a word of it', (_lang, l) => {
    for (const e of ENTRIES) {
      const { action, field } = historyEntryLabels(e, l)
      expect(action, e.action).not.toBe(e.action) // a label, not the code
      if (!field) continue
      for (const record of ['contact', 'account', 'note'].map((k) => l.t(`customers.history.${k}`))) {
        // "新增记事 记事", "修改联系人 联系人 · 手机": the field must not name the record kind again.
        if (action.toLowerCase().includes(record.toLowerCase())) expect(field.toLowerCase().startsWith(record.toLowerCase()), `${e.action} ${e.field}: ${field}`).toBe(false)
      }
      expect(field).not.toMatch(/^[a-z_.0-9]+$/) // no raw field name
    }
  })

  it('zh-CN: whole records by the action alone; their fields by member, with the name when known', () => {
    const label = (action: string, field: string | null, names?: RecordName) => historyEntryLabels({ action, field }, zh, undefined, names)
    expect(label('note_added', 'notes.5')).toEqual({ action: '新增记事', field: null })
    expect(label('note_removed', 'notes.5')).toEqual({ action: '删除记事', field: null })
    expect(label('contact_added', 'contacts.12')).toEqual({ action: '新增联系人', field: null })
    expect(label('contact_removed', 'contacts.12')).toEqual({ action: '删除联系人', field: null })
    expect(label('account_added', 'accounts.3')).toEqual({ action: '新增账户', field: null })
    expect(label('contact_updated', 'contacts.12.mobile')).toEqual({ action: '修改联系人', field: '手机' })
    const known: Record<string, string> = { 'contacts.12': '张经理', 'accounts.3': '基本户', 'notes.5': '电话回访' }
    const names: RecordName = (kind, id) => known[`${kind}.${id}`]
    expect(label('contact_updated', 'contacts.12.mobile', names)).toEqual({ action: '修改联系人', field: '“张经理” · 手机' })
    expect(label('note_updated', 'notes.5.content', names)).toEqual({ action: '修改记事', field: '“电话回访” · 内容' })
    expect(label('account_cancelled', 'accounts.3.status', names)).toEqual({ action: '注销账户', field: '“基本户” · 状态' })
    expect(label('account_cancelled', 'accounts.3.cancel_reason')).toEqual({ action: '注销账户', field: '销户原因' })
    // Another action on a record's field keeps the kind.
    expect(label('deregistered', 'accounts.3.status', names)).toEqual({ action: '注销', field: '账户“基本户” · 状态' })
    expect(label('handed_over', 'owner_id')).toEqual({ action: '离职交接', field: '负责人' })
    expect(label('updated', 'grade')).toEqual({ action: '修改', field: '客户等级' })
    expect(label('created', null)).toEqual({ action: '新建档案', field: null })
    expect(label('list_status', 'list_status')).toEqual({ action: '黑白名单', field: null }) // named like the action
    expect(label('updated', 'custom.level')).toEqual({ action: '修改', field: 'level' })
    expect(historyEntryLabels({ action: 'updated', field: 'custom.level' }, zh, () => '合作级别').field).toBe('合作级别')
    expect(label('something_new', 'x')).toEqual({ action: 'something_new', field: 'x' })
  })

  it('en: the same without repeating the record', () => {
    const label = (action: string, field: string | null) => historyEntryLabels({ action, field }, english)
    expect(label('note_added', 'notes.5')).toEqual({ action: 'Added a note', field: null })
    expect(label('contact_updated', 'contacts.12.status')).toEqual({ action: 'Changed a contact', field: 'Status' })
    expect(label('account_cancelled', 'accounts.3.cancel_reason')).toEqual({ action: 'Cancelled an account', field: 'Reason for cancelling' })
    expect(label('handed_over', 'owner_id').action).toBe('Handed over on departure')
  })

  it('knows which records an action is about', () => {
    expect(actionRecordKind('contact_updated')).toBe('contacts')
    expect(actionRecordKind('account_cancelled')).toBe('accounts')
    expect(actionRecordKind('note_added')).toBe('notes')
    expect(actionRecordKind('deregistered')).toBeNull()
    expect(historyActionLabel('nope', zh)).toBe('nope')
  })
})

describe('record names in the history', () => {
  it('are the latest each record had in the entries (newest first), per kind', () => {
    const entries = [
      { action: 'contact_updated', field: 'contacts.12.name', old: '张经理', new: '张总' },
      { action: 'contact_updated', field: 'contacts.12.mobile', old: '139****5678', new: '138****1234' },
      { action: 'account_cancelled', field: 'accounts.3.status', old: 'active', new: 'cancelled' },
      { action: 'contact_removed', field: 'contacts.13', old: '李助理', new: null },
      { action: 'account_added', field: 'accounts.3', old: null, new: '基本户' },
      { action: 'contact_added', field: 'contacts.12', old: null, new: '张经理' },
      { action: 'note_added', field: 'notes.5', old: null, new: '电话回访' },
    ]
    expect([...recordNames(entries, 'contacts')].sort()).toEqual([[12, '张总'], [13, '李助理']])
    expect([...recordNames(entries, 'accounts')]).toEqual([[3, '基本户']])
    const name = recordNamer(entries)
    expect(name('notes', 5)).toBe('电话回访')
    expect(name('contacts', 99)).toBeUndefined()
  })
})

// ---- values of contact and account fields (issue 3): as their forms and lists show them ----

describe('history values of contacts and accounts', () => {
  it('zh-CN: choices, dictionary items and switches by label, not by code', () => {
    expect(displayValue('contacts.12.status', 'left', zh)).toBe('已离职')
    expect(displayValue('contacts.12.status', 'active', zh)).toBe('在职')
    expect(displayValue('contacts.12.gender', 'female', zh)).toBe('女')
    expect(displayValue('contacts.12.position', 'gm', zh)).toBe('总经理')
    expect(displayValue('contacts.12.decision_maker', '1', zh)).toBe('是')
    expect(displayValue('contacts.12.birthday_reminder', '0', zh)).toBe('否')
    expect(displayValue('contacts.12.title', '技术总监', zh)).toBe('技术总监')
    expect(displayValue('contacts.12.mobile', '139****5678', zh)).toBe('139****5678')
    expect(displayValue('contacts.12.birthday', '****-06-01', zh)).toBe('****-06-01')
    expect(displayValue('accounts.3.purpose', 'billing', zh)).toBe('开票')
    expect(displayValue('accounts.3.status', 'cancelled', zh)).toBe('已销户')
    expect(displayValue('accounts.3.is_default', '1', zh)).toBe('是')
    expect(displayValue('notes.5.category', 'event', zh)).toBe('重大事件')
    expect(displayValue('notes.5.amount', '1200000', zh)).toBe('12,000.00 元')
    expect(displayValue('contacts.12.status', 'retired', zh)).toBe('retired') // unknown: as it is
  })
  it('en: the English labels', () => {
    expect(displayValue('contacts.12.status', 'left', english)).toBe(english.t('customers.contacts.status.left'))
    expect(displayValue('accounts.3.purpose', 'settlement', english)).toBe('Settlement')
    expect(displayValue('contacts.12.status', 'left', english)).not.toBe('left')
  })
})

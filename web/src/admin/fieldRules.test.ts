import { describe, expect, it } from 'vitest'
import zhCN from '../locales/zh-CN'
import en from '../locales/en'
import { GROUP_ORDER, choicesOf, gridFrom, groupFields, groupOf, labelKeyOf, ruledCount, ruleErrors, rulesFromGrid, sameRules, type RulableField } from './fieldRules'

const FIELDS: RulableField[] = [
  { key: 'short_name', server_set: false },
  { key: 'mobile', server_set: false },
  { key: 'registered_capital_fen', server_set: false },
  { key: 'grade', server_set: false },
  { key: 'suggested_grade', server_set: true },
  { key: 'settlement', server_set: false },
  { key: 'verification_status', server_set: true },
  { key: 'something_new', server_set: false },
  { key: 'custom.budget', label: '预算', server_set: false },
]

describe('choicesOf', () => {
  it('three choices, or visible / hidden for a server-set field', () => {
    expect(choicesOf({ server_set: false })).toEqual(['write', 'read', 'hidden'])
    expect(choicesOf({ server_set: true })).toEqual(['write', 'hidden'])
  })
})

describe('groupFields', () => {
  it('groups as the customer pages do, in the server\'s order inside a group; unknown built-ins under other, custom last', () => {
    expect(groupOf('custom.x')).toBe('custom')
    expect(groupOf('nope')).toBe('other')
    expect(groupFields(FIELDS).map((g) => [g.name, g.fields.map((f) => f.key)])).toEqual([
      ['identity', ['short_name']],
      ['contact', ['mobile']],
      ['organization', ['registered_capital_fen']],
      ['classification', ['grade', 'suggested_grade', 'settlement']],
      ['checks', ['verification_status']],
      ['other', ['something_new']],
      ['custom', ['custom.budget']],
    ])
  })
})

describe('gridFrom / rulesFromGrid', () => {
  it('every field gets a cell; no rule is write', () => {
    const grid = gridFrom(FIELDS, { grade: 'read', registered_capital_fen: 'hidden' })
    expect(grid.grade).toBe('read')
    expect(grid.registered_capital_fen).toBe('hidden')
    expect(grid.mobile).toBe('write')
    expect(Object.keys(grid)).toHaveLength(FIELDS.length)
  })
  it('read on a server-set field means nothing; rules on fields no longer offered are dropped', () => {
    const grid = gridFrom(FIELDS, { suggested_grade: 'read', gone: 'hidden', verification_status: 'hidden' })
    expect(grid.suggested_grade).toBe('write')
    expect(grid.verification_status).toBe('hidden')
    expect('gone' in grid).toBe(false)
  })
  it('sends the ruled fields only, in the catalogue\'s order', () => {
    const grid = gridFrom(FIELDS, {})
    grid['custom.budget'] = 'hidden'
    grid.grade = 'read'
    grid.suggested_grade = 'read' // not offered for it
    grid.mobile = 'write'
    const rules = rulesFromGrid(FIELDS, grid)
    expect(rules).toEqual({ grade: 'read', 'custom.budget': 'hidden' })
    expect(Object.keys(rules)).toEqual(['grade', 'custom.budget'])
    expect(rulesFromGrid(FIELDS, gridFrom(FIELDS, undefined))).toEqual({})
  })
})

describe('ruledCount / sameRules / ruleErrors', () => {
  it('counts hidden and read-only fields', () => {
    expect(ruledCount({ a: 'hidden', b: 'read', c: 'write' })).toBe(2)
    expect(ruledCount(undefined)).toBe(0)
  })
  it('compares maps whatever the key order', () => {
    expect(sameRules({ a: 'hidden', b: 'read' }, { b: 'read', a: 'hidden' })).toBe(true)
    expect(sameRules({ a: 'hidden' }, { a: 'read' })).toBe(false)
    expect(sameRules({ a: 'hidden' }, { a: 'hidden', b: 'read' })).toBe(false)
  })
  it('picks the server\'s errors of the grid by field key', () => {
    expect(ruleErrors({ 'field_rules.foo': '未知字段', 'field_rules.custom.x': '未知取值', version: 'x', 'field_rules.bar': undefined })).toEqual({
      foo: '未知字段', 'custom.x': '未知取值',
    })
  })
})

describe('contacts and accounts (contact.<field> / account.<field>)', () => {
  const WITH_SUB: RulableField[] = [
    { key: 'mobile', server_set: false },
    { key: 'custom.budget', label: '预算', server_set: false },
    { key: 'contact.title', server_set: false },
    { key: 'contact.mobile', server_set: false },
    { key: 'account.bank_name', server_set: false },
    { key: 'account.cancel_reason', server_set: true },
  ]
  it('have groups of their own, after the custom fields', () => {
    expect(groupOf('contact.mobile')).toBe('contacts')
    expect(groupOf('account.notes')).toBe('accounts')
    expect(groupOf('mobile')).toBe('contact')
    expect(GROUP_ORDER.slice(-3)).toEqual(['custom', 'contacts', 'accounts'])
    expect(groupFields(WITH_SUB).map((g) => [g.name, g.fields.map((f) => f.key)])).toEqual([
      ['contact', ['mobile']],
      ['custom', ['custom.budget']],
      ['contacts', ['contact.title', 'contact.mobile']],
      ['accounts', ['account.bank_name', 'account.cancel_reason']],
    ])
  })
  it('are labelled as in their dialogs; customer fields as on the customer pages; custom fields by their definition', () => {
    expect(labelKeyOf('contact.mobile')).toBe('customers.contacts.field.mobile')
    expect(labelKeyOf('account.cancel_reason')).toBe('customers.accounts.field.cancel_reason')
    expect(labelKeyOf('mobile')).toBe('customers.field.mobile')
    expect(labelKeyOf('custom.budget')).toBeNull()
  })
  it('are ruled like the others: read-only offered unless the server sets the member; sent with their keys', () => {
    expect(choicesOf(WITH_SUB[5])).toEqual(['write', 'hidden'])
    const grid = gridFrom(WITH_SUB, { 'contact.mobile': 'hidden', 'contact.title': 'read', 'account.cancel_reason': 'read' })
    expect(grid['account.cancel_reason']).toBe('write')
    grid['account.cancel_reason'] = 'hidden'
    expect(rulesFromGrid(WITH_SUB, grid)).toEqual({ 'contact.title': 'read', 'contact.mobile': 'hidden', 'account.cancel_reason': 'hidden' })
    expect(ruleErrors({ 'field_rules.contact.mobile': '未知字段' })).toEqual({ 'contact.mobile': '未知字段' })
  })
})

describe('labels of the grid in both languages', () => {
  /** The members the server rules (ADR 0015: `contact.*`, `account.*`). */
  const RULABLE = [
    ...['gender', 'title', 'position', 'department', 'mobile', 'phone', 'email', 'wechat', 'birthday', 'birthday_reminder', 'hobbies',
      'decision_maker', 'notes'].map((f) => `contact.${f}`),
    ...['bank_name', 'account_number', 'tax_number', 'purpose', 'is_default', 'notes', 'cancel_reason'].map((f) => `account.${f}`),
  ]
  const lookup = (messages: object, key: string): unknown =>
    key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), messages)
  it('name every member of contacts and accounts, and their groups', () => {
    for (const messages of [zhCN, en]) {
      for (const key of RULABLE) expect(typeof lookup(messages, labelKeyOf(key) ?? ''), key).toBe('string')
      for (const group of GROUP_ORDER) expect(typeof lookup(messages, `fieldRules.group.${group}`), group).toBe('string')
    }
    expect(lookup(zhCN, labelKeyOf('contact.mobile') ?? '')).toBe('手机')
    expect(lookup(zhCN, labelKeyOf('contact.title') ?? '')).toBe('职务/职称')
    expect(lookup(zhCN, 'fieldRules.group.contacts')).toBe('联系人')
    expect(lookup(en, 'fieldRules.group.accounts')).toBe('Accounts')
  })
})

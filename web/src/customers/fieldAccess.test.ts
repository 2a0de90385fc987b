import { describe, expect, it } from 'vitest'
import type { Customer } from '../api/customers'
import { sampleCustomer } from './fixture.test-helper'
import { createBody, emptyForm, formFromCustomer, formValues, patchBody } from './form'
import {
  accessOf, allHidden, isColumnHidden, isHidden, isReadOnly, isShownOn, isWritable, memberOfRuleKey, ruleKeyOf, rulesUnder, sanitizeRules,
  sortAllowed, subRecordRuleKey, visibleColumns, visibleSorts, writableCustom, writableOnly, type FieldRules,
} from './fieldAccess'

const rules: FieldRules = { registered_capital_fen: 'hidden', grade: 'read', region_code: 'hidden', 'custom.budget': 'hidden', 'custom.level': 'read' }

describe('accessOf / isHidden / isReadOnly', () => {
  it('reads the rule of a field; a field without one is read-write', () => {
    expect(accessOf(rules, 'grade')).toBe('read')
    expect(accessOf(rules, 'registered_capital_fen')).toBe('hidden')
    expect(accessOf(rules, 'mobile')).toBe('write')
    expect(isHidden(rules, 'custom.budget')).toBe(true)
    expect(isReadOnly(rules, 'custom.level')).toBe(true)
    expect(isReadOnly(rules, 'custom.budget')).toBe(false)
    expect(isWritable(rules, 'custom.other')).toBe(true)
  })
  it('no rules (older server, signed out) leaves everything read-write', () => {
    expect(accessOf(undefined, 'grade')).toBe('write')
    expect(isHidden(null, 'grade')).toBe(false)
    expect(isWritable({}, 'grade')).toBe(true)
  })
  it('names standing for a field take its rule: region name, capital in 元, list columns', () => {
    expect(ruleKeyOf('region_name')).toBe('region_code')
    expect(isHidden(rules, 'region_name')).toBe(true)
    expect(isHidden(rules, 'registered_capital_yuan')).toBe(true)
    expect(isHidden(rules, 'region')).toBe(true)
    expect(ruleKeyOf('verification')).toBe('verification_status')
    expect(ruleKeyOf('mobile')).toBe('mobile')
  })
  it('allHidden: every name hidden, and an empty list is not', () => {
    expect(allHidden(rules, ['registered_capital_fen', 'region_code'])).toBe(true)
    expect(allHidden(rules, ['registered_capital_fen', 'grade'])).toBe(false)
    expect(allHidden(rules, [])).toBe(false)
  })
})

describe('writableOnly / writableCustom: what a form sends', () => {
  it('leaves out hidden and read-only members', () => {
    expect(writableOnly(rules, { name: 'A', grade: 'B', registered_capital_fen: 100, mobile: null })).toEqual({ name: 'A', mobile: null })
  })
  it('custom members by `custom.<key>`; nothing left gives undefined', () => {
    expect(writableCustom(rules, { budget: 5, level: 'x', color: 'red' })).toEqual({ color: 'red' })
    expect(writableCustom(rules, { budget: 5, level: 'x' })).toBeUndefined()
    expect(writableCustom(rules, undefined)).toBeUndefined()
    expect(writableCustom({}, { budget: null })).toEqual({ budget: null })
  })
})

describe('list columns and sorts', () => {
  it('drops hidden columns (built-in under their column names, custom ones) and keeps the order', () => {
    expect(visibleColumns(rules, ['code', 'region', 'grade', 'custom.budget', 'custom.level', 'updated_at'])).toEqual([
      'code', 'grade', 'custom.level', 'updated_at',
    ])
  })
  it('the phone column goes only when both mobile and phone are hidden', () => {
    expect(isColumnHidden({ mobile: 'hidden' }, 'phone')).toBe(false)
    expect(isColumnHidden({ mobile: 'hidden', phone: 'hidden' }, 'phone')).toBe(true)
    expect(isColumnHidden({ phone: 'hidden' }, 'phone')).toBe(false)
  })
  it('no sort by grade when grade is hidden; read-only grade still sorts', () => {
    const sorts = ['updated_desc', 'name', 'created_desc', 'grade'] as const
    expect(visibleSorts({ grade: 'hidden' }, sorts)).toEqual(['updated_desc', 'name', 'created_desc'])
    expect(visibleSorts(rules, sorts)).toEqual(sorts)
    expect(sortAllowed({ grade: 'hidden' }, 'grade')).toBe(false)
    expect(sortAllowed({ grade: 'hidden' }, 'name')).toBe(true)
  })
})

describe('sanitizeRules', () => {
  it('keeps hidden and read only; anything else is no rule', () => {
    expect(sanitizeRules({ a: 'hidden', b: 'read', c: 'write', d: 3, e: null })).toEqual({ a: 'hidden', b: 'read' })
    expect(sanitizeRules(undefined)).toEqual({})
    expect(sanitizeRules(['hidden'])).toEqual({})
    expect(sanitizeRules('hidden')).toEqual({})
  })
})

describe('the customer form with field rules (form.ts + writableOnly)', () => {
  /** The record as the server sends it to the user: hidden keys left out. */
  function asSent(hidden: string[]) {
    const c = sampleCustomer() as unknown as Record<string, unknown>
    for (const key of hidden) delete c[key]
    if (hidden.includes('region_code')) delete c.region_name
    return c as unknown as Customer
  }
  const rules: FieldRules = { registered_capital_fen: 'hidden', tags: 'hidden', strategic: 'hidden', region_code: 'hidden', grade: 'read' }

  it('an edit of a record without its hidden fields sends only the changed writable ones', () => {
    const original = asSent(['registered_capital_fen', 'tags', 'strategic', 'region_code'])
    const form = formFromCustomer(original)
    form.short_name = '华为技术'
    form.grade = 'B' // disabled in the page; never sent anyway
    const result = formValues(form)
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(patchBody(original, writableOnly(rules, result.values))).toEqual({ short_name: '华为技术' })
    // Without the rules, the absent tags and flag would look changed.
    expect(Object.keys(patchBody(original, result.values) ?? {})).toEqual(expect.arrayContaining(['tags', 'strategic', 'grade']))
  })
  it('a create sends neither hidden nor read-only fields', () => {
    const form = emptyForm('organization')
    form.name = '新客户'
    form.grade = 'A'
    form.registered_capital_yuan = '100'
    form.tags = ['x']
    const result = formValues(form)
    if (!result.ok) throw new Error('form')
    expect(createBody(writableOnly(rules, result.values))).toEqual({ kind: 'organization', name: '新客户', status: 'potential' })
  })
  it('isShownOn: hidden by the rules, or left out by the server', () => {
    const sent = asSent(['registered_capital_fen', 'region_code'])
    expect(isShownOn(sent, {}, 'registered_capital_fen')).toBe(false)
    expect(isShownOn(sent, {}, 'region_name')).toBe(false)
    expect(isShownOn(sent, { grade: 'hidden' }, 'grade')).toBe(false)
    expect(isShownOn(sent, { grade: 'read' }, 'grade')).toBe(true)
    expect(isShownOn(sent, {}, 'mobile')).toBe(true)
  })
})

describe('rules of contacts and accounts (contact.<field> / account.<field>)', () => {
  const mixed: FieldRules = {
    mobile: 'hidden', 'contact.mobile': 'hidden', 'contact.title': 'read', 'account.bank_name': 'read', 'account.cancel_reason': 'hidden',
    'custom.budget': 'hidden',
  }
  it('are picked by prefix and named by member; customer fields and the other prefix left out', () => {
    expect(rulesUnder(mixed, 'contact')).toEqual({ mobile: 'hidden', title: 'read' })
    expect(rulesUnder(mixed, 'account')).toEqual({ bank_name: 'read', cancel_reason: 'hidden' })
    expect(rulesUnder({ mobile: 'read' }, 'contact')).toEqual({})
    expect(rulesUnder(undefined, 'contact')).toEqual({})
    expect(rulesUnder(null, 'account')).toEqual({})
  })
  it('keep only hidden and read (anything else is read-write), and no empty member name', () => {
    const odd = { 'contact.email': 'write', 'contact.': 'hidden', 'contact.wechat': 'read' } as unknown as FieldRules
    expect(rulesUnder(odd, 'contact')).toEqual({ wechat: 'read' })
  })
  it('name members by rule key and back (a 403 field_forbidden names the rule key)', () => {
    expect(subRecordRuleKey('contact', 'mobile')).toBe('contact.mobile')
    expect(subRecordRuleKey('account', 'is_default')).toBe('account.is_default')
    expect(memberOfRuleKey('contact', 'contact.mobile')).toBe('mobile')
    expect(memberOfRuleKey('contact', 'mobile')).toBe('mobile')
    expect(memberOfRuleKey('account', 'contact.mobile')).toBe('contact.mobile')
  })
  it('do not touch the customer\'s own fields', () => {
    expect(isHidden({ 'contact.mobile': 'hidden' }, 'mobile')).toBe(false)
    expect(writableOnly({ 'contact.title': 'read' }, { title: 'x' })).toEqual({ title: 'x' })
  })
})

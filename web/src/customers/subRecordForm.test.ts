import { describe, expect, it } from 'vitest'
import type { Account, Contact, Note } from '../api/customers'
import {
  ACCOUNT_SPEC, CONTACT_SPEC, NOTE_SPEC, createBody, formFromRecord, isMaskedValue, localIssues, maskedPlaceholders, missingRequired,
  patchBody, splitFieldErrors, todayIso,
} from './subRecordForm'

function contact(over: Partial<Contact> = {}): Contact {
  return {
    id: 12, customer_id: 42, name: '欧阳娜娜', gender: 'female', title: '总经理', position: 'general_manager', department: '总经办',
    mobile: '13912345678', phone: '021-62345678', email: 'nana@example.com', wechat: 'nana_oy', birthday: '1985-06-01',
    birthday_reminder: true, hobbies: '高尔夫', decision_maker: true, status: 'active', notes: null,
    created_by: 7, version: 2, created_at: 1, updated_at: 2, masked: false, ...over,
  }
}
/** The same contact as a caller without customer.sensitive.read gets it. */
const maskedContact = (over: Partial<Contact> = {}) =>
  contact({ mobile: '139****5678', phone: '021****5678', email: 'n***@example.com', wechat: 'n****', birthday: '****-06-01', masked: true, ...over })

function account(over: Partial<Account> = {}): Account {
  return {
    id: 5, customer_id: 42, account_name: '华南精密', bank_name: '工商银行', account_number: '6222021001123456789', tax_number: null,
    purpose: 'settlement', is_default: false, notes: null, status: 'active', cancel_reason: null, cancelled_with_customer: false,
    created_by: 7, version: 1, created_at: 1, updated_at: 1, masked: false, ...over,
  }
}

describe('masked values (SEC-3)', () => {
  it('are the sensitive members of a masked record', () => {
    const c = maskedContact({ phone: null })
    expect(isMaskedValue(CONTACT_SPEC, c, 'mobile')).toBe(true)
    expect(isMaskedValue(CONTACT_SPEC, c, 'phone')).toBe(false)
    expect(isMaskedValue(CONTACT_SPEC, c, 'name')).toBe(false)
    expect(isMaskedValue(CONTACT_SPEC, contact(), 'mobile')).toBe(false)
  })
  it('count even when a server leaves out the flag', () => {
    const c = { ...maskedContact(), masked: undefined } as unknown as Contact
    expect(isMaskedValue(CONTACT_SPEC, c, 'mobile')).toBe(true)
    const bare: object = { account_number: '****6789' }
    expect(isMaskedValue(ACCOUNT_SPEC, bare, 'account_number')).toBe(true)
  })
  it('become placeholders of empty inputs', () => {
    const c = maskedContact()
    expect(maskedPlaceholders(CONTACT_SPEC, c)).toEqual({
      mobile: '139****5678', phone: '021****5678', email: 'n***@example.com', wechat: 'n****', birthday: '****-06-01',
    })
    const values = formFromRecord(CONTACT_SPEC, c)
    expect([values.mobile, values.phone, values.email, values.wechat, values.birthday]).toEqual([null, null, null, null, null])
    expect(values.name).toBe('欧阳娜娜')
    expect(maskedPlaceholders(CONTACT_SPEC, contact())).toEqual({})
  })
  it('ignore an unknown `revealable` member (a later server adds it)', () => {
    const c = { ...maskedContact(), revealable: true }
    expect(patchBody(CONTACT_SPEC, c, formFromRecord(CONTACT_SPEC, c))).toBeNull()
  })
})

describe('create (POST)', () => {
  it('starts from the defaults', () => {
    const values = formFromRecord(CONTACT_SPEC, null)
    expect(values).toMatchObject({ name: null, status: 'active', decision_maker: false, birthday_reminder: false })
    expect(formFromRecord(ACCOUNT_SPEC, null)).toMatchObject({ account_name: null, is_default: false })
  })
  it('sends only what is set, trimmed, flags only when true', () => {
    const values = { ...formFromRecord(CONTACT_SPEC, null), name: ' 李强 ', mobile: '13700001111', title: '  ', decision_maker: true }
    expect(createBody(CONTACT_SPEC, values)).toEqual({ name: '李强', mobile: '13700001111', decision_maker: true, status: 'active' })
  })
  it('needs the name (姓名 / 户名)', () => {
    expect(missingRequired(CONTACT_SPEC, { ...formFromRecord(CONTACT_SPEC, null), name: '   ' })).toBe(true)
    expect(missingRequired(ACCOUNT_SPEC, { ...formFromRecord(ACCOUNT_SPEC, null), account_name: '华南' })).toBe(false)
  })
})

describe('edit (PATCH): only the changed members', () => {
  it('is null when nothing changed', () => {
    const c = contact()
    expect(patchBody(CONTACT_SPEC, c, formFromRecord(CONTACT_SPEC, c))).toBeNull()
    const a = account()
    expect(patchBody(ACCOUNT_SPEC, a, formFromRecord(ACCOUNT_SPEC, a))).toBeNull()
  })
  it('sends one changed member, and null to clear one', () => {
    const c = contact()
    expect(patchBody(CONTACT_SPEC, c, { ...formFromRecord(CONTACT_SPEC, c), title: ' 董事长 ' })).toEqual({ title: '董事长' })
    expect(patchBody(CONTACT_SPEC, c, { ...formFromRecord(CONTACT_SPEC, c), hobbies: '' })).toEqual({ hobbies: null })
    expect(patchBody(CONTACT_SPEC, c, { ...formFromRecord(CONTACT_SPEC, c), decision_maker: false, status: 'left' }))
      .toEqual({ decision_maker: false, status: 'left' })
  })
  it('never sends a masked value back, even with other changes', () => {
    const c = maskedContact()
    const body = patchBody(CONTACT_SPEC, c, { ...formFromRecord(CONTACT_SPEC, c), department: '采购部' })
    expect(body).toEqual({ department: '采购部' })
  })
  it('sends a masked member when the user typed a new value', () => {
    const c = maskedContact()
    expect(patchBody(CONTACT_SPEC, c, { ...formFromRecord(CONTACT_SPEC, c), mobile: ' 13600002222 ' })).toEqual({ mobile: '13600002222' })
    const a = account({ account_number: '****6789', masked: true })
    expect(patchBody(ACCOUNT_SPEC, a, { ...formFromRecord(ACCOUNT_SPEC, a), account_number: '6222 0210 0000 1111' }))
      .toEqual({ account_number: '6222 0210 0000 1111' })
  })
  it('clears an unmasked sensitive value the user emptied', () => {
    const c = contact()
    expect(patchBody(CONTACT_SPEC, c, { ...formFromRecord(CONTACT_SPEC, c), wechat: '' })).toEqual({ wechat: null })
  })
})

describe('field errors', () => {
  it('go under the dialog\'s items; the rest are named elsewhere', () => {
    const errors = [
      { field: 'mobile', code: 'invalid_format', message: '格式不正确' },
      { field: 'mobile', code: 'masked_value', message: '是打码后的值' },
      { field: 'If-Match', code: 'invalid_format', message: '格式不正确' },
    ]
    expect(splitFieldErrors(CONTACT_SPEC, errors)).toEqual({
      inForm: { mobile: '格式不正确' },
      elsewhere: [{ field: 'If-Match', code: 'invalid_format', message: '格式不正确' }],
    })
  })
})

function cooperation(over: Partial<Note> = {}): Note {
  return {
    id: 9, customer_id: 42, category: 'cooperation', title: '2026 年度框架协议', content: '年度采购框架', occurred_on: '2026-01-05',
    end_on: '2027-12-31', amount: 12_000_000, author_name: '王销售', unit_id: 1, unit_name: '销售部', created_by: 7, version: 3,
    created_at: 1, updated_at: 2, masked: false, ...over,
  }
}

describe('notes (CUS-18, CUS-20)', () => {
  it('start as a note of today (Shanghai)', () => {
    expect(formFromRecord(NOTE_SPEC, null)).toEqual({
      category: 'note', title: null, occurred_on: todayIso(), end_on: null, amount: null, content: null,
    })
    expect(todayIso(new Date('2026-01-31T16:30:00Z'))).toBe('2026-02-01')
  })
  it('show the amount in 元 and send it in fen, with the end, for a cooperation', () => {
    const values = formFromRecord(NOTE_SPEC, cooperation())
    expect(values.amount).toBe('120000.00')
    expect(createBody(NOTE_SPEC, { ...values, amount: '12万', content: '' })).toEqual({
      category: 'cooperation', title: '2026 年度框架协议', occurred_on: '2026-01-05', end_on: '2027-12-31', amount: 12_000_000,
    })
  })
  it('send no end and amount for other categories', () => {
    const values = { ...formFromRecord(NOTE_SPEC, null), title: '电话回访', end_on: '2027-01-01', amount: '5' }
    expect(createBody(NOTE_SPEC, values)).toEqual({ category: 'note', title: '电话回访', occurred_on: todayIso() })
  })
  it('send only the changed member on edit; an untouched amount is no change', () => {
    const n = cooperation()
    expect(patchBody(NOTE_SPEC, n, formFromRecord(NOTE_SPEC, n))).toBeNull()
    expect(patchBody(NOTE_SPEC, n, { ...formFromRecord(NOTE_SPEC, n), content: '年度采购框架（续签）' })).toEqual({ content: '年度采购框架（续签）' })
    expect(patchBody(NOTE_SPEC, n, { ...formFromRecord(NOTE_SPEC, n), amount: '120,000.50' })).toEqual({ amount: 12_000_050 })
    expect(patchBody(NOTE_SPEC, n, { ...formFromRecord(NOTE_SPEC, n), amount: '' })).toEqual({ amount: null })
  })
  it('clear the end and amount when a cooperation becomes another category', () => {
    const n = cooperation()
    expect(patchBody(NOTE_SPEC, n, { ...formFromRecord(NOTE_SPEC, n), category: 'event' })).toEqual({ category: 'event', end_on: null, amount: null })
    const plain = cooperation({ category: 'note', end_on: null, amount: null })
    expect(patchBody(NOTE_SPEC, plain, { ...formFromRecord(NOTE_SPEC, plain), title: '改' })).toEqual({ title: '改' })
  })
  it('are not sent without a title or with an amount that is not one', () => {
    const values = formFromRecord(NOTE_SPEC, null)
    expect(localIssues(NOTE_SPEC, values)).toEqual({ title: 'required' })
    expect(localIssues(NOTE_SPEC, { ...values, title: 'x', category: 'cooperation', amount: '十万' })).toEqual({ amount: 'invalid_amount' })
    expect(localIssues(NOTE_SPEC, { ...values, title: 'x', category: 'cooperation', amount: '1.234' })).toEqual({ amount: 'too_many_decimals' })
    expect(localIssues(NOTE_SPEC, { ...values, title: 'x', category: 'note', amount: '十万' })).toEqual({})
    expect(localIssues(CONTACT_SPEC, { ...formFromRecord(CONTACT_SPEC, null), name: '李强' })).toEqual({})
  })
})

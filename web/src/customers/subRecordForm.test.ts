import { describe, expect, it } from 'vitest'
import type { Account, Contact } from '../api/customers'
import {
  ACCOUNT_SPEC, CONTACT_SPEC, createBody, formFromRecord, isMaskedValue, maskedPlaceholders, missingRequired, patchBody,
  splitFieldErrors,
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

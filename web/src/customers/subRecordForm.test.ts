import { describe, expect, it } from 'vitest'
import type { Account, Contact, Note } from '../api/customers'
import {
  ACCOUNT_SPEC, CONTACT_SPEC, NOTE_SPEC, createBody, formFromRecord, isMaskedValue, listedMembers, localIssues, maskedPlaceholders,
  memberAccess, memberRules, missingRequired, patchBody, splitFieldErrors, todayIso,
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

/** The contact as the server sends it to a caller from whom `hidden` members are hidden (keys left out). */
function without<T extends object>(record: T, ...hidden: string[]): T {
  const copy = { ...record } as Record<string, unknown>
  for (const key of hidden) delete copy[key]
  return copy as T
}

describe('field rules of contacts and accounts (ADR 0015)', () => {
  const session = {
    grade: 'read', 'contact.mobile': 'hidden', 'contact.title': 'read', 'contact.decision_maker': 'hidden', 'contact.name': 'hidden',
    'account.bank_name': 'read', 'account.cancel_reason': 'hidden',
  } as const
  const contactRules = memberRules(CONTACT_SPEC, session)
  const accountRules = memberRules(ACCOUNT_SPEC, session)

  it('come from the session by prefix; notes are never ruled', () => {
    expect(contactRules).toEqual({ mobile: 'hidden', title: 'read', decision_maker: 'hidden', name: 'hidden' })
    expect(accountRules).toEqual({ bank_name: 'read', cancel_reason: 'hidden' })
    expect(memberRules(NOTE_SPEC, { 'contact.title': 'hidden', title: 'hidden' })).toEqual({})
    expect(memberAccess(NOTE_SPEC, { title: 'hidden' }, 'title')).toBe('write')
  })
  it('decide how the dialog offers a member: hidden, read-only or writable; name and status always writable', () => {
    expect(memberAccess(CONTACT_SPEC, contactRules, 'mobile')).toBe('hidden')
    expect(memberAccess(CONTACT_SPEC, contactRules, 'title')).toBe('read')
    expect(memberAccess(CONTACT_SPEC, contactRules, 'phone')).toBe('write')
    expect(memberAccess(CONTACT_SPEC, contactRules, 'name')).toBe('write')
    expect(memberAccess(CONTACT_SPEC, { status: 'read' }, 'status')).toBe('write')
    expect(memberAccess(ACCOUNT_SPEC, accountRules, 'bank_name')).toBe('read')
    expect(memberAccess(ACCOUNT_SPEC, { account_name: 'hidden' }, 'account_name')).toBe('write')
    expect(memberAccess(CONTACT_SPEC, undefined, 'mobile')).toBe('write')
  })
  it('hide a member the loaded record lacks (the server left it out: rules changed since sign-in)', () => {
    const sent = without(contact(), 'email')
    expect(memberAccess(CONTACT_SPEC, {}, 'email', sent)).toBe('hidden')
    expect(memberAccess(CONTACT_SPEC, {}, 'phone', sent)).toBe('write')
    expect(memberAccess(CONTACT_SPEC, { phone: 'read' }, 'phone', sent)).toBe('read')
    expect(memberAccess(CONTACT_SPEC, {}, 'email', null)).toBe('write')
  })
  it('create: hidden and read-only members are not sent, even when set', () => {
    const values = { ...formFromRecord(CONTACT_SPEC, null), name: '李强', mobile: '13700001111', title: '经理', phone: '021-1', decision_maker: true }
    expect(createBody(CONTACT_SPEC, values, contactRules)).toEqual({ name: '李强', phone: '021-1', status: 'active' })
    expect(createBody(CONTACT_SPEC, values)).toEqual({
      name: '李强', mobile: '13700001111', title: '经理', phone: '021-1', decision_maker: true, status: 'active',
    })
    const account = { ...formFromRecord(ACCOUNT_SPEC, null), account_name: '华南', bank_name: '工行', tax_number: '91X' }
    expect(createBody(ACCOUNT_SPEC, account, accountRules)).toEqual({ account_name: '华南', tax_number: '91X' })
  })
  it('edit: a record without its hidden members is no change; read-only and hidden members are never sent', () => {
    const sent = without(contact(), 'mobile', 'decision_maker')
    const values = formFromRecord(CONTACT_SPEC, sent)
    expect(values.mobile).toBeNull()
    expect(values.decision_maker).toBe(false)
    expect(patchBody(CONTACT_SPEC, sent, values, contactRules)).toBeNull()
    expect(patchBody(CONTACT_SPEC, sent, { ...values, title: '董事长', mobile: '13600002222', decision_maker: true, hobbies: '围棋' }, contactRules))
      .toEqual({ hobbies: '围棋' })
    // Rules changed since sign-in: the record lacks the member, the session does not know yet.
    expect(patchBody(CONTACT_SPEC, sent, values, {})).toBeNull()
    const a = account()
    expect(patchBody(ACCOUNT_SPEC, a, { ...formFromRecord(ACCOUNT_SPEC, a), bank_name: '建行', notes: '结算' }, accountRules)).toEqual({ notes: '结算' })
  })
  it('a masked member that is read-only is not sent even when typed', () => {
    const c = maskedContact()
    expect(patchBody(CONTACT_SPEC, c, { ...formFromRecord(CONTACT_SPEC, c), phone: '021-66668888' }, { phone: 'read' })).toBeNull()
  })
  it('403 field_forbidden: rule keys go under their shown members; hidden members are named elsewhere by member', () => {
    const errors = [
      { field: 'contact.mobile', code: 'hidden', message: '无权查看此字段' },
      { field: 'contact.title', code: 'read_only', message: '无权修改此字段' },
      { field: 'account.bank_name', code: 'read_only', message: '无权修改此字段' },
    ]
    const shown = (f: string) => f !== 'mobile'
    expect(splitFieldErrors(CONTACT_SPEC, errors, shown)).toEqual({
      inForm: { title: '无权修改此字段' },
      elsewhere: [
        { field: 'mobile', code: 'hidden', message: '无权查看此字段' },
        { field: 'account.bank_name', code: 'read_only', message: '无权修改此字段' },
      ],
    })
    expect(splitFieldErrors(ACCOUNT_SPEC, errors).inForm).toEqual({ bank_name: '无权修改此字段' })
    expect(splitFieldErrors(NOTE_SPEC, [{ field: 'contact.title', code: 'x', message: 'm' }]).elsewhere).toHaveLength(1)
  })
  it('lists only the members the user sees that hold a value: no row for a hidden (absent) or empty one', () => {
    const sent = without(contact({ wechat: '' }), 'mobile', 'decision_maker')
    expect(listedMembers(CONTACT_SPEC, {}, sent, ['mobile', 'phone', 'email', 'wechat', 'birthday'])).toEqual(['phone', 'email', 'birthday'])
    expect(listedMembers(CONTACT_SPEC, {}, sent, ['decision_maker'])).toEqual([])
    expect(listedMembers(CONTACT_SPEC, {}, contact(), ['decision_maker', 'title'])).toEqual(['decision_maker', 'title'])
    expect(listedMembers(CONTACT_SPEC, { title: 'hidden' }, contact(), ['title', 'department'])).toEqual(['department'])
    expect(listedMembers(CONTACT_SPEC, { title: 'read' }, contact(), ['title'])).toEqual(['title'])
    const a = without(account({ cancel_reason: '已销户' }), 'bank_name')
    expect(listedMembers(ACCOUNT_SPEC, {}, a, ['bank_name', 'account_number', 'tax_number', 'cancel_reason'])).toEqual(['account_number', 'cancel_reason'])
    expect(listedMembers(ACCOUNT_SPEC, { cancel_reason: 'hidden' }, a, ['cancel_reason'])).toEqual([])
  })
})

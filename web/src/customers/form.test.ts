import { describe, expect, it } from 'vitest'
import { changedFields, conflictRows, createBody, emptyForm, formFromCustomer, formItemOf, formValues, patchBody, rebaseForm } from './form'
import { sampleCustomer } from './fixture.test-helper'

function values(form: ReturnType<typeof emptyForm>) {
  const r = formValues(form)
  if (!r.ok) throw new Error(r.code)
  return r.values
}

describe('create', () => {
  it('sends only what is set, trimmed, with money in fen', () => {
    const form = emptyForm('organization')
    Object.assign(form, { name: '  华为  ', uscc: '914403001922038216', registered_capital_yuan: '500万', phone: ' ', tags: [' a', 'a', ''] })
    expect(createBody(values(form))).toEqual({
      kind: 'organization', name: '华为', uscc: '914403001922038216', registered_capital_fen: 500_000_000, status: 'potential', tags: ['a'],
    })
  })
  it('leaves out the fields of the other kind', () => {
    const form = emptyForm('individual')
    Object.assign(form, { name: '张三', id_number: '11010519491231002X', uscc: '914403001922038216', registered_capital_yuan: '1' })
    expect(createBody(values(form))).toEqual({ kind: 'individual', name: '张三', id_type: 'resident_id', id_number: '11010519491231002X', status: 'potential' })
  })
  it('sends the birthday reminder (CUS-16) of an individual when it is on, never an organization\'s', () => {
    const person = emptyForm('individual')
    expect(person.birthday_reminder).toBe(false)
    Object.assign(person, { name: '张三', birthday: '1990-05-06', birthday_reminder: true })
    expect(createBody(values(person))).toEqual({ kind: 'individual', name: '张三', birthday: '1990-05-06', birthday_reminder: true, status: 'potential' })
    person.birthday_reminder = false
    expect(createBody(values(person))).not.toHaveProperty('birthday_reminder')
    const org = emptyForm('organization')
    Object.assign(org, { name: '华为', birthday_reminder: true })
    expect(createBody(values(org))).not.toHaveProperty('birthday_reminder')
  })
  it('drops a lone id type', () => {
    const form = emptyForm('individual')
    form.name = '张三'
    expect(createBody(values(form))).not.toHaveProperty('id_type')
  })
  it('refuses an amount that is not one', () => {
    const form = emptyForm('organization')
    form.registered_capital_yuan = '十万'
    expect(formValues(form)).toEqual({ ok: false, field: 'registered_capital_yuan', code: 'invalid_amount' })
  })
})

describe('patch', () => {
  it('is null when nothing changed', () => {
    const c = sampleCustomer()
    expect(patchBody(c, values(formFromCustomer(c)))).toBeNull()
  })
  it('sends only the changed fields, clearing with null', () => {
    const c = sampleCustomer()
    const form = formFromCustomer(c)
    Object.assign(form, { name: '华为技术', address: '', tags: ['重点', '战略'], registered_capital_yuan: '404,111,318,200.01' })
    expect(patchBody(c, values(form))).toEqual({ name: '华为技术', address: null, tags: ['重点', '战略'], registered_capital_fen: 40_411_131_820_001 })
  })
  it('sends a status change (potential, target, active, lost are edited like other fields)', () => {
    const c = sampleCustomer()
    const form = formFromCustomer(c)
    Object.assign(form, { status: 'lost', grade: 'C' })
    expect(patchBody(c, values(form))).toEqual({ status: 'lost', grade: 'C' })
  })
  it('sends the birthday reminder switched off or on (CUS-16)', () => {
    const c = sampleCustomer({ kind: 'individual', uscc: null, birthday: '1990-05-06', birthday_reminder: true })
    const form = formFromCustomer(c)
    expect(form.birthday_reminder).toBe(true)
    form.birthday_reminder = false
    expect(patchBody(c, values(form))).toEqual({ birthday_reminder: false })
    const old = formFromCustomer({ ...c, birthday_reminder: undefined } as unknown as typeof c)
    expect(old.birthday_reminder).toBe(false)
  })
  it('never sends the kind (create-only)', () => {
    const c = sampleCustomer()
    const form = formFromCustomer(c)
    Object.assign(form, { kind: 'individual', route: 'R9' })
    expect(patchBody(c, values(form))).toEqual({ route: 'R9' })
    form.route = c.route
    expect(patchBody(c, values(form))).toBeNull()
  })
  it('never sends masked values back', () => {
    const c = sampleCustomer({ masked: true, phone: '0755-****0808', email: 'i***@huawei.com' })
    const form = formFromCustomer(c)
    form.phone = '0755-****0809'
    form.website = 'huawei.com'
    expect(patchBody(c, values(form))).toEqual({ website: 'huawei.com' })
  })
})

describe('version conflict', () => {
  const loaded = sampleCustomer()
  const current = sampleCustomer({ version: 5, name: '华为技术（新）', grade: 'B', list_status: 'black' })
  it('lists what changed meanwhile and marks my overlapping change', () => {
    const mine = { name: '华为2', route: 'R02' }
    expect(conflictRows(loaded, current, mine)).toEqual([
      { field: 'name', loaded: '华为技术有限公司', current: '华为技术（新）', mine: '华为2' },
      { field: 'grade', loaded: 'A', current: 'B' },
      { field: 'list_status', loaded: 'none', current: 'black' },
    ])
    // The `current` of a version_conflict has no owner or region names: they are no change.
    expect(conflictRows(loaded, { ...loaded, owner_name: '', region_name: null }, {})).toEqual([])
    expect(changedFields(loaded, loaded, ['name', 'tags'])).toEqual([])
  })
  it('SEC-3: does not show masking as a change when a reveal window began or ended meanwhile', () => {
    const revealed = sampleCustomer({ masked: false, revealable: true, revealed_until: 1_790_000_600_000, phone: '0755-28780808' })
    const maskedNow = { ...revealed, masked: true, revealed_until: null, phone: '075****0808', email: 'i***@huawei.com', grade: 'B' as const, version: 5 }
    expect(conflictRows(revealed, maskedNow, {})).toEqual([{ field: 'grade', loaded: 'A', current: 'B' }])
    expect(conflictRows(maskedNow, revealed, {}).map((r) => r.field)).toEqual(['grade'])
    // Both masked: a changed (masked) phone is still a change.
    expect(conflictRows(maskedNow, { ...maskedNow, phone: '139****0000' }, {}).map((r) => r.field)).toEqual(['phone'])
  })
  it('re-applies my changes on top of the current record', () => {
    const form = formFromCustomer(loaded)
    Object.assign(form, { route: 'R02', registered_capital_yuan: '1.00' })
    const mine = patchBody(loaded, values(form))!
    const next = rebaseForm(current, mine, form)
    expect(next.route).toBe('R02')
    expect(next.registered_capital_yuan).toBe('1.00')
    expect(next.name).toBe('华为技术（新）')
    expect(next.grade).toBe('B')
    expect(patchBody(current, values(next))).toEqual({ route: 'R02', registered_capital_fen: 100 })
  })
})

describe('formItemOf', () => {
  it('maps server fields onto form items', () => {
    expect(formItemOf('registered_capital_fen')).toBe('registered_capital_yuan')
    expect(formItemOf('identity_override.reason')).toBe('override_reason')
    expect(formItemOf('name')).toBe('name')
  })
})

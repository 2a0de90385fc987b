import { describe, expect, it } from 'vitest'
import { emptyForm, formFromCustomer } from './form'
import { blockingIssues, formIssues, overridable, submitBlockers } from './formIssues'
import { sampleCustomer } from './fixture.test-helper'

const TODAY = 20261123

describe('formIssues', () => {
  it('needs a name of at most 200 characters', () => {
    expect(formIssues(emptyForm(), null, TODAY)).toEqual({ name: { code: 'required' } })
    const form = { ...emptyForm(), name: '华'.repeat(201) }
    expect(formIssues(form, null, TODAY).name).toEqual({ code: 'too_long' })
  })
  it('checks the fields of the chosen kind only', () => {
    const form = { ...emptyForm('individual'), name: '张三', id_number: '110105194912310021', uscc: 'bad', mobile: '123' }
    expect(formIssues(form, null, TODAY)).toEqual({
      id_number: { code: 'invalid_id_number', verdict: 'invalid_checksum', checksumOnly: true },
      mobile: { code: 'invalid_phone', verdict: 'invalid_format', checksumOnly: false },
    })
  })
  it('checks money of organizations', () => {
    const form = { ...emptyForm('organization'), name: 'X', registered_capital_yuan: '1.234' }
    expect(formIssues(form, null, TODAY)).toEqual({ registered_capital_yuan: { code: 'too_many_decimals' } })
  })
  it('checks postal codes and tags as the server does', () => {
    const form = { ...emptyForm('organization'), name: 'X', postal_code: '51812', tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }
    expect(formIssues(form, null, TODAY)).toEqual({ postal_code: { code: 'invalid_postal_code' }, tags: { code: 'too_many_tags' } })
    form.postal_code = '518129'
    form.tags = ['好'.repeat(31)]
    expect(formIssues(form, null, TODAY)).toEqual({ tags: { code: 'tag_too_long' } })
  })
  it('does not re-check unchanged values on edit (override-saved or masked)', () => {
    const c = sampleCustomer({ uscc: '91350100M000100Y44', identity_override_reason: '早期试点代码', masked: true, email: 'i***@x' })
    const form = formFromCustomer(c)
    expect(formIssues(form, c, TODAY)).toEqual({})
    form.uscc = '91350100M000100Y45'
    expect(Object.keys(formIssues(form, c, TODAY))).toEqual(['uscc'])
  })
  it('re-checks an unchanged number when its type changed', () => {
    const c = sampleCustomer({ kind: 'individual', id_type: 'passport', id_number: 'E12345678', uscc: null })
    const form = formFromCustomer(c)
    expect(formIssues(form, c, TODAY)).toEqual({})
    form.id_type = 'resident_id'
    expect(formIssues(form, c, TODAY).id_number?.code).toBe('invalid_id_number')
  })
})

describe('override', () => {
  it('applies when every identity failure is a checksum, and lifts only those', () => {
    const form = { ...emptyForm('organization'), name: 'X', uscc: '91350100M000100Y44', org_code: 'D2143569-1', email: 'bad' }
    const issues = formIssues(form, null, TODAY)
    expect(overridable(issues)).toBe(true)
    expect(Object.keys(blockingIssues(issues, true))).toEqual(['email'])
    expect(Object.keys(blockingIssues(issues, false))).toEqual(['uscc', 'org_code', 'email'])
  })
  it('does not apply to malformed identifiers', () => {
    const form = { ...emptyForm('organization'), name: 'X', uscc: '91350100M000100Y44', org_code: 'D2143569' }
    expect(overridable(formIssues(form, null, TODAY))).toBe(false)
  })
})

describe('submitBlockers', () => {
  it('stops a save only for what the server cannot be asked about', () => {
    const form = { ...emptyForm('organization'), name: '', uscc: '91350100M000100Y44', email: 'bad', registered_capital_yuan: '十万' }
    const issues = formIssues(form, null, TODAY)
    expect(Object.keys(issues).sort()).toEqual(['email', 'name', 'registered_capital_yuan', 'uscc'])
    expect(submitBlockers(issues)).toEqual(['name', 'registered_capital_yuan'])
    form.name = 'X'
    form.registered_capital_yuan = '10万'
    expect(submitBlockers(formIssues(form, null, TODAY))).toEqual([])
  })
})

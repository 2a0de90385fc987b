import { describe, expect, it } from 'vitest'
import type { CustomField } from '../api/customFields'
import { createFieldBody, dialogItemOf, emptyFieldForm, fieldFormFrom, optionsMissing, updateFieldBody } from './customFieldForm'

const level: CustomField = {
  id: 2, key: 'level', type: 'choice', label: '合作级别', label_en: '', required: true, unique: false, pattern: null,
  options: [{ code: 'gold', label: '金牌', label_en: 'Gold', retired: false }, { code: 'silver', label: '银牌', label_en: '', retired: false }],
  applies_to: 'all', sort_order: 0, status: 'active', version: 3, created_at: 0, updated_at: 0,
}

describe('custom field dialog (CUS-6)', () => {
  it('creates a text field with its pattern and unique, no options', () => {
    const form = { ...emptyFieldForm(), key: ' contract_no ', label: '合同编号', unique: true, pattern: ' ^HT-\\d{4}$ ' }
    expect(createFieldBody(form)).toEqual({
      key: 'contract_no', type: 'text', label: '合同编号', required: false, unique: true, pattern: '^HT-\\d{4}$', applies_to: 'all', sort_order: 0,
    })
  })
  it('creates a choice field with options, without unique or pattern', () => {
    const form = { ...emptyFieldForm(), key: 'level', type: 'choice' as const, label: '级别', unique: true, pattern: 'x', required: true,
      options: [{ code: 'gold', label: '金牌', label_en: '', retired: false, saved: false }] }
    const body = createFieldBody(form)
    expect(body.options).toEqual([{ code: 'gold', label: '金牌' }])
    expect(body).not.toHaveProperty('unique')
    expect(body).not.toHaveProperty('pattern')
    expect(optionsMissing({ ...form, options: [] })).toBe(true)
    expect(optionsMissing({ ...form, options: [{ code: 'x', label: ' ', label_en: '', retired: false, saved: false }] })).toBe(true)
    expect(optionsMissing(form)).toBe(false)
  })
  it('edits only what changed, with the version; retiring an option sends the whole list', () => {
    const form = fieldFormFrom(level)
    expect(updateFieldBody(level, form)).toBeNull()
    form.options[0].retired = true
    form.options.push({ code: 'bronze', label: '铜牌', label_en: '', retired: false, saved: false })
    expect(updateFieldBody(level, form)).toEqual({
      version: 3,
      options: [
        { code: 'gold', label: '金牌', label_en: 'Gold', retired: true },
        { code: 'silver', label: '银牌' },
        { code: 'bronze', label: '铜牌' },
      ],
    })
    expect(updateFieldBody(level, { ...fieldFormFrom(level), label: '级别' })).toEqual({ label: '级别', version: 3 })
  })
  it('clears a pattern with null', () => {
    const text: CustomField = { ...level, type: 'text', options: [], pattern: '^a$' }
    expect(updateFieldBody(text, { ...fieldFormFrom(text), pattern: '' })).toEqual({ pattern: null, version: 3 })
  })
  it('puts option errors under the options', () => {
    expect(dialogItemOf('options[1].code')).toBe('options')
    expect(dialogItemOf('pattern')).toBe('pattern')
  })
})

import { describe, expect, it } from 'vitest'
import type { CustomField } from '../api/customFields'
import {
  customCreate, customDisplay, customFiltersFromQuery, customFiltersToQuery, customKeyOf, customLabel, customPatch, filterFields,
  formFields, normalizeValue, optionLabel, selectableOptions,
} from './customFields'

function field(over: Partial<CustomField>): CustomField {
  return {
    id: 1, key: 'k', type: 'text', label: '字段', label_en: '', options: [], required: false, unique: false, pattern: null,
    applies_to: 'all', sort_order: 0, status: 'active', version: 1, created_at: 0, updated_at: 0, ...over,
  }
}
const contract = field({ id: 1, key: 'contract_no', label: '合同编号', label_en: 'Contract no.', sort_order: 20 })
const level = field({
  id: 2, key: 'level', type: 'choice', label: '合作级别', sort_order: 10, required: true,
  options: [{ code: 'gold', label: '金牌', label_en: 'Gold', retired: true }, { code: 'silver', label: '银牌' }],
})
const tags = field({ id: 3, key: 'areas', type: 'multi_choice', label: '业务领域', options: [{ code: 'a', label: '甲' }, { code: 'b', label: '乙' }] })
const staff = field({ id: 4, key: 'staff', type: 'number', label: '人数', applies_to: 'organization' })
const old = field({ id: 5, key: 'old', label: '旧字段', status: 'retired' })
const all = [contract, level, tags, staff, old]

describe('custom field labels (CUS-6)', () => {
  it('uses the English label when there is one', () => {
    expect(customLabel(contract, true)).toBe('Contract no.')
    expect(customLabel(level, true)).toBe('合作级别')
    expect(optionLabel(level, 'gold', true)).toBe('Gold')
    expect(optionLabel(level, 'silver', true)).toBe('银牌')
    expect(optionLabel(level, 'nope')).toBe('nope')
  })
  it('shows option labels, not codes, also for history text', () => {
    expect(customDisplay(level, 'gold')).toBe('金牌')
    expect(customDisplay(tags, ['a', 'b'])).toBe('甲、乙')
    expect(customDisplay(tags, '["b"]')).toBe('乙')
    expect(customDisplay(contract, null)).toBe('—')
    expect(customDisplay(undefined, 'x')).toBe('x')
  })
})

describe('which fields a form shows', () => {
  it('active fields of the kind in display order, retired ones only with a value', () => {
    expect(formFields(all, 'individual').map((f) => f.key)).toEqual(['areas', 'level', 'contract_no'])
    expect(formFields(all, 'organization').map((f) => f.key)).toEqual(['areas', 'staff', 'level', 'contract_no'])
    expect(formFields(all, 'individual', { old: 'x' }).map((f) => f.key)).toContain('old')
  })
  it('offers active options and a retired one the record holds', () => {
    expect(selectableOptions(level).map((o) => o.code)).toEqual(['silver'])
    expect(selectableOptions(level, 'gold').map((o) => o.code)).toEqual(['gold', 'silver'])
  })
})

describe('what the form sends', () => {
  it('normalizes values', () => {
    expect(normalizeValue(contract, '  HT-1 ')).toBe('HT-1')
    expect(normalizeValue(contract, '  ')).toBeNull()
    expect(normalizeValue(tags, ['b', 'a', 'b'])).toEqual(['a', 'b'])
    expect(normalizeValue(tags, [])).toBeNull()
    expect(normalizeValue(staff, 12)).toBe(12)
  })
  it('creates with the filled active fields of the kind only', () => {
    const form = { contract_no: ' HT-0001 ', level: 'silver', areas: [], staff: 5, old: 'x' }
    expect(customCreate(all, 'individual', form)).toEqual({ contract_no: 'HT-0001', level: 'silver' })
    expect(customCreate(all, 'organization', form)).toEqual({ contract_no: 'HT-0001', level: 'silver', staff: 5 })
    expect(customCreate(all, 'individual', {})).toBeUndefined()
  })
  it('edits only the changed keys, null to clear, nothing for retired fields', () => {
    const original = { contract_no: 'HT-0001', level: 'silver', areas: ['a', 'b'], old: 'x' }
    expect(customPatch(all, 'individual', original, { ...original })).toBeUndefined()
    expect(customPatch(all, 'individual', original, { ...original, areas: ['b', 'a'] })).toBeUndefined()
    expect(customPatch(all, 'individual', original, { ...original, contract_no: 'HT-0002', old: 'y' })).toEqual({ contract_no: 'HT-0002' })
    expect(customPatch(all, 'individual', original, { ...original, level: null, areas: [] })).toEqual({ level: null, areas: null })
    expect(customPatch(all, 'individual', {}, { contract_no: '' })).toBeUndefined()
  })
})

describe('list filters in the address', () => {
  it('reads and writes custom.<key> members', () => {
    expect(customKeyOf('custom.level')).toBe('level')
    expect(customKeyOf('custom.Level')).toBeNull()
    expect(customKeyOf('level')).toBeNull()
    expect(customFiltersFromQuery({ 'custom.level': 'gold', q: 'x', 'custom.bad-key': 'y', 'custom.areas': ['a', 'b'], 'custom.e': '' }))
      .toEqual({ level: 'gold', areas: 'a' })
    expect(customFiltersToQuery({ level: 'gold', areas: ' ', b: 'x' })).toEqual({ 'custom.b': 'x', 'custom.level': 'gold' })
  })
  it('offers choices and text of active fields', () => {
    expect(filterFields(all).map((f) => f.key)).toEqual(['areas', 'level', 'contract_no'])
  })
})

import { describe, expect, it } from 'vitest'
import { choicesOf, gridFrom, groupFields, groupOf, ruledCount, ruleErrors, rulesFromGrid, sameRules, type RulableField } from './fieldRules'

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

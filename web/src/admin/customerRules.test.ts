import { describe, expect, it } from 'vitest'
import type { GradeRule, RuleField } from '../api/admin'
import {
  choiceLabelKey, emptyRow, fenToYuanText, moveRow, ruleErrorAt, rowsFromRules, rowsSignature, rulesFromRows, splitRuleErrors,
  valueKind, withField,
} from './customerRules'

const FIELDS: RuleField[] = [
  { key: 'value_tier', op: 'eq', choices: ['vip', 'major', 'normal', 'small'] },
  { key: 'industry', op: 'eq', dictionary: 'industry' },
  { key: 'registered_capital_fen', op: 'gte' },
  { key: 'importance', op: 'gte' },
]

const RULES: GradeRule[] = [
  { grade: 'A', field: 'value_tier', op: 'eq', value: 'vip', reason: '价值层级为 VIP' },
  { grade: 'A', field: 'registered_capital_fen', op: 'gte', value: 10_000_000_000, reason: '注册资本不低于 1 亿元' },
  { grade: 'B', field: 'importance', op: 'gte', value: 4, reason: '重要程度不低于 4' },
]

const strip = ({ uid: _uid, ...rest }: { uid: number }) => rest

describe('grade rules between the API and the rows (CUS-9)', () => {
  it('turns rules into rows (money in 元) and back into the same rules', () => {
    const rows = rowsFromRules(RULES)
    expect(rows.map(strip)).toEqual([
      { grade: 'A', field: 'value_tier', op: 'eq', value: 'vip', reason: '价值层级为 VIP' },
      { grade: 'A', field: 'registered_capital_fen', op: 'gte', value: '100000000', reason: '注册资本不低于 1 亿元' },
      { grade: 'B', field: 'importance', op: 'gte', value: '4', reason: '重要程度不低于 4' },
    ])
    expect(new Set(rows.map((r) => r.uid)).size).toBe(3)
    expect(rulesFromRows(rows)).toEqual({ ok: true, rules: RULES })
  })
  it('reads typed 元 (also 万) into fen and trims text', () => {
    const rows = rowsFromRules(RULES)
    rows[1].value = '5000万'
    rows[0].reason = '  VIP 客户 '
    rows[2].value = ' 5 '
    const result = rulesFromRows(rows)
    expect(result.ok && result.rules[1].value).toBe(5_000_000_000)
    expect(result.ok && result.rules[0].reason).toBe('VIP 客户')
    expect(result.ok && result.rules[2].value).toBe(5)
  })
  it('names what is missing or wrong in which row, and sends nothing then', () => {
    const rows = [...rowsFromRules(RULES), emptyRow()]
    rows[0].value = ''
    rows[1].value = '12.345'
    rows[2].value = '4.5'
    rows[2].reason = '  '
    expect(rulesFromRows(rows)).toEqual({
      ok: false,
      issues: [{ value: 'required' }, { value: 'too_many_decimals' }, { value: 'invalid_integer', reason: 'required' }, { field: 'required', reason: 'required' }],
    })
    rows[1].value = 'abc'
    expect(rulesFromRows(rows.slice(1, 2))).toEqual({ ok: false, issues: [{ value: 'invalid_amount' }] })
    rows[2].value = '99999999999999999999'
    rows[2].reason = 'x'
    expect(rulesFromRows(rows.slice(2, 3))).toEqual({ ok: false, issues: [{ value: 'too_large' }] })
  })
  it('keeps a stored rule on a field the page does not offer as it is', () => {
    const rows = rowsFromRules([{ grade: 'B', field: 'strategic', op: 'gte', value: 1, reason: '战略客户' }])
    expect(rows[0].value).toBe('1')
    expect(rulesFromRows(rows)).toEqual({ ok: true, rules: [{ grade: 'B', field: 'strategic', op: 'gte', value: 1, reason: '战略客户' }] })
  })
})

describe('editing the rows', () => {
  it('a new field brings its operator and clears the value; the same field keeps the row', () => {
    const [row] = rowsFromRules(RULES)
    const changed = withField(row, 'importance', FIELDS)
    expect(changed).toMatchObject({ field: 'importance', op: 'gte', value: '', reason: row.reason, uid: row.uid })
    expect(withField(row, 'value_tier', FIELDS)).toBe(row)
    expect(withField(emptyRow(), 'industry', FIELDS)).toMatchObject({ field: 'industry', op: 'eq', value: '' })
  })
  it('moves a row up and down, not past either end', () => {
    expect(moveRow(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b'])
    expect(moveRow(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c'])
    expect(moveRow(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c'])
    expect(moveRow(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c'])
  })
  it('tells changed rows from unchanged ones (order, values, white space)', () => {
    const saved = rowsSignature(rowsFromRules(RULES))
    const rows = rowsFromRules(RULES)
    expect(rowsSignature(rows)).toBe(saved)
    rows[0].reason += ' '
    expect(rowsSignature(rows)).toBe(saved)
    expect(rowsSignature(moveRow(rows, 0, 1))).not.toBe(saved)
    rows[2].value = '5'
    expect(rowsSignature(rows)).not.toBe(saved)
  })
  it('picks the input of the value from the field', () => {
    expect(valueKind('value_tier', 'eq', FIELDS[0])).toBe('choice')
    expect(valueKind('industry', 'eq', FIELDS[1])).toBe('dictionary')
    expect(valueKind('registered_capital_fen', 'gte', FIELDS[2])).toBe('money')
    expect(valueKind('importance', 'gte', FIELDS[3])).toBe('number')
    expect(valueKind('route', 'eq', undefined)).toBe('text')
  })
  it('labels choices with the customer locale keys where there are some', () => {
    expect(choiceLabelKey('value_tier', 'vip')).toBe('customers.valueTier.vip')
    expect(choiceLabelKey('status', 'active')).toBe('customers.status.active')
    expect(choiceLabelKey('grade', 'A')).toBeNull()
  })
  it('writes fen as 元 one would type', () => {
    expect(fenToYuanText(10_000_000_000)).toBe('100000000')
    expect(fenToYuanText(123_450)).toBe('1234.5')
    expect(fenToYuanText(5)).toBe('0.05')
    expect(fenToYuanText(0)).toBe('0')
  })
})

describe('server errors in their places', () => {
  it('reads the row and member of an error path', () => {
    expect(ruleErrorAt('grade_rules[2].reason')).toEqual({ index: 2, member: 'reason' })
    expect(ruleErrorAt('grade_rules[10].value')).toEqual({ index: 10, member: 'value' })
    expect(ruleErrorAt('grade_rules[0]')).toEqual({ index: 0, member: null })
    expect(ruleErrorAt('grade_rules')).toBeNull()
    expect(ruleErrorAt('code_rule')).toBeNull()
  })
  it('sorts the messages to the code rule, the list and the rows', () => {
    expect(splitRuleErrors({
      code_rule: '格式不正确',
      'grade_rules[0].grade': '取值不在允许范围内',
      'grade_rules[0].reason': '必填',
      'grade_rules[3]': '格式不正确',
      grade_rules: '必填',
      other: '不是可识别的字段',
    })).toEqual({
      codeRule: '格式不正确',
      list: '必填',
      rows: { 0: { grade: '取值不在允许范围内', reason: '必填' }, 3: { row: '格式不正确' } },
    })
    expect(splitRuleErrors({})).toEqual({ rows: {} })
  })
})

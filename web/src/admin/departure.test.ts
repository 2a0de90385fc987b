import { describe, expect, it } from 'vitest'
import { departBody, departErrors, successorMode } from './departure'

describe('departure and hand-over (SEC-6)', () => {
  it('the chosen successor wins, else the manager, else one is required', () => {
    expect(successorMode(5, 9)).toBe('chosen')
    expect(successorMode(null, 9)).toBe('chosen')
    expect(successorMode(5, null)).toBe('manager')
    expect(successorMode(null, null)).toBe('required')
    expect(successorMode(undefined, null)).toBe('required')
  })
  it('sends the successor, or null to leave it to the manager', () => {
    expect(departBody(12)).toEqual({ successor_id: 12 })
    expect(departBody(null)).toEqual({ successor_id: null })
  })
  it('puts the successor_id message under the field, without the generic detail', () => {
    expect(departErrors({
      status: 422, code: 'validation_failed', detail: '提交的数据有误，请检查标出的字段。',
      errors: [{ field: 'successor_id', code: 'required', message: '必填' }],
    })).toEqual({ successor: '必填' })
    expect(departErrors({
      status: 422, code: 'validation_failed', detail: 'x',
      errors: [{ field: 'successor_id', code: 'unknown_value', message: '' }],
    })).toEqual({ successor: 'unknown_value' })
  })
  it('shows other errors (409 cannot_disable_self, 403, other fields) as a general message', () => {
    expect(departErrors({ status: 409, code: 'cannot_disable_self', detail: '不能停用当前登录的账号。', errors: [] }))
      .toEqual({ general: '不能停用当前登录的账号。' })
    expect(departErrors({ status: 403, title: 'Forbidden' })).toEqual({ general: 'Forbidden' })
    expect(departErrors({ status: 500 })).toEqual({ general: 'HTTP 500' })
    expect(departErrors({
      status: 422, detail: 'd',
      errors: [{ field: 'note', code: 'unknown_field', message: '未知字段' }, { field: 'successor_id', code: 'must_be_integer', message: '须为整数' }],
    })).toEqual({ successor: '须为整数', general: 'note: 未知字段' })
  })
})

import { describe, expect, it } from 'vitest'
import { formatFen, parseYuan } from './money'

describe('formatFen', () => {
  it('shows 元 with two decimals and grouping', () => {
    expect(formatFen(123456789)).toBe('1,234,567.89')
    expect(formatFen(5)).toBe('0.05')
    expect(formatFen(0)).toBe('0.00')
    expect(formatFen(100)).toBe('1.00')
    expect(formatFen(-150)).toBe('-1.50')
    expect(formatFen(123456789, false)).toBe('1234567.89')
  })
  it('shows nothing for no amount', () => {
    expect(formatFen(null)).toBe('')
    expect(formatFen(undefined)).toBe('')
  })
})

describe('parseYuan', () => {
  it('reads 元 exactly, without floating point', () => {
    expect(parseYuan('1234.5')).toEqual({ ok: true, fen: 123450 })
    expect(parseYuan('0.1')).toEqual({ ok: true, fen: 10 })
    expect(parseYuan('0.29')).toEqual({ ok: true, fen: 29 }) // 0.29 * 100 = 28.999999999999996 in floats
    expect(parseYuan('1,234.50')).toEqual({ ok: true, fen: 123450 })
    expect(parseYuan('¥ 1 000 元')).toEqual({ ok: true, fen: 100000 })
    expect(parseYuan('.5')).toEqual({ ok: true, fen: 50 })
    expect(parseYuan('12.')).toEqual({ ok: true, fen: 1200 })
    expect(parseYuan('１２３．４５')).toEqual({ ok: true, fen: 12345 })
    expect(parseYuan('1.500')).toEqual({ ok: true, fen: 150 })
  })
  it('reads 万元', () => {
    expect(parseYuan('500万')).toEqual({ ok: true, fen: 500000000 })
    expect(parseYuan('1.2345万')).toEqual({ ok: true, fen: 1234500 })
    expect(parseYuan('0.000001万')).toEqual({ ok: true, fen: 1 })
  })
  it('gives null for empty text', () => {
    expect(parseYuan('  ')).toEqual({ ok: true, fen: null })
  })
  it('refuses what is not an amount', () => {
    expect(parseYuan('abc')).toEqual({ ok: false, code: 'invalid_amount' })
    expect(parseYuan('-5')).toEqual({ ok: false, code: 'invalid_amount' })
    expect(parseYuan('1.2.3')).toEqual({ ok: false, code: 'invalid_amount' })
    expect(parseYuan('.')).toEqual({ ok: false, code: 'invalid_amount' })
    expect(parseYuan('1.234')).toEqual({ ok: false, code: 'too_many_decimals' })
    expect(parseYuan('99999999999999999')).toEqual({ ok: false, code: 'too_large' })
  })
  it('round-trips the display format', () => {
    for (const fen of [0, 1, 99, 100, 123456789, 9007199254740991]) {
      expect(parseYuan(formatFen(fen))).toEqual({ ok: true, fen })
    }
  })
})

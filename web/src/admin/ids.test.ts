import { describe, expect, it } from 'vitest'
import { parseId } from './ids'

describe('parseId', () => {
  it('reads a positive whole number (up to 15 digits, exact in a double), spaces around allowed', () => {
    expect(parseId('42')).toBe(42)
    expect(parseId(' 7 ')).toBe(7)
    expect(parseId('999999999999999')).toBe(999_999_999_999_999)
  })
  it('is null (no filter) when empty', () => {
    expect(parseId('')).toBeNull()
    expect(parseId('   ')).toBeNull()
    expect(parseId(null)).toBeNull()
  })
  it('refuses anything else', () => {
    for (const text of ['0', '-3', '3.5', '1e3', 'abc', 'KH2026000001', '1234567890123456']) expect(parseId(text), text).toBeUndefined()
  })
})

import { describe, expect, it } from 'vitest'
import { formatShanghaiTime, formatShanghaiUntil, shanghaiDayRange, shanghaiDayStart } from './format'

describe('formatShanghaiTime', () => {
  it('shows UTC+8 wall-clock time', () => {
    expect(formatShanghaiTime(Date.UTC(2026, 0, 1, 16, 5, 9))).toBe('2026-01-02 00:05:09')
  })
})

describe('shanghaiDayStart', () => {
  it('is midnight in Shanghai of the picked calendar day', () => {
    const ms = shanghaiDayStart(new Date(2026, 10, 23))
    expect(formatShanghaiTime(ms)).toBe('2026-11-23 00:00:00')
  })
})

describe('shanghaiDayRange', () => {
  it('covers whole days, the end day included', () => {
    const { since, until } = shanghaiDayRange(new Date(2026, 10, 1), new Date(2026, 10, 2))
    expect(formatShanghaiTime(since!)).toBe('2026-11-01 00:00:00')
    expect(formatShanghaiTime(until!)).toBe('2026-11-03 00:00:00')
  })
  it('leaves open ends open', () => {
    expect(shanghaiDayRange(null, null)).toEqual({ since: null, until: null })
  })
})

describe('formatShanghaiUntil', () => {
  const now = Date.UTC(2026, 10, 23, 6, 25, 0) // 14:25 in Shanghai
  it('shows the Shanghai clock time on the same day', () => {
    expect(formatShanghaiUntil(now + 10 * 60_000, now)).toBe('14:35')
  })
  it('adds the date when the end falls on another Shanghai day', () => {
    // 23:55 in Shanghai + 10 minutes is 00:05 the next day, while UTC is still on the 23rd.
    const late = Date.UTC(2026, 10, 23, 15, 55, 0)
    expect(formatShanghaiUntil(late + 10 * 60_000, late)).toBe('2026-11-24 00:05')
  })
})

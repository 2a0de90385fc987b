import { describe, expect, it } from 'vitest'
import { formatShanghaiTime, shanghaiDayRange, shanghaiDayStart } from './format'

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

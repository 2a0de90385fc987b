import { describe, expect, it } from 'vitest'
import {
  dayCounts, dayEffect, dayFormIssues, groupByMonth, isIsoDate, isWeekend, parseYear, shanghaiToday, weekdayOf, yearChoices,
} from './calendar'

describe('dates', () => {
  it('accepts real YYYY-MM-DD dates only', () => {
    expect(isIsoDate('2025-01-26')).toBe(true)
    expect(isIsoDate('2024-02-29')).toBe(true)
    expect(isIsoDate('2025-02-29')).toBe(false)
    expect(isIsoDate('2025-1-26')).toBe(false)
    expect(isIsoDate('')).toBe(false)
  })
  it('knows the weekday whatever the time zone', () => {
    expect(weekdayOf('2025-01-26')).toBe(0) // Sunday, a make-up workday in 2025
    expect(weekdayOf('2025-02-08')).toBe(6)
    expect(weekdayOf('2025-01-28')).toBe(2)
    expect(isWeekend('2025-02-08')).toBe(true)
    expect(isWeekend('2025-01-28')).toBe(false)
  })
  it('gives today on the Shanghai calendar', () => {
    // 2025-01-27 17:00 UTC is 01:00 on the 28th in Shanghai.
    expect(shanghaiToday(Date.UTC(2025, 0, 27, 17))).toBe('2025-01-28')
    expect(shanghaiToday(Date.UTC(2025, 0, 27, 15))).toBe('2025-01-27')
  })
})

describe('what a listed day does', () => {
  it('tells holidays and make-up workdays from days that change nothing', () => {
    expect(dayEffect({ date: '2025-01-28', is_workday: false })).toBe('holiday')
    expect(dayEffect({ date: '2025-01-26', is_workday: true })).toBe('makeup')
    expect(dayEffect({ date: '2025-02-01', is_workday: false })).toBe('same')
    expect(dayEffect({ date: '2025-01-27', is_workday: true })).toBe('same')
  })
  it('groups the days by month in date order and counts them', () => {
    const days = [
      { date: '2025-02-08', is_workday: true, name: '春节' },
      { date: '2025-01-28', is_workday: false, name: '春节' },
      { date: '2025-01-26', is_workday: true, name: '春节' },
      { date: '2025-05-01', is_workday: false, name: '劳动节' },
    ]
    expect(groupByMonth(days).map((m) => [m.month, m.days.map((d) => d.date)])).toEqual([
      [1, ['2025-01-26', '2025-01-28']],
      [2, ['2025-02-08']],
      [5, ['2025-05-01']],
    ])
    expect(dayCounts(days)).toEqual({ off: 2, work: 2 })
  })
})

describe('the year', () => {
  it('reads it from the address within 2000..2100', () => {
    expect(parseYear('2025', 2026)).toBe(2025)
    expect(parseYear(['2030'], 2026)).toBe(2030)
    expect(parseYear('1999', 2026)).toBe(2026)
    expect(parseYear('20x5', 2026)).toBe(2026)
    expect(parseYear(undefined, 2026)).toBe(2026)
  })
  it('offers the years around this one and the one shown', () => {
    expect(yearChoices(2026, 2026, 1)).toEqual([2025, 2026, 2027])
    expect(yearChoices(2026, 2010, 1)).toEqual([2010, 2025, 2026, 2027])
    expect(yearChoices(2100, 2100, 1)).toEqual([2099, 2100])
  })
})

describe('dayFormIssues', () => {
  it('needs a date; a name of at most 20 characters', () => {
    expect(dayFormIssues({ date: null, name: '' })).toEqual({ date: 'required' })
    expect(dayFormIssues({ date: '2025-02-30', name: '' })).toEqual({ date: 'invalid_date' })
    expect(dayFormIssues({ date: '2025-10-11', name: '国庆节调休'.repeat(5) })).toEqual({ name: 'too_long' })
    expect(dayFormIssues({ date: '2025-10-11', name: '国庆节' })).toEqual({})
  })
})

import { describe, expect, it } from 'vitest'
import type { DailyNote, DueItem } from '../api/planner'
import { birthdayParts, defaultRemindAt, fromShanghaiInput, groupByDay, isOverdue, toShanghaiInput } from './planner'

describe('Shanghai wall clock', () => {
  it('shows epoch ms as Shanghai time and reads it back', () => {
    const ms = Date.UTC(2026, 10, 23, 16, 30) // 00:30 on the 24th in Shanghai
    expect(toShanghaiInput(ms)).toBe('2026-11-24 00:30')
    expect(fromShanghaiInput('2026-11-24 00:30')).toBe(ms)
    expect(fromShanghaiInput('2026-11-24T00:30:00')).toBe(ms)
    expect(fromShanghaiInput('')).toBeNull()
    expect(fromShanghaiInput(null)).toBeNull()
  })
  it('defaults to 09:00 tomorrow in Shanghai, also late in the Shanghai evening', () => {
    const lateEvening = Date.UTC(2026, 10, 23, 15, 59) // 23:59 on the 23rd in Shanghai
    expect(toShanghaiInput(defaultRemindAt(lateEvening))).toBe('2026-11-24 09:00')
    const afterMidnight = Date.UTC(2026, 10, 23, 16, 1) // 00:01 on the 24th in Shanghai
    expect(toShanghaiInput(defaultRemindAt(afterMidnight))).toBe('2026-11-25 09:00')
  })
})

describe('due items', () => {
  const customer = { id: 7, code: 'KH2026000007', name: '华南精密' }
  it('names the customer, or the contact with its customer', () => {
    expect(birthdayParts({ type: 'birthday', date: '2026-11-25', days_until: 2, customer, contact: null }))
      .toEqual({ name: '华南精密', of: null, month: 11, day: 25, daysUntil: 2 })
    expect(birthdayParts({ type: 'birthday', date: '2026-01-05', days_until: 0, customer, contact: { id: 3, name: '陈丽' } }))
      .toEqual({ name: '陈丽', of: '华南精密', month: 1, day: 5, daysUntil: 0 })
  })
  it('marks reminders overdue, never birthdays', () => {
    const reminder = {
      type: 'reminder', id: 1, title: 'x', note: null, remind_at: 1000, repeat: 'none', done: false, done_at: null,
      overdue: false, customer_id: null, customer: null, version: 1,
    } as DueItem
    expect(isOverdue(reminder, 2000)).toBe(true)
    expect(isOverdue(reminder, 500)).toBe(false)
    expect(isOverdue({ ...reminder, overdue: true } as DueItem, 500)).toBe(true)
    expect(isOverdue({ type: 'birthday', date: '2026-11-25', days_until: 0, customer, contact: null }, 2000)).toBe(false)
  })
})

describe('groupByDay', () => {
  const note = (id: number, note_date: string): DailyNote => ({ id, note_date, content: `n${id}`, version: 1 })
  it('groups by day, newest day first, keeping the order within a day', () => {
    const days = groupByDay([note(3, '2026-11-20'), note(1, '2026-11-23'), note(2, '2026-11-23'), note(4, '2026-11-21')])
    expect(days.map((d) => [d.date, d.notes.map((n) => n.id)])).toEqual([
      ['2026-11-23', [1, 2]], ['2026-11-21', [4]], ['2026-11-20', [3]],
    ])
    expect(groupByDay([])).toEqual([])
  })
})

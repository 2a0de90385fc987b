// Pure helpers of 我的提醒 and 日常记事: the date-time picker's Shanghai wall clock and the
// epoch ms the server keeps, the text of a due item in the bell, and daily notes grouped
// by their day (planner.test.ts).
import type { DailyNote, DueItem } from '../api/planner'

const SHANGHAI_OFFSET = 8 * 3600_000

/** "2026-11-23 09:30" (Asia/Shanghai, as the picker shows it) from epoch ms. */
export function toShanghaiInput(ms: number): string {
  return new Date(ms + SHANGHAI_OFFSET).toISOString().slice(0, 16).replace('T', ' ')
}

/** Epoch ms of a "YYYY-MM-DD HH:mm" Shanghai wall-clock time; null when it is none. */
export function fromShanghaiInput(text: string | null | undefined): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})/.exec(text ?? '')
  if (!m) return null
  return Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]) - SHANGHAI_OFFSET
}

/** A new reminder's default time: 09:00 Shanghai on the next day. */
export function defaultRemindAt(now: number = Date.now()): number {
  const tomorrow = toShanghaiInput(now + 86_400_000).slice(0, 10)
  return fromShanghaiInput(`${tomorrow} 09:00`)!
}

/** What the bell says about a birthday: whose, its month and day, and in how many days. */
export function birthdayParts(item: Extract<DueItem, { type: 'birthday' }>) {
  const [, month, day] = item.date.split('-').map(Number)
  const name = item.contact ? item.contact.name : item.customer.name
  return { name, of: item.contact ? item.customer.name : null, month, day, daysUntil: item.days_until }
}

/** Whether a due reminder is overdue (the server says so; a past time counts too). */
export const isOverdue = (item: DueItem, now: number = Date.now()): boolean =>
  item.type === 'reminder' && (item.overdue || item.remind_at < now)

export interface NoteDay {
  date: string
  notes: DailyNote[]
}

/** Daily notes by their day, newest day first, in the order the server sent them within a day. */
export function groupByDay(notes: readonly DailyNote[]): NoteDay[] {
  const days = new Map<string, DailyNote[]>()
  for (const n of notes) {
    const list = days.get(n.note_date)
    if (list) list.push(n)
    else days.set(n.note_date, [n])
  }
  return [...days.entries()].sort((a, b) => (a[0] < b[0] ? 1 : a[0] > b[0] ? -1 : 0)).map(([date, list]) => ({ date, notes: list }))
}

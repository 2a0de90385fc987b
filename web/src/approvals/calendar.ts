// 工作日历 (ADR 0016): Monday–Friday are workdays unless a listed day says otherwise. How the
// page shows the listed days of a year and checks a day before saving it. Pure functions
// (calendar.test.ts).
import type { CalendarDay } from '../api/approvals'

export const YEAR_MIN = 2000
export const YEAR_MAX = 2100
export const DAY_NAME_MAX = 20
export const DUE_DAYS_MAX = 365

/** True for a real calendar date written YYYY-MM-DD. */
export function isIsoDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text)
  if (!m) return false
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const date = new Date(Date.UTC(y, mo - 1, d))
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d
}

/** 0 = Sunday … 6 = Saturday, of a YYYY-MM-DD date (no time zone involved). */
export function weekdayOf(date: string): number {
  const [y, m, d] = date.split('-').map(Number)
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay()
}

export const isWeekend = (date: string): boolean => {
  const w = weekdayOf(date)
  return w === 0 || w === 6
}

/**
 * What a listed day does: `holiday` — a weekday off (法定节假日), `makeup` — a weekend day
 * worked (调休上班), `same` — it says what the day is anyway (a weekend off, a weekday worked).
 */
export type DayEffect = 'holiday' | 'makeup' | 'same'

export function dayEffect(day: Pick<CalendarDay, 'date' | 'is_workday'>): DayEffect {
  const weekend = isWeekend(day.date)
  if (day.is_workday) return weekend ? 'makeup' : 'same'
  return weekend ? 'same' : 'holiday'
}

export interface MonthGroup {
  /** 1 … 12. */
  month: number
  days: CalendarDay[]
}

/** The listed days by month, each month's days by date; months without a day are left out. */
export function groupByMonth(days: readonly CalendarDay[]): MonthGroup[] {
  const sorted = [...days].sort((a, b) => a.date.localeCompare(b.date))
  const out: MonthGroup[] = []
  for (const day of sorted) {
    const month = Number(day.date.slice(5, 7))
    const last = out.at(-1)
    if (last && last.month === month) last.days.push(day)
    else out.push({ month, days: [day] })
  }
  return out
}

/** How many days off and how many worked days a list holds. */
export function dayCounts(days: readonly CalendarDay[]): { off: number; work: number } {
  let off = 0
  for (const d of days) if (!d.is_workday) off += 1
  return { off, work: days.length - off }
}

/** Today on the Shanghai calendar as YYYY-MM-DD. */
export function shanghaiToday(now: number = Date.now()): string {
  return new Date(now + 8 * 3600e3).toISOString().slice(0, 10)
}

/** The year named in the address (2000 … 2100), else `fallback`. */
export function parseYear(value: unknown, fallback: number): number {
  const v = Array.isArray(value) ? value[0] : value
  if (typeof v !== 'string' || !/^\d{4}$/.test(v)) return fallback
  const n = Number(v)
  return n >= YEAR_MIN && n <= YEAR_MAX ? n : fallback
}

/** The years the selector offers: a few around this year and the one shown, in order. */
export function yearChoices(current: number, shown: number, span = 3): number[] {
  const years = new Set<number>()
  for (let y = current - span; y <= current + span; y += 1) if (y >= YEAR_MIN && y <= YEAR_MAX) years.add(y)
  if (shown >= YEAR_MIN && shown <= YEAR_MAX) years.add(shown)
  return [...years].sort((a, b) => a - b)
}

export type DayIssue = 'required' | 'invalid_date' | 'too_long'

/** What stops a day from being saved. */
export function dayFormIssues(form: { date: string | null; name: string }): Partial<Record<'date' | 'name', DayIssue>> {
  const out: Partial<Record<'date' | 'name', DayIssue>> = {}
  if (!form.date) out.date = 'required'
  else if (!isIsoDate(form.date)) out.date = 'invalid_date'
  if ([...form.name.trim()].length > DAY_NAME_MAX) out.name = 'too_long'
  return out
}

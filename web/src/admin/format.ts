// Times are shown in China Standard Time whatever the browser's zone, since the audit
// trail is read against office hours in China; the format is the same in both languages.
const parts = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
})

/** "2026-11-23 19:39:48" (Asia/Shanghai) from epoch milliseconds. */
export function formatShanghaiTime(ms: number): string {
  const p: Record<string, string> = {}
  for (const part of parts.formatToParts(new Date(ms))) p[part.type] = part.value
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`
}

const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000 // China has had no daylight saving time since 1991

/**
 * Epoch ms of 00:00 in Shanghai on the calendar day a date picker chose (its local
 * year/month/day), so the audit filter matches the Shanghai times in the table even when
 * the browser runs in another zone.
 */
export function shanghaiDayStart(day: Date): number {
  return Date.UTC(day.getFullYear(), day.getMonth(), day.getDate()) - SHANGHAI_OFFSET_MS
}

/** [since, until) in epoch ms for the days `from` … `to` inclusive; an open end is null. */
export function shanghaiDayRange(from: Date | null, to: Date | null): { since: number | null; until: number | null } {
  return {
    since: from ? shanghaiDayStart(from) : null,
    until: to ? shanghaiDayStart(to) + 24 * 3600 * 1000 : null,
  }
}

/**
 * "14:35" (Asia/Shanghai) for a time on the same Shanghai day as `now`, else
 * "2026-11-24 09:10": how long a reveal shows a customer in full (SEC-3).
 */
export function formatShanghaiUntil(ms: number, now: number = Date.now()): string {
  const at = formatShanghaiTime(ms)
  return at.slice(0, 10) === formatShanghaiTime(now).slice(0, 10) ? at.slice(11, 16) : at.slice(0, 16)
}

// 变更统计: what a group of the history statistics is called (a customer field, a history
// action, a user, a day) and how long its bar is. Pure (historyStats.test.ts).
import type { HistoryGroupBy, HistoryStats } from '../api/planner'
import { historyFieldLabel, type Labeler } from '../customers/display'

type Item = HistoryStats['items'][number]

/** The label of one group; `key` may be a number (a user id) or null (no user). */
export function statLabel(
  groupBy: HistoryGroupBy,
  item: Item,
  l: Pick<Labeler, 't' | 'te'>,
  customLabel: (key: string) => string = (k) => k,
): string {
  const key = item.key === null || item.key === undefined ? null : String(item.key)
  const action = key !== null && l.te(`customers.history.action.${key}`) ? l.t(`customers.history.action.${key}`) : null
  switch (groupBy) {
    case 'user':
      return item.user_name || (key === null ? l.t('customers.history.system') : `#${key}`)
    case 'action':
      return action ?? key ?? ''
    case 'field':
      // Records under a customer and creations count under their action.
      return action ?? (key === null ? '' : historyFieldLabel(key, l, customLabel))
    default:
      return key ?? ''
  }
}

/** Bar lengths in percent of the largest count (at least a sliver for any change). */
export function barWidths(items: readonly Item[]): number[] {
  const max = Math.max(0, ...items.map((i) => i.count))
  return items.map((i) => (i.count > 0 ? Math.max(2, Math.round((i.count / max) * 100)) : 0))
}

/** The period of the last `days` days up to `now` (epoch ms). */
export const lastDays = (days: number, now: number = Date.now()) => ({ since: now - days * 86_400_000, until: now })

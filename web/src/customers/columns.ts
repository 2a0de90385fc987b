// The column layout of the customer list ("saved column layout"), kept per user on the
// server (preference `customer_list.columns`, so it follows the user to other browsers and
// phones) with a copy in localStorage, used while the server's is on its way or unreachable.
// The name column is always shown; the others are chosen and ordered by the user.
export const LIST_COLUMNS = [
  'code', 'kind', 'status', 'grade', 'owner', 'region', 'industry', 'customer_type', 'source',
  'phone', 'value_tier', 'verification', 'list_status', 'tags', 'updated_at',
] as const
export type ListColumn = (typeof LIST_COLUMNS)[number]
/** A custom field (CUS-6) as a column: `custom.<key>`. */
export type CustomColumn = `custom.${string}`
export type AnyColumn = ListColumn | CustomColumn

const CUSTOM_COLUMN = /^custom\.[a-z][a-z0-9_]{0,39}$/
export const isCustomColumn = (c: string): c is CustomColumn => CUSTOM_COLUMN.test(c)

export const DEFAULT_COLUMNS: readonly ListColumn[] = ['code', 'kind', 'status', 'grade', 'owner', 'region', 'verification', 'updated_at']

export const columnsKey = (userId: number | string) => `guanxi.customers.columns.${userId}`

/** The user's preference on the server (GET/PUT /api/v1/preferences/{key}). */
export const COLUMNS_PREFERENCE = 'customer_list.columns'

type Reader = Pick<Storage, 'getItem'>
type Writer = Pick<Storage, 'setItem'>

/**
 * Known columns only, each once; anything unreadable gives the defaults. Custom field columns
 * are kept by name (a field retired or not yet loaded is simply not shown).
 */
export function sanitizeColumns(value: unknown): AnyColumn[] {
  if (!Array.isArray(value)) return [...DEFAULT_COLUMNS]
  const known = new Set<string>(LIST_COLUMNS)
  return [...new Set(value.filter((c): c is AnyColumn => typeof c === 'string' && (known.has(c) || isCustomColumn(c))))]
}

export function loadColumns(storage: Reader | null, userId: number | string): AnyColumn[] {
  try {
    const text = storage?.getItem(columnsKey(userId))
    return text ? sanitizeColumns(JSON.parse(text)) : [...DEFAULT_COLUMNS]
  } catch {
    return [...DEFAULT_COLUMNS]
  }
}

export function saveColumns(storage: Writer | null, userId: number | string, columns: readonly AnyColumn[]): void {
  try {
    storage?.setItem(columnsKey(userId), JSON.stringify(sanitizeColumns(columns)))
  } catch {
    // Storage full or unavailable: the layout lasts for this page only.
  }
}

/**
 * The chosen columns in the catalogue's order (a checkbox list keeps no order of its own):
 * the built-in ones, then the custom fields in the order given (their display order).
 */
export function inCatalogueOrder(columns: readonly AnyColumn[], customKeys: readonly string[] = []): AnyColumn[] {
  const custom = customKeys.map((k) => `custom.${k}` as CustomColumn).filter((c) => columns.includes(c))
  const unknown = columns.filter((c) => isCustomColumn(c) && !custom.includes(c))
  return [...LIST_COLUMNS.filter((c) => columns.includes(c)), ...custom, ...unknown]
}

/**
 * The layout the server keeps, checked like the local copy (unknown columns dropped); null
 * when it has none (never saved) or keeps something that is not a list of columns, so the
 * local copy (or the defaults) applies.
 */
export function columnsFromPreference(value: unknown): AnyColumn[] | null {
  return Array.isArray(value) ? sanitizeColumns(value) : null
}

export const sameColumns = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((c, i) => c === b[i])

export interface Timers {
  set: (run: () => void, ms: number) => unknown
  clear: (handle: unknown) => void
}
const browserTimers: Timers = {
  set: (run, ms) => setTimeout(run, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
}

/**
 * Saves the latest value `delay` ms after the last change (one request for a burst of
 * clicks). A failed save is dropped quietly: the next change saves the whole layout again.
 * `flush` sends a waiting value at once (the page is being left).
 */
export function debouncedSaver<T>(save: (value: T) => Promise<unknown>, delay = 500, timers: Timers = browserTimers) {
  let handle: unknown = null
  let waiting: { value: T } | null = null
  function flush(): void {
    if (handle !== null) timers.clear(handle)
    handle = null
    if (!waiting) return
    const { value } = waiting
    waiting = null
    save(value).catch(() => {})
  }
  return {
    schedule(value: T): void {
      waiting = { value }
      if (handle !== null) timers.clear(handle)
      handle = timers.set(flush, delay)
    },
    flush,
    get pending(): boolean {
      return waiting !== null
    },
  }
}

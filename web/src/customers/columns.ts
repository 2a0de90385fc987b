// The column layout of the customer list, saved per user in localStorage ("saved column
// layout"). The name column is always shown; the others are chosen and ordered by the user.
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

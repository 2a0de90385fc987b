// The column layout of the customer list, saved per user in localStorage ("saved column
// layout"). The name column is always shown; the others are chosen and ordered by the user.
export const LIST_COLUMNS = [
  'code', 'kind', 'status', 'grade', 'owner', 'region', 'industry', 'customer_type', 'source',
  'phone', 'value_tier', 'verification', 'list_status', 'tags', 'updated_at',
] as const
export type ListColumn = (typeof LIST_COLUMNS)[number]

export const DEFAULT_COLUMNS: readonly ListColumn[] = ['code', 'kind', 'status', 'grade', 'owner', 'region', 'verification', 'updated_at']

export const columnsKey = (userId: number | string) => `guanxi.customers.columns.${userId}`

type Reader = Pick<Storage, 'getItem'>
type Writer = Pick<Storage, 'setItem'>

/** Known columns only, each once; anything unreadable gives the defaults. */
export function sanitizeColumns(value: unknown): ListColumn[] {
  if (!Array.isArray(value)) return [...DEFAULT_COLUMNS]
  const known = new Set<string>(LIST_COLUMNS)
  return [...new Set(value.filter((c): c is ListColumn => typeof c === 'string' && known.has(c)))]
}

export function loadColumns(storage: Reader | null, userId: number | string): ListColumn[] {
  try {
    const text = storage?.getItem(columnsKey(userId))
    return text ? sanitizeColumns(JSON.parse(text)) : [...DEFAULT_COLUMNS]
  } catch {
    return [...DEFAULT_COLUMNS]
  }
}

export function saveColumns(storage: Writer | null, userId: number | string, columns: readonly ListColumn[]): void {
  try {
    storage?.setItem(columnsKey(userId), JSON.stringify(sanitizeColumns(columns)))
  } catch {
    // Storage full or unavailable: the layout lasts for this page only.
  }
}

/** The chosen columns in the catalogue's order (a checkbox list keeps no order of its own). */
export function inCatalogueOrder(columns: readonly ListColumn[]): ListColumn[] {
  return LIST_COLUMNS.filter((c) => columns.includes(c))
}

// 导出客户 (issue 5 point 6): the request the export dialog sends — the list's search,
// filters and sort, the format, the columns and perhaps a reveal reason —, the file name the
// server's answer carries, and how a stored export query reads in an approval request.
// Pure functions (export.test.ts).
import type { AnyColumn, ListColumn } from './columns'
import { isCustomColumn } from './columns'
import { customFiltersToQuery, customKeyOf } from './customFields'
import { isHidden, type FieldRules } from './fieldAccess'
import type { ListState } from './listQuery'
import { withQuery } from '../api/query'

export type ExportFormat = 'xlsx' | 'csv'
export const EXPORT_FORMATS: readonly ExportFormat[] = ['xlsx', 'csv']

export const EXPORT_PATH = '/api/v1/customers/export'

/** The reveal reason: 1..500 characters (code points, as the server counts), blanks trimmed. */
export const REVEAL_REASON_MAX = 500

/**
 * The export's column keys behind each list column. The list's phone column shows the mobile
 * or else the phone, so it exports both; owner and region export the names, as the list shows.
 */
const EXPORT_KEYS: Readonly<Record<ListColumn, readonly string[]>> = {
  code: ['code'],
  kind: ['kind'],
  status: ['status'],
  grade: ['grade'],
  owner: ['owner_name'],
  region: ['region_name'],
  industry: ['industry'],
  customer_type: ['customer_type'],
  source: ['source'],
  phone: ['mobile', 'phone'],
  value_tier: ['value_tier'],
  verification: ['verification_status'],
  list_status: ['list_status'],
  tags: ['tags'],
  updated_at: ['updated_at'],
}

/**
 * The export's columns for the list's layout, in its order: the name first (the list always
 * shows it), then each shown column's keys. Keys of fields hidden from the user are left out:
 * the server answers a hidden column with 403 field_forbidden.
 */
export function exportColumns(shown: readonly AnyColumn[], rules: FieldRules | null | undefined): string[] {
  const out: string[] = []
  const add = (key: string) => {
    if (!out.includes(key) && !isHidden(rules, key)) out.push(key)
  }
  add('name')
  for (const column of shown) {
    if (isCustomColumn(column)) add(column)
    else for (const key of EXPORT_KEYS[column as ListColumn] ?? []) add(key)
  }
  return out
}

export interface ExportChoice {
  format: ExportFormat
  /** null: every column the user may see (no `columns` parameter). */
  columns: readonly string[] | null
  /** Export unmasked with this reason (customer.sensitive.read); null or empty: masked. */
  revealReason?: string | null
}

/**
 * The query of GET /api/v1/customers/export: the list's search, filters and sort as the list
 * sends them (no limit, no cursor: the export has every row), then format, columns and reason.
 */
export function exportParams(state: ListState, choice: ExportChoice): Record<string, string> {
  const { custom, ...rest } = state
  const params: Record<string, string> = {}
  for (const [key, value] of Object.entries({ ...rest, ...customFiltersToQuery(custom) })) {
    if (value === null || value === undefined) continue
    const text = String(value).trim()
    if (text !== '') params[key] = text
  }
  params.format = choice.format
  if (choice.columns && choice.columns.length) params.columns = choice.columns.join(',')
  const reason = choice.revealReason?.trim()
  if (reason) params.reveal_reason = reason
  return params
}

export const exportPath = (params: Record<string, string>): string => withQuery(EXPORT_PATH, params)

/** The download of an approved large export. */
export const approvedExportPath = (approvalId: number): string => withQuery(EXPORT_PATH, { approval_id: approvalId })

export type ReasonIssue = 'required' | 'too_long'

/** What stops the reveal reason from being sent. */
export function revealReasonIssue(reason: string): ReasonIssue | undefined {
  const trimmed = reason.trim()
  if (trimmed === '') return 'required'
  if ([...trimmed].length > REVEAL_REASON_MAX) return 'too_long'
  return undefined
}

/**
 * The file name of a Content-Disposition header: `filename*` (RFC 5987, UTF-8) first, else
 * `filename` (quoted or not). Any folder part is dropped. Null when it names none.
 */
export function filenameFromDisposition(header: string | null | undefined): string | null {
  if (!header) return null
  let name: string | null = null
  const extended = /filename\*\s*=\s*([^;]+)/i.exec(header)
  if (extended) {
    const value = extended[1].trim().replace(/^"(.*)"$/, '$1')
    const m = /^([\w!#$%&+^`{}~-]*)'[^']*'(.*)$/.exec(value)
    try {
      name = decodeURIComponent(m ? m[2] : value)
    } catch {
      name = null
    }
  }
  if (!name) {
    const quoted = /(?:^|;)\s*filename\s*=\s*"((?:[^"\\]|\\.)*)"/i.exec(header)
    if (quoted) name = quoted[1].replace(/\\(.)/g, '$1')
    else {
      const plain = /(?:^|;)\s*filename\s*=\s*([^;\s]+)/i.exec(header)
      if (plain) name = plain[1]
    }
  }
  if (!name) return null
  name = name.split(/[/\\]/).pop()?.trim() ?? ''
  return name === '' || name === '.' || name === '..' ? null : name
}

/** A name for a file whose answer named none: by its content type. */
export function fallbackFilename(contentType: string | null | undefined): string {
  const type = (contentType ?? '').toLowerCase()
  if (type.includes('spreadsheetml')) return 'customers.xlsx'
  if (type.includes('csv')) return 'customers.csv'
  return 'customers'
}

// ---- a stored export query, as an approval request shows it ----

/** Parameters the stored query may hold that are no filters (shown on their own, or not at all). */
const NOT_FILTERS = new Set(['format', 'columns', 'reveal_reason', 'limit', 'cursor', 'approval_id'])

/** Filters whose values are codes with labels of their own (the locale key of the labels). */
const VALUE_LABELS: Readonly<Record<string, string>> = {
  kind: 'customers.kind',
  status: 'customers.status',
  verification_status: 'customers.verification',
  list_status: 'customers.listStatus',
  value_tier: 'customers.valueTier',
  settlement: 'customers.settlement',
  customer_class: 'customers.customerClass',
  sort: 'customers.sort',
}

export interface StoredExportQuery {
  /** The query's filters (search and sort included) in their order, as `[name, value]`. */
  filters: [string, string][]
  /** The columns asked for; null: every visible column. */
  columns: string[] | null
}

/** Reads the query an export approval stored (`payload.query`, a URL query string). */
export function parseExportQuery(query: unknown): StoredExportQuery {
  const params = new URLSearchParams(typeof query === 'string' ? query.replace(/^\?/, '') : '')
  const filters: [string, string][] = []
  let columns: string[] | null = null
  for (const [key, value] of params) {
    if (key === 'columns') {
      const keys = value.split(',').map((k) => k.trim()).filter(Boolean)
      columns = keys.length ? keys : null
    } else if (!NOT_FILTERS.has(key) && value.trim() !== '') {
      filters.push([key, value])
    }
  }
  return { filters, columns }
}

/** What describing a query needs from i18n and the custom fields. */
export interface QueryLabels {
  t: (key: string, params?: Record<string, unknown>) => string
  te: (key: string) => boolean
  /** A custom field's label by its key. */
  customLabel: (key: string) => string
  /** A custom field's value as text (option labels). */
  customValue: (key: string, value: string) => string
  /** A user's name by id, when known (the owner filter). */
  userName?: (id: number) => string | null
}

/** The label of an export column key (a custom field: its label). */
export function exportColumnLabel(key: string, labels: Pick<QueryLabels, 't' | 'te' | 'customLabel'>): string {
  const custom = customKeyOf(key)
  if (custom) return labels.customLabel(custom)
  const k = `customers.field.${key}`
  return labels.te(k) ? labels.t(k) : key
}

/** The stored filters as label / text pairs: 搜索 “华为”, 客户状态 现实客户, 排序 按名称（拼音）… */
export function describeExportFilters(filters: readonly [string, string][], labels: QueryLabels): { key: string; label: string; value: string }[] {
  return filters.map(([key, value]) => {
    const custom = customKeyOf(key)
    if (custom) return { key, label: labels.customLabel(custom), value: labels.customValue(custom, value) }
    let label: string
    if (key === 'q') label = labels.t('customers.export.search')
    else if (key === 'sort') label = labels.t('customers.list.sort')
    else if (key === 'owner_id') label = labels.t('customers.field.owner_id')
    else label = exportColumnLabel(key, labels)
    if (key === 'owner_id') {
      const name = /^\d+$/.test(value) ? labels.userName?.(Number(value)) : null
      return { key, label, value: name ?? labels.t('customers.export.userNo', { id: value }) }
    }
    const valueKey = VALUE_LABELS[key] ? `${VALUE_LABELS[key]}.${value}` : ''
    return { key, label, value: valueKey && labels.te(valueKey) ? labels.t(valueKey) : value }
  })
}

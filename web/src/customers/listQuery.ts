// The customer list's search, filters and sort live in the address (?q=…&status=…), so the
// back button and a shared link show the same list. Pure functions (listQuery.test.ts).
import type {
  CustomerClass, CustomerFilter, CustomerKind, CustomerSort, CustomerStatus, Grade, ListStatus, Settlement, ValueTier, VerificationStatus,
} from '../api/customers'
import { customFiltersFromQuery, customFiltersToQuery } from './customFields'
import { isHidden, sortAllowed, type FieldRules } from './fieldAccess'

export interface ListState {
  q: string
  kind: CustomerKind | ''
  status: CustomerStatus | ''
  grade: Grade | ''
  owner_id: number | null
  region_code: string | null
  industry: string | null
  customer_type: string | null
  source: string | null
  nature: string | null
  list_status: ListStatus | ''
  verification_status: VerificationStatus | ''
  value_tier: ValueTier | ''
  settlement: Settlement | ''
  customer_class: CustomerClass | ''
  sort: CustomerSort
  /** Custom field filters (CUS-6) by field key; `custom.<key>=value` in the address and the API. */
  custom: Record<string, string>
}

export const DEFAULT_SORT: CustomerSort = 'updated_desc'

// Repeated here (not imported from api/customers) so this module has no runtime imports.
const ENUMS = {
  kind: ['individual', 'organization'],
  status: ['potential', 'target', 'active', 'lost', 'deregistered'],
  grade: ['A', 'B', 'C', 'D'],
  list_status: ['none', 'black', 'white'],
  verification_status: ['pending', 'in_progress', 'passed', 'failed'],
  value_tier: ['vip', 'major', 'normal', 'small'],
  settlement: ['cash', 'prepaid', 'credit'],
  customer_class: ['government', 'social', 'foreign', 'internal'],
  sort: ['updated_desc', 'name', 'created_desc', 'grade'],
} as const

export function emptyState(): ListState {
  return {
    q: '', kind: '', status: '', grade: '', owner_id: null, region_code: null, industry: null, customer_type: null,
    source: null, nature: null, list_status: '', verification_status: '', value_tier: '', settlement: '', customer_class: '',
    sort: DEFAULT_SORT, custom: {},
  }
}

type QueryValue = string | null | undefined | (string | null)[]

function first(value: QueryValue): string {
  const v = Array.isArray(value) ? value[0] : value
  return typeof v === 'string' ? v : ''
}

function oneOf<T extends string>(value: string, allowed: readonly T[]): T | '' {
  return (allowed as readonly string[]).includes(value) ? (value as T) : ''
}

export function stateFromQuery(query: Record<string, QueryValue>): ListState {
  const s = emptyState()
  s.q = first(query.q)
  s.kind = oneOf(first(query.kind), ENUMS.kind)
  s.status = oneOf(first(query.status), ENUMS.status)
  s.grade = oneOf(first(query.grade), ENUMS.grade)
  s.list_status = oneOf(first(query.list_status), ENUMS.list_status)
  s.verification_status = oneOf(first(query.verification_status), ENUMS.verification_status)
  s.value_tier = oneOf(first(query.value_tier), ENUMS.value_tier)
  s.settlement = oneOf(first(query.settlement), ENUMS.settlement)
  s.customer_class = oneOf(first(query.customer_class), ENUMS.customer_class)
  s.sort = oneOf(first(query.sort), ENUMS.sort) || DEFAULT_SORT
  const owner = first(query.owner_id)
  s.owner_id = /^[1-9]\d{0,15}$/.test(owner) ? Number(owner) : null
  const region = first(query.region_code)
  s.region_code = /^\d{6}$/.test(region) ? region : null
  for (const key of ['industry', 'customer_type', 'source', 'nature'] as const) s[key] = first(query[key]) || null
  s.custom = customFiltersFromQuery(query)
  return s
}

/** Only what differs from the defaults. */
export function queryFromState(state: ListState): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [key, value] of Object.entries(state)) {
    if (key === 'custom') {
      Object.assign(out, customFiltersToQuery(value as ListState['custom']))
      continue
    }
    if (value === null || value === '' || (key === 'sort' && value === DEFAULT_SORT)) continue
    out[key] = String(value).trim()
    if (out[key] === '') delete out[key]
  }
  return out
}

/**
 * The state without filters on fields the user's rules hide (ADR 0015) and without a sort by
 * one: the server answers those with 403 field_forbidden (an old link or bookmark may hold them).
 * Filter names are the fields' keys; custom filters are `custom.<key>`.
 */
export function withoutHidden(state: ListState, rules: FieldRules): ListState {
  const empty = emptyState() as unknown as Record<string, unknown>
  const next = { ...state, custom: { ...state.custom } } as unknown as Record<string, unknown> & ListState
  for (const key of Object.keys(state)) {
    if (key !== 'q' && key !== 'sort' && key !== 'custom' && isHidden(rules, key)) next[key] = empty[key]
  }
  for (const key of Object.keys(next.custom)) if (isHidden(rules, `custom.${key}`)) delete next.custom[key]
  if (!sortAllowed(rules, next.sort)) next.sort = DEFAULT_SORT
  return next
}

/** Filters in use, not counting the search box and the sort. */
export function activeFilterCount(state: ListState): number {
  const custom = Object.keys(customFiltersToQuery(state.custom)).length
  return Object.entries(state).filter(([key, value]) => !['q', 'sort', 'custom'].includes(key) && value !== null && value !== '').length + custom
}

export function filterOf(state: ListState, limit: number, cursor: string | null): CustomerFilter {
  const { custom, ...rest } = state
  return { ...rest, ...customFiltersToQuery(custom), q: state.q.trim(), limit, cursor }
}

// 我的提醒 (CUS-16) and 日常记事 (CUS-15): the caller's own reminders and daily notes, and
// the due list of the header bell (docs/openapi.yaml, tag planner).
import { http, ifMatch, type RequestOptions } from './http'
import { withQuery, type QueryValue } from './query'
import type { Page } from './admin'

export type Repeat = 'none' | 'daily' | 'weekly' | 'monthly' | 'yearly'
export const REPEATS: readonly Repeat[] = ['none', 'daily', 'weekly', 'monthly', 'yearly']

export interface CustomerLink {
  id: number
  code: string
  name: string
}

export interface Reminder {
  id: number
  title: string
  note: string | null
  /** Epoch ms. */
  remind_at: number
  repeat: Repeat
  done: boolean
  done_at: number | null
  overdue: boolean
  customer_id: number | null
  /** Null when there is none or the caller may no longer read it. */
  customer: CustomerLink | null
  version: number
}

export type DueItem =
  | (Reminder & { type: 'reminder' })
  | { type: 'birthday'; date: string; days_until: number; customer: CustomerLink; contact: { id: number; name: string } | null }

export interface DueList {
  items: DueItem[]
  count: number
  today: string
  days: number
}

export interface DailyNote {
  id: number
  /** YYYY-MM-DD (Asia/Shanghai). */
  note_date: string
  content: string
  version: number
}

export type DailyNoteFilter = {
  from?: string | null
  to?: string | null
  q?: string | null
  limit?: number
  cursor?: string | null
}

type Body = Record<string, unknown>

/** The routes of one kind of the caller's own records: list, create, update and remove with the version. */
function ownRecords<T, F extends Record<string, QueryValue>>(base: string) {
  return {
    list: (filter: F, options?: RequestOptions) => http.get<Page<T>>(withQuery(base, { ...filter }), options),
    create: (body: Body, options?: RequestOptions) => http.post<T>(base, body, options),
    update: (id: number, version: number, body: Body, options?: RequestOptions) => http.patch<T>(`${base}/${id}`, body, ifMatch(version, options)),
    remove: (id: number, version: number, options?: RequestOptions) => http.delete<void>(`${base}/${id}`, ifMatch(version, options)),
  }
}

export const remindersApi = {
  ...ownRecords<Reminder, { status?: 'open' | 'done'; limit?: number; cursor?: string | null }>('/api/v1/reminders'),
  due: (days = 7, options?: RequestOptions) => http.get<DueList>(withQuery('/api/v1/reminders/due', { days }), options),
}

export const dailyNotesApi = ownRecords<DailyNote, DailyNoteFilter>('/api/v1/daily-notes')

/** A person of the address book 通讯录: a contact, or an individual customer itself (`contact_id` null). */
export interface AddressEntry {
  customer: CustomerLink & { kind: 'individual' | 'organization'; list_status: 'none' | 'black' | 'white' }
  contact_id: number | null
  name: string
  title: string | null
  department: string | null
  mobile: string | null
  phone: string | null
  email: string | null
  decision_maker: boolean
  /** Phones and e-mail are masked until the customer is revealed (SEC-3). */
  masked: boolean
  /** The caller may reveal the customer (POST /customers/{id}/reveal). */
  revealable: boolean
}

export const addressBookApi = {
  list: (filter: { q?: string | null; limit?: number; cursor?: string | null }, options?: RequestOptions) =>
    http.get<Page<AddressEntry>>(withQuery('/api/v1/address-book', filter), options),
}

export type HistoryGroupBy = 'field' | 'user' | 'action' | 'day'
export const HISTORY_GROUPS: readonly HistoryGroupBy[] = ['field', 'user', 'action', 'day']

export interface HistoryStats {
  group_by: HistoryGroupBy
  since: number
  until: number
  total: number
  /** `key`: a field or action name, a user id (null: no user) or a YYYY-MM-DD day. */
  items: { key: string | number | null; count: number; user_name?: string | null }[]
}

export const historyStatsApi = {
  get: (query: { group_by: HistoryGroupBy; since?: number | null; until?: number | null }, options?: RequestOptions) =>
    http.get<HistoryStats>(withQuery('/api/v1/customer-history/stats', query), options),
}

// Customer archive 客户档案 (CUS-1…CUS-21): the customer routes of docs/openapi.yaml, with
// the rules of docs/customers.md. Money is int64 fen on the wire (shown as 元 by
// customers/money.ts); times are epoch ms. Edit, deregister, restore and list-status carry
// `If-Match: "<version>"` so a stale page gets 409 version_conflict (PATCH: with `current`
// in the problem) instead of overwriting; verification and replace take no version.
import { http, ifMatch, type RequestOptions } from './http'
import { withQuery } from './query'
import type { Page } from './admin'

export type { Page } from './admin'

export type CustomerKind = 'individual' | 'organization'
export const CUSTOMER_KINDS: readonly CustomerKind[] = ['individual', 'organization']

export type IdType = 'resident_id' | 'passport' | 'hk_macao_permit' | 'taiwan_permit' | 'foreign_permanent_id' | 'other'
export const ID_TYPES: readonly IdType[] = ['resident_id', 'passport', 'hk_macao_permit', 'taiwan_permit', 'foreign_permanent_id', 'other']

export type CustomerStatus = 'potential' | 'target' | 'active' | 'lost' | 'deregistered'
/** Lifecycle order (CUS-8); `deregistered` is reached only through deregister. */
export const CUSTOMER_STATUSES: readonly CustomerStatus[] = ['potential', 'target', 'active', 'lost', 'deregistered']
/** What a create or an edit may set (PATCH refuses `deregistered` with unknown_value). */
export const EDITABLE_STATUSES: readonly CustomerStatus[] = ['potential', 'target', 'active', 'lost']

export type Grade = 'A' | 'B' | 'C' | 'D'
export const GRADES: readonly Grade[] = ['A', 'B', 'C', 'D']

export type ValueTier = 'vip' | 'major' | 'normal' | 'small'
export const VALUE_TIERS: readonly ValueTier[] = ['vip', 'major', 'normal', 'small']

export type Settlement = 'cash' | 'prepaid' | 'credit'
export const SETTLEMENTS: readonly Settlement[] = ['cash', 'prepaid', 'credit']

export type CustomerClass = 'government' | 'social' | 'foreign' | 'internal'
export const CUSTOMER_CLASSES: readonly CustomerClass[] = ['government', 'social', 'foreign', 'internal']

export type ListStatus = 'none' | 'black' | 'white'
export const LIST_STATUSES: readonly ListStatus[] = ['none', 'black', 'white']

export type VerificationStatus = 'pending' | 'in_progress' | 'passed' | 'failed'
export const VERIFICATION_STATUSES: readonly VerificationStatus[] = ['pending', 'in_progress', 'passed', 'failed']

export type Gender = 'male' | 'female'
export const GENDERS: readonly Gender[] = ['male', 'female']

export type Score = 1 | 2 | 3 | 4 | 5

/** The customer as the server sends it (flat). */
export interface Customer {
  id: number
  code: string
  kind: CustomerKind
  name: string
  short_name: string | null
  id_type: IdType | null
  id_number: string | null
  uscc: string | null
  org_code: string | null
  /** Set when a checksum-failing identifier was saved on purpose. */
  identity_override_reason: string | null
  phone: string | null
  mobile: string | null
  fax: string | null
  email: string | null
  website: string | null
  /** GB/T 2260, 6 digits. */
  region_code: string | null
  /** "广东省 深圳市 南山区". */
  region_name: string | null
  address: string | null
  postal_code: string | null
  birthday: string | null
  /** CUS-16: remind the owner of the birthday (individuals only; false for organizations). */
  birthday_reminder: boolean
  gender: Gender | null
  legal_representative: string | null
  business_scope: string | null
  staff_size: string | null
  founded_on: string | null
  registered_capital_fen: number | null
  customer_type: string | null
  industry: string | null
  source: string | null
  nature: string | null
  status: CustomerStatus
  deregister_reason: string | null
  /** When it was deregistered (null unless deregistered). */
  deregistered_at: number | null
  grade: Grade | null
  suggested_grade: Grade | null
  suggested_grade_reason: string | null
  value_tier: ValueTier | null
  settlement: Settlement | null
  customer_class: CustomerClass | null
  strategic: boolean
  route: string | null
  star_rating: Score | null
  importance: Score | null
  friendliness: Score | null
  satisfaction: Score | null
  service_region: string | null
  sales_capacity: string | null
  potential: string | null
  management_style: string | null
  performance: string | null
  cooperation_attitude: string | null
  competitor_relation: string | null
  credit_standing: string | null
  trading_terms: string | null
  credit_problems: string | null
  list_status: ListStatus
  list_reason: string | null
  list_decided_by: number | null
  list_decided_at: number | null
  verification_status: VerificationStatus
  identity_locked: boolean
  abnormal: boolean
  replaced_by_id: number | null
  replaces_id: number | null
  owner_id: number
  owner_name: string
  collected_by: number | null
  entered_by: number
  reviewed_by: number | null
  tags: string[]
  custom: Record<string, unknown>
  /**
   * Sensitive fields (id_number, phone, mobile, email, address, birthday) are masked for this
   * caller: always, unless this caller revealed the customer within the reveal window (SEC-3).
   */
  masked: boolean
  /** This caller may reveal the customer (customer.sensitive.read over its owner); always false in lists. */
  revealable: boolean
  /** End of this caller's running reveal (epoch ms); null while masked. */
  revealed_until: number | null
  version: number
  created_at: number
  updated_at: number
}

/** Fields the server sets itself; never sent. */
type ServerManaged =
  | 'id' | 'code' | 'version' | 'created_at' | 'updated_at' | 'region_name' | 'identity_override_reason'
  | 'deregister_reason' | 'deregistered_at' | 'suggested_grade' | 'suggested_grade_reason' | 'list_status' | 'list_reason'
  | 'list_decided_by' | 'list_decided_at' | 'verification_status' | 'identity_locked' | 'abnormal'
  | 'replaced_by_id' | 'replaces_id' | 'owner_name' | 'entered_by' | 'masked' | 'revealable' | 'revealed_until'

/** Writable customer fields. */
export type CustomerFields = Omit<Customer, ServerManaged>
export type CustomerFieldName = keyof CustomerFields

export interface IdentityOverride {
  /** Why a checksum-failing ID / USCC / org code is saved anyway (needs customer.verify). */
  reason: string
}

export type CustomerCreate = Partial<CustomerFields> & Pick<CustomerFields, 'kind' | 'name'> & {
  identity_override?: IdentityOverride
}

/** Only the changed fields. */
export type CustomerPatch = Partial<CustomerFields> & { identity_override?: IdentityOverride }

export type CustomerSort = 'updated_desc' | 'name' | 'created_desc' | 'grade'
export const CUSTOMER_SORTS: readonly CustomerSort[] = ['updated_desc', 'name', 'created_desc', 'grade']

export interface CustomerFilter {
  /** The one search box: name, pinyin, initials, phone suffix, code, ID, USCC. */
  q?: string
  kind?: CustomerKind | ''
  status?: CustomerStatus | ''
  grade?: Grade | ''
  owner_id?: number | null
  region_code?: string | null
  industry?: string | null
  customer_type?: string | null
  source?: string | null
  nature?: string | null
  list_status?: ListStatus | ''
  verification_status?: VerificationStatus | ''
  value_tier?: ValueTier | ''
  settlement?: Settlement | ''
  customer_class?: CustomerClass | ''
  sort?: CustomerSort
  limit?: number
  cursor?: string | null
  /** CUS-6: `custom.<key>` = exact value (a multiple choice holds the code). */
  [custom: `custom.${string}`]: string
}

export type HistoryAction = 'created' | 'updated' | 'deregistered' | 'restored' | 'verification' | 'list_status' | 'replaced' | (string & {})

export interface HistoryEntry {
  id: number
  at: number
  user_id: number | null
  user_name: string
  action: HistoryAction
  /** null for whole-record events. */
  field: string | null
  old: unknown
  new: unknown
}

export interface BatchItemResult {
  id: number
  ok: boolean
  /** Error code when not ok: not_found, forbidden, customer_abnormal (or version_conflict on a race). */
  code?: string
}

export interface BatchResult {
  items: BatchItemResult[]
}

export type ListDecision = { list_status: ListStatus; reason: string }

export type ReplaceBody = Partial<Pick<CustomerFields, 'id_type' | 'id_number' | 'uscc' | 'org_code'>> & {
  reason: string
  identity_override?: IdentityOverride
}

export type DictionaryName = 'customer_type' | 'industry' | 'source' | 'nature' | 'position'

export interface DictionaryInfo {
  name: DictionaryName | (string & {})
  label: string
}

export interface DictionaryItem {
  code: string
  label: string
  /** English label, when the administrator gave one. */
  label_en?: string | null
  sort_order: number
  retired: boolean
  version: number
}

export interface Region {
  code: string
  name: string
  level: 1 | 2 | 3
  has_children: boolean
}

/** 409 duplicate_customer names the existing record, or only says it is out of the caller's sight. */
export type ExistingCustomer =
  | { visible: true; id: number; code: string; name: string; list_status: ListStatus }
  | { visible: false }

const BASE = '/api/v1/customers'

export const customersApi = {
  list: (filter: CustomerFilter, options?: RequestOptions) =>
    http.get<Page<Customer>>(withQuery(BASE, { ...filter }), options),
  get: (id: number, options?: RequestOptions) => http.get<Customer>(`${BASE}/${id}`, options),
  create: (body: CustomerCreate, options?: RequestOptions) => http.post<Customer>(BASE, body, options),
  update: (id: number, version: number, body: CustomerPatch, options?: RequestOptions) =>
    http.patch<Customer>(`${BASE}/${id}`, body, ifMatch(version, options)),
  history: (id: number, page: { cursor?: string | null; limit?: number } = {}, options?: RequestOptions) =>
    http.get<Page<HistoryEntry>>(withQuery(`${BASE}/${id}/history`, { ...page }), options),
  deregister: (id: number, version: number, reason: string, options?: RequestOptions) =>
    http.post<Customer>(`${BASE}/${id}/deregister`, { reason }, ifMatch(version, options)),
  restore: (id: number, version: number, options?: RequestOptions) =>
    http.post<Customer>(`${BASE}/${id}/restore`, {}, ifMatch(version, options)),
  setVerification: (id: number, status: VerificationStatus, options?: RequestOptions) =>
    http.post<Customer>(`${BASE}/${id}/verification`, { status }, options),
  batchVerification: (ids: number[], status: VerificationStatus, options?: RequestOptions) =>
    http.post<BatchResult>(`${BASE}/verification`, { ids, status }, options),
  setListStatus: (id: number, version: number, body: ListDecision, options?: RequestOptions) =>
    http.post<Customer>(`${BASE}/${id}/list-status`, body, ifMatch(version, options)),
  /** CUS-11: the old record becomes abnormal (非正常) and points to the new one (201). */
  replace: (id: number, body: ReplaceBody, options?: RequestOptions) => http.post<Customer>(`${BASE}/${id}/replace`, body, options),
  /**
   * SEC-3 / SEC-7: the customer in full for this caller until `revealed_until` (the reason,
   * 1–500 characters, goes to the access and audit logs). Needs customer.sensitive.read
   * over the owner (`revealable`); no version, nothing about the customer changes.
   */
  reveal: (id: number, reason: string, options?: RequestOptions) => http.post<Customer>(`${BASE}/${id}/reveal`, { reason }, options),
}

export const dictionariesApi = {
  list: (options?: RequestOptions) => http.get<{ items: DictionaryInfo[] }>('/api/v1/dictionaries', options),
  items: (name: string, options?: RequestOptions) =>
    http.get<{ items: DictionaryItem[] }>(`/api/v1/dictionaries/${encodeURIComponent(name)}`, options),
}

export const regionsApi = {
  /** No parent: the provinces. */
  children: (parent: string | null, options?: RequestOptions) =>
    http.get<{ items: Region[] }>(withQuery('/api/v1/regions', { parent }), options),
}

// ---------------------------------------------------------------------------------------
// Contacts 联系人 (CUS-4) and accounts 账户 (CUS-7) of a customer: the routes under
// /api/v1/customers/{id}/contacts and …/accounts (docs/customers.md, 联系人与账户). They
// have no scope of their own: reading needs customer.read, writing customer.update over
// the customer. Each record has its OWN `version` (not the customer's), sent as If-Match;
// a stale write answers 409 version_conflict with `current`. Sensitive members (contact
// mobile, phone, email, wechat, birthday; account_number) arrive masked when `masked` is
// true and must never be sent back (422 masked_value).
// ---------------------------------------------------------------------------------------

export type ContactStatus = 'active' | 'left'
export const CONTACT_STATUSES: readonly ContactStatus[] = ['active', 'left']

export interface Contact {
  id: number
  customer_id: number
  name: string
  gender: Gender | null
  /** 职务/职称 as the person states it (free text). */
  title: string | null
  /** A code of the dictionary `position`. */
  position: string | null
  department: string | null
  mobile: string | null
  phone: string | null
  email: string | null
  wechat: string | null
  /** YYYY-MM-DD, or ****-MM-DD when masked. */
  birthday: string | null
  birthday_reminder: boolean
  hobbies: string | null
  decision_maker: boolean
  /** `left`: no longer with the customer (still listed and searchable). */
  status: ContactStatus
  notes: string | null
  created_by: number
  version: number
  created_at: number
  updated_at: number
  masked: boolean
}

export type AccountPurpose = 'settlement' | 'billing' | 'payment'
export const ACCOUNT_PURPOSES: readonly AccountPurpose[] = ['settlement', 'billing', 'payment']
export type AccountStatus = 'active' | 'cancelled'

export interface Account {
  id: number
  customer_id: number
  /** 户名. */
  account_name: string
  bank_name: string | null
  /** Digits only, or ****6789 when masked. */
  account_number: string | null
  /** 纳税人识别号, upper case. */
  tax_number: string | null
  purpose: AccountPurpose | null
  /** 默认账户; the accounts tab keeps one per customer. */
  is_default: boolean
  notes: string | null
  /** Set by the server: POST …/cancel, or deregistering the customer. */
  status: AccountStatus
  cancel_reason: string | null
  cancelled_with_customer: boolean
  created_by: number
  version: number
  created_at: number
  updated_at: number
  masked: boolean
}

/** Members a client writes (the rest are the server's: read_only). */
export type ContactFields = Pick<Contact,
  | 'name' | 'gender' | 'title' | 'position' | 'department' | 'mobile' | 'phone' | 'email' | 'wechat'
  | 'birthday' | 'birthday_reminder' | 'hobbies' | 'decision_maker' | 'status' | 'notes'>
export type AccountFields = Pick<Account,
  'account_name' | 'bank_name' | 'account_number' | 'tax_number' | 'purpose' | 'is_default' | 'notes'>

/** Every record at once, oldest first (no paging). */
export interface SubRecordList<T> {
  items: T[]
  /** Masked for this caller until it reveals the customer (SEC-3). */
  masked: boolean
  /** This caller may reveal the customer (POST …/reveal) and then see the list in full. */
  revealable: boolean
}

const subRecordPath = (customerId: number, segment: string) => `${BASE}/${customerId}/${segment}`

/**
 * The routes of one kind of record under a customer (`contacts`, `accounts`, `notes`):
 * the list, create, and update with the record's own version.
 */
function subRecordRoutes<T, F>(segment: string) {
  const path = (customerId: number) => subRecordPath(customerId, segment)
  return {
    list: (customerId: number, options?: RequestOptions) => http.get<SubRecordList<T>>(path(customerId), options),
    create: (customerId: number, body: Partial<F>, options?: RequestOptions) => http.post<T>(path(customerId), body, options),
    /** Only the changed members; `version` is the record's own. */
    update: (customerId: number, recordId: number, version: number, body: Partial<F>, options?: RequestOptions) =>
      http.patch<T>(`${path(customerId)}/${recordId}`, body, ifMatch(version, options)),
  }
}

/** DELETE of a contact or a note (an account is cancelled instead): 204; the version only in If-Match. */
const removal = (segment: string) => ({
  remove: (customerId: number, recordId: number, version: number, options?: RequestOptions) =>
    http.delete<void>(`${subRecordPath(customerId, segment)}/${recordId}`, ifMatch(version, options)),
})

export const contactsApi = { ...subRecordRoutes<Contact, ContactFields>('contacts'), ...removal('contacts') }

export const accountsApi = {
  ...subRecordRoutes<Account, AccountFields>('accounts'),
  /** 销户: the account stays listed as `cancelled` with the reason; there is no way back. */
  cancel: (customerId: number, accountId: number, version: number, reason: string, options?: RequestOptions) =>
    http.post<Account>(`${subRecordPath(customerId, 'accounts')}/${accountId}/cancel`, { reason }, ifMatch(version, options)),
}

// ---------------------------------------------------------------------------------------
// Notes 记事 (CUS-18, CUS-20): notes, significant contacts, major events and cooperation
// records on a customer's timeline, under /api/v1/customers/{id}/notes (oldest first).
// Writing needs customer.note.write (customer service holds it too); changing or removing
// an entry needs being its author or holding customer.update over the customer (else 403
// forbidden). Author name and unit are kept as they were when it was written.
// ---------------------------------------------------------------------------------------

export type NoteCategory = 'note' | 'contact' | 'event' | 'cooperation'
/** 备注 / 重要联络 / 重大事件 / 合作记录. */
export const NOTE_CATEGORIES: readonly NoteCategory[] = ['note', 'contact', 'event', 'cooperation']

export interface Note {
  id: number
  customer_id: number
  category: NoteCategory
  /** At most 200 characters. */
  title: string
  /** At most 4000 characters. */
  content: string | null
  /** YYYY-MM-DD, not in the future (the server takes today when none is sent). */
  occurred_on: string
  /** YYYY-MM-DD, on or after occurred_on, may lie ahead: a cooperation's end. */
  end_on: string | null
  /** A cooperation's value in fen (≥ 0). */
  amount: number | null
  author_name: string
  unit_id: number | null
  unit_name: string | null
  created_by: number
  version: number
  created_at: number
  updated_at: number
  masked: boolean
}

export type NoteFields = Pick<Note, 'category' | 'title' | 'content' | 'occurred_on' | 'end_on' | 'amount'>

export const notesApi = { ...subRecordRoutes<Note, NoteFields>('notes'), ...removal('notes') }

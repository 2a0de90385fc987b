// Calls of the access-control admin pages: org units, users, roles, permissions, audit and access logs.
// Changes send the record's `version` in the body (the server's alternative to If-Match),
// so a stale form gets 409 version_conflict instead of overwriting someone else's edit.
import { http, ifMatch, type RequestOptions } from './http'
import { withQuery } from './query'
import type { DataScope } from './auth'
import type { FieldAccess } from '../customers/fieldAccess'
import type { RulableField } from '../admin/fieldRules'
import type { ApiToken, ListOf, LoginSession } from './account'

export interface Page<T> {
  items: T[]
  /** Pass back as `cursor` for the next page; null on the last one. */
  next_cursor: string | null
}

export type UnitKind = 'group' | 'segment' | 'branch' | 'department'
export const UNIT_KINDS: readonly UnitKind[] = ['group', 'segment', 'branch', 'department']

export interface OrgUnit {
  id: number
  parent_id: number | null
  name: string
  kind: UnitKind
  /** Ids from the root, e.g. `/1/4/9/`. */
  path: string
  status: 'active' | 'closed'
  sort_order: number
  created_at: number
  updated_at: number
  version: number
}

export interface OrgUnitCreate {
  name: string
  kind: UnitKind
  parent_id: number
  sort_order?: number
}

export interface OrgUnitPatch {
  name?: string
  kind?: UnitKind
  parent_id?: number
  sort_order?: number
  version: number
}

export type UserStatus = 'active' | 'disabled'

export interface AdminUser {
  id: number
  username: string
  display_name: string
  status: UserStatus
  unit_id: number | null
  manager_id: number | null
  roles: string[]
  must_change_password: boolean
  locked: boolean
  password_changed_at: number
  /** Signs in with a second factor (older servers leave it out). */
  second_factor_enrolled?: boolean
  created_at: number
  updated_at: number
  version: number
}

export interface UserFilter {
  q?: string
  unit_id?: number | null
  status?: UserStatus | ''
  limit?: number
  cursor?: string | null
}

export interface UserCreate {
  username: string
  display_name: string
  password: string
  unit_id?: number
  manager_id?: number
  roles?: string[]
  must_change_password: boolean
}

export interface UserPatch {
  display_name?: string
  unit_id?: number
  /** null removes the manager. */
  manager_id?: number | null
  status?: UserStatus
  roles?: string[]
  version: number
}

/** Answer of `POST /api/v1/users/{id}/depart` (SEC-5, SEC-6). */
export interface DepartResult {
  user_id: number
  username: string
  status: 'disabled'
  successor_id: number
  customers_handed_over: number
  /** Open reminders passed to the successor (older servers leave it out). */
  reminders_handed_over?: number
  sessions_ended: number
  tokens_revoked: number
}

export interface Role {
  id: number
  key: string
  /** Chinese for built-in roles; whatever the creator typed for custom ones. */
  name: string
  /** Built-in roles only. */
  name_en?: string
  data_scope: DataScope
  builtin: boolean
  permissions: string[]
  /** Holders must sign in with a second factor (older servers leave it out). */
  require_second_factor?: boolean
  /** 字段权限 (ADR 0015): the ruled customer fields; older servers leave it out. */
  field_rules?: Record<string, FieldAccess>
  holders: number
  version: number
}

export interface RoleCreate {
  key: string
  name: string
  data_scope: DataScope
  permissions: string[]
  require_second_factor?: boolean
  field_rules?: Record<string, FieldAccess>
}

/** Built-in roles take only `require_second_factor` and `field_rules` (and the version). */
export interface RolePatch {
  name?: string
  data_scope?: DataScope
  permissions?: string[]
  require_second_factor?: boolean
  /** The whole map, replacing the role's (a field left out is read-write). */
  field_rules?: Record<string, FieldAccess>
  version: number
}

export interface PermissionInfo {
  key: string
  name: string
  name_en: string
}

export interface PermissionCatalogue {
  items: PermissionInfo[]
  data_scopes: DataScope[]
  /** The customer fields a role may rule, in display order (older servers leave it out). */
  fields?: RulableField[]
}

export interface AuditEvent {
  id: number
  seq: number
  occurred_at: number
  actor_id: number | null
  actor_name: string
  action: string
  target: string
  ip: string
  user_agent: string
  detail: unknown
}

export interface AuditFilter {
  user_id?: number | null
  action?: string
  target?: string
  since?: number | null
  until?: number | null
  limit?: number
  cursor?: string | null
}

/** SEC-7: one consultation of customer archives (docs/openapi.yaml AccessLogEntry). */
export type AccessAction = 'view' | 'reveal' | 'list' | 'history' | 'export'
export const ACCESS_ACTIONS: readonly AccessAction[] = ['view', 'reveal', 'list', 'history', 'export']

export interface AccessEntry {
  id: number
  at: number
  user_id: number
  user_name: string
  /** `export`: a customer export (issue 5 point 6). */
  action: AccessAction
  /** The customers shown, with their code at the time. */
  customers: { id: number; code: string }[]
  customer_count: number
  /** A reveal's stated reason. */
  reason: string | null
  /** End of a reveal's window. */
  until: number | null
  ip: string
  user_agent: string
  /** A list page's search: `{q, filters}`. */
  detail: unknown
}

export interface AccessFilter {
  user_id?: number | null
  customer_id?: number | null
  action?: AccessAction | ''
  since?: number | null
  until?: number | null
  limit?: number
  cursor?: string | null
}

const ORG = '/api/v1/org-units'
const USERS = '/api/v1/users'
const ROLES = '/api/v1/roles'

export const orgApi = {
  list: (options?: RequestOptions) => http.get<Page<OrgUnit>>(ORG, options),
  create: (body: OrgUnitCreate, options?: RequestOptions) => http.post<OrgUnit>(ORG, body, options),
  update: (id: number, body: OrgUnitPatch, options?: RequestOptions) => http.patch<OrgUnit>(`${ORG}/${id}`, body, options),
  close: (id: number, version: number, options?: RequestOptions) =>
    http.post<OrgUnit>(`${ORG}/${id}/close`, { version }, options),
  reopen: (id: number, version: number, options?: RequestOptions) =>
    http.post<OrgUnit>(`${ORG}/${id}/reopen`, { version }, options),
}

export const usersApi = {
  list: (filter: UserFilter, options?: RequestOptions) =>
    http.get<Page<AdminUser>>(withQuery(USERS, { ...filter }), options),
  get: (id: number, options?: RequestOptions) => http.get<AdminUser>(`${USERS}/${id}`, options),
  create: (body: UserCreate, options?: RequestOptions) => http.post<AdminUser>(USERS, body, options),
  update: (id: number, body: UserPatch, options?: RequestOptions) => http.patch<AdminUser>(`${USERS}/${id}`, body, options),
  resetPassword: (id: number, password: string, options?: RequestOptions) =>
    http.post<AdminUser>(`${USERS}/${id}/reset-password`, { password }, options),
  /** 离职交接: disables the account, ends its sessions and tokens, hands its customers over
   *  to `successorId` (null: to the user's manager). */
  depart: (id: number, successorId: number | null, options?: RequestOptions) =>
    http.post<DepartResult>(`${USERS}/${id}/depart`, { successor_id: successorId }, options),
  /** The user's live sessions (`current` is always false here). */
  sessions: (id: number, options?: RequestOptions) => http.get<ListOf<LoginSession>>(`${USERS}/${id}/sessions`, options),
  endSession: (id: number, sessionId: number, options?: RequestOptions) =>
    http.delete<void>(`${USERS}/${id}/sessions/${sessionId}`, options),
  /** The user's API tokens, revoked ones included. */
  tokens: (id: number, options?: RequestOptions) => http.get<ListOf<ApiToken>>(`${USERS}/${id}/tokens`, options),
  revokeToken: (id: number, tokenId: number, options?: RequestOptions) =>
    http.delete<void>(`${USERS}/${id}/tokens/${tokenId}`, options),
  /** Removes the user's second factor: they enrol again (at once when a role requires it). */
  resetSecondFactor: (id: number, options?: RequestOptions) => http.delete<void>(`${USERS}/${id}/totp`, options),
}

export const rolesApi = {
  list: (options?: RequestOptions) => http.get<Page<Role>>(ROLES, options),
  create: (body: RoleCreate, options?: RequestOptions) => http.post<Role>(ROLES, body, options),
  update: (id: number, body: RolePatch, options?: RequestOptions) => http.patch<Role>(`${ROLES}/${id}`, body, options),
  remove: (id: number, options?: RequestOptions) => http.delete<void>(`${ROLES}/${id}`, options),
  permissions: (options?: RequestOptions) => http.get<PermissionCatalogue>('/api/v1/permissions', options),
}

export const auditApi = {
  list: (filter: AuditFilter, options?: RequestOptions) =>
    http.get<Page<AuditEvent>>(withQuery('/api/v1/audit/events', { ...filter }), options),
}

export const accessLogApi = {
  /** The whole access log (audit.read). */
  list: (filter: AccessFilter, options?: RequestOptions) =>
    http.get<Page<AccessEntry>>(withQuery('/api/v1/audit/access-log', { ...filter }), options),
  /** Who consulted one customer (customer.access_log.read over its owner). */
  ofCustomer: (customerId: number, filter: Omit<AccessFilter, 'customer_id'>, options?: RequestOptions) =>
    http.get<Page<AccessEntry>>(withQuery(`/api/v1/customers/${customerId}/access-log`, { ...filter }), options),
}

// ---------------------------------------------------------------------------------------
// 客户规则 (DOC-6, CUS-9): the customer code rule and the suggested-grade rules,
// GET/PATCH /api/v1/settings/customer-rules (settings.manage). Unlike the records above a
// change sends the version as `If-Match` (the ETag of the GET).

export type Grade = 'A' | 'B' | 'C' | 'D'
export const GRADES: readonly Grade[] = ['A', 'B', 'C', 'D']

/** `eq`: the field's text equals a string; `gte`: its number is at least an integer. */
export type RuleOp = 'eq' | 'gte'

export interface GradeRule {
  grade: Grade | (string & {})
  field: string
  op: RuleOp | (string & {})
  /** A string for `eq`, an integer for `gte` (money in fen). */
  value: string | number
  /** Shown beside the suggested grade. */
  reason: string
}

/** A customer field a grade rule may test, with the operator it takes. */
export interface RuleField {
  key: string
  op: RuleOp
  /** The dictionary its codes come from. */
  dictionary?: string
  choices?: string[]
}

/** Where a rule in force comes from: this page, or the server's configuration. */
export type RulesSource = 'settings' | 'configuration'

export interface CustomerRules {
  code_rule: string
  grade_rules: GradeRule[]
  code_rule_source: RulesSource
  grade_rules_source: RulesSource
  /** What applies to a rule not set on the page. */
  configured: { code_rule: string; grade_rules: GradeRule[] }
  /** The code the next new customer would get today. */
  next_code: string
  rule_fields: RuleField[]
  version: number
  updated_at: number | null
  /** Display name of who changed them last; empty before any change. */
  updated_by: string
}

/** A member left out stays; null goes back to the server's configuration. */
export interface CustomerRulesPatch {
  code_rule?: string | null
  grade_rules?: GradeRule[] | null
}

const CUSTOMER_RULES = '/api/v1/settings/customer-rules'

export const customerRulesApi = {
  get: (options?: RequestOptions) => http.get<CustomerRules>(CUSTOMER_RULES, options),
  update: (version: number, body: CustomerRulesPatch, options?: RequestOptions) =>
    http.patch<CustomerRules>(CUSTOMER_RULES, body, ifMatch(version, options)),
}

/** The maskable fields (SEC-3), in the order the server and the page list them. */
export const MASK_FIELDS = ['id_number', 'phone', 'mobile', 'email', 'wechat', 'address', 'birthday', 'account_number'] as const
export type MaskField = (typeof MASK_FIELDS)[number]

/** How one field is masked: characters kept at the start and the end, and how many stars (0: one per hidden character). */
export interface MaskPattern {
  keep_start: number
  keep_end: number
  stars: number
}

export interface MaskingPatterns {
  /** The patterns in force, each with a made-up `sample` and the `example` the server masks it to. */
  fields: Record<MaskField, MaskPattern & { sample: string; example: string }>
  /** The built-in patterns (the server adds `sample` and `example` here too). */
  defaults: Record<MaskField, MaskPattern & { sample?: string; example?: string }>
  version: number
  updated_at: number | null
  /** Display name of who changed them last; empty before any change. */
  updated_by: string
}

/** Fields not named (and members not named) stay; `fields: null` restores every default. */
export interface MaskingPatch {
  fields: Partial<Record<MaskField, Partial<MaskPattern>>> | null
}

const MASKING = '/api/v1/settings/masking'

export const maskingApi = {
  get: (options?: RequestOptions) => http.get<MaskingPatterns>(MASKING, options),
  update: (version: number, body: MaskingPatch, options?: RequestOptions) =>
    http.patch<MaskingPatterns>(MASKING, body, ifMatch(version, options)),
}

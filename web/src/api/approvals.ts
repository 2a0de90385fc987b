// 审批 (issue 5 point 1, ADR 0016): the approval requests of the caller's inbox, the flows
// an administrator configures and the working-day calendar their deadlines count on.
// Decisions send the request's `version` in the body (the server's alternative to If-Match);
// a flow is saved with If-Match.
import { http, ifMatch, type RequestOptions } from './http'
import { withQuery } from './query'
import type { Page } from './admin'
import { approvalsListPath } from '../approvals/approvals'

export { APPROVAL_BOXES, APPROVAL_STATUSES, APPROVER_KINDS } from '../approvals/approvals'

export type ApprovalStatus = 'pending' | 'approved' | 'rejected' | 'withdrawn'
export type ApproverKind = 'manager' | 'role' | 'user'

export type StepState = 'approved' | 'pending' | 'rejected' | 'waiting' | 'withdrawn'

export type ApprovalAction = 'submitted' | 'approved' | 'rejected' | 'withdrawn' | 'resubmitted'

export interface PersonRef {
  id: number
  name: string
}

export interface ApprovalStep {
  name: string
  approver: ApproverKind | (string & {})
  role_key: string | null
  user_id: number | null
  /** User / manager: a display name; role: the role's name. */
  approver_name: string
  /** Deadline in working days; 0 = none. */
  days: number
  state: StepState | (string & {})
  /** YYYY-MM-DD; set on the current step and the ones already reached. */
  due_on: string | null
}

export interface ApprovalHistoryEntry {
  round: number
  step: number | null
  step_name: string | null
  action: ApprovalAction | (string & {})
  actor: PersonRef
  comment: string
  at: number
}

/** The payload of a `general` request; other types carry their own. */
export interface GeneralPayload {
  content: string
}

export interface ApprovalRequest {
  id: number
  type: string
  /** In the language of Accept-Language. */
  type_name: string
  /** What it is about, e.g. `customer:42`; empty for a general request. */
  target: string
  title: string
  payload: Record<string, unknown>
  status: ApprovalStatus | (string & {})
  round: number
  /** Index into `steps` while pending, else null. */
  current_step: number | null
  steps: ApprovalStep[]
  due_on: string | null
  overdue: boolean
  requester: PersonRef
  can_decide: boolean
  can_withdraw: boolean
  can_resubmit: boolean
  version: number
  created_at: number
  updated_at: number
  decided_at: number | null
  /** Only in the single request's answers (GET by id, create and the four actions). */
  history?: ApprovalHistoryEntry[]
}

/** The three inboxes of the page: exactly one of them is asked for. */
export type ApprovalBox = 'assigned' | 'requested' | 'decided'

export interface ApprovalFilter {
  box: ApprovalBox
  status?: ApprovalStatus | '' | null
  limit?: number
  cursor?: string | null
}

const APPROVALS = '/api/v1/approvals'

export interface ApprovalCount {
  assigned_to_me: number
  /** How many of those are overdue. */
  overdue: number
}

export interface ApprovalCreate {
  type: string
  title: string
  payload: Record<string, unknown>
}

export interface ApprovalResubmit {
  title?: string
  payload?: Record<string, unknown>
  version?: number
}

export const approvalsApi = {
  list: (filter: ApprovalFilter, options?: RequestOptions) => http.get<Page<ApprovalRequest>>(approvalsListPath(filter), options),
  count: (options?: RequestOptions) => http.get<ApprovalCount>(`${APPROVALS}/count`, options),
  get: (id: number, options?: RequestOptions) => http.get<ApprovalRequest>(`${APPROVALS}/${id}`, options),
  create: (body: ApprovalCreate, options?: RequestOptions) => http.post<ApprovalRequest>(APPROVALS, body, options),
  /** `comment` may be empty. */
  approve: (id: number, version: number, comment: string, options?: RequestOptions) =>
    http.post<ApprovalRequest>(`${APPROVALS}/${id}/approve`, comment ? { comment, version } : { version }, options),
  /** `comment` is required (1..500). */
  reject: (id: number, version: number, comment: string, options?: RequestOptions) =>
    http.post<ApprovalRequest>(`${APPROVALS}/${id}/reject`, { comment, version }, options),
  withdraw: (id: number, version: number, options?: RequestOptions) =>
    http.post<ApprovalRequest>(`${APPROVALS}/${id}/withdraw`, { version }, options),
  resubmit: (id: number, body: ApprovalResubmit, options?: RequestOptions) =>
    http.post<ApprovalRequest>(`${APPROVALS}/${id}/resubmit`, body, options),
}

// ---------------------------------------------------------------------------------------
// 审批流程 (approval.manage): one flow per request type, 1..10 steps.

export interface FlowStep {
  name: string
  approver: ApproverKind | (string & {})
  role_key?: string | null
  user_id?: number | null
  days: number
}

export interface ApprovalFlow {
  type: string
  name: string
  /** Users may submit this type directly (only `general` today). */
  submittable: boolean
  steps: FlowStep[]
  /** Saved on the page; false while the type's default steps apply. */
  customized: boolean
  version: number
  updated_at: number | null
}

const FLOWS = '/api/v1/approval-flows'

export const approvalFlowsApi = {
  list: (options?: RequestOptions) => http.get<{ items: ApprovalFlow[] }>(FLOWS, options),
  update: (type: string, version: number, steps: FlowStep[], options?: RequestOptions) =>
    http.put<ApprovalFlow>(`${FLOWS}/${encodeURIComponent(type)}`, { steps }, ifMatch(version, options)),
}

// ---------------------------------------------------------------------------------------
// 工作日历: the listed days of a year (Mon–Fri are workdays otherwise); settings.manage edits.

export interface CalendarDay {
  /** YYYY-MM-DD. */
  date: string
  is_workday: boolean
  name: string
}

export interface CalendarYear {
  year: number
  days: CalendarDay[]
}

export interface DueDate {
  from: string
  days: number
  due_on: string
}

const CALENDAR = '/api/v1/calendar'

export const calendarApi = {
  year: (year: number, options?: RequestOptions) => http.get<CalendarYear>(withQuery(CALENDAR, { year }), options),
  setDay: (date: string, body: { is_workday: boolean; name: string }, options?: RequestOptions) =>
    http.put<CalendarDay>(`${CALENDAR}/days/${date}`, body, options),
  removeDay: (date: string, options?: RequestOptions) => http.delete<void>(`${CALENDAR}/days/${date}`, options),
  due: (from: string, days: number, options?: RequestOptions) =>
    http.get<DueDate>(withQuery(`${CALENDAR}/due`, { from, days }), options),
}

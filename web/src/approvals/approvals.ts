// 审批中心 (ADR 0016): how requests, steps and history entries are shown, which inbox and
// status the address asks for, the checks the dialogs make before sending and what a
// refused decision means for the page. Pure functions (approvals.test.ts).
import type {
  ApprovalBox, ApprovalFilter, ApprovalRequest, ApprovalStatus, ApprovalStep, ApproverKind,
} from '../api/approvals'
import { withQuery } from '../api/query'

export const APPROVAL_STATUSES: readonly ApprovalStatus[] = ['pending', 'approved', 'rejected', 'withdrawn']
export const APPROVER_KINDS: readonly ApproverKind[] = ['manager', 'role', 'user']
export const APPROVAL_BOXES: readonly ApprovalBox[] = ['assigned', 'requested', 'decided']

const BOX_PARAM: Record<ApprovalBox, string> = { assigned: 'assigned_to', requested: 'requested_by', decided: 'decided_by' }

/** `/api/v1/approvals?assigned_to=me&status=…&limit=…&cursor=…`: exactly one inbox is asked for. */
export function approvalsListPath(filter: ApprovalFilter): string {
  return withQuery('/api/v1/approvals', {
    [BOX_PARAM[filter.box]]: 'me',
    status: filter.status,
    limit: filter.limit,
    cursor: filter.cursor,
  })
}

export type TagType = 'primary' | 'success' | 'warning' | 'danger' | 'info'

const STATUS_TAGS: Record<ApprovalStatus, TagType> = {
  pending: 'warning',
  approved: 'success',
  rejected: 'danger',
  withdrawn: 'info',
}

/** The colour of a request's status tag (a status the UI does not know yet is grey). */
export function statusTagType(status: string): TagType {
  return (STATUS_TAGS as Record<string, TagType>)[status] ?? 'info'
}

const STEP_TAGS: Record<string, TagType> = {
  approved: 'success',
  pending: 'warning',
  rejected: 'danger',
  waiting: 'info',
  withdrawn: 'info',
}

/** The colour of a step's state tag. */
export function stepTagType(state: string): TagType {
  return STEP_TAGS[state] ?? 'info'
}

/** ElSteps / ElStep status of a step's state. */
export type StepStatus = 'wait' | 'process' | 'finish' | 'error' | 'success'

const STEP_STATUSES: Record<string, StepStatus> = {
  approved: 'success',
  pending: 'process',
  rejected: 'error',
  waiting: 'wait',
  withdrawn: 'wait',
}

export function stepStatus(state: string): StepStatus {
  return STEP_STATUSES[state] ?? 'wait'
}

const HISTORY_TAGS: Record<string, TagType> = {
  submitted: 'primary',
  resubmitted: 'primary',
  approved: 'success',
  rejected: 'danger',
  withdrawn: 'info',
}

/** The colour of a history entry (its dot in the timeline). */
export function historyTagType(action: string): TagType {
  return HISTORY_TAGS[action] ?? 'info'
}

/** The step being decided while pending; null once decided (or for an index out of range). */
export function currentStep(request: Pick<ApprovalRequest, 'current_step' | 'steps' | 'status'>): ApprovalStep | null {
  if (request.status !== 'pending' || request.current_step === null) return null
  return request.steps[request.current_step] ?? null
}

/** Marked 已超期: pending past its due date (the server decides, on the Shanghai calendar). */
export function isOverdue(request: Pick<ApprovalRequest, 'overdue' | 'status'>): boolean {
  return request.overdue && request.status === 'pending'
}

/** The text of a general request (its `payload.content`); null for a payload without one. */
export function requestContent(request: Pick<ApprovalRequest, 'payload'>): string | null {
  const content = request.payload?.content
  return typeof content === 'string' ? content : null
}

/**
 * The payload's other members as label / text pairs, for a type the page has no view of
 * (shown as they are; objects as JSON).
 */
export function payloadEntries(payload: Record<string, unknown> | null | undefined): [string, string][] {
  if (!payload) return []
  return Object.entries(payload)
    .filter(([key]) => key !== 'content')
    .map(([key, value]) => [key, typeof value === 'string' ? value : JSON.stringify(value)])
}

// ---- the address: /approvals?box=requested&status=rejected&id=12 ----

function first(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : value
}

/** The inbox named in the address; 待我审批 when none or an unknown one. */
export function parseBox(value: unknown): ApprovalBox {
  const v = first(value)
  return typeof v === 'string' && (APPROVAL_BOXES as readonly string[]).includes(v) ? (v as ApprovalBox) : 'assigned'
}

/** The status filter named in the address; '' (all) when none or an unknown one. */
export function parseStatus(value: unknown): ApprovalStatus | '' {
  const v = first(value)
  return typeof v === 'string' && (APPROVAL_STATUSES as readonly string[]).includes(v) ? (v as ApprovalStatus) : ''
}

/** The request to open from the address (`id`), or null. */
export function parseId(value: unknown): number | null {
  const v = first(value)
  if (typeof v !== 'string' || !/^[1-9]\d{0,15}$/.test(v)) return null
  const n = Number(v)
  return Number.isSafeInteger(n) ? n : null
}

/** The query of the page's address; defaults are left out. */
export function pageQuery(box: ApprovalBox, status: ApprovalStatus | '', id: number | null): Record<string, string> {
  const out: Record<string, string> = {}
  if (box !== 'assigned') out.box = box
  // 待我审批 lists pending requests only: a status there means nothing.
  if (status && box !== 'assigned') out.status = status
  if (id !== null) out.id = String(id)
  return out
}

// ---- checks before sending (the server checks the same and decides) ----

export const TITLE_MAX = 100
export const CONTENT_MAX = 2000
export const COMMENT_MAX = 500

/** Length as the server counts it: characters (code points), not UTF-16 units. */
export const charCount = (text: string): number => [...text].length

export type TextIssue = 'required' | 'too_long'

function textIssue(text: string, max: number, required: boolean): TextIssue | undefined {
  const trimmed = text.trim()
  if (required && trimmed === '') return 'required'
  if (charCount(trimmed) > max) return 'too_long'
  return undefined
}

/** What stops a general request (new or resubmitted) from being sent. */
export function requestFormIssues(form: { title: string; content: string }): Partial<Record<'title' | 'content', TextIssue>> {
  const out: Partial<Record<'title' | 'content', TextIssue>> = {}
  const title = textIssue(form.title, TITLE_MAX, true)
  if (title) out.title = title
  const content = textIssue(form.content, CONTENT_MAX, true)
  if (content) out.content = content
  return out
}

/** A rejection needs its comment; an approval's is optional. Both at most 500 characters. */
export function commentIssue(comment: string, required: boolean): TextIssue | undefined {
  return textIssue(comment, COMMENT_MAX, required)
}

/**
 * The server's field errors of a request form sorted to the dialog's items (`payload.content`
 * goes under 内容); the ones without an item of their own (`type`, …) under `other`.
 */
export function requestFormErrors(errors: Record<string, string>): { title?: string; content?: string; other?: string } {
  const out: { title?: string; content?: string; other?: string } = {}
  for (const [field, message] of Object.entries(errors)) {
    if (field === 'title') out.title ??= message
    else if (field === 'payload.content' || field === 'content' || field === 'payload') out.content ??= message
    else out.other ??= message
  }
  return out
}

/**
 * What the page does when a decision (approve, reject, withdraw, resubmit) is refused:
 * `reload` — the request moved meanwhile (409): say so and read it again;
 * `gone` — it is no longer visible (404): say so, close it and read the list again;
 * `fields` — messages under the dialog's items (422 validation_failed);
 * `message` — anything else (403 self_approval, forbidden, …): the server's message.
 */
export type DecisionProblem = 'reload' | 'gone' | 'fields' | 'message'

export function decisionProblem(status: number, code: string | undefined, hasFieldErrors: boolean): DecisionProblem {
  if (code === 'version_conflict' || code === 'approval_not_pending') return 'reload'
  if (status === 404 || code === 'not_found') return 'gone'
  if (code === 'validation_failed' && hasFieldErrors) return 'fields'
  return 'message'
}

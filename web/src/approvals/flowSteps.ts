// 审批流程 (ADR 0016): the steps of a flow between the API's form and the rows the page edits,
// the page's own checks, and the server's field errors (`steps[1].role_key`) sorted to the
// rows. Pure functions (flowSteps.test.ts).
import type { ApproverKind, FlowStep } from '../api/approvals'

export const MAX_STEPS = 10
export const NAME_MAX = 30
export const DAYS_MAX = 60

/** One step as the page edits it. */
export interface StepRow {
  /** Stable key for the list while rows move. */
  uid: number
  name: string
  approver: ApproverKind | (string & {})
  /** '' when none is chosen. */
  role_key: string
  user_id: number | null
  days: number | null
}

export type StepMember = 'name' | 'approver' | 'role_key' | 'user_id' | 'days'
export type StepIssue = 'required' | 'too_long' | 'out_of_range' | 'unknown_value'
export type StepIssues = Partial<Record<StepMember, StepIssue>>

let nextUid = 1

export function rowFromStep(step: FlowStep): StepRow {
  return {
    uid: nextUid++,
    name: step.name ?? '',
    approver: step.approver,
    role_key: step.role_key ?? '',
    user_id: step.user_id ?? null,
    days: typeof step.days === 'number' ? step.days : 0,
  }
}

export const rowsFromSteps = (steps: readonly FlowStep[]): StepRow[] => steps.map(rowFromStep)

/** A new step at the end: the requester's manager, two working days. */
export function emptyStep(): StepRow {
  return { uid: nextUid++, name: '', approver: 'manager', role_key: '', user_id: null, days: 2 }
}

/** The row with another kind of approver (the other kinds' choices are kept until sent). */
export function withApprover(row: StepRow, approver: string): StepRow {
  return { ...row, approver }
}

const KINDS = new Set(['manager', 'role', 'user'])

/**
 * The steps to send (the whole list, in order: `role_key` only for a role step, `user_id`
 * only for a user step), or what is missing or wrong in which row (one entry per row,
 * empty for a good one). An empty list is for the caller to refuse.
 */
export function stepsFromRows(rows: readonly StepRow[]): { ok: true; steps: FlowStep[] } | { ok: false; issues: StepIssues[] } {
  const steps: FlowStep[] = []
  const issues: StepIssues[] = []
  let bad = false
  for (const row of rows) {
    const issue: StepIssues = {}
    const name = row.name.trim()
    if (!name) issue.name = 'required'
    else if ([...name].length > NAME_MAX) issue.name = 'too_long'
    if (!KINDS.has(row.approver)) issue.approver = 'unknown_value'
    if (row.approver === 'role' && !row.role_key) issue.role_key = 'required'
    if (row.approver === 'user' && row.user_id === null) issue.user_id = 'required'
    const days = row.days
    if (days === null || !Number.isInteger(days) || days < 0 || days > DAYS_MAX) issue.days = days === null ? 'required' : 'out_of_range'
    issues.push(issue)
    if (Object.keys(issue).length) {
      bad = true
      continue
    }
    const step: FlowStep = { name, approver: row.approver, days: days as number }
    if (row.approver === 'role') step.role_key = row.role_key
    if (row.approver === 'user') step.user_id = row.user_id
    steps.push(step)
  }
  return bad ? { ok: false, issues } : { ok: true, steps }
}

/** Text that differs exactly when the rows would send different steps (for "unsaved changes"). */
export function rowsSignature(rows: readonly StepRow[]): string {
  return JSON.stringify(
    rows.map((r) => [
      r.name.trim(),
      r.approver,
      r.approver === 'role' ? r.role_key : '',
      r.approver === 'user' ? r.user_id : null,
      r.days,
    ]),
  )
}

/** Where an error path of the PUT points: `steps[1].role_key` → row 1, role_key. */
export function stepErrorAt(path: string): { index: number; member: string | null } | null {
  const m = /^steps\[(\d+)\](?:\.([a-z_]+))?$/.exec(path)
  return m ? { index: Number(m[1]), member: m[2] ?? null } : null
}

export interface SplitStepErrors {
  /** The message for the steps as a whole (`steps`: none or more than 10). */
  list?: string
  /** Per row, per member (`row` for the row as a whole, or a member the rows do not show). */
  rows: Record<number, Record<string, string>>
}

const MEMBERS = new Set<string>(['name', 'approver', 'role_key', 'user_id', 'days'])

/** Messages keyed by the server's error paths (ApiError.fieldErrors), sorted to their rows. */
export function splitStepErrors(errors: Record<string, string>): SplitStepErrors {
  const out: SplitStepErrors = { rows: {} }
  for (const [path, message] of Object.entries(errors)) {
    const at = stepErrorAt(path)
    if (at) {
      const row = (out.rows[at.index] ??= {})
      const member = at.member && MEMBERS.has(at.member) ? at.member : 'row'
      row[member] ??= message
    } else {
      out.list ??= message
    }
  }
  return out
}

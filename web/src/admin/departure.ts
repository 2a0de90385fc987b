// 离职交接 (SEC-5, SEC-6): who takes over a leaver's customers, the request body and how the
// server's errors are shown in the dialog. Pure, unit-tested in departure.test.ts.
import type { Problem } from '../api/problem'

/**
 * Who will take over: the successor chosen in the dialog, else the leaver's manager
 * (the server's default), else nobody — then a successor must be chosen.
 */
export type SuccessorMode = 'chosen' | 'manager' | 'required'

export function successorMode(managerId: number | null | undefined, successorId: number | null): SuccessorMode {
  if (successorId !== null) return 'chosen'
  return managerId != null ? 'manager' : 'required'
}

/** `POST /api/v1/users/{id}/depart` body: the chosen successor, or null for "the manager". */
export function departBody(successorId: number | null): { successor_id: number | null } {
  return { successor_id: successorId }
}

/** The server's answer as the dialog shows it: the successor field's message and any other. */
export interface DepartErrors {
  successor?: string
  general?: string
}

export function departErrors(problem: Problem): DepartErrors {
  const out: DepartErrors = {}
  const other: string[] = []
  for (const e of problem.errors ?? []) {
    if (e.field === 'successor_id' && out.successor === undefined) out.successor = e.message || e.code
    else other.push(e.field ? `${e.field}: ${e.message || e.code}` : e.message || e.code)
  }
  // A field error alone explains itself; the generic "check the marked fields" adds nothing.
  if (other.length) out.general = other.join('; ')
  else if (out.successor === undefined) out.general = problem.detail ?? problem.title ?? `HTTP ${problem.status}`
  return out
}

// RFC 9457 problem details as the Guanxi server sends them:
// {"type","title","status","detail","code","errors":[{"field","code","message"}]}
// Pure functions (no DOM, no i18n) so they are unit-tested in problem.test.ts.

export interface FieldError {
  field: string
  code: string
  message: string
}

export interface Problem {
  type?: string
  title?: string
  status: number
  detail?: string
  code?: string
  errors?: FieldError[]
  /** X-Request-Id of the failed request, for support/log look-ups. */
  request_id?: string
  /**
   * Members beyond the ones above (RFC 9457 extensions), e.g. `current` of a
   * version_conflict or `existing` of a duplicate; absent when there are none.
   */
  extensions?: Record<string, unknown>
}

const STANDARD_MEMBERS = new Set(['type', 'title', 'status', 'detail', 'code', 'errors', 'request_id', 'instance'])

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined
}

/**
 * Builds a Problem from an error response. `fallbackDetail` is used when the body is
 * not problem JSON (e.g. an HTML page from a proxy) or carries no detail and no title.
 */
export function toProblem(status: number, contentType: string | null, body: string, fallbackDetail: string): Problem {
  let parsed: unknown
  if (contentType && /json/i.test(contentType)) {
    try {
      parsed = JSON.parse(body)
    } catch {
      parsed = undefined
    }
  }
  if (!isRecord(parsed)) return { status, detail: fallbackDetail }
  const errors: FieldError[] = Array.isArray(parsed.errors)
    ? parsed.errors.filter(isRecord).map((e) => ({
        field: str(e.field) ?? '',
        code: str(e.code) ?? '',
        message: str(e.message) ?? str(e.code) ?? '',
      }))
    : []
  const title = str(parsed.title)
  const problem: Problem = {
    type: str(parsed.type),
    title,
    status: typeof parsed.status === 'number' ? parsed.status : status,
    detail: str(parsed.detail) ?? title ?? fallbackDetail,
    code: str(parsed.code),
    errors,
    request_id: str(parsed.request_id),
  }
  const extra = Object.entries(parsed).filter(([key]) => !STANDARD_MEMBERS.has(key))
  if (extra.length) problem.extensions = Object.fromEntries(extra)
  return problem
}

/** Per-field messages keyed by field name (first message wins), for ElFormItem `error`. */
export function fieldMessages(problem: Problem): Record<string, string> {
  const out: Record<string, string> = {}
  for (const e of problem.errors ?? []) {
    if (e.field && !(e.field in out)) out[e.field] = e.message
  }
  return out
}

// The one way the UI talks to the server: JSON over fetch with the session cookie,
// Accept-Language from the UI language, X-CSRF-Token on state-changing requests,
// and problem+json errors turned into ApiError (detail shown in an ElMessage).
import { ElMessage } from 'element-plus'
import { currentLang, i18n } from '../i18n'
import { toProblem, fieldMessages, type Problem } from './problem'

export type { Problem, FieldError } from './problem'

/** Kept in memory only (never in storage); set from the login and /auth/me responses. */
let csrfToken: string | null = null

export function setCsrfToken(token: string | null): void {
  csrfToken = token
}

export class ApiError extends Error {
  readonly problem: Problem
  constructor(problem: Problem) {
    super(problem.detail ?? `HTTP ${problem.status}`)
    this.name = 'ApiError'
    this.problem = problem
  }
  get status(): number {
    return this.problem.status
  }
  get code(): string | undefined {
    return this.problem.code
  }
  /** Per-field messages for ElFormItem `error` props. */
  get fieldErrors(): Record<string, string> {
    return fieldMessages(this.problem)
  }
}

export interface RequestOptions {
  body?: unknown
  /** Show the error detail in an ElMessage (default true). */
  notify?: boolean
  /** Run the "session is gone" handler on 401 (default true). */
  handleUnauthenticated?: boolean
  /** Extra request headers, e.g. `If-Match` with a record's version. */
  headers?: Record<string, string>
}

let unauthenticatedHandler: (() => void) | null = null
let passwordChangeHandler: (() => void) | null = null
let secondFactorHandler: (() => void) | null = null

/** Called on a 401 from any request that does not opt out (session expired). */
export function onUnauthenticated(handler: () => void): void {
  unauthenticatedHandler = handler
}

/**
 * Called on `403 password_change_required`: an administrator reset the password (or it
 * expired) while this page was open, so the app must switch to the change-password page.
 */
export function onPasswordChangeRequired(handler: () => void): void {
  passwordChangeHandler = handler
}

/**
 * Called on `403 second_factor_required`: a role of the user now requires the second factor
 * and it is not set up, so the app must switch to the account security page.
 */
export function onSecondFactorRequired(handler: () => void): void {
  secondFactorHandler = handler
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const { body, notify = true, handleUnauthenticated = true } = options
  const headers: Record<string, string> = {
    ...options.headers,
    Accept: 'application/json, application/problem+json',
    'Accept-Language': currentLang(),
  }
  if (body !== undefined) headers['Content-Type'] = 'application/json'
  if (!SAFE_METHODS.has(method) && csrfToken) headers['X-CSRF-Token'] = csrfToken

  const response = await send(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }, notify)

  if (response.ok) {
    if (response.status === 204) return undefined as T
    const text = await response.text()
    return (text ? JSON.parse(text) : undefined) as T
  }
  return failed(response, notify, handleUnauthenticated)
}

/** fetch with the session cookie; a network failure becomes ApiError `network_error`. */
async function send(path: string, init: RequestInit, notify: boolean): Promise<Response> {
  try {
    return await fetch(path, { ...init, credentials: 'same-origin' })
  } catch {
    const error = new ApiError({ status: 0, code: 'network_error', detail: i18n.global.t('errors.network') })
    if (notify) ElMessage.error(error.message)
    throw error
  }
}

/** An error answer: ApiError from its problem+json, after the app-wide handlers ran. */
async function failed(response: Response, notify: boolean, handleUnauthenticated: boolean): Promise<never> {
  const text = await response.text().catch(() => '')
  const problem = toProblem(
    response.status,
    response.headers.get('Content-Type'),
    text,
    i18n.global.t('errors.http', { status: response.status }),
  )
  const error = new ApiError(problem)
  if (response.status === 401 && handleUnauthenticated && unauthenticatedHandler) unauthenticatedHandler()
  if (problem.code === 'password_change_required' && passwordChangeHandler) passwordChangeHandler()
  if (problem.code === 'second_factor_required' && secondFactorHandler) secondFactorHandler()
  if (notify) ElMessage.error(error.message)
  throw error
}

/** A successful answer of `getFile`: the body as it came, with the answer's status and headers. */
export interface FileAnswer {
  status: number
  headers: Headers
  blob: Blob
}

/**
 * GET of a file (e.g. an export): like `request`, but a 2xx body is returned as a Blob, not
 * parsed. Errors are handled exactly as `request` handles them (ApiError, message, 401 …).
 */
export async function getFile(path: string, options: RequestOptions = {}): Promise<FileAnswer> {
  const { notify = true, handleUnauthenticated = true } = options
  const headers: Record<string, string> = { ...options.headers, 'Accept-Language': currentLang() }
  const response = await send(path, { method: 'GET', headers }, notify)
  if (!response.ok) return failed(response, notify, handleUnauthenticated)
  return { status: response.status, headers: response.headers, blob: await response.blob() }
}

/** Options carrying `If-Match` with a record's version (optimistic locking). */
export const ifMatch = (version: number, options?: RequestOptions): RequestOptions => ({
  ...options,
  headers: { ...options?.headers, 'If-Match': `"${version}"` },
})

export const http = {
  get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('POST', path, { ...options, body }),
  put: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('PUT', path, { ...options, body }),
  patch: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('PATCH', path, { ...options, body }),
  delete: <T>(path: string, options?: RequestOptions) => request<T>('DELETE', path, options),
}

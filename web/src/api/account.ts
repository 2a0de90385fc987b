// The signed-in user's own account security (账号安全): live sessions, personal API tokens
// and the second factor (TOTP). Any signed-in user; the server keeps each to its owner.
import { http, type RequestOptions } from './http'

/** One live login session (docs/openapi.yaml SessionList item). */
export interface LoginSession {
  id: number
  created_at: number
  /** Updated at most once a minute. */
  last_seen_at: number
  /** The absolute limit. */
  expires_at: number
  ip: string
  user_agent: string
  /** The session making the request (always false in an administrator's view). */
  current: boolean
}

/** A personal API token; the secret itself is only in the answer that created it. */
export interface ApiToken {
  id: number
  name: string
  /** The first 8 characters of the token, to recognise it. */
  prefix: string
  permissions: string[]
  created_at: number
  expires_at: number
  last_used_at: number | null
  revoked_at: number | null
}

export interface ApiTokenCreate {
  name: string
  permissions: string[]
  /** 1–365, 90 when left out. */
  expires_in_days?: number
}

export interface CreatedApiToken extends ApiToken {
  /** `gx_…`, shown this once. */
  token: string
}

export interface ListOf<T> {
  items: T[]
  next_cursor: null
}

/** GET /api/v1/auth/totp */
export interface TotpStatus {
  enrolled: boolean
  /** One of the user's roles requires the second factor (it cannot be turned off then). */
  required: boolean
  confirmed_at: number | null
  recovery_codes_left: number
}

/** A pending enrolment: the secret for manual entry and the otpauth:// URI for the QR code. */
export interface TotpEnrolment {
  secret: string
  uri: string
}

export interface RecoveryCodes {
  recovery_codes: string[]
}

const AUTH = '/api/v1/auth'

export const accountApi = {
  sessions: (options?: RequestOptions) => http.get<ListOf<LoginSession>>(`${AUTH}/sessions`, options),
  endSession: (id: number, options?: RequestOptions) => http.delete<void>(`${AUTH}/sessions/${id}`, options),
  tokens: (options?: RequestOptions) => http.get<ListOf<ApiToken>>(`${AUTH}/tokens`, options),
  createToken: (body: ApiTokenCreate, options?: RequestOptions) => http.post<CreatedApiToken>(`${AUTH}/tokens`, body, options),
  revokeToken: (id: number, options?: RequestOptions) => http.delete<void>(`${AUTH}/tokens/${id}`, options),

  totp: (options?: RequestOptions) => http.get<TotpStatus>(`${AUTH}/totp`, options),
  /** Starts (or restarts) an enrolment; 409 second_factor_enrolled when already on. */
  enrolTotp: (options?: RequestOptions) => http.post<TotpEnrolment>(`${AUTH}/totp/enrol`, undefined, options),
  /** Turns the pending secret on with a code from the app; the answer's codes are shown once. */
  confirmTotp: (code: string, options?: RequestOptions) => http.post<RecoveryCodes>(`${AUTH}/totp/confirm`, { code }, options),
  /** A new set of recovery codes (the old ones stop working). */
  newRecoveryCodes: (code: string, options?: RequestOptions) =>
    http.post<RecoveryCodes>(`${AUTH}/totp/recovery-codes`, { code }, options),
  disableTotp: (password: string, code: string, options?: RequestOptions) =>
    http.post<void>(`${AUTH}/totp/disable`, { password, code }, options),
}

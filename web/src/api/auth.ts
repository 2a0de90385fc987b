import { http, type RequestOptions } from './http'
import type { FieldRules } from '../customers/fieldAccess'

/** Which records a permission reaches, narrowest first (GET /api/v1/permissions `data_scopes`). */
export type DataScope = 'own' | 'unit' | 'unit_tree' | 'segment' | 'all'

export interface User {
  id: number
  username: string
  display_name: string
  roles: string[]
  /** Every permission the user's roles grant, with the widest data scope among them. */
  permissions: Record<string, DataScope>
  unit_id: number | null
  must_change_password: boolean
  /** The user signs in with a second factor (TOTP); older servers leave it out. */
  second_factor_enrolled?: boolean
  /**
   * A role of the user requires the second factor and it is not set up yet: until it is,
   * the server answers `403 second_factor_required` outside the account security routes.
   */
  second_factor_setup_required?: boolean
  /**
   * The user's field rules (ADR 0015), resolved over their roles: only the ruled customer
   * fields, `hidden` or `read`; a field not named is read-write. Older servers leave it out.
   */
  field_rules?: FieldRules
}

export interface SessionPayload {
  user: User
  csrf_token: string
}

/** Login answer of a user with a second factor: no session yet, only a challenge. */
export interface SecondFactorChallenge {
  second_factor_required: true
  /** Opaque; sent back with the code to `POST /api/v1/auth/login/totp`. */
  challenge: string
}

export type LoginAnswer = SessionPayload | SecondFactorChallenge

export function needsSecondFactor(answer: LoginAnswer): answer is SecondFactorChallenge {
  return (answer as SecondFactorChallenge).second_factor_required === true
}

/** The second step of a login: a 6-digit code from the app, or one recovery code. */
export type SecondFactorProof = { code: string } | { recovery_code: string }

export interface Health {
  status: string
  db: string
  version: string
}

export const authApi = {
  login: (username: string, password: string, options?: RequestOptions) =>
    http.post<LoginAnswer>('/api/v1/auth/login', { username, password }, options),
  loginSecondFactor: (challenge: string, proof: SecondFactorProof, options?: RequestOptions) =>
    http.post<SessionPayload>('/api/v1/auth/login/totp', { challenge, ...proof }, options),
  me: (options?: RequestOptions) => http.get<SessionPayload>('/api/v1/auth/me', options),
  logout: (options?: RequestOptions) => http.post<void>('/api/v1/auth/logout', undefined, options),
  changePassword: (currentPassword: string, newPassword: string, options?: RequestOptions) =>
    http.post<void>('/api/v1/auth/password', { current_password: currentPassword, new_password: newPassword }, options),
}

export const systemApi = {
  health: (options?: RequestOptions) => http.get<Health>('/healthz', options),
}

import { http, type RequestOptions } from './http'

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
}

export interface SessionPayload {
  user: User
  csrf_token: string
}

export interface Health {
  status: string
  db: string
  version: string
}

export const authApi = {
  login: (username: string, password: string, options?: RequestOptions) =>
    http.post<SessionPayload>('/api/v1/auth/login', { username, password }, options),
  me: (options?: RequestOptions) => http.get<SessionPayload>('/api/v1/auth/me', options),
  logout: (options?: RequestOptions) => http.post<void>('/api/v1/auth/logout', undefined, options),
  changePassword: (currentPassword: string, newPassword: string, options?: RequestOptions) =>
    http.post<void>('/api/v1/auth/password', { current_password: currentPassword, new_password: newPassword }, options),
}

export const systemApi = {
  health: (options?: RequestOptions) => http.get<Health>('/healthz', options),
}

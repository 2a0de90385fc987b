import { http, type RequestOptions } from './http'

export interface User {
  id: number
  username: string
  display_name: string
  roles: string[]
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
}

export const systemApi = {
  health: (options?: RequestOptions) => http.get<Health>('/healthz', options),
}

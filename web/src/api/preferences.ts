// The signed-in user's own page settings kept on the server (issue 3 point 7), so that a
// layout follows the user to other browsers and phones. Any signed-in user, own settings
// only; the last save wins (no version).
import { http, type RequestOptions } from './http'

export interface Preference<T = unknown> {
  key: string
  /** The saved JSON value; null when never set. */
  value: T | null
  updated_at: number | null
}

const path = (key: string) => `/api/v1/preferences/${encodeURIComponent(key)}`

export const preferencesApi = {
  get: <T = unknown>(key: string, options?: RequestOptions) => http.get<Preference<T>>(path(key), options),
  /** Replaces the setting (at most 16 KiB as JSON); null removes it. */
  put: <T = unknown>(key: string, value: T | null, options?: RequestOptions) => http.put<Preference<T>>(path(key), { value }, options),
}

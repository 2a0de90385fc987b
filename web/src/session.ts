// The signed-in user, as a small reactive store (no Pinia needed for this much state).
import { reactive } from 'vue'
import { ElMessage } from 'element-plus'
import { authApi, type SessionPayload, type User } from './api/auth'
import { ApiError, setCsrfToken } from './api/http'
import { hasAnyPermission } from './admin/access'
import { sanitizeRules, type FieldRules } from './customers/fieldAccess'

export const session = reactive<{ user: User | null }>({ user: null })

export function setSession(payload: SessionPayload): void {
  // Older servers sent no permissions; an empty map keeps every admin page hidden.
  session.user = {
    ...payload.user,
    permissions: payload.user.permissions ?? {},
    unit_id: payload.user.unit_id ?? null,
    field_rules: sanitizeRules(payload.user.field_rules),
  }
  setCsrfToken(payload.csrf_token)
}

export function clearSession(): void {
  session.user = null
  setCsrfToken(null)
}

/** True when the signed-in user holds any one of the permissions. */
export function can(...permissions: string[]): boolean {
  return hasAnyPermission(session.user, permissions)
}

const NO_RULES: FieldRules = Object.freeze({})

/** The signed-in user's field rules (ADR 0015); none when signed out or from an older server. */
export function fieldRules(): FieldRules {
  return session.user?.field_rules ?? NO_RULES
}

let loading: Promise<void> | null = null

/** Asks the server once per page load who is signed in (GET /api/v1/auth/me). */
export function ensureSessionLoaded(): Promise<void> {
  if (!loading) {
    loading = authApi
      .me({ notify: false, handleUnauthenticated: false })
      .then(setSession)
      .catch((error: unknown) => {
        clearSession()
        // 401 is the normal "not signed in" answer; anything else (server down) is
        // worth retrying on the next navigation.
        if (!(error instanceof ApiError && error.status === 401)) {
          loading = null
          if (error instanceof Error) ElMessage.error(error.message)
        }
      })
  }
  return loading
}

/** Reads the session again (after the password change, which lifts must_change_password). */
export async function refreshSession(): Promise<void> {
  setSession(await authApi.me())
}

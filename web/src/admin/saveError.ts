import { ApiError } from '../api/http'

/**
 * What an admin dialog does when saving fails. A version conflict means the
 * record changed meanwhile: the dialog closes and the page reloads it rather
 * than overwrite someone's change. Field errors go next to their fields (the
 * HTTP layer has already shown the problem's message). Anything that is not
 * an API error is a bug and is rethrown.
 */
export function applySaveError(
  error: unknown,
  fieldErrors: Record<string, string | undefined>,
  onConflict: () => void,
): void {
  if (!(error instanceof ApiError)) throw error
  if (error.code === 'version_conflict') {
    onConflict()
    return
  }
  Object.assign(fieldErrors, error.fieldErrors)
}

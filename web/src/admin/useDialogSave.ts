import { reactive, ref, type Ref } from 'vue'
import { applySaveError } from './saveError'

/**
 * The save button of an admin dialog: one save at a time, field errors cleared before and
 * placed after, the dialog closed when saved, and on a version conflict closed for the page
 * to reload the record (applySaveError).
 */
export function useDialogSave<T>(open: Ref<boolean>, onSaved: (saved: T) => void, onConflict: () => void) {
  const busy = ref(false)
  const fieldErrors = reactive<Record<string, string | undefined>>({})
  const clearErrors = () => {
    for (const key of Object.keys(fieldErrors)) delete fieldErrors[key]
  }

  /** `check` runs first (form validation); `save` gives the saved record, or null when there was nothing to save. */
  async function run(save: () => Promise<T | null>, check: () => Promise<boolean> | boolean = () => true): Promise<void> {
    if (busy.value) return
    clearErrors()
    if (!(await check())) return
    busy.value = true
    try {
      const saved = await save()
      open.value = false
      if (saved !== null) onSaved(saved)
    } catch (error) {
      applySaveError(error, fieldErrors, () => {
        open.value = false
        onConflict()
      })
    } finally {
      busy.value = false
    }
  }

  return { busy, fieldErrors, clearErrors, run }
}

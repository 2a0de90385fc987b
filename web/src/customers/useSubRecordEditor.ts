// The add / edit dialog of a contact or an account (CUS-4, CUS-7): its values, the
// message under each item (the dialog's own "name required", then the server's field
// errors, each kept until its value changes) and saving: POST, or PATCH of the changed
// members only with the record's own version (customers/subRecordForm.ts). A refusal that
// means the list is outdated (version_conflict …) closes the dialog and goes to the tab.
import { reactive, ref, watch, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { ElMessage } from 'element-plus'
import { ApiError } from '../api/http'
import {
  createBody, formFromRecord, maskedPlaceholders, missingRequired, patchBody, splitFieldErrors,
  type FormValue, type FormValues, type SubRecordLike, type SubRecordSpec,
} from './subRecordForm'
import { problemKind } from './subRecordRules'

export type SubRecordBody = Record<string, FormValue>

export interface SubRecordEditorOptions<R> {
  open: Ref<boolean>
  /** The record being edited; null adds one. */
  record: () => R | null
  create: (body: SubRecordBody) => Promise<R>
  update: (record: R, body: SubRecordBody) => Promise<R>
  requiredMessage: () => string
  saved: (record: R, created: boolean) => void
  /** stale / frozen answers (customers/subRecordRules.ts), after the dialog closed. */
  problem: (error: ApiError) => void
}

export function useSubRecordEditor<R extends SubRecordLike>(spec: SubRecordSpec, o: SubRecordEditorOptions<R>) {
  const { t } = useI18n()
  const values = reactive<FormValues>({})
  /** Masked values (SEC-3) by member: shown as placeholders of empty inputs. */
  const placeholders = ref<Record<string, string>>({})
  const serverErrors = reactive<Record<string, { message: string; value: string }>>({})
  const submitted = ref(false)
  const busy = ref(false)

  const snapshot = (field: string) => JSON.stringify(values[field] ?? null)
  const clearServerErrors = () => Object.keys(serverErrors).forEach((k) => delete serverErrors[k])

  watch(o.open, (isOpen) => {
    if (!isOpen) return
    const record = o.record()
    Object.keys(values).forEach((k) => delete values[k])
    Object.assign(values, formFromRecord(spec, record))
    placeholders.value = maskedPlaceholders(spec, record)
    clearServerErrors()
    submitted.value = false
  })

  function errorOf(field: string): string {
    const server = serverErrors[field]
    if (server && server.value === snapshot(field)) return server.message
    if (field === spec.required && submitted.value && missingRequired(spec, values)) return o.requiredMessage()
    return ''
  }

  async function submit() {
    if (busy.value) return
    submitted.value = true
    clearServerErrors()
    if (missingRequired(spec, values)) return
    const record = o.record()
    const body = record ? patchBody(spec, record, values) : createBody(spec, values)
    if (!body) {
      ElMessage.info(t('customers.form.noChanges'))
      o.open.value = false
      return
    }
    busy.value = true
    try {
      const saved = record ? await o.update(record, body) : await o.create(body)
      o.open.value = false
      o.saved(saved, !record)
    } catch (error) {
      onSaveError(error)
    } finally {
      busy.value = false
    }
  }

  function onSaveError(error: unknown) {
    if (!(error instanceof ApiError)) throw error
    const errors = error.problem.errors ?? []
    const kind = problemKind(error.code, errors.length > 0)
    if (kind === 'stale' || kind === 'frozen') {
      o.open.value = false
      o.problem(error)
      return
    }
    // validation_failed: the server's messages (in the UI language) under their items;
    // the dialog stays open with what the user typed.
    const { inForm, elsewhere } = splitFieldErrors(spec, errors)
    for (const [field, message] of Object.entries(inForm)) serverErrors[field] = { message, value: snapshot(field) }
    ElMessage.error([error.message, ...elsewhere.map((e) => `${e.field}：${e.message}`)].join(' '))
  }

  return { values, placeholders, busy, errorOf, submit }
}

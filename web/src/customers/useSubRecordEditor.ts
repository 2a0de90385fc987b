// The add / edit dialog of a contact, an account or a note (CUS-4, CUS-7, CUS-18): its
// values, the message under each item (the dialog's own "name required" or "not an
// amount", then the server's field errors, each kept until its value changes) and saving:
// POST, or PATCH of the changed members only with the record's own version
// (customers/subRecordForm.ts). A refusal that means the list is outdated
// (version_conflict …) closes the dialog and goes to the tab. The user's field rules
// (ADR 0015) decide which members the dialog shows (`shown`) and which it shows disabled
// (`readonlyNote`); neither kind is sent. A 403 field_forbidden (the rules changed since
// sign-in) reads the session again, so that the dialog hides or disables those members.
import { computed, reactive, ref, watch, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { ElMessage } from 'element-plus'
import { ApiError, type RequestOptions } from '../api/http'
import type { FieldError } from '../api/problem'
import {
  createBody, formFromRecord, localIssues, maskedPlaceholders, memberAccess, memberRules, patchBody, splitFieldErrors,
  type FormValue, type FormValues, type SubRecordLike, type SubRecordSpec,
} from './subRecordForm'
import { problemKind } from './subRecordRules'
import { fieldRules, refreshSession } from '../session'

export type SubRecordBody = Record<string, FormValue>

/** The create and update routes of one kind of record (contactsApi, accountsApi, notesApi). */
export interface SubRecordRoutes<R> {
  create(customerId: number, body: SubRecordBody, options?: RequestOptions): Promise<R>
  update(customerId: number, recordId: number, version: number, body: SubRecordBody, options?: RequestOptions): Promise<R>
}

export interface SubRecordEditorOptions<R> {
  open: Ref<boolean>
  /** The record being edited; null adds one. */
  record: () => R | null
  customerId: () => number
  /** Where it is saved (the server's messages are shown by the dialog, not by http.ts). */
  routes: SubRecordRoutes<R>
  requiredMessage: () => string
  /** A clearer message than the server's generic one for some field errors (else undefined). */
  fieldMessage?: (error: FieldError) => string | undefined
  /** The label of a member, naming a server error of a member the dialog does not show. */
  label?: (field: string) => string
  saved: (record: R, created: boolean) => void
  /** stale / frozen answers (customers/subRecordRules.ts), after the dialog closed. */
  problem: (error: ApiError) => void
}

export function useSubRecordEditor<R extends SubRecordLike & { id: number; version: number }>(spec: SubRecordSpec, o: SubRecordEditorOptions<R>) {
  const { t } = useI18n()
  const values = reactive<FormValues>({})
  /** Masked values (SEC-3) by member: shown as placeholders of empty inputs. */
  const placeholders = ref<Record<string, string>>({})
  const serverErrors = reactive<Record<string, { message: string; value: string }>>({})
  const submitted = ref(false)
  const busy = ref(false)

  const snapshot = (field: string) => JSON.stringify(values[field] ?? null)

  /** The session's rules of these members (reactive: they change when the session is read again). */
  const rules = computed(() => memberRules(spec, fieldRules()))
  const accessOf = (field: string) => memberAccess(spec, rules.value, field, o.record())
  /** The dialog has an item for the member (not hidden from the user). */
  const shown = (field: string) => accessOf(field) !== 'hidden'
  /** Why the member's input is disabled (read-only for the user's roles), or ''. */
  const readonlyNote = (field: string) => (accessOf(field) === 'read' ? t('fieldRules.readOnlyField') : '')
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
    const issue = submitted.value ? localIssues(spec, values)[field] : undefined
    if (!issue) return ''
    return issue === 'required' ? o.requiredMessage() : t(`customers.errors.${issue}`)
  }

  async function submit() {
    if (busy.value) return
    submitted.value = true
    clearServerErrors()
    if (Object.keys(localIssues(spec, values)).length) return
    const record = o.record()
    const body = record ? patchBody(spec, record, values, rules.value) : createBody(spec, values, rules.value)
    if (!body) {
      ElMessage.info(t('customers.form.noChanges'))
      o.open.value = false
      return
    }
    busy.value = true
    try {
      const quiet = { notify: false }
      const saved = record
        ? await o.routes.update(o.customerId(), record.id, record.version, body, quiet)
        : await o.routes.create(o.customerId(), body, quiet)
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
    // The user's field rules changed meanwhile (403 field_forbidden): read them again, so
    // that the dialog hides or disables the members named (their values are then not sent).
    if (error.code === 'field_forbidden') void refreshSession().catch(() => undefined)
    // validation_failed, field_forbidden: the server's messages (in the UI language) under
    // their items; the dialog stays open with what the user typed.
    const { inForm, elsewhere } = splitFieldErrors(spec, errors.map((e) => ({ ...e, message: o.fieldMessage?.(e) ?? e.message })), shown)
    for (const [field, message] of Object.entries(inForm)) serverErrors[field] = { message, value: snapshot(field) }
    const name = (field: string) => (o.label && spec.fields.includes(field) ? o.label(field) : field)
    ElMessage.error([error.message, ...elsewhere.map((e) => `${name(e.field)}：${e.message}`)].join(' '))
  }

  return { values, placeholders, busy, errorOf, submit, shown, readonlyNote }
}

// State and live checks of the customer form, provided to its section components
// (customers/formContext.ts). The page (CustomerFormView) loads, saves and handles problems.
import { computed, provide, reactive, ref, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import type { Customer, CustomerKind } from '../api/customers'
import { can, fieldRules } from '../session'
import { isHidden, isReadOnly } from './fieldAccess'
import { IDENTITY_KEYS, isMaskedField } from './fields'
import { emptyForm, formFromCustomer, type CustomerForm } from './form'
import { FORM_CONTEXT } from './formContext'
import { maskedFieldReasonKey } from './reveal'
import { blockingIssues, formIssues, overridable, submitBlockers } from './formIssues'
import { useIssueMessage } from './useIssueMessage'
import { todayYmd } from './validators'

export function useCustomerForm(isCreate: Ref<boolean>) {
  const { t } = useI18n()
  const issueMessage = useIssueMessage()
  const today = todayYmd()

  const form = reactive<CustomerForm>(emptyForm())
  const original = ref<Customer | null>(null)
  const submitted = ref(false)
  const touched = reactive(new Set<string>())
  /** A server error stays under its item until the value there changes. */
  const serverErrors = reactive<Record<string, { message: string; value?: string }>>({})
  const override = ref(false)
  const overrideReason = ref('')
  let snapshot = ''

  /** Custom fields (CUS-6) are items `custom.<key>` with their value in `form.custom`. */
  const valueOf = (item: string) =>
    JSON.stringify((item.startsWith('custom.') ? form.custom[item.slice(7)] : form[item as keyof CustomerForm]) ?? null)
  const hasItem = (item: string) => item in form || item.startsWith('custom.')

  function clearServerErrors() {
    for (const k of Object.keys(serverErrors)) delete serverErrors[k]
  }
  /** The first error the server gave for an item stays (e.g. masked_value before invalid_format). */
  function setServerError(item: string, message: string) {
    if (item in serverErrors) return
    serverErrors[item] = { message, value: hasItem(item) ? valueOf(item) : undefined }
  }

  function reset(c: Customer | null, kind: CustomerKind = 'organization') {
    Object.assign(form, c ? formFromCustomer(c) : emptyForm(kind))
    original.value = c
    submitted.value = false
    touched.clear()
    clearServerErrors()
    override.value = false
    overrideReason.value = ''
    markSaved()
  }
  /** The current values count as saved (no "unsaved changes" question on leaving). */
  function markSaved() {
    snapshot = JSON.stringify(form)
  }
  const isDirty = () => JSON.stringify(form) !== snapshot

  const issues = computed(() => formIssues(form, original.value, today))
  const isOverridable = computed(() => overridable(issues.value))
  const overrideActive = computed(() => can('customer.verify') && isOverridable.value && override.value)
  const blocking = computed(() => blockingIssues(issues.value, overrideActive.value))
  /** Nothing the form checks itself stops a save (an active override needs its reason). */
  const canSubmit = () => !submitBlockers(issues.value).length && !(overrideActive.value && !overrideReason.value.trim())

  function errorOf(item: string): string {
    const server = serverErrors[item]
    if (server && (server.value === undefined || server.value === valueOf(item))) return server.message
    if (item === 'override_reason') {
      return submitted.value && overrideActive.value && !overrideReason.value.trim() ? t('customers.form.overrideReasonRequired') : ''
    }
    const issue = blocking.value[item]
    return issue && (submitted.value || touched.has(item)) ? issueMessage(item, issue) : ''
  }

  function readonlyReason(item: string): string {
    // Read-only for the user's roles (ADR 0015), on create too (then not sent at all).
    if (isReadOnly(fieldRules(), item)) return t('fieldRules.readOnlyField')
    const o = original.value
    if (!o) return ''
    if (o.identity_locked && (IDENTITY_KEYS as readonly string[]).includes(item)) return t('customers.form.lockedField')
    // Masked for everyone until revealed (SEC-3): reveal on the detail page first, if allowed.
    if (isMaskedField(o, item)) return t(maskedFieldReasonKey(o))
    if (item === 'status' && o.status === 'deregistered') return t('customers.form.statusDeregistered')
    return ''
  }

  provide(FORM_CONTEXT, {
    form,
    get original() {
      return original.value
    },
    get isCreate() {
      return isCreate.value
    },
    errorOf,
    touch: (item: string) => void touched.add(item),
    readonlyReason,
    isHidden: (item: string) => isHidden(fieldRules(), item),
  })

  return {
    form, original, submitted, override, overrideReason, isOverridable, overrideActive,
    reset, markSaved, isDirty, canSubmit, clearServerErrors, setServerError,
  }
}

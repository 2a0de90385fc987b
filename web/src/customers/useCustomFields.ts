// The custom field definitions (CUS-6), fetched once per page load and shared by the form,
// the detail page, the list and the history. A failed fetch leaves the list empty and is
// retried by the next caller; the admin page refreshes it after a change.
import { computed, ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { customFieldsApi, type CustomField } from '../api/customFields'
import { customDisplay, customLabel } from './customFields'

const fields = ref<CustomField[]>([])
let pending: Promise<void> | null = null
let loaded = false

export function loadCustomFields(force = false): Promise<void> {
  if (pending && !force) return pending
  if (loaded && !force) return Promise.resolve()
  pending = customFieldsApi
    .list({ notify: false })
    .then((page) => {
      fields.value = page.items
      loaded = true
    })
    .catch(() => undefined)
    .finally(() => {
      pending = null
    })
  return pending
}

export function setCustomFields(items: CustomField[]): void {
  fields.value = items
  loaded = true
}

export function useCustomFields() {
  const { locale } = useI18n()
  void loadCustomFields()
  const english = computed(() => locale.value === 'en')
  const byKey = computed(() => new Map(fields.value.map((f) => [f.key, f])))
  return {
    fields,
    byKey,
    english,
    /** The label of a field key (the key itself when unknown). */
    label: (key: string) => {
      const f = byKey.value.get(key)
      return f ? customLabel(f, english.value) : key
    },
    display: (key: string, value: unknown) => customDisplay(byKey.value.get(key), value, english.value),
  }
}

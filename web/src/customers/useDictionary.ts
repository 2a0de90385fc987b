// Dictionary items fetched once per page load and shared by every select and label.
// A failed fetch leaves the list empty (codes are then shown as they are) and is retried
// by the next caller.
import { ref, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { dictionariesApi, type DictionaryItem } from '../api/customers'
import { itemLabel } from './dictionary'
import type { Labeler } from './display'

const cache = new Map<string, Ref<DictionaryItem[]>>()

export function dictionaryItems(name: string): Ref<DictionaryItem[]> {
  const cached = cache.get(name)
  if (cached) return cached
  const items = ref<DictionaryItem[]>([])
  cache.set(name, items)
  dictionariesApi
    .items(name, { notify: false })
    .then((page) => (items.value = page.items))
    .catch(() => cache.delete(name))
  return items
}

/** The labeler of customers/display.ts for components (translations + dictionaries). */
export function useCustomerLabeler(): Labeler {
  const { t, te, locale } = useI18n()
  return {
    t: (key, params) => (params ? t(key, params) : t(key)),
    te: (key) => te(key),
    dictLabel: (dict, code) => itemLabel(dictionaryItems(dict).value, code, locale.value === 'en'),
  }
}

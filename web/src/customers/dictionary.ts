// Dictionary items (CUS-5) in selects: retired items are not offered for new values but
// still shown when a record already has one. Pure functions (dictionary.test.ts).
import type { DictionaryItem } from '../api/customers'

const byOrder = (a: DictionaryItem, b: DictionaryItem) => a.sort_order - b.sort_order || a.code.localeCompare(b.code)

/** The options of a select whose value is `current` (`includeRetired` for list filters). */
export function selectableItems(items: readonly DictionaryItem[], current?: string | null, includeRetired = false): DictionaryItem[] {
  return items.filter((i) => includeRetired || !i.retired || i.code === current).sort(byOrder)
}

/** The label of an item in the UI language (English falls back to the Chinese label). */
export function labelOf(item: DictionaryItem, english = false): string {
  return (english && item.label_en) || item.label
}

/** The label of a code; the code itself when the dictionary does not know it (or is not loaded). */
export function itemLabel(items: readonly DictionaryItem[], code: string | null | undefined, english = false): string {
  if (code === null || code === undefined || code === '') return ''
  const item = items.find((i) => i.code === code)
  return item ? labelOf(item, english) : code
}

// Custom fields (附加属性, CUS-6) in the customer pages: which fields a form shows, what it
// sends (`custom` on create: the filled fields; on edit: only the changed keys, null to
// clear), labels of fields and options in the UI language, list columns and filters.
// Pure functions (customFields.test.ts); no runtime imports from the API module.
import type { CustomField, CustomOption } from '../api/customFields'

export type CustomValue = string | number | string[] | null
export type CustomValues = Record<string, CustomValue>

const byOrder = (a: CustomField, b: CustomField) => a.sort_order - b.sort_order || a.id - b.id

/** The field's label in the UI language (English falls back to the Chinese label). */
export function customLabel(field: Pick<CustomField, 'label' | 'label_en'>, english = false): string {
  return (english && field.label_en) || field.label
}

export function optionLabel(field: Pick<CustomField, 'options'>, code: string, english = false): string {
  const option = field.options.find((o) => o.code === code)
  return option ? (english && option.label_en) || option.label : code
}

export const appliesToKind = (field: Pick<CustomField, 'applies_to'>, kind: string) =>
  field.applies_to === 'all' || field.applies_to === kind

/**
 * The fields a customer's form shows, in display order: the active ones for its kind, and
 * retired ones the record still has a value for (shown read-only).
 */
export function formFields(fields: readonly CustomField[], kind: string, current: Record<string, unknown> = {}): CustomField[] {
  return fields
    .filter((f) => appliesToKind(f, kind) && (f.status === 'active' || hasValue(current[f.key])))
    .sort(byOrder)
}

/** The options a select offers: the active ones, and retired ones already on the record. */
export function selectableOptions(field: Pick<CustomField, 'options'>, current?: unknown): CustomOption[] {
  const held = new Set(Array.isArray(current) ? current.map(String) : current == null ? [] : [String(current)])
  return field.options.filter((o) => !o.retired || held.has(o.code))
}

export function hasValue(value: unknown): boolean {
  if (value === null || value === undefined) return false
  if (typeof value === 'string') return value.trim() !== ''
  if (Array.isArray(value)) return value.length > 0
  return true
}

/** The form's values of a record (arrays copied). */
export function customFormFrom(custom: Record<string, unknown> | null | undefined): CustomValues {
  const out: CustomValues = {}
  for (const [key, value] of Object.entries(custom ?? {})) out[key] = Array.isArray(value) ? value.map(String) : (value as CustomValue)
  return out
}

/** A form value as it is sent: text trimmed, '' / [] → null, multiple choice sorted without repeats. */
export function normalizeValue(field: Pick<CustomField, 'type'>, value: unknown): CustomValue {
  if (value === undefined || value === null) return null
  switch (field.type) {
    case 'number': {
      if (typeof value === 'number') return Number.isFinite(value) ? value : null
      const text = String(value).trim()
      return text === '' ? null : Number.isFinite(Number(text)) ? Number(text) : text
    }
    case 'multi_choice': {
      const codes = Array.isArray(value) ? [...new Set(value.map(String))].sort() : []
      return codes.length ? codes : null
    }
    default: {
      const text = String(value).trim()
      return text === '' ? null : text
    }
  }
}

const editable = (f: CustomField) => f.status === 'active'

/** `custom` of a POST: the filled active fields of the kind; undefined when none. */
export function customCreate(fields: readonly CustomField[], kind: string, form: Record<string, unknown>): CustomValues | undefined {
  const out: CustomValues = {}
  for (const f of fields) {
    if (!editable(f) || !appliesToKind(f, kind)) continue
    const value = normalizeValue(f, form[f.key])
    if (value !== null) out[f.key] = value
  }
  return Object.keys(out).length ? out : undefined
}

function same(a: CustomValue, b: unknown): boolean {
  const norm = (v: unknown) => (Array.isArray(v) ? [...v].map(String).sort() : v ?? null)
  return JSON.stringify(norm(a)) === JSON.stringify(norm(b))
}

/** `custom` of a PATCH: only the keys whose value changed (null clears one); undefined when none did. */
export function customPatch(
  fields: readonly CustomField[], kind: string, original: Record<string, unknown> | null | undefined, form: Record<string, unknown>,
): CustomValues | undefined {
  const out: CustomValues = {}
  for (const f of fields) {
    if (!editable(f) || !appliesToKind(f, kind)) continue
    const value = normalizeValue(f, form[f.key])
    if (!same(value, original?.[f.key])) out[f.key] = value
  }
  return Object.keys(out).length ? out : undefined
}

/**
 * A value as text: option labels for choices (joined with 、), the text otherwise. History
 * rows carry values as text, a multiple choice perhaps as JSON text; both are handled.
 */
export function customDisplay(field: Pick<CustomField, 'type' | 'options'> | undefined, value: unknown, english = false, empty = '—'): string {
  if (!hasValue(value)) return empty
  let v = value
  if (field?.type === 'multi_choice' && typeof v === 'string' && v.startsWith('[')) {
    try {
      v = JSON.parse(v)
    } catch {
      // shown as it is
    }
  }
  if (!field) return Array.isArray(v) ? v.join('、') : String(v)
  if (field.type === 'choice' || field.type === 'multi_choice') {
    const codes = Array.isArray(v) ? v.map(String) : [String(v)]
    return codes.map((c) => optionLabel(field, c, english)).join('、')
  }
  return Array.isArray(v) ? v.join('、') : String(v)
}

// ---- list columns and filters ----

export const CUSTOM_PREFIX = 'custom.'
const CUSTOM_NAME = /^custom\.[a-z][a-z0-9_]{0,39}$/

/** `custom.<key>` → key; null for anything else. */
export function customKeyOf(name: string): string | null {
  return CUSTOM_NAME.test(name) ? name.slice(CUSTOM_PREFIX.length) : null
}

/** Fields offered as list filters: choices (select of options) and text (exact value). */
export function filterFields(fields: readonly CustomField[]): CustomField[] {
  return fields.filter((f) => f.status === 'active' && (f.type === 'choice' || f.type === 'multi_choice' || f.type === 'text')).sort(byOrder)
}

/** The custom filters of an address query (`custom.<key>=value`), keyed by field key. */
export function customFiltersFromQuery(query: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, raw] of Object.entries(query)) {
    const key = customKeyOf(name)
    const value = Array.isArray(raw) ? raw[0] : raw
    if (key && typeof value === 'string' && value.trim() !== '' && value.length <= 500) out[key] = value.trim()
  }
  return out
}

/** Back to `custom.<key>` query members (empty values left out), sorted by key for a stable address. */
export function customFiltersToQuery(filters: Record<string, string | null | undefined>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const key of Object.keys(filters).sort()) {
    const value = filters[key]?.trim()
    if (value && /^[a-z][a-z0-9_]{0,39}$/.test(key)) out[CUSTOM_PREFIX + key] = value
  }
  return out
}

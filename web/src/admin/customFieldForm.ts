// The create/edit dialog of a custom field (CUS-6) and what it sends: every member on
// create; on edit only the changed ones with the version. Options are edited as a list in
// which saved options cannot be removed, only retired. Pure functions (customFieldForm.test.ts).
import type { CustomAppliesTo, CustomField, CustomFieldInput, CustomFieldType, CustomOption } from '../api/customFields'

export interface OptionRow {
  code: string
  label: string
  label_en: string
  retired: boolean
  /** Already on the server: the code is fixed and the row cannot be removed. */
  saved: boolean
}

export interface CustomFieldForm {
  key: string
  type: CustomFieldType
  label: string
  label_en: string
  options: OptionRow[]
  required: boolean
  unique: boolean
  pattern: string
  applies_to: CustomAppliesTo
  sort_order: number
}

export const isChoice = (type: CustomFieldType) => type === 'choice' || type === 'multi_choice'

export function emptyFieldForm(): CustomFieldForm {
  return { key: '', type: 'text', label: '', label_en: '', options: [], required: false, unique: false, pattern: '', applies_to: 'all', sort_order: 0 }
}

export function fieldFormFrom(f: CustomField): CustomFieldForm {
  return {
    key: f.key,
    type: f.type,
    label: f.label,
    label_en: f.label_en ?? '',
    options: f.options.map((o) => ({ code: o.code, label: o.label, label_en: o.label_en ?? '', retired: !!o.retired, saved: true })),
    required: f.required,
    unique: f.unique,
    pattern: f.pattern ?? '',
    applies_to: f.applies_to,
    sort_order: f.sort_order,
  }
}

export function optionsOf(form: CustomFieldForm): CustomOption[] {
  return form.options.map((o) => {
    const option: CustomOption = { code: o.code.trim(), label: o.label.trim() }
    if (o.label_en.trim()) option.label_en = o.label_en.trim()
    if (o.retired) option.retired = true
    return option
  })
}

/** Choice types need at least one option, each with a code and a name. */
export function optionsMissing(form: CustomFieldForm): boolean {
  return isChoice(form.type) && (form.options.length === 0 || form.options.some((o) => !o.code.trim() || !o.label.trim()))
}

/** The members that apply to the type (unique: not for choices; pattern: text only). */
function members(form: CustomFieldForm): CustomFieldInput {
  const body: CustomFieldInput = {
    label: form.label.trim(),
    label_en: form.label_en.trim(),
    required: form.required,
    applies_to: form.applies_to,
    sort_order: form.sort_order,
  }
  if (isChoice(form.type)) body.options = optionsOf(form)
  else body.unique = form.unique
  if (form.type === 'text') body.pattern = form.pattern.trim() === '' ? null : form.pattern.trim()
  return body
}

export function createFieldBody(form: CustomFieldForm): CustomFieldInput {
  const body: CustomFieldInput = { key: form.key.trim(), type: form.type, ...members(form) }
  if (body.pattern === null) delete body.pattern
  if (body.label_en === '') delete body.label_en
  return body
}

const norm = (options: readonly CustomOption[]) =>
  JSON.stringify(options.map((o) => ({ code: o.code, label: o.label, label_en: o.label_en ?? '', retired: !!o.retired })))

/** The PATCH body: the changed members and the version; null when nothing changed. */
export function updateFieldBody(field: CustomField, form: CustomFieldForm): (CustomFieldInput & { version: number }) | null {
  const next = members(form)
  const body: CustomFieldInput = {}
  if (next.label !== field.label) body.label = next.label
  if (next.label_en !== (field.label_en ?? '')) body.label_en = next.label_en
  if (next.required !== field.required) body.required = next.required
  if (next.applies_to !== field.applies_to) body.applies_to = next.applies_to
  if (next.sort_order !== field.sort_order) body.sort_order = next.sort_order
  if (next.unique !== undefined && next.unique !== field.unique) body.unique = next.unique
  if (next.pattern !== undefined && next.pattern !== (field.pattern ?? null)) body.pattern = next.pattern
  if (next.options && norm(next.options) !== norm(field.options)) body.options = next.options
  return Object.keys(body).length ? { ...body, version: field.version } : null
}

/** Server field names to dialog items: `options[2].code` / `options.2.code` → `options`. */
export function dialogItemOf(field: string): string {
  return field.startsWith('options') ? 'options' : field
}

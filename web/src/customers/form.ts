// The create/edit form model and what it sends: everything set on create, only the
// changed fields on edit (PATCH with If-Match), and the diff shown on a version conflict.
// Pure functions (form.test.ts).
import type { Customer, CustomerCreate, CustomerFields, CustomerKind, CustomerPatch } from '../api/customers'
import { fieldAppliesTo, isMaskedField, SENSITIVE_FIELDS } from './fields'
import { formatFen, parseYuan } from './money'
import { customFormFrom, type CustomValues } from './customFields'

/** Writable fields edited by this form (owner, accountability and custom attributes have their own flows). */
export const FORM_FIELDS = [
  'kind', 'name', 'short_name', 'id_type', 'id_number', 'uscc', 'org_code',
  'phone', 'mobile', 'fax', 'email', 'website', 'region_code', 'address', 'postal_code',
  'birthday', 'birthday_reminder', 'gender',
  'legal_representative', 'founded_on', 'registered_capital_fen', 'business_scope', 'staff_size', 'nature',
  'customer_type', 'industry', 'source', 'status', 'grade', 'value_tier', 'settlement', 'customer_class', 'strategic',
  'route', 'star_rating', 'tags', 'importance', 'friendliness', 'satisfaction',
  'service_region', 'sales_capacity', 'potential', 'management_style',
  'performance', 'cooperation_attitude', 'competitor_relation',
  'credit_standing', 'trading_terms', 'credit_problems',
] as const satisfies readonly (keyof CustomerFields)[]

export type FormField = (typeof FORM_FIELDS)[number]

/** Switches: false unless set (an older server may leave one out), sent on create only when on. */
const FLAGS: readonly string[] = ['strategic', 'birthday_reminder']
type Values = Pick<CustomerFields, FormField>

/**
 * The form: the values, except money, which is typed as 元 text, and the custom fields
 * (CUS-6) by key, whose body members are made by customers/customFields.ts.
 */
export type CustomerForm = Omit<Values, 'registered_capital_fen'> & { registered_capital_yuan: string; custom: CustomValues }

export function emptyForm(kind: CustomerKind = 'organization'): CustomerForm {
  const form = { kind, status: 'potential', strategic: false, birthday_reminder: false, tags: [], registered_capital_yuan: '', custom: {} } as Record<string, unknown>
  for (const f of FORM_FIELDS) if (!(f in form) && f !== 'registered_capital_fen') form[f] = null
  form.id_type = 'resident_id'
  return form as CustomerForm
}

export function formFromCustomer(c: Customer): CustomerForm {
  const form = emptyForm(c.kind) as Record<string, unknown>
  for (const f of FORM_FIELDS) {
    if (f === 'registered_capital_fen') continue
    const value = c[f]
    form[f] = Array.isArray(value) ? [...value] : value ?? (f === 'id_type' ? 'resident_id' : FLAGS.includes(f) ? false : null)
  }
  form.registered_capital_yuan = formatFen(c.registered_capital_fen, false)
  form.custom = customFormFrom(c.custom)
  return form as CustomerForm
}

export type ValuesResult = { ok: true; values: Partial<Values> } | { ok: false; field: 'registered_capital_yuan'; code: string }

/**
 * The values to send: text trimmed ('' → null), money parsed to fen, tags trimmed and
 * de-duplicated, and the fields of the other kind left out.
 */
export function formValues(form: CustomerForm): ValuesResult {
  const values: Record<string, unknown> = {}
  for (const f of FORM_FIELDS) {
    if (!fieldAppliesTo(f, form.kind)) continue
    if (f === 'registered_capital_fen') {
      const parsed = parseYuan(form.registered_capital_yuan ?? '')
      if (!parsed.ok) return { ok: false, field: 'registered_capital_yuan', code: parsed.code }
      values[f] = parsed.fen
      continue
    }
    let value: unknown = form[f as keyof CustomerForm]
    if (typeof value === 'string') value = value.trim() === '' ? null : value.trim()
    if (f === 'tags') value = [...new Set(((value as string[] | null) ?? []).map((t) => t.trim()).filter(Boolean))]
    if (value === undefined || value === '') value = null
    values[f] = value
  }
  return { ok: true, values: values as Partial<Values> }
}

export function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b) || (typeof a === 'object' && a) || (typeof b === 'object' && b)) {
    return JSON.stringify(a ?? null) === JSON.stringify(b ?? null)
  }
  return (a ?? null) === (b ?? null)
}

/** The POST body: only what is set (plus kind, name and status). */
export function createBody(values: Partial<Values>): CustomerCreate {
  const body: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(values)) {
    if (value === null || value === undefined) continue
    if (Array.isArray(value) && value.length === 0) continue
    if (FLAGS.includes(key) && value === false) continue
    body[key] = value
  }
  // id_type without a number says nothing.
  if (!body.id_number) delete body.id_type
  return body as CustomerCreate
}

/**
 * Set when creating only (PATCH answers `read_only`). The status is edited like any other
 * field among potential, target, active and lost (CUS-8); deregistering and restoring
 * are actions of the detail page.
 */
export const CREATE_ONLY: readonly string[] = ['kind']

/**
 * The PATCH body: the fields whose value differs from the loaded record. Masked values
 * (shown as the server masked them) and create-only fields are never sent. Null when
 * nothing changed.
 */
export function patchBody(original: Customer, values: Partial<Values>): CustomerPatch | null {
  const body: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(values)) {
    if (isMaskedField(original, key) || CREATE_ONLY.includes(key)) continue
    if (key === 'id_type' && !values.id_number && !original.id_number) continue
    if (!sameValue(value, original[key as keyof Customer])) body[key] = value
  }
  return Object.keys(body).length ? (body as CustomerPatch) : null
}

/** Fields (of the given ones) whose values differ between two versions of a record. */
export function changedFields(a: Partial<Customer>, b: Partial<Customer>, fields: readonly string[]): string[] {
  return fields.filter((f) => !sameValue(a[f as keyof Customer], b[f as keyof Customer]))
}

/**
 * Everything a user can see changed on a record (for the version-conflict diff). Codes,
 * not names: the `current` of a version_conflict carries no owner_name or region_name.
 */
export const DIFF_FIELDS: readonly string[] = [
  ...FORM_FIELDS, 'list_status', 'list_reason', 'verification_status', 'identity_locked', 'abnormal', 'owner_id', 'deregister_reason',
]

export interface ConflictRow {
  field: string
  loaded: unknown
  current: unknown
  /** This user's value, when they changed the field too. */
  mine?: unknown
}

/**
 * What someone else changed since the form was loaded, and which of those this user changed
 * too. When one side is masked and the other not (a reveal window began or ended between
 * them, SEC-3), their sensitive values differ only in masking and are left out.
 */
export function conflictRows(loaded: Customer, current: Customer, mine: CustomerPatch): ConflictRow[] {
  const comparable = loaded.masked === current.masked
    ? DIFF_FIELDS
    : DIFF_FIELDS.filter((f) => !(SENSITIVE_FIELDS as readonly string[]).includes(f))
  return changedFields(loaded, current, comparable).map((field) => {
    const row: ConflictRow = { field, loaded: loaded[field as keyof Customer], current: current[field as keyof Customer] }
    if (field in mine) row.mine = mine[field as keyof CustomerPatch]
    return row
  })
}

/**
 * "Apply my changes again": a form on top of the current record with this user's changed
 * fields (`mine`, the patch that failed) put back, to be checked and saved again.
 */
export function rebaseForm(current: Customer, mine: CustomerPatch, form: CustomerForm): CustomerForm {
  const next = formFromCustomer(current) as Record<string, unknown>
  for (const key of Object.keys(mine)) {
    if (key === 'registered_capital_fen') next.registered_capital_yuan = form.registered_capital_yuan
    else if (key === 'custom') {
      const custom = { ...(next.custom as CustomValues) }
      for (const k of Object.keys(mine.custom ?? {})) custom[k] = form.custom[k] ?? null
      next.custom = custom
    } else if (key in next) next[key] = form[key as keyof CustomerForm]
  }
  return next as CustomerForm
}

/** Server field names to form item names (money is edited as 元). */
export function formItemOf(field: string): string {
  if (field === 'registered_capital_fen') return 'registered_capital_yuan'
  if (field === 'identity_override.reason' || field === 'identity_override') return 'override_reason'
  return field
}

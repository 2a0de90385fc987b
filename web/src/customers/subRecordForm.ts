// The values of the contact (CUS-4), account (CUS-7) and note (CUS-18, CUS-20) dialogs and
// what they send: everything set on create, only the changed members on edit (PATCH).
// Money is typed as 元 and sent in fen (customers/money.ts). A sensitive value
// the server masked (SEC-3) is never put into an input nor sent back — the server would
// refuse it with 422 masked_value: the input stays empty with the masked value as its
// placeholder, and only a value the user types is sent. Members of contacts and accounts
// follow the user's field rules (ADR 0015, `contact.<field>` / `account.<field>`): a hidden
// one is neither shown nor sent, a read-only one shown disabled and not sent (see
// memberAccess). Pure (subRecordForm.test.ts).
import type { FieldError } from '../api/problem'
import { memberOfRuleKey, rulesUnder, type FieldAccess, type FieldRules, type SubRecordPrefix } from './fieldAccess'
import { formatFen, parseYuan } from './money'
import { todayYmd } from './validators'

/** A dialog value (money as the 元 text typed), or a member of a body (money in fen). */
export type FormValue = string | number | boolean | null
export type FormValues = Record<string, FormValue>

export interface SubRecordSpec {
  /** Writable members, in form order (docs/customers.md, 联系人字段 / 账户字段). */
  fields: readonly string[]
  /** true / false members: never null, and only `true` is worth sending on create. */
  flags: readonly string[]
  /** Members the server masks for callers without customer.sensitive.read. */
  sensitive: readonly string[]
  /** The one member that cannot be empty (姓名 / 户名 / 标题). */
  required: string
  /** Values of a new record besides null and false (a function for values of the day). */
  defaults: Readonly<FormValues> | (() => Readonly<FormValues>)
  /** Amounts: fen on the wire, typed as 元 in the dialog. */
  money?: readonly string[]
  /**
   * Members that belong to one value of another member only (a cooperation's end and
   * amount): otherwise they count as empty — not sent on create, cleared on edit.
   */
  onlyWhen?: Readonly<Record<string, { field: string; value: string }>>
  /** The prefix of the field rules of its members (ADR 0015); none: the record is not ruled. */
  rulePrefix?: SubRecordPrefix
  /** Members no rule applies to: what tells the records apart (name, status). */
  unruled?: readonly string[]
}

export const CONTACT_SPEC: SubRecordSpec = {
  fields: [
    'name', 'gender', 'title', 'position', 'department', 'mobile', 'phone', 'email', 'wechat',
    'birthday', 'birthday_reminder', 'hobbies', 'decision_maker', 'status', 'notes',
  ],
  flags: ['birthday_reminder', 'decision_maker'],
  sensitive: ['mobile', 'phone', 'email', 'wechat', 'birthday'],
  required: 'name',
  defaults: { status: 'active' },
  rulePrefix: 'contact',
  unruled: ['name', 'status'],
}

export const ACCOUNT_SPEC: SubRecordSpec = {
  fields: ['account_name', 'bank_name', 'account_number', 'tax_number', 'purpose', 'is_default', 'notes'],
  flags: ['is_default'],
  sensitive: ['account_number'],
  required: 'account_name',
  defaults: {},
  rulePrefix: 'account',
  unruled: ['account_name', 'status'],
}

/** Today in Shanghai (the server's business day) as YYYY-MM-DD. */
export const todayIso = (now: Date = new Date()): string => String(todayYmd(now)).replace(/^(\d{4})(\d{2})(\d{2})$/, '$1-$2-$3')

export const NOTE_SPEC: SubRecordSpec = {
  fields: ['category', 'title', 'occurred_on', 'end_on', 'amount', 'content'],
  flags: [],
  sensitive: [],
  required: 'title',
  defaults: () => ({ category: 'note', occurred_on: todayIso() }),
  money: ['amount'],
  onlyWhen: {
    end_on: { field: 'category', value: 'cooperation' },
    amount: { field: 'category', value: 'cooperation' },
  },
}

/** A contact or an account as the server sent it (only what this module reads). */
export type SubRecordLike = object & { masked?: boolean }

const valueOf = (record: SubRecordLike, field: string): unknown => (record as Record<string, unknown>)[field]

/** The user's rules of one kind of record, by member (`mobile`, not `contact.mobile`). */
export type MemberRules = Readonly<Record<string, FieldAccess>>

/** The session's field rules as they apply to the members of this kind of record. */
export function memberRules(spec: SubRecordSpec, rules: FieldRules | null | undefined): MemberRules {
  return spec.rulePrefix ? rulesUnder(rules, spec.rulePrefix) : {}
}

/**
 * How the dialog offers a member: `hidden` (no item, never sent), `read` (shown disabled,
 * never sent) or `write`. A member the loaded record lacks is hidden too: the server leaves
 * a hidden member's key out, which also covers rules changed since sign-in.
 */
export function memberAccess(spec: SubRecordSpec, rules: MemberRules | null | undefined, field: string, record: SubRecordLike | null = null): FieldAccess | 'write' {
  if (!spec.rulePrefix || spec.unruled?.includes(field)) return 'write'
  const access = rules?.[field]
  if (access === 'hidden' || (record && !(field in record))) return 'hidden'
  return access === 'read' ? 'read' : 'write'
}

/**
 * The members of a listed record worth a row, in the order given: those the user may see
 * (see memberAccess) holding a value — no row, nor an empty label, for a hidden or empty one.
 */
export function listedMembers<F extends string>(spec: SubRecordSpec, rules: MemberRules | null | undefined, record: SubRecordLike, fields: readonly F[]): F[] {
  return fields.filter((field) => {
    if (memberAccess(spec, rules, field, record) === 'hidden') return false
    const value = valueOf(record, field)
    return value !== null && value !== undefined && value !== '' && value !== false
  })
}

const sendable = (spec: SubRecordSpec, rules: MemberRules | null | undefined, field: string, record: SubRecordLike | null) =>
  memberAccess(spec, rules, field, record) === 'write'

/**
 * The value is the server's masked form (`139****5678`, `N***@example.com`, `****-06-01`,
 * `****6789`). The record's `masked` says so; a sensitive value holding `***` counts too,
 * in case a (future) server leaves the flag out: sending either back would be refused.
 */
export function isMaskedValue(spec: SubRecordSpec, record: SubRecordLike, field: string): boolean {
  if (!spec.sensitive.includes(field)) return false
  const value = valueOf(record, field)
  if (typeof value !== 'string' || value === '') return false
  return record.masked === true || value.includes('***')
}

/** The masked values of a record, by member: the placeholders of their empty inputs. */
export function maskedPlaceholders(spec: SubRecordSpec, record: SubRecordLike | null): Record<string, string> {
  const out: Record<string, string> = {}
  if (!record) return out
  for (const field of spec.sensitive) {
    if (isMaskedValue(spec, record, field)) out[field] = String(valueOf(record, field))
  }
  return out
}

/** The dialog's values: a new record's defaults, or the record's values without masked ones. */
export function formFromRecord(spec: SubRecordSpec, record: SubRecordLike | null): FormValues {
  const values: FormValues = {}
  const defaults = typeof spec.defaults === 'function' ? spec.defaults() : spec.defaults
  for (const field of spec.fields) {
    if (spec.flags.includes(field)) values[field] = record ? valueOf(record, field) === true : defaults[field] === true
    else if (!record) values[field] = defaults[field] ?? null
    else if (isMaskedValue(spec, record, field)) values[field] = null
    else if (isMoney(spec, field)) values[field] = formatFen(valueOf(record, field) as number | null, false) || null
    else values[field] = (valueOf(record, field) as FormValue | undefined) ?? null
  }
  return values
}

const isMoney = (spec: SubRecordSpec, field: string) => spec.money?.includes(field) === true

/** Whether a member belongs to the record as the values have it (see `onlyWhen`). */
function applies(spec: SubRecordSpec, field: string, values: FormValues): boolean {
  const when = spec.onlyWhen?.[field]
  return !when || values[when.field] === when.value
}

/**
 * As the server reads it: text trimmed, '' is null; flags true or false; money typed as
 * 元 in fen (text that is no amount stays as it is: `localIssues` stops the save); a
 * member that does not belong to the record (`onlyWhen`) null.
 */
export function normalized(spec: SubRecordSpec, field: string, value: unknown, values?: FormValues): FormValue {
  if (spec.flags.includes(field)) return value === true
  if (values && !applies(spec, field, values)) return null
  if (isMoney(spec, field) && typeof value === 'string') {
    const parsed = parseYuan(value)
    return parsed.ok ? parsed.fen : value
  }
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim()
  return value === undefined ? null : (value as FormValue)
}

/** Whether the required member (姓名 / 户名 / 标题) is empty; the dialog stops the save itself. */
export function missingRequired(spec: SubRecordSpec, values: FormValues): boolean {
  return normalized(spec, spec.required, values[spec.required]) === null
}

/**
 * What the dialog itself refuses to send, by member: `required` (the required member is
 * empty) and money that is no amount (`invalid_amount`, `too_many_decimals`, `too_large`,
 * the codes of customers/money.ts). Empty when the values may be sent.
 */
export function localIssues(spec: SubRecordSpec, values: FormValues): Record<string, string> {
  const issues: Record<string, string> = {}
  if (missingRequired(spec, values)) issues[spec.required] = 'required'
  for (const field of spec.money ?? []) {
    const value = values[field]
    if (typeof value !== 'string' || !applies(spec, field, values)) continue
    const parsed = parseYuan(value)
    if (!parsed.ok) issues[field] = parsed.code
  }
  return issues
}

/** The POST body: only what is set (flags only when true), and only the writable members. */
export function createBody(spec: SubRecordSpec, values: FormValues, rules?: MemberRules): Record<string, FormValue> {
  const body: Record<string, FormValue> = {}
  for (const field of spec.fields) {
    if (!sendable(spec, rules, field, null)) continue
    const value = normalized(spec, field, values[field], values)
    if (value !== null && value !== false) body[field] = value
  }
  return body
}

/**
 * The PATCH body: the members whose value differs from the loaded record ('' clears one).
 * A masked member is sent only when the user typed a new value: left empty it stays as
 * it is (one cannot clear what one cannot see). Hidden and read-only members (and those the
 * record lacks) are never sent. Null when nothing changed.
 */
export function patchBody(spec: SubRecordSpec, original: SubRecordLike, values: FormValues, rules?: MemberRules): Record<string, FormValue> | null {
  const body: Record<string, FormValue> = {}
  for (const field of spec.fields) {
    if (!sendable(spec, rules, field, original)) continue
    const value = normalized(spec, field, values[field], values)
    if (isMaskedValue(spec, original, field)) {
      if (value !== null) body[field] = value
      continue
    }
    const before = isMoney(spec, field) ? ((valueOf(original, field) as number | null | undefined) ?? null) : normalized(spec, field, valueOf(original, field))
    if (value !== before) body[field] = value
  }
  return Object.keys(body).length ? body : null
}

/**
 * The server's field errors: those of the dialog's shown members (first message each) and
 * the rest. A rule key (`contact.mobile`, named by 403 field_forbidden) counts as its
 * member; a member the dialog does not show (`shown`) goes with the rest, under its
 * member name.
 */
export function splitFieldErrors(
  spec: SubRecordSpec,
  errors: readonly FieldError[],
  shown: (field: string) => boolean = () => true,
): { inForm: Record<string, string>; elsewhere: FieldError[] } {
  const inForm: Record<string, string> = {}
  const elsewhere: FieldError[] = []
  for (const e of errors) {
    const field = spec.rulePrefix ? memberOfRuleKey(spec.rulePrefix, e.field) : e.field
    if (!spec.fields.includes(field)) {
      elsewhere.push(e)
    } else if (!shown(field)) {
      elsewhere.push({ ...e, field })
    } else if (!(field in inForm)) {
      inForm[field] = e.message
    }
  }
  return { inForm, elsewhere }
}

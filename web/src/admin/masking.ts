// 脱敏规则 (SEC-3, issue 4 point 4): the masking rule of the server, written again for the
// page's live preview, the checks made before saving and the body of a save. Pure
// (masking.test.ts); the server's own `example` is shown beside the preview once saved.
import type { MaskField, MaskPattern } from '../api/admin'

/** What the record checks recognise as a masked value: never fewer stars than this. */
export const MIN_STARS = 3
export const MAX_KEEP = 20
export const MAX_STARS = 20

export const MASK_MEMBERS = ['keep_start', 'keep_end', 'stars'] as const
export type MaskMember = (typeof MASK_MEMBERS)[number]

/** The labels of the fields: the customer and contact forms' where they say the same. */
export const MASK_FIELD_LABELS: Readonly<Record<MaskField, string>> = {
  id_number: 'customers.field.id_number',
  phone: 'customers.field.phone',
  mobile: 'customers.field.mobile',
  email: 'customers.field.email',
  wechat: 'masking.field.wechat',
  address: 'customers.field.address',
  birthday: 'customers.contacts.field.birthday',
  account_number: 'masking.field.account_number',
}

/** An e-mail keeps its domain and ignores `keep_end`. */
export const usesKeepEnd = (field: MaskField | string): boolean => field !== 'email'

/** `keep_start` characters, then the stars, then `keep_end` characters; characters, not UTF-16 units. */
function keepEnds(text: string, p: MaskPattern): string {
  const chars = Array.from(text)
  const length = chars.length
  if (length <= p.keep_start + p.keep_end) return '*'.repeat(Math.max(MIN_STARS, length))
  const hidden = length - p.keep_start - p.keep_end
  const stars = p.stars > 0 ? p.stars : Math.max(MIN_STARS, hidden)
  return chars.slice(0, p.keep_start).join('') + '*'.repeat(stars) + chars.slice(length - p.keep_end).join('')
}

/**
 * The value as the server masks it with this pattern: 13812341234 → 138****1234. An e-mail
 * masks the part before the first @ (keep_end 0) and keeps the rest; without an @, or with
 * nothing before it, it is `***`.
 */
export function maskValue(field: MaskField | string, value: string, pattern: MaskPattern): string {
  if (field === 'email') {
    const at = value.indexOf('@')
    if (at <= 0) return '*'.repeat(MIN_STARS)
    return keepEnds(value.slice(0, at), { ...pattern, keep_end: 0 }) + value.slice(at)
  }
  return keepEnds(value, pattern)
}

/** The inputs of one field; null while an input is empty. */
export type PatternForm = Record<MaskMember, number | null>

export const formOf = (p: MaskPattern): PatternForm => ({ keep_start: p.keep_start, keep_end: p.keep_end, stars: p.stars })

/** Why a member cannot be saved: empty or not a whole number, or outside what the server takes. */
export type PatternIssue = 'required' | 'keep_range' | 'stars_range'

/** The issues of one field's inputs by member (none: it can be saved). */
export function patternIssues(form: PatternForm): Partial<Record<MaskMember, PatternIssue>> {
  const issues: Partial<Record<MaskMember, PatternIssue>> = {}
  for (const member of MASK_MEMBERS) {
    const n = form[member]
    if (n === null || !Number.isInteger(n)) issues[member] = 'required'
    else if (member === 'stars' ? n !== 0 && (n < MIN_STARS || n > MAX_STARS) : n < 0 || n > MAX_KEEP) {
      issues[member] = member === 'stars' ? 'stars_range' : 'keep_range'
    }
  }
  return issues
}

/** The pattern the inputs make, or null while one of them cannot be saved. */
export function patternOf(form: PatternForm): MaskPattern | null {
  if (Object.keys(patternIssues(form)).length) return null
  return { keep_start: form.keep_start!, keep_end: form.keep_end!, stars: form.stars! }
}

export const samePattern = (a: MaskPattern, b: MaskPattern): boolean =>
  a.keep_start === b.keep_start && a.keep_end === b.keep_end && a.stars === b.stars

/** The members of the inputs that differ from the pattern in force. */
export function changedMembers(form: PatternForm, saved: MaskPattern): Partial<PatternForm> {
  const out: Partial<PatternForm> = {}
  for (const member of MASK_MEMBERS) if (form[member] !== saved[member]) out[member] = form[member]
  return out
}

/**
 * The `fields` of a save: only the fields changed, each with only the members changed
 * (the server keeps the rest as they are).
 */
export function patchFields(
  forms: Readonly<Partial<Record<MaskField, PatternForm>>>,
  saved: Readonly<Partial<Record<MaskField, MaskPattern>>>,
): Partial<Record<MaskField, Partial<MaskPattern>>> {
  const out: Partial<Record<MaskField, Partial<MaskPattern>>> = {}
  for (const [field, form] of Object.entries(forms) as [MaskField, PatternForm][]) {
    const current = saved[field]
    if (!current) continue
    const changed = changedMembers(form, current)
    if (Object.keys(changed).length) out[field] = changed as Partial<MaskPattern>
  }
  return out
}

/**
 * Server errors (`mobile.stars`, or a whole field `mobile`) by field and member; a field's
 * own error goes under its first input.
 */
export function splitMaskErrors(messages: Readonly<Record<string, string>>): Partial<Record<MaskField, Partial<Record<MaskMember, string>>>> {
  const out: Partial<Record<MaskField, Partial<Record<MaskMember, string>>>> = {}
  for (const [key, message] of Object.entries(messages)) {
    const m = /^(?:fields\.)?([a-z_]+)(?:\.([a-z_]+))?$/.exec(key)
    if (!m) continue
    const field = m[1] as MaskField
    const member = (MASK_MEMBERS as readonly string[]).includes(m[2] ?? '') ? (m[2] as MaskMember) : 'keep_start'
    const forField = (out[field] ??= {})
    forField[member] ??= message
  }
  return out
}

// What is wrong with the form right now (live validation), keyed by form item. Only the
// fields the user typed are checked on edit: a value saved earlier with an override, or
// shown masked, is not the user's to fix. Pure (formIssues.test.ts).
import type { Customer } from '../api/customers'
import { fieldAppliesTo } from './fields'
import { sameValue, type CustomerForm } from './form'
import { parseYuan } from './money'
import { checkField, type CheckedField, type Verdict } from './validators'

export const NAME_MAX = 200
/** Server limits (docs/customers.md): at most 20 tags of 1–30 characters. */
export const TAGS_MAX = 20
export const TAG_MAX_LENGTH = 30

export interface Issue {
  /** required, too_long, invalid_id_number … (the server's codes), or a money code. */
  code: string
  verdict?: Exclude<Verdict, 'valid'>
  checksumOnly?: boolean
}

const CHECKED: readonly CheckedField[] = ['id_number', 'uscc', 'org_code', 'phone', 'mobile', 'fax', 'email']

const trimmed = (v: unknown) => (typeof v === 'string' ? v.trim() || null : v ?? null)

export function formIssues(form: CustomerForm, original: Customer | null, today: number): Record<string, Issue> {
  const issues: Record<string, Issue> = {}
  const name = (form.name ?? '').trim()
  if (!name) issues.name = { code: 'required' }
  else if ([...name].length > NAME_MAX) issues.name = { code: 'too_long' }

  for (const field of CHECKED) {
    if (!fieldAppliesTo(field, form.kind)) continue
    if (original) {
      const unchanged = sameValue(trimmed(form[field]), original[field])
      const typeUnchanged = field !== 'id_number' || sameValue(form.id_type, original.id_type)
      if (unchanged && typeUnchanged) continue
    }
    const issue = checkField(field, form, today)
    if (issue) issues[field] = { code: issue.code, verdict: issue.verdict, checksumOnly: issue.checksumOnly }
  }

  if (form.kind === 'organization') {
    const money = parseYuan(form.registered_capital_yuan ?? '')
    if (!money.ok) issues.registered_capital_yuan = { code: money.code }
  }
  const postal = (form.postal_code ?? '').trim()
  if (postal && !/^\d{6}$/.test(postal)) issues.postal_code = { code: 'invalid_postal_code' }
  const tags = (form.tags ?? []).map((tag) => tag.trim()).filter(Boolean)
  if (new Set(tags).size > TAGS_MAX) issues.tags = { code: 'too_many_tags' }
  else if (tags.some((tag) => [...tag].length > TAG_MAX_LENGTH)) issues.tags = { code: 'tag_too_long' }
  return issues
}

/** Identity fields failing only on the check character (candidates for the override). */
export function checksumOnlyFields(issues: Record<string, Issue>): string[] {
  return ['id_number', 'uscc', 'org_code'].filter((f) => issues[f]?.checksumOnly)
}

/** True when some identity field fails and every identity failure is a checksum one. */
export function overridable(issues: Record<string, Issue>): boolean {
  const identity = ['id_number', 'uscc', 'org_code'].filter((f) => issues[f])
  return identity.length > 0 && identity.every((f) => issues[f].checksumOnly)
}

/**
 * What the form stops by itself: a missing or too long name, and an amount that cannot be
 * turned into fen. Identity numbers, phones, e-mail, postal code and tags are checked live
 * as a help while typing, but the server decides on them: a save goes to it, and its
 * field messages replace the live ones.
 */
export const CLIENT_BLOCKING: readonly string[] = ['name', 'registered_capital_yuan']

export function submitBlockers(issues: Record<string, Issue>): string[] {
  return Object.keys(issues).filter((item) => CLIENT_BLOCKING.includes(item))
}

/** The issues still shown when the override (with a reason) is applied. */
export function blockingIssues(issues: Record<string, Issue>, overridden: boolean): Record<string, Issue> {
  if (!overridden) return issues
  return Object.fromEntries(Object.entries(issues).filter(([, i]) => !i.checksumOnly))
}

// Field rules of the signed-in user (ADR 0015): per customer field, `hidden` (never shown,
// never sent, not offered as a column, filter or sort) or `read` (shown, not editable). A
// field without a rule is read-write. Keys are the customer's JSON keys, `custom.<key>` for
// custom fields, `contact.<field>` and `account.<field>` for the members of its contacts and
// accounts (see rulesUnder). Pure functions (fieldAccess.test.ts); no runtime imports.

export type FieldAccess = 'hidden' | 'read'
export type FieldRules = Readonly<Record<string, FieldAccess>>

/**
 * Names that stand for a ruled field: the region's name comes with its code, the form edits
 * the capital as 元, and the list's columns have names of their own.
 */
const RULED_AS: Readonly<Record<string, string>> = {
  region_name: 'region_code',
  registered_capital_yuan: 'registered_capital_fen',
  region: 'region_code',
  verification: 'verification_status',
  owner: 'owner_id',
}

/** The ruled field a form item, column or filter name stands for. */
export const ruleKeyOf = (name: string): string => RULED_AS[name] ?? name

export const customRuleKey = (key: string): string => `custom.${key}`

/** The records under a customer whose members are ruled, each under its own prefix. */
export type SubRecordPrefix = 'contact' | 'account'

/** The rule key of a contact's or an account's member: `contact.mobile`, `account.bank_name`. */
export const subRecordRuleKey = (prefix: SubRecordPrefix, field: string): string => `${prefix}.${field}`

/**
 * The rules of a contact's or an account's members (keys `contact.<field>` /
 * `account.<field>`), by the member's own name: `{ mobile: 'hidden', title: 'read' }`.
 * Customer fields and the other prefix are left out.
 */
export function rulesUnder(rules: FieldRules | null | undefined, prefix: SubRecordPrefix): Record<string, FieldAccess> {
  const start = `${prefix}.`
  const out: Record<string, FieldAccess> = {}
  for (const [key, access] of Object.entries(rules ?? {})) {
    if (key.startsWith(start) && key.length > start.length && (access === 'hidden' || access === 'read')) out[key.slice(start.length)] = access
  }
  return out
}

/**
 * The member a server error names: `contact.mobile` (a 403 field_forbidden names the rule
 * key) → `mobile`; a name without the prefix as it is.
 */
export const memberOfRuleKey = (prefix: SubRecordPrefix, field: string): string =>
  field.startsWith(`${prefix}.`) ? field.slice(prefix.length + 1) : field

export function accessOf(rules: FieldRules | null | undefined, name: string): FieldAccess | 'write' {
  const access = rules?.[ruleKeyOf(name)]
  return access === 'hidden' || access === 'read' ? access : 'write'
}

export const isHidden = (rules: FieldRules | null | undefined, name: string): boolean => accessOf(rules, name) === 'hidden'
export const isReadOnly = (rules: FieldRules | null | undefined, name: string): boolean => accessOf(rules, name) === 'read'
/** Neither hidden nor read-only: the user may send it. */
export const isWritable = (rules: FieldRules | null | undefined, name: string): boolean => accessOf(rules, name) === 'write'

/**
 * Whether a record read from the server shows the field: not hidden by the rules, and sent
 * (the server leaves a hidden field's key out, which also covers rules changed since sign-in).
 */
export function isShownOn(record: object, rules: FieldRules | null | undefined, name: string): boolean {
  return !isHidden(rules, name) && ruleKeyOf(name) in record
}

/** True when every one of the names is hidden (a form section or profile group with nothing to show). */
export const allHidden = (rules: FieldRules | null | undefined, names: readonly string[]): boolean =>
  names.length > 0 && names.every((n) => isHidden(rules, n))

/** The writable members of a create or patch body (hidden and read-only ones left out). */
export function writableOnly<T extends object>(rules: FieldRules | null | undefined, values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([key]) => isWritable(rules, key))) as Partial<T>
}

/** The writable members of a `custom` body; undefined when none is left. */
export function writableCustom<T>(rules: FieldRules | null | undefined, custom: Record<string, T> | undefined): Record<string, T> | undefined {
  if (!custom) return undefined
  const out = Object.fromEntries(Object.entries(custom).filter(([key]) => isWritable(rules, customRuleKey(key))))
  return Object.keys(out).length ? out : undefined
}

/**
 * The field(s) behind a list column: the phone column shows the mobile or else the phone, so
 * it goes only when both are hidden.
 */
const COLUMN_FIELDS: Readonly<Record<string, readonly string[]>> = { phone: ['mobile', 'phone'] }

export function isColumnHidden(rules: FieldRules | null | undefined, column: string): boolean {
  return allHidden(rules, COLUMN_FIELDS[column] ?? [column])
}

/** The columns of a layout the user may see (a saved layout naming a hidden one loses it silently). */
export function visibleColumns<T extends string>(rules: FieldRules | null | undefined, columns: readonly T[]): T[] {
  return columns.filter((c) => !isColumnHidden(rules, c))
}

/** Sorts by a field (the others sort by name or time, never ruled). */
const SORT_FIELDS: Readonly<Record<string, string>> = { grade: 'grade' }

export function visibleSorts<T extends string>(rules: FieldRules | null | undefined, sorts: readonly T[]): T[] {
  return sorts.filter((s) => !(s in SORT_FIELDS) || !isHidden(rules, SORT_FIELDS[s]))
}

/** Whether the list may sort this way for the user. */
export const sortAllowed = (rules: FieldRules | null | undefined, sort: string): boolean => visibleSorts(rules, [sort]).length === 1

/**
 * The rules as the server sent them, checked: only `hidden` and `read` kept (anything else
 * means read-write); not an object gives no rules.
 */
export function sanitizeRules(value: unknown): Record<string, FieldAccess> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {}
  const out: Record<string, FieldAccess> = {}
  for (const [key, access] of Object.entries(value)) if (access === 'hidden' || access === 'read') out[key] = access
  return out
}

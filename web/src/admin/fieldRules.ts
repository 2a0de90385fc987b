// 字段权限 of a role (ADR 0015): the grid of rulable fields (GET /api/v1/permissions `fields`)
// by access, grouped as the customer pages group them (the members of contacts and accounts,
// `contact.<field>` / `account.<field>`, in groups of their own), and the `field_rules` map a save
// sends (only the ruled fields). Pure functions (fieldRules.test.ts); no runtime imports.
import type { FieldAccess } from '../customers/fieldAccess'

export interface RulableField {
  /** A customer catalogue key, `custom.<key>`, or a contact's or account's member (`contact.mobile`, `account.bank_name`). */
  key: string
  /** Custom fields only; built-in ones are labelled by the UI (see labelKeyOf). */
  label?: string
  label_en?: string
  /** Set by the server only (suggested grade, verification …): hidden or visible, never read-only. */
  server_set: boolean
}

/** A cell of the grid: the role's access to the field; `write` is no rule at all. */
export type GridAccess = FieldAccess | 'write'
export type Grid = Record<string, GridAccess>

export function choicesOf(field: Pick<RulableField, 'server_set'>): GridAccess[] {
  return field.server_set ? ['write', 'hidden'] : ['write', 'read', 'hidden']
}

/** Groups of the grid, in this order; a built-in field not named here goes to `other`. */
const GROUPS: readonly (readonly [string, readonly string[]])[] = [
  ['identity', ['short_name', 'id_type', 'id_number', 'uscc', 'org_code', 'identity_override_reason']],
  ['contact', ['phone', 'mobile', 'fax', 'email', 'website', 'region_code', 'address', 'postal_code', 'birthday', 'birthday_reminder', 'gender']],
  ['organization', ['legal_representative', 'founded_on', 'registered_capital_fen', 'business_scope', 'staff_size', 'nature']],
  ['classification', [
    'customer_type', 'industry', 'source', 'grade', 'suggested_grade', 'suggested_grade_reason', 'value_tier', 'settlement',
    'customer_class', 'strategic', 'route', 'tags', 'deregister_reason',
  ]],
  ['evaluation', ['star_rating', 'importance', 'friendliness', 'satisfaction']],
  ['profile', [
    'service_region', 'sales_capacity', 'potential', 'management_style', 'performance', 'cooperation_attitude',
    'competitor_relation', 'credit_standing', 'trading_terms', 'credit_problems',
  ]],
  ['checks', [
    'list_status', 'list_reason', 'list_decided_by', 'list_decided_at', 'verification_status', 'identity_locked', 'abnormal',
    'replaced_by_id', 'replaces_id',
  ]],
  ['accountability', ['collected_by', 'entered_by', 'reviewed_by']],
]
/** The groups of the records under a customer, by the prefix of their members' keys. */
const SUB_RECORD_GROUPS: Readonly<Record<string, string>> = { 'contact.': 'contacts', 'account.': 'accounts' }
export const GROUP_ORDER: readonly string[] = [...GROUPS.map(([g]) => g), 'other', 'custom', ...Object.values(SUB_RECORD_GROUPS)]

const subRecordPrefixOf = (key: string): string | undefined => Object.keys(SUB_RECORD_GROUPS).find((p) => key.startsWith(p))

export function groupOf(key: string): string {
  if (key.startsWith('custom.')) return 'custom'
  const prefix = subRecordPrefixOf(key)
  if (prefix) return SUB_RECORD_GROUPS[prefix]
  return GROUPS.find(([, keys]) => keys.includes(key))?.[0] ?? 'other'
}

/** The locale keys of the labels of a contact's and an account's members (their dialogs' labels). */
const SUB_RECORD_LABELS: Readonly<Record<string, string>> = { 'contact.': 'customers.contacts.field.', 'account.': 'customers.accounts.field.' }

/**
 * The locale key labelling a built-in field: `customers.field.<key>`, or for `contact.mobile`
 * `customers.contacts.field.mobile` (`account.…` likewise); null for a custom field (labelled
 * by its definition).
 */
export function labelKeyOf(key: string): string | null {
  if (key.startsWith('custom.')) return null
  const prefix = subRecordPrefixOf(key)
  return prefix ? SUB_RECORD_LABELS[prefix] + key.slice(prefix.length) : `customers.field.${key}`
}

export interface FieldGroup {
  name: string
  fields: RulableField[]
}

/** The fields by group, in GROUP_ORDER, each group in the server's order; empty groups left out. */
export function groupFields(fields: readonly RulableField[]): FieldGroup[] {
  return GROUP_ORDER.map((name) => ({ name, fields: fields.filter((f) => groupOf(f.key) === name) })).filter((g) => g.fields.length)
}

/**
 * The grid of a role: one cell per rulable field. A rule on a field the catalogue no longer
 * offers is not shown (and not sent back); `read` on a server-set field means nothing.
 */
export function gridFrom(fields: readonly RulableField[], rules: Readonly<Record<string, string>> | null | undefined): Grid {
  const grid: Grid = {}
  for (const f of fields) {
    const access = rules?.[f.key]
    grid[f.key] = access === 'hidden' || (access === 'read' && !f.server_set) ? access : 'write'
  }
  return grid
}

/** The `field_rules` a save sends: the ruled fields only, in the catalogue's order. */
export function rulesFromGrid(fields: readonly RulableField[], grid: Readonly<Grid>): Record<string, FieldAccess> {
  const rules: Record<string, FieldAccess> = {}
  for (const f of fields) {
    const access = grid[f.key]
    if (access === 'hidden' || (access === 'read' && !f.server_set)) rules[f.key] = access
  }
  return rules
}

/** How many fields a role rules (hidden or read-only). */
export function ruledCount(rules: Readonly<Record<string, string>> | null | undefined): number {
  return Object.values(rules ?? {}).filter((a) => a === 'hidden' || a === 'read').length
}

/** The same rules, whatever the order of the keys. */
export function sameRules(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  const keys = Object.keys(a)
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k])
}

/** The grid's cells holding a server error (`field_rules.<key>`), by field key. */
export function ruleErrors(errors: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [field, message] of Object.entries(errors)) {
    if (message && field.startsWith('field_rules.')) out[field.slice('field_rules.'.length)] = message
  }
  return out
}

// What each customer field is (for display, history, the conflict diff and the form) and
// how the profile is grouped (CUS-3). Labels are `customers.field.<name>` in the locales.
// No imports of values from the API module, so this stays unit-testable in Node.
import type { Customer, CustomerKind, DictionaryName } from '../api/customers'

export type FieldType = 'text' | 'enum' | 'dict' | 'money' | 'date' | 'bool' | 'score' | 'tags' | 'time' | 'user'

export interface FieldMeta {
  type: FieldType
  /** Locale prefix of the value labels of an enum field, e.g. `customers.status`. */
  enumKey?: string
  dict?: DictionaryName
}

const text: FieldMeta = { type: 'text' }
const score: FieldMeta = { type: 'score' }
const enumOf = (enumKey: string): FieldMeta => ({ type: 'enum', enumKey })
const dictOf = (dict: DictionaryName): FieldMeta => ({ type: 'dict', dict })

export const FIELD_META: Record<string, FieldMeta> = {
  code: text, kind: enumOf('customers.kind'), name: text, short_name: text,
  id_type: enumOf('customers.idType'), id_number: text, uscc: text, org_code: text, identity_override_reason: text,
  phone: text, mobile: text, fax: text, email: text, website: text,
  region_code: text, region_name: text, address: text, postal_code: text,
  birthday: { type: 'date' }, birthday_reminder: { type: 'bool' }, gender: enumOf('customers.gender'),
  legal_representative: text, business_scope: text, staff_size: text, founded_on: { type: 'date' },
  registered_capital_fen: { type: 'money' },
  customer_type: dictOf('customer_type'), industry: dictOf('industry'), source: dictOf('source'), nature: dictOf('nature'),
  status: enumOf('customers.status'), deregister_reason: text,
  grade: text, suggested_grade: text, suggested_grade_reason: text,
  value_tier: enumOf('customers.valueTier'), settlement: enumOf('customers.settlement'),
  customer_class: enumOf('customers.customerClass'), strategic: { type: 'bool' },
  route: text, star_rating: score, importance: score, friendliness: score, satisfaction: score,
  service_region: text, sales_capacity: text, potential: text, management_style: text,
  performance: text, cooperation_attitude: text, competitor_relation: text,
  credit_standing: text, trading_terms: text, credit_problems: text,
  list_status: enumOf('customers.listStatus'), list_reason: text, list_decided_by: { type: 'user' }, list_decided_at: { type: 'time' },
  verification_status: enumOf('customers.verification'), identity_locked: { type: 'bool' },
  abnormal: { type: 'bool' }, replaced_by_id: text, replaces_id: text,
  owner_id: { type: 'user' }, owner_name: text, collected_by: { type: 'user' }, entered_by: { type: 'user' }, reviewed_by: { type: 'user' },
  tags: { type: 'tags' }, created_at: { type: 'time' }, updated_at: { type: 'time' },
}

/**
 * Members of the records under a customer whose history values need a label
 * (`contacts.<id>.<member>`), as the contact, account and note dialogs and lists show them.
 */
const SUB_FIELD_META: Record<string, Record<string, FieldMeta>> = {
  contacts: {
    gender: enumOf('customers.gender'), position: dictOf('position'), status: enumOf('customers.contacts.status'),
    birthday: { type: 'date' }, birthday_reminder: { type: 'bool' }, decision_maker: { type: 'bool' },
  },
  accounts: {
    purpose: enumOf('customers.accounts.purpose'), status: enumOf('customers.accounts.status'),
    is_default: { type: 'bool' }, cancelled_with_customer: { type: 'bool' },
  },
  notes: {
    category: enumOf('customers.notes.category'), amount: { type: 'money' }, occurred_on: { type: 'date' }, end_on: { type: 'date' },
  },
}

/**
 * A history field of a record under a customer: `contacts.12.mobile` → contacts, 12,
 * mobile; `notes.5` (the whole record) → notes, 5, null. Null for the customer's own fields.
 */
export function subRecordField(field: string): { kind: 'contacts' | 'accounts' | 'notes'; id: number; member: string | null } | null {
  const m = /^(contacts|accounts|notes)\.(\d+)(?:\.([a-z_]+))?$/.exec(field)
  return m ? { kind: m[1] as 'contacts' | 'accounts' | 'notes', id: Number(m[2]), member: m[3] ?? null } : null
}

export function fieldMeta(field: string): FieldMeta {
  const sub = subRecordField(field)
  return FIELD_META[field] ?? (sub?.member ? SUB_FIELD_META[sub.kind]?.[sub.member] : undefined) ?? text
}

/** Masked for callers without customer.sensitive.read. */
export const SENSITIVE_FIELDS = ['id_number', 'phone', 'mobile', 'email', 'address', 'birthday'] as const

/** The value is the server's masked form (read-only for this caller). */
export function isMaskedField(customer: Pick<Customer, 'masked'> & Partial<Customer>, field: string): boolean {
  if (!customer.masked || !(SENSITIVE_FIELDS as readonly string[]).includes(field)) return false
  const value = customer[field as keyof Customer]
  return value !== null && value !== undefined && value !== ''
}

/** Fields of one kind only; the other kind's form hides them. */
export const INDIVIDUAL_FIELDS = ['id_type', 'id_number', 'birthday', 'birthday_reminder', 'gender'] as const
export const ORGANIZATION_FIELDS = [
  'uscc', 'org_code', 'legal_representative', 'founded_on', 'registered_capital_fen', 'business_scope', 'staff_size', 'nature',
] as const

export function fieldAppliesTo(field: string, kind: CustomerKind): boolean {
  if ((INDIVIDUAL_FIELDS as readonly string[]).includes(field)) return kind === 'individual'
  if ((ORGANIZATION_FIELDS as readonly string[]).includes(field)) return kind === 'organization'
  return true
}

/** Identity fields (CUS-2, CUS-11): locked once the record has been submitted for verification. */
export const IDENTITY_KEYS = ['id_type', 'id_number', 'uscc', 'org_code'] as const

/** The profile of CUS-3, in display order; fields of the other kind are skipped. */
export const PROFILE_GROUPS = {
  basic: [
    'name', 'short_name', 'id_type', 'id_number', 'uscc', 'org_code', 'legal_representative', 'founded_on', 'nature',
    'industry', 'customer_type', 'source', 'registered_capital_fen', 'business_scope', 'staff_size', 'birthday', 'birthday_reminder', 'gender',
    'phone', 'mobile', 'fax', 'email', 'website', 'region_name', 'address', 'postal_code',
  ],
  characteristics: ['service_region', 'sales_capacity', 'potential', 'management_style'],
  business: ['performance', 'cooperation_attitude', 'competitor_relation'],
  trading: ['credit_standing', 'trading_terms', 'credit_problems'],
} as const

export type ProfileGroup = keyof typeof PROFILE_GROUPS

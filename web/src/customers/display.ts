// A customer field's value as text (profile, history, conflict diff), in the UI language.
// History rows carry every value as text ("40411131820000", "1"/"0", tags as JSON text),
// records carry typed values; both are shown alike. The translation and dictionary
// look-ups are passed in, so this is unit-tested in Node.
import { formatShanghaiTime } from '../admin/format'
import { fieldMeta, subRecordField } from './fields'
import { formatFen } from './money'

export interface Labeler {
  t: (key: string, params?: Record<string, unknown>) => string
  te: (key: string) => boolean
  /** Label of a dictionary item code (the code when unknown). */
  dictLabel: (dict: string, code: string) => string
}

export const EMPTY = '—'

const asNumber = (v: unknown): number | null => (typeof v === 'number' ? v : typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : null)

function asTags(v: unknown): string[] | null {
  if (Array.isArray(v)) return v.map(String)
  if (typeof v !== 'string') return null
  try {
    const parsed: unknown = JSON.parse(v)
    return Array.isArray(parsed) ? parsed.map(String) : null
  } catch {
    return null
  }
}

export function displayValue(field: string, value: unknown, l: Labeler): string {
  if (value === null || value === undefined || value === '') return EMPTY
  const meta = fieldMeta(field)
  switch (meta.type) {
    case 'enum': {
      const key = `${meta.enumKey}.${String(value)}`
      return l.te(key) ? l.t(key) : String(value)
    }
    case 'dict':
      return l.dictLabel(meta.dict!, String(value))
    case 'money': {
      const fen = asNumber(value)
      return fen === null ? String(value) : l.t('customers.detail.yuan', { amount: formatFen(fen) })
    }
    case 'bool':
      return l.t(value === true || value === 1 || value === '1' || value === 'true' ? 'customers.detail.yes' : 'customers.detail.no')
    case 'score':
      return l.t('customers.detail.score', { n: Number(value) })
    case 'tags': {
      const tags = asTags(value)
      return tags ? (tags.length ? tags.join('、') : EMPTY) : String(value)
    }
    case 'time': {
      const ms = asNumber(value)
      return ms === null ? String(value) : formatShanghaiTime(ms)
    }
    case 'user':
      return l.t('customers.detail.userRef', { id: String(value) })
    default:
      return typeof value === 'object' ? JSON.stringify(value) : String(value)
  }
}

/** The label of a field; the field name itself when there is none. */
export function fieldLabel(field: string, l: Pick<Labeler, 't' | 'te'>): string {
  const key = `customers.field.${field}`
  return l.te(key) ? l.t(key) : field
}

/** The locale key naming a record of each kind under a customer in the history. */
const SUB_RECORD_LABELS: Record<string, string> = {
  contacts: 'customers.history.contact',
  accounts: 'customers.history.account',
  notes: 'customers.history.note',
}

/** The name of a record under a customer (a note's title), when known. */
export type RecordName = (kind: string, id: number) => string | undefined

/**
 * The label of a history entry's field (CUS-10): `contacts.12.mobile` → "联系人 · 手机",
 * `accounts.3` → "账户", `notes.5.title` → "记事 · 标题" — or "记事“电话回访” · 标题" when
 * `recordName` knows the record (the value of a whole-record entry names it already) —,
 * `custom.<key>` → the custom field's label (`customLabel`, the key when unknown), anything
 * else as `fieldLabel`.
 */
export function historyFieldLabel(
  field: string,
  l: Pick<Labeler, 't' | 'te'>,
  customLabel: (key: string) => string = (k) => k,
  recordName: RecordName = () => undefined,
): string {
  if (field.startsWith('custom.')) return customLabel(field.slice('custom.'.length))
  const sub = subRecordField(field)
  if (sub) {
    const kind = l.t(SUB_RECORD_LABELS[sub.kind])
    if (!sub.member) return kind
    const name = recordName(sub.kind, sub.id)
    const record = name ? l.t('customers.history.named', { record: kind, name }) : kind
    const key = `customers.${sub.kind}.field.${sub.member}`
    return `${record} · ${l.te(key) ? l.t(key) : sub.member}`
  }
  return fieldLabel(field, l)
}

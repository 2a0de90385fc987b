// How an entry of a customer's 变更历史 (CUS-10) is labelled: the action, then the field
// unless the action names it already. `note_added` on `notes.5` reads "新增记事" with the
// title as the new value — not "新增记事 记事" —, and `contact_updated` on
// `contacts.12.mobile` reads "修改联系人 “张经理” · 手机" (the name when the loaded entries
// know it), not "修改联系人 联系人 · 手机". A record's field changed by another action (an
// account cancelled with its customer: `deregistered` on `accounts.3.status`) keeps the kind:
// "注销 账户“基本户” · 状态". Pure (historyLabel.test.ts).
import type { HistoryEntry } from '../api/customers'
import { historyFieldLabel, type Labeler, type RecordName } from './display'
import { subRecordField } from './fields'

export type RecordKind = 'contacts' | 'accounts' | 'notes'

/** The action prefix of each kind of record under a customer (`contact_added`, …). */
const ACTION_PREFIX: Readonly<Record<RecordKind, string>> = { contacts: 'contact_', accounts: 'account_', notes: 'note_' }
/** The member that names a record (the value of its whole-record entries). */
const NAME_MEMBER: Readonly<Record<RecordKind, string>> = { contacts: 'name', accounts: 'account_name', notes: 'title' }

/** The kind of record an action is about (`contact_updated` → contacts), null for the customer's own. */
export function actionRecordKind(action: string): RecordKind | null {
  for (const kind of Object.keys(ACTION_PREFIX) as RecordKind[]) if (action.startsWith(ACTION_PREFIX[kind])) return kind
  return null
}

/** The action's label; the action itself when the locale has none. */
export function historyActionLabel(action: string, l: Pick<Labeler, 't' | 'te'>): string {
  const key = `customers.history.action.${action}`
  return l.te(key) ? l.t(key) : action
}

type Entry = Pick<HistoryEntry, 'action' | 'field' | 'old' | 'new'>

/**
 * The latest name of each record of `kind` the entries (newest first) mention: the name it
 * had when removed, its latest change of name, or the name it was added with. Records whose
 * entries are not loaded stay unnamed.
 */
export function recordNames(entries: readonly Entry[], kind: RecordKind): Map<number, string> {
  const names = new Map<number, string>()
  const prefix = ACTION_PREFIX[kind]
  for (const e of entries) {
    const sub = e.field ? subRecordField(e.field) : null
    if (sub?.kind !== kind || names.has(sub.id)) continue
    let name: unknown = null
    if (sub.member === null) name = e.action === `${prefix}removed` ? e.old : e.action === `${prefix}added` ? e.new : null
    else if (sub.member === NAME_MEMBER[kind]) name = e.new
    if (typeof name === 'string' && name) names.set(sub.id, name)
  }
  return names
}

/** Every record name the entries know, as `historyFieldLabel` and `historyEntryLabels` take it. */
export function recordNamer(entries: readonly Entry[]): RecordName {
  const byKind = new Map<string, Map<number, string>>(
    (Object.keys(ACTION_PREFIX) as RecordKind[]).map((kind) => [kind, recordNames(entries, kind)]),
  )
  return (kind, id) => byKind.get(kind)?.get(id)
}

export interface EntryLabels {
  action: string
  /** Null when the action says it all (a whole record added or removed, a field named like the action). */
  field: string | null
}

export function historyEntryLabels(
  entry: Pick<HistoryEntry, 'action' | 'field'>,
  l: Pick<Labeler, 't' | 'te'>,
  customLabel: (key: string) => string = (k) => k,
  recordName: RecordName = () => undefined,
): EntryLabels {
  const action = historyActionLabel(entry.action, l)
  if (!entry.field) return { action, field: null }
  const sub = subRecordField(entry.field)
  if (sub && actionRecordKind(entry.action) === sub.kind) {
    if (!sub.member) return { action, field: null } // the value names the record
    const key = `customers.${sub.kind}.field.${sub.member}`
    const member = l.te(key) ? l.t(key) : sub.member
    const name = recordName(sub.kind, sub.id)
    return { action, field: name ? `${l.t('customers.history.quoted', { name })} · ${member}` : member }
  }
  const field = historyFieldLabel(entry.field, l, customLabel, recordName)
  return { action, field: field === action ? null : field }
}

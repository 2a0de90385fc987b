// The 记事 tab (CUS-18, CUS-20): the customer's notes, significant contacts, major events and
// cooperation records as a timeline, newest first, filtered by category; who may change an
// entry. Pure (notes.test.ts).
import type { HistoryEntry, Note, NoteCategory } from '../api/customers'
import { recordNames } from './historyLabel'

/** The colour (ElTag type) of each category on the timeline. */
export const NOTE_TAG_TYPES: Readonly<Record<NoteCategory, 'primary' | 'success' | 'warning' | 'danger' | 'info'>> = {
  note: 'info',
  contact: 'primary',
  event: 'danger',
  cooperation: 'success',
}

type TimelineNote = Pick<Note, 'id' | 'category' | 'occurred_on' | 'created_at'>

/**
 * The entries of one category (all for null), newest first: by the day it happened, then
 * when it was written (then by id, for entries written in the same millisecond).
 */
export function timeline<N extends TimelineNote>(notes: readonly N[], category: NoteCategory | null = null): N[] {
  return notes
    .filter((n) => category === null || n.category === category)
    .sort((a, b) => b.occurred_on.localeCompare(a.occurred_on) || b.created_at - a.created_at || b.id - a.id)
}

/** How many entries each category has (for the filter). */
export function categoryCounts(notes: readonly Pick<Note, 'category'>[]): Partial<Record<NoteCategory, number>> {
  const counts: Partial<Record<NoteCategory, number>> = {}
  for (const n of notes) counts[n.category] = (counts[n.category] ?? 0) + 1
  return counts
}

/**
 * Whether this user may edit or remove an entry (the tab offers it only where notes may be
 * written at all): its author, or anyone who may update the customer (a wrong entry must be
 * correctable). Anyone else gets 403 forbidden from the server.
 */
export function mayChangeNote(note: Pick<Note, 'created_by'>, userId: number | null | undefined, mayUpdateCustomer: boolean): boolean {
  return mayUpdateCustomer || (userId !== null && userId !== undefined && note.created_by === userId)
}

/**
 * The latest title of each note the history entries (newest first) name: the title it had
 * when removed, its latest title change, or the title it was added with. For the history's
 * labels ("记事“电话回访” · 内容"); a note whose entries are not loaded stays unnamed.
 */
export function noteTitles(entries: readonly Pick<HistoryEntry, 'action' | 'field' | 'old' | 'new'>[]): Map<number, string> {
  return recordNames(entries, 'notes')
}

import { describe, expect, it } from 'vitest'
import type { Note, NoteCategory } from '../api/customers'
import { categoryCounts, mayChangeNote, NOTE_TAG_TYPES, noteTitles, timeline } from './notes'

function note(id: number, over: Partial<Note> = {}): Note {
  return {
    id, customer_id: 42, category: 'note', title: `记事 ${id}`, content: null, occurred_on: '2026-03-01', end_on: null, amount: null,
    author_name: '王销售', unit_id: 1, unit_name: '销售部', created_by: 7, version: 1, created_at: 1_000 + id, updated_at: 1_000 + id,
    masked: false, ...over,
  }
}

describe('the timeline (CUS-18, CUS-20)', () => {
  const notes = [
    note(1, { occurred_on: '2026-01-05', category: 'cooperation' }),
    note(2, { occurred_on: '2026-03-01', created_at: 5_000 }),
    note(3, { occurred_on: '2026-03-01', created_at: 9_000, category: 'contact' }),
    note(4, { occurred_on: '2025-12-31', category: 'event' }),
    note(5, { occurred_on: '2026-03-01', created_at: 9_000 }),
  ]
  it('is newest first by the day, then by when it was written, then by id', () => {
    expect(timeline(notes).map((n) => n.id)).toEqual([5, 3, 2, 1, 4])
  })
  it('filters by category and leaves the list as it came', () => {
    expect(timeline(notes, 'note').map((n) => n.id)).toEqual([5, 2])
    expect(timeline(notes, 'cooperation').map((n) => n.id)).toEqual([1])
    expect(timeline(notes, null)).toHaveLength(5)
    expect(notes.map((n) => n.id)).toEqual([1, 2, 3, 4, 5])
  })
  it('counts the entries of each category', () => {
    expect(categoryCounts(notes)).toEqual({ cooperation: 1, note: 2, contact: 1, event: 1 })
    expect(categoryCounts([])).toEqual({})
  })
  it('gives each category its own colour', () => {
    const categories = Object.keys(NOTE_TAG_TYPES) as NoteCategory[]
    expect(categories).toHaveLength(4)
    expect(new Set(categories.map((c) => NOTE_TAG_TYPES[c])).size).toBe(4)
  })
})

describe('who may change an entry', () => {
  it('is its author, or whoever may update the customer', () => {
    expect(mayChangeNote(note(1, { created_by: 7 }), 7, false)).toBe(true)
    expect(mayChangeNote(note(1, { created_by: 7 }), 8, false)).toBe(false)
    expect(mayChangeNote(note(1, { created_by: 7 }), 8, true)).toBe(true)
    expect(mayChangeNote(note(1), null, false)).toBe(false)
  })
})

describe('note titles in the history (CUS-10)', () => {
  it('are the latest each note had in the entries, newest first', () => {
    const entries = [
      { action: 'note_removed', field: 'notes.3', old: '公司更名', new: null },
      { action: 'note_updated', field: 'notes.1.content', old: '旧', new: '新' },
      { action: 'note_updated', field: 'notes.1.title', old: '电话回访', new: '电话回访（已结案）' },
      { action: 'note_added', field: 'notes.3', old: null, new: '公司更名' },
      { action: 'note_added', field: 'notes.1', old: null, new: '电话回访' },
      { action: 'note_updated', field: 'notes.2.content', old: 'a', new: 'b' },
      { action: 'contact_added', field: 'contacts.1', old: null, new: '李强' },
      { action: 'updated', field: 'grade', old: 'A', new: 'B' },
    ]
    expect([...noteTitles(entries)].sort()).toEqual([[1, '电话回访（已结案）'], [3, '公司更名']])
  })
})

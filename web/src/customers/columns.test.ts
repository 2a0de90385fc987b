import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  COLUMNS_PREFERENCE, DEFAULT_COLUMNS, columnsFromPreference, columnsKey, debouncedSaver, inCatalogueOrder, loadColumns, sameColumns, saveColumns,
} from './columns'

function memory(): Storage {
  const data = new Map<string, string>()
  return {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    removeItem: (k: string) => void data.delete(k),
    clear: () => data.clear(),
    key: () => null,
    get length() { return data.size },
  }
}

describe('saved column layout', () => {
  it('starts with the defaults', () => {
    expect(loadColumns(memory(), 1)).toEqual(DEFAULT_COLUMNS)
    expect(loadColumns(null, 1)).toEqual(DEFAULT_COLUMNS)
  })
  it('is kept per user', () => {
    const s = memory()
    saveColumns(s, 1, ['grade', 'code'])
    expect(loadColumns(s, 1)).toEqual(['grade', 'code'])
    expect(loadColumns(s, 2)).toEqual(DEFAULT_COLUMNS)
    expect(s.getItem(columnsKey(1))).toBe('["grade","code"]')
  })
  it('drops unknown and repeated columns, survives garbage', () => {
    const s = memory()
    s.setItem(columnsKey(1), '["code","nope","code",3]')
    expect(loadColumns(s, 1)).toEqual(['code'])
    s.setItem(columnsKey(1), '{not json')
    expect(loadColumns(s, 1)).toEqual(DEFAULT_COLUMNS)
    s.setItem(columnsKey(1), '[]')
    expect(loadColumns(s, 1)).toEqual([])
  })
  it('orders a selection like the catalogue', () => {
    expect(inCatalogueOrder(['updated_at', 'code', 'grade'])).toEqual(['code', 'grade', 'updated_at'])
  })
})

describe('custom field columns (CUS-6)', () => {
  it('are kept by name and ordered after the built-in ones in display order', () => {
    const s = memory()
    saveColumns(s, 1, ['custom.level', 'code', 'custom.Bad'] as never)
    expect(loadColumns(s, 1)).toEqual(['custom.level', 'code'])
    expect(inCatalogueOrder(['custom.b', 'custom.a', 'grade'], ['a', 'b'])).toEqual(['grade', 'custom.a', 'custom.b'])
  })
})

describe('the layout kept on the server (issue 3 point 7)', () => {
  it('is checked like the local copy; none or garbage leaves the local copy in force', () => {
    expect(COLUMNS_PREFERENCE).toBe('customer_list.columns')
    expect(columnsFromPreference(['grade', 'nope', 'grade', 'custom.level', 'custom.Bad', 7])).toEqual(['grade', 'custom.level'])
    expect(columnsFromPreference([])).toEqual([])
    expect(columnsFromPreference(null)).toBeNull()
    expect(columnsFromPreference(undefined)).toBeNull()
    expect(columnsFromPreference({ columns: ['code'] })).toBeNull()
    expect(columnsFromPreference('code')).toBeNull()
  })
  it('compares layouts in order', () => {
    expect(sameColumns(['code', 'grade'], ['code', 'grade'])).toBe(true)
    expect(sameColumns(['grade', 'code'], ['code', 'grade'])).toBe(false)
    expect(sameColumns(['code'], ['code', 'grade'])).toBe(false)
  })
})

describe('debouncedSaver', () => {
  afterEach(() => vi.useRealTimers())

  it('sends the last value once, 500 ms after the last change', async () => {
    vi.useFakeTimers()
    const sent: string[][] = []
    const saver = debouncedSaver(async (v: string[]) => void sent.push(v))
    saver.schedule(['code'])
    await vi.advanceTimersByTimeAsync(300)
    saver.schedule(['code', 'grade'])
    await vi.advanceTimersByTimeAsync(499)
    expect(sent).toEqual([])
    expect(saver.pending).toBe(true)
    await vi.advanceTimersByTimeAsync(1)
    expect(sent).toEqual([['code', 'grade']])
    expect(saver.pending).toBe(false)
  })
  it('drops a failed save quietly; the next change sends the whole value again', async () => {
    vi.useFakeTimers()
    const calls: string[][] = []
    let fail = true
    const saver = debouncedSaver(async (v: string[]) => {
      calls.push(v)
      if (fail) throw new Error('offline')
    })
    saver.schedule(['code'])
    await vi.advanceTimersByTimeAsync(500)
    expect(calls).toEqual([['code']])
    expect(saver.pending).toBe(false)
    fail = false
    saver.schedule(['code', 'owner'])
    await vi.advanceTimersByTimeAsync(500)
    expect(calls).toEqual([['code'], ['code', 'owner']])
  })
  it('flush sends a waiting value at once, and nothing when none waits', async () => {
    vi.useFakeTimers()
    const sent: string[][] = []
    const saver = debouncedSaver(async (v: string[]) => void sent.push(v))
    saver.flush()
    expect(sent).toEqual([])
    saver.schedule(['tags'])
    saver.flush()
    expect(sent).toEqual([['tags']])
    await vi.advanceTimersByTimeAsync(1000)
    expect(sent).toEqual([['tags']]) // not twice
  })
})

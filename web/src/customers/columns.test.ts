import { describe, expect, it } from 'vitest'
import { DEFAULT_COLUMNS, columnsKey, inCatalogueOrder, loadColumns, saveColumns } from './columns'

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

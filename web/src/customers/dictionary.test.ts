import { describe, expect, it } from 'vitest'
import { itemLabel, selectableItems } from './dictionary'

// Items of the server's `source` dictionary (one retired, one without an English label).
const items = [
  { code: 'exhibition', label: '展会', label_en: 'Exhibition', sort_order: 2, retired: false, version: 1 },
  { code: 'advertising', label: '广告', sort_order: 3, retired: true, version: 2 },
  { code: 'walk_in', label: '主动来访', sort_order: 1, retired: false, version: 1 },
]

describe('dictionary selects', () => {
  it('hide retired items for new values, in sort order', () => {
    expect(selectableItems(items, null).map((i) => i.code)).toEqual(['walk_in', 'exhibition'])
  })
  it('keep a retired item that is already set', () => {
    expect(selectableItems(items, 'advertising').map((i) => i.code)).toEqual(['walk_in', 'exhibition', 'advertising'])
  })
  it('offer retired items to filters', () => {
    expect(selectableItems(items, null, true)).toHaveLength(3)
  })
  it('label codes, unknown ones as they are', () => {
    expect(itemLabel(items, 'advertising')).toBe('广告')
    expect(itemLabel(items, 'gone')).toBe('gone')
    expect(itemLabel(items, null)).toBe('')
  })
  it('use the English label when there is one', () => {
    expect(itemLabel(items, 'exhibition', true)).toBe('Exhibition')
    expect(itemLabel(items, 'walk_in', true)).toBe('主动来访')
    expect(itemLabel(items, 'exhibition')).toBe('展会')
  })
})

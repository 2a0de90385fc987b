import { describe, expect, it } from 'vitest'
import type { Region } from '../api/customers'
import { isAncestorRegion, regionPrefix, resolveRegionPath } from './regions'

const r = (code: string, level: 1 | 2 | 3, has_children = level < 3): Region => ({ code, name: code, level, has_children })
const tree: Record<string, Region[]> = {
  '': [r('110000', 1), r('440000', 1)],
  '110000': [r('110100', 2)],
  '110100': [r('110105', 3)],
  '440000': [r('440300', 2), r('441900', 2, false)],
  '440300': [r('440305', 3), r('440307', 3)],
}
const calls: (string | null)[] = []
const children = async (parent: string | null) => {
  calls.push(parent)
  return tree[parent ?? ''] ?? []
}

describe('regions', () => {
  it('finds the significant prefix', () => {
    expect(regionPrefix('440000')).toBe('44')
    expect(regionPrefix('440300')).toBe('4403')
    expect(regionPrefix('440305')).toBe('440305')
    expect(isAncestorRegion('440000', '440305')).toBe(true)
    expect(isAncestorRegion('440300', '440305')).toBe(true)
    expect(isAncestorRegion('440300', '440000')).toBe(false)
    expect(isAncestorRegion('440305', '440305')).toBe(false)
  })
  it('resolves codes to their path in the tree', async () => {
    expect(await resolveRegionPath('440305', children)).toEqual(['440000', '440300', '440305'])
    expect(await resolveRegionPath('110105', children)).toEqual(['110000', '110100', '110105'])
    expect(await resolveRegionPath('440000', children)).toEqual(['440000'])
    expect(await resolveRegionPath('441900', children)).toEqual(['440000', '441900'])
  })
  it('gives null for a code the tree does not have', async () => {
    calls.length = 0
    expect(await resolveRegionPath('440399', children)).toBeNull()
    expect(await resolveRegionPath('990000', children)).toBeNull()
    expect(calls).toEqual([null, '440000', '440300', null])
  })
})

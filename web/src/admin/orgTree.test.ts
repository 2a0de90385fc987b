import { describe, expect, it } from 'vitest'
import type { OrgUnit } from '../api/admin'
import { buildUnitTree, defaultChildKind, subtreeIds, unitPathLabel } from './orgTree'

function unit(id: number, parent: number | null, name: string, path: string, sort = 0): OrgUnit {
  return {
    id, parent_id: parent, name, path, sort_order: sort,
    kind: parent === null ? 'group' : 'department', status: 'active',
    created_at: 0, updated_at: 0, version: 1,
  }
}

const units = [
  unit(1, null, '集团总部', '/1/'),
  unit(2, 1, '华东板块', '/1/2/', 20),
  unit(3, 2, '销售一部', '/1/2/3/'),
  unit(4, 1, '华北板块', '/1/4/', 10),
  unit(12, 1, '审计部', '/1/12/', 10),
]

describe('buildUnitTree', () => {
  it('nests children and orders siblings by sort_order then name', () => {
    const [root] = buildUnitTree(units)
    expect(root.id).toBe(1)
    expect(root.children.map((n) => n.unit.name)).toEqual(['华北板块', '审计部', '华东板块'])
    expect(root.children[2].children.map((n) => n.id)).toEqual([3])
  })
  it('keeps orphans as roots', () => {
    expect(buildUnitTree([unit(5, 99, '孤立', '/99/5/')]).map((n) => n.id)).toEqual([5])
  })
})

describe('subtreeIds', () => {
  it('holds the unit and its descendants only', () => {
    expect([...subtreeIds(units, 2)].sort()).toEqual([2, 3])
    // '/1/' is a prefix of '/1/12/' but '/1/2/' is not of '/1/12/'.
    expect(subtreeIds(units, 2).has(12)).toBe(false)
    expect(subtreeIds(units, 42).size).toBe(0)
  })
})

describe('unitPathLabel', () => {
  const byId = new Map(units.map((u) => [u.id, u]))
  it('joins the names from the root', () => {
    expect(unitPathLabel(byId, 3)).toBe('集团总部 / 华东板块 / 销售一部')
  })
  it('handles no unit and unknown units', () => {
    expect(unitPathLabel(byId, null)).toBe('')
    expect(unitPathLabel(byId, 77)).toBe('#77')
  })
})

describe('defaultChildKind', () => {
  it('suggests a segment below the group and a department elsewhere', () => {
    expect(defaultChildKind(units[0])).toBe('segment')
    expect(defaultChildKind(units[1])).toBe('department')
  })
})

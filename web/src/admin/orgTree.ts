// The org unit list arrives flat (ordered by path); the pages need it as a tree, as
// "parent / child" labels and as "this unit and everything below it" sets.
import type { OrgUnit } from '../api/admin'

export interface UnitNode {
  id: number
  /** The unit's name, where ElTree looks for a label. */
  label: string
  unit: OrgUnit
  children: UnitNode[]
}

/** Builds the forest; siblings by sort_order, then name. A unit whose parent is missing becomes a root. */
export function buildUnitTree(units: readonly OrgUnit[]): UnitNode[] {
  const nodes = new Map<number, UnitNode>()
  for (const unit of units) nodes.set(unit.id, { id: unit.id, label: unit.name, unit, children: [] })
  const roots: UnitNode[] = []
  for (const node of nodes.values()) {
    const parent = node.unit.parent_id === null ? undefined : nodes.get(node.unit.parent_id)
    if (parent) parent.children.push(node)
    else roots.push(node)
  }
  const order = (a: UnitNode, b: UnitNode) =>
    a.unit.sort_order - b.unit.sort_order || a.unit.name.localeCompare(b.unit.name, 'zh-CN') || a.id - b.id
  const sortAll = (list: UnitNode[]) => {
    list.sort(order)
    for (const n of list) sortAll(n.children)
  }
  sortAll(roots)
  return roots
}

/** Ids of the unit and every unit below it (by `path` prefix, as the server does). */
export function subtreeIds(units: readonly OrgUnit[], rootId: number): Set<number> {
  const root = units.find((u) => u.id === rootId)
  if (!root) return new Set()
  return new Set(units.filter((u) => u.path.startsWith(root.path)).map((u) => u.id))
}

/** "集团总部 / 华东板块 / 销售一部" from the ids in `path`; unknown ids are skipped. */
export function unitPathLabel(byId: ReadonlyMap<number, OrgUnit>, id: number | null | undefined, separator = ' / '): string {
  if (id === null || id === undefined) return ''
  const unit = byId.get(id)
  if (!unit) return `#${id}`
  const ids = unit.path.split('/').filter(Boolean).map(Number)
  return ids
    .map((i) => byId.get(i)?.name)
    .filter((name): name is string => !!name)
    .join(separator)
}

/** The kind a new child most likely has: below the group a segment, below anything else a department. */
export function defaultChildKind(parent: OrgUnit | undefined): OrgUnit['kind'] {
  return parent?.kind === 'group' ? 'segment' : 'department'
}

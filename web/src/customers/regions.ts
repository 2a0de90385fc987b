// GB/T 2260 region codes: 6 digits, province PP0000, city PPCC00, county PPCCDD. The region
// tree comes from GET /regions?parent=; a stored code is resolved to its path there (the
// cascader needs province → city → county) rather than guessed, since municipalities and
// cities without counties do not follow the pattern. Pure functions (regions.test.ts).
import type { Region } from '../api/customers'

/** The significant prefix: 440000 → 44, 440300 → 4403, 440305 → 440305. */
export function regionPrefix(code: string): string {
  let p = code
  while (p.length > 2 && p.endsWith('00')) p = p.slice(0, -2)
  return p
}

/** True when `candidate` contains `code` (and is not the same region). */
export function isAncestorRegion(candidate: string, code: string): boolean {
  return candidate !== code && code.startsWith(regionPrefix(candidate))
}

/** The codes from the province down to `code`, or null when the tree does not lead there. */
export async function resolveRegionPath(code: string, children: (parent: string | null) => Promise<readonly Region[]>): Promise<string[] | null> {
  const path: string[] = []
  let parent: string | null = null
  for (let level = 0; level < 4; level++) {
    const items = await children(parent)
    const exact = items.find((r) => r.code === code)
    if (exact) return [...path, exact.code]
    const ancestor = items.find((r) => r.has_children && isAncestorRegion(r.code, code))
    if (!ancestor) return null
    path.push(ancestor.code)
    parent = ancestor.code
  }
  return null
}

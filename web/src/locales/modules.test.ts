// The merged messages spread the per-module objects, so a top-level key defined in two modules
// would be silently overwritten. Each module must own its top-level keys exclusively.
import { describe, expect, it } from 'vitest'
import zhCN, { zhCNModules } from './zh-CN'
import en, { enModules } from './en'

describe.each([
  ['zh-CN', zhCN, zhCNModules],
  ['en', en, enModules],
] as [string, Record<string, unknown>, Record<string, Record<string, unknown>>][])('%s modules', (_lang, merged, modules) => {
  it('share no top-level key', () => {
    const owner = new Map<string, string>()
    const clashes: string[] = []
    for (const [name, messages] of Object.entries(modules)) {
      for (const key of Object.keys(messages)) {
        const other = owner.get(key)
        if (other) clashes.push(`${key}: ${other} and ${name}`)
        else owner.set(key, name)
      }
    }
    expect(clashes).toEqual([])
  })

  it('merge to exactly their top-level keys', () => {
    const union = Object.values(modules).flatMap((m) => Object.keys(m))
    expect(Object.keys(merged).sort()).toEqual([...new Set(union)].sort())
  })
})

it('both languages have the same modules', () => {
  expect(Object.keys(enModules)).toEqual(Object.keys(zhCNModules))
})

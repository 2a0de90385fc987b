// Every message must compile as vue-i18n message syntax: a bare `@` (linked message), `|`
// (plural) or an unclosed `{` fails only when the message is first shown, in the browser.
import { describe, expect, it } from 'vitest'
import { baseCompile } from '@intlify/message-compiler'
import zhCN from './zh-CN'
import en from './en'

function leaves(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return [[path, value]]
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => leaves(v, path ? `${path}.${k}` : k))
  return []
}

describe.each([['zh-CN', zhCN], ['en', en]])('%s messages', (_lang, messages) => {
  it('all compile', () => {
    const broken: string[] = []
    for (const [key, text] of leaves(messages)) {
      baseCompile(text, { onError: (e) => broken.push(`${key}: ${e.message}`) })
    }
    expect(broken).toEqual([])
  })
})

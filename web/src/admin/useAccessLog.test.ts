import { describe, expect, it, vi } from 'vitest'
import type { AccessEntry, Page } from '../api/admin'

// http.ts (ApiError) pulls in Element Plus and the locales: a stand-in keeps this a unit test.
vi.mock('../api/http', () => ({
  ApiError: class ApiError extends Error {
    constructor(readonly problem: { status: number }) {
      super(`HTTP ${problem.status}`)
    }
  },
}))
const { ApiError } = await import('../api/http')
const { useAccessLog } = await import('./useAccessLog')

const entry = (id: number): AccessEntry => ({
  id, at: 1_795_000_000_000 + id, user_id: 2, user_name: 'wang.zong', action: 'view', customers: [{ id: 1, code: 'KH2026000001' }],
  customer_count: 1, reason: null, until: null, ip: '127.0.0.1', user_agent: 'test', detail: null,
})
const page = (ids: number[], next: string | null): Page<AccessEntry> => ({ items: ids.map(entry), next_cursor: next })

/** A fetch whose answers the test releases one by one. */
function deferredFetch() {
  const calls: { cursor: string | null; resolve: (p: Page<AccessEntry>) => void; reject: (e: unknown) => void }[] = []
  const fetch = (cursor: string | null) => new Promise<Page<AccessEntry>>((resolve, reject) => calls.push({ cursor, resolve, reject }))
  return { calls, fetch }
}

describe('useAccessLog (SEC-7)', () => {
  it('loads the first page, then appends the next by the server\'s cursor', async () => {
    const { calls, fetch } = deferredFetch()
    const log = useAccessLog(fetch)
    const first = log.load()
    expect(log.loading.value).toBe(true)
    calls[0].resolve(page([5, 4], '4'))
    await first
    expect(log.items.value.map((e) => e.id)).toEqual([5, 4])
    expect(log.nextCursor.value).toBe('4')
    const more = log.load(true)
    expect(calls[1].cursor).toBe('4')
    calls[1].resolve(page([3], null))
    await more
    expect(log.items.value.map((e) => e.id)).toEqual([5, 4, 3])
    expect([log.nextCursor.value, log.loading.value, log.failed.value]).toEqual([null, false, false])
  })

  it('lets a newer request win over an older one still on its way', async () => {
    const { calls, fetch } = deferredFetch()
    const log = useAccessLog(fetch)
    const older = log.load()
    const newer = log.load()
    calls[1].resolve(page([9], null))
    await newer
    calls[0].resolve(page([1, 2], '2'))
    await older
    expect(log.items.value.map((e) => e.id)).toEqual([9])
    expect(log.nextCursor.value).toBeNull()
    expect(log.loading.value).toBe(false)
  })

  it('keeps the entries and says so when the server refuses', async () => {
    const { calls, fetch } = deferredFetch()
    const log = useAccessLog(fetch)
    const first = log.load()
    calls[0].resolve(page([5], '5'))
    await first
    const refused = log.load(true)
    calls[1].reject(new ApiError({ status: 403, code: 'forbidden', detail: '您没有执行此操作的权限。' }))
    await refused
    expect(log.items.value.map((e) => e.id)).toEqual([5])
    expect([log.failed.value, log.loading.value]).toEqual([true, false])
  })

  it('does not swallow a programming error', async () => {
    const log = useAccessLog(() => Promise.reject(new TypeError('boom')))
    await expect(log.load()).rejects.toThrow('boom')
    expect(log.loading.value).toBe(false)
  })
})

// Pages of access-log entries (SEC-7), newest first, with "load more" by the server's
// cursor. A newer request wins over an older one still on its way. A refused or failed
// request leaves the entries as they were (http.ts shows the server's message).
import { ref, shallowRef } from 'vue'
import type { AccessEntry, Page } from '../api/admin'
import { ApiError } from '../api/http'

export const ACCESS_PAGE_SIZE = 50

export function useAccessLog(fetch: (cursor: string | null) => Promise<Page<AccessEntry>>) {
  const items = shallowRef<AccessEntry[]>([])
  const nextCursor = ref<string | null>(null)
  const loading = ref(false)
  /** The last request failed. */
  const failed = ref(false)
  let requestNo = 0

  async function load(more = false) {
    const mine = ++requestNo
    loading.value = true
    try {
      const page = await fetch(more ? nextCursor.value : null)
      if (mine !== requestNo) return
      items.value = more ? [...items.value, ...page.items] : page.items
      nextCursor.value = page.next_cursor
      failed.value = false
    } catch (error) {
      if (!(error instanceof ApiError)) throw error
      if (mine === requestNo) failed.value = true
    } finally {
      if (mine === requestNo) loading.value = false
    }
  }
  return { items, nextCursor, loading, failed, load }
}

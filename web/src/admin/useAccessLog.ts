// Pages of access-log entries (SEC-7), newest first — or of any list paged the same way
// (the address book) — with "load more" by the server's cursor. A newer request wins over
// an older one still on its way. A refused or failed request leaves the entries as they
// were (http.ts shows the server's message); see useLoader.ts.
import { computed } from 'vue'
import type { AccessEntry, Page } from '../api/admin'
import { useLoader } from '../useLoader'

export const ACCESS_PAGE_SIZE = 50

export function useAccessLog<T = AccessEntry>(fetch: (cursor: string | null) => Promise<Page<T>>) {
  let more = false
  const { data, loading, failed, load: read } = useLoader(async (): Promise<Page<T>> => {
    const appending = more
    const page = await fetch(appending ? (data.value?.next_cursor ?? null) : null)
    return appending ? { items: [...(data.value?.items ?? []), ...page.items], next_cursor: page.next_cursor } : page
  })
  const items = computed(() => data.value?.items ?? [])
  const nextCursor = computed(() => data.value?.next_cursor ?? null)

  function load(appending = false) {
    more = appending
    return read()
  }
  return { items, nextCursor, loading, failed, load }
}

/** The same cursor paging for any list. */
export const useCursorList = useAccessLog

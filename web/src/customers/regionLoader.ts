// Region children from GET /regions?parent=, fetched once per parent per page load.
import { regionsApi, type Region } from '../api/customers'

const cache = new Map<string, Promise<Region[]>>()

export function regionChildren(parent: string | null): Promise<Region[]> {
  const key = parent ?? ''
  let pending = cache.get(key)
  if (!pending) {
    pending = regionsApi.children(parent, { notify: false }).then((page) => page.items)
    pending.catch(() => cache.delete(key))
    cache.set(key, pending)
  }
  return pending
}

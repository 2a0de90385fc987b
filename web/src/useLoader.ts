// One answer read from the server (and read again on demand): a newer request wins over an
// older one still on its way; a refused or failed one keeps the last answer and sets
// `failed` (http.ts shows the server's message unless the fetch says otherwise).
import { ref, shallowRef } from 'vue'
import { ApiError } from './api/http'

export function useLoader<T>(fetch: () => Promise<T>) {
  const data = shallowRef<T | null>(null)
  const loading = ref(false)
  const failed = ref(false)
  let requestNo = 0

  async function load(): Promise<void> {
    const mine = ++requestNo
    loading.value = true
    try {
      const answer = await fetch()
      if (mine !== requestNo) return
      data.value = answer
      failed.value = false
    } catch (error) {
      if (!(error instanceof ApiError)) throw error
      if (mine === requestNo) failed.value = true
    } finally {
      if (mine === requestNo) loading.value = false
    }
  }
  return { data, loading, failed, load }
}

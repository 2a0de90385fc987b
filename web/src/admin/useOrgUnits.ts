import { computed, ref } from 'vue'
import { orgApi, type OrgUnit } from '../api/admin'
import { buildUnitTree, unitPathLabel } from './orgTree'

/** The whole org tree (one request; the server never pages it). */
export function useOrgUnits() {
  const units = ref<OrgUnit[]>([])
  const loading = ref(false)
  const byId = computed(() => new Map(units.value.map((u) => [u.id, u])))
  const tree = computed(() => buildUnitTree(units.value))

  async function reload(): Promise<void> {
    loading.value = true
    try {
      units.value = (await orgApi.list()).items
    } finally {
      loading.value = false
    }
  }

  const pathLabel = (id: number | null | undefined) => unitPathLabel(byId.value, id)
  return { units, byId, tree, loading, reload, pathLabel }
}

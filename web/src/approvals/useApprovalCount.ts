// The count of requests waiting for the signed-in user (GET /approvals/count), shared by the
// header's 审批 badge, the hamburger's dot and the 审批中心 menu entry: read on every page
// opened, every minute and after each decision on the approvals page.
import { computed, onBeforeUnmount, onMounted, watch } from 'vue'
import { useRoute } from 'vue-router'
import { approvalsApi } from '../api/approvals'
import { useLoader } from '../useLoader'

export const REFRESH_MS = 60_000

const loader = useLoader(() => approvalsApi.count({ notify: false }))

export const approvalCount = loader.data
export const refreshApprovalCount = loader.load

/** How many requests wait for the user (0 before the first answer). */
export const waitingCount = computed(() => approvalCount.value?.assigned_to_me ?? 0)
/** How many of those are overdue. */
export const overdueCount = computed(() => approvalCount.value?.overdue ?? 0)

/**
 * For the frame: reads the count when mounted, on every navigation and every minute, while
 * `enabled` (not while a password change or the second factor's setup is forced: the server
 * refuses everything else then).
 */
export function useApprovalCountRefresh(enabled: () => boolean) {
  const route = useRoute()
  const refresh = () => {
    if (enabled()) void refreshApprovalCount()
  }
  watch(() => route.path, refresh)
  watch(enabled, refresh)
  let timer: ReturnType<typeof setInterval> | undefined
  onMounted(() => {
    refresh()
    timer = setInterval(refresh, REFRESH_MS)
  })
  onBeforeUnmount(() => clearInterval(timer))
}

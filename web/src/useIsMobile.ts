import { onBeforeUnmount, ref } from 'vue'

/** Phone layout below 768 px: the side menu moves into a drawer. */
export const MOBILE_QUERY = '(max-width: 767.98px)'

export function useIsMobile() {
  const query = window.matchMedia(MOBILE_QUERY)
  const isMobile = ref(query.matches)
  const update = (e: MediaQueryListEvent) => {
    isMobile.value = e.matches
  }
  query.addEventListener('change', update)
  onBeforeUnmount(() => query.removeEventListener('change', update))
  return isMobile
}

import { createRouter, createWebHistory, type LocationQueryValue } from 'vue-router'
import { onUnauthenticated } from '../api/http'
import { clearSession, ensureSessionLoaded, session } from '../session'
import LoginView from '../views/LoginView.vue'
import AppLayout from '../layouts/AppLayout.vue'

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/login', name: 'login', component: LoginView, meta: { public: true, titleKey: 'login.title' } },
    {
      path: '/',
      component: AppLayout,
      children: [
        { path: '', name: 'dashboard', component: () => import('../views/DashboardView.vue'), meta: { titleKey: 'menu.dashboard' } },
        // Modules add their routes here.
        { path: ':pathMatch(.*)*', name: 'not-found', component: () => import('../views/NotFoundView.vue'), meta: { titleKey: 'notFound.title' } },
      ],
    },
  ],
})

/** Only same-origin paths are followed after login (no open redirect). */
export function safeRedirect(value: LocationQueryValue | LocationQueryValue[] | undefined): string {
  const target = Array.isArray(value) ? value[0] : value
  if (typeof target !== 'string' || !target.startsWith('/') || target.startsWith('//') || target.startsWith('/\\')) return '/'
  if (target === '/login' || target.startsWith('/login?')) return '/'
  return target
}

function loginLocation(fullPath: string) {
  return { name: 'login', query: fullPath === '/' ? {} : { redirect: fullPath } }
}

router.beforeEach(async (to) => {
  await ensureSessionLoaded()
  if (to.meta.public) {
    if (to.name === 'login' && session.user) return safeRedirect(to.query.redirect)
    return true
  }
  if (!session.user) return loginLocation(to.fullPath)
  return true
})

// A 401 on any later request means the session ended (expired, logged out elsewhere).
onUnauthenticated(() => {
  clearSession()
  const current = router.currentRoute.value
  if (!current.meta.public) void router.replace(loginLocation(current.fullPath))
})

// After a new deployment the old hashed chunks are gone: load the page afresh.
router.onError((error, to) => {
  if (/dynamically imported module|Importing a module script failed/i.test(String(error?.message))) {
    window.location.assign(to.fullPath)
  }
})

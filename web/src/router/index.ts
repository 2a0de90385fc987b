import { createRouter, createWebHistory, type LocationQueryValue, type RouteLocationNormalized } from 'vue-router'
import { onPasswordChangeRequired, onSecondFactorRequired, onUnauthenticated } from '../api/http'
import { clearSession, ensureSessionLoaded, session } from '../session'
import { hasAnyPermission, PAGE_PERMISSIONS } from '../admin/access'
import LoginView from '../views/LoginView.vue'
import AppLayout from '../layouts/AppLayout.vue'

export const CHANGE_PASSWORD = 'change-password'
export const ACCOUNT_SECURITY = 'account-security'

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/login', name: 'login', component: LoginView, meta: { public: true, titleKey: 'login.title' } },
    {
      path: '/',
      component: AppLayout,
      children: [
        { path: '', name: 'dashboard', component: () => import('../views/DashboardView.vue'), meta: { titleKey: 'menu.dashboard' } },
        { path: 'account/password', name: CHANGE_PASSWORD, component: () => import('../views/ChangePasswordView.vue'), meta: { titleKey: 'password.title' } },
        { path: 'account/security', name: ACCOUNT_SECURITY, component: () => import('../views/AccountSecurityView.vue'), meta: { titleKey: 'security.title' } },
        { path: 'admin/org-units', name: 'org-units', component: () => import('../views/admin/OrgUnitsView.vue'), meta: { titleKey: 'menu.orgUnits', permissions: PAGE_PERMISSIONS.orgUnits } },
        { path: 'admin/users', name: 'users', component: () => import('../views/admin/UsersView.vue'), meta: { titleKey: 'menu.users', permissions: PAGE_PERMISSIONS.users } },
        { path: 'admin/roles', name: 'roles', component: () => import('../views/admin/RolesView.vue'), meta: { titleKey: 'menu.roles', permissions: PAGE_PERMISSIONS.roles } },
        { path: 'admin/audit', name: 'audit', component: () => import('../views/admin/AuditLogView.vue'), meta: { titleKey: 'menu.audit', permissions: PAGE_PERMISSIONS.audit } },
        { path: 'admin/access-log', name: 'access-log', component: () => import('../views/admin/AccessLogView.vue'), meta: { titleKey: 'menu.accessLog', permissions: PAGE_PERMISSIONS.accessLog } },
        { path: 'admin/custom-fields', name: 'custom-fields', component: () => import('../views/admin/CustomFieldsView.vue'), meta: { titleKey: 'menu.customFields', permissions: PAGE_PERMISSIONS.customFields } },
        { path: 'admin/customer-rules', name: 'customer-rules', component: () => import('../views/admin/CustomerRulesView.vue'), meta: { titleKey: 'menu.customerRules', permissions: PAGE_PERMISSIONS.customerRules } },
        { path: 'admin/masking', name: 'masking', component: () => import('../views/admin/MaskingView.vue'), meta: { titleKey: 'menu.masking', permissions: PAGE_PERMISSIONS.masking } },
        { path: 'customers', name: 'customers', component: () => import('../views/customers/CustomerListView.vue'), meta: { titleKey: 'menu.customers', permissions: PAGE_PERMISSIONS.customers } },
        { path: 'customers/new', name: 'customer-new', component: () => import('../views/customers/CustomerFormView.vue'), meta: { titleKey: 'customers.form.createTitle', permissions: PAGE_PERMISSIONS.customerCreate } },
        { path: 'customers/:id(\\d+)', name: 'customer-detail', component: () => import('../views/customers/CustomerDetailView.vue'), meta: { titleKey: 'menu.customers', permissions: PAGE_PERMISSIONS.customers } },
        { path: 'customers/:id(\\d+)/edit', name: 'customer-edit', component: () => import('../views/customers/CustomerFormView.vue'), meta: { titleKey: 'menu.customers', permissions: PAGE_PERMISSIONS.customerEdit } },
        { path: 'reminders', name: 'reminders', component: () => import('../views/planner/RemindersView.vue'), meta: { titleKey: 'menu.reminders' } },
        { path: 'daily-notes', name: 'daily-notes', component: () => import('../views/planner/DailyNotesView.vue'), meta: { titleKey: 'menu.dailyNotes' } },
        { path: 'address-book', name: 'address-book', component: () => import('../views/planner/AddressBookView.vue'), meta: { titleKey: 'menu.addressBook', permissions: PAGE_PERMISSIONS.customers } },
        { path: 'customer-history/stats', name: 'history-stats', component: () => import('../views/planner/HistoryStatsView.vue'), meta: { titleKey: 'menu.historyStats', permissions: PAGE_PERMISSIONS.customers } },
        { path: 'approvals', name: 'approvals', component: () => import('../views/approvals/ApprovalsView.vue'), meta: { titleKey: 'menu.approvals' } },
        { path: 'admin/approval-flows', name: 'approval-flows', component: () => import('../views/admin/ApprovalFlowsView.vue'), meta: { titleKey: 'menu.approvalFlows', permissions: PAGE_PERMISSIONS.approvalFlows } },
        { path: 'admin/work-calendar', name: 'work-calendar', component: () => import('../views/admin/WorkCalendarView.vue'), meta: { titleKey: 'menu.workCalendar', permissions: PAGE_PERMISSIONS.workCalendar } },
        // Modules add their routes here.
        { path: ':pathMatch(.*)*', name: 'not-found', component: () => import('../views/NotFoundView.vue'), meta: { titleKey: 'notFound.title' } },
        // Only reached by name from the guard, so the address bar keeps the page the user
        // asked for (the not-found route above wins every match by path).
        { path: ':deniedPath(.*)*', name: 'forbidden', component: () => import('../views/ForbiddenView.vue'), meta: { titleKey: 'forbidden.title' } },
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

/** The 无权访问 page shown under the address the user typed. */
function forbiddenLocation(to: RouteLocationNormalized) {
  return { name: 'forbidden', params: { deniedPath: to.path.slice(1).split('/') }, query: to.query, hash: to.hash }
}

router.beforeEach(async (to) => {
  await ensureSessionLoaded()
  if (to.meta.public) {
    if (to.name === 'login' && session.user) return safeRedirect(to.query.redirect)
    return true
  }
  if (!session.user) return loginLocation(to.fullPath)
  // Until the password is changed the server answers nothing else (403
  // password_change_required), so every page leads to the change-password page.
  if (session.user.must_change_password && to.name !== CHANGE_PASSWORD) return { name: CHANGE_PASSWORD }
  // A role requires the second factor and it is not set up: the server refuses everything
  // but the account's own routes (403 second_factor_required) until it is.
  if (session.user.second_factor_setup_required && to.name !== ACCOUNT_SECURITY && to.name !== CHANGE_PASSWORD) {
    return { name: ACCOUNT_SECURITY }
  }
  if (!hasAnyPermission(session.user, to.meta.permissions)) return forbiddenLocation(to)
  return true
})

// A 401 on any later request means the session ended (expired, logged out elsewhere).
onUnauthenticated(() => {
  clearSession()
  const current = router.currentRoute.value
  if (!current.meta.public) void router.replace(loginLocation(current.fullPath))
})

// An administrator reset the password while this page was open.
onPasswordChangeRequired(() => {
  if (!session.user) return
  session.user.must_change_password = true
  if (router.currentRoute.value.name !== CHANGE_PASSWORD) void router.replace({ name: CHANGE_PASSWORD })
})

// A role started to require the second factor (or an administrator reset it) meanwhile.
onSecondFactorRequired(() => {
  if (!session.user) return
  session.user.second_factor_setup_required = true
  if (router.currentRoute.value.name !== ACCOUNT_SECURITY) void router.replace({ name: ACCOUNT_SECURITY })
})

// After a new deployment the old hashed chunks are gone: load the page afresh.
router.onError((error, to) => {
  if (/dynamically imported module|Importing a module script failed/i.test(String(error?.message))) {
    window.location.assign(to.fullPath)
  }
})

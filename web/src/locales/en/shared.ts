// Labels used across modules: database kinds, role names, not-found page, request errors.
import type sharedZh from '../zh-CN/shared'

// Typed as the Chinese module, so a missing or extra key fails `vue-tsc`.
const shared: typeof sharedZh = {
  db: {
    sqlite: 'SQLite (embedded)',
    postgres: 'PostgreSQL',
  },
  roles: {
    system_admin: 'System administrator',
    group_management: 'Group management',
    segment_head: 'Segment head',
    department_head: 'Department head',
    salesperson: 'Salesperson',
    segment_admin: 'Segment administrator',
    archive_clerk: 'Archive clerk',
    customer_service: 'Customer service',
    auditor: 'Auditor',
    security_admin: 'Security administrator',
  },
  notFound: {
    title: 'Page not found',
    message: 'The page you asked for does not exist or has been removed.',
    back: 'Back to dashboard',
  },
  errors: {
    network: 'Cannot reach the server. Check the network and try again.',
    http: 'The server answered with an error (HTTP {status}).',
    sessionExpired: 'Your session has expired. Please sign in again.',
  },
}

export default shared

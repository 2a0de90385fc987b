import type { Messages } from './zh-CN'

const en: Messages = {
  app: {
    name: '关系 Guanxi',
    shortName: 'Guanxi',
    tagline: 'Open-source CRM for Chinese enterprises',
  },
  lang: {
    label: 'Language',
    'zh-CN': '中文',
    en: 'English',
  },
  login: {
    title: 'Sign in',
    heading: 'Sign in to your account',
    username: 'Username',
    password: 'Password',
    usernamePlaceholder: 'Enter your username',
    passwordPlaceholder: 'Enter your password',
    usernameRequired: 'Please enter your username',
    passwordRequired: 'Please enter your password',
    submit: 'Sign in',
    failed: 'Sign-in failed',
  },
  frame: {
    openMenu: 'Open menu',
    mainMenu: 'Main menu',
    userMenu: 'User menu',
    logout: 'Log out',
    loggedOut: 'You have logged out',
  },
  menu: {
    dashboard: 'Dashboard',
  },
  dashboard: {
    welcome: 'Welcome, {name}',
    username: 'Username',
    roles: 'Roles',
    noRoles: 'No roles',
    serverStatus: 'Server status',
    status: 'Status',
    statusOk: 'OK',
    statusDown: 'Not OK',
    database: 'Database',
    version: 'Version',
    loading: 'Loading…',
    unavailable: 'Server status is unavailable',
    mustChangePassword: 'Your password must be changed. Please change it soon or ask an administrator.',
  },
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
    auditor: 'Security auditor',
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

export default en

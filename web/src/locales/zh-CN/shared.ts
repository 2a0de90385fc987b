// Labels used across modules: database kinds, role names, not-found page, request errors.
// Simplified Chinese is the source of truth: en/shared.ts is typed as `typeof shared`.
const shared = {
  db: {
    sqlite: 'SQLite（内置）',
    postgres: 'PostgreSQL',
  },
  roles: {
    system_admin: '系统管理员',
    group_management: '集团管理层',
    segment_head: '板块负责人',
    department_head: '部门负责人',
    salesperson: '业务员',
    segment_admin: '板块管理员',
    archive_clerk: '档案管理员',
    customer_service: '客服人员',
    auditor: '审计员',
    security_admin: '安全管理员',
  },
  notFound: {
    title: '页面不存在',
    message: '您访问的页面不存在或已被移除。',
    back: '返回工作台',
  },
  errors: {
    network: '无法连接服务器，请检查网络后重试。',
    http: '服务器返回错误（HTTP {status}）。',
    sessionExpired: '登录已过期，请重新登录。',
  },
}

export default shared

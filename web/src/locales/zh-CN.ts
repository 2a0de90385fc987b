// Simplified Chinese messages (default language). en.ts must have exactly the same keys:
// it is typed as `Messages`, so a missing or extra key fails `vue-tsc`.
const zhCN = {
  app: {
    name: '关系 Guanxi',
    shortName: '关系',
    tagline: '面向中国企业的开源客户关系管理系统',
  },
  lang: {
    label: '界面语言',
    'zh-CN': '中文',
    en: 'English',
  },
  login: {
    title: '登录',
    heading: '登录账号',
    username: '用户名',
    password: '密码',
    usernamePlaceholder: '请输入用户名',
    passwordPlaceholder: '请输入密码',
    usernameRequired: '请输入用户名',
    passwordRequired: '请输入密码',
    submit: '登录',
    failed: '登录失败',
  },
  frame: {
    openMenu: '打开菜单',
    mainMenu: '主菜单',
    userMenu: '用户菜单',
    logout: '退出登录',
    loggedOut: '已退出登录',
  },
  menu: {
    dashboard: '工作台',
  },
  dashboard: {
    welcome: '欢迎，{name}',
    username: '用户名',
    roles: '角色',
    noRoles: '暂无角色',
    serverStatus: '服务器状态',
    status: '运行状态',
    statusOk: '正常',
    statusDown: '异常',
    database: '数据库',
    version: '版本',
    loading: '正在加载…',
    unavailable: '无法获取服务器状态',
    mustChangePassword: '您的密码需要修改，请联系管理员或尽快修改密码。',
  },
  db: {
    sqlite: 'SQLite（内置）',
    postgres: 'PostgreSQL',
  },
  roles: {
    system_admin: '系统管理员',
    group_management: '集团管理层',
    segment_head: '板块负责人',
    department_head: '部门负责人',
    salesperson: '客户经理',
    segment_admin: '板块管理员',
    archive_clerk: '档案管理员',
    customer_service: '客服专员',
    auditor: '安全审计员',
    security_admin: '安全保密管理员',
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

export type Messages = typeof zhCN
export default zhCN

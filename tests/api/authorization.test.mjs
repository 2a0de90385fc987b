// The authorization matrix (issue 4): every route of the binary × every
// built-in role, with the exact status each must get. The route list comes
// from `guanxi routes --rules`; a route without an entry in RULES below fails
// the test, so no route ships without a decided rule. RULES is written from
// the requirements, not copied from the router: where they disagree the
// router (or the table) is wrong.
import { before, after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { Client, adminClient, createUnit, createUser, rootUnit, runCli, USER_PASSWORD } from './lib.mjs';

const ROLES = ['system_admin', 'security_admin', 'auditor', 'group_management', 'segment_head', 'segment_admin',
  'department_head', 'salesperson', 'archive_clerk', 'customer_service'];
const ALL = ROLES;
const SYSTEM = ['system_admin'];
const SECURITY = ['security_admin'];
const ACCOUNT_ADMINS = ['system_admin', 'security_admin'];
const AUDIT = ['auditor'];
// Customer permissions of the built-in roles (src/auth/permissions.cpp, SEC-4).
const CUSTOMER_READ = ['group_management', 'segment_head', 'segment_admin', 'department_head', 'salesperson',
  'archive_clerk', 'customer_service'];
const CUSTOMER_CREATE = ['group_management', 'segment_head', 'segment_admin', 'department_head', 'salesperson'];
const CUSTOMER_UPDATE = [...CUSTOMER_CREATE, 'archive_clerk'];
const CUSTOMER_DELETE = ['group_management'];
const CUSTOMER_VERIFY = ['group_management', 'segment_admin', 'archive_clerk'];
const CUSTOMER_SENSITIVE = ['group_management', 'segment_head', 'archive_clerk', 'customer_service'];
const CUSTOMER_ACCESS_LOG = ['group_management', 'segment_head'];
// Issue 5 point 6: exports of customer lists.
const CUSTOMER_EXPORT = ['group_management', 'segment_head', 'segment_admin', 'department_head'];
// CUS-20: customer service records significant contacts as well.
const CUSTOMER_NOTE_WRITE = [...CUSTOMER_UPDATE, 'customer_service'];

let counter = 0;
let uscc_seq = Date.now() % 100000000;
// A valid unified social credit code (GB 32100 MOD 31), new on every call.
function freshUscc() {
  const charset = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const body = `91440300${String(++uscc_seq).padStart(9, '0')}`;
  const sum = [...body].reduce((acc, c, i) => acc + charset.indexOf(c) * weights[i], 0);
  return body + charset[(31 - (sum % 31)) % 31];
}
// A customer owned by `role`'s user (created by group management, which may assign anyone).
async function customerOf(env, role, extra = {}) {
  const res = await env.users.group_management.client.post('/api/v1/customers', {
    json: { kind: 'organization', name: unique('矩阵客户'), owner_id: env.users[role].user.id, ...extra } });
  assert.equal(res.status, 201, res.text);
  return res.json;
}
// A contact, account or note (`kind`) under a customer owned by `role`'s user,
// added by `author`'s user.
async function subRecordOf(env, role, kind, json, author = 'group_management') {
  const c = await customerOf(env, role);
  const res = await env.users[author].client.post(`/api/v1/customers/${c.id}/${kind}`, { json });
  assert.equal(res.status, 201, res.text);
  return { c, item: res.json };
}
// A note on a customer owned by `role`'s user, written by that user when the
// role may write notes (its author may change and remove it), else by group management.
const ownNoteOf = (env, role) => subRecordOf(env, role, 'notes', { category: 'contact', title: '回访' },
  CUSTOMER_NOTE_WRITE.includes(role) ? role : 'group_management');
const unique = (prefix) => `${prefix}${Date.now().toString(36)}${(counter++).toString(36)}`;
const DAY = 86_400_000;
// CUS-15, CUS-16: a reminder or a daily note (`kind`) of `role`'s user, written by that user.
async function plannerOf(env, role, kind) {
  const json = kind === 'reminders' ? { title: unique('提醒'), remind_at: Date.now() + DAY } : { content: unique('日常记事') };
  const res = await env.users[role].client.post(`/api/v1/${kind}`, { json });
  assert.equal(res.status, 201, res.text);
  return res.json;
}

/**
 * For each "METHOD /pattern": who may call it, and how to make a call that
 * succeeds for an allowed caller. `request(env)` returns {path, json?,
 * headers?} and may prepare data with env.admin; `ok` is the success status.
 * Public routes list `public: true`.
 */
const RULES = {
  'GET /healthz': { public: true, ok: 200, request: () => ({ path: '/healthz' }) },
  'GET /metrics': { public: true, ok: 200, request: () => ({ path: '/metrics' }) },
  'GET /api/v1/openapi.yaml': { public: true, ok: 200, request: () => ({ path: '/api/v1/openapi.yaml' }) },
  'POST /api/v1/auth/login': {
    public: true, ok: 401, // a wrong password: the route answers without a session
    request: () => ({ path: '/api/v1/auth/login', json: { username: 'nobody', password: 'x' } }),
  },
  'POST /api/v1/auth/logout': { allowed: ALL, ok: 204, fresh: true, request: () => ({ path: '/api/v1/auth/logout' }) },
  'GET /api/v1/auth/me': { allowed: ALL, ok: 200, request: () => ({ path: '/api/v1/auth/me' }) },
  'POST /api/v1/auth/password': {
    allowed: ALL, ok: 422, // a wrong current password: reaches the handler, changes nothing
    request: () => ({ path: '/api/v1/auth/password', json: { current_password: 'wrong', new_password: 'Whatever-Passw0rd' } }),
  },
  'GET /api/v1/auth/sessions': { allowed: ALL, ok: 200, request: () => ({ path: '/api/v1/auth/sessions' }) },
  'DELETE /api/v1/auth/sessions/{id}': {
    allowed: ALL, ok: 204,
    request: async (env, role) => {
      const extra = new Client(env.url);
      await extra.mustLogin(env.users[role].user.username, USER_PASSWORD);
      const mine = (await extra.get('/api/v1/auth/sessions')).json.items.find((s) => s.current);
      return { path: `/api/v1/auth/sessions/${mine.id}` };
    },
  },
  'GET /api/v1/auth/tokens': { allowed: ALL, ok: 200, request: () => ({ path: '/api/v1/auth/tokens' }) },
  'POST /api/v1/auth/tokens': {
    allowed: ALL, ok: 422, // no permissions listed: reaches the handler, issues nothing
    request: () => ({ path: '/api/v1/auth/tokens', json: { name: 'matrix' } }),
  },
  'DELETE /api/v1/auth/tokens/{id}': {
    allowed: ALL, ok: 404, // nobody's token: the route answers, revokes nothing
    request: () => ({ path: '/api/v1/auth/tokens/987654320' }),
  },
  // ADR 0013: the second factor of one's own account.
  'POST /api/v1/auth/login/totp': {
    public: true, ok: 401, // an unknown challenge: the route answers without a session
    request: () => ({ path: '/api/v1/auth/login/totp', json: { challenge: 'unknown', code: '123456' } }),
  },
  'GET /api/v1/auth/totp': { allowed: ALL, ok: 200, request: () => ({ path: '/api/v1/auth/totp' }) },
  'POST /api/v1/auth/totp/enrol': { allowed: ALL, ok: 200, request: () => ({ path: '/api/v1/auth/totp/enrol' }) },
  'POST /api/v1/auth/totp/confirm': {
    allowed: ALL, ok: 422, // a code no secret produces: reaches the handler, confirms nothing
    request: async (env, role) => {
      await env.users[role].client.post('/api/v1/auth/totp/enrol');
      return { path: '/api/v1/auth/totp/confirm', json: { code: 'abcdef' } };
    },
  },
  'POST /api/v1/auth/totp/recovery-codes': {
    allowed: ALL, ok: 409, // not enrolled: reaches the handler, issues nothing
    request: () => ({ path: '/api/v1/auth/totp/recovery-codes', json: { code: '000000' } }),
  },
  'POST /api/v1/auth/totp/disable': {
    allowed: ALL, ok: 409, // not enrolled: reaches the handler, changes nothing
    request: () => ({ path: '/api/v1/auth/totp/disable', json: { password: 'x', code: '000000' } }),
  },
  'DELETE /api/v1/users/{id}/totp': {
    allowed: SYSTEM, ok: 404, // the target has no second factor: reaches the handler
    request: (env) => ({ path: `/api/v1/users/${env.target.id}/totp` }),
  },
  'GET /api/v1/org-units': { allowed: ALL, ok: 200, request: () => ({ path: '/api/v1/org-units' }) },
  'GET /api/v1/org-units/{id}': { allowed: ALL, ok: 200, request: (env) => ({ path: `/api/v1/org-units/${env.root.id}` }) },
  'POST /api/v1/org-units': {
    allowed: SYSTEM, ok: 201,
    request: (env) => ({ path: '/api/v1/org-units', json: { name: unique('部门'), parent_id: env.root.id } }),
  },
  'PATCH /api/v1/org-units/{id}': {
    allowed: SYSTEM, ok: 200,
    request: async (env) => {
      const unit = await createUnit(env.admin, unique('改名'), env.root.id);
      return { path: `/api/v1/org-units/${unit.id}`, json: { name: unique('新名'), version: unit.version } };
    },
  },
  'POST /api/v1/org-units/{id}/close': {
    allowed: SYSTEM, ok: 200,
    request: async (env) => {
      const unit = await createUnit(env.admin, unique('撤销'), env.root.id);
      return { path: `/api/v1/org-units/${unit.id}/close`, json: { version: unit.version } };
    },
  },
  'POST /api/v1/org-units/{id}/reopen': {
    allowed: SYSTEM, ok: 200,
    request: async (env) => {
      const unit = await createUnit(env.admin, unique('恢复'), env.root.id);
      const closed = await env.admin.post(`/api/v1/org-units/${unit.id}/close`, { json: { version: unit.version } });
      return { path: `/api/v1/org-units/${unit.id}/reopen`, json: { version: closed.json.version } };
    },
  },
  'GET /api/v1/users': { allowed: ACCOUNT_ADMINS, ok: 200, request: () => ({ path: '/api/v1/users' }) },
  'GET /api/v1/users/{id}': {
    allowed: ACCOUNT_ADMINS, ok: 200, request: (env) => ({ path: `/api/v1/users/${env.target.id}` }),
  },
  'POST /api/v1/users': {
    allowed: SYSTEM, ok: 201,
    request: () => ({
      path: '/api/v1/users', json: { username: unique('new.'), display_name: '新用户', password: USER_PASSWORD },
    }),
  },
  // Profile fields are the system administrator's; roles the security administrator's.
  'PATCH /api/v1/users/{id}': {
    allowed: SYSTEM, ok: 200,
    request: async (env) => {
      const user = (await env.admin.get(`/api/v1/users/${env.target.id}`)).json;
      return { path: `/api/v1/users/${user.id}`, json: { display_name: unique('名'), version: user.version } };
    },
  },
  'POST /api/v1/users/{id}/reset-password': {
    allowed: SYSTEM, ok: 200,
    request: (env) => ({ path: `/api/v1/users/${env.target.id}/reset-password`, json: { password: 'Reset-Passw0rd!' } }),
  },
  'GET /api/v1/users/{id}/sessions': { allowed: SYSTEM, ok: 200, request: (env) => ({ path: `/api/v1/users/${env.target.id}/sessions` }) },
  'DELETE /api/v1/users/{id}/sessions/{session_id}': {
    allowed: SYSTEM, ok: 204,
    request: async (env) => {
      const other = await createUser(srv, env.admin, unique('sess.'), { roles: ['salesperson'] });
      const mine = (await other.client.get('/api/v1/auth/sessions')).json.items.find((s) => s.current);
      return { path: `/api/v1/users/${other.user.id}/sessions/${mine.id}` };
    },
  },
  'GET /api/v1/users/{id}/tokens': { allowed: SYSTEM, ok: 200, request: (env) => ({ path: `/api/v1/users/${env.target.id}/tokens` }) },
  'DELETE /api/v1/users/{id}/tokens/{token_id}': {
    allowed: SYSTEM, ok: 204,
    request: async (env) => {
      const other = await createUser(srv, env.admin, unique('tok.'), { roles: ['salesperson'] });
      const res = await other.client.post('/api/v1/auth/tokens', { json: { name: unique('t'), permissions: ['customer.read'] } });
      assert.equal(res.status, 201, res.text);
      return { path: `/api/v1/users/${other.user.id}/tokens/${res.json.id}` };
    },
  },
  'POST /api/v1/users/{id}/depart': {
    allowed: SYSTEM, ok: 200,
    request: async (env) => {
      const leaver = await createUser(srv, env.admin, unique('leaver.'), { roles: ['salesperson'] });
      return { path: `/api/v1/users/${leaver.user.id}/depart`, json: { successor_id: env.target.id } };
    },
  },
  'GET /api/v1/permissions': { allowed: SECURITY, ok: 200, request: () => ({ path: '/api/v1/permissions' }) },
  'GET /api/v1/roles': { allowed: ACCOUNT_ADMINS, ok: 200, request: () => ({ path: '/api/v1/roles' }) },
  'POST /api/v1/roles': {
    allowed: SECURITY, ok: 201,
    request: () => ({ path: '/api/v1/roles', json: { key: unique('r_'), name: '测试角色', data_scope: 'own' } }),
  },
  'PATCH /api/v1/roles/{id}': {
    allowed: SECURITY, ok: 200,
    request: async (env) => {
      const role = (await env.admin.post('/api/v1/roles', { json: { key: unique('p_'), name: 'x', data_scope: 'own' } })).json;
      return { path: `/api/v1/roles/${role.id}`, json: { name: unique('y'), version: role.version } };
    },
  },
  'DELETE /api/v1/roles/{id}': {
    allowed: SECURITY, ok: 204,
    request: async (env) => {
      const role = (await env.admin.post('/api/v1/roles', { json: { key: unique('d_'), name: 'x', data_scope: 'own' } })).json;
      return { path: `/api/v1/roles/${role.id}` };
    },
  },
  'GET /api/v1/audit/events': { allowed: AUDIT, ok: 200, request: () => ({ path: '/api/v1/audit/events' }) },
  'GET /api/v1/audit/access-log': { allowed: AUDIT, ok: 200, request: () => ({ path: '/api/v1/audit/access-log' }) },
  'POST /api/v1/customers/{id}/reveal': {
    allowed: CUSTOMER_SENSITIVE, ok: 200,
    request: async (env, role) => ({ path: `/api/v1/customers/${(await customerOf(env, role)).id}/reveal`, json: { reason: '核对开票信息' } }),
  },
  'GET /api/v1/customers/{id}/access-log': {
    allowed: CUSTOMER_ACCESS_LOG, ok: 200,
    request: async (env, role) => ({ path: `/api/v1/customers/${(await customerOf(env, role)).id}/access-log` }),
  },
  'GET /api/v1/customers': { allowed: CUSTOMER_READ, ok: 200, request: () => ({ path: '/api/v1/customers' }) },
  // Issue 5 point 6: limit is ignored (every row in scope); the matrix holds far fewer than the approval threshold.
  'GET /api/v1/customers/export': {
    allowed: CUSTOMER_EXPORT, ok: 200, request: () => ({ path: '/api/v1/customers/export?format=csv&limit=1' }),
  },
  // CUS-15, CUS-10: read-only views across the customers in the caller's read scope (see "address book and history statistics" below).
  'GET /api/v1/address-book': { allowed: CUSTOMER_READ, ok: 200, request: () => ({ path: '/api/v1/address-book' }) },
  'GET /api/v1/customer-history/stats': { allowed: CUSTOMER_READ, ok: 200, request: () => ({ path: '/api/v1/customer-history/stats' }) },
  'POST /api/v1/customers': {
    allowed: CUSTOMER_CREATE, ok: 201,
    request: () => ({ path: '/api/v1/customers', json: { kind: 'organization', name: unique('新客户') } }),
  },
  'POST /api/v1/customers/verification': {
    allowed: CUSTOMER_VERIFY, ok: 200,
    request: async (env, role) => ({ path: '/api/v1/customers/verification', json: { ids: [(await customerOf(env, role)).id], status: 'in_progress' } }),
  },
  'GET /api/v1/customers/{id}': {
    allowed: CUSTOMER_READ, ok: 200, request: async (env, role) => ({ path: `/api/v1/customers/${(await customerOf(env, role)).id}` }),
  },
  'PATCH /api/v1/customers/{id}': {
    allowed: CUSTOMER_UPDATE, ok: 200,
    request: async (env, role) => {
      const c = await customerOf(env, role);
      return { path: `/api/v1/customers/${c.id}`, json: { name: unique('改名'), version: c.version } };
    },
  },
  'GET /api/v1/customers/{id}/history': {
    allowed: CUSTOMER_READ, ok: 200, request: async (env, role) => ({ path: `/api/v1/customers/${(await customerOf(env, role)).id}/history` }),
  },
  'POST /api/v1/customers/{id}/deregister': {
    allowed: CUSTOMER_DELETE, ok: 200,
    request: async (env, role) => {
      const c = await customerOf(env, role);
      return { path: `/api/v1/customers/${c.id}/deregister`, json: { reason: '矩阵', version: c.version } };
    },
  },
  'POST /api/v1/customers/{id}/restore': {
    allowed: CUSTOMER_DELETE, ok: 200,
    request: async (env, role) => {
      const c = await customerOf(env, role);
      const gone = await env.users.group_management.client.post(`/api/v1/customers/${c.id}/deregister`, { json: { reason: '矩阵', version: c.version } });
      assert.equal(gone.status, 200, gone.text);
      return { path: `/api/v1/customers/${c.id}/restore`, json: { version: gone.json.version } };
    },
  },
  'POST /api/v1/customers/{id}/verification': {
    allowed: CUSTOMER_VERIFY, ok: 200,
    request: async (env, role) => ({ path: `/api/v1/customers/${(await customerOf(env, role)).id}/verification`, json: { status: 'in_progress' } }),
  },
  'POST /api/v1/customers/{id}/list-status': {
    allowed: CUSTOMER_VERIFY, ok: 200,
    request: async (env, role) => {
      const c = await customerOf(env, role);
      return { path: `/api/v1/customers/${c.id}/list-status`, json: { list_status: 'white', reason: '战略客户', version: c.version } };
    },
  },
  'POST /api/v1/customers/{id}/replace': {
    // A successor record is a new customer: customer.update and customer.create.
    allowed: CUSTOMER_CREATE, ok: 201,
    request: async (env, role) => ({
      path: `/api/v1/customers/${(await customerOf(env, role, { uscc: freshUscc() })).id}/replace`,
      json: { uscc: freshUscc(), reason: '代码录错' },
    }),
  },
  'GET /api/v1/customers/{id}/contacts': {
    allowed: CUSTOMER_READ, ok: 200, request: async (env, role) => ({ path: `/api/v1/customers/${(await customerOf(env, role)).id}/contacts` }),
  },
  'POST /api/v1/customers/{id}/contacts': {
    allowed: CUSTOMER_UPDATE, ok: 201,
    request: async (env, role) => ({ path: `/api/v1/customers/${(await customerOf(env, role)).id}/contacts`, json: { name: '联系人' } }),
  },
  'PATCH /api/v1/customers/{id}/contacts/{contact_id}': {
    allowed: CUSTOMER_UPDATE, ok: 200,
    request: async (env, role) => {
      const { c, item } = await subRecordOf(env, role, 'contacts', { name: '联系人' });
      return { path: `/api/v1/customers/${c.id}/contacts/${item.id}`, json: { title: '经理', version: item.version } };
    },
  },
  'DELETE /api/v1/customers/{id}/contacts/{contact_id}': {
    allowed: CUSTOMER_UPDATE, ok: 204,
    request: async (env, role) => {
      const { c, item } = await subRecordOf(env, role, 'contacts', { name: '联系人' });
      return { path: `/api/v1/customers/${c.id}/contacts/${item.id}`, headers: { 'If-Match': `"${item.version}"` } };
    },
  },
  'GET /api/v1/customers/{id}/accounts': {
    allowed: CUSTOMER_READ, ok: 200, request: async (env, role) => ({ path: `/api/v1/customers/${(await customerOf(env, role)).id}/accounts` }),
  },
  'POST /api/v1/customers/{id}/accounts': {
    allowed: CUSTOMER_UPDATE, ok: 201,
    request: async (env, role) => ({ path: `/api/v1/customers/${(await customerOf(env, role)).id}/accounts`, json: { account_name: '结算户' } }),
  },
  'PATCH /api/v1/customers/{id}/accounts/{account_id}': {
    allowed: CUSTOMER_UPDATE, ok: 200,
    request: async (env, role) => {
      const { c, item } = await subRecordOf(env, role, 'accounts', { account_name: '结算户' });
      return { path: `/api/v1/customers/${c.id}/accounts/${item.id}`, json: { bank_name: '工商银行', version: item.version } };
    },
  },
  'POST /api/v1/customers/{id}/accounts/{account_id}/cancel': {
    allowed: CUSTOMER_UPDATE, ok: 200,
    request: async (env, role) => {
      const { c, item } = await subRecordOf(env, role, 'accounts', { account_name: '结算户' });
      return { path: `/api/v1/customers/${c.id}/accounts/${item.id}/cancel`, json: { reason: '销户', version: item.version } };
    },
  },
  'GET /api/v1/customers/{id}/notes': {
    allowed: CUSTOMER_READ, ok: 200, request: async (env, role) => ({ path: `/api/v1/customers/${(await customerOf(env, role)).id}/notes` }),
  },
  'POST /api/v1/customers/{id}/notes': {
    allowed: CUSTOMER_NOTE_WRITE, ok: 201,
    request: async (env, role) => ({
      path: `/api/v1/customers/${(await customerOf(env, role)).id}/notes`, json: { category: 'contact', title: '投诉回访' },
    }),
  },
  // The author's own note; someone else's needs customer.update too (see "customer notes" below).
  'PATCH /api/v1/customers/{id}/notes/{note_id}': {
    allowed: CUSTOMER_NOTE_WRITE, ok: 200,
    request: async (env, role) => {
      const { c, item } = await ownNoteOf(env, role);
      return { path: `/api/v1/customers/${c.id}/notes/${item.id}`, json: { content: '客户满意', version: item.version } };
    },
  },
  'DELETE /api/v1/customers/{id}/notes/{note_id}': {
    allowed: CUSTOMER_NOTE_WRITE, ok: 204,
    request: async (env, role) => {
      const { c, item } = await ownNoteOf(env, role);
      return { path: `/api/v1/customers/${c.id}/notes/${item.id}`, headers: { 'If-Match': `"${item.version}"` } };
    },
  },
  // Issue 3 point 7: every user keeps their own page settings.
  'GET /api/v1/preferences/{key}': { allowed: ALL, ok: 200, request: () => ({ path: '/api/v1/preferences/matrix.test' }) },
  'PUT /api/v1/preferences/{key}': {
    allowed: ALL, ok: 200, request: () => ({ path: '/api/v1/preferences/matrix.test', json: { value: ['code', 'name'] } }),
  },
  // SEC-3: masking patterns are the security administrator's (role.manage).
  'GET /api/v1/settings/masking': { allowed: SECURITY, ok: 200, request: () => ({ path: '/api/v1/settings/masking' }) },
  'PATCH /api/v1/settings/masking': {
    allowed: SECURITY, ok: 409, // a version that is never current: reaches the handler, changes nothing
    request: () => ({ path: '/api/v1/settings/masking', json: { fields: {}, version: 987654321 } }),
  },
  // DOC-6, CUS-9: the code and grade rules are settings (settings.manage).
  'GET /api/v1/settings/customer-rules': { allowed: SYSTEM, ok: 200, request: () => ({ path: '/api/v1/settings/customer-rules' }) },
  'PATCH /api/v1/settings/customer-rules': {
    allowed: SYSTEM, ok: 409, // a version that is never current: reaches the handler, changes nothing
    request: () => ({ path: '/api/v1/settings/customer-rules', json: { code_rule: 'KH{yyyy}{seq:6}', version: 987654321 } }),
  },
  'GET /api/v1/custom-fields': { allowed: ALL, ok: 200, request: () => ({ path: '/api/v1/custom-fields' }) },
  'POST /api/v1/custom-fields': {
    allowed: SYSTEM, ok: 201,
    request: () => ({ path: '/api/v1/custom-fields', json: { key: unique('f_').toLowerCase(), type: 'text', label: '附加' } }),
  },
  'PATCH /api/v1/custom-fields/{id}': {
    allowed: SYSTEM, ok: 200,
    request: async (env) => {
      const res = await env.admin.post('/api/v1/custom-fields', { json: { key: unique('g_').toLowerCase(), type: 'text', label: '附加' } });
      assert.equal(res.status, 201, res.text);
      return { path: `/api/v1/custom-fields/${res.json.id}`, json: { label: unique('新名'), version: res.json.version } };
    },
  },
  'GET /api/v1/dictionaries': { allowed: ALL, ok: 200, request: () => ({ path: '/api/v1/dictionaries' }) },
  'GET /api/v1/dictionaries/{name}': { allowed: ALL, ok: 200, request: () => ({ path: '/api/v1/dictionaries/industry' }) },
  'POST /api/v1/dictionaries/{name}/items': {
    allowed: SYSTEM, ok: 201,
    request: () => ({ path: '/api/v1/dictionaries/source/items', json: { code: unique('m_').toLowerCase(), label: unique('来源') } }),
  },
  'PATCH /api/v1/dictionaries/{name}/items/{code}': {
    allowed: SYSTEM, ok: 200,
    request: async (env) => {
      const code = unique('p_').toLowerCase();
      const res = await env.admin.post('/api/v1/dictionaries/position/items', { json: { code, label: unique('职务') } });
      assert.equal(res.status, 201, res.text);
      return { path: `/api/v1/dictionaries/position/items/${code}`, json: { label: unique('新职务'), version: res.json.version } };
    },
  },
  'GET /api/v1/regions': { allowed: ALL, ok: 200, request: () => ({ path: '/api/v1/regions?parent=440000' }) },
  // CUS-15, CUS-16: every user's own reminders and daily notes; no permission, another user's is 404 (see below).
  'GET /api/v1/reminders': { allowed: ALL, ok: 200, request: () => ({ path: '/api/v1/reminders' }) },
  'GET /api/v1/reminders/due': { allowed: ALL, ok: 200, request: () => ({ path: '/api/v1/reminders/due?days=30' }) },
  'POST /api/v1/reminders': {
    allowed: ALL, ok: 201,
    request: () => ({ path: '/api/v1/reminders', json: { title: '回访', remind_at: Date.now() + DAY, repeat: 'weekly' } }),
  },
  'PATCH /api/v1/reminders/{id}': {
    allowed: ALL, ok: 200,
    request: async (env, role) => {
      const reminder = await plannerOf(env, role, 'reminders');
      return { path: `/api/v1/reminders/${reminder.id}`, json: { done: true, version: reminder.version } };
    },
  },
  'DELETE /api/v1/reminders/{id}': {
    allowed: ALL, ok: 204,
    request: async (env, role) => {
      const reminder = await plannerOf(env, role, 'reminders');
      return { path: `/api/v1/reminders/${reminder.id}`, headers: { 'If-Match': `"${reminder.version}"` } };
    },
  },
  // Issue 5 point 1, ADR 0016: approvals need no permission to submit or follow; flows need approval.manage.
  'GET /api/v1/approvals': { allowed: ALL, ok: 200, request: () => ({ path: '/api/v1/approvals?requested_by=me' }) },
  'GET /api/v1/approvals/count': { allowed: ALL, ok: 200, request: () => ({ path: '/api/v1/approvals/count' }) },
  'POST /api/v1/approvals': {
    allowed: ALL, ok: 422, // the matrix users have no manager: approver_missing, nothing created
    request: () => ({ path: '/api/v1/approvals', json: { type: 'general', title: '矩阵', payload: { content: '矩阵' } } }),
  },
  'GET /api/v1/approvals/{id}': {
    allowed: ALL, ok: 404, // nobody's request: the route answers, reveals nothing
    request: () => ({ path: '/api/v1/approvals/987654320' }),
  },
  'POST /api/v1/approvals/{id}/approve': { allowed: ALL, ok: 404, request: () => ({ path: '/api/v1/approvals/987654320/approve' }) },
  'POST /api/v1/approvals/{id}/reject': {
    allowed: ALL, ok: 404, request: () => ({ path: '/api/v1/approvals/987654320/reject', json: { comment: '矩阵' } }),
  },
  'POST /api/v1/approvals/{id}/withdraw': { allowed: ALL, ok: 404, request: () => ({ path: '/api/v1/approvals/987654320/withdraw' }) },
  'POST /api/v1/approvals/{id}/resubmit': { allowed: ALL, ok: 404, request: () => ({ path: '/api/v1/approvals/987654320/resubmit' }) },
  'GET /api/v1/approval-flows': { allowed: SYSTEM, ok: 200, request: () => ({ path: '/api/v1/approval-flows' }) },
  'PUT /api/v1/approval-flows/{type}': {
    allowed: SYSTEM, ok: 409, // a version that is never current: reaches the handler, changes nothing
    request: () => ({
      path: '/api/v1/approval-flows/general', headers: { 'If-Match': '"987654321"' },
      json: { steps: [{ name: '直属上级审批', approver: 'manager', days: 2 }] },
    }),
  },
  // The working-day calendar: read by everyone, edited with settings.manage.
  'GET /api/v1/calendar': { allowed: ALL, ok: 200, request: () => ({ path: '/api/v1/calendar?year=2025' }) },
  'GET /api/v1/calendar/due': { allowed: ALL, ok: 200, request: () => ({ path: '/api/v1/calendar/due?from=2025-01-24&days=3' }) },
  'PUT /api/v1/calendar/days/{date}': {
    allowed: SYSTEM, ok: 200, request: () => ({ path: '/api/v1/calendar/days/2099-12-31', json: { is_workday: false, name: '矩阵' } }),
  },
  'DELETE /api/v1/calendar/days/{date}': {
    allowed: SYSTEM, ok: 404, // a date nobody listed: the route answers, changes nothing
    request: () => ({ path: '/api/v1/calendar/days/2099-06-15' }),
  },
  'GET /api/v1/daily-notes': { allowed: ALL, ok: 200, request: () => ({ path: '/api/v1/daily-notes' }) },
  'POST /api/v1/daily-notes': {
    allowed: ALL, ok: 201, request: () => ({ path: '/api/v1/daily-notes', json: { content: '拜访了三家客户' } }),
  },
  'PATCH /api/v1/daily-notes/{id}': {
    allowed: ALL, ok: 200,
    request: async (env, role) => {
      const note = await plannerOf(env, role, 'daily-notes');
      return { path: `/api/v1/daily-notes/${note.id}`, json: { content: '改写', version: note.version } };
    },
  },
  'DELETE /api/v1/daily-notes/{id}': {
    allowed: ALL, ok: 204,
    request: async (env, role) => {
      const note = await plannerOf(env, role, 'daily-notes');
      return { path: `/api/v1/daily-notes/${note.id}`, headers: { 'If-Match': `"${note.version}"` } };
    },
  },
};

let srv;
const env = {};
before(async () => {
  srv = await startServer();
  env.url = srv.url;
  env.admin = await adminClient(srv);
  env.root = await rootUnit(env.admin);
  env.users = {};
  for (const role of ROLES) {
    env.users[role] = await createUser(srv, env.admin, `matrix.${role.replaceAll('_', '-')}`, { roles: [role] });
  }
  env.target = (await createUser(srv, env.admin, 'matrix.target', { roles: ['salesperson'] })).user;
});
after(async () => { if (srv) await srv.stop(); });

async function routeRules() {
  const res = await runCli(['routes', '--rules']);
  assert.equal(res.code, 0, res.stderr);
  return res.stdout.trim().split('\n').map((line) => {
    const [method, pattern, access, permissions] = line.split(' ');
    return { key: `${method} ${pattern}`, method, pattern, access, permissions };
  });
}

async function call(client, method, req) {
  return client.request(method, req.path, { json: req.json ?? (method === 'GET' || method === 'DELETE' ? undefined : {}), headers: req.headers });
}

describe('authorization matrix', () => {
  test('every route of the binary has a rule here, and every rule a route', async () => {
    const keys = (await routeRules()).map((r) => r.key);
    const missing = keys.filter((k) => !(k in RULES));
    assert.deepEqual(missing, [], `routes without a rule in authorization.test.mjs: ${missing.join(', ')}`);
    const stale = Object.keys(RULES).filter((k) => !keys.includes(k));
    assert.deepEqual(stale, [], `rules for routes that no longer exist: ${stale.join(', ')}`);
  });

  test('public routes answer without a session; every other route needs one (401)', async () => {
    const anonymous = new Client(srv.url);
    for (const { key, method } of await routeRules()) {
      const rule = RULES[key];
      const req = await rule.request(env, ROLES[0]);
      const res = await call(anonymous, method, req);
      if (rule.public) assert.equal(res.status, rule.ok, `${key} anonymous: ${res.text}`);
      else assert.equal(res.status, 401, `${key} anonymous: ${res.text}`);
    }
  });

  for (const role of ROLES) {
    test(`role ${role}: the exact status on every route`, async () => {
      const failures = [];
      for (const { key, method } of await routeRules()) {
        const rule = RULES[key];
        if (rule.public) continue;
        let client = env.users[role].client;
        if (rule.fresh) {
          client = new Client(srv.url);
          await client.mustLogin(env.users[role].user.username, USER_PASSWORD);
        }
        const req = await rule.request(env, role);
        const res = await call(client, method, req);
        const want = rule.allowed.includes(role) ? rule.ok : 403;
        if (res.status !== want) failures.push(`${key}: want ${want}, got ${res.status} ${res.text.slice(0, 160)}`);
        if (want === 403 && res.json?.code !== 'forbidden') failures.push(`${key}: 403 must be "forbidden": ${res.text}`);
      }
      assert.deepEqual(failures, []);
    });
  }

  test('a missing id is 404 for a caller allowed on the route and 403 for anyone else (nothing leaks)', async () => {
    for (const { key, method, pattern } of await routeRules()) {
      if (!pattern.includes('{id}') || RULES[key].public) continue;
      const req = await RULES[key].request(env, ROLES[0]);
      const path = req.path.replace(/\/\d+(\/|$)/, '/987654321$1');
      for (const role of ROLES) {
        const res = await call(env.users[role].client, method, { ...req, path });
        const want = RULES[key].allowed.includes(role) ? 404 : 403;
        assert.equal(res.status, want, `${key} as ${role} on a missing id: ${res.text}`);
      }
    }
  });
});

// What the matrix cannot show: the notes rules that depend on who wrote the
// note and whose customer it is (CUS-20, SEC-2, SEC-4).
describe('customer notes: author, editors and scope', () => {
  test("someone else's note: the customer's editors change and remove it, customer service gets 403", async () => {
    const failures = [];
    for (const role of CUSTOMER_NOTE_WRITE) {
      const author = role === 'customer_service' ? 'group_management' : 'customer_service';
      const client = env.users[role].client;
      const want = CUSTOMER_UPDATE.includes(role);
      const changed = await subRecordOf(env, role, 'notes', { category: 'contact', title: '他人所记' }, author);
      const patched = await client.request('PATCH', `/api/v1/customers/${changed.c.id}/notes/${changed.item.id}`, {
        json: { title: '更正' }, headers: { 'If-Match': `"${changed.item.version}"` } });
      if (patched.status !== (want ? 200 : 403)) failures.push(`${role} PATCH: ${patched.status} ${patched.text.slice(0, 160)}`);
      if (!want && patched.json?.code !== 'forbidden') failures.push(`${role} PATCH: 403 must be "forbidden": ${patched.text}`);
      const removed = await subRecordOf(env, role, 'notes', { category: 'note', title: '他人所记' }, author);
      const deleted = await client.request('DELETE', `/api/v1/customers/${removed.c.id}/notes/${removed.item.id}`, {
        headers: { 'If-Match': `"${removed.item.version}"` } });
      if (deleted.status !== (want ? 204 : 403)) failures.push(`${role} DELETE: ${deleted.status} ${deleted.text.slice(0, 160)}`);
      if (!want && deleted.json?.code !== 'forbidden') failures.push(`${role} DELETE: 403 must be "forbidden": ${deleted.text}`);
    }
    assert.deepEqual(failures, []);
  });

  test('outside the read scope every note route answers 404, whoever wrote the note', async () => {
    // Another salesperson's customer, with a note by group management.
    const res = await env.users.group_management.client.post('/api/v1/customers', {
      json: { kind: 'organization', name: unique('他人客户'), owner_id: env.target.id } });
    assert.equal(res.status, 201, res.text);
    const base = `/api/v1/customers/${res.json.id}/notes`;
    const note = await env.users.group_management.client.post(base, { json: { category: 'event', title: '重大事件' } });
    assert.equal(note.status, 201, note.text);
    const sales = env.users.salesperson.client;
    const ifMatch = { 'If-Match': `"${note.json.version}"` };
    for (const [method, path, opts] of [
      ['GET', base, {}],
      ['POST', base, { json: { category: 'note', title: '越权' } }],
      ['PATCH', `${base}/${note.json.id}`, { json: { title: '越权' }, headers: ifMatch }],
      ['DELETE', `${base}/${note.json.id}`, { headers: ifMatch }],
    ]) {
      const answer = await sales.request(method, path, opts);
      assert.equal(answer.status, 404, `${method} ${path} as another salesperson: ${answer.text}`);
      assert.equal(answer.json?.code, 'not_found');
    }
    // Still there, unchanged.
    const list = await env.users.group_management.client.get(base);
    assert.deepEqual(list.json.items.map((n) => [n.id, n.title, n.version]), [[note.json.id, '重大事件', 1]]);
  });

  test('a customer seen but outside the customer.note.write scope: 403 on writing, reading still works', async () => {
    const readAll = await env.admin.post('/api/v1/roles', { json: {
      key: unique('read_all_'), name: unique('全部查看'), data_scope: 'all', permissions: ['customer.read'] } });
    assert.equal(readAll.status, 201, readAll.text);
    const notesOwn = await env.admin.post('/api/v1/roles', { json: {
      key: unique('notes_own_'), name: unique('本人记事'), data_scope: 'own', permissions: ['customer.note.write'] } });
    assert.equal(notesOwn.status, 201, notesOwn.text);
    const user = await createUser(srv, env.admin, unique('notes.'), { roles: [readAll.json.key, notesOwn.json.key] });
    const other = await customerOf(env, 'salesperson');
    const otherNote = await env.users.group_management.client.post(`/api/v1/customers/${other.id}/notes`, {
      json: { category: 'note', title: '他人客户的记事' } });
    assert.equal(otherNote.status, 201, otherNote.text);
    assert.equal((await user.client.get(`/api/v1/customers/${other.id}/notes`)).status, 200);
    const refused = await user.client.post(`/api/v1/customers/${other.id}/notes`, { json: { category: 'note', title: '越权' } });
    assert.equal(refused.status, 403, refused.text);
    assert.equal(refused.json.code, 'forbidden');
    const patched = await user.client.request('PATCH', `/api/v1/customers/${other.id}/notes/${otherNote.json.id}`, {
      json: { title: '越权' }, headers: { 'If-Match': '"1"' } });
    assert.equal(patched.status, 403, patched.text);
    // On a customer the user owns, the same user writes notes without customer.update.
    const mine = await env.users.group_management.client.post('/api/v1/customers', {
      json: { kind: 'organization', name: unique('本人客户'), owner_id: user.user.id } });
    assert.equal(mine.status, 201, mine.text);
    const own = await user.client.post(`/api/v1/customers/${mine.json.id}/notes`, { json: { category: 'note', title: '本人记事' } });
    assert.equal(own.status, 201, own.text);
  });
});

// What the matrix cannot show: reminders and daily notes belong to their user
// alone, whatever the other user's roles and scopes (CUS-15, CUS-16).
describe('reminders and daily notes: only their own user', () => {
  test("another user's reminder or daily note is 404 for every role and never listed; a customer needs customer.read", async () => {
    const owner = 'salesperson';
    const reminder = await plannerOf(env, owner, 'reminders');
    const note = await plannerOf(env, owner, 'daily-notes');
    const customer = await customerOf(env, owner);
    const failures = [];
    for (const role of ROLES.filter((r) => r !== owner)) {
      const client = env.users[role].client;
      for (const [kind, item, json] of [['reminders', reminder, { title: '越权' }], ['daily-notes', note, { content: '越权' }]]) {
        const headers = { 'If-Match': `"${item.version}"` };
        for (const [method, opts] of [['PATCH', { json, headers }], ['DELETE', { headers }]]) {
          const res = await client.request(method, `/api/v1/${kind}/${item.id}`, opts);
          if (res.status !== 404 || res.json?.code !== 'not_found') failures.push(`${role} ${method} ${kind}: ${res.status} ${res.text.slice(0, 160)}`);
        }
        const listed = (await client.get(`/api/v1/${kind}?limit=200`)).json.items.map((i) => i.id);
        if (listed.includes(item.id)) failures.push(`${role} lists the ${owner}'s ${kind}`);
      }
      const due = (await client.get('/api/v1/reminders/due?days=60')).json.items;
      if (due.some((i) => i.type === 'reminder' && i.id === reminder.id)) failures.push(`${role} sees the ${owner}'s reminder as due`);
      if (!CUSTOMER_READ.includes(role)) {
        const res = await client.post('/api/v1/reminders', { json: { title: '越权', remind_at: Date.now() + DAY, customer_id: customer.id } });
        const codes = res.json?.errors?.map((e) => `${e.field} ${e.code}`);
        if (res.status !== 422 || codes?.join() !== 'customer_id unknown_value') failures.push(`${role} names a customer: ${res.status} ${res.text.slice(0, 160)}`);
      }
    }
    assert.deepEqual(failures, []);
    // Still there, unchanged, for their user.
    const mine = env.users[owner].client;
    assert.equal((await mine.get('/api/v1/reminders?limit=200')).json.items.find((r) => r.id === reminder.id)?.version, reminder.version);
    assert.equal((await mine.get('/api/v1/daily-notes?limit=200')).json.items.find((n) => n.id === note.id)?.version, note.version);
    const about = await mine.post('/api/v1/reminders', { json: { title: '回访', remind_at: Date.now() + DAY, customer_id: customer.id } });
    assert.equal(about.status, 201, about.text);
    assert.equal(about.json.customer?.id, customer.id);
  });
});

// What the matrix cannot show: the address book and the history statistics
// reach only the customers in the caller's customer.read scope (CUS-15,
// CUS-10, SEC-2): a salesperson's leave out another salesperson's customers.
describe('address book and history statistics: only customers in the read scope', () => {
  test("a salesperson's address book and statistics leave out another salesperson's customers", async () => {
    const sales = env.users.salesperson.client;
    const head = env.users.group_management.client;
    const total = async (client) => {
      const res = await client.get('/api/v1/customer-history/stats?group_by=action');
      assert.equal(res.status, 200, res.text);
      return res.json.total;
    };
    const salesBefore = await total(sales);
    const headBefore = await total(head);
    // Another salesperson's customer (env.target), with a contact and an edit, all by group management.
    const name = unique('他人通讯录');
    const created = await head.post('/api/v1/customers', { json: { kind: 'organization', name, owner_id: env.target.id } });
    assert.equal(created.status, 201, created.text);
    const contact = await head.post(`/api/v1/customers/${created.json.id}/contacts`, { json: { name: '他人联系人', mobile: '13711112222' } });
    assert.equal(contact.status, 201, contact.text);
    const edited = await head.request('PATCH', `/api/v1/customers/${created.json.id}`, {
      json: { grade: 'B' }, headers: { 'If-Match': `"${created.json.version}"` } });
    assert.equal(edited.status, 200, edited.text);
    // The salesperson's own customer with a contact, as a control.
    const own = await customerOf(env, 'salesperson', { name: unique('本人通讯录') });
    const ownContact = await head.post(`/api/v1/customers/${own.id}/contacts`, { json: { name: '本人联系人' } });
    assert.equal(ownContact.status, 201, ownContact.text);

    const book = async (client, q) => {
      const res = await client.get(`/api/v1/address-book?limit=200&q=${encodeURIComponent(q)}`);
      assert.equal(res.status, 200, res.text);
      return res.json.items.map((e) => `${e.customer.id}/${e.name}`);
    };
    assert.deepEqual(await book(sales, name), [], 'another salesperson\'s customer is not in the address book');
    assert.deepEqual(await book(sales, '1111 2222'), [], 'nor found by its contact\'s number');
    assert.deepEqual(await book(head, name), [`${created.json.id}/他人联系人`], 'group management sees it');
    assert.deepEqual(await book(sales, own.name), [`${own.id}/本人联系人`], 'the salesperson sees their own');
    let page = (await sales.get('/api/v1/address-book?limit=200')).json;
    const seen = [...page.items];
    while (page.next_cursor) {
      page = (await sales.get(`/api/v1/address-book?limit=200&cursor=${encodeURIComponent(page.next_cursor)}`)).json;
      seen.push(...page.items);
    }
    assert.ok(!seen.some((e) => e.customer.id === created.json.id), 'not on any page of the whole address book');

    // created + contact_added + the grade (and the suggested grade it may change) on the other customer;
    // created + contact_added on the salesperson's own.
    assert.equal(await total(sales), salesBefore + 2, "only the salesperson's own customer's changes are counted");
    assert.ok(await total(head) >= headBefore + 5, 'group management counts both customers');
  });
});

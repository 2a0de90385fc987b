// The organization tree, user administration, roles and own-password change
// (issue 4 points 1, 2 and 7; SEC-4, SEC-5).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import {
  Client, USER_PASSWORD, adminClient, assertProblem, createUnit, createUser, rootUnit, runSql,
} from './lib.mjs';

let srv;
let admin;
let root;
before(async () => {
  srv = await startServer();
  admin = await adminClient(srv);
  root = await rootUnit(admin);
});
after(async () => { if (srv) await srv.stop(); });

describe('organization units', () => {
  test('a fresh install has one root group unit and the admin belongs to it', async () => {
    assert.equal(root.kind, 'group');
    assert.equal(root.status, 'active');
    assert.equal(root.path, `/${root.id}/`);
    const me = await admin.get('/api/v1/auth/me');
    assert.equal(me.json.user.unit_id, root.id);
  });

  test('create a segment and a department below it; paths follow the tree', async () => {
    const segment = await createUnit(admin, '华东板块', root.id, 'segment');
    const dept = await createUnit(admin, '上海销售一部', segment.id);
    assert.equal(dept.kind, 'department');
    assert.equal(dept.parent_id, segment.id);
    assert.equal(dept.path, `${segment.path}${dept.id}/`);
    const one = await admin.get(`/api/v1/org-units/${dept.id}`);
    assert.equal(one.status, 200);
    assert.equal(one.headers.get('etag'), `"${dept.version}"`);
  });

  test('sibling names are unique among active units; bad kinds and missing parents are refused', async () => {
    await createUnit(admin, '重名测试', root.id);
    assertProblem(await admin.post('/api/v1/org-units', { json: { name: '重名测试', parent_id: root.id } }),
      409, 'duplicate_unit_name');
    const bad = assertProblem(await admin.post('/api/v1/org-units', { json: { name: 'x', kind: 'empire' } }),
      422, 'validation_failed');
    assert.deepEqual(bad.errors.map((e) => e.field).sort(), ['kind', 'parent_id']);
    const unknownParent = assertProblem(
      await admin.post('/api/v1/org-units', { json: { name: 'y', parent_id: 999999 } }), 422, 'validation_failed');
    assert.equal(unknownParent.errors[0].code, 'unknown_value');
  });

  test('rename needs the current version: a stale If-Match gets 409 and changes nothing', async () => {
    const unit = await createUnit(admin, '改名前', root.id);
    assertProblem(await admin.request('PATCH', `/api/v1/org-units/${unit.id}`, { json: { name: '改名后' } }),
      428, 'version_required');
    const renamed = await admin.request('PATCH', `/api/v1/org-units/${unit.id}`, {
      json: { name: '改名后' }, headers: { 'If-Match': `"${unit.version}"` },
    });
    assert.equal(renamed.status, 200, renamed.text);
    assert.equal(renamed.json.name, '改名后');
    assert.equal(renamed.json.version, unit.version + 1);
    const stale = await admin.request('PATCH', `/api/v1/org-units/${unit.id}`, {
      json: { name: '覆盖' }, headers: { 'If-Match': String(unit.version) },
    });
    assertProblem(stale, 409, 'version_conflict');
    assert.equal((await admin.get(`/api/v1/org-units/${unit.id}`)).json.name, '改名后');
  });

  test('moving a unit moves its whole subtree; a unit cannot move below itself', async () => {
    const a = await createUnit(admin, '移动A', root.id, 'branch');
    const b = await createUnit(admin, '移动B', a.id);
    const c = await createUnit(admin, '移动C', b.id);
    const target = await createUnit(admin, '移动目标', root.id, 'segment');
    const moved = await admin.request('PATCH', `/api/v1/org-units/${b.id}`, {
      json: { parent_id: target.id, version: b.version },
    });
    assert.equal(moved.status, 200, moved.text);
    assert.equal(moved.json.path, `${target.path}${b.id}/`);
    const child = (await admin.get(`/api/v1/org-units/${c.id}`)).json;
    assert.equal(child.path, `${target.path}${b.id}/${c.id}/`);
    const cycle = await admin.request('PATCH', `/api/v1/org-units/${b.id}`, {
      json: { parent_id: c.id, version: moved.json.version },
    });
    assertProblem(cycle, 409, 'unit_cycle');
    const rootMove = await admin.request('PATCH', `/api/v1/org-units/${root.id}`, {
      json: { parent_id: a.id, version: root.version },
    });
    assertProblem(rootMove, 409, 'root_unit');
  });

  test('closing needs an empty unit; a closed unit takes no new users and can be reopened', async () => {
    const unit = await createUnit(admin, '待撤销', root.id);
    const { user } = await createUser(srv, admin, 'closing.member', { roles: ['salesperson'], unitId: unit.id });
    assertProblem(await admin.post(`/api/v1/org-units/${unit.id}/close`, { json: { version: unit.version } }),
      409, 'unit_not_empty');
    const moved = await admin.request('PATCH', `/api/v1/users/${user.id}`, {
      json: { unit_id: root.id, version: user.version },
    });
    assert.equal(moved.status, 200, moved.text);
    const closed = await admin.post(`/api/v1/org-units/${unit.id}/close`, { json: { version: unit.version } });
    assert.equal(closed.status, 200, closed.text);
    assert.equal(closed.json.status, 'closed');
    const refused = await admin.post('/api/v1/users', {
      json: { username: 'into.closed', display_name: 'x', password: USER_PASSWORD, unit_id: unit.id },
    });
    assertProblem(refused, 409, 'unit_closed');
    const reopened = await admin.post(`/api/v1/org-units/${unit.id}/reopen`, {
      json: {}, headers: { 'If-Match': String(closed.json.version) },
    });
    assert.equal(reopened.status, 200, reopened.text);
    assert.equal(reopened.json.status, 'active');
    assertProblem(await admin.post(`/api/v1/org-units/${root.id}/close`, { json: { version: root.version } }),
      409, 'root_unit');
  });

  test('unit changes are in the audit log with before and after', async () => {
    const unit = await createUnit(admin, '审计单元', root.id);
    await admin.request('PATCH', `/api/v1/org-units/${unit.id}`, { json: { name: '审计单元2', version: unit.version } });
    const rows = runSql(srv, `SELECT action FROM audit_events WHERE target = 'org_unit:${unit.id}' ORDER BY id`);
    assert.deepEqual(rows.trim().split('\n'), ['org_unit.created', 'org_unit.updated']);
  });
});

describe('users', () => {
  test('an administrator creates a user in a unit with roles; the user signs in with those permissions', async () => {
    const unit = await createUnit(admin, '用户测试部', root.id);
    const { user, client } = await createUser(srv, admin, 'zhang.wei', {
      roles: ['salesperson'], unitId: unit.id, displayName: '张伟',
    });
    assert.equal(user.unit_id, unit.id);
    assert.deepEqual(user.roles, ['salesperson']);
    assert.equal(user.must_change_password, false);
    assert.equal('password_hash' in user, false);
    const me = (await client.get('/api/v1/auth/me')).json.user;
    assert.equal(me.unit_id, unit.id);
    assert.deepEqual(me.permissions, {
      'customer.create': 'own', 'customer.note.write': 'own', 'customer.read': 'own', 'customer.update': 'own',
    });
  });

  test('a new account must change its password by default; until then only account routes answer', async () => {
    const created = await admin.post('/api/v1/users', {
      json: { username: 'first.login', display_name: '首次登录', password: USER_PASSWORD, roles: ['system_admin'] },
    });
    assert.equal(created.status, 201, created.text);
    assert.equal(created.json.must_change_password, true);
    const c = new Client(srv.url);
    await c.mustLogin('first.login', USER_PASSWORD);
    assertProblem(await c.get('/api/v1/users'), 403, 'password_change_required');
    assert.equal((await c.get('/api/v1/auth/me')).status, 200);
    const wrong = await c.post('/api/v1/auth/password', {
      json: { current_password: 'Not-The-Passw0rd', new_password: 'Brand-New-Passw0rd' },
    });
    const p = assertProblem(wrong, 422, 'validation_failed');
    assert.deepEqual(p.errors.map((e) => [e.field, e.code]), [['current_password', 'incorrect']]);
    const same = await c.post('/api/v1/auth/password', {
      json: { current_password: USER_PASSWORD, new_password: USER_PASSWORD },
    });
    assertProblem(same, 422, 'password_reused');
    const ok = await c.post('/api/v1/auth/password', {
      json: { current_password: USER_PASSWORD, new_password: 'Brand-New-Passw0rd' },
    });
    assert.equal(ok.status, 204, ok.text);
    assert.equal((await c.get('/api/v1/users')).status, 200, 'the same session goes on after the change');
  });

  test('SEC-5: none of the last 5 passwords may come back', async () => {
    const { client } = await createUser(srv, admin, 'rotate.me', { roles: ['salesperson'] });
    const passwords = [USER_PASSWORD];
    for (let i = 1; i <= 5; i++) {
      const next = `Rotation-Passw0rd-${i}`;
      const res = await client.post('/api/v1/auth/password', {
        json: { current_password: passwords.at(-1), new_password: next },
      });
      assert.equal(res.status, 204, res.text);
      passwords.push(next);
    }
    // passwords[1..5] are the last five; passwords[0] is the sixth-last.
    const reuse = await client.post('/api/v1/auth/password', {
      json: { current_password: passwords.at(-1), new_password: passwords[1] },
    });
    assertProblem(reuse, 422, 'password_reused');
    const old = await client.post('/api/v1/auth/password', {
      json: { current_password: passwords.at(-1), new_password: passwords[0] },
    });
    assert.equal(old.status, 204, old.text);
  });

  test('a password change ends the other sessions of the user, not this one', async () => {
    const { client } = await createUser(srv, admin, 'two.sessions', { roles: ['salesperson'] });
    const other = new Client(srv.url);
    await other.mustLogin('two.sessions', USER_PASSWORD);
    const res = await client.post('/api/v1/auth/password', {
      json: { current_password: USER_PASSWORD, new_password: 'Changed-Passw0rd' },
    });
    assert.equal(res.status, 204);
    assert.equal((await client.get('/api/v1/auth/me')).status, 200);
    assertProblem(await other.get('/api/v1/auth/me'), 401, 'unauthenticated');
  });

  test('an administrator reset forces a change and ends the user\'s sessions', async () => {
    const { user, client } = await createUser(srv, admin, 'reset.me', { roles: ['salesperson'] });
    const reset = await admin.post(`/api/v1/users/${user.id}/reset-password`, { json: { password: 'Temporary-Passw0rd' } });
    assert.equal(reset.status, 200, reset.text);
    assert.equal(reset.json.must_change_password, true);
    assertProblem(await client.get('/api/v1/auth/me'), 401, 'unauthenticated');
    const again = new Client(srv.url);
    const login = await again.mustLogin('reset.me', 'Temporary-Passw0rd');
    assert.equal(login.json.user.must_change_password, true);
    assertProblem(await admin.post(`/api/v1/users/${user.id}/reset-password`, { json: { password: 'short' } }),
      422, 'weak_password');
  });

  test('disabling a user ends the sessions; nobody disables themselves', async () => {
    const { user, client } = await createUser(srv, admin, 'leaving.soon', { roles: ['salesperson'] });
    const res = await admin.request('PATCH', `/api/v1/users/${user.id}`, {
      json: { status: 'disabled', version: user.version },
    });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.status, 'disabled');
    assertProblem(await client.get('/api/v1/auth/me'), 401, 'unauthenticated');
    const me = (await admin.get('/api/v1/auth/me')).json.user;
    const self = (await admin.get(`/api/v1/users/${me.id}`)).json;
    assertProblem(await admin.request('PATCH', `/api/v1/users/${me.id}`, {
      json: { status: 'disabled', version: self.version },
    }), 409, 'cannot_disable_self');
  });

  test('user list filters by unit and text and pages with a cursor', async () => {
    const unit = await createUnit(admin, '分页测试部', root.id);
    for (const name of ['page.a', 'page.b', 'page.c']) await createUser(srv, admin, name, { unitId: unit.id });
    const first = await admin.get(`/api/v1/users?unit_id=${unit.id}&limit=2`);
    assert.equal(first.status, 200, first.text);
    assert.deepEqual(first.json.items.map((u) => u.username), ['page.a', 'page.b']);
    assert.equal(typeof first.json.next_cursor, 'string');
    const second = await admin.get(`/api/v1/users?unit_id=${unit.id}&limit=2&cursor=${first.json.next_cursor}`);
    assert.deepEqual(second.json.items.map((u) => u.username), ['page.c']);
    assert.equal(second.json.next_cursor, null);
    const byText = await admin.get('/api/v1/users?q=page.b');
    assert.deepEqual(byText.json.items.map((u) => u.username), ['page.b']);
    assertProblem(await admin.get('/api/v1/users?limit=0'), 422, 'validation_failed');
    assertProblem(await admin.get('/api/v1/users?limit=abc'), 422, 'validation_failed');
  });

  test('user names are unique and read-only; unknown roles and managers are refused', async () => {
    await createUser(srv, admin, 'unique.name');
    assertProblem(await admin.post('/api/v1/users', {
      json: { username: 'unique.name', display_name: 'x', password: USER_PASSWORD },
    }), 409, 'duplicate_username');
    const bad = await admin.post('/api/v1/users', {
      json: { username: 'bad.role', display_name: 'x', password: USER_PASSWORD, roles: ['emperor'] },
    });
    assertProblem(bad, 422, 'validation_failed');
    const badManager = await admin.post('/api/v1/users', {
      json: { username: 'bad.manager', display_name: 'x', password: USER_PASSWORD, manager_id: 999999 },
    });
    assertProblem(badManager, 422, 'validation_failed');
    assert.equal(runSql(srv, "SELECT COUNT(*) FROM users WHERE username IN ('bad.role','bad.manager')").trim(), '0');
  });

  test('三员分立: a system administrator cannot take over the auditor\'s account', async () => {
    const { user: auditor } = await createUser(srv, admin, 'duty.auditor', { roles: ['auditor'] });
    const sysadmin = (await createUser(srv, admin, 'duty.sysadmin', { roles: ['system_admin'] })).client;
    assertProblem(await sysadmin.post(`/api/v1/users/${auditor.id}/reset-password`, {
      json: { password: 'Takeover-Passw0rd' },
    }), 403, 'forbidden');
    assertProblem(await sysadmin.request('PATCH', `/api/v1/users/${auditor.id}`, {
      json: { status: 'disabled', version: auditor.version },
    }), 403, 'forbidden');
    const { user: clerk } = await createUser(srv, admin, 'duty.clerk', { roles: ['archive_clerk'] });
    const ok = await sysadmin.post(`/api/v1/users/${clerk.id}/reset-password`, { json: { password: 'Clerk-Reset-Passw0rd' } });
    assert.equal(ok.status, 200, 'users without administrator duties are the system administrator\'s to manage');
  });

  test('nobody changes their own roles', async () => {
    const me = (await admin.get('/api/v1/auth/me')).json.user;
    const self = (await admin.get(`/api/v1/users/${me.id}`)).json;
    assertProblem(await admin.request('PATCH', `/api/v1/users/${me.id}`, {
      json: { roles: ['system_admin', 'security_admin', 'auditor'], version: self.version },
    }), 409, 'cannot_change_own_roles');
  });

  test('role changes take effect on the next request and are audited', async () => {
    const { user, client } = await createUser(srv, admin, 'promote.me', { roles: ['salesperson'] });
    const res = await admin.request('PATCH', `/api/v1/users/${user.id}`, {
      json: { roles: ['department_head'], version: user.version },
    });
    assert.equal(res.status, 200, res.text);
    const me = (await client.get('/api/v1/auth/me')).json.user;
    assert.equal(me.permissions['customer.read'], 'unit_tree');
    const rows = runSql(srv, `SELECT action FROM audit_events WHERE target = 'user:promote.me' ORDER BY id`);
    assert.ok(rows.includes('user.roles_changed'), rows);
  });
});

describe('roles', () => {
  test('the built-in roles are listed with their scopes and cannot be edited', async () => {
    const res = await admin.get('/api/v1/roles');
    assert.equal(res.status, 200, res.text);
    const byKey = Object.fromEntries(res.json.items.map((r) => [r.key, r]));
    for (const key of ['system_admin', 'group_management', 'segment_head', 'department_head', 'salesperson',
      'segment_admin', 'archive_clerk', 'customer_service', 'auditor', 'security_admin']) {
      assert.ok(byKey[key]?.builtin, `built-in role ${key}`);
    }
    assert.equal(byKey.salesperson.data_scope, 'own');
    assert.equal(byKey.segment_head.data_scope, 'segment');
    assert.equal(byKey.group_management.data_scope, 'all');
    assert.deepEqual(byKey.auditor.permissions, ['audit.read']);
    assert.ok(!byKey.system_admin.permissions.includes('audit.read'), '三员分立: the system admin reads no logs');
    assertProblem(await admin.request('PATCH', `/api/v1/roles/${byKey.salesperson.id}`, {
      json: { name: 'x', version: byKey.salesperson.version },
    }), 409, 'builtin_role');
    assertProblem(await admin.request('DELETE', `/api/v1/roles/${byKey.salesperson.id}`), 409, 'builtin_role');
  });

  test('a custom role gives exactly its permissions and scope; in use it cannot be deleted', async () => {
    const created = await admin.post('/api/v1/roles', {
      json: { key: 'region_viewer', name: '区域查看', data_scope: 'unit_tree', permissions: ['customer.read', 'customer.export'] },
    });
    assert.equal(created.status, 201, created.text);
    assert.deepEqual(created.json.permissions, ['customer.export', 'customer.read']);
    assertProblem(await admin.post('/api/v1/roles', {
      json: { key: 'region_viewer', name: 'again', data_scope: 'own' },
    }), 409, 'duplicate_role');
    assertProblem(await admin.post('/api/v1/roles', {
      json: { key: 'Bad Key', name: 'x', data_scope: 'galaxy', permissions: ['launch.missiles'] },
    }), 422, 'validation_failed');
    const { user, client } = await createUser(srv, admin, 'custom.holder', { roles: ['region_viewer'] });
    assert.deepEqual((await client.get('/api/v1/auth/me')).json.user.permissions,
      { 'customer.export': 'unit_tree', 'customer.read': 'unit_tree' });
    const patched = await admin.request('PATCH', `/api/v1/roles/${created.json.id}`, {
      json: { data_scope: 'unit', permissions: ['customer.read'], version: created.json.version },
    });
    assert.equal(patched.status, 200, patched.text);
    assert.deepEqual((await client.get('/api/v1/auth/me')).json.user.permissions, { 'customer.read': 'unit' });
    assertProblem(await admin.request('DELETE', `/api/v1/roles/${created.json.id}`), 409, 'role_in_use');
    await admin.request('PATCH', `/api/v1/users/${user.id}`, { json: { roles: [], version: user.version } });
    const del = await admin.request('DELETE', `/api/v1/roles/${created.json.id}`);
    assert.equal(del.status, 204, del.text);
  });

  test('the permission catalogue lists every permission with Chinese and English names', async () => {
    const res = await admin.get('/api/v1/permissions');
    assert.equal(res.status, 200, res.text);
    const keys = res.json.items.map((p) => p.key);
    for (const k of ['customer.read', 'customer.sensitive.read', 'customer.export', 'user.manage', 'role.manage',
      'audit.read']) assert.ok(keys.includes(k), k);
    assert.deepEqual(res.json.data_scopes, ['own', 'unit', 'unit_tree', 'segment', 'all']);
  });
});

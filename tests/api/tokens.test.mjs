// Personal API tokens (Bearer) and "my sessions" (issue 4 point 7).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { Client, USER_PASSWORD, adminClient, assertProblem, createUser, runSql } from './lib.mjs';

let srv;
let admin;
before(async () => {
  srv = await startServer();
  admin = await adminClient(srv);
});
after(async () => { if (srv) await srv.stop(); });

function bearer(token) {
  const c = new Client(srv.url);
  return {
    get: (path) => c.request('GET', path, { headers: { Authorization: `Bearer ${token}` } }),
    post: (path, json) => c.request('POST', path, { json, headers: { Authorization: `Bearer ${token}` }, csrf: false }),
  };
}

async function issue(client, json) {
  const res = await client.post('/api/v1/auth/tokens', { json });
  assert.equal(res.status, 201, res.text);
  assert.match(res.json.token, /^gx_[A-Za-z0-9_-]{43}$/);
  assert.equal(res.headers.get('cache-control'), 'no-store');
  return res.json;
}

describe('API tokens', () => {
  test('a token acts with the listed subset of its user\'s permissions, without CSRF', async () => {
    const t = await issue(admin, { name: '同步脚本', permissions: ['user.manage'], expires_in_days: 30 });
    const api = bearer(t.token);
    assert.equal((await api.get('/api/v1/users')).status, 200);
    const me = (await api.get('/api/v1/auth/me')).json.user;
    assert.deepEqual(me.permissions, { 'user.manage': 'all' });
    // role.manage belongs to the user but not to the token.
    assertProblem(await api.get('/api/v1/permissions'), 403, 'forbidden');
    const created = await api.post('/api/v1/users', {
      username: 'from.token', display_name: '接口创建', password: USER_PASSWORD,
    });
    assert.equal(created.status, 201, created.text);
  });

  test('only the hash is stored; the list shows prefix, permissions, expiry and last use', async () => {
    const t = await issue(admin, { name: 'hash check', permissions: ['org.manage'] });
    const stored = runSql(srv, `SELECT token_hash FROM api_tokens WHERE id = ${t.id}`).trim();
    assert.equal(stored.length, 64);
    assert.ok(!runSql(srv, 'SELECT token_hash, prefix, name FROM api_tokens').includes(t.token));
    assert.equal(t.expires_at - t.created_at, 90 * 24 * 3600 * 1000, 'default expiry: 90 days');
    await bearer(t.token).get('/api/v1/org-units');
    const listed = (await admin.get('/api/v1/auth/tokens')).json.items.find((x) => x.id === t.id);
    assert.equal(listed.prefix, t.token.slice(0, 8));
    assert.equal('token' in listed, false);
    assert.equal(typeof listed.last_used_at, 'number');
  });

  test('a token cannot ask for permissions its user lacks, nor mint tokens', async () => {
    const { client } = await createUser(srv, admin, 'token.sales', { roles: ['salesperson'] });
    const bad = await client.post('/api/v1/auth/tokens', { json: { name: 'x', permissions: ['user.manage'] } });
    const p = assertProblem(bad, 422, 'validation_failed');
    assert.deepEqual(p.errors.map((e) => [e.field, e.code]), [['permissions', 'unknown_value']]);
    assertProblem(await client.post('/api/v1/auth/tokens', { json: { name: 'x', permissions: ['customer.read'], expires_in_days: 400 } }),
      422, 'validation_failed');
    const t = await issue(client, { name: 'ok', permissions: ['customer.read'] });
    assertProblem(await bearer(t.token).post('/api/v1/auth/tokens', { name: 'y', permissions: ['customer.read'] }),
      403, 'forbidden');
    assertProblem(await bearer(t.token).post('/api/v1/auth/password', {
      current_password: USER_PASSWORD, new_password: 'Via-Token-Passw0rd',
    }), 403, 'forbidden');
  });

  test('revoked and expired tokens, and tokens of disabled users, get 401', async () => {
    const { user, client } = await createUser(srv, admin, 'token.owner', { roles: ['salesperson'] });
    const revoked = await issue(client, { name: 'r', permissions: ['customer.read'] });
    assert.equal((await bearer(revoked.token).get('/api/v1/auth/me')).status, 200);
    assert.equal((await client.request('DELETE', `/api/v1/auth/tokens/${revoked.id}`)).status, 204);
    assertProblem(await bearer(revoked.token).get('/api/v1/auth/me'), 401, 'unauthenticated');
    assertProblem(await client.request('DELETE', `/api/v1/auth/tokens/${revoked.id}`), 404, 'not_found');

    const expiring = await issue(client, { name: 'e', permissions: ['customer.read'] });
    runSql(srv, `UPDATE api_tokens SET expires_at = 1 WHERE id = ${expiring.id}`);
    assertProblem(await bearer(expiring.token).get('/api/v1/auth/me'), 401, 'unauthenticated');

    const live = await issue(client, { name: 'l', permissions: ['customer.read'] });
    await admin.request('PATCH', `/api/v1/users/${user.id}`, { json: { status: 'disabled', version: user.version } });
    assertProblem(await bearer(live.token).get('/api/v1/auth/me'), 401, 'unauthenticated');
    assertProblem(await bearer('gx_not-a-real-token').get('/api/v1/auth/me'), 401, 'unauthenticated');
  });

  test('disabling a user or resetting the password revokes the tokens for good', async () => {
    const { user, client } = await createUser(srv, admin, 'token.reenable', { roles: ['salesperson'] });
    const t = await issue(client, { name: 'r', permissions: ['customer.read'] });
    const disabled = await admin.request('PATCH', `/api/v1/users/${user.id}`, { json: { status: 'disabled', version: user.version } });
    await admin.request('PATCH', `/api/v1/users/${user.id}`, { json: { status: 'active', version: disabled.json.version } });
    assertProblem(await bearer(t.token).get('/api/v1/auth/me'), 401, 'unauthenticated');

    const { user: other, client: otherClient } = await createUser(srv, admin, 'token.reset', { roles: ['salesperson'] });
    const t2 = await issue(otherClient, { name: 'r2', permissions: ['customer.read'] });
    await admin.post(`/api/v1/users/${other.id}/reset-password`, { json: { password: 'Reset-Passw0rd-22' } });
    assertProblem(await bearer(t2.token).get('/api/v1/auth/me'), 401, 'unauthenticated');
  });

  test('nobody revokes another user\'s token', async () => {
    const other = (await createUser(srv, admin, 'token.other', { roles: ['salesperson'] })).client;
    const t = await issue(other, { name: 'mine', permissions: ['customer.read'] });
    assertProblem(await admin.request('DELETE', `/api/v1/auth/tokens/${t.id}`), 404, 'not_found');
    assert.equal((await bearer(t.token).get('/api/v1/auth/me')).status, 200);
  });
});

describe('my sessions', () => {
  test('lists live sessions, marks the current one, and revokes another', async () => {
    const { client } = await createUser(srv, admin, 'many.sessions', { roles: ['salesperson'] });
    const phone = new Client(srv.url);
    await phone.mustLogin('many.sessions', USER_PASSWORD);
    const list = await client.get('/api/v1/auth/sessions');
    assert.equal(list.status, 200, list.text);
    assert.equal(list.json.items.length, 2);
    assert.equal(list.json.items.filter((s) => s.current).length, 1);
    const other = list.json.items.find((s) => !s.current);
    assert.equal((await client.request('DELETE', `/api/v1/auth/sessions/${other.id}`)).status, 204);
    assertProblem(await phone.get('/api/v1/auth/me'), 401, 'unauthenticated');
    assert.equal((await client.get('/api/v1/auth/me')).status, 200);
    const adminSession = (await admin.get('/api/v1/auth/sessions')).json.items[0].id;
    assertProblem(await client.request('DELETE', `/api/v1/auth/sessions/${adminSession}`), 404, 'not_found');
  });
});

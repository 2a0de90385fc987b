// Staff departure in one action (issue 4 point 7; SEC-5, SEC-6): the account
// is disabled, its sessions end and its API tokens are revoked, and every
// customer it owns passes to a successor (or the manager), with history and
// audit. Runs on SQLite and PostgreSQL.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { adminClient, assertProblem, Client, createUser, rootUnit, USER_PASSWORD } from './lib.mjs';

let srv;
let admin;
const u = {};

before(async () => {
  srv = await startServer();
  admin = await adminClient(srv);
  const root = await rootUnit(admin);
  u.boss = await createUser(srv, admin, 'd.boss', { roles: ['department_head'], unitId: root.id });
  u.leaver = await createUser(srv, admin, 'd.leaver', { roles: ['salesperson'], unitId: root.id, managerId: u.boss.user.id });
  u.heir = await createUser(srv, admin, 'd.heir', { roles: ['salesperson'], unitId: root.id });
  u.group = await createUser(srv, admin, 'd.group', { roles: ['group_management'], unitId: root.id });
  u.auditor = await createUser(srv, admin, 'd.auditor', { roles: ['auditor'], unitId: root.id });
});
after(async () => { if (srv) await srv.stop(); });

const depart = (id, json) => admin.post(`/api/v1/users/${id}/depart`, { json });
async function customerOf(who, name, status) {
  const res = await u[who].client.post('/api/v1/customers', { json: { kind: 'organization', name, ...(status ? { status } : {}) } });
  assert.equal(res.status, 201, res.text);
  return res.json;
}

describe('departure (SEC-6)', () => {
  test('refuses an unknown successor, the leaver as successor, a disabled one, and bad bodies; nothing changes', async () => {
    const id = u.leaver.user.id;
    for (const [json, code] of [[{ successor_id: 987654 }, 'unknown_value'], [{ successor_id: id }, 'unknown_value'],
      [{ successor_id: 'x' }, 'must_be_integer'], [{ successor_id: u.auditor.user.id }, 'no_customer_access']]) {
      const res = assertProblem(await depart(id, json), 422, 'validation_failed');
      assert.deepEqual(res.errors.map((e) => [e.field, e.code]), [['successor_id', code]]);
    }
    assertProblem(await depart(id, { successor: 1 }), 422, 'validation_failed');
    assertProblem(await depart(987654, { successor_id: u.heir.user.id }), 404, 'not_found');
    const me = (await admin.get('/api/v1/auth/me')).json.user.id;
    assertProblem(await depart(me, { successor_id: u.heir.user.id }), 409, 'cannot_disable_self');
    assertProblem(await u.group.client.post(`/api/v1/users/${id}/depart`, { json: { successor_id: u.heir.user.id } }), 403, 'forbidden');
    assert.equal((await u.leaver.client.get('/api/v1/auth/me')).status, 200, 'still signed in');
  });

  test('disables the account, ends sessions and tokens, and hands every customer to the successor', async () => {
    const own = [await customerOf('leaver', '离职甲'), await customerOf('leaver', '离职乙', 'active')];
    const contact = await u.leaver.client.post(`/api/v1/customers/${own[0].id}/contacts`, { json: { name: '甲联系人' } });
    assert.equal(contact.status, 201, contact.text);
    const token = await u.leaver.client.post('/api/v1/auth/tokens', { json: { name: '脚本', permissions: ['customer.read'] } });
    assert.equal(token.status, 201, token.text);
    const others = await customerOf('heir', '接手人自己的');
    // CUS-16: open reminders pass to the successor; done ones stay with the leaver's record.
    const open = await u.leaver.client.post('/api/v1/reminders', { json: { title: '回访离职甲', remind_at: Date.now() + 86_400_000, customer_id: own[0].id } });
    assert.equal(open.status, 201, open.text);
    const done = await u.leaver.client.post('/api/v1/reminders', { json: { title: '已办', remind_at: Date.now() - 1000 } });
    assert.equal((await u.leaver.client.request('PATCH', `/api/v1/reminders/${done.json.id}`, { json: { done: true }, headers: { 'If-Match': '"1"' } })).status, 200);

    const res = await depart(u.leaver.user.id, { successor_id: u.heir.user.id });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.json, { user_id: u.leaver.user.id, username: 'd.leaver', status: 'disabled', successor_id: u.heir.user.id,
      customers_handed_over: 2, reminders_handed_over: 1, sessions_ended: 1, tokens_revoked: 1 });

    assert.equal((await u.leaver.client.get('/api/v1/auth/me')).status, 401, 'the session ended');
    const viaToken = await new Client(srv.url).request('GET', '/api/v1/customers', { headers: { Authorization: `Bearer ${token.json.token}` } });
    assert.equal(viaToken.status, 401, 'the token was revoked');
    const relogin = await new Client(srv.url).login('d.leaver', USER_PASSWORD);
    assertProblem(relogin, 403, 'account_disabled');

    const reminders = (await u.heir.client.get('/api/v1/reminders')).json.items;
    assert.deepEqual(reminders.map((r) => [r.title, r.customer?.name]), [['回访离职甲', '离职甲']]);
    const heirs = (await u.heir.client.get('/api/v1/customers?limit=50')).json.items.map((c) => c.name).sort();
    assert.deepEqual(heirs, ['接手人自己的', '离职乙', '离职甲'].sort());
    const contacts = (await u.heir.client.get(`/api/v1/customers/${own[0].id}/contacts`)).json.items;
    assert.deepEqual(contacts.map((c) => c.name), ['甲联系人'], 'contacts follow their customer');
    const history = (await u.heir.client.get(`/api/v1/customers/${own[1].id}/history`)).json.items;
    const handed = history.find((h) => h.action === 'handed_over');
    assert.deepEqual([handed.field, handed.old, handed.new, handed.user_name], ['owner_id', String(u.leaver.user.id), String(u.heir.user.id), 'admin']);
    const after = (await u.heir.client.get(`/api/v1/customers/${own[1].id}`)).json;
    assert.equal(after.version, own[1].version + 1, 'the version moves, so a stale edit cannot undo the hand-over');
    assert.equal((await u.heir.client.get(`/api/v1/customers/${others.id}`)).json.version, others.version, 'others untouched');

    const events = (await u.auditor.client.get('/api/v1/audit/events?action=user.departed')).json.items;
    assert.equal(events.length, 1);
    assert.deepEqual([events[0].target, events[0].detail.successor, events[0].detail.customers], ['user:d.leaver', 'd.heir', 2]);
  });

  test('without a successor the manager takes over; without either the request is refused', async () => {
    u.second = await createUser(srv, admin, 'd.second', { roles: ['salesperson'], managerId: u.boss.user.id });
    await customerOf('second', '经理接手');
    const res = await depart(u.second.user.id, {});
    assert.equal(res.status, 200, res.text);
    assert.deepEqual([res.json.successor_id, res.json.customers_handed_over], [u.boss.user.id, 1]);
    const loner = await createUser(srv, admin, 'd.loner', { roles: ['salesperson'] });
    const refused = assertProblem(await depart(loner.user.id, {}), 422, 'validation_failed');
    assert.deepEqual(refused.errors.map((e) => [e.field, e.code]), [['successor_id', 'required']]);
    assert.equal((await loner.client.get('/api/v1/auth/me')).status, 200, 'nothing changed');
  });

  test('no customer is left with a disabled owner, and a departed user cannot take customers back', async () => {
    const all = (await u.group.client.get('/api/v1/customers?limit=200')).json.items;
    const disabled = new Set([u.leaver.user.id, u.second.user.id]);
    assert.ok(all.length >= 4 && all.every((c) => !disabled.has(c.owner_id)));
    assertProblem(await depart(u.heir.user.id, { successor_id: u.leaver.user.id }), 422, 'validation_failed');
  });
});

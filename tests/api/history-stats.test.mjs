// The change history is countable (CUS-10): changes in a period by field,
// person, action or day, over the customers the caller may read. Runs on
// SQLite and PostgreSQL.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { adminClient, assertProblem, createUser, rootUnit } from './lib.mjs';

let srv;
let admin;
const u = {};
const stats = (who, query = '') => u[who].client.get(`/api/v1/customer-history/stats${query}`);
const counts = (res) => Object.fromEntries(res.json.items.map((i) => [i.key, i.count]));

before(async () => {
  srv = await startServer();
  admin = await adminClient(srv);
  const root = await rootUnit(admin);
  u.sales = await createUser(srv, admin, 'h.sales', { roles: ['salesperson'], unitId: root.id });
  u.other = await createUser(srv, admin, 'h.other', { roles: ['salesperson'], unitId: root.id });
  u.head = await createUser(srv, admin, 'h.head', { roles: ['group_management'], unitId: root.id });
  const c = u.sales.client;
  const one = (await c.post('/api/v1/customers', { json: { kind: 'organization', name: '统计甲' } })).json;
  const two = (await c.post('/api/v1/customers', { json: { kind: 'organization', name: '统计乙' } })).json;
  const patch = (who, customer, json) => u[who].client.request('PATCH', `/api/v1/customers/${customer.id}`, { json, headers: { 'If-Match': `"${customer.version}"` } });
  const a = (await patch('sales', one, { grade: 'A' })).json;
  await patch('head', a, { grade: 'B', industry: null });
  await patch('sales', two, { grade: 'C' });
  await c.post(`/api/v1/customers/${one.id}/contacts`, { json: { name: '联系人一' } });
  await c.post(`/api/v1/customers/${two.id}/contacts`, { json: { name: '联系人二' } });
  await u.other.client.post('/api/v1/customers', { json: { kind: 'organization', name: '别人的统计' } });
});
after(async () => { if (srv) await srv.stop(); });

describe('history statistics (CUS-10)', () => {
  test('by field: customer fields by name, contacts under their action, creations under created', async () => {
    const res = await stats('head');
    assert.equal(res.status, 200, res.text);
    const byField = counts(res);
    assert.equal(byField.grade, 3);
    assert.equal(byField.contact_added, 2, 'one key for all contacts, not one per contact');
    assert.equal(byField.created, 3);
    assert.equal(res.json.total, res.json.items.reduce((sum, i) => sum + i.count, 0));
    assert.equal(res.json.items[0].count >= res.json.items.at(-1).count, true, 'largest first');
  });

  test('by user and by day; the scope limits what is counted', async () => {
    const byUser = (await stats('head', '?group_by=user')).json.items;
    const sales = byUser.find((i) => i.key === u.sales.user.id);
    assert.equal(sales.user_name, 'h.sales');
    assert.equal(sales.count, 6, '2 created, 2 grades, 2 contacts');
    assert.equal(byUser.find((i) => i.key === u.head.user.id).count, 1);
    const mine = counts(await stats('sales', '?group_by=user'));
    assert.deepEqual(Object.keys(mine).map(Number).sort(), [u.sales.user.id, u.head.user.id].sort(), 'only my customers: not the other salesperson');
    const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
    const byDay = (await stats('head', '?group_by=day')).json;
    assert.deepEqual(byDay.items.map((i) => i.key), [today]);
    assert.equal(byDay.items[0].count, byDay.total);
  });

  test('a period outside the changes counts nothing; bad parameters are refused', async () => {
    const past = await stats('head', '?since=0&until=1000');
    assert.deepEqual([past.json.total, past.json.items], [0, []]);
    assertProblem(await stats('head', '?group_by=colour'), 422, 'validation_failed');
    assertProblem(await stats('head', '?since=2000&until=1000'), 422, 'validation_failed');
    const auditor = await createUser(srv, admin, 'h.auditor', { roles: ['auditor'] });
    assertProblem(await auditor.client.get('/api/v1/customer-history/stats'), 403, 'forbidden');
  });
});

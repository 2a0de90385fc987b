// Reveal with a reason and the access log (issue 4 points 4 and 5; SEC-3, SEC-7).
// Sensitive data is masked for everyone by default; a role whose
// customer.sensitive.read covers the owner reveals one record with a reason,
// which unmasks that record (detail, contacts, accounts, history) for the
// reveal window. Every detail view, reveal, list page and history read is in
// the access log. Runs on SQLite and PostgreSQL.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { adminClient, assertProblem, createUnit, createUser, rootUnit, runSql } from './lib.mjs';
import { nextSeq, residentId } from './ids.mjs';

let srv;
const u = {};
const ID = residentId(nextSeq());
let customer;  // an individual owned by sales (segment A), with a contact and an account
let other;     // owned by salesB (segment B)

before(async () => {
  srv = await startServer();
  const admin = await adminClient(srv);
  const root = await rootUnit(admin);
  const segA = await createUnit(admin, '华东板块', root.id, 'segment');
  const deptA = await createUnit(admin, '上海一部', segA.id);
  const segB = await createUnit(admin, '华南板块', root.id, 'segment');
  const make = async (name, roles, unitId) => {
    u[name] = await createUser(srv, admin, `r.${name.toLowerCase()}`, { roles, unitId, displayName: name });
  };
  await make('sales', ['salesperson'], deptA.id);
  await make('salesB', ['salesperson'], segB.id);
  await make('head', ['department_head'], deptA.id);
  await make('segHead', ['segment_head'], segA.id);
  await make('segHeadB', ['segment_head'], segB.id);
  await make('group', ['group_management'], root.id);
  await make('auditor', ['auditor'], root.id);
  u.admin = { client: admin };
  const created = await u.group.client.post('/api/v1/customers', { json: {
    kind: 'individual', name: '钱多多', id_type: 'resident_id', id_number: ID, mobile: '13911112222',
    email: 'qian@example.com', owner_id: u.sales.user.id } });
  assert.equal(created.status, 201, created.text);
  customer = created.json;
  const contact = await u.group.client.post(`/api/v1/customers/${customer.id}/contacts`, { json: { name: '钱夫人', mobile: '13733334444' } });
  assert.equal(contact.status, 201, contact.text);
  const account = await u.group.client.post(`/api/v1/customers/${customer.id}/accounts`, { json: { account_name: '钱多多', account_number: '6222 0210 0112 3456 789' } });
  assert.equal(account.status, 201, account.text);
  other = (await u.group.client.post('/api/v1/customers', { json: { kind: 'organization', name: '南方贸易', phone: '075588886666', owner_id: u.salesB.user.id } })).json;
});
after(async () => { if (srv) await srv.stop(); });

const path = (c = customer) => `/api/v1/customers/${c.id}`;
const reveal = (who, json = { reason: '核对客户来电身份' }, c = customer) => u[who].client.post(`${path(c)}/reveal`, { json });
const accessLog = (query) => u.auditor.client.get(`/api/v1/audit/access-log?${new URLSearchParams(query)}`);

describe('reveal with a reason (SEC-3)', () => {
  test('a permitted role sees a single record masked until it reveals it', async () => {
    const c = (await u.segHead.client.get(path())).json;
    assert.equal(c.masked, true);
    assert.equal(c.revealable, true);
    assert.equal(c.revealed_until, null);
    assert.equal(c.mobile, '139****2222');
    assert.equal(c.id_number, `${ID.slice(0, 6)}********${ID.slice(-4)}`);
    const contacts = (await u.segHead.client.get(`${path()}/contacts`)).json;
    assert.deepEqual([contacts.masked, contacts.revealable, contacts.items[0].mobile], [true, true, '137****4444']);
  });

  test('a reveal needs a reason, and without one nothing is unmasked or logged', async () => {
    for (const json of [{}, { reason: '   ' }]) {
      const res = await reveal('segHead', json);
      assertProblem(res, 422, 'validation_failed');
      assert.equal(res.json.errors[0].field, 'reason');
    }
    const reveals = (await accessLog({ customer_id: customer.id, action: 'reveal', user_id: u.segHead.user.id })).json.items;
    assert.deepEqual(reveals, []);
    assert.equal((await u.segHead.client.get(path())).json.masked, true);
  });

  test('after a reveal the record, its contacts, accounts and history are in full for the window', async () => {
    const before = Date.now();
    const res = await reveal('segHead');
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.masked, false);
    assert.equal(res.json.mobile, '13911112222');
    assert.equal(res.json.id_number, ID);
    // The default window is ten minutes (GUANXI_REVEAL_SECONDS).
    assert.ok(res.json.revealed_until >= before + 600_000 - 5_000 && res.json.revealed_until <= Date.now() + 600_000,
      `revealed_until ${res.json.revealed_until}`);
    assert.equal((await u.segHead.client.get(path())).json.email, 'qian@example.com');
    assert.equal((await u.segHead.client.get(`${path()}/contacts`)).json.items[0].mobile, '13733334444');
    assert.equal((await u.segHead.client.get(`${path()}/accounts`)).json.items[0].account_number, '6222021001123456789');
    // Only for the one who revealed it: the group manager still sees it masked.
    assert.equal((await u.group.client.get(path())).json.mobile, '139****2222');
    // Lists stay masked even during a reveal.
    const listed = (await u.segHead.client.get(`/api/v1/customers?q=${customer.code}`)).json.items[0];
    assert.equal(listed.mobile, '139****2222');
  });

  test('a role without customer.sensitive.read over the owner cannot reveal (403), out of scope is 404', async () => {
    for (const who of ['sales', 'head']) {
      assert.equal((await u[who].client.get(path())).json.revealable, false, who);
      assertProblem(await reveal(who), 403, 'forbidden');
    }
    assertProblem(await reveal('segHeadB'), 404, 'not_found');
    assert.equal((await reveal('segHeadB', undefined, other)).status, 200);
  });

  test('a reveal is in the audit log with its reason', async () => {
    const events = (await u.auditor.client.get(`/api/v1/audit/events?action=customer.revealed&target=customer:${customer.id}`)).json.items;
    assert.equal(events.length, 1);
    assert.equal(events[0].actor_id, u.segHead.user.id);
    assert.equal(events[0].detail.reason, '核对客户来电身份');
  });
});

describe('access log (SEC-7)', () => {
  test('every detail view, list page, history read and reveal is recorded with who, where and why', async () => {
    const agent = 'guanxi-test/1.0';
    const headers = { 'User-Agent': agent };
    assert.equal((await u.group.client.request('GET', path(), { headers })).status, 200);
    assert.equal((await u.group.client.request('GET', `${path()}/history`, { headers })).status, 200);
    assert.equal((await u.group.client.request('GET', `/api/v1/customers?q=${encodeURIComponent('钱多')}`, { headers })).status, 200);
    assert.equal((await u.group.client.request('POST', `${path()}/reveal`, { json: { reason: '客户投诉回访' }, headers })).status, 200);

    const mine = (await accessLog({ customer_id: customer.id, user_id: u.group.user.id, limit: 4 })).json.items;
    assert.deepEqual(mine.map((e) => e.action), ['reveal', 'list', 'history', 'view'], 'newest first');
    for (const e of mine) {
      assert.equal(e.user_name, 'r.group');
      assert.equal(e.user_agent, agent);
      assert.equal(e.ip, '127.0.0.1');
      assert.ok(e.customers.some((c) => c.id === customer.id && c.code === customer.code));
    }
    const [revealed, listed] = mine;
    assert.equal(revealed.reason, '客户投诉回访');
    assert.ok(revealed.until > revealed.at);
    assert.deepEqual(listed.detail, { q: '钱多' });
    assert.equal(listed.customer_count, listed.customers.length);
  });

  test('a list page names every customer it showed', async () => {
    const res = await u.group.client.get('/api/v1/customers?limit=2');
    const shown = res.json.items.map((c) => c.id).sort((a, b) => a - b);
    const entry = (await accessLog({ user_id: u.group.user.id, action: 'list', limit: 1 })).json.items[0];
    assert.deepEqual(entry.customers.map((c) => c.id), shown);
    assert.equal(entry.customer_count, 2);
  });

  test('filters by user, customer, action and time page newest first', async () => {
    const all = (await accessLog({ customer_id: customer.id })).json.items;
    assert.ok(all.length >= 6);
    assert.ok(all.every((e, i) => i === 0 || e.id < all[i - 1].id));
    const page = (await accessLog({ customer_id: customer.id, limit: 2 })).json;
    assert.equal(page.items.length, 2);
    const next = (await accessLog({ customer_id: customer.id, limit: 2, cursor: page.next_cursor })).json;
    assert.deepEqual(next.items.map((e) => e.id), all.slice(2, 4).map((e) => e.id));
    const reveals = (await accessLog({ action: 'reveal' })).json.items;
    assert.ok(reveals.length >= 3 && reveals.every((e) => e.action === 'reveal' && e.reason));
    const future = (await accessLog({ since: Date.now() + 60_000 })).json.items;
    assert.deepEqual(future, []);
    assertProblem(await accessLog({ action: 'peek' }), 422, 'validation_failed');
  });

  test('only audit.read reads the whole log; a customer\'s own log needs customer.access_log.read over its owner', async () => {
    for (const who of ['group', 'admin']) {
      assertProblem(await u[who].client.get('/api/v1/audit/access-log'), 403, 'forbidden');
    }
    const own = (await u.group.client.get(`${path()}/access-log`)).json.items;
    assert.ok(own.length >= 6 && own.every((e) => e.customers.some((c) => c.id === customer.id)));
    assert.equal((await u.segHead.client.get(`${path()}/access-log`)).status, 200);
    assertProblem(await u.segHeadB.client.get(`${path()}/access-log`), 404, 'not_found');
    assertProblem(await u.head.client.get(`${path()}/access-log`), 403, 'forbidden');
  });

  test('the log is append-only: the database refuses to edit an entry', async () => {
    assert.throws(() => runSql(srv, "UPDATE access_log SET reason = 'changed'"), /append-only/);
  });
});

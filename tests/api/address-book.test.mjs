// The address book 通讯录 (CUS-15): the people of every customer the caller
// may read, in pinyin order of the customers, searchable like the customer
// list, masked until revealed (SEC-3), logged as a bulk read (SEC-7). Runs on
// SQLite and PostgreSQL.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { adminClient, assertProblem, createUser, rootUnit } from './lib.mjs';

let srv;
let admin;
const u = {};

before(async () => {
  srv = await startServer();
  admin = await adminClient(srv);
  const root = await rootUnit(admin);
  u.sales = await createUser(srv, admin, 'a.sales', { roles: ['salesperson'], unitId: root.id });
  u.other = await createUser(srv, admin, 'a.other', { roles: ['salesperson'], unitId: root.id });
  u.head = await createUser(srv, admin, 'a.head', { roles: ['group_management'], unitId: root.id });
  u.auditor = await createUser(srv, admin, 'a.auditor', { roles: ['auditor'], unitId: root.id });
  const c = u.sales.client;
  const make = async (json) => { const r = await c.post('/api/v1/customers', { json }); assert.equal(r.status, 201, r.text); return r.json; };
  u.huawei = await make({ kind: 'organization', name: '华为技术有限公司' });
  u.bank = await make({ kind: 'organization', name: '中国银行北京分行' });
  u.empty = await make({ kind: 'organization', name: '没有联系人的公司' });
  u.person = await make({ kind: 'individual', name: '张伟', mobile: '13800138000', email: 'zhangwei@example.com' });
  for (const [customer, json] of [
    [u.huawei, { name: '李娜', title: '采购经理', mobile: '13912345678', decision_maker: true }],
    [u.huawei, { name: '王强', department: '财务部', phone: '010-88886666' }],
    [u.huawei, { name: '已离职', status: 'left' }],
    [u.bank, { name: '赵敏', mobile: '13698765432', email: 'zhaomin@example.com' }],
  ]) {
    const r = await c.post(`/api/v1/customers/${customer.id}/contacts`, { json });
    assert.equal(r.status, 201, r.text);
  }
  await u.other.client.post('/api/v1/customers', { json: { kind: 'individual', name: '别人的客户', mobile: '13700001111' } });
});
after(async () => { if (srv) await srv.stop(); });

const names = (page) => page.items.map((e) => `${e.customer.name}/${e.name}`);

describe('address book (CUS-15)', () => {
  test('lists the active people of my customers in pinyin order of the customers; others and leavers are absent', async () => {
    const res = await u.sales.client.get('/api/v1/address-book');
    assert.equal(res.status, 200, res.text);
    // 华为 (hua) < 张伟 (zhang) < 中国银行 (zhong); an organization without contacts gives no entry.
    assert.deepEqual(names(res.json), ['华为技术有限公司/李娜', '华为技术有限公司/王强', '张伟/张伟', '中国银行北京分行/赵敏']);
    const lina = res.json.items[0];
    assert.equal(lina.title, '采购经理');
    assert.equal(lina.decision_maker, true);
    assert.equal(lina.customer.code, u.huawei.code);
    assert.equal(res.json.items[2].contact_id, null, 'an individual is its own entry');
    assert.equal(res.json.next_cursor, null);
    assert.deepEqual(names((await u.other.client.get('/api/v1/address-book')).json), ['别人的客户/别人的客户']);
  });

  test('phones and e-mail are masked until the customer is revealed', async () => {
    const before = (await u.head.client.get('/api/v1/address-book?q=zhangwei')).json.items;
    const zhang = before.find((e) => e.name === '张伟');
    assert.equal(zhang.mobile, '138****8000');
    assert.notEqual(zhang.email, 'zhangwei@example.com');
    assert.equal(zhang.masked, true);
    assert.equal(zhang.revealable, true);
    const revealed = await u.head.client.post(`/api/v1/customers/${u.person.id}/reveal`, { json: { reason: '电话回访' } });
    assert.equal(revealed.status, 200, revealed.text);
    const after = (await u.head.client.get('/api/v1/address-book?q=zhangwei')).json.items.find((e) => e.name === '张伟');
    assert.deepEqual([after.mobile, after.email, after.masked], ['13800138000', 'zhangwei@example.com', false]);
    const sales = (await u.sales.client.get('/api/v1/address-book?q=zhangwei')).json.items.find((e) => e.name === '张伟');
    assert.equal(sales.revealable, false, 'a salesperson may not reveal');
    assert.equal(sales.mobile, '138****8000');
  });

  test('search: a contact by name, pinyin or phone ending shows that contact; a customer by its name shows all its people', async () => {
    const search = async (q) => names((await u.sales.client.get(`/api/v1/address-book?q=${encodeURIComponent(q)}`)).json);
    assert.deepEqual(await search('李娜'), ['华为技术有限公司/李娜']);
    assert.deepEqual(await search('wangqiang'), ['华为技术有限公司/王强']);
    assert.deepEqual(await search('5432'), ['中国银行北京分行/赵敏']);
    assert.deepEqual(await search('华为'), ['华为技术有限公司/李娜', '华为技术有限公司/王强']);
    assert.deepEqual(await search('zgyh'), ['中国银行北京分行/赵敏']);
    assert.deepEqual(await search(u.bank.code), ['中国银行北京分行/赵敏']);
    assert.deepEqual(await search('没有联系人'), [], 'a customer without people is not in the address book');
    assert.deepEqual(await search('别人'), [], 'out of scope');
  });

  test('pages with a cursor by customer; every page is in the access log', async () => {
    const first = (await u.sales.client.get('/api/v1/address-book?limit=1')).json;
    assert.deepEqual(names(first), ['华为技术有限公司/李娜', '华为技术有限公司/王强']);
    const second = (await u.sales.client.get(`/api/v1/address-book?limit=1&cursor=${encodeURIComponent(first.next_cursor)}`)).json;
    assert.deepEqual(names(second), ['张伟/张伟']);
    const log = (await u.auditor.client.get(`/api/v1/audit/access-log?user_id=${u.sales.user.id}`)).json.items;
    assert.ok(log.some((e) => e.customers.some((c) => c.id === u.huawei.id)), JSON.stringify(log.slice(0, 2)));
    assertProblem(await u.sales.client.get('/api/v1/address-book?limit=0'), 422, 'validation_failed');
    assertProblem(await u.auditor.client.get('/api/v1/address-book'), 403, 'forbidden');
  });
});

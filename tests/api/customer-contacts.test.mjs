// Contacts (CUS-4) and accounts (CUS-7) under a customer: validation, versions,
// history (CUS-10), scope and masking (SEC-2/3), search by a contact (CUS-14),
// and accounts following the customer's deregistration (CUS-8).
// Runs on SQLite and PostgreSQL.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { adminClient, assertProblem, createUnit, createUser, rootUnit } from './lib.mjs';

let srv;
const u = {};
before(async () => {
  srv = await startServer();
  const admin = await adminClient(srv);
  const root = await rootUnit(admin);
  const dept = await createUnit(admin, '联系人测试部', root.id);
  const make = async (name, roles, unitId) => { u[name] = await createUser(srv, admin, `k.${name.toLowerCase()}`, { roles, unitId, displayName: name }); };
  await make('sales', ['salesperson'], dept.id);
  await make('other', ['salesperson'], dept.id);
  await make('group', ['group_management'], root.id);
  await make('service', ['customer_service'], root.id);
});
after(async () => { if (srv) await srv.stop(); });

async function customer(who, json) {
  const res = await u[who].client.post('/api/v1/customers', { json });
  assert.equal(res.status, 201, res.text);
  return res.json;
}
const contacts = (id) => `/api/v1/customers/${id}/contacts`;
const accounts = (id) => `/api/v1/customers/${id}/accounts`;
async function addContact(who, customerId, json, status = 201) {
  const res = await u[who].client.post(contacts(customerId), { json });
  assert.equal(res.status, status, res.text);
  return res.json;
}
const patchAt = (who, path, json, version) =>
  u[who].client.request('PATCH', path, { json, headers: { 'If-Match': `"${version}"` } });
const history = async (who, id) => (await u[who].client.get(`/api/v1/customers/${id}/history?limit=200`)).json.items;
// SEC-3: sensitive values are in full only after a reveal with a reason.
const reveal = async (who, id) => {
  const res = await u[who].client.post(`/api/v1/customers/${id}/reveal`, { json: { reason: '测试核对' } });
  assert.equal(res.status, 200, res.text);
};
const search = async (who, q) => (await u[who].client.get(`/api/v1/customers?q=${encodeURIComponent(q)}`)).json.items;

describe('contacts (CUS-4)', () => {
  let acme;
  before(async () => { acme = await customer('sales', { kind: 'organization', name: '宏远贸易有限公司' }); });

  test('several contacts with title, phones, email, WeChat, birthday, hobbies and decision-maker flag', async () => {
    const boss = await addContact('sales', acme.id, {
      name: '欧阳娜娜', title: '总经理', position: 'general_manager', department: '总经办', mobile: '139 1234 5678',
      phone: '021-6234 5678', email: 'NaNa@Example.COM', wechat: 'nana_oy', birthday: '1985-06-01',
      birthday_reminder: true, hobbies: '高尔夫、茶', decision_maker: true,
    });
    const buyer = await addContact('sales', acme.id, { name: '李强', title: '采购经理', mobile: '13700001111' });
    assert.equal((await u.group.client.get(contacts(acme.id))).json.masked, true, 'masked until revealed');
    await reveal('group', acme.id);
    const full = (await u.group.client.get(contacts(acme.id))).json;
    assert.equal(full.masked, false);
    assert.deepEqual(full.items.map((c) => c.name), ['欧阳娜娜', '李强']);
    const [b, p] = full.items;
    assert.equal(b.id, boss.id);
    assert.equal(b.mobile, '13912345678', 'phones are stored normalized');
    assert.equal(b.email, 'NaNa@example.com', 'the domain is folded to lower case');
    assert.equal(b.decision_maker, true);
    assert.equal(b.birthday_reminder, true);
    assert.equal(b.status, 'active');
    assert.equal(b.created_by, u.sales.user.id);
    assert.equal(p.id, buyer.id);
    assert.equal(p.decision_maker, false);
  });

  test('phones, e-mail, WeChat and birthday are masked for a role without sensitive access (SEC-3)', async () => {
    const list = (await u.sales.client.get(contacts(acme.id))).json;
    assert.equal(list.masked, true);
    const boss = list.items.find((c) => c.name === '欧阳娜娜');
    assert.equal(boss.mobile, '139****5678');
    assert.equal(boss.email, 'N***@example.com');
    assert.equal(boss.birthday, '****-06-01');
    assert.equal(boss.wechat, 'n****');
    assert.equal(boss.hobbies, '高尔夫、茶', 'ordinary fields stay readable');
    // A masked value sent back is refused, never stored.
    const p = assertProblem(await patchAt('sales', `${contacts(acme.id)}/${boss.id}`, { mobile: boss.mobile }, boss.version), 422, 'validation_failed');
    assert.deepEqual(p.errors.map((e) => [e.field, e.code]), [['mobile', 'masked_value']]);
  });

  test('bad input is refused field by field and nothing is added', async () => {
    // Unknown and mistyped fields are refused before any rule is looked at.
    const typed = assertProblem(await u.sales.client.post(contacts(acme.id), { json: {
      name: '某人', shoe_size: 42, decision_maker: 'yes', status: 'retired',
    } }), 422, 'validation_failed');
    assert.deepEqual(Object.fromEntries(typed.errors.map((e) => [e.field, e.code])), {
      shoe_size: 'unknown_field', decision_maker: 'must_be_boolean', status: 'unknown_value',
    });
    const p = assertProblem(await u.sales.client.post(contacts(acme.id), { json: {
      title: '无名', mobile: '12345', email: 'not-an-email', birthday: '2999-01-01', position: 'no_such',
    } }), 422, 'validation_failed');
    const got = Object.fromEntries(p.errors.map((e) => [e.field, e.code]));
    assert.deepEqual(got, {
      name: 'required', mobile: 'invalid_format', email: 'invalid_format', birthday: 'out_of_range',
      position: 'unknown_value',
    });
    const list = (await u.group.client.get(contacts(acme.id))).json.items;
    assert.equal(list.length, 2);
  });

  test('edits need the current version; a stale one gets 409 with the current contact (CUS-10)', async () => {
    const [boss] = (await u.group.client.get(contacts(acme.id))).json.items;
    const ok = await patchAt('sales', `${contacts(acme.id)}/${boss.id}`, { title: '董事长', position: 'chairman' }, boss.version);
    assert.equal(ok.status, 200, ok.text);
    assert.equal(ok.json.title, '董事长');
    assert.equal(ok.json.version, boss.version + 1);
    assert.equal(ok.headers.get('etag'), `"${boss.version + 1}"`);
    const stale = assertProblem(await patchAt('other', `${contacts(acme.id)}/${boss.id}`, { title: 'X' }, boss.version), 404, 'not_found');
    assert.ok(stale, 'another salesperson does not see the customer at all');
    const conflict = assertProblem(await patchAt('group', `${contacts(acme.id)}/${boss.id}`, { title: '旧值' }, boss.version), 409, 'version_conflict');
    assert.equal(conflict.current.title, '董事长');
    const again = (await u.group.client.get(contacts(acme.id))).json.items[0];
    assert.equal(again.title, '董事长', 'the stale write changed nothing');
    const cleared = assertProblem(await patchAt('group', `${contacts(acme.id)}/${boss.id}`, { status: null }, boss.version + 1), 422, 'validation_failed');
    assert.deepEqual(cleared.errors.map((e) => [e.field, e.code]), [['status', 'required']]);
    const missing = await u.sales.client.request('PATCH', `${contacts(acme.id)}/${boss.id}`, { json: { title: 'Y' } });
    assertProblem(missing, 428, 'version_required');
  });

  test('every contact change is in the customer history, masked for those who may not see it (CUS-10)', async () => {
    const entries = await history('group', acme.id);
    const boss = (await u.group.client.get(contacts(acme.id))).json.items[0];
    const added = entries.find((e) => e.action === 'contact_added' && e.field === `contacts.${boss.id}`);
    assert.equal(added.new, '欧阳娜娜');
    assert.equal(added.user_name, 'k.sales');
    const title = entries.find((e) => e.field === `contacts.${boss.id}.title`);
    assert.deepEqual([title.action, title.old, title.new], ['contact_updated', '总经理', '董事长']);

    await patchAt('group', `${contacts(acme.id)}/${boss.id}`, { mobile: '13912340000' }, boss.version);
    const mine = await history('sales', acme.id);
    const phone = mine.find((e) => e.field === `contacts.${boss.id}.mobile`);
    assert.deepEqual([phone.old, phone.new], ['139****5678', '139****0000']);
    await reveal('group', acme.id);
    const theirs = (await history('group', acme.id)).find((e) => e.field === `contacts.${boss.id}.mobile`);
    assert.deepEqual([theirs.old, theirs.new], ['13912345678', '13912340000']);
  });

  test('a removed contact is gone from the list and named in the history', async () => {
    const buyer = (await u.group.client.get(contacts(acme.id))).json.items.find((c) => c.name === '李强');
    const res = await u.sales.client.request('DELETE', `${contacts(acme.id)}/${buyer.id}`, { headers: { 'If-Match': `"${buyer.version}"` } });
    assert.equal(res.status, 204, res.text);
    const names = (await u.group.client.get(contacts(acme.id))).json.items.map((c) => c.name);
    assert.deepEqual(names, ['欧阳娜娜']);
    const removed = (await history('group', acme.id)).find((e) => e.action === 'contact_removed');
    assert.deepEqual([removed.field, removed.old, removed.new], [`contacts.${buyer.id}`, '李强', null]);
  });

  test('the search box finds a customer by its contact: name, pinyin, phone ending (CUS-14)', async () => {
    const other = await customer('sales', { kind: 'organization', name: '无关的公司' });
    await addContact('sales', other.id, { name: '张三丰', mobile: '13600002222' });
    const codes = async (q) => (await search('sales', q)).map((c) => c.code);
    assert.deepEqual(await codes('欧阳娜娜'), [acme.code]);
    assert.deepEqual(await codes('娜娜'), [acme.code]);
    assert.deepEqual(await codes('oyn'), [acme.code]);
    assert.deepEqual(await codes('2222'), [other.code]);
    assert.deepEqual(await codes('张三丰'), [other.code]);
    // After an edit the old name no longer finds it.
    const [zhang] = (await u.sales.client.get(contacts(other.id))).json.items;
    await patchAt('sales', `${contacts(other.id)}/${zhang.id}`, { name: '张无忌' }, zhang.version);
    assert.deepEqual(await codes('张三丰'), []);
    assert.deepEqual(await codes('张无忌'), [other.code]);
    // Scope: another salesperson's search does not reach these customers.
    assert.deepEqual(await (async () => (await search('other', '欧阳娜娜')).length)(), 0);
  });

  test('reading needs the customer in scope; changing needs customer.update (SEC-2)', async () => {
    assertProblem(await u.other.client.get(contacts(acme.id)), 404, 'not_found');
    assertProblem(await u.other.client.post(contacts(acme.id), { json: { name: '外人' } }), 404, 'not_found');
    assert.equal((await u.service.client.get(contacts(acme.id))).status, 200);
    assertProblem(await u.service.client.post(contacts(acme.id), { json: { name: '客服' } }), 403, 'forbidden');
    assertProblem(await u.sales.client.get(contacts(999999)), 404, 'not_found');
  });
});

describe('accounts (CUS-7) and deregistration (CUS-8)', () => {
  let firm;
  before(async () => { firm = await customer('sales', { kind: 'organization', name: '账户测试股份有限公司' }); });
  const addAccount = async (json) => {
    const res = await u.sales.client.post(accounts(firm.id), { json });
    assert.equal(res.status, 201, res.text);
    return res.json;
  };

  test('accounts are added with a normalized number, masked to the last four for others (SEC-3)', async () => {
    const a = await addAccount({ account_name: '账户测试股份有限公司', bank_name: '中国工商银行上海分行', account_number: '6222 0210 0112 3456 789', tax_number: '91310000ma1fl0xx1x', purpose: 'settlement', is_default: true });
    assert.equal(a.status, 'active');
    assert.equal(a.account_number, '****6789', 'the salesperson sees only the last four');
    assert.equal(a.tax_number, '91310000MA1FL0XX1X');
    await reveal('group', firm.id);
    const full = (await u.group.client.get(accounts(firm.id))).json.items[0];
    assert.equal(full.account_number, '6222021001123456789');
    const typed = assertProblem(await u.sales.client.post(accounts(firm.id), { json: { account_name: 'x', purpose: 'gift', status: 'cancelled' } }), 422, 'validation_failed');
    assert.deepEqual(Object.fromEntries(typed.errors.map((e) => [e.field, e.code])), { purpose: 'unknown_value', status: 'read_only' });
    const bad = assertProblem(await u.sales.client.post(accounts(firm.id), { json: { account_number: '62-22A', tax_number: '123' } }), 422, 'validation_failed');
    assert.deepEqual(Object.fromEntries(bad.errors.map((e) => [e.field, e.code])), {
      account_name: 'required', account_number: 'invalid_format', tax_number: 'invalid_format',
    });
    assert.equal((await u.group.client.get(accounts(firm.id))).json.items.length, 1, 'nothing was added');
  });

  test('one default account per customer: choosing another clears the old one (CUS-7)', async () => {
    const [first] = (await u.group.client.get(accounts(firm.id))).json.items;
    assert.equal(first.is_default, true);
    const second = await addAccount({ account_name: '第二结算户', is_default: true });
    const items = (await u.group.client.get(accounts(firm.id))).json.items;
    assert.deepEqual(items.filter((a) => a.is_default).map((a) => a.id), [second.id]);
    const moved = await patchAt('sales', `${accounts(firm.id)}/${first.id}`, { is_default: true }, items[0].version);
    assert.equal(moved.status, 200, moved.text);
    const again = (await u.group.client.get(accounts(firm.id))).json.items;
    assert.deepEqual(again.filter((a) => a.is_default).map((a) => a.id), [first.id]);
    const h = (await history('group', firm.id)).find((e) => e.field === `accounts.${second.id}.is_default`);
    assert.deepEqual([h.old, h.new], ['1', '0']);
    const cancel = await u.sales.client.post(`${accounts(firm.id)}/${second.id}/cancel`, { json: { reason: '重复开户', version: again[1].version } });
    assert.equal(cancel.status, 200, cancel.text);
  });

  test('an account is cancelled with a reason and stays on record; a cancelled one takes no edits', async () => {
    const b = await addAccount({ account_name: '开票户', purpose: 'billing' });
    for (const reason of [undefined, '   ', 'x'.repeat(501)]) {
      assertProblem(await u.sales.client.post(`${accounts(firm.id)}/${b.id}/cancel`, { json: { reason, version: b.version } }), 422, 'validation_failed');
    }
    const res = await u.sales.client.post(`${accounts(firm.id)}/${b.id}/cancel`, { json: { reason: '银行账户已销户', version: b.version } });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.status, 'cancelled');
    assert.equal(res.json.cancel_reason, '银行账户已销户');
    const listed = (await u.group.client.get(accounts(firm.id))).json.items.find((x) => x.id === b.id);
    assert.equal(listed.status, 'cancelled');
    assert.deepEqual([res.json.version, res.json.updated_at], [listed.version, listed.updated_at], 'the answer is the stored record');
    assertProblem(await patchAt('sales', `${accounts(firm.id)}/${b.id}`, { notes: '改' }, res.json.version), 409, 'account_cancelled');
    assertProblem(await u.sales.client.post(`${accounts(firm.id)}/${b.id}/cancel`, { json: { reason: '再销', version: res.json.version } }), 409, 'account_cancelled');
    const h = (await history('group', firm.id)).find((e) => e.field === `accounts.${b.id}.status`);
    assert.deepEqual([h.action, h.old, h.new], ['account_cancelled', 'active', 'cancelled']);
  });

  test('cancelling the default account clears its default; later defaults leave it alone (CUS-7)', async () => {
    const c = await addAccount({ account_name: '临时结算户', is_default: true });
    const cancel = await u.sales.client.post(`${accounts(firm.id)}/${c.id}/cancel`, { json: { reason: '临时户关闭', version: c.version } });
    assert.equal(cancel.status, 200, cancel.text);
    assert.equal(cancel.json.is_default, false);
    const h = (await history('group', firm.id)).find((e) => e.field === `accounts.${c.id}.is_default` && e.action === 'account_cancelled');
    assert.deepEqual([h.old, h.new], ['1', '0']);
    const items = (await u.group.client.get(accounts(firm.id))).json.items;
    const first = items.find((a) => a.status === 'active');
    const moved = await patchAt('sales', `${accounts(firm.id)}/${first.id}`, { is_default: true }, first.version);
    assert.equal(moved.status, 200, moved.text);
    const after = (await u.group.client.get(accounts(firm.id))).json.items.find((a) => a.id === c.id);
    assert.equal(after.version, cancel.json.version, 'the cancelled account is not touched');
  });

  test('deregistering the customer cancels its active accounts; restoring brings back only those (CUS-8)', async () => {
    const before = (await u.group.client.get(accounts(firm.id))).json.items;
    const active = before.filter((a) => a.status === 'active').map((a) => a.id);
    const cancelledEarlier = before.filter((a) => a.status === 'cancelled').map((a) => a.id);
    assert.equal(active.length, 1);
    const current = (await u.group.client.get(`/api/v1/customers/${firm.id}`)).json;
    const dereg = await u.group.client.post(`/api/v1/customers/${firm.id}/deregister`, { json: { reason: '企业已注销', version: current.version } });
    assert.equal(dereg.status, 200, dereg.text);
    const after1 = (await u.group.client.get(accounts(firm.id))).json.items;
    assert.ok(after1.every((a) => a.status === 'cancelled'));
    // A deregistered customer takes no new contacts or accounts.
    assertProblem(await u.sales.client.post(accounts(firm.id), { json: { account_name: '新户' } }), 409, 'customer_deregistered');
    assertProblem(await u.sales.client.post(contacts(firm.id), { json: { name: '新人' } }), 409, 'customer_deregistered');
    const restore = await u.group.client.post(`/api/v1/customers/${firm.id}/restore`, { json: { version: dereg.json.version } });
    assert.equal(restore.status, 200, restore.text);
    const after2 = (await u.group.client.get(accounts(firm.id))).json.items;
    assert.deepEqual(after2.filter((a) => a.status === 'active').map((a) => a.id), active);
    assert.deepEqual(after2.filter((a) => a.status === 'cancelled').map((a) => a.id), cancelledEarlier);
    const trail = (await history('group', firm.id)).filter((e) => e.field === `accounts.${active[0]}.status`);
    assert.deepEqual(trail.map((e) => [e.action, e.new]), [['restored', 'active'], ['deregistered', 'cancelled']]);
  });
});

describe('a corrected identity (CUS-11) takes the contacts and accounts along', () => {
  test('the successor holds them, the abnormal record none, and the search finds only the successor', async () => {
    const { uscc } = await import('./ids.mjs');
    const seq = Date.now() % 100000;
    const old = await customer('group', { kind: 'organization', name: '更正测试有限公司', uscc: uscc(seq) });
    const k = await addContact('group', old.id, { name: '司马懿', mobile: '13500003333' });
    const a = await u.group.client.post(accounts(old.id), { json: { account_name: '更正测试结算户' } });
    assert.equal(a.status, 201, a.text);
    const res = await u.group.client.post(`/api/v1/customers/${old.id}/replace`, { json: { uscc: uscc(seq + 1), reason: '代码录错' } });
    assert.equal(res.status, 201, res.text);
    const successor = res.json;
    assert.deepEqual((await u.group.client.get(contacts(successor.id))).json.items.map((x) => x.id), [k.id]);
    assert.deepEqual((await u.group.client.get(accounts(successor.id))).json.items.map((x) => x.id), [a.json.id]);
    assert.deepEqual((await u.group.client.get(contacts(old.id))).json.items, []);
    assert.deepEqual((await search('group', '司马懿')).map((c) => c.id), [successor.id]);
    assert.deepEqual((await search('group', '3333')).map((c) => c.id), [successor.id]);
    const moved = (await history('group', successor.id)).find((e) => e.field === `contacts.${k.id}`);
    assert.deepEqual([moved.action, moved.new], ['replaced', '司马懿']);
  });
});

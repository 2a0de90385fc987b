// Masking patterns set by the security administrator (issue 4 point 4, SEC-3,
// PIPL): every response that masks (detail, list, contacts, accounts, history,
// address book, the 409 of a stale edit) uses the patterns in force.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { adminClient, assertProblem, createUser, runSql } from './lib.mjs';
import { nextSeq, residentId } from './ids.mjs';

const PATH = '/api/v1/settings/masking';
const ID = residentId(nextSeq());
let srv;
let admin;    // system + security administrator (role.manage)
let sales;
let customer;

before(async () => {
  srv = await startServer();
  admin = await adminClient(srv);
  sales = (await createUser(srv, admin, 'mask.sales', { roles: ['salesperson'] })).client;
  const created = await sales.post('/api/v1/customers', { json: {
    kind: 'individual', name: '孙掩码', id_type: 'resident_id', id_number: ID, mobile: '13911112222',
    email: 'sun.yanma@example.com', address: '上海市浦东新区世纪大道100号' } });
  assert.equal(created.status, 201, created.text);
  customer = created.json;
  const contact = await sales.post(`/api/v1/customers/${customer.id}/contacts`, { json: { name: '孙夫人', mobile: '13733334444' } });
  assert.equal(contact.status, 201, contact.text);
  // A change of the mobile, for the history.
  const changed = await sales.request('PATCH', `/api/v1/customers/${customer.id}`, {
    json: { mobile: '13955556666' }, headers: { 'If-Match': `"${customer.version}"` } });
  assert.equal(changed.status, 200, changed.text);
  customer = changed.json;
});
after(async () => { if (srv) await srv.stop(); });

async function current() {
  const res = await admin.get(PATH);
  assert.equal(res.status, 200, res.text);
  return res.json;
}
const patch = (json, version) => admin.request('PATCH', PATH, { json, headers: { 'If-Match': `"${version}"` } });

describe('masking patterns (SEC-3)', () => {
  test('the defaults, each with an example', async () => {
    const m = await current();
    assert.deepEqual(Object.keys(m.fields), ['id_number', 'phone', 'mobile', 'email', 'wechat', 'address', 'birthday', 'account_number']);
    assert.deepEqual(m.fields.id_number, { keep_start: 6, keep_end: 4, stars: 0, sample: '11010519491231002X', example: '110105********002X' });
    assert.equal(m.fields.mobile.example, '138****1234');
    assert.deepEqual(m.defaults, m.fields);
    assert.equal((await sales.get(`/api/v1/customers/${customer.id}`)).json.mobile, '139****6666');
  });

  test('new patterns apply at once to detail, list, contacts, history and the address book', async () => {
    const before = await current();
    const res = await patch({ fields: { mobile: { keep_start: 0, keep_end: 2, stars: 6 }, id_number: { keep_start: 1, keep_end: 1 },
      address: { ...before.fields.address, keep_start: 3 } } }, before.version);  // echoed sample/example are ignored
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.fields.mobile.example, '******34');
    assert.equal(res.json.fields.phone.example, '010****5678', 'fields not sent keep their pattern');
    assert.equal(res.json.updated_by, '系统管理员');

    const detail = (await sales.get(`/api/v1/customers/${customer.id}`)).json;
    assert.equal(detail.masked, true);
    assert.equal(detail.mobile, '******66');
    assert.equal(detail.id_number, `${ID[0]}****************${ID[17]}`);
    assert.equal(detail.address, '上海市****');
    assert.equal(detail.email, 's***@example.com');
    const listed = (await sales.get('/api/v1/customers?q=孙掩码')).json.items[0];
    assert.equal(listed.mobile, '******66');
    const contacts = (await sales.get(`/api/v1/customers/${customer.id}/contacts`)).json.items;
    assert.equal(contacts[0].mobile, '******44');
    const history = (await sales.get(`/api/v1/customers/${customer.id}/history`)).json.items;
    const mobileChange = history.find((e) => e.field === 'mobile');
    assert.deepEqual([mobileChange.old, mobileChange.new], ['******22', '******66']);
    const book = (await sales.get('/api/v1/address-book?q=孙夫人')).json.items;
    assert.ok(book.some((entry) => JSON.stringify(entry).includes('******44')), JSON.stringify(book));
    // The current record in a 409 is masked the same way.
    const stale = await sales.request('PATCH', `/api/v1/customers/${customer.id}`, {
      json: { name: '孙掩码二' }, headers: { 'If-Match': `"${customer.version - 1}"` } });
    assert.equal(assertProblem(stale, 409, 'version_conflict').current.mobile, '******66');
    assert.match(runSql(srv, "SELECT detail FROM audit_events WHERE action = 'settings.masking_changed'"), /"keep_end":2/);

    const reset = await patch({ fields: null }, res.json.version);
    assert.equal(reset.status, 200, reset.text);
    assert.deepEqual(reset.json.fields, reset.json.defaults);
    assert.equal((await sales.get(`/api/v1/customers/${customer.id}`)).json.mobile, '139****6666');
  });

  test('bad patterns are refused member by member; a stale version is a conflict', async () => {
    const before = await current();
    const bad = await patch({ fields: { salary: {}, mobile: { keep_start: 30, stars: 1, colour: 2 } }, extra: 1 }, before.version);
    const problem = assertProblem(bad, 422, 'validation_failed');
    assert.deepEqual(problem.errors.map((e) => `${e.field}:${e.code}`).sort(), ['extra:unknown_field']);
    const bad2 = await patch({ fields: { salary: {}, mobile: { keep_start: 30, stars: 1, colour: 2 } } }, before.version);
    assert.deepEqual(assertProblem(bad2, 422, 'validation_failed').errors.map((e) => `${e.field}:${e.code}`).sort(),
      ['mobile.colour:unknown_field', 'mobile.keep_start:out_of_range', 'mobile.stars:out_of_range', 'salary:unknown_field']);
    assertProblem(await patch({ fields: { mobile: { keep_start: 2 } } }, before.version + 5), 409, 'version_conflict');
    assertProblem(await admin.request('PATCH', PATH, { json: { fields: {} } }), 428, 'version_required');
    assert.equal((await current()).version, before.version);
  });

  test('only the security administrator (role.manage) sees or changes them', async () => {
    assertProblem(await sales.get(PATH), 403, 'forbidden');
    const system = (await createUser(srv, admin, 'mask.system', { roles: ['system_admin'] })).client;
    assertProblem(await system.get(PATH), 403, 'forbidden');
  });
});

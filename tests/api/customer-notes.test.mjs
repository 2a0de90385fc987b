// Notes, significant contacts, major events and cooperation records on a
// customer's timeline (CUS-18, CUS-20), and the customer's own birthday
// reminder switch (CUS-16). Runs on SQLite and PostgreSQL.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { adminClient, assertProblem, createUser, rootUnit } from './lib.mjs';
import { nextSeq, residentId } from './ids.mjs';

let srv;
let admin;
const u = {};
let customer;

before(async () => {
  srv = await startServer();
  admin = await adminClient(srv);
  const root = await rootUnit(admin);
  const service = await admin.post('/api/v1/org-units', { json: { name: '客服部', kind: 'department', parent_id: root.id } });
  assert.equal(service.status, 201, service.text);
  u.sales = await createUser(srv, admin, 'n.sales', { roles: ['salesperson'], unitId: root.id, displayName: '王销售' });
  u.other = await createUser(srv, admin, 'n.other', { roles: ['salesperson'], unitId: root.id });
  u.service = await createUser(srv, admin, 'n.service', { roles: ['customer_service'], unitId: service.json.id, displayName: '李客服' });
  u.clerk = await createUser(srv, admin, 'n.clerk', { roles: ['archive_clerk'], unitId: root.id });
  const res = await u.sales.client.post('/api/v1/customers', { json: { kind: 'organization', name: '合作记录测试有限公司' } });
  assert.equal(res.status, 201, res.text);
  customer = res.json;
});
after(async () => { if (srv) await srv.stop(); });

const notesPath = (id = customer.id) => `/api/v1/customers/${id}/notes`;
const today = () => new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);

describe('customer notes (CUS-18, CUS-20)', () => {
  test('a cooperation record keeps its fields, its author and unit, and goes to the history', async () => {
    const res = await u.sales.client.post(notesPath(), { json: {
      category: 'cooperation', title: '2026 年度框架协议', content: '年度采购框架', occurred_on: '2026-01-05',
      end_on: '2027-12-31', amount: 12_000_000 } });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.headers.get('etag'), '"1"');
    assert.equal(res.json.category, 'cooperation');
    assert.equal(res.json.end_on, '2027-12-31', 'a cooperation may end in the future');
    assert.equal(res.json.amount, 12_000_000, 'money in fen');
    assert.equal(res.json.author_name, '王销售');
    assert.ok(res.json.unit_name, 'the unit it was written from');
    const list = await u.sales.client.get(notesPath());
    assert.equal(list.status, 200, list.text);
    assert.deepEqual(list.json.items.map((n) => n.title), ['2026 年度框架协议']);
    const history = await u.sales.client.get(`/api/v1/customers/${customer.id}/history`);
    const added = history.json.items.find((h) => h.action === 'note_added');
    assert.ok(added, JSON.stringify(history.json.items));
    assert.equal(added.field, `notes.${res.json.id}`);
    assert.equal(added.new, '2026 年度框架协议');
  });

  test('a note without a date happened today; category and title are required; bad values are refused', async () => {
    const res = await u.sales.client.post(notesPath(), { json: { category: 'note', title: '电话回访' } });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.json.occurred_on, today());
    for (const [json, field, code] of [
      [{ title: '无类别' }, 'category', 'required'],
      [{ category: 'note' }, 'title', 'required'],
      [{ category: 'gossip', title: 'x' }, 'category', 'unknown_value'],
      [{ category: 'event', title: 'x', occurred_on: '2999-01-01' }, 'occurred_on', 'out_of_range'],
      [{ category: 'cooperation', title: 'x', occurred_on: '2026-03-01', end_on: '2026-02-01' }, 'end_on', 'out_of_range'],
      [{ category: 'cooperation', title: 'x', amount: -1 }, 'amount', 'out_of_range'],
      [{ category: 'note', title: 'x'.repeat(201) }, 'title', 'too_long'],
    ]) {
      const problem = assertProblem(await u.sales.client.post(notesPath(), { json }), 422, 'validation_failed');
      assert.ok(problem.errors.some((e) => e.field === field && e.code === code), `${field}/${code}: ${JSON.stringify(problem.errors)}`);
    }
  });

  test('customer service records a significant contact; it may change its own note but not the owner\'s', async () => {
    const own = await u.service.client.post(notesPath(), { json: { category: 'contact', title: '投诉回访', content: '客户满意' } });
    assert.equal(own.status, 201, own.text);
    assert.equal(own.json.unit_name, '客服部', 'CUS-20: which department made the contact');
    const edited = await u.service.client.request('PATCH', `${notesPath()}/${own.json.id}`, { json: { content: '客户非常满意' }, headers: { 'If-Match': '"1"' } });
    assert.equal(edited.status, 200, edited.text);
    assert.equal(edited.json.version, 2);

    const owners = (await u.sales.client.get(notesPath())).json.items.find((n) => n.author_name === '王销售');
    assertProblem(await u.service.client.request('PATCH', `${notesPath()}/${owners.id}`, { json: { title: '改' }, headers: { 'If-Match': `"${owners.version}"` } }), 403, 'forbidden');
    assertProblem(await u.service.client.request('DELETE', `${notesPath()}/${owners.id}`, { headers: { 'If-Match': `"${owners.version}"` } }), 403, 'forbidden');
    // The customer's editors may correct anyone's entry.
    const fixed = await u.sales.client.request('PATCH', `${notesPath()}/${own.json.id}`, { json: { title: '投诉回访（已结案）' }, headers: { 'If-Match': '"2"' } });
    assert.equal(fixed.status, 200, fixed.text);
  });

  test('a stale version is refused with the current note; removal keeps the title in history', async () => {
    const created = (await u.sales.client.post(notesPath(), { json: { category: 'event', title: '公司更名' } })).json;
    assert.equal((await u.sales.client.request('PATCH', `${notesPath()}/${created.id}`, { json: { content: '新名称' }, headers: { 'If-Match': '"1"' } })).status, 200);
    const stale = assertProblem(await u.sales.client.request('PATCH', `${notesPath()}/${created.id}`, { json: { content: '旧' }, headers: { 'If-Match': '"1"' } }), 409, 'version_conflict');
    assert.equal(stale.current.content, '新名称');
    assertProblem(await u.sales.client.request('DELETE', `${notesPath()}/${created.id}`, { headers: { 'If-Match': '"1"' } }), 409, 'version_conflict');
    const removed = await u.sales.client.request('DELETE', `${notesPath()}/${created.id}`, { headers: { 'If-Match': '"2"' } });
    assert.equal(removed.status, 204, removed.text);
    assert.ok(!(await u.sales.client.get(notesPath())).json.items.some((n) => n.id === created.id));
    const history = (await u.sales.client.get(`/api/v1/customers/${customer.id}/history`)).json.items;
    const entry = history.find((h) => h.action === 'note_removed' && h.field === `notes.${created.id}`);
    assert.equal(entry?.old, '公司更名');
  });

  test('scope: another salesperson neither reads nor writes them; an auditor has no note permission', async () => {
    assertProblem(await u.other.client.get(notesPath()), 404, 'not_found');
    assertProblem(await u.other.client.post(notesPath(), { json: { category: 'note', title: 'x' } }), 404, 'not_found');
    const auditor = await createUser(srv, admin, 'n.auditor', { roles: ['auditor'] });
    assertProblem(await auditor.client.post(notesPath(), { json: { category: 'note', title: 'x' } }), 403, 'forbidden');
  });

  test('notes follow the customer to its successor record (CUS-11)', async () => {
    const person = await u.sales.client.post('/api/v1/customers', { json: { kind: 'individual', name: '更正测试人',
      id_type: 'resident_id', id_number: residentId(nextSeq()) } });
    assert.equal(person.status, 201, person.text);
    await u.sales.client.post(notesPath(person.json.id), { json: { category: 'note', title: '随记录迁移' } });
    const replaced = await u.sales.client.post(`/api/v1/customers/${person.json.id}/replace`, {
      json: { id_type: 'resident_id', id_number: residentId(nextSeq()), reason: '证件号码录入错误' } });
    assert.equal(replaced.status, 201, replaced.text);
    assert.deepEqual((await u.sales.client.get(notesPath(replaced.json.id))).json.items.map((n) => n.title), ['随记录迁移']);
    assert.deepEqual((await u.sales.client.get(notesPath(person.json.id))).json.items, []);
  });
});

describe('birthday reminder switch on a customer (CUS-16)', () => {
  test('an individual customer takes it and records the change; an organization refuses it', async () => {
    const person = await u.sales.client.post('/api/v1/customers', { json: { kind: 'individual', name: '生日客户', birthday: '1990-05-06', birthday_reminder: true } });
    assert.equal(person.status, 201, person.text);
    assert.equal(person.json.birthday_reminder, true);
    const off = await u.sales.client.request('PATCH', `/api/v1/customers/${person.json.id}`, { json: { birthday_reminder: false }, headers: { 'If-Match': '"1"' } });
    assert.equal(off.status, 200, off.text);
    assert.equal(off.json.birthday_reminder, false);
    const history = (await u.sales.client.get(`/api/v1/customers/${person.json.id}/history`)).json.items;
    assert.ok(history.some((h) => h.field === 'birthday_reminder' && h.old === '1' && h.new === '0'), JSON.stringify(history));
    assert.equal(customer.birthday_reminder, false, 'off by default');
    const org = assertProblem(await u.sales.client.post('/api/v1/customers', { json: { kind: 'organization', name: '无生日公司', birthday_reminder: true } }), 422, 'validation_failed');
    assert.deepEqual(org.errors.map((e) => [e.field, e.code]), [['birthday_reminder', 'not_for_kind']]);
  });
});

// Field-level permissions per role (issue 4 point 2, ADR 0015): a field a
// role hides is left out of every read (detail, list, search, history, 409,
// statistics), cannot be filtered or sorted on, and neither it nor a
// read-only field can be written; the union over a user's roles applies.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { adminClient, assertProblem, createUser, sleep } from './lib.mjs';

let srv;
let admin;    // system + security administrator: role.manage, settings.manage
let group;    // group management: every customer, no field rules
let limited;  // a custom role hiding some fields and freezing grade
let customer;

const RULES = { registered_capital_fen: 'hidden', region_code: 'hidden', industry: 'hidden', grade: 'read',
  'custom.secret_plan': 'hidden' };

async function createRole(key, fieldRules, permissions = ['customer.read', 'customer.create', 'customer.update']) {
  const res = await admin.post('/api/v1/roles', { json: { key, name: key, data_scope: 'all', permissions, field_rules: fieldRules } });
  assert.equal(res.status, 201, res.text);
  return res.json;
}
const patchCustomer = (client, c, json) =>
  client.request('PATCH', `/api/v1/customers/${c.id}`, { json, headers: { 'If-Match': `"${c.version}"` } });
const fieldErrors = (res) => Object.fromEntries(res.json.errors.map((e) => [e.field, e.code]));

before(async () => {
  srv = await startServer();
  admin = await adminClient(srv);
  for (const json of [{ key: 'secret_plan', type: 'text', label: '秘密计划' }, { key: 'open_note', type: 'text', label: '公开备注' }]) {
    const res = await admin.post('/api/v1/custom-fields', { json });
    assert.equal(res.status, 201, res.text);
  }
  group = (await createUser(srv, admin, 'fr.group', { roles: ['group_management'] })).client;
  await createRole('fr_limited', RULES);
  limited = (await createUser(srv, admin, 'fr.limited', { roles: ['fr_limited'] })).client;
  const created = await group.post('/api/v1/customers', { json: {
    kind: 'organization', name: '字段规则测试有限公司', grade: 'B', industry: 'C', registered_capital_fen: 500000000,
    region_code: '440305', custom: { secret_plan: '蓝鲸计划', open_note: '普通备注' } } });
  assert.equal(created.status, 201, created.text);
  customer = created.json;
});
after(async () => { if (srv) await srv.stop(); });

describe('field rules: administration (ADR 0015)', () => {
  test('the catalogue lists the fields a role may rule, custom fields with their labels', async () => {
    const { fields } = (await admin.get('/api/v1/permissions')).json;
    const byKey = Object.fromEntries(fields.map((f) => [f.key, f]));
    assert.equal(byKey.grade.server_set, false);
    assert.equal(byKey.suggested_grade.server_set, true);
    assert.deepEqual(byKey['custom.secret_plan'], { key: 'custom.secret_plan', server_set: false, label: '秘密计划' });
    for (const never of ['code', 'name', 'kind', 'status', 'owner_id', 'list_status', 'custom', 'version']) {
      assert.equal(byKey[never], undefined, `${never} is never ruled`);
    }
  });

  test('unknown fields, unknown access and read-only server fields are refused', async () => {
    let res = await admin.post('/api/v1/roles', { json: { key: 'fr_bad', name: 'bad', data_scope: 'own',
      field_rules: { nope: 'hidden', code: 'hidden', suggested_grade: 'read', 'custom.none': 'read' } } });
    assert.deepEqual(fieldErrors(assertProblem(res, 422, 'validation_failed') && res), {
      'field_rules.nope': 'unknown_field', 'field_rules.code': 'unknown_field',
      'field_rules.suggested_grade': 'unknown_value', 'field_rules.custom.none': 'unknown_field' });
    res = await admin.post('/api/v1/roles', { json: { key: 'fr_bad', name: 'bad', data_scope: 'own', field_rules: { grade: 'secret' } } });
    assert.deepEqual(fieldErrors(assertProblem(res, 422, 'validation_failed') && res), { 'field_rules.grade': 'unknown_value' });
    assertProblem(await admin.post('/api/v1/roles', { json: { key: 'fr_bad', name: 'bad', data_scope: 'own', field_rules: ['grade'] } }),
      422, 'validation_failed');
  });

  test('a role shows its rules; "write" is the default and is not stored', async () => {
    const role = (await admin.get('/api/v1/roles')).json.items.find((r) => r.key === 'fr_limited');
    assert.deepEqual(role.field_rules, RULES);
    const res = await admin.request('PATCH', `/api/v1/roles/${role.id}`, {
      json: { field_rules: { ...RULES, route: 'write' } }, headers: { 'If-Match': `"${role.version}"` } });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.json.field_rules, RULES);
  });

  test('a built-in role takes field rules (audited) but still not a new name', async () => {
    let role = (await admin.get('/api/v1/roles')).json.items.find((r) => r.key === 'customer_service');
    assertProblem(await admin.request('PATCH', `/api/v1/roles/${role.id}`, {
      json: { name: 'x', field_rules: { grade: 'hidden' } }, headers: { 'If-Match': `"${role.version}"` } }), 409, 'builtin_role');
    const res = await admin.request('PATCH', `/api/v1/roles/${role.id}`, {
      json: { field_rules: { settlement: 'hidden' } }, headers: { 'If-Match': `"${role.version}"` } });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.json.field_rules, { settlement: 'hidden' });
    role = res.json;
    const auditor = (await createUser(srv, admin, 'fr.auditor', { roles: ['auditor'] })).client;
    const entries = (await auditor.get('/api/v1/audit/events?action=role.updated')).json.items;
    const entry = entries.find((e) => e.target === 'role:customer_service');
    assert.ok(entry, JSON.stringify(entries));
    const { detail } = entry;
    assert.deepEqual([detail.before.field_rules, detail.after.field_rules], [{}, { settlement: 'hidden' }]);
  });
});

describe('field rules: what a limited user sees and may do', () => {
  test('/auth/me carries the resolved rules', async () => {
    assert.deepEqual((await limited.get('/api/v1/auth/me')).json.user.field_rules, RULES);
    assert.deepEqual((await group.get('/api/v1/auth/me')).json.user.field_rules, {});
  });

  test('detail and list leave hidden fields out, custom members included', async () => {
    const detail = (await limited.get(`/api/v1/customers/${customer.id}`)).json;
    for (const hidden of ['registered_capital_fen', 'region_code', 'region_name', 'industry']) {
      assert.equal(hidden in detail, false, `${hidden} is hidden`);
    }
    assert.equal(detail.grade, 'B');
    assert.deepEqual(detail.custom, { open_note: '普通备注' });
    const full = (await group.get(`/api/v1/customers/${customer.id}`)).json;
    assert.equal(full.registered_capital_fen, 500000000);
    assert.equal(full.custom.secret_plan, '蓝鲸计划');
    const listed = (await limited.get('/api/v1/customers?q=字段规则测试')).json.items;
    assert.equal(listed.length, 1);
    assert.equal('registered_capital_fen' in listed[0], false);
    assert.deepEqual(listed[0].custom, { open_note: '普通备注' });
  });

  test('writing a hidden or read-only field is 403 field_forbidden; an unchanged value passes', async () => {
    let res = await patchCustomer(limited, customer, { grade: 'A', registered_capital_fen: 1, custom: { secret_plan: '改' } });
    assert.deepEqual(fieldErrors(assertProblem(res, 403, 'field_forbidden') && res),
      { grade: 'read_only', registered_capital_fen: 'hidden', 'custom.secret_plan': 'hidden' });
    assert.match(res.json.detail, /grade/);
    res = await patchCustomer(limited, customer, { grade: 'B', route: '北线', custom: { open_note: '新备注' } });
    assert.equal(res.status, 200, res.text);
    customer = res.json;
    const full = (await group.get(`/api/v1/customers/${customer.id}`)).json;
    assert.equal(full.custom.secret_plan, '蓝鲸计划', 'a hidden custom value survives a write of the others');
    assert.equal(full.custom.open_note, '新备注');
    customer = full;

    res = await limited.post('/api/v1/customers', { json: { kind: 'organization', name: '只读等级公司', grade: 'A' } });
    assert.deepEqual(fieldErrors(assertProblem(res, 403, 'field_forbidden') && res), { grade: 'read_only' });
    res = await limited.post('/api/v1/customers', { json: { kind: 'organization', name: '只读等级公司' } });
    assert.equal(res.status, 201, res.text);
  });

  test('the 409 of a stale edit shows the current record without hidden fields', async () => {
    const stale = await patchCustomer(limited, { ...customer, version: customer.version - 1 }, { route: 'x' });
    const current = assertProblem(stale, 409, 'version_conflict').current;
    assert.equal('registered_capital_fen' in current, false);
    assert.equal(current.grade, 'B');
  });

  test('filters and sorting on hidden fields are refused; others work', async () => {
    for (const query of ['industry=C', 'region_code=440000', 'custom.secret_plan=x']) {
      assertProblem(await limited.get(`/api/v1/customers?${query}`), 403, 'field_forbidden');
    }
    const byGrade = await limited.get('/api/v1/customers?grade=B&sort=grade');
    assert.equal(byGrade.status, 200, byGrade.text);
    assert.ok(byGrade.json.items.some((c) => c.id === customer.id));
  });

  test('the search box does not find a customer through a hidden custom text', async () => {
    const other = await group.post('/api/v1/customers', { json: { kind: 'organization', name: '蓝鲸计划咨询公司' } });
    assert.equal(other.status, 201, other.text);
    const mine = (await limited.get('/api/v1/customers?q=蓝鲸计划')).json.items.map((c) => c.name);
    assert.deepEqual(mine, ['蓝鲸计划咨询公司']);
    const theirs = (await group.get('/api/v1/customers?q=蓝鲸计划')).json.items.map((c) => c.name).sort();
    assert.deepEqual(theirs, ['字段规则测试有限公司', '蓝鲸计划咨询公司'].sort());
    const visible = (await limited.get('/api/v1/customers?q=普通')).json.items.map((c) => c.name);
    assert.deepEqual(visible, [], 'the open note was changed to 新备注');
    assert.deepEqual((await limited.get('/api/v1/customers?q=新备注')).json.items.map((c) => c.name), ['字段规则测试有限公司']);
  });

  test('history and its statistics leave out hidden fields', async () => {
    const res = await patchCustomer(group, customer, { registered_capital_fen: 600000000, custom: { secret_plan: '白鲸计划' } });
    assert.equal(res.status, 200, res.text);
    customer = res.json;
    const fieldsOf = async (client) => (await client.get(`/api/v1/customers/${customer.id}/history`)).json.items.map((e) => e.field);
    const seen = await fieldsOf(limited);
    assert.ok(seen.includes('custom.open_note'), JSON.stringify(seen));
    assert.ok(!seen.includes('registered_capital_fen') && !seen.includes('custom.secret_plan'), JSON.stringify(seen));
    const all = await fieldsOf(group);
    assert.ok(all.includes('registered_capital_fen') && all.includes('custom.secret_plan'), JSON.stringify(all));
    const keysOf = async (client) => (await client.get('/api/v1/customer-history/stats?group_by=field')).json.items.map((i) => i.key);
    assert.ok(!(await keysOf(limited)).includes('registered_capital_fen'));
    assert.ok((await keysOf(group)).includes('registered_capital_fen'));
  });
});

describe('field rules: several roles', () => {
  test('the union applies: hidden only when every reading role hides it', async () => {
    await createRole('fr_grade_hidden', { grade: 'hidden', industry: 'hidden', settlement: 'read' });
    await createRole('fr_no_read', { route: 'hidden' }, ['customer.note.write']);  // does not read customers: no say
    const both = (await createUser(srv, admin, 'fr.both', { roles: ['fr_limited', 'fr_grade_hidden', 'fr_no_read'] })).client;
    assert.deepEqual((await both.get('/api/v1/auth/me')).json.user.field_rules, { grade: 'read', industry: 'hidden' });
    const onlyHidden = (await createUser(srv, admin, 'fr.hidden', { roles: ['fr_grade_hidden'] })).client;
    assertProblem(await onlyHidden.get('/api/v1/customers?sort=grade'), 403, 'field_forbidden');
    const detail = (await onlyHidden.get(`/api/v1/customers/${customer.id}`)).json;
    assert.equal('grade' in detail, false);
  });

  test('a hidden short name finds nothing in the search box either', async () => {
    await createRole('fr_short', { short_name: 'hidden' });
    const reader = (await createUser(srv, admin, 'fr.short', { roles: ['fr_short'] })).client;
    const created = await group.post('/api/v1/customers', { json: { kind: 'organization', name: '北方重工有限公司', short_name: '云杉集团' } });
    assert.equal(created.status, 201, created.text);
    assert.deepEqual((await group.get('/api/v1/customers?q=云杉集团')).json.items.map((c) => c.id), [created.json.id]);
    assert.deepEqual((await reader.get('/api/v1/customers?q=云杉集团')).json.items, []);
    assert.deepEqual((await reader.get('/api/v1/customers?q=北方重工')).json.items.map((c) => c.id), [created.json.id]);
  });

  test('a change of the rules reaches a signed-in user within a second', async () => {
    const sales = (await createUser(srv, admin, 'fr.sales', { roles: ['salesperson'] })).client;
    const created = await sales.post('/api/v1/customers', { json: { kind: 'organization', name: '规则生效公司', fax: '010-12345678' } });
    assert.equal(created.status, 201, created.text);
    assert.equal(created.json.fax, '010-12345678');
    const role = (await admin.get('/api/v1/roles')).json.items.find((r) => r.key === 'salesperson');
    const res = await admin.request('PATCH', `/api/v1/roles/${role.id}`, {
      json: { field_rules: { fax: 'hidden' } }, headers: { 'If-Match': `"${role.version}"` } });
    assert.equal(res.status, 200, res.text);
    await sleep(1200);
    assert.equal('fax' in (await sales.get(`/api/v1/customers/${created.json.id}`)).json, false);
    assert.deepEqual((await sales.get('/api/v1/auth/me')).json.user.field_rules, { fax: 'hidden' });
  });
});

describe('field rules on contacts and accounts', () => {
  const CONTACT_RULES = { registered_capital_fen: 'hidden', 'contact.mobile': 'hidden', 'contact.title': 'read',
    'contact.birthday': 'hidden', 'account.account_number': 'hidden' };
  let viewer;
  let owner;
  let contact;

  before(async () => {
    await createRole('fr_contacts', CONTACT_RULES);
    viewer = (await createUser(srv, admin, 'fr.contacts', { roles: ['fr_contacts'] })).client;
    const created = await group.post('/api/v1/customers', { json: { kind: 'organization', name: '联系人规则公司' } });
    assert.equal(created.status, 201, created.text);
    owner = created.json;
    const res = await group.post(`/api/v1/customers/${owner.id}/contacts`, { json: {
      name: '赵联系', title: '采购经理', mobile: '13812345678', email: 'zhao@example.com', birthday: '1980-05-06' } });
    assert.equal(res.status, 201, res.text);
    contact = res.json;
    const account = await group.post(`/api/v1/customers/${owner.id}/accounts`, { json: {
      account_name: '联系人规则公司', bank_name: '招商银行', account_number: '6222020200112233' } });
    assert.equal(account.status, 201, account.text);
  });

  test('the catalogue offers contact and account fields, never their names or status', async () => {
    const keys = (await admin.get('/api/v1/permissions')).json.fields.map((f) => f.key);
    for (const key of ['contact.mobile', 'contact.title', 'account.account_number', 'account.bank_name']) assert.ok(keys.includes(key), key);
    for (const key of ['contact.name', 'contact.status', 'account.account_name', 'account.status', 'note.content']) assert.ok(!keys.includes(key), key);
  });

  test('contact and account lists leave hidden fields out', async () => {
    const [listed] = (await viewer.get(`/api/v1/customers/${owner.id}/contacts`)).json.items;
    assert.equal('mobile' in listed, false);
    assert.equal('birthday' in listed, false);
    assert.equal(listed.title, '采购经理');
    assert.equal(typeof listed.email, 'string');
    const [account] = (await viewer.get(`/api/v1/customers/${owner.id}/accounts`)).json.items;
    assert.equal('account_number' in account, false);
    assert.equal(account.bank_name, '招商银行');
    const [full] = (await group.get(`/api/v1/customers/${owner.id}/contacts`)).json.items;
    assert.equal(typeof full.mobile, 'string');
  });

  test('writing a hidden or read-only contact field is 403; others pass', async () => {
    const at = `/api/v1/customers/${owner.id}/contacts/${contact.id}`;
    let res = await viewer.request('PATCH', at, { json: { title: '总经理', mobile: '13900000000' }, headers: { 'If-Match': `"${contact.version}"` } });
    assert.deepEqual(fieldErrors(assertProblem(res, 403, 'field_forbidden') && res), { 'contact.mobile': 'hidden', 'contact.title': 'read_only' });
    res = await viewer.request('PATCH', at, { json: { title: '采购经理', hobbies: '围棋' }, headers: { 'If-Match': `"${contact.version}"` } });
    assert.equal(res.status, 200, res.text);
    assert.equal('mobile' in res.json, false);
    res = await viewer.post(`/api/v1/customers/${owner.id}/contacts`, { json: { name: '钱联系', title: '助理' } });
    assert.deepEqual(fieldErrors(assertProblem(res, 403, 'field_forbidden') && res), { 'contact.title': 'read_only' });
    res = await viewer.post(`/api/v1/customers/${owner.id}/contacts`, { json: { name: '钱联系', email: 'qian@example.com' } });
    assert.equal(res.status, 201, res.text);
  });

  test('history leaves out every contact\'s entries on a hidden field; the address book shows it empty', async () => {
    const now = (await group.get(`/api/v1/customers/${owner.id}/contacts`)).json.items.find((c) => c.id === contact.id);
    const res = await group.request('PATCH', `/api/v1/customers/${owner.id}/contacts/${contact.id}`, {
      json: { mobile: '13887654321', email: 'zhao2@example.com' }, headers: { 'If-Match': `"${now.version}"` } });
    assert.equal(res.status, 200, res.text);
    const fields = async (client) => (await client.get(`/api/v1/customers/${owner.id}/history`)).json.items.map((e) => e.field);
    const seen = await fields(viewer);
    assert.ok(seen.includes(`contacts.${contact.id}.email`), JSON.stringify(seen));
    assert.ok(!seen.includes(`contacts.${contact.id}.mobile`), JSON.stringify(seen));
    assert.ok((await fields(group)).includes(`contacts.${contact.id}.mobile`));
    const book = (await viewer.get('/api/v1/address-book?q=赵联系')).json.items;
    const person = book.find((e) => e.contact_id === contact.id);
    assert.ok(person, JSON.stringify(book));
    assert.equal(person.mobile, null);
    assert.equal(person.title, '采购经理');
  });
});


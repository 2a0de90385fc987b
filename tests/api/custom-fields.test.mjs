// Custom fields 附加属性 (CUS-6): administrators define typed fields with
// required / unique / pattern rules; the server checks every customer write
// against them, records changes per field in the history (CUS-10) and filters
// lists by them. Runs on SQLite and PostgreSQL.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { adminClient, assertProblem, cliDbArgs, createUser, rootUnit, runCli, runSql } from './lib.mjs';

let srv;
let admin;
const u = {};
const fields = {};  // key → definition as created

before(async () => {
  srv = await startServer();
  admin = await adminClient(srv);
  const root = await rootUnit(admin);
  u.group = await createUser(srv, admin, 'cf.group', { roles: ['group_management'], unitId: root.id });
  u.sales = await createUser(srv, admin, 'cf.sales', { roles: ['salesperson'], unitId: root.id });
});
after(async () => { if (srv) await srv.stop(); });

async function define(json) {
  const res = await admin.post('/api/v1/custom-fields', { json });
  assert.equal(res.status, 201, res.text);
  fields[json.key] = res.json;
  return res.json;
}
const createCustomer = (who, json) => u[who].client.post('/api/v1/customers', { json: { kind: 'organization', ...json } });
const patch = (who, c, json) =>
  u[who].client.request('PATCH', `/api/v1/customers/${c.id}`, { json, headers: { 'If-Match': `"${c.version}"` } });
const fieldErrors = (res) => Object.fromEntries(res.json.errors.map((e) => [e.field, e.code]));

describe('definitions (CUS-6)', () => {
  test('an administrator defines text, number, date, choice and multiple-choice fields', async () => {
    const contract = await define({ key: 'contract_no', type: 'text', label: '合同编号', label_en: 'Contract no.',
      unique: true, pattern: '^HT-\\d{4}$', sort_order: 1 });
    assert.deepEqual([contract.type, contract.unique, contract.pattern, contract.required, contract.status, contract.version],
      ['text', true, '^HT-\\d{4}$', false, 'active', 1]);
    await define({ key: 'fleet_size', type: 'number', label: '车队规模', sort_order: 2 });
    await define({ key: 'first_order', type: 'date', label: '首单日期', sort_order: 3 });
    await define({ key: 'tier', type: 'choice', label: '合作层级', required: true, applies_to: 'organization',
      options: [{ code: 'gold', label: '金牌' }, { code: 'silver', label: '银牌' }], sort_order: 4 });
    await define({ key: 'channels', type: 'multi_choice', label: '销售渠道',
      options: [{ code: 'online', label: '线上' }, { code: 'store', label: '门店' }, { code: 'agent', label: '代理' }], sort_order: 5 });
    const list = (await u.sales.client.get('/api/v1/custom-fields')).json.items;
    assert.deepEqual(list.map((f) => f.key), ['contract_no', 'fleet_size', 'first_order', 'tier', 'channels'],
      'every signed-in user reads the definitions, in display order');
  });

  test('bad definitions are refused field by field, and keys are unique forever', async () => {
    let res = await admin.post('/api/v1/custom-fields', { json: { key: '1bad', type: 'colour', label: '' } });
    assert.deepEqual(fieldErrors(assertProblem(res, 422, 'validation_failed') && res), { key: 'invalid_format', type: 'unknown_value', label: 'required' });
    res = await admin.post('/api/v1/custom-fields', { json: { key: 'x1', type: 'choice', label: 'X' } });
    assert.deepEqual(fieldErrors(res), { options: 'required' });
    res = await admin.post('/api/v1/custom-fields', { json: { key: 'x2', type: 'number', label: 'X', pattern: '^1$', unique: true, options: [{ code: 'a', label: 'A' }] } });
    assert.deepEqual(fieldErrors(res), { options: 'not_for_type', pattern: 'not_for_type' });
    res = await admin.post('/api/v1/custom-fields', { json: { key: 'x3', type: 'text', label: 'X', pattern: '([' } });
    assert.deepEqual(fieldErrors(res), { pattern: 'invalid_pattern' });
    res = await admin.post('/api/v1/custom-fields', { json: { key: 'x4', type: 'choice', label: 'X', options: [{ code: 'a', label: 'A' }, { code: 'a', label: 'B' }] } });
    assert.deepEqual(fieldErrors(res), { options: 'duplicate_option' });
    assertProblem(await admin.post('/api/v1/custom-fields', { json: { key: 'fleet_size', type: 'text', label: '重复' } }), 409, 'duplicate_custom_field');
  });

  test('only dictionary.manage defines fields', async () => {
    assertProblem(await u.group.client.post('/api/v1/custom-fields', { json: { key: 'nope', type: 'text', label: 'x' } }), 403, 'forbidden');
  });
});

describe('values on customers (CUS-6)', () => {
  let acme;
  test('values are checked and stored normalized; a required field is needed on create', async () => {
    let res = await createCustomer('sales', { name: '自定义甲' });
    assert.deepEqual(fieldErrors(assertProblem(res, 422, 'validation_failed') && res), { 'custom.tier': 'required' });
    res = await createCustomer('sales', { name: '自定义甲', custom: {
      contract_no: 'HT-12', fleet_size: 'many', first_order: '2026-02-30', tier: 'bronze', channels: 'online', nope: 1 } });
    assert.deepEqual(fieldErrors(res), { 'custom.contract_no': 'pattern_mismatch', 'custom.fleet_size': 'must_be_number',
      'custom.first_order': 'invalid_date', 'custom.tier': 'unknown_value', 'custom.channels': 'must_be_array', 'custom.nope': 'unknown_field' });
    res = await createCustomer('sales', { name: '自定义甲', custom: {
      contract_no: ' HT-0001 ', fleet_size: 12.0, first_order: '2026-02-28', tier: 'gold', channels: ['store', 'online', 'store'] } });
    assert.equal(res.status, 201, res.text);
    acme = res.json;
    assert.deepEqual(acme.custom, { contract_no: 'HT-0001', fleet_size: 12, first_order: '2026-02-28', tier: 'gold', channels: ['online', 'store'] });
    const person = await u.sales.client.post('/api/v1/customers', { json: { kind: 'individual', name: '个人丙', custom: { tier: 'gold' } } });
    assert.deepEqual(fieldErrors(person), { 'custom.tier': 'not_for_kind' }, 'tier applies to organizations only, and is not required of persons');
  });

  test('a unique value may not be used by another customer', async () => {
    const res = await createCustomer('group', { name: '自定义乙', custom: { tier: 'silver', contract_no: 'HT-0001' } });
    assert.deepEqual(fieldErrors(assertProblem(res, 422, 'validation_failed') && res), { 'custom.contract_no': 'duplicate_value' });
    const ok = await createCustomer('group', { name: '自定义乙', custom: { tier: 'silver', contract_no: 'HT-0002', channels: ['agent', 'online'] } });
    assert.equal(ok.status, 201, ok.text);
  });

  test('a PATCH changes only the members it names; null clears; history has one entry per field (CUS-10)', async () => {
    let res = await patch('sales', acme, { custom: { fleet_size: 30, first_order: null } });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.json.custom, { contract_no: 'HT-0001', fleet_size: 30, tier: 'gold', channels: ['online', 'store'] });
    acme = res.json;
    assert.deepEqual(fieldErrors(await patch('sales', acme, { custom: { tier: null } })), { 'custom.tier': 'required' });
    // A form sending the whole object back unchanged writes nothing.
    res = await patch('sales', acme, { custom: acme.custom });
    assert.equal(res.json.version, acme.version);
    const history = (await u.sales.client.get(`/api/v1/customers/${acme.id}/history`)).json.items;
    const custom = history.filter((h) => h.field?.startsWith('custom.')).map((h) => [h.field, h.old, h.new]);
    assert.deepEqual(custom.sort(), [['custom.first_order', '2026-02-28', null], ['custom.fleet_size', '12', '30']]);
  });

  test('lists filter by a custom value; a multiple choice matches any of its codes', async () => {
    const by = async (query) => (await u.group.client.get(`/api/v1/customers?${query}`)).json.items.map((c) => c.name).sort();
    assert.deepEqual(await by('custom.tier=gold'), ['自定义甲']);
    assert.deepEqual(await by('custom.channels=online'), ['自定义乙', '自定义甲']);
    assert.deepEqual(await by('custom.channels=agent&custom.tier=silver'), ['自定义乙']);
    assert.deepEqual(await by('custom.fleet_size=30'), ['自定义甲']);
    assert.deepEqual(await by(`q=${encodeURIComponent('自定义')}&custom.contract_no=HT-0002`), ['自定义乙'], 'with the search box too');
    assertProblem(await u.group.client.get('/api/v1/customers?custom.Bad-Key=1'), 422, 'validation_failed');
  });

  test('the search box finds text custom values like a name (CUS-6, CUS-14)', async () => {
    await define({ key: 'project', type: 'text', label: '项目名称', sort_order: 6 });
    const search = async (q) => (await u.group.client.get(`/api/v1/customers?q=${encodeURIComponent(q)}`)).json.items.map((c) => c.name).sort();
    assert.deepEqual(await search('HT-0002'), ['自定义乙']);
    const created = await createCustomer('group', { name: '自定义园区客户', custom: { tier: 'silver', project: '华东智慧园区二期' } });
    assert.equal(created.status, 201, created.text);
    assert.deepEqual(await search('智慧园区'), ['自定义园区客户']);
    assert.deepEqual(await search('华东园区'), [], 'the characters must stand together');
    const moved = await patch('group', created.json, { custom: { project: '西南物流中心' } });
    assert.equal(moved.status, 200, moved.text);
    assert.deepEqual(await search('智慧园区'), [], 'the old value is no longer indexed');
    assert.deepEqual(await search('物流中心'), ['自定义园区客户']);

    // A record saved before its values were indexed (an upgrade): `guanxi reindex` indexes it.
    runSql(srv, `DELETE FROM customer_search_terms WHERE customer_id = ${created.json.id}`);
    assert.deepEqual(await search('物流中心'), [], 'no terms, not found');
    assert.deepEqual(await search('园区'), []);
    const res = await runCli(['reindex', ...cliDbArgs(srv)]);
    assert.equal(res.code, 0, res.stderr);
    const total = Number(/reindexed (\d+) customers/.exec(res.stdout)?.[1]);
    assert.equal(total, Number(runSql(srv, 'SELECT COUNT(*) FROM customers').trim()), 'every customer');
    assert.deepEqual(await search('物流中心'), ['自定义园区客户']);
    assert.deepEqual(await search('园区'), ['自定义园区客户']);
    assert.deepEqual(await search('HT-0002'), ['自定义乙'], 'the others are as they were');
  });

  test('options are retired, not removed; a retired option stays where it is but is not chosen anew', async () => {
    const tier = fields.tier;
    let res = await admin.request('PATCH', `/api/v1/custom-fields/${tier.id}`, { json: { version: tier.version, options: [{ code: 'gold', label: '金牌' }] } });
    assert.deepEqual(fieldErrors(assertProblem(res, 422, 'validation_failed') && res), { options: 'cannot_remove' });
    res = await admin.request('PATCH', `/api/v1/custom-fields/${tier.id}`, { json: { version: tier.version,
      options: [{ code: 'gold', label: '金牌', retired: true }, { code: 'silver', label: '银牌' }, { code: 'platinum', label: '白金' }] } });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.version, tier.version + 1);
    assertProblem(await admin.request('PATCH', `/api/v1/custom-fields/${tier.id}`, { json: { version: tier.version, label: '旧' } }), 409, 'version_conflict');
    assertProblem(await admin.request('PATCH', `/api/v1/custom-fields/${tier.id}`, { json: { version: res.json.version, type: 'text' } }), 422, 'validation_failed');
    const kept = await patch('sales', acme, { name: '自定义甲（改）', custom: { tier: 'gold' } });
    assert.equal(kept.status, 200, kept.text);
    acme = kept.json;
    const fresh = await createCustomer('sales', { name: '自定义丁', custom: { tier: 'gold' } });
    assert.deepEqual(fieldErrors(fresh), { 'custom.tier': 'unknown_value' });

    // An option sent again without label_en or retired keeps them.
    res = await admin.request('PATCH', `/api/v1/custom-fields/${tier.id}`, { json: { version: res.json.version,
      options: [{ code: 'gold', label: '金牌' }, { code: 'silver', label: '银牌', label_en: 'Silver' }, { code: 'platinum', label: '白金' }] } });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.options.find((o) => o.code === 'gold').retired, true, 'still retired');
    res = await admin.request('PATCH', `/api/v1/custom-fields/${tier.id}`, { json: { version: res.json.version,
      options: [{ code: 'gold', label: '金牌' }, { code: 'silver', label: '银牌会员' }, { code: 'platinum', label: '白金' }] } });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.json.options.find((o) => o.code === 'silver'), { code: 'silver', label: '银牌会员', label_en: 'Silver', retired: false });
    fields.tier = res.json;
  });

  test('unique cannot be switched on while values repeat; a retired field is read-only but stays on records', async () => {
    const channels = fields.channels;
    const fleet = fields.fleet_size;
    await createCustomer('group', { name: '自定义戊', custom: { tier: 'silver', fleet_size: 30 } });
    assertProblem(await admin.request('PATCH', `/api/v1/custom-fields/${fleet.id}`, { json: { version: fleet.version, unique: true } }), 409, 'custom_values_not_unique');
    const retired = await admin.request('PATCH', `/api/v1/custom-fields/${channels.id}`, { json: { version: channels.version, status: 'retired' } });
    assert.equal(retired.json.status, 'retired');
    const c = (await u.sales.client.get(`/api/v1/customers/${acme.id}`)).json;
    assert.deepEqual(c.custom.channels, ['online', 'store'], 'old values stay readable');
    assert.deepEqual(fieldErrors(await patch('sales', c, { custom: { channels: ['online'] } })), { 'custom.channels': 'read_only' });
  });
});

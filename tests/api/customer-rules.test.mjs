// The customer code rule (DOC-6) and the suggested-grade rules (CUS-9) as
// settings an administrator changes at run time (settings.manage); what is not
// set falls back to the server's configuration.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { adminClient, assertProblem, createUser, runSql } from './lib.mjs';

const PATH = '/api/v1/settings/customer-rules';
let srv;
let admin;
let sales;
before(async () => {
  // The configuration's code rule: what applies until the settings page sets one.
  srv = await startServer({ env: { GUANXI_CUSTOMER_CODE_RULE: 'CFG{yy}{seq:5}' } });
  admin = await adminClient(srv);
  sales = (await createUser(srv, admin, 'rules.sales', { roles: ['salesperson'] })).client;
});
after(async () => { if (srv) await srv.stop(); });

async function current() {
  const res = await admin.get(PATH);
  assert.equal(res.status, 200, res.text);
  assert.equal(res.headers.get('etag'), `"${res.json.version}"`);
  return res.json;
}

async function patch(json, version) {
  return admin.request('PATCH', PATH, { json, headers: { 'If-Match': `"${version}"` } });
}

async function newCustomer(extra = {}) {
  const res = await sales.post('/api/v1/customers', { json: { kind: 'organization', name: `规则测试${Date.now()}${Math.random()}`, ...extra } });
  assert.equal(res.status, 201, res.text);
  return res.json;
}

describe('customer rules as settings (DOC-6, CUS-9)', () => {
  test('before any change: the configuration and the built-in grade rules, with the next code', async () => {
    const rules = await current();
    assert.equal(rules.code_rule, 'CFG{yy}{seq:5}');
    assert.equal(rules.code_rule_source, 'configuration');
    assert.equal(rules.grade_rules_source, 'configuration');
    assert.deepEqual(rules.configured.code_rule, 'CFG{yy}{seq:5}');
    assert.equal(rules.grade_rules.length, 9);
    assert.deepEqual(rules.grade_rules[0], { grade: 'A', field: 'value_tier', op: 'eq', reason: '价值层级为 VIP', value: 'vip' });
    assert.match(rules.next_code, /^CFG\d{2}00001$/);
    const fields = Object.fromEntries(rules.rule_fields.map((f) => [f.key, f.op]));
    assert.equal(fields.value_tier, 'eq');
    assert.equal(fields.industry, 'eq');
    assert.equal(fields.importance, 'gte');
    assert.equal(fields.registered_capital_fen, 'gte');
    assert.equal(fields.id_number, undefined, 'sensitive fields are not offered');
    assert.equal(fields.strategic, 'gte', 'a flag is tested as 1 = yes');
    for (const serverOnly of ['version', 'replaced_by_id', 'replaces_id', 'suggested_grade']) {
      assert.equal(fields[serverOnly], undefined, serverOnly);
    }
    assert.match((await newCustomer()).code, /^CFG\d{2}00001$/);
  });

  test('a new code rule applies to the next customer at once and is audited', async () => {
    const before = await current();
    const res = await patch({ code_rule: 'VIP-{yyyy}{mm}-{seq:4}' }, before.version);
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.code_rule_source, 'settings');
    assert.equal(res.json.version, before.version + 1);
    assert.equal(res.json.updated_by, '系统管理员');
    assert.match(res.json.next_code, /^VIP-\d{6}-0001$/);
    const created = await newCustomer();
    assert.equal(created.code, res.json.next_code);
    assert.match(runSql(srv, "SELECT detail FROM audit_events WHERE action = 'settings.customer_rules_changed'"), /VIP-\{yyyy\}\{mm\}-\{seq:4\}/);
    // Back to the configuration.
    const reset = await patch({ code_rule: null }, res.json.version);
    assert.equal(reset.json.code_rule, 'CFG{yy}{seq:5}');
    assert.equal(reset.json.code_rule_source, 'configuration');
  });

  test('grade rules replace the defaults for the suggestion of every later save', async () => {
    const before = await current();
    const rules = [
      { grade: 'A', field: 'industry', op: 'eq', value: 'J', reason: '金融业客户' },
      { grade: 'B', field: 'importance', op: 'gte', value: 3, reason: '重要程度不低于 3' },
    ];
    const res = await patch({ grade_rules: rules }, before.version);
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.grade_rules_source, 'settings');
    assert.deepEqual(res.json.grade_rules, rules);
    const bank = await newCustomer({ industry: 'J' });
    assert.equal(bank.suggested_grade, 'A');
    assert.equal(bank.suggested_grade_reason, '金融业客户');
    const vip = await newCustomer({ value_tier: 'vip' });  // an A under the defaults
    assert.equal(vip.suggested_grade, 'D');
    const reset = await patch({ grade_rules: null }, res.json.version);
    assert.equal(reset.json.grade_rules.length, 9);
    assert.equal((await newCustomer({ value_tier: 'vip' })).suggested_grade, 'A');
  });

  test('bad rules are refused field by field and nothing changes', async () => {
    const before = await current();
    const bad = await patch({
      code_rule: 'KH{seq:6}{seq:2}',
      grade_rules: [{ grade: 'E', field: 'nope', op: 'eq', value: 'x', reason: '' }],
      colour: 'red',
    }, before.version);
    const problem = assertProblem(bad, 422, 'validation_failed');
    const fields = problem.errors.map((e) => `${e.field}:${e.code}`).sort();
    assert.deepEqual(fields, ['code_rule:invalid_format', 'colour:unknown_field', 'grade_rules[0].field:unknown_field',
      'grade_rules[0].grade:unknown_value', 'grade_rules[0].reason:required']);
    // What a rules file may hold but the page may not store: untestable fields, wrong operators, empty values.
    const strict = await patch({ grade_rules: [
      { grade: 'A', field: 'id_number', op: 'eq', value: '1', reason: '证件' },
      { grade: 'A', field: 'industry', op: 'gte', value: 3, reason: '行业' },
      { grade: 'B', field: 'value_tier', op: 'eq', value: '', reason: '空' },
      { grade: 'C', field: 'importance', op: 'gte', value: 3, reason: '可以' },
    ] }, before.version);
    assert.deepEqual(assertProblem(strict, 422, 'validation_failed').errors.map((e) => `${e.field}:${e.code}`),
      ['grade_rules[0].field:unknown_value', 'grade_rules[1].op:unknown_value', 'grade_rules[2].value:required']);
    assertProblem(await patch({ grade_rules: [] }, before.version), 422, 'validation_failed');
    assertProblem(await patch({ grade_rules: 'A' }, before.version), 422, 'validation_failed');
    assert.equal((await current()).version, before.version);
  });

  test('a stale version is refused (409) and a missing one asked for (428)', async () => {
    const before = await current();
    assertProblem(await patch({ code_rule: 'X{seq:3}' }, before.version - 1), 409, 'version_conflict');
    assertProblem(await admin.request('PATCH', PATH, { json: { code_rule: 'X{seq:3}' } }), 428, 'version_required');
    assertProblem(await sales.get(PATH), 403, 'forbidden');
    assert.equal((await current()).code_rule, 'CFG{yy}{seq:5}');
  });
});

// The customer archive API (issue 3): identity rules, uniqueness, versions,
// lifecycle, verification and identity lock, black list, history, scopes and
// masking (CUS-1 … CUS-21, SEC-2/3/4). Runs on SQLite and PostgreSQL.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { adminClient, assertProblem, createUnit, createUser, rootUnit, runSql } from './lib.mjs';
import { breakCheck, nextSeq, orgCode, residentId, uscc } from './ids.mjs';

let srv;
const u = {};  // role name → {user, client}
before(async () => {
  srv = await startServer();
  const admin = await adminClient(srv);
  const root = await rootUnit(admin);
  const segA = await createUnit(admin, '华东板块', root.id, 'segment');
  const deptA = await createUnit(admin, '上海一部', segA.id);
  const segB = await createUnit(admin, '华南板块', root.id, 'segment');
  const deptB = await createUnit(admin, '深圳一部', segB.id);
  const make = async (name, roles, unitId) => { u[name] = await createUser(srv, admin, `c.${name.toLowerCase()}`, { roles, unitId, displayName: name }); };
  await make('salesA', ['salesperson'], deptA.id);
  await make('salesA2', ['salesperson'], deptA.id);
  await make('salesB', ['salesperson'], deptB.id);
  await make('headA', ['department_head'], deptA.id);
  await make('segHeadA', ['segment_head'], segA.id);
  await make('group', ['group_management'], root.id);
  await make('clerk', ['archive_clerk'], root.id);
  await make('service', ['customer_service'], root.id);
  await make('mixed', ['salesperson', 'customer_service'], deptB.id);
  u.admin = { client: admin };
});
after(async () => { if (srv) await srv.stop(); });

async function create(who, json, status = 201) {
  const res = await u[who].client.post('/api/v1/customers', { json });
  assert.equal(res.status, status, res.text);
  return res.json;
}
const org = (name, extra = {}) => ({ kind: 'organization', name, ...extra });
const person = (name, extra = {}) => ({ kind: 'individual', name, ...extra });
const patch = (who, c, json, version = c.version) =>
  u[who].client.request('PATCH', `/api/v1/customers/${c.id}`, { json, headers: { 'If-Match': `"${version}"` } });
const get = (who, id) => u[who].client.get(`/api/v1/customers/${id}`);
// SEC-3: a permitted role sees a record in full only after revealing it with a reason.
const reveal = (who, id) => u[who].client.post(`/api/v1/customers/${id}/reveal`, { json: { reason: '测试核对' } });

describe('create and identity (CUS-1, CUS-2, CUS-13)', () => {
  test('an individual with a valid resident ID gets a code, an owner and a pending verification', async () => {
    const id = residentId(nextSeq());
    const c = await create('salesA', person('王小明', { id_type: 'resident_id', id_number: id.toLowerCase(), mobile: '138 0013 8000' }));
    assert.match(c.code, /^KH\d{4}\d{6}$/);
    assert.equal(c.kind, 'individual');
    assert.equal(c.owner_id, u.salesA.user.id);
    assert.equal(c.entered_by, u.salesA.user.id);
    assert.equal(c.collected_by, u.salesA.user.id);
    assert.equal(c.status, 'potential');
    assert.equal(c.verification_status, 'pending');
    assert.equal(c.identity_locked, false);
    assert.equal(c.owner_name, 'salesA');
    assert.ok(['A', 'B', 'C', 'D'].includes(c.suggested_grade));
    assert.ok(c.suggested_grade_reason);
    // The salesperson may not see personal data in full (SEC-3).
    assert.equal(c.masked, true);
    assert.equal(c.id_number, `${id.slice(0, 6)}${'*'.repeat(8)}${id.slice(-4)}`);
    assert.equal(c.mobile, '138****8000');
    assert.equal((await get('group', c.id)).json.masked, true, 'masked until revealed, even for group management');
    const full = await reveal('group', c.id);
    assert.equal(full.json.masked, false);
    assert.equal(full.json.id_number, id.toUpperCase(), 'stored normalized (upper-case X)');
    assert.equal(full.json.mobile, '13800138000');
  });

  test('codes count up without gaps from the configured rule (DOC-6)', async () => {
    const a = await create('salesA', org('编号测试甲'));
    const b = await create('salesA', org('编号测试乙'));
    assert.equal(Number(b.code.slice(-6)), Number(a.code.slice(-6)) + 1);
    assert.equal(a.code.slice(0, 6), b.code.slice(0, 6));
  });

  test('a code already taken (e.g. under an earlier rule) is skipped, never reused (DOC-6)', async () => {
    const a = await create('salesA', org('编号占用甲'));
    const seq = Number(a.code.slice(-6));
    const taken = a.code.slice(0, -6) + String(seq + 1).padStart(6, '0');
    // An older record holding the next code, as after an administrator changed the rule.
    runSql(srv, `UPDATE customers SET code = '${taken}' WHERE id = ${a.id}`);
    const b = await create('salesA', org('编号占用乙'));
    assert.equal(b.code, a.code.slice(0, -6) + String(seq + 2).padStart(6, '0'));
  });

  test('a wrong check digit is refused with the identity code and nothing is written (CUS-2)', async () => {
    const before = (await u.group.client.get('/api/v1/customers?limit=200')).json.items.length;
    const bad = assertProblem(await u.salesA.client.post('/api/v1/customers', {
      json: person('校验失败', { id_type: 'resident_id', id_number: breakCheck(residentId(nextSeq())) }) }),
    422, 'invalid_id_number');
    assert.deepEqual(bad.errors.map((e) => [e.field, e.code]), [['id_number', 'invalid_checksum']]);
    assert.match(bad.detail, /证件号码/);
    assertProblem(await u.salesA.client.post('/api/v1/customers', { json: org('坏代码', { uscc: breakCheck(uscc(nextSeq())) }) }),
      422, 'invalid_uscc');
    assertProblem(await u.salesA.client.post('/api/v1/customers', { json: org('坏代码', { org_code: breakCheck(orgCode(nextSeq())) }) }),
      422, 'invalid_org_code');
    const wrongDate = assertProblem(await u.salesA.client.post('/api/v1/customers', {
      json: person('日期错', { id_type: 'resident_id', id_number: residentId(nextSeq(), { birth: '19900230' }) }) }),
    422, 'invalid_id_number');
    assert.equal(wrongDate.errors[0].code, 'invalid_date');
    const after = (await u.group.client.get('/api/v1/customers?limit=200')).json.items.length;
    assert.equal(after, before);
  });

  test('a checksum-only failure may be saved with a reason by a user with customer.verify, and is flagged', async () => {
    const early = breakCheck(uscc(nextSeq(), { region: '350100' }));
    const json = org('福建试点企业', { uscc: early, identity_override: { reason: '2015 年福建试点代码，营业执照核对无误' } });
    assertProblem(await u.salesA.client.post('/api/v1/customers', { json }), 403, 'forbidden');
    const saved = await create('group', json);
    assert.equal(saved.uscc, early);
    assert.equal(saved.identity_override_reason, '2015 年福建试点代码，营业执照核对无误');
    // A malformed value is never overridable.
    const malformed = assertProblem(await u.group.client.post('/api/v1/customers', {
      json: org('格式错', { uscc: 'ABC', identity_override: { reason: 'x' } }) }), 422, 'invalid_uscc');
    assert.equal(malformed.errors[0].code, 'invalid_format');
  });

  test('kind decides the fields: an individual has no USCC, an organization no resident ID', async () => {
    const bad = assertProblem(await u.salesA.client.post('/api/v1/customers', { json: person('张三', { uscc: uscc(nextSeq()) }) }),
      422, 'validation_failed');
    assert.deepEqual(bad.errors.map((e) => [e.field, e.code]), [['uscc', 'not_for_kind']]);
    const missing = assertProblem(await u.salesA.client.post('/api/v1/customers', { json: { name: '无类型' } }), 422, 'validation_failed');
    assert.ok(missing.errors.some((e) => e.field === 'kind' && e.code === 'required'));
  });

  test('unknown, server-owned and malformed fields are refused field by field', async () => {
    const bad = assertProblem(await u.salesA.client.post('/api/v1/customers', {
      json: org('', { code: 'KH1', colour: 'red', star_rating: 9, email: 'not-an-email', phone: '12345', founded_on: '2020-02-30', custom: { vip: true } }) }),
    422, 'validation_failed');
    const got = Object.fromEntries(bad.errors.map((e) => [e.field, e.code]));
    assert.equal(got.code, 'read_only');
    assert.equal(got.colour, 'unknown_field');
    assert.equal(got.star_rating, 'out_of_range');
    assert.equal(got.founded_on, 'invalid_date');
    const second = assertProblem(await u.salesA.client.post('/api/v1/customers', {
      json: org('', { email: 'not-an-email', phone: '12345', custom: { vip: true }, region_code: '999999' }) }), 422, 'validation_failed');
    const more = Object.fromEntries(second.errors.map((e) => [e.field, e.code]));
    assert.equal(more.name, 'required');
    assert.equal(more.email, 'invalid_format');
    assert.equal(more.phone, 'invalid_format');
    assert.equal(more['custom.vip'], 'unknown_field', 'CUS-6: no custom field is defined yet');
    assert.equal(more.region_code, 'invalid_region');
  });
});

describe('uniqueness (CUS-2)', () => {
  test('a duplicate identity is 409 naming the existing customer to whoever may see it', async () => {
    const code = uscc(nextSeq());
    const first = await create('salesA', org('唯一公司', { uscc: code }));
    const again = assertProblem(await u.salesA.client.post('/api/v1/customers', { json: org('唯一公司二', { uscc: code.toLowerCase() }) }),
      409, 'duplicate_customer');
    assert.deepEqual(again.existing, { visible: true, id: first.id, code: first.code, name: '唯一公司', list_status: 'none' });
    assert.ok(again.detail.includes(first.code));
    // Another team's salesperson learns only that it exists.
    const hidden = assertProblem(await u.salesB.client.post('/api/v1/customers', { json: org('别人家的', { uscc: code }) }),
      409, 'duplicate_customer');
    assert.deepEqual(hidden.existing, { visible: false });
    assert.ok(!hidden.detail.includes(first.code), hidden.detail);
    assert.ok(!hidden.text?.includes?.('唯一公司'));
  });

  test('a person is unique by ID type and number; the same number as a passport is another identity', async () => {
    const id = residentId(nextSeq());
    await create('salesA', person('李四', { id_type: 'resident_id', id_number: id }));
    assertProblem(await u.salesA.client.post('/api/v1/customers', { json: person('李四', { id_type: 'resident_id', id_number: id }) }),
      409, 'duplicate_customer');
    const changedTo = await create('salesA', person('王五', { id_type: 'resident_id', id_number: residentId(nextSeq()) }));
    assertProblem(await patch('salesA', changedTo, { id_number: id }), 409, 'duplicate_customer');
  });

  test('two concurrent creates with one identity: exactly one wins', async () => {
    const code = uscc(nextSeq());
    const results = await Promise.all([1, 2, 3].map((i) => u.salesA.client.post('/api/v1/customers', { json: org(`并发${i}`, { uscc: code }) })));
    assert.deepEqual(results.map((r) => r.status).sort(), [201, 409, 409]);
  });
});

describe('versions and history (CUS-10)', () => {
  test('a stale version is 409 with the current record; nothing is written', async () => {
    const c = await create('salesA', org('版本测试', { region_code: '440305' }));
    const first = await patch('salesA', c, { name: '版本测试一' });
    assert.equal(first.status, 200, first.text);
    assert.equal(first.json.version, c.version + 1);
    assert.equal(first.headers.get('etag'), `"${c.version + 1}"`);
    const stale = assertProblem(await patch('salesA', c, { name: '版本测试二' }), 409, 'version_conflict');
    assert.equal(stale.current.name, '版本测试一');
    assert.equal(stale.current.version, c.version + 1);
    const shown = (await get('salesA', c.id)).json;
    assert.equal(shown.name, '版本测试一');
    // The current record is shaped as GET shows it, owner and region names included.
    for (const key of ['owner_name', 'region_name', 'masked', 'revealable']) assert.deepEqual(stale.current[key], shown[key], key);
    assert.ok(stale.current.owner_name, 'the owner is named');
    assert.equal(stale.current.region_name, '广东省 深圳市 南山区');
    assertProblem(await u.salesA.client.request('PATCH', `/api/v1/customers/${c.id}`, { json: { name: 'x' } }), 428, 'version_required');
  });

  test('every change is kept with who, when, field, old and new value', async () => {
    const c = await create('salesA', org('历史测试', { grade: 'C' }));
    const changed = await patch('salesA', c, { name: '历史测试改', grade: 'A', star_rating: 4 });
    assert.equal(changed.status, 200, changed.text);
    const res = await u.salesA.client.get(`/api/v1/customers/${c.id}/history`);
    assert.equal(res.status, 200, res.text);
    const rows = res.json.items;
    const byField = Object.fromEntries(rows.filter((r) => r.field).map((r) => [r.field, r]));
    assert.deepEqual([byField.name.old, byField.name.new], ['历史测试', '历史测试改']);
    assert.deepEqual([byField.grade.old, byField.grade.new], ['C', 'A']);
    assert.deepEqual([byField.star_rating.old, byField.star_rating.new], [null, '4']);
    assert.equal(byField.name.user_name, "c.salesa");
    assert.equal(byField.name.user_id, u.salesA.user.id);
    assert.ok(rows.some((r) => r.action === 'created'));
    assert.ok(!byField.version && !byField.updated_at, 'bookkeeping columns are not history');
  });

  test('an unchanged PATCH writes nothing and keeps the version', async () => {
    const c = await create('salesA', org('无变化'));
    const same = await patch('salesA', c, { name: '无变化' });
    assert.equal(same.json.version, c.version);
    const rows = (await u.salesA.client.get(`/api/v1/customers/${c.id}/history`)).json.items;
    assert.equal(rows.length, 1);
  });

  test('the suggested grade follows the rules on every change (CUS-9)', async () => {
    const c = await create('salesA', org('评级测试'));
    assert.equal(c.suggested_grade, 'D');
    const vip = await patch('salesA', c, { value_tier: 'vip' });
    assert.equal(vip.json.suggested_grade, 'A');
    assert.equal(vip.json.suggested_grade_reason, '价值层级为 VIP');
    const capital = await patch('salesA', vip.json, { value_tier: 'small', registered_capital_fen: 2_000_000_000 });
    assert.equal(capital.json.suggested_grade, 'B', '2000 万元 ≥ 1000 万元');
  });
});

describe('lifecycle, verification, correction, lists (CUS-8, 11, 12, 21)', () => {
  test('the lifecycle moves by editing the status; deregistering only by its own action (CUS-8)', async () => {
    const c = await create('salesA', org('生命周期'));
    const target = await patch('salesA', c, { status: 'target' });
    assert.equal(target.status, 200, target.text);
    const active = await patch('salesA', target.json, { status: 'active' });
    assert.equal(active.json.status, 'active');
    assert.equal(active.json.suggested_grade, 'C', '现实客户');
    const refused = assertProblem(await patch('salesA', active.json, { status: 'deregistered' }), 422, 'validation_failed');
    assert.equal(refused.errors[0].field, 'status');
  });

  test('a masked value sent back is refused, never stored (SEC-3)', async () => {
    const c = await create('group', org('打码回写', { email: 'li.si@example.com', owner_id: u.salesA.user.id }));
    const seen = (await get('salesA', c.id)).json;
    assert.equal(seen.email, 'l***@example.com');
    const bad = assertProblem(await patch('salesA', seen, { email: seen.email }), 422, 'validation_failed');
    assert.deepEqual(bad.errors.map((e) => [e.field, e.code]), [['email', 'masked_value']]);
    assert.equal((await reveal('group', c.id)).json.email, 'li.si@example.com');
  });

  test('deregister needs a reason and blocks edits; restore brings back the earlier status', async () => {
    const c = await create('group', org('注销测试', { status: 'active' }));
    assertProblem(await u.group.client.post(`/api/v1/customers/${c.id}/deregister`, { json: { version: c.version } }), 422, 'validation_failed');
    assertProblem(await u.salesA.client.post(`/api/v1/customers/${c.id}/deregister`, { json: { reason: 'x', version: c.version } }), 403, 'forbidden');
    const gone = await u.group.client.post(`/api/v1/customers/${c.id}/deregister`, { json: { reason: '公司已注销', version: c.version } });
    assert.equal(gone.status, 200, gone.text);
    assert.equal(gone.json.status, 'deregistered');
    assert.equal(gone.json.deregister_reason, '公司已注销');
    assertProblem(await patch('group', gone.json, { name: '改不了' }), 409, 'customer_deregistered');
    const back = await u.group.client.post(`/api/v1/customers/${c.id}/restore`, { json: { version: gone.json.version } });
    assert.equal(back.status, 200, back.text);
    assert.equal(back.json.status, 'active');
    assert.equal(back.json.deregister_reason, null);
    assertProblem(await u.group.client.post(`/api/v1/customers/${c.id}/restore`, { json: { version: back.json.version } }), 409, 'invalid_state');
  });

  test('once submitted for verification the identity is locked; mark abnormal and create a successor (CUS-11)', async () => {
    const id = residentId(nextSeq());
    const c = await create('salesA', person('赵六', { id_type: 'resident_id', id_number: id, mobile: '13900001111' }));
    const submitted = await u.clerk.client.post(`/api/v1/customers/${c.id}/verification`, { json: { status: 'in_progress' } });
    assert.equal(submitted.status, 200, submitted.text);
    assert.equal(submitted.json.identity_locked, true);
    assertProblem(await patch('salesA', submitted.json, { id_number: residentId(nextSeq()) }), 409, 'identity_locked');
    const same = await patch('salesA', submitted.json, { id_number: ` ${id.toLowerCase()} ` });
    assert.equal(same.status, 200, 'the same number, written differently, is no change');
    assert.equal(same.json.version, submitted.json.version);
    const renamed = await patch('salesA', submitted.json, { name: '赵六六' });
    assert.equal(renamed.status, 200, 'ordinary fields are corrected in place');
    const corrected = residentId(nextSeq());
    const successor = await u.salesA.client.post(`/api/v1/customers/${c.id}/replace`, {
      json: { id_type: 'resident_id', id_number: corrected, reason: '证件号码录入错误' } });
    assert.equal(successor.status, 201, successor.text);
    assert.equal(successor.json.replaces_id, c.id);
    assert.equal(successor.json.name, '赵六六');
    assert.equal(successor.json.verification_status, 'pending');
    assert.notEqual(successor.json.code, c.code);
    const old = (await get('group', c.id)).json;
    assert.equal(old.abnormal, true);
    assert.equal(old.replaced_by_id, successor.json.id);
    assertProblem(await patch('salesA', old, { name: '旧的' }), 409, 'customer_abnormal');
    // A refused correction changes nothing.
    const other = await create('salesA', person('钱七', { id_type: 'resident_id', id_number: residentId(nextSeq()) }));
    assertProblem(await u.salesA.client.post(`/api/v1/customers/${other.id}/replace`, {
      json: { id_type: 'resident_id', id_number: corrected, reason: 'x' } }), 409, 'duplicate_customer');
    assert.equal((await get('group', other.id)).json.abnormal, false);
  });

  test('verification is set in batch with a result per record; reviewers are recorded (CUS-12, CUS-13)', async () => {
    const a = await create('salesA', org('批量甲'));
    const b = await create('salesB', org('批量乙'));
    const res = await u.clerk.client.post('/api/v1/customers/verification', { json: { ids: [a.id, b.id, 987654321], status: 'passed' } });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.json.items, [{ id: a.id, ok: true }, { id: b.id, ok: true }, { id: 987654321, ok: false, code: 'not_found' }]);
    const after = (await get('group', a.id)).json;
    assert.equal(after.verification_status, 'passed');
    const again = await u.clerk.client.post(`/api/v1/customers/${a.id}/verification`, { json: { status: 'passed' } });
    assert.equal(again.json.version, after.version, 'setting the same status again writes nothing');
    assert.equal(after.reviewed_by, u.clerk.user.id);
    assertProblem(await u.clerk.client.post('/api/v1/customers/verification', { json: { ids: [a.id], status: 'maybe' } }), 422, 'validation_failed');
  });

  test('black list with reason, date and decider; shown in lists and duplicate warnings (CUS-21)', async () => {
    const code = uscc(nextSeq());
    const c = await create('salesA', org('黑名单公司', { uscc: code }));
    assertProblem(await u.clerk.client.post(`/api/v1/customers/${c.id}/list-status`, { json: { list_status: 'black', version: c.version } }),
      422, 'validation_failed');
    const black = await u.clerk.client.post(`/api/v1/customers/${c.id}/list-status`, {
      json: { list_status: 'black', reason: '恶意拖欠货款', version: c.version } });
    assert.equal(black.status, 200, black.text);
    assert.equal(black.json.list_status, 'black');
    assert.equal(black.json.list_reason, '恶意拖欠货款');
    assert.equal(black.json.list_decided_by, u.clerk.user.id);
    assert.ok(black.json.list_decided_at > 0);
    const listed = (await u.salesA.client.get('/api/v1/customers?list_status=black')).json.items;
    assert.ok(listed.some((x) => x.id === c.id));
    const dup = assertProblem(await u.salesA.client.post('/api/v1/customers', { json: org('又来了', { uscc: code }) }), 409, 'duplicate_customer');
    assert.equal(dup.existing.list_status, 'black');
    // A correction does not wash a customer off the black list.
    const successor = await u.salesA.client.post(`/api/v1/customers/${c.id}/replace`, { json: { uscc: uscc(nextSeq()), reason: '代码录错' } });
    assert.equal(successor.status, 201, successor.text);
    assert.equal(successor.json.list_status, 'black');
    assert.equal(successor.json.list_reason, '恶意拖欠货款');
  });
});

describe('data scope and masking (SEC-2, SEC-3, SEC-4)', () => {
  test('a salesperson sees own customers only; others are 404, not 403', async () => {
    const mine = await create('salesA', org('甲的客户'));
    const theirs = await create('salesA2', org('同事的客户'));
    assert.equal((await get('salesA', theirs.id)).status, 404);
    const list = (await u.salesA.client.get('/api/v1/customers?limit=200')).json.items;
    assert.ok(list.some((x) => x.id === mine.id));
    assert.ok(!list.some((x) => x.id === theirs.id));
    assert.equal((await u.salesA.client.get(`/api/v1/customers/${theirs.id}/history`)).status, 404);
    assert.equal((await patch('salesA', theirs, { name: 'x' })).status, 404);
  });

  test('a department head sees the unit; a segment head the segment, not the other segment', async () => {
    const a2 = await create('salesA2', org('部门内客户'));
    const b = await create('salesB', org('华南客户'));
    assert.equal((await get('headA', a2.id)).status, 200);
    assert.equal((await get('headA', b.id)).status, 404);
    assert.equal((await get('segHeadA', a2.id)).status, 200);
    assert.equal((await get('segHeadA', b.id)).status, 404);
    assert.equal((await get('group', b.id)).status, 200);
  });

  test('visible but not permitted is 403: read-all with update-own cannot edit another team\'s customer', async () => {
    const b = await create('salesB', org('只读可见'));
    assert.equal((await get('mixed', b.id)).status, 200);
    assertProblem(await patch('mixed', b, { name: '越权修改' }), 403, 'forbidden');
    assert.equal((await get('group', b.id)).json.name, '只读可见');
  });

  test('moving a customer to another owner needs customer.assign covering both; across segments only group-wide', async () => {
    const c = await create('salesA', org('转移测试'));
    assertProblem(await patch('salesA', c, { owner_id: u.salesA2.user.id }), 403, 'forbidden');
    const inUnit = await patch('headA', c, { owner_id: u.salesA2.user.id });
    assert.equal(inUnit.status, 200, inUnit.text);
    assertProblem(await patch('segHeadA', inUnit.json, { owner_id: u.salesB.user.id }), 403, 'forbidden');
    const across = await patch('group', inUnit.json, { owner_id: u.salesB.user.id });
    assert.equal(across.status, 200, across.text);
    assert.equal((await get('salesB', c.id)).status, 200);
    const history = (await u.group.client.get(`/api/v1/customers/${c.id}/history`)).json.items;
    assert.ok(history.some((h) => h.field === 'owner_id' && h.new === String(u.salesB.user.id)));
  });

  test('lists are masked for everyone; a single record in full only when revealed with customer.sensitive.read', async () => {
    const id = residentId(nextSeq());
    const c = await create('group', person('孙八', { id_type: 'resident_id', id_number: id, phone: '13812341234',
      email: 'sunba@example.com', address: '广东省深圳市南山区科技园路1号', birthday: '1990-01-01', owner_id: u.salesB.user.id }));
    const inList = (await u.group.client.get(`/api/v1/customers?q=${encodeURIComponent(c.code)}`)).json.items[0];
    assert.equal(inList.masked, true);
    assert.equal(inList.phone, '138****1234');
    assert.equal(inList.email, 's***@example.com');
    assert.equal(inList.address, '广东省深圳市****');
    assert.equal(inList.birthday, '****-01-01');
    assert.equal((await reveal('service', c.id)).json.phone, '13812341234', 'customer service may reveal it');
    assertProblem(await reveal('salesB', c.id), 403, 'forbidden');
    const owner = (await get('salesB', c.id)).json;
    assert.equal(owner.id_number, `${id.slice(0, 6)}********${id.slice(-4)}`);
    const history = (await u.salesB.client.get(`/api/v1/customers/${c.id}/history`)).json.items;
    assert.ok(history.every((h) => !String(h.new ?? '').includes('13812341234')));
  });
});

describe('dictionaries and regions (CUS-5, CUS-1 addresses)', () => {
  test('dictionary values are checked; a retired value stays on old records but is not chosen anew', async () => {
    const items = (await u.salesA.client.get('/api/v1/dictionaries/industry')).json.items;
    assert.ok(items.some((i) => i.code === 'I' && i.label.includes('软件')));
    assertProblem(await u.salesA.client.post('/api/v1/customers', { json: org('行业错', { industry: 'ZZ' }) }), 422, 'validation_failed');
    const added = await u.admin.client.post('/api/v1/dictionaries/source/items', { json: { code: `tmp_${nextSeq()}`, label: '临时来源' } });
    assert.equal(added.status, 201, added.text);
    const c = await create('salesA', org('来源客户', { source: added.json.code }));
    const retired = await u.admin.client.request('PATCH', `/api/v1/dictionaries/source/items/${added.json.code}`, {
      json: { retired: true }, headers: { 'If-Match': `"${added.json.version}"` } });
    assert.equal(retired.status, 200, retired.text);
    assert.equal(retired.json.retired, true);
    assertProblem(await u.salesA.client.post('/api/v1/customers', { json: org('新客户', { source: added.json.code }) }), 422, 'validation_failed');
    const keep = await patch('salesA', c, { name: '来源客户改名', source: added.json.code });
    assert.equal(keep.status, 200, keep.text);
    assert.equal(keep.json.source, added.json.code);
  });

  test('regions come as province → city → county and name the customer\'s region', async () => {
    const provinces = (await u.salesA.client.get('/api/v1/regions')).json.items;
    assert.ok(provinces.some((p) => p.code === '440000' && p.name === '广东省' && p.has_children));
    const cities = (await u.salesA.client.get('/api/v1/regions?parent=440000')).json.items;
    assert.ok(cities.some((p) => p.code === '440300' && p.name === '深圳市'));
    const c = await create('salesA', org('地区客户', { region_code: '440305' }));
    assert.equal(c.region_name, '广东省 深圳市 南山区');
    const inProvince = (await u.salesA.client.get('/api/v1/customers?region_code=440000&limit=200')).json.items;
    assert.ok(inProvince.some((x) => x.id === c.id));
    const elsewhere = (await u.salesA.client.get('/api/v1/customers?region_code=110000&limit=200')).json.items;
    assert.ok(!elsewhere.some((x) => x.id === c.id));
  });
});

describe('lists (keyset pages, sorting)', () => {
  test('pages never repeat or skip, in every sort order', async () => {
    for (const name of ['北京分页', '阿里分页', '中国分页', '长城分页']) await create('salesA2', org(name));
    for (const sort of ['updated_desc', 'created_desc', 'name', 'grade']) {
      const seen = [];
      let cursor = null;
      do {
        const res = await u.salesA2.client.get(`/api/v1/customers?limit=2&sort=${sort}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        assert.equal(res.status, 200, res.text);
        seen.push(...res.json.items.map((x) => x.id));
        cursor = res.json.next_cursor;
      } while (cursor);
      assert.equal(new Set(seen).size, seen.length, `${sort}: no repeats`);
      const all = (await u.salesA2.client.get('/api/v1/customers?limit=200')).json.items;
      assert.equal(seen.length, all.length, `${sort}: nothing skipped`);
    }
    const byName = (await u.salesA2.client.get('/api/v1/customers?sort=name&limit=200')).json.items.map((x) => x.name)
      .filter((n) => n.endsWith('分页'));
    assert.deepEqual(byName, ['阿里分页', '北京分页', '长城分页', '中国分页'], 'pinyin order');
    assertProblem(await u.salesA2.client.get('/api/v1/customers?sort=colour'), 422, 'validation_failed');
  });
});

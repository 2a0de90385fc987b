// The approval engine (issue 5 point 1, ADR 0016): general requests decided
// step by step by the requester's manager, a role or a named user; approve,
// reject with a comment, withdraw, resubmit; deadlines in working days on
// the calendar (COL-3); the inbox and its count; flows an administrator
// edits (approval.manage). Runs on SQLite and PostgreSQL.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import {
  Client, USER_PASSWORD, adminClient, assertProblem, createUnit, createUser, rootUnit, runSql,
} from './lib.mjs';

let srv;
let admin;
let root;
let segment;
let gm;        // group management: approval.decide over everyone
let auditor;
let roleNames; // role key → its name, as a role step shows it
let audited;   // {id, requester, manager} of the request rejected, resubmitted and approved, for the audit test
let counter = 0;
const unique = (prefix) => `${prefix}${(counter += 1)}`;

const DAY = 86_400_000;
// Today's business date (Asia/Shanghai) as YYYY-MM-DD.
const shanghaiToday = () => new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
const DEFAULT_STEPS = [{ name: '直属上级审批', approver: 'manager', days: 2 }];

before(async () => {
  srv = await startServer();
  admin = await adminClient(srv);
  root = await rootUnit(admin);
  segment = await createUnit(admin, '审批测试板块', root.id, 'segment');
  gm = await createUser(srv, admin, 'appr.gm', { roles: ['group_management'], unitId: root.id, displayName: '集团王总' });
  auditor = await createUser(srv, admin, 'appr.auditor', { roles: ['auditor'], unitId: root.id });
  const roles = await admin.get('/api/v1/roles');
  assert.equal(roles.status, 200, roles.text);
  roleNames = Object.fromEntries(roles.json.items.map((r) => [r.key, r.name]));
});
after(async () => { if (srv) await srv.stop(); });

/**
 * A department under `parent` with a department head and `members`
 * salespeople whose manager is that head. `key` is ASCII (user names), `zh`
 * the department's Chinese name (display names).
 */
async function team(key, zh, { parent = segment, members = 1 } = {}) {
  const unit = await createUnit(admin, unique(zh), parent.id);
  const head = await createUser(srv, admin, unique(`${key}.head.`), {
    roles: ['department_head'], unitId: unit.id, displayName: `${zh}李经理` });
  const sales = [];
  for (let i = 0; i < members; i += 1) {
    sales.push(await createUser(srv, admin, unique(`${key}.sales.`), {
      roles: ['salesperson'], unitId: unit.id, managerId: head.user.id, displayName: `${zh}销售${i + 1}` }));
  }
  return { unit, head, sales: sales[0], members: sales };
}

const submit = (client, json = {}) => client.post('/api/v1/approvals', {
  json: { type: 'general', title: '申请特价', payload: { content: '客户要求九折，本季度订单量翻倍。' }, ...json } });
async function submitted(client, json) {
  const res = await submit(client, json);
  assert.equal(res.status, 201, res.text);
  return res.json;
}
const act = (client, id, action, json = {}, headers = undefined) => client.post(`/api/v1/approvals/${id}/${action}`, { json, headers });
async function acted(client, id, action, json) {
  const res = await act(client, id, action, json);
  assert.equal(res.status, 200, `${action}: ${res.text}`);
  return res.json;
}
async function read(client, id) {
  const res = await client.get(`/api/v1/approvals/${id}`);
  assert.equal(res.status, 200, res.text);
  return res.json;
}
// Every id of a list (all pages), newest first.
async function listed(client, query) {
  const out = [];
  let cursor = null;
  do {
    const res = await client.get(`/api/v1/approvals?${query}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    assert.equal(res.status, 200, `${query}: ${res.text}`);
    out.push(...res.json.items.map((i) => i.id));
    cursor = res.json.next_cursor;
  } while (cursor);
  return out;
}
async function count(client) {
  const res = await client.get('/api/v1/approvals/count');
  assert.equal(res.status, 200, res.text);
  return res.json;
}
// The date `days` working days after today, as the calendar says.
async function dueIn(days) {
  const res = await admin.get(`/api/v1/calendar/due?from=${shanghaiToday()}&days=${days}`);
  assert.equal(res.status, 200, res.text);
  return res.json.due_on;
}
const validationErrors = (res) => assertProblem(res, 422, 'validation_failed').errors.map((e) => [e.field, e.code]).sort();

async function generalFlow() {
  const res = await admin.get('/api/v1/approval-flows');
  assert.equal(res.status, 200, res.text);
  const flow = res.json.items.find((f) => f.type === 'general');
  assert.ok(flow, `the general flow: ${res.text}`);
  return flow;
}
const putFlow = (steps, version, client = admin) => client.request('PUT', '/api/v1/approval-flows/general', {
  json: { steps }, headers: version === undefined ? {} : { 'If-Match': `"${version}"` } });
async function setFlow(steps) {
  const res = await putFlow(steps, (await generalFlow()).version);
  assert.equal(res.status, 200, res.text);
  return res.json;
}
// A flow's steps as written: every member present, null where it does not apply.
const normalStep = (s) => ({ name: s.name, approver: s.approver, role_key: s.role_key ?? null, user_id: s.user_id ?? null, days: s.days });

describe('approval flows (issue 5 point 1, ADR 0016)', () => {
  test('issue 5 point 1: the general request type is listed with its default flow; reading flows needs approval.manage', async () => {
    const flow = await generalFlow();
    assert.equal(flow.name, '通用审批');
    assert.equal(flow.submittable, true);
    assert.equal(flow.customized, false);
    assert.equal(flow.updated_at, null);
    assert.equal(typeof flow.version, 'number');
    assert.deepEqual(flow.steps, DEFAULT_STEPS.map(normalStep));

    const english = new Client(srv.url, { lang: 'en' });
    await english.mustLogin();
    const en = (await english.get('/api/v1/approval-flows')).json.items.find((f) => f.type === 'general');
    assert.equal(en.name, 'General request');

    const t = await team('flowread', '流程读取部');
    assertProblem(await t.sales.client.get('/api/v1/approval-flows'), 403, 'forbidden');
    assertProblem(await t.head.client.get('/api/v1/approval-flows'), 403, 'forbidden'); // approval.decide is not approval.manage
    assertProblem(await gm.client.get('/api/v1/approval-flows'), 403, 'forbidden');
    assertProblem(await putFlow(DEFAULT_STEPS, flow.version, t.sales.client), 403, 'forbidden');
    assertProblem(await new Client(srv.url).get('/api/v1/approval-flows'), 401, 'unauthenticated');
  });
});

describe('approval requests (issue 5 point 1, ADR 0016)', () => {
  test('issue 5 point 1: a salesperson submits a general request; it waits on their manager, due in 2 working days (COL-3)', async () => {
    const t = await team('submit', '提交部');
    const before = Date.now();
    const res = await submit(t.sales.client, { title: '申请特价：华南精密' });
    assert.equal(res.status, 201, res.text);
    const r = res.json;
    const due = await dueIn(2);
    assert.equal(typeof r.id, 'number');
    assert.equal(r.type, 'general');
    assert.equal(r.type_name, '通用审批');
    assert.equal(r.target, '');
    assert.equal(r.title, '申请特价：华南精密');
    assert.deepEqual(r.payload, { content: '客户要求九折，本季度订单量翻倍。' });
    assert.equal(r.status, 'pending');
    assert.equal(r.round, 1);
    assert.equal(r.current_step, 0);
    assert.equal(r.steps.length, 1);
    const [step] = r.steps;
    assert.equal(step.name, '直属上级审批');
    assert.equal(step.approver, 'manager');
    assert.equal(step.role_key, null);
    assert.equal(step.approver_name, t.head.user.display_name, 'the manager by name');
    assert.equal(step.days, 2);
    assert.equal(step.state, 'pending');
    assert.equal(step.due_on, due, 'today (Asia/Shanghai) plus 2 working days on the calendar');
    assert.equal(r.due_on, due);
    assert.equal(r.overdue, false);
    assert.deepEqual(r.requester, { id: t.sales.user.id, name: t.sales.user.display_name });
    assert.equal(r.can_decide, false);
    assert.equal(r.can_withdraw, true);
    assert.equal(r.can_resubmit, false);
    assert.equal(typeof r.version, 'number');
    assert.ok(r.created_at >= before - 1000 && r.created_at <= Date.now() + 1000, `created_at ${r.created_at}`);
    assert.equal(typeof r.updated_at, 'number');
    assert.equal(r.decided_at, null);
    assert.equal(r.history.length, 1);
    assert.equal(r.history[0].action, 'submitted');
    assert.equal(r.history[0].round, 1);
    assert.deepEqual(r.history[0].actor, { id: t.sales.user.id, name: t.sales.user.display_name });
    assert.equal(r.history[0].comment, '');
    assert.equal(typeof r.history[0].at, 'number');

    // The manager: in the inbox and its count, may decide.
    const seen = await read(t.head.client, r.id);
    assert.equal(seen.can_decide, true);
    assert.equal(seen.can_withdraw, false);
    assert.equal(seen.can_resubmit, false);
    assert.equal(seen.history.length, 1);
    const inbox = await t.head.client.get('/api/v1/approvals?assigned_to=me');
    assert.equal(inbox.status, 200, inbox.text);
    assert.deepEqual(inbox.json.items.map((i) => i.id), [r.id]);
    assert.equal(inbox.json.next_cursor, null);
    const item = inbox.json.items[0];
    assert.equal('history' in item, false, 'list items carry no history');
    assert.equal(item.can_decide, true);
    assert.equal(item.due_on, due);
    assert.deepEqual(await count(t.head.client), { assigned_to_me: 1, overdue: 0 });

    // The requester: in their own list, not in their inbox.
    assert.deepEqual(await listed(t.sales.client, 'requested_by=me'), [r.id]);
    assert.deepEqual(await listed(t.sales.client, 'assigned_to=me'), []);
    assert.deepEqual(await count(t.sales.client), { assigned_to_me: 0, overdue: 0 });
  });

  test('issue 5 point 1: a request is hidden (404) from whoever neither asked, acted nor may decide it, and never listed for them', async () => {
    const a = await team('hidden', '保密部', { members: 2 });
    const b = await team('other', '他部');
    const r = await submitted(a.sales.client);
    const outsiders = {
      'a colleague in the same department': a.members[1].client,
      'a salesperson of another department': b.sales.client,
      'the head of another department': b.head.client,
      'group management (a manager step is not theirs)': gm.client,
      'the flow administrator (approval.manage reads no requests)': admin,
      auditor: auditor.client,
    };
    const failures = [];
    for (const [who, client] of Object.entries(outsiders)) {
      for (const [method, path, json] of [
        ['GET', `/api/v1/approvals/${r.id}`],
        ['POST', `/api/v1/approvals/${r.id}/approve`, {}],
        ['POST', `/api/v1/approvals/${r.id}/reject`, { comment: '越权' }],
        ['POST', `/api/v1/approvals/${r.id}/withdraw`, {}],
        ['POST', `/api/v1/approvals/${r.id}/resubmit`, {}],
      ]) {
        const res = await client.request(method, path, { json });
        if (res.status !== 404 || res.json?.code !== 'not_found') failures.push(`${who} ${method} ${path}: ${res.status} ${res.text.slice(0, 160)}`);
      }
      for (const selector of ['assigned_to=me', 'requested_by=me', 'decided_by=me']) {
        if ((await listed(client, selector)).includes(r.id)) failures.push(`${who} lists it under ${selector}`);
      }
    }
    assert.deepEqual(failures, []);
    assert.deepEqual(await count(b.head.client), { assigned_to_me: 0, overdue: 0 });
    assert.equal((await read(a.sales.client, r.id)).status, 'pending', 'untouched');
    assertProblem(await a.sales.client.get('/api/v1/approvals/987654321'), 404, 'not_found');
    assertProblem(await a.sales.client.get('/api/v1/approvals/abc'), 404, 'not_found');
    assertProblem(await new Client(srv.url).get(`/api/v1/approvals/${r.id}`), 401, 'unauthenticated');
  });

  test('issue 5 point 1: nobody approves or rejects their own request (403 self_approval)', async () => {
    const t = await team('self', '自批部');
    const r = await submitted(t.sales.client);
    assertProblem(await act(t.sales.client, r.id, 'approve', { comment: '我同意' }), 403, 'self_approval');
    assertProblem(await act(t.sales.client, r.id, 'reject', { comment: '算了' }), 403, 'self_approval');
    const now = await read(t.sales.client, r.id);
    assert.equal(now.status, 'pending');
    assert.equal(now.version, r.version, 'nothing written');
  });

  test('issue 5 point 1: a rejection needs a comment; the requester resubmits; the history keeps every round; a decided request stays decided', async () => {
    const t = await team('reject', '驳回部');
    const r = await submitted(t.sales.client, { title: '申请样品' });
    audited = { id: r.id, requester: t.sales.user.id, manager: t.head.user.id };

    assert.deepEqual(validationErrors(await act(t.head.client, r.id, 'reject', {})), [['comment', 'required']]);
    assert.deepEqual(validationErrors(await act(t.head.client, r.id, 'reject', { comment: '' })), [['comment', 'required']]);
    assert.deepEqual(validationErrors(await act(t.head.client, r.id, 'reject', { comment: '驳'.repeat(501) })), [['comment', 'too_long']]);
    assert.equal((await read(t.head.client, r.id)).status, 'pending', 'a refused rejection changes nothing');

    const rejected = await acted(t.head.client, r.id, 'reject', { comment: '样品预算已用完，下月再申请。' });
    assert.equal(rejected.status, 'rejected');
    assert.equal(rejected.current_step, null);
    assert.equal(rejected.steps[0].state, 'rejected');
    assert.equal(rejected.due_on, null);
    assert.equal(rejected.overdue, false);
    assert.equal(rejected.can_decide, false);
    assert.ok(rejected.version > r.version);
    const last = rejected.history.at(-1);
    assert.equal(last.action, 'rejected');
    assert.equal(last.round, 1);
    assert.equal(last.step, 0);
    assert.equal(last.step_name, '直属上级审批');
    assert.equal(last.comment, '样品预算已用完，下月再申请。');
    assert.deepEqual(last.actor, { id: t.head.user.id, name: t.head.user.display_name });

    const mine = await read(t.sales.client, r.id);
    assert.equal(mine.can_resubmit, true);
    assert.equal(mine.can_withdraw, false);
    assert.deepEqual(await listed(t.head.client, 'decided_by=me'), [r.id]);
    assert.deepEqual(await listed(t.head.client, 'assigned_to=me'), []);
    assert.deepEqual(await count(t.head.client), { assigned_to_me: 0, overdue: 0 });

    // Closed: no decision, no withdrawal; only the requester resubmits.
    assertProblem(await act(t.head.client, r.id, 'approve', {}), 409, 'approval_not_pending');
    assertProblem(await act(t.head.client, r.id, 'reject', { comment: '再驳一次' }), 409, 'approval_not_pending');
    assertProblem(await act(t.sales.client, r.id, 'withdraw', {}), 409, 'approval_not_pending');
    assertProblem(await act(t.head.client, r.id, 'resubmit', {}), 403, 'forbidden');

    const again = await acted(t.sales.client, r.id, 'resubmit', { title: '申请样品（下月）', version: rejected.version });
    assert.equal(again.status, 'pending');
    assert.equal(again.round, 2);
    assert.equal(again.current_step, 0);
    assert.equal(again.title, '申请样品（下月）');
    assert.deepEqual(again.payload, r.payload, 'the payload stays unless sent');
    assert.equal(again.steps[0].state, 'pending');
    assert.equal(again.due_on, await dueIn(2));
    assert.equal(again.can_withdraw, true);
    assert.equal(again.can_resubmit, false);
    assert.deepEqual(again.history.map((h) => [h.round, h.action]), [[1, 'submitted'], [1, 'rejected'], [2, 'resubmitted']]);
    assertProblem(await act(t.sales.client, r.id, 'resubmit', {}), 409, 'approval_not_pending');
    assert.deepEqual(await listed(t.head.client, 'assigned_to=me'), [r.id]);

    const approved = await acted(t.head.client, r.id, 'approve', { comment: '同意，注意控制数量。' });
    assert.equal(approved.status, 'approved');
    assert.equal(approved.current_step, null);
    assert.equal(approved.due_on, null);
    assert.equal(approved.steps[0].state, 'approved');
    assert.equal(typeof approved.decided_at, 'number');
    assert.ok(approved.decided_at >= again.updated_at);
    assert.equal(approved.can_decide, false);
    assert.deepEqual(approved.history.map((h) => [h.round, h.action]),
      [[1, 'submitted'], [1, 'rejected'], [2, 'resubmitted'], [2, 'approved']]);
    assert.equal(approved.history.at(-1).comment, '同意，注意控制数量。');
    assert.equal(approved.history.at(-1).step, 0);

    assertProblem(await act(t.head.client, r.id, 'approve', {}), 409, 'approval_not_pending');
    assertProblem(await act(t.head.client, r.id, 'reject', { comment: '反悔' }), 409, 'approval_not_pending');
    assertProblem(await act(t.sales.client, r.id, 'resubmit', {}), 409, 'approval_not_pending');
    assertProblem(await act(t.sales.client, r.id, 'withdraw', {}), 409, 'approval_not_pending');
    const final = await read(t.sales.client, r.id);
    assert.equal(final.status, 'approved');
    assert.equal(final.can_resubmit, false);
    assert.equal(final.version, approved.version);
    assert.deepEqual(await listed(t.head.client, 'decided_by=me'), [r.id]);
  });

  test('issue 5 point 1: a decision on a version that moved meanwhile is refused (409 version_conflict) and writes nothing', async () => {
    const t = await team('stale', '版本部');
    const r = await submitted(t.sales.client);
    const rejected = await acted(t.head.client, r.id, 'reject', { comment: '补充说明', version: r.version });
    const res = await t.sales.client.post(`/api/v1/approvals/${r.id}/resubmit`, {
      json: {}, headers: { 'If-Match': `"${rejected.version}"` } });
    assert.equal(res.status, 200, res.text);
    const pending = res.json;
    assertProblem(await act(t.head.client, r.id, 'approve', { version: r.version }), 409, 'version_conflict');
    assertProblem(await act(t.head.client, r.id, 'approve', {}, { 'If-Match': `"${rejected.version}"` }), 409, 'version_conflict');
    assertProblem(await act(t.head.client, r.id, 'reject', { comment: '旧版本', version: rejected.version }), 409, 'version_conflict');
    assertProblem(await act(t.sales.client, r.id, 'withdraw', { version: r.version }), 409, 'version_conflict');
    const now = await read(t.sales.client, r.id);
    assert.equal(now.status, 'pending');
    assert.equal(now.version, pending.version);
    assert.equal(now.history.length, 3);
    const approved = await acted(t.head.client, r.id, 'approve', { version: pending.version });
    assert.equal(approved.status, 'approved');
  });

  test('issue 5 point 1: the requester withdraws a pending request; nobody else may (403); then resubmits it', async () => {
    const t = await team('withdraw', '撤回部');
    const r = await submitted(t.sales.client);
    assertProblem(await act(t.head.client, r.id, 'withdraw', {}), 403, 'forbidden');
    const withdrawn = await acted(t.sales.client, r.id, 'withdraw', {});
    assert.equal(withdrawn.status, 'withdrawn');
    assert.equal(withdrawn.current_step, null);
    assert.equal(withdrawn.steps[0].state, 'withdrawn');
    assert.equal(withdrawn.due_on, null);
    assert.equal(withdrawn.can_withdraw, false);
    assert.equal(withdrawn.can_resubmit, true);
    assert.deepEqual(withdrawn.history.map((h) => h.action), ['submitted', 'withdrawn']);
    assertProblem(await act(t.sales.client, r.id, 'withdraw', {}), 409, 'approval_not_pending');
    // The manager never acted and no step is current: it is no longer theirs to see.
    assert.deepEqual(await listed(t.head.client, 'assigned_to=me'), []);
    assertProblem(await t.head.client.get(`/api/v1/approvals/${r.id}`), 404, 'not_found');
    assertProblem(await act(t.head.client, r.id, 'approve', {}), 404, 'not_found');

    const back = await acted(t.sales.client, r.id, 'resubmit', { payload: { content: '补充：对方已签意向书。' } });
    assert.equal(back.status, 'pending');
    assert.equal(back.round, 2);
    assert.deepEqual(back.payload, { content: '补充：对方已签意向书。' });
    assert.deepEqual(back.history.map((h) => h.action), ['submitted', 'withdrawn', 'resubmitted']);
    assert.deepEqual(await listed(t.head.client, 'assigned_to=me'), [r.id]);
    assert.equal((await read(t.head.client, r.id)).can_decide, true);
  });

  test('issue 5 point 1: a requester without a manager cannot submit to a manager step (422 approver_missing)', async () => {
    const unit = await createUnit(admin, unique('无上级部'), segment.id);
    const alone = await createUser(srv, admin, unique('appr.alone.'), { roles: ['salesperson'], unitId: unit.id });
    assertProblem(await submit(alone.client), 422, 'approver_missing');
    assert.deepEqual(await listed(alone.client, 'requested_by=me'), [], 'nothing was created');
  });

  test('issue 5 point 1: bad requests and actions are refused field by field, and nothing is created', async () => {
    const t = await team('invalid', '校验部');
    const c = t.sales.client;
    const content = { content: '内容' };
    assert.deepEqual(validationErrors(await submit(c, { type: 'discount_x' })), [['type', 'unknown_value']]);
    assert.deepEqual(validationErrors(await c.post('/api/v1/approvals', { json: { type: 'general', payload: content } })), [['title', 'required']]);
    assert.deepEqual(validationErrors(await submit(c, { title: '' })), [['title', 'required']]);
    assert.deepEqual(validationErrors(await submit(c, { title: '审'.repeat(101) })), [['title', 'too_long']]);
    assert.deepEqual(validationErrors(await submit(c, { payload: {} })), [['payload.content', 'required']]);
    assert.deepEqual(validationErrors(await submit(c, { payload: { content: '' } })), [['payload.content', 'required']]);
    assert.deepEqual(validationErrors(await submit(c, { payload: { content: '文'.repeat(2001) } })), [['payload.content', 'too_long']]);
    assert.deepEqual(await listed(c, 'requested_by=me'), []);
    // The longest ones are accepted (lengths count characters).
    const longest = await submitted(c, { title: '审'.repeat(100), payload: { content: '文'.repeat(2000) } });
    assert.equal(longest.title.length, 100);
    assert.deepEqual(await listed(c, 'requested_by=me'), [longest.id]);

    assert.deepEqual(validationErrors(await act(t.head.client, longest.id, 'approve', { comment: '批'.repeat(501) })), [['comment', 'too_long']]);
    assertProblem(await act(t.head.client, 'abc', 'approve', {}), 404, 'not_found');
    assertProblem(await t.head.client.post(`/api/v1/approvals/${longest.id}/approve`, { json: {}, csrf: false }), 403, 'csrf_failed');
    assertProblem(await c.post('/api/v1/approvals', { json: { type: 'general', title: 'x', payload: content }, csrf: false }), 403, 'csrf_failed');
    assertProblem(await new Client(srv.url).post('/api/v1/approvals', { json: { type: 'general', title: 'x', payload: content } }), 401, 'unauthenticated');
    assert.equal((await read(c, longest.id)).status, 'pending');
  });

  test('issue 5 point 1: lists take exactly one selector, filter by status, go newest first and page with a cursor', async () => {
    const t = await team('lists', '列表部');
    const c = t.sales.client;
    const first = await submitted(c, { title: '第一件' });
    const second = await submitted(c, { title: '第二件' });
    const third = await submitted(c, { title: '第三件' });

    const pages = [];
    let cursor = null;
    do {
      const res = await c.get(`/api/v1/approvals?requested_by=me&limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      assert.equal(res.status, 200, res.text);
      assert.ok(res.json.items.length <= 1);
      pages.push(...res.json.items.map((i) => i.id));
      cursor = res.json.next_cursor;
      if (pages.length < 3) assert.equal(typeof cursor, 'string', 'more pages to come');
    } while (cursor && pages.length < 10);
    assert.deepEqual(pages, [third.id, second.id, first.id], 'newest (highest id) first, one per page');

    await acted(t.head.client, first.id, 'approve', {});
    await acted(t.head.client, second.id, 'reject', { comment: '不同意' });
    assert.deepEqual(await listed(c, 'requested_by=me&status=approved'), [first.id]);
    assert.deepEqual(await listed(c, 'requested_by=me&status=rejected'), [second.id]);
    assert.deepEqual(await listed(c, 'requested_by=me&status=pending'), [third.id]);
    assert.deepEqual(await listed(c, 'requested_by=me&status=withdrawn'), []);
    assert.deepEqual(await listed(t.head.client, 'decided_by=me'), [second.id, first.id]);
    assert.deepEqual(await listed(t.head.client, 'decided_by=me&status=approved'), [first.id]);
    assert.deepEqual(await listed(t.head.client, 'assigned_to=me'), [third.id]);
    assert.deepEqual(await count(t.head.client), { assigned_to_me: 1, overdue: 0 });
    const page = await t.head.client.get('/api/v1/approvals?decided_by=me&limit=1');
    assert.equal(page.json.items.length, 1);
    assert.equal('history' in page.json.items[0], false);
    const next = await t.head.client.get(`/api/v1/approvals?decided_by=me&limit=1&cursor=${encodeURIComponent(page.json.next_cursor)}`);
    assert.deepEqual([next.json.items.map((i) => i.id), next.json.next_cursor], [[first.id], null]);

    const none = assertProblem(await c.get('/api/v1/approvals'), 422, 'validation_failed');
    assert.deepEqual(none.errors.map((e) => [e.field, e.code]), [['assigned_to', 'required']]);
    assertProblem(await c.get('/api/v1/approvals?assigned_to=me&requested_by=me'), 422, 'validation_failed');
    assertProblem(await c.get('/api/v1/approvals?requested_by=me&decided_by=me'), 422, 'validation_failed');
    const you = assertProblem(await c.get('/api/v1/approvals?assigned_to=you'), 422, 'validation_failed');
    assert.deepEqual(you.errors.map((e) => [e.field, e.code]), [['assigned_to', 'unknown_value']]);
    assertProblem(await c.get('/api/v1/approvals?requested_by=me&status=done'), 422, 'validation_failed');
    assertProblem(await c.get('/api/v1/approvals?requested_by=me&limit=0'), 422, 'validation_failed');
    assertProblem(await c.get('/api/v1/approvals?requested_by=me&limit=101'), 422, 'validation_failed');
    assertProblem(await c.get('/api/v1/approvals?requested_by=me&limit=abc'), 422, 'validation_failed');
    assertProblem(await c.get('/api/v1/approvals?requested_by=me&cursor=%7Bnot-a-cursor'), 422, 'validation_failed');
    const defaults = await c.get('/api/v1/approvals?requested_by=me');
    assert.equal(defaults.status, 200, defaults.text);
    assert.deepEqual(defaults.json.items.map((i) => i.id), [third.id, second.id, first.id], 'limit 20 by default');
  });

  test('issue 5 point 1: a request past its due date is overdue in the inbox, the count and the request (COL-3)', async () => {
    const t = await team('overdue', '超期部');
    const r = await submitted(t.sales.client);
    const due = r.due_on;
    assert.equal(r.overdue, false);
    // Nobody waits two working days in a test: move the stored due date into the past.
    const past = '2020-01-02';
    const steps = runSql(srv, `SELECT steps FROM approval_requests WHERE id = ${r.id}`).trim();
    assert.ok(steps.includes(due), `the copied steps hold the due date: ${steps}`);
    runSql(srv, `UPDATE approval_requests SET due_on = '${past}', steps = '${steps.replaceAll(due, past).replaceAll("'", "''")}' WHERE id = ${r.id}`);
    assert.deepEqual(await count(t.head.client), { assigned_to_me: 1, overdue: 1 });
    const seen = await read(t.head.client, r.id);
    assert.equal(seen.due_on, past);
    assert.equal(seen.overdue, true);
    assert.equal((await read(t.sales.client, r.id)).overdue, true, 'the requester sees it too');
    const [item] = (await t.head.client.get('/api/v1/approvals?assigned_to=me')).json.items;
    assert.deepEqual([item.id, item.overdue], [r.id, true]);
    const decided = await acted(t.head.client, r.id, 'approve', {});
    assert.equal(decided.overdue, false, 'no longer pending, no longer overdue');
    assert.deepEqual(await count(t.head.client), { assigned_to_me: 0, overdue: 0 });
  });

  test('issue 5 point 1: names and errors follow Accept-Language', async () => {
    const t = await team('english', '英文部');
    const r = await submitted(t.sales.client);
    const en = new Client(srv.url, { lang: 'en' });
    await en.mustLogin(t.head.user.username, USER_PASSWORD);
    const seen = (await en.get(`/api/v1/approvals/${r.id}`)).json;
    assert.equal(seen.type_name, 'General request');
    const listedEn = (await en.get('/api/v1/approvals?assigned_to=me')).json.items[0];
    assert.equal(listedEn.type_name, 'General request');
    assert.equal((await read(t.head.client, r.id)).type_name, '通用审批');
    assertProblem(await en.post(`/api/v1/approvals/${r.id}/reject`, { json: {} }), 422, 'validation_failed', { lang: 'en' });
    const enSales = new Client(srv.url, { lang: 'en' });
    await enSales.mustLogin(t.sales.user.username, USER_PASSWORD);
    assertProblem(await enSales.post(`/api/v1/approvals/${r.id}/approve`, { json: {} }), 403, 'self_approval', { lang: 'en' });
    assertProblem(await enSales.get('/api/v1/approvals/987654321'), 404, 'not_found', { lang: 'en' });
  });
});

describe('flows of several steps (issue 5 point 1, ADR 0016)', () => {
  test('issue 5 point 1: an administrator sets a flow of manager, role and user steps; each becomes current in turn, decided by its approvers only', async (t) => {
    t.after(() => setFlow(DEFAULT_STEPS));
    const a = await team('multi', '多级部');
    const b = await team('multib', '旁观部');
    const clerk = await createUser(srv, admin, 'appr.clerk', { roles: ['archive_clerk'], unitId: root.id, displayName: '档案员赵敏' });
    const before = await generalFlow();
    const steps = [
      { name: '部门经理审批', approver: 'manager', days: 1 },
      { name: '集团审批', approver: 'role', role_key: 'group_management', days: 3 },
      { name: '档案备案', approver: 'user', user_id: clerk.user.id, days: 0 },
    ];
    const res = await putFlow(steps, before.version);
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.type, 'general');
    assert.equal(res.json.customized, true);
    assert.equal(res.json.version, before.version + 1);
    assert.equal(typeof res.json.updated_at, 'number');
    assert.deepEqual(res.json.steps, steps.map(normalStep));
    assert.deepEqual((await generalFlow()).steps, steps.map(normalStep));

    const r = await submitted(a.sales.client);
    assert.deepEqual(r.steps.map((s) => [s.name, s.approver, s.role_key, s.days, s.state]), [
      ['部门经理审批', 'manager', null, 1, 'pending'],
      ['集团审批', 'role', 'group_management', 3, 'waiting'],
      ['档案备案', 'user', null, 0, 'waiting'],
    ]);
    assert.equal(r.steps[2].user_id, clerk.user.id);
    assert.deepEqual(r.steps.map((s) => s.approver_name), [a.head.user.display_name, roleNames.group_management, '档案员赵敏']);
    const due1 = await dueIn(1);
    assert.deepEqual(r.steps.map((s) => s.due_on), [due1, null, null], 'only the current step has a due date');
    assert.equal(r.due_on, due1);
    // Step 1 is the manager's: group management neither sees it nor has it in the inbox yet.
    assert.deepEqual(await listed(gm.client, 'assigned_to=me'), []);
    assertProblem(await gm.client.get(`/api/v1/approvals/${r.id}`), 404, 'not_found');
    assertProblem(await act(gm.client, r.id, 'approve', {}), 404, 'not_found');

    const one = await acted(a.head.client, r.id, 'approve', { comment: '部门同意' });
    assert.equal(one.status, 'pending');
    assert.equal(one.current_step, 1);
    const due3 = await dueIn(3);
    assert.deepEqual(one.steps.map((s) => s.state), ['approved', 'pending', 'waiting']);
    assert.deepEqual(one.steps.map((s) => s.due_on), [due1, due3, null], 'a reached step keeps its due date');
    assert.equal(one.due_on, due3);
    assert.equal(one.can_decide, false, 'the manager decided step 1, step 2 is not theirs');
    assert.deepEqual(await listed(gm.client, 'assigned_to=me'), [r.id]);
    assert.equal((await count(gm.client)).assigned_to_me, 1);
    assert.deepEqual(await listed(a.head.client, 'assigned_to=me'), [], 'a department head holds no group_management role');
    assert.deepEqual(await listed(b.head.client, 'assigned_to=me'), []);
    assert.deepEqual(await listed(clerk.client, 'assigned_to=me'), [], 'the user step is not current yet');
    assert.equal((await read(a.head.client, r.id)).can_decide, false, 'who acted still sees it');
    assertProblem(await act(a.head.client, r.id, 'approve', {}), 403, 'forbidden');
    assertProblem(await act(a.head.client, r.id, 'reject', { comment: '再议' }), 403, 'forbidden');
    assertProblem(await act(b.head.client, r.id, 'approve', {}), 404, 'not_found');

    const two = await acted(gm.client, r.id, 'approve', {});
    assert.equal(two.current_step, 2);
    assert.deepEqual(two.steps.map((s) => s.state), ['approved', 'approved', 'pending']);
    assert.equal(two.steps[2].due_on, null, 'days 0: no deadline');
    assert.equal(two.due_on, null);
    assert.equal(two.overdue, false);
    assert.deepEqual(await listed(gm.client, 'assigned_to=me'), []);
    assert.deepEqual(await listed(clerk.client, 'assigned_to=me'), [r.id]);

    const done = await acted(clerk.client, r.id, 'approve', { comment: '已备案' });
    assert.equal(done.status, 'approved');
    assert.equal(done.current_step, null);
    assert.deepEqual(done.steps.map((s) => s.state), ['approved', 'approved', 'approved']);
    assert.equal(typeof done.decided_at, 'number');
    assert.deepEqual(done.history.map((h) => [h.action, h.step, h.actor.id]), [
      ['submitted', done.history[0].step, a.sales.user.id],
      ['approved', 0, a.head.user.id],
      ['approved', 1, gm.user.id],
      ['approved', 2, clerk.user.id],
    ]);
    assert.deepEqual(done.history.slice(1).map((h) => h.step_name), ['部门经理审批', '集团审批', '档案备案']);
    for (const who of [a.head, gm, clerk]) assert.deepEqual(await listed(who.client, 'decided_by=me'), [r.id]);
  });

  test('issue 5 point 1: a role step is decided by holders of the role whose approval.decide scope covers the requester, never by the requester', async (t) => {
    t.after(() => setFlow(DEFAULT_STEPS));
    const a = await team('scopea', '范围甲部');
    const b = await team('scopeb', '范围乙部');
    const segHead = await createUser(srv, admin, unique('appr.seghead.'), {
      roles: ['department_head'], unitId: segment.id, displayName: '板块部门负责人' });
    const otherSegment = await createUnit(admin, unique('其他板块'), root.id, 'segment');
    const otherSegHead = await createUser(srv, admin, unique('appr.segheadx.'), { roles: ['segment_head'], unitId: otherSegment.id });
    await setFlow([{ name: '部门负责人审批', approver: 'role', role_key: 'department_head', days: 2 }]);

    const r = await submitted(a.sales.client);
    assert.equal(r.steps[0].approver_name, roleNames.department_head);
    assert.deepEqual(await listed(a.head.client, 'assigned_to=me'), [r.id], 'the head of the requester\'s department');
    assert.deepEqual(await listed(segHead.client, 'assigned_to=me'), [r.id], 'a department head above it (unit and below)');
    assert.deepEqual(await listed(b.head.client, 'assigned_to=me'), [], 'not the head of a sibling department');
    assertProblem(await b.head.client.get(`/api/v1/approvals/${r.id}`), 404, 'not_found');
    assertProblem(await act(b.head.client, r.id, 'approve', {}), 404, 'not_found');
    assert.deepEqual(await listed(gm.client, 'assigned_to=me'), [], 'group management holds approval.decide, but not the role');
    assert.deepEqual(await listed(otherSegHead.client, 'assigned_to=me'), []);
    assert.equal((await read(segHead.client, r.id)).can_decide, true);

    // Without a manager, a flow with no manager step still works.
    const alone = await createUser(srv, admin, unique('appr.noboss.'), { roles: ['salesperson'], unitId: a.unit.id });
    const lone = await submitted(alone.client);
    assert.ok((await listed(a.head.client, 'assigned_to=me')).includes(lone.id));

    // A department head's own request goes to another holder whose scope covers them.
    const own = await submitted(a.head.client);
    assert.ok(!(await listed(a.head.client, 'assigned_to=me')).includes(own.id), 'not in the requester\'s own inbox');
    assert.equal((await read(a.head.client, own.id)).can_decide, false);
    assertProblem(await act(a.head.client, own.id, 'approve', {}), 403, 'self_approval');
    assert.ok((await listed(segHead.client, 'assigned_to=me')).includes(own.id));
    const decided = await acted(segHead.client, own.id, 'approve', {});
    assert.equal(decided.status, 'approved');

    const byHead = await acted(a.head.client, r.id, 'approve', {});
    assert.equal(byHead.status, 'approved');
    assert.ok(!(await listed(segHead.client, 'assigned_to=me')).includes(r.id));
  });

  test('issue 5 point 1: editing a flow leaves requests already submitted as they are; a resubmission takes the flow in force', async (t) => {
    t.after(() => setFlow(DEFAULT_STEPS));
    const a = await team('snap', '快照部');
    await setFlow(DEFAULT_STEPS);
    const kept = await submitted(a.sales.client, { title: '按旧流程' });
    const redo = await submitted(a.sales.client, { title: '驳回后重提' });
    await acted(a.head.client, redo.id, 'reject', { comment: '请补充' });
    await setFlow([
      { name: '直属上级审批', approver: 'manager', days: 2 },
      { name: '集团终审', approver: 'role', role_key: 'group_management', days: 5 },
    ]);
    const still = await read(a.sales.client, kept.id);
    assert.deepEqual(still.steps.map((s) => s.name), ['直属上级审批'], 'the steps copied at submission');
    const approved = await acted(a.head.client, kept.id, 'approve', {});
    assert.equal(approved.status, 'approved', 'the old flow had one step');
    assert.ok(!(await listed(gm.client, 'assigned_to=me')).includes(kept.id));

    const resubmitted = await acted(a.sales.client, redo.id, 'resubmit', {});
    assert.deepEqual(resubmitted.steps.map((s) => [s.name, s.state]), [['直属上级审批', 'pending'], ['集团终审', 'waiting']]);
    const fresh = await submitted(a.sales.client, { title: '按新流程' });
    assert.equal(fresh.steps.length, 2);
  });

  test('issue 5 point 1: flow changes are checked step by step; a missing or stale version and an unknown type change nothing', async (t) => {
    t.after(() => setFlow(DEFAULT_STEPS));
    const before = await generalFlow();
    const step = { name: '审批', approver: 'manager', days: 2 };
    const cases = [
      [{ name: '' }, 'steps[0].name', 'required'],
      [{ name: '名'.repeat(31) }, 'steps[0].name', 'too_long'],
      [{ approver: 'boss' }, 'steps[0].approver', 'unknown_value'],
      [{ approver: 'role' }, 'steps[0].role_key', 'required'],
      [{ approver: 'role', role_key: 'emperor' }, 'steps[0].role_key', 'unknown_value'],
      [{ approver: 'user' }, 'steps[0].user_id', 'required'],
      [{ approver: 'user', user_id: 987654321 }, 'steps[0].user_id', 'unknown_value'],
      [{ days: 61 }, 'steps[0].days', 'out_of_range'],
      [{ days: -1 }, 'steps[0].days', 'out_of_range'],
    ];
    const failures = [];
    for (const [change, field, code] of cases) {
      const res = await putFlow([{ ...step, ...change }], before.version);
      const got = res.json?.errors?.map((e) => [e.field, e.code]);
      if (res.status !== 422 || res.json?.code !== 'validation_failed' || JSON.stringify(got) !== JSON.stringify([[field, code]])) {
        failures.push(`${JSON.stringify(change)}: want 422 ${field} ${code}, got ${res.status} ${res.text.slice(0, 200)}`);
      }
    }
    assert.deepEqual(failures, []);
    // Every bad step is named at once.
    const both = await putFlow([step, { ...step, days: 61 }, { ...step, approver: 'role', role_key: 'emperor' }], before.version);
    assert.deepEqual(validationErrors(both), [['steps[1].days', 'out_of_range'], ['steps[2].role_key', 'unknown_value']]);
    assert.deepEqual(validationErrors(await putFlow([], before.version)), [['steps', 'out_of_range']]);
    assert.deepEqual(validationErrors(await putFlow(Array.from({ length: 11 }, () => step), before.version)), [['steps', 'out_of_range']]);

    assertProblem(await putFlow([step]), 428, 'version_required');
    assertProblem(await putFlow([step], before.version + 7), 409, 'version_conflict');
    assertProblem(await admin.request('PUT', '/api/v1/approval-flows/no_such_type', {
      json: { steps: [step] }, headers: { 'If-Match': '"1"' } }), 404, 'not_found');
    assertProblem(await admin.request('PUT', '/api/v1/approval-flows/general', {
      json: { steps: [step] }, headers: { 'If-Match': `"${before.version}"` }, csrf: false }), 403, 'csrf_failed');
    const unchanged = await generalFlow();
    assert.equal(unchanged.version, before.version);
    assert.deepEqual(unchanged.steps, before.steps);

    // The limits themselves are accepted: 10 steps, 30-character names, 60 days.
    const widest = Array.from({ length: 10 }, (_, i) => ({ name: `${i}`.padEnd(30, '审'), approver: 'manager', days: i === 0 ? 60 : 0 }));
    const res = await putFlow(widest, before.version);
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.json.steps, widest.map(normalStep));
    assertProblem(await putFlow(DEFAULT_STEPS, before.version), 409, 'version_conflict');
  });
});

describe('audit (issue 5 point 1, ADR 0016)', () => {
  test('issue 5 point 1: submissions, decisions and flow changes are in the audit log', async () => {
    const res = await auditor.client.get(`/api/v1/audit/events?target=approval:${audited.id}`);
    assert.equal(res.status, 200, res.text);
    // The request that was submitted, rejected, resubmitted and approved above (newest first).
    assert.deepEqual(res.json.items.map((e) => [e.action, e.actor_id]), [
      ['approval.approved', audited.manager],
      ['approval.resubmitted', audited.requester],
      ['approval.rejected', audited.manager],
      ['approval.submitted', audited.requester],
    ]);
    const flows = await auditor.client.get('/api/v1/audit/events?target=approval_flow:general');
    assert.equal(flows.status, 200, flows.text);
    assert.ok(flows.json.items.length >= 1, `flow changes are audited: ${flows.text.slice(0, 300)}`);
    assert.ok(flows.json.items.every((e) => e.detail?.before && e.detail?.after), 'with the steps before and after');
  });
});

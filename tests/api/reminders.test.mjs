// My reminders (CUS-16): custom reminders, repeating ones, and the due list
// with the birthdays of customers and contacts whose switch is on; daily
// notes 日常记事 (CUS-15). Both are private to their user. Runs on SQLite and
// PostgreSQL.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { adminClient, assertProblem, createUser, rootUnit } from './lib.mjs';

let srv;
let admin;
const u = {};

const DAY = 86_400_000;
// A business date (Asia/Shanghai) `offset` days from today as YYYY-MM-DD.
const shanghaiDate = (offset = 0) => new Date(Date.now() + 8 * 3600e3 + offset * DAY).toISOString().slice(0, 10);
// A birthday in 1985 on the month-day `offset` days from today.
const birthdayIn = (offset) => `1985-${shanghaiDate(offset).slice(5)}`;
const patch = (client, path, json, version) => client.request('PATCH', path, { json, headers: { 'If-Match': `"${version}"` } });

before(async () => {
  srv = await startServer();
  admin = await adminClient(srv);
  const root = await rootUnit(admin);
  u.sales = await createUser(srv, admin, 'r.sales', { roles: ['salesperson'], unitId: root.id });
  u.other = await createUser(srv, admin, 'r.other', { roles: ['salesperson'], unitId: root.id });
  u.head = await createUser(srv, admin, 'r.head', { roles: ['group_management'], unitId: root.id });
  u.auditor = await createUser(srv, admin, 'r.auditor', { roles: ['auditor'], unitId: root.id });
});
after(async () => { if (srv) await srv.stop(); });

describe('reminders (CUS-16)', () => {
  test('are created, listed soonest first, changed with the version and removed; others cannot see them', async () => {
    const customer = (await u.sales.client.post('/api/v1/customers', { json: { kind: 'organization', name: '提醒客户公司' } })).json;
    const later = await u.sales.client.post('/api/v1/reminders', { json: { title: '寄合同', remind_at: Date.now() + 3 * DAY } });
    assert.equal(later.status, 201, later.text);
    const sooner = await u.sales.client.post('/api/v1/reminders', { json: { title: '回访', note: '问问报价', remind_at: Date.now() + DAY, customer_id: customer.id } });
    assert.equal(sooner.status, 201, sooner.text);
    assert.equal(sooner.headers.get('etag'), '"1"');
    assert.deepEqual(sooner.json.customer, { id: customer.id, code: customer.code, name: '提醒客户公司' });
    assert.equal(sooner.json.repeat, 'none');
    assert.equal(sooner.json.done, false);

    const list = (await u.sales.client.get('/api/v1/reminders')).json;
    assert.deepEqual(list.items.map((r) => r.title), ['回访', '寄合同']);
    assert.deepEqual((await u.other.client.get('/api/v1/reminders')).json.items, []);
    assertProblem(await patch(u.other.client, `/api/v1/reminders/${sooner.json.id}`, { title: 'x' }, 1), 404, 'not_found');

    const moved = await patch(u.sales.client, `/api/v1/reminders/${sooner.json.id}`, { remind_at: Date.now() + 5 * DAY }, 1);
    assert.equal(moved.status, 200, moved.text);
    assert.equal(moved.json.version, 2);
    const stale = assertProblem(await patch(u.sales.client, `/api/v1/reminders/${sooner.json.id}`, { title: '旧' }, 1), 409, 'version_conflict');
    assert.equal(stale.current.version, 2);
    assert.deepEqual((await u.sales.client.get('/api/v1/reminders')).json.items.map((r) => r.title), ['寄合同', '回访']);

    assertProblem(await u.sales.client.request('DELETE', `/api/v1/reminders/${later.json.id}`, { headers: { 'If-Match': '"9"' } }), 409, 'version_conflict');
    assert.equal((await u.sales.client.request('DELETE', `/api/v1/reminders/${later.json.id}`, { headers: { 'If-Match': '"1"' } })).status, 204);
    assert.deepEqual((await u.sales.client.get('/api/v1/reminders')).json.items.map((r) => r.title), ['回访']);
  });

  test('bad input is refused field by field; a customer out of scope is unknown', async () => {
    const theirs = (await u.other.client.post('/api/v1/customers', { json: { kind: 'organization', name: '别人的客户' } })).json;
    const res = assertProblem(await u.sales.client.post('/api/v1/reminders', { json: {
      note: 'x'.repeat(2001), remind_at: 'tomorrow', repeat: 'hourly', customer_id: theirs.id, colour: 'red' } }), 422, 'validation_failed');
    assert.deepEqual(res.errors.map((e) => [e.field, e.code]).sort(), [
      ['colour', 'unknown_field'], ['customer_id', 'unknown_value'], ['note', 'too_long'], ['remind_at', 'must_be_integer'],
      ['repeat', 'unknown_value'], ['title', 'required']].sort());
    assert.ok(res.errors.every((e) => e.message), 'every error has a readable message');
    assertProblem(await u.sales.client.get('/api/v1/reminders?status=later'), 422, 'validation_failed');
    assertProblem(await u.sales.client.get('/api/v1/reminders?cursor=abc'), 422, 'validation_failed');
    // A reminder about a customer that later leaves one's scope no longer names it.
    const mine = (await u.sales.client.post('/api/v1/customers', { json: { kind: 'organization', name: '将移交的客户' } })).json;
    const reminder = (await u.sales.client.post('/api/v1/reminders', { json: { title: '跟进', remind_at: Date.now() + DAY, customer_id: mine.id } })).json;
    const moved = await patch(u.head.client, `/api/v1/customers/${mine.id}`, { owner_id: u.other.user.id }, mine.version);
    assert.equal(moved.status, 200, moved.text);
    const after = (await u.sales.client.get('/api/v1/reminders')).json.items.find((r) => r.id === reminder.id);
    assert.equal(after.customer, null);
  });

  test('done: a one-off one leaves the open list; a repeating one comes back at its next time', async () => {
    const once = (await u.head.client.post('/api/v1/reminders', { json: { title: '一次性', remind_at: Date.now() - 1000 } })).json;
    const weekly = (await u.head.client.post('/api/v1/reminders', { json: { title: '周报', remind_at: Date.now() - 1000, repeat: 'weekly' } })).json;
    assert.equal(once.overdue, true);
    const doneOnce = await patch(u.head.client, `/api/v1/reminders/${once.id}`, { done: true }, 1);
    assert.equal(doneOnce.status, 200, doneOnce.text);
    assert.equal(doneOnce.json.done, true);
    assert.ok(doneOnce.json.done_at > 0);
    const doneWeekly = (await patch(u.head.client, `/api/v1/reminders/${weekly.id}`, { done: true }, 1)).json;
    assert.equal(doneWeekly.done, false);
    assert.equal(doneWeekly.remind_at, weekly.remind_at + 7 * DAY, 'one week on');
    assert.equal(doneWeekly.overdue, false);
    const open = (await u.head.client.get('/api/v1/reminders')).json.items.map((r) => r.title);
    assert.deepEqual(open, ['周报']);
    const done = (await u.head.client.get('/api/v1/reminders?status=done')).json.items.map((r) => r.title);
    assert.deepEqual(done, ['一次性']);
    const reopened = await patch(u.head.client, `/api/v1/reminders/${once.id}`, { done: false }, 2);
    assert.equal(reopened.json.done, false);
  });

  test('a monthly reminder on the 31st comes back on the 31st after a shorter month; an unchanged PATCH keeps the version', async () => {
    const from = Date.UTC(2026, 0, 31, 1, 0);  // 31 January 2026, 09:00 in Shanghai
    // The n-th month after `from` on its day, or the month's last day (Asia/Shanghai).
    const monthsOn = (n) => {
      const local = new Date(from + 8 * 3600e3);
      const last = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + n + 1, 0)).getUTCDate();
      return Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + n, Math.min(local.getUTCDate(), last), 1, 0);
    };
    let n = 1;
    while (monthsOn(n) <= Date.now()) n += 1;
    const created = (await u.head.client.post('/api/v1/reminders', { json: { title: '月末对账', remind_at: from, repeat: 'monthly' } })).json;
    const first = (await patch(u.head.client, `/api/v1/reminders/${created.id}`, { done: true }, 1)).json;
    assert.equal(first.remind_at, monthsOn(n));
    const second = (await patch(u.head.client, `/api/v1/reminders/${created.id}`, { done: true }, 2)).json;
    assert.equal(second.remind_at, monthsOn(n + 1));
    const third = (await patch(u.head.client, `/api/v1/reminders/${created.id}`, { done: true }, 3)).json;
    assert.equal(third.remind_at, monthsOn(n + 2));
    assert.ok([monthsOn(n), monthsOn(n + 1), monthsOn(n + 2)].some((t) => new Date(t + 8 * 3600e3).getUTCDate() === 31), 'a 31st among them');
    const same = await patch(u.head.client, `/api/v1/reminders/${created.id}`, { title: '月末对账' }, 4);
    assert.equal(same.json.version, 4, 'nothing changed, nothing written');
    await patch(u.head.client, `/api/v1/reminders/${created.id}`, { done: false }, 4);
    assert.equal((await u.head.client.request('DELETE', `/api/v1/reminders/${created.id}`, { headers: { 'If-Match': '"4"' } })).status, 204);
  });

  test('pages with a cursor', async () => {
    const base = Date.now() + 30 * DAY;
    for (let i = 0; i < 5; i += 1) {
      await u.auditor.client.post('/api/v1/reminders', { json: { title: `第${i}`, remind_at: base + i * 1000 } });
    }
    const first = (await u.auditor.client.get('/api/v1/reminders?limit=2')).json;
    assert.deepEqual(first.items.map((r) => r.title), ['第0', '第1']);
    const second = (await u.auditor.client.get(`/api/v1/reminders?limit=2&cursor=${encodeURIComponent(first.next_cursor)}`)).json;
    assert.deepEqual(second.items.map((r) => r.title), ['第2', '第3']);
    const third = (await u.auditor.client.get(`/api/v1/reminders?limit=2&cursor=${encodeURIComponent(second.next_cursor)}`)).json;
    assert.deepEqual([third.items.map((r) => r.title), third.next_cursor], [['第4'], null]);
  });

  test('the due list has due reminders and the birthdays in the window of customers and contacts with the switch on', async () => {
    const c = u.sales.client;
    const person = async (name, birthday, on) => (await c.post('/api/v1/customers', { json: { kind: 'individual', name, birthday, birthday_reminder: on } })).json;
    await person('后天生日', birthdayIn(2), true);
    await person('今天生日', birthdayIn(0), true);
    await person('没开提醒', birthdayIn(1), false);
    await person('太远了', birthdayIn(20), true);
    const org = (await c.post('/api/v1/customers', { json: { kind: 'organization', name: '联系人生日公司' } })).json;
    const contact = (await c.post(`/api/v1/customers/${org.id}/contacts`, { json: { name: '赵经理', birthday: birthdayIn(3), birthday_reminder: true } })).json;
    await c.post(`/api/v1/customers/${org.id}/contacts`, { json: { name: '钱经理', birthday: birthdayIn(3), birthday_reminder: false } });
    const gone = await person('已注销生日', birthdayIn(1), true);
    const dereg = await c.post(`/api/v1/customers/${gone.id}/deregister`, { json: { reason: '测试' }, headers: { 'If-Match': `"${gone.version}"` } });
    assert.equal(dereg.status, 403, 'a salesperson may not deregister; the group head does it below');
    assert.equal((await u.head.client.post(`/api/v1/customers/${gone.id}/deregister`, { json: { reason: '测试' }, headers: { 'If-Match': `"${gone.version}"` } })).status, 200);

    const due = (await c.get('/api/v1/reminders/due?days=7')).json;
    assert.equal(due.today, shanghaiDate(0));
    const birthdays = due.items.filter((i) => i.type === 'birthday').map((i) => [i.customer.name, i.contact?.name ?? null, i.date, i.days_until]);
    assert.deepEqual(birthdays, [
      ['今天生日', null, shanghaiDate(0), 0],
      ['后天生日', null, shanghaiDate(2), 2],
      ['联系人生日公司', '赵经理', shanghaiDate(3), 3],
    ]);
    assert.equal(contact.birthday_reminder, true);
    // The open reminders within the week, soonest first (寄合同 was removed).
    assert.deepEqual(due.items.filter((i) => i.type === 'reminder').map((i) => i.title), ['跟进', '回访']);
    assert.equal(due.count, due.items.length);
    const narrow = (await c.get('/api/v1/reminders/due?days=0')).json.items.map((i) => i.customer?.name ?? i.title);
    assert.deepEqual(narrow, ['今天生日']);
    // Someone else sees none of these birthdays, even with a wider scope.
    assert.deepEqual((await u.head.client.get('/api/v1/reminders/due')).json.items.filter((i) => i.type === 'birthday'), []);
    assertProblem(await c.get('/api/v1/reminders/due?days=61'), 422, 'validation_failed');
  });
});

describe('daily notes (CUS-15)', () => {
  test('are written for a day, listed newest day first, searched, edited with the version and deleted; private', async () => {
    const c = u.sales.client;
    const today = await c.post('/api/v1/daily-notes', { json: { content: '拜访了三家客户' } });
    assert.equal(today.status, 201, today.text);
    assert.equal(today.json.note_date, shanghaiDate(0));
    const older = (await c.post('/api/v1/daily-notes', { json: { note_date: '2026-01-02', content: '年初计划：重点跟进华东区' } })).json;
    assert.deepEqual((await c.get('/api/v1/daily-notes')).json.items.map((n) => n.note_date), [shanghaiDate(0), '2026-01-02']);
    assert.deepEqual((await c.get(`/api/v1/daily-notes?q=${encodeURIComponent('华东')}`)).json.items.map((n) => n.id), [older.id]);
    const english = (await c.post('/api/v1/daily-notes', { json: { note_date: '2026-01-03', content: 'Call ACME about the CRM demo' } })).json;
    assert.deepEqual((await c.get('/api/v1/daily-notes?q=acme')).json.items.map((n) => n.id), [english.id], 'either case, on both engines');
    assert.equal((await c.request('DELETE', `/api/v1/daily-notes/${english.id}`, { headers: { 'If-Match': '"1"' } })).status, 204);
    assert.deepEqual((await c.get('/api/v1/daily-notes?from=2026-01-01&to=2026-01-31')).json.items.map((n) => n.id), [older.id]);
    const page = (await c.get('/api/v1/daily-notes?limit=1')).json;
    assert.equal(page.items.length, 1);
    assert.deepEqual((await c.get(`/api/v1/daily-notes?limit=1&cursor=${encodeURIComponent(page.next_cursor)}`)).json.items.map((n) => n.id), [older.id]);

    assert.deepEqual((await u.other.client.get('/api/v1/daily-notes')).json.items, []);
    assertProblem(await patch(u.other.client, `/api/v1/daily-notes/${older.id}`, { content: 'x' }, 1), 404, 'not_found');
    const edited = await patch(c, `/api/v1/daily-notes/${older.id}`, { content: '年初计划：重点跟进华南区' }, 1);
    assert.equal(edited.status, 200, edited.text);
    assert.equal(edited.headers.get('etag'), '"2"');
    assertProblem(await patch(c, `/api/v1/daily-notes/${older.id}`, { content: 'y' }, 1), 409, 'version_conflict');
    assert.equal((await c.request('DELETE', `/api/v1/daily-notes/${older.id}`, { headers: { 'If-Match': '"2"' } })).status, 204);
    assert.deepEqual((await c.get('/api/v1/daily-notes')).json.items.map((n) => n.id), [today.json.id]);
  });

  test('bad input is refused with field errors', async () => {
    const res = assertProblem(await u.sales.client.post('/api/v1/daily-notes', { json: { note_date: '2026-02-30', content: '  ' } }), 422, 'validation_failed');
    assert.deepEqual(res.errors.map((e) => [e.field, e.code]).sort(), [['content', 'required'], ['note_date', 'invalid_date']]);
    assertProblem(await u.sales.client.post('/api/v1/daily-notes', { json: { content: 'x'.repeat(5001) } }), 422, 'validation_failed');
    assertProblem(await u.sales.client.get('/api/v1/daily-notes?from=yesterday'), 422, 'validation_failed');
  });
});

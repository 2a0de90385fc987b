// The working-day calendar (issue 5 point 1, ADR 0016): Monday to Friday
// unless a listed day says otherwise; the State Council holidays and make-up
// workdays (holiday-cn) seeded once per year; administrators (settings.manage)
// list and unlist days; deadlines in working days (COL-3: "within 2 working
// days"). Runs on SQLite and PostgreSQL.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer } from '../lib/server.mjs';
import {
  ADMIN_PASSWORD, Client, adminClient, assertProblem, binary, createUser, engine, repoRoot, rootUnit,
} from './lib.mjs';

let srv;
let restarted = null; // the second process on the same data, once the restart test ran
let url;
let admin;
let sales;
let auditor;

before(async () => {
  srv = await startServer();
  url = srv.url;
  admin = await adminClient(srv);
  const root = await rootUnit(admin);
  sales = await createUser(srv, admin, 'cal.sales', { roles: ['salesperson'], unitId: root.id });
  auditor = await createUser(srv, admin, 'cal.auditor', { roles: ['auditor'], unitId: root.id });
});
after(async () => {
  if (restarted) await restarted.stop();
  if (srv) await srv.stop(); // removes the data directory
});

/**
 * Stops `server`'s process (keeping its data directory and database) and
 * starts the binary again on the same data; resolves to {url, stop}.
 */
async function restartOnSameData(server) {
  server.proc.kill('SIGTERM');
  await new Promise((resolve) => (server.proc.exitCode !== null ? resolve() : server.proc.once('exit', resolve)));
  const env = { ...process.env, GUANXI_ADMIN_PASSWORD: ADMIN_PASSWORD, GUANXI_WEB_DIR: join(repoRoot, 'web', 'dist') };
  delete env.GUANXI_DATABASE_URL;
  if (engine() === 'postgres') env.GUANXI_DATABASE_URL = server.databaseUrl;
  const proc = spawn(binary, ['serve', '--listen', '127.0.0.1:0', '--data-dir', server.dataDir], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise((resolve) => proc.once('exit', resolve));
  const logs = [];
  const address = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`restart did not listen:\n${logs.join('\n')}`)), 20000);
    let buf = '';
    const onData = (chunk) => {
      buf += chunk.toString();
      let i;
      while ((i = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        logs.push(line);
        const m = line.match(/"msg":"listening","address":"([^"]+)"/);
        if (m) { clearTimeout(timer); resolve(`http://${m[1]}`); }
      }
    };
    proc.stdout.on('data', onData);
    proc.stderr.on('data', onData);
    proc.once('exit', () => { clearTimeout(timer); reject(new Error(`restart exited:\n${logs.join('\n')}`)); });
  });
  return {
    url: address,
    async stop() {
      if (proc.exitCode === null) proc.kill('SIGTERM');
      await exited;
    },
  };
}

// The 2025 file the server seeds from, as the API lists it.
const seeded2025 = JSON.parse(readFileSync(join(repoRoot, 'resources', 'holiday-cn', '2025.json'), 'utf8')).days
  .map((d) => ({ date: d.date, is_workday: !d.isOffDay, name: d.name }))
  .sort((a, b) => a.date.localeCompare(b.date));

async function year(client, y) {
  const res = await client.get(`/api/v1/calendar?year=${y}`);
  assert.equal(res.status, 200, res.text);
  return res.json;
}
async function due(client, from, days) {
  const res = await client.get(`/api/v1/calendar/due?from=${from}&days=${days}`);
  assert.equal(res.status, 200, res.text);
  assert.equal(res.json.from, from);
  assert.equal(res.json.days, days);
  return res.json.due_on;
}
const putDay = (client, date, json, opts = {}) => client.request('PUT', `/api/v1/calendar/days/${date}`, { json, ...opts });
const deleteDay = (client, date, opts = {}) => client.request('DELETE', `/api/v1/calendar/days/${date}`, opts);
const validationErrors = (res) => assertProblem(res, 422, 'validation_failed').errors.map((e) => [e.field, e.code]).sort();

describe('working-day calendar (issue 5 point 1, ADR 0016)', () => {
  test('issue 5 point 1: every signed-in user reads a year: the seeded 春节 days off and make-up workdays, by date', async () => {
    const cal = await year(sales.client, 2025);
    assert.equal(cal.year, 2025);
    const spring = cal.days.filter((d) => d.date >= '2025-01-26' && d.date <= '2025-02-08');
    assert.deepEqual(spring, [
      { date: '2025-01-26', is_workday: true, name: '春节' },
      ...['01-28', '01-29', '01-30', '01-31', '02-01', '02-02', '02-03', '02-04']
        .map((md) => ({ date: `2025-${md}`, is_workday: false, name: '春节' })),
      { date: '2025-02-08', is_workday: true, name: '春节' },
    ]);
    assert.deepEqual(cal.days, seeded2025, 'exactly the days of the State Council notice, by date');
    const thisYear = Number(new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 4));
    const current = await sales.client.get('/api/v1/calendar');
    assert.equal(current.status, 200, current.text);
    assert.equal(current.json.year, thisYear, 'the current year (Asia/Shanghai) by default');
    assert.deepEqual((await year(sales.client, 2100)).days, [], 'a year nobody listed: the weekday rule only');
    assert.equal((await year(sales.client, 2000)).year, 2000);
    assertProblem(await new Client(url).get('/api/v1/calendar?year=2025'), 401, 'unauthenticated');
  });

  test('COL-3: deadlines count working days on the seeded calendar (holiday-cn 2025 vectors)', async () => {
    const c = sales.client;
    assert.equal(await due(c, '2025-01-24', 1), '2025-01-26', 'Friday + 1: the make-up Sunday');
    assert.equal(await due(c, '2025-01-24', 2), '2025-01-27');
    assert.equal(await due(c, '2025-01-24', 3), '2025-02-05', 'over the Spring Festival');
    assert.equal(await due(c, '2025-02-07', 1), '2025-02-08', 'Friday + 1: the make-up Saturday');
    assert.equal(await due(c, '2025-02-07', 2), '2025-02-10');
    assert.equal(await due(c, '2025-03-07', 2), '2025-03-11', 'an ordinary weekend');
    assert.equal(await due(c, '2025-09-30', 1), '2025-10-09', 'over the National Day holiday');
    assert.equal(typeof await due(c, '2025-01-24', 365), 'string', 'up to 365 days');
  });

  test('COL-3: bad deadline questions are refused naming the parameter', async () => {
    const c = sales.client;
    assert.deepEqual(validationErrors(await c.get('/api/v1/calendar/due?from=2025-02-30&days=2')), [['from', 'invalid_date']]);
    assert.deepEqual(validationErrors(await c.get('/api/v1/calendar/due?from=tomorrow&days=2')), [['from', 'invalid_date']]);
    assert.deepEqual(validationErrors(await c.get('/api/v1/calendar/due?from=2025-01-24&days=366')), [['days', 'out_of_range']]);
    assert.deepEqual(validationErrors(await c.get('/api/v1/calendar/due?from=2025-01-24&days=-1')), [['days', 'out_of_range']]);
    assertProblem(await c.get('/api/v1/calendar/due?from=2025-01-24&days=two'), 422, 'validation_failed');
    assertProblem(await c.get('/api/v1/calendar?year=1999'), 422, 'validation_failed');
    assertProblem(await c.get('/api/v1/calendar?year=2101'), 422, 'validation_failed');
    assertProblem(await c.get('/api/v1/calendar?year=abc'), 422, 'validation_failed');
    assertProblem(await new Client(url).get('/api/v1/calendar/due?from=2025-01-24&days=2'), 401, 'unauthenticated');
  });

  test('issue 5 point 1: an administrator lists a new day off; deadlines follow at once; unlisting it reverts them (COL-3)', async () => {
    const listed = await putDay(admin, '2025-02-05', { is_workday: false, name: '公司年会' });
    assert.equal(listed.status, 200, listed.text);
    assert.deepEqual(listed.json, { date: '2025-02-05', is_workday: false, name: '公司年会' });
    assert.equal(await due(sales.client, '2025-01-24', 3), '2025-02-06', 'the new day off is skipped');
    assert.ok((await year(sales.client, 2025)).days.some((d) => d.date === '2025-02-05' && !d.is_workday && d.name === '公司年会'));

    // Changing a listed day: the make-up Sunday becomes a day off again.
    const changed = await putDay(admin, '2025-01-26', { is_workday: false, name: '春节（调整）' });
    assert.equal(changed.status, 200, changed.text);
    assert.equal(await due(sales.client, '2025-01-24', 1), '2025-01-27');
    const back = await putDay(admin, '2025-01-26', { is_workday: true, name: '春节' });
    assert.equal(back.status, 200, back.text);
    assert.equal(await due(sales.client, '2025-01-24', 1), '2025-01-26');

    // A Saturday listed as a workday counts.
    const saturday = await putDay(admin, '2025-03-08', { is_workday: true, name: '盘点加班' });
    assert.equal(saturday.status, 200, saturday.text);
    assert.equal(await due(sales.client, '2025-03-07', 1), '2025-03-08');

    const removed = await deleteDay(admin, '2025-02-05');
    assert.equal(removed.status, 204, removed.text);
    assert.equal(removed.text, '');
    assert.equal(await due(sales.client, '2025-01-24', 3), '2025-02-05');
    assert.equal((await deleteDay(admin, '2025-03-08')).status, 204);
    assert.equal(await due(sales.client, '2025-03-07', 1), '2025-03-10');
    assert.deepEqual((await year(sales.client, 2025)).days, seeded2025, 'back to the seeded days');
    assertProblem(await deleteDay(admin, '2025-02-05'), 404, 'not_found');
    assertProblem(await deleteDay(admin, '2025-03-03'), 404, 'not_found'); // an ordinary Monday is not listed
  });

  test('issue 5 point 1: listing and unlisting days needs settings.manage; bad days are refused', async () => {
    assertProblem(await putDay(sales.client, '2025-02-05', { is_workday: false, name: '擅自放假' }), 403, 'forbidden');
    assertProblem(await deleteDay(sales.client, '2025-01-28'), 403, 'forbidden');
    assertProblem(await putDay(auditor.client, '2025-02-05', { is_workday: false, name: 'x' }), 403, 'forbidden');
    assertProblem(await putDay(admin, '2025-02-05', { is_workday: false, name: 'x' }, { csrf: false }), 403, 'csrf_failed');
    assertProblem(await new Client(url).request('DELETE', '/api/v1/calendar/days/2025-01-28'), 401, 'unauthenticated');
    assert.equal(await due(sales.client, '2025-01-24', 3), '2025-02-05', 'nothing changed');

    assert.deepEqual(validationErrors(await putDay(admin, '2025-02-05', { is_workday: false, name: '节'.repeat(21) })), [['name', 'too_long']]);
    const twenty = await putDay(admin, '2025-02-05', { is_workday: false, name: '节'.repeat(20) });
    assert.equal(twenty.status, 200, `20 characters are allowed: ${twenty.text}`);
    assert.equal((await deleteDay(admin, '2025-02-05')).status, 204);
    assert.deepEqual(validationErrors(await putDay(admin, '2025-02-05', { name: '缺少' })), [['is_workday', 'required']]);
    assert.deepEqual(validationErrors(await putDay(admin, '2025-02-05', { is_workday: 'yes', name: '字符串' })), [['is_workday', 'must_be_boolean']]);
    // A path that is no date, or no real day, names no calendar day.
    for (const bad of ['2025-02-30', '2025-13-01', 'tomorrow', '20250205']) {
      for (const res of [await putDay(admin, bad, { is_workday: false, name: 'x' }), await deleteDay(admin, bad)]) {
        assert.ok(res.status === 404 || res.status === 422, `${bad}: ${res.status} ${res.text}`);
        assertProblem(res, res.status, res.status === 404 ? 'not_found' : 'validation_failed');
      }
    }
    assert.equal(await due(sales.client, '2025-01-24', 3), '2025-02-05', 'nothing changed');
  });

  test('issue 5 point 1: calendar edits are in the audit log', async () => {
    assert.equal((await putDay(admin, '2025-12-31', { is_workday: false, name: '年终盘点' })).status, 200);
    assert.equal((await deleteDay(admin, '2025-12-31')).status, 204);
    const res = await auditor.client.get('/api/v1/audit/events?target=calendar:2025-12-31');
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.items.length, 2, res.text);
    assert.ok(res.json.items.every((e) => e.actor_name === 'admin'), res.text);
  });

  test('issue 5 point 1: a seeded day an administrator removed stays removed after a restart (each year is seeded once)', async () => {
    assert.equal((await deleteDay(admin, '2025-02-08')).status, 204);
    assert.equal((await putDay(admin, '2025-04-07', { is_workday: false, name: '清明节（公司）' })).status, 200);
    assert.equal(await due(sales.client, '2025-02-07', 1), '2025-02-10', 'the Saturday is an ordinary weekend day now');

    restarted = await restartOnSameData(srv);
    url = restarted.url;
    const again = new Client(url);
    await again.mustLogin();
    const cal = await year(again, 2025);
    assert.ok(!cal.days.some((d) => d.date === '2025-02-08'), 'the removed seeded day did not come back');
    assert.ok(cal.days.some((d) => d.date === '2025-04-07' && d.name === '清明节（公司）'), 'an added day stays');
    assert.equal(cal.days.length, seeded2025.length, 'one removed, one added, nothing re-seeded');
    assert.ok(cal.days.some((d) => d.date === '2025-01-28' && !d.is_workday), 'the other seeded days stay');
    assert.equal(await due(again, '2025-02-07', 1), '2025-02-10');
    assert.equal(await due(again, '2025-01-24', 3), '2025-02-05');
  });
});

// The `guanxi` command line: migrate, user add/list/disable, routes, serve flags.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../lib/server.mjs';
import { Client, cliDbArgs, freshDatabase, runCli } from './lib.mjs';

describe('guanxi migrate', () => {
  test('on a fresh database prints the schema version and exits 0; a second run applies nothing', async (t) => {
    const db = freshDatabase();
    t.after(() => db.cleanup());
    const first = await runCli(['migrate', ...db.args]);
    assert.equal(first.code, 0, first.stderr);
    const m = first.stdout.match(/schema version (\d+) \((\d+) applied now\)/);
    assert.ok(m, `prints the schema version: ${first.stdout}`);
    assert.ok(Number(m[1]) >= 1);
    assert.ok(Number(m[2]) >= 1, 'migrations were applied');
    const second = await runCli(['migrate', ...db.args]);
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stdout, new RegExp(`schema version ${m[1]} \\(0 applied now\\)`));
  });

  test('a bad flag value exits 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'guanxi-cli-'));
    try {
      const res = await runCli(['migrate', '--data-dir', dir, '--worker-threads', 'many']);
      assert.equal(res.code, 2, res.stderr);
      assert.match(res.stderr, /bad_setting/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('guanxi user', () => {
  let srv;
  before(async () => { srv = await startServer(); });
  after(async () => { if (srv) await srv.stop(); });

  test('user list lists admin (flags written as `--data-dir DIR`)', async () => {
    const res = await runCli(['user', 'list', ...cliDbArgs(srv, 'space')]);
    assert.equal(res.code, 0, res.stderr);
    const line = res.stdout.split('\n').find((l) => /\badmin\b/.test(l));
    assert.ok(line, `admin listed: ${res.stdout}`);
    assert.match(line, /\bactive\b/);
    assert.match(line, /system_admin/);
  });

  test('user add with a weak password exits non-zero naming weak_password; nothing is created', async () => {
    // Too short; one character class; equal to the user name (ignoring case).
    for (const password of ['Sh0rt!x', 'alllowercaseletters', 'WEAK.USER-01']) {
      const res = await runCli(['user', 'add', 'weak.user-01', ...cliDbArgs(srv)], { env: { GUANXI_PASSWORD: password } });
      assert.notEqual(res.code, 0, `password ${password} accepted`);
      assert.match(res.stderr + res.stdout, /weak_password/);
    }
    const list = await runCli(['user', 'list', ...cliDbArgs(srv)]);
    assert.equal(list.code, 0, list.stderr);
    assert.match(list.stdout, /\badmin\b/);
    assert.doesNotMatch(list.stdout, /weak\.user-01/);
  });

  test('user add reads the password from stdin; a duplicate name exits non-zero', async () => {
    const ok = await runCli(['user', 'add', 'carol', '--display-name', '卡罗尔', '--role', 'auditor', ...cliDbArgs(srv)],
      { input: 'Carol-Passw0rd!\n' });
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /carol/);
    const dup = await runCli(['user', 'add', 'carol', ...cliDbArgs(srv)], { env: { GUANXI_PASSWORD: 'Carol-Passw0rd!' } });
    assert.notEqual(dup.code, 0);
    assert.match(dup.stderr, /duplicate_username/);
    const list = await runCli(['user', 'list', ...cliDbArgs(srv)]);
    assert.equal(list.code, 0, list.stderr);
    const line = list.stdout.split('\n').find((l) => /\bcarol\b/.test(l));
    assert.ok(line, list.stdout);
    assert.match(line, /auditor/);
    assert.match(line, /卡罗尔/);
  });

  test('user add with an unknown role or a bad user name exits non-zero', async () => {
    const role = await runCli(['user', 'add', 'dave', '--role', 'emperor', ...cliDbArgs(srv)], { env: { GUANXI_PASSWORD: 'Dave-Passw0rd!' } });
    assert.notEqual(role.code, 0);
    assert.match(role.stderr, /roles/);
    const name = await runCli(['user', 'add', 'Dave Smith', ...cliDbArgs(srv)], { env: { GUANXI_PASSWORD: 'Dave-Passw0rd!' } });
    assert.notEqual(name.code, 0);
  });

  test('user disable of an unknown user exits non-zero', async () => {
    const res = await runCli(['user', 'disable', 'nobody-at-all', ...cliDbArgs(srv)]);
    assert.notEqual(res.code, 0);
  });

  test('CLI errors follow LANG: English for en_US.UTF-8, Chinese otherwise', async () => {
    const en = await runCli(['user', 'add', 'erin', ...cliDbArgs(srv)], { env: { GUANXI_PASSWORD: 'weak', LANG: 'en_US.UTF-8' } });
    assert.notEqual(en.code, 0);
    assert.match(en.stderr, /Passwords need at least 10 characters/);
    const zh = await runCli(['user', 'add', 'erin', ...cliDbArgs(srv)], { env: { GUANXI_PASSWORD: 'weak', LANG: 'zh_CN.UTF-8' } });
    assert.match(zh.stderr, /密码/);
  });
});

describe('guanxi demo-data', () => {
  let srv;
  before(async () => { srv = await startServer(); });
  after(async () => { if (srv) await srv.stop(); });

  test('adds valid customers owned by demo salespeople, with audit entries that verify', async () => {
    const password = 'Demo-Passw0rd!';
    assert.equal((await runCli(['demo-data', ...cliDbArgs(srv)])).code, 2, 'the count is required');
    assert.equal((await runCli(['demo-data', '--customers', '40', ...cliDbArgs(srv)])).code, 2, 'so is GUANXI_PASSWORD');
    const res = await runCli(['demo-data', '--customers', '40', '--batch', '15', ...cliDbArgs(srv)], { env: { GUANXI_PASSWORD: password } });
    assert.equal(res.code, 0, res.stderr);
    assert.match(res.stdout, /created 40 customers, skipped 0/);
    const manager = new Client(srv.url);
    await manager.mustLogin('demo.manager', password);
    const items = (await manager.get('/api/v1/customers?limit=50')).json.items;
    assert.equal(items.length, 40);
    assert.equal(new Set(items.map((c) => c.code)).size, 40);
    assert.ok(items.every((c) => /^demo\.sales\d\d$/.test(c.owner_name) || c.owner_name.startsWith('演示业务员')), 'owned by the demo salespeople');
    assert.ok(items.some((c) => c.kind === 'organization' && c.name.endsWith('有限公司') && c.uscc), 'companies, some with a USCC');
    assert.ok(items.some((c) => c.kind === 'individual'));
    // Batches write their search terms together at the end: every customer is findable.
    for (const c of [items[0], items[17], items[39]]) {
      const found = (await manager.get(`/api/v1/customers?q=${encodeURIComponent(c.name)}`)).json.items;
      assert.ok(found.some((f) => f.id === c.id), `${c.name} is in the search index`);
    }
    const sales = new Client(srv.url);
    await sales.mustLogin('demo.sales01', password);
    const own = (await sales.get('/api/v1/customers?limit=50')).json.items;
    assert.ok(own.length < 40 && own.every((c) => c.owner_name === '演示业务员01'), 'a salesperson sees only their own');
    const verified = await runCli(['audit', 'verify', ...cliDbArgs(srv)]);
    assert.equal(verified.code, 0, verified.stdout + verified.stderr);
  });

  test('query-bench times the list and the search the server runs, and counts their rows', async () => {
    const numbers = (out) => out.trim().split(' ').map(Number);
    const list = await runCli(['query-bench', '--limit', '7', '--runs', '5', ...cliDbArgs(srv)]);
    assert.equal(list.code, 0, list.stderr);
    const [p50, p99, rows] = numbers(list.stdout);
    assert.ok(p50 > 0 && p99 >= p50, list.stdout);
    assert.equal(rows, 7, 'a page of --limit rows');
    // The search runs the search box's tiers: the demo companies' names all end in 有限公司.
    const search = await runCli(['query-bench', '--q', '有限公司', '--limit', '50', '--runs', '3', ...cliDbArgs(srv)]);
    assert.equal(search.code, 0, search.stderr);
    const companies = numbers(search.stdout)[2];
    assert.ok(companies > 0 && companies < 40, search.stdout);
    const none = await runCli(['query-bench', '--q', '无此客户名称', '--runs', '2', ...cliDbArgs(srv)]);
    assert.equal(numbers(none.stdout)[2], 0);
    assert.equal((await runCli(['query-bench', '--runs', '0', ...cliDbArgs(srv)])).code, 2);
  });
});

describe('guanxi routes and serve', () => {
  test('routes prints only "METHOD /pattern" lines on stdout', async () => {
    const res = await runCli(['routes']);
    assert.equal(res.code, 0, res.stderr);
    const lines = res.stdout.split('\n').filter(Boolean);
    assert.ok(lines.length >= 6, res.stdout);
    for (const line of lines) assert.match(line, /^(GET|POST|PUT|PATCH|DELETE) \/\S*$/, `stdout line: ${line}`);
  });

  test('serve --bogus-flag exits 2 without serving', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'guanxi-cli-'));
    try {
      const res = await runCli(['serve', '--listen', '127.0.0.1:0', '--data-dir', dir, '--bogus-flag'], { timeoutMs: 10000 });
      assert.equal(res.timedOut, false, 'did not start serving');
      assert.equal(res.code, 2, res.stderr + res.stdout);
      assert.match(res.stderr, /--bogus-flag/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('an unknown command exits 2; version prints the version', async () => {
    const bad = await runCli(['frobnicate']);
    assert.equal(bad.code, 2);
    const version = await runCli(['version']);
    assert.equal(version.code, 0);
    assert.match(version.stdout.trim(), /^\d+\.\d+\.\d+/);
  });
});

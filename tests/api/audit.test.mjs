// The audit log over HTTP and `guanxi audit verify` against a real server's
// database (issue 4 point 6). Only the auditor reads it (三员分立).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../lib/server.mjs';
import { adminClient, assertProblem, cliDbArgs, createUser, engine, runCli, runSql } from './lib.mjs';

let srv;
let admin;
let auditor;
before(async () => {
  srv = await startServer();
  admin = await adminClient(srv);
  auditor = (await createUser(srv, admin, 'the.auditor', { roles: ['auditor'] })).client;
});
after(async () => { if (srv) await srv.stop(); });

async function verify() {
  return runCli(['audit', 'verify', ...cliDbArgs(srv)]);
}

function dropAppendOnlyTriggers() {
  if (engine() === 'postgres') {
    runSql(srv, 'DROP TRIGGER audit_events_no_update ON audit_events; DROP TRIGGER audit_events_no_delete ON audit_events');
  } else {
    runSql(srv, 'DROP TRIGGER audit_events_no_update; DROP TRIGGER audit_events_no_delete');
  }
}

describe('audit events', () => {
  test('the auditor sees logins and user changes, newest first, with filters and paging', async () => {
    await createUser(srv, admin, 'audited.person', { roles: ['salesperson'] });
    const res = await auditor.get('/api/v1/audit/events?limit=5');
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.items.length, 5);
    const seqs = res.json.items.map((e) => e.seq);
    assert.deepEqual(seqs, [...seqs].sort((a, b) => b - a));
    assert.equal(typeof res.json.next_cursor, 'string');
    const next = await auditor.get(`/api/v1/audit/events?limit=5&cursor=${res.json.next_cursor}`);
    assert.ok(next.json.items[0].seq < seqs.at(-1));

    const created = await auditor.get('/api/v1/audit/events?action=user.created&target=user:audited.person');
    assert.equal(created.json.items.length, 1, created.text);
    const event = created.json.items[0];
    assert.equal(event.actor_name, 'admin');
    assert.equal(event.detail.roles[0], 'salesperson');
    assert.equal(typeof event.ip, 'string');

    const adminId = (await admin.get('/api/v1/auth/me')).json.user.id;
    const byAdmin = await auditor.get(`/api/v1/audit/events?user_id=${adminId}&action=login.`);
    assert.ok(byAdmin.json.items.length >= 1);
    assert.ok(byAdmin.json.items.every((e) => e.actor_id === adminId && e.action.startsWith('login.')));
  });

  test('三员分立: the administrator cannot read the audit log', async () => {
    assertProblem(await admin.get('/api/v1/audit/events'), 403, 'forbidden');
  });

  test('bad filters are refused with 422', async () => {
    assertProblem(await auditor.get('/api/v1/audit/events?since=yesterday'), 422, 'validation_failed');
    assertProblem(await auditor.get('/api/v1/audit/events?limit=501'), 422, 'validation_failed');
  });
});

describe('guanxi audit verify', () => {
  test('refuses (exit 2) with another key or no key, and creates nothing', async () => {
    const wrong = await runCli(['audit', 'verify', ...cliDbArgs(srv)], { env: { GUANXI_AUDIT_KEY: 'ab'.repeat(32) } });
    assert.equal(wrong.code, 2, wrong.stdout + wrong.stderr);
    assert.match(wrong.stderr, /not the one the chain is written with/);
    const empty = mkdtempSync(join(tmpdir(), 'guanxi-nokey-'));
    try {
      const none = await runCli(['audit', 'verify', '--data-dir', empty]);
      assert.equal(none.code, 2, none.stdout + none.stderr);
      assert.match(none.stderr, /no audit key/);
      assert.deepEqual(readdirSync(empty), []);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  test('reports an intact chain, then the first entry a database user edited', async () => {
    const ok = await verify();
    assert.equal(ok.code, 0, ok.stderr + ok.stdout);
    assert.match(ok.stdout, /audit chain intact: \d+ entries/);

    // The append-only triggers stop the application's own database user …
    assert.throws(() => runSql(srv, "UPDATE audit_events SET action = 'x' WHERE seq = 2"));
    // … and someone who drops them is still caught by the chain.
    dropAppendOnlyTriggers();
    runSql(srv, "UPDATE audit_events SET actor_name = 'innocent' WHERE seq = 3");
    const broken = await verify();
    assert.equal(broken.code, 1, broken.stdout + broken.stderr);
    assert.match(broken.stdout, /BROKEN at entry 3: entry 3 was altered/);
  });
});

// The TOTP second factor (issue 4 point 7, ADR 0013): enrolment, the two-step
// login, recovery codes, lockout, a role that requires it, and the
// administrator's reset. Codes come from tests/lib/totp.mjs (RFC 6238, node:crypto).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { base32Decode, stepNow, totpCode } from '../lib/totp.mjs';
import { Client, USER_PASSWORD, adminClient, assertProblem, createUser, runSql } from './lib.mjs';

let srv;
let admin;
before(async () => {
  srv = await startServer();
  admin = await adminClient(srv);
});
after(async () => { if (srv) await srv.stop(); });

let counter = 0;
const unique = (prefix) => `${prefix}${Date.now().toString(36)}${(counter++).toString(36)}`;

/** Enrols and confirms `client`'s user; returns {secret, step, recovery}. */
async function enrol(client, username) {
  const started = await client.post('/api/v1/auth/totp/enrol');
  assert.equal(started.status, 200, started.text);
  assert.equal(started.headers.get('cache-control'), 'no-store');
  const { secret, uri } = started.json;
  assert.match(secret, /^[A-Z2-7]{32}$/);  // 160 bits
  assert.equal(uri, `otpauth://totp/Guanxi:${username}?secret=${secret}&issuer=Guanxi&algorithm=SHA1&digits=6&period=30`);
  const step = stepNow();
  const confirmed = await client.post('/api/v1/auth/totp/confirm', { json: { code: totpCode(secret, step) } });
  assert.equal(confirmed.status, 200, confirmed.text);
  assert.equal(confirmed.json.recovery_codes.length, 10);
  for (const code of confirmed.json.recovery_codes) assert.match(code, /^[A-Z2-7]{5}-[A-Z2-7]{5}$/);
  return { secret, step, recovery: confirmed.json.recovery_codes };
}

async function passwordStep(client, username, password = USER_PASSWORD) {
  const res = await client.post('/api/v1/auth/login', { json: { username, password } });
  assert.equal(res.status, 200, res.text);
  return res;
}

describe('second factor (ADR 0013)', () => {
  test('after enrolment a right password gives a challenge and no session; a fresh code opens it', async () => {
    const name = unique('mfa.');
    const { client, user } = await createUser(srv, admin, name, { roles: ['salesperson'] });
    const wrong = await client.post('/api/v1/auth/totp/confirm', { json: { code: '000000' } });
    assertProblem(wrong, 409, 'second_factor_not_started');
    const { secret, step } = await enrol(client, name);
    assert.equal((await client.get('/api/v1/auth/me')).json.user.second_factor_enrolled, true);
    assertProblem(await client.post('/api/v1/auth/totp/enrol'), 409, 'second_factor_enrolled');

    // At rest: the secret is sealed, the recovery codes are hashes.
    const sealed = runSql(srv, `SELECT sealed_secret FROM second_factors WHERE user_id = ${user.id}`).trim();
    assert.ok(sealed.length > 80, sealed);
    assert.ok(!sealed.includes(secret) && !sealed.includes(base32Decode(secret).toString('hex')));

    const browser = new Client(srv.url);
    const pending = await passwordStep(browser, name);
    assert.equal(pending.json.second_factor_required, true);
    assert.equal(pending.json.user, undefined);
    assert.equal(pending.setCookies.length, 0, 'no session before the code');
    assert.equal((await browser.get('/api/v1/auth/me')).status, 401);
    const { challenge } = pending.json;

    // The confirming step's code is used up.
    const replay = await browser.post('/api/v1/auth/login/totp', { json: { challenge, code: totpCode(secret, step) } });
    assertProblem(replay, 401, 'invalid_second_factor');
    const ok = await browser.post('/api/v1/auth/login/totp', { json: { challenge, code: totpCode(secret, step + 1) } });
    assert.equal(ok.status, 200, ok.text);
    assert.equal(ok.json.user.username, name);
    assert.equal(ok.json.user.second_factor_enrolled, true);
    assert.equal((await browser.get('/api/v1/auth/me')).status, 200);
    // A challenge works once.
    const again = await new Client(srv.url).post('/api/v1/auth/login/totp', { json: { challenge, code: totpCode(secret, step + 2) } });
    assertProblem(again, 401, 'login_challenge_expired');
    assertProblem(await new Client(srv.url, { lang: 'en' }).post('/api/v1/auth/login/totp', { json: { challenge: 'nope', code: '123456' } }),
      401, 'login_challenge_expired', { lang: 'en' });
    // Neither or both of code and recovery_code.
    assertProblem(await browser.post('/api/v1/auth/login/totp', { json: { challenge } }), 422, 'validation_failed');
  });

  test('each recovery code works once, in any case, and the count goes down', async () => {
    const name = unique('rec.');
    const { client } = await createUser(srv, admin, name, { roles: ['salesperson'] });
    const { recovery } = await enrol(client, name);
    const first = new Client(srv.url);
    const { challenge } = (await passwordStep(first, name)).json;
    const used = await first.post('/api/v1/auth/login/totp', { json: { challenge, recovery_code: recovery[0].toLowerCase() } });
    assert.equal(used.status, 200, used.text);
    const second = new Client(srv.url);
    const again = (await passwordStep(second, name)).json.challenge;
    assertProblem(await second.post('/api/v1/auth/login/totp', { json: { challenge: again, recovery_code: recovery[0] } }),
      401, 'invalid_second_factor');
    const status = (await client.get('/api/v1/auth/totp')).json;
    assert.equal(status.enrolled, true);
    assert.equal(status.recovery_codes_left, 9);
    const stored = runSql(srv, "SELECT code_hash FROM recovery_codes").split('\n').join(' ');
    for (const code of recovery) assert.ok(!stored.includes(code.replace('-', '')));
    const audit = runSql(srv, "SELECT action FROM audit_events WHERE action LIKE 'second_factor.%'");
    assert.match(audit, /second_factor\.enrolled/);
    assert.match(audit, /second_factor\.recovery_code_used/);
  });

  test('wrong codes count towards the lockout (SEC-5)', async () => {
    const name = unique('lock.');
    const { client } = await createUser(srv, admin, name, { roles: ['salesperson'] });
    await enrol(client, name);
    const browser = new Client(srv.url);
    const { challenge } = (await passwordStep(browser, name)).json;
    for (let i = 0; i < 4; i += 1) {
      assertProblem(await browser.post('/api/v1/auth/login/totp', { json: { challenge, code: 'abcdef' } }), 401, 'invalid_second_factor');
    }
    assertProblem(await browser.post('/api/v1/auth/login/totp', { json: { challenge, code: 'abcdef' } }), 423, 'account_locked');
    assertProblem(await browser.post('/api/v1/auth/login', { json: { username: name, password: USER_PASSWORD } }), 423, 'account_locked');
  });

  test('turning it off needs the password and a current code', async () => {
    const name = unique('off.');
    const { client } = await createUser(srv, admin, name, { roles: ['salesperson'] });
    const { secret, step } = await enrol(client, name);
    const badPassword = await client.post('/api/v1/auth/totp/disable', { json: { password: 'wrong', code: totpCode(secret, step + 1) } });
    assert.deepEqual(assertProblem(badPassword, 422, 'validation_failed').errors.map((e) => e.field), ['password']);
    const badCode = await client.post('/api/v1/auth/totp/disable', { json: { password: USER_PASSWORD, code: totpCode(secret, step) } });
    assert.deepEqual(assertProblem(badCode, 422, 'validation_failed').errors.map((e) => e.field), ['code']);
    const off = await client.post('/api/v1/auth/totp/disable', { json: { password: USER_PASSWORD, code: totpCode(secret, step + 1) } });
    assert.equal(off.status, 204, off.text);
    const plain = await passwordStep(new Client(srv.url), name);
    assert.equal(plain.json.user.username, name);
  });

  test('a role that requires it limits the session to enrolment; then it cannot be turned off', async () => {
    const key = unique('mfa_role_').replace(/[^a-z0-9_]/g, '_');
    const role = await admin.post('/api/v1/roles', {
      json: { key, name: '需两步验证', data_scope: 'own', permissions: ['customer.read'], require_second_factor: true },
    });
    assert.equal(role.status, 201, role.text);
    assert.equal(role.json.require_second_factor, true);
    const name = unique('req.');
    const { client } = await createUser(srv, admin, name, { roles: [key] });
    const me = (await client.get('/api/v1/auth/me')).json.user;
    assert.equal(me.second_factor_setup_required, true);
    assertProblem(await client.get('/api/v1/customers'), 403, 'second_factor_required');
    assertProblem(await client.post('/api/v1/auth/tokens', { json: { name: 't', permissions: ['customer.read'] } }), 403, 'second_factor_required');
    assert.equal((await client.get('/api/v1/auth/sessions')).status, 200);
    assert.equal((await client.get('/api/v1/auth/totp')).json.required, true);
    const { secret, step } = await enrol(client, name);
    assert.equal((await client.get('/api/v1/customers')).status, 200);
    assertProblem(await client.post('/api/v1/auth/totp/disable', { json: { password: USER_PASSWORD, code: totpCode(secret, step + 1) } }),
      409, 'second_factor_required_by_role');

    // The administrator resets a lost phone: password alone again, then enrolment is asked for again.
    const listed = (await admin.get('/api/v1/users?q=' + name)).json.items.find((u) => u.username === name);
    assert.equal(listed.second_factor_enrolled, true);
    const reset = await admin.request('DELETE', `/api/v1/users/${listed.id}/totp`);
    assert.equal(reset.status, 204, reset.text);
    assertProblem(await admin.request('DELETE', `/api/v1/users/${listed.id}/totp`), 404, 'not_found');
    const relogin = await passwordStep(new Client(srv.url), name);
    assert.equal(relogin.json.user.second_factor_enrolled, false);
    assert.equal(relogin.json.user.second_factor_setup_required, true);
    assert.match(runSql(srv, "SELECT action FROM audit_events WHERE action = 'second_factor.reset'"), /second_factor\.reset/);
  });

  test('a built-in role accepts require_second_factor and nothing else', async () => {
    const roles = (await admin.get('/api/v1/roles')).json.items;
    const clerk = roles.find((r) => r.key === 'archive_clerk');
    assert.equal(clerk.require_second_factor, false);
    assertProblem(await admin.request('PATCH', `/api/v1/roles/${clerk.id}`, { json: { name: '改名', version: clerk.version } }),
      409, 'builtin_role');
    const on = await admin.request('PATCH', `/api/v1/roles/${clerk.id}`, { json: { require_second_factor: true, version: clerk.version } });
    assert.equal(on.status, 200, on.text);
    assert.equal(on.json.require_second_factor, true);
    assert.deepEqual(on.json.permissions, clerk.permissions);
    const off = await admin.request('PATCH', `/api/v1/roles/${clerk.id}`, { json: { require_second_factor: false, version: on.json.version } });
    assert.equal(off.json.require_second_factor, false);
  });
});

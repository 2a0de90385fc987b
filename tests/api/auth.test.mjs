// Login, the session cookie, /me, CSRF on logout, lockout and disabled users.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import {
  ADMIN_PASSWORD, Client, TOKEN_43, addUser, assertProblem, cliDbArgs, runCli, serverFor, sleep,
} from './lib.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { if (srv) await srv.stop(); });

function sessionCookieOf(res) {
  const cookies = res.setCookies.filter((c) => c.startsWith('guanxi_session='));
  assert.equal(cookies.length, 1, `one session cookie: ${res.setCookies}`);
  return cookies[0];
}

function cookieAttributes(setCookie) {
  const [pair, ...attrs] = setCookie.split(';').map((s) => s.trim());
  const map = new Map();
  for (const a of attrs) {
    const i = a.indexOf('=');
    map.set((i < 0 ? a : a.slice(0, i)).toLowerCase(), i < 0 ? true : a.slice(i + 1));
  }
  return { value: pair.slice(pair.indexOf('=') + 1), attrs: map };
}

function checkUser(user, { username, displayName, roles }) {
  assert.equal(typeof user.id, 'number');
  assert.ok(Number.isInteger(user.id) && user.id > 0);
  assert.equal(user.username, username);
  assert.equal(user.display_name, displayName);
  assert.deepEqual([...user.roles].sort(), [...roles].sort());
  assert.equal(user.must_change_password, false);
}

describe('login', () => {
  test('admin logs in: user, csrf_token and an HttpOnly SameSite=Lax session cookie', async () => {
    const client = new Client(srv.url);
    const res = await client.login('admin', ADMIN_PASSWORD);
    assert.equal(res.status, 200, res.text);
    assert.match(res.headers.get('content-type'), /^application\/json/);
    checkUser(res.json.user, { username: 'admin', displayName: '系统管理员', roles: ['security_admin', 'system_admin'] });
    assert.match(res.json.csrf_token, TOKEN_43);
    assert.equal(res.headers.get('cache-control'), 'no-store');

    const { value, attrs } = cookieAttributes(sessionCookieOf(res));
    assert.match(value, TOKEN_43, 'session token is 43 base64url characters (256 bits)');
    assert.notEqual(value, res.json.csrf_token);
    assert.equal(attrs.get('path'), '/');
    assert.equal(attrs.get('httponly'), true);
    assert.equal(String(attrs.get('samesite')).toLowerCase(), 'lax');
    assert.match(String(attrs.get('max-age')), /^[1-9]\d*$/);
    assert.equal(attrs.has('secure'), false, 'no Secure on plain http by default');
  });

  test('two logins get different session and CSRF tokens', async () => {
    const a = new Client(srv.url);
    const b = new Client(srv.url);
    await a.mustLogin();
    await b.mustLogin();
    assert.notEqual(a.cookies.get('guanxi_session'), b.cookies.get('guanxi_session'));
    assert.notEqual(a.csrf, b.csrf);
  });

  test('X-Forwarded-Proto: https marks the cookie Secure', async () => {
    const res = await new Client(srv.url).login('admin', ADMIN_PASSWORD, { headers: { 'X-Forwarded-Proto': 'https' } });
    assert.equal(res.status, 200);
    assert.equal(cookieAttributes(sessionCookieOf(res)).attrs.get('secure'), true);
  });

  test('GUANXI_SECURE_COOKIES=1 always marks the cookie Secure', async (t) => {
    const secure = await serverFor(t, { env: { GUANXI_SECURE_COOKIES: '1' } });
    const res = await new Client(secure.url).login();
    assert.equal(res.status, 200);
    assert.equal(cookieAttributes(sessionCookieOf(res)).attrs.get('secure'), true);
  });

  test('wrong password and unknown user both → 401 invalid_credentials with the same body', async () => {
    const wrong = await new Client(srv.url).login('admin', 'Wrong-Passw0rd!');
    const pw = assertProblem(wrong, 401, 'invalid_credentials');
    assert.equal(wrong.setCookies.length, 0, 'no cookie on failure');
    const unknown = await new Client(srv.url).login('nobody-here', 'Wrong-Passw0rd!');
    const pu = assertProblem(unknown, 401, 'invalid_credentials');
    const strip = ({ request_id, ...rest }) => rest;
    assert.deepEqual(strip(pu), strip(pw), 'an unknown user is indistinguishable from a wrong password');
    // The failed attempt above must not count against the next good login.
    await new Client(srv.url).mustLogin();
  });

  test('user name is case sensitive', async () => {
    const res = await new Client(srv.url).login('ADMIN', ADMIN_PASSWORD);
    assertProblem(res, 401, 'invalid_credentials');
  });
});

describe('GET /api/v1/auth/me', () => {
  test('with the cookie → the same user and csrf token; without CSRF header (GET needs none)', async () => {
    const client = new Client(srv.url);
    const login = await client.mustLogin();
    const me = await client.get('/api/v1/auth/me');
    assert.equal(me.status, 200, me.text);
    assert.deepEqual(me.json.user, login.json.user);
    assert.equal(me.json.csrf_token, login.json.csrf_token);
    assert.equal(me.headers.get('cache-control'), 'no-store');
  });

  test('a tampered cookie → 401', async () => {
    const client = new Client(srv.url);
    await client.mustLogin();
    const token = client.cookies.get('guanxi_session');
    client.cookies.set('guanxi_session', token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A'));
    assertProblem(await client.get('/api/v1/auth/me'), 401, 'unauthenticated');
  });

  test('the session cookie is found among other cookies', async () => {
    const client = new Client(srv.url);
    await client.mustLogin();
    const token = client.cookies.get('guanxi_session');
    const res = await fetch(srv.url + '/api/v1/auth/me', { headers: { Cookie: `theme=dark; guanxi_session=${token}; lang=en` } });
    assert.equal(res.status, 200, await res.text());
  });
});

describe('CSRF and logout', () => {
  test('logout without X-CSRF-Token → 403 csrf_failed and the session still works', async () => {
    const client = new Client(srv.url);
    await client.mustLogin();
    const res = await client.post('/api/v1/auth/logout', { csrf: false });
    assertProblem(res, 403, 'csrf_failed');
    const en = await client.post('/api/v1/auth/logout', { csrf: false, headers: { 'Accept-Language': 'en' } });
    assertProblem(en, 403, 'csrf_failed', { lang: 'en' });
    assert.equal((await client.get('/api/v1/auth/me')).status, 200);
  });

  test('logout with a wrong X-CSRF-Token (another session\'s) → 403 and the session still works', async () => {
    const client = new Client(srv.url);
    const other = new Client(srv.url);
    await client.mustLogin();
    await other.mustLogin();
    assertProblem(await client.post('/api/v1/auth/logout', { csrf: other.csrf }), 403, 'csrf_failed');
    assertProblem(await client.post('/api/v1/auth/logout', { csrf: client.csrf.slice(0, -1) }), 403, 'csrf_failed');
    assertProblem(await client.post('/api/v1/auth/logout', { csrf: '' }), 403, 'csrf_failed');
    assert.equal((await client.get('/api/v1/auth/me')).status, 200);
    assert.equal((await other.get('/api/v1/auth/me')).status, 200);
  });

  test('logout with the token → 204, cookie cleared, /me → 401 and the old cookie stays dead', async () => {
    const client = new Client(srv.url);
    await client.mustLogin();
    const oldCookie = client.cookies.get('guanxi_session');
    const oldCsrf = client.csrf;
    const res = await client.post('/api/v1/auth/logout');
    assert.equal(res.status, 204, res.text);
    assert.equal(res.text, '');
    const cleared = cookieAttributes(sessionCookieOf(res));
    assert.equal(cleared.value, '');
    assert.equal(cleared.attrs.get('max-age'), '0');

    const replay = new Client(srv.url);
    replay.cookies.set('guanxi_session', oldCookie);
    replay.csrf = oldCsrf;
    assertProblem(await replay.get('/api/v1/auth/me'), 401, 'unauthenticated');
    assertProblem(await replay.post('/api/v1/auth/logout'), 401, 'unauthenticated');
    await sleep(50);
    assertProblem(await replay.get('/api/v1/auth/me'), 401, 'unauthenticated');
  });

  test('logging out one session leaves the user\'s other sessions alive', async () => {
    const a = new Client(srv.url);
    const b = new Client(srv.url);
    await a.mustLogin();
    await b.mustLogin();
    assert.equal((await a.post('/api/v1/auth/logout')).status, 204);
    assert.equal((await b.get('/api/v1/auth/me')).status, 200);
  });

  test('logout without a session → 401 (not 403)', async () => {
    assertProblem(await new Client(srv.url).post('/api/v1/auth/logout'), 401, 'unauthenticated');
  });
});

describe('lockout', () => {
  test('5 wrong passwords lock the account (423), even the right password is refused; unlocks after GUANXI_LOCKOUT_SECONDS', async (t) => {
    const s = await serverFor(t, { env: { GUANXI_LOCKOUT_SECONDS: '2' } });
    const statuses = [];
    let last;
    for (let i = 0; i < 5; i++) {
      last = await new Client(s.url).login('admin', 'Wrong-Passw0rd!');
      statuses.push(last.status);
      if (i < 4) assertProblem(last, 401, 'invalid_credentials');
    }
    assert.deepEqual(statuses, [401, 401, 401, 401, 423]);
    const locked = assertProblem(last, 423, 'account_locked');
    assert.match(locked.detail, /\d/, 'detail says how long the lock lasts');
    const lockedAt = Date.now();

    const right = await new Client(s.url).login('admin', ADMIN_PASSWORD);
    assertProblem(right, 423, 'account_locked');
    assert.equal(right.setCookies.length, 0);
    const en = await new Client(s.url).login('admin', ADMIN_PASSWORD, { headers: { 'Accept-Language': 'en' } });
    assertProblem(en, 423, 'account_locked', { lang: 'en' });

    await sleep(Math.max(0, 2500 - (Date.now() - lockedAt)));
    const res = await new Client(s.url).login('admin', ADMIN_PASSWORD);
    assert.equal(res.status, 200, `unlocked after the lockout period: ${res.text}`);
  });

  test('a successful login resets the failure count', async (t) => {
    const s = await serverFor(t);
    for (let i = 0; i < 4; i++) assertProblem(await new Client(s.url).login('admin', 'Wrong-Passw0rd!'), 401, 'invalid_credentials');
    await new Client(s.url).mustLogin();
    for (let i = 0; i < 4; i++) assertProblem(await new Client(s.url).login('admin', 'Wrong-Passw0rd!'), 401, 'invalid_credentials');
    await new Client(s.url).mustLogin();
  });
});

describe('users managed with the CLI', () => {
  test('a CLI-created user logs in; `user disable` ends their sessions and login → 403 account_disabled', async () => {
    const password = 'Alice-Passw0rd!';
    await addUser(srv, 'alice', password, { displayName: '爱丽丝', roles: ['salesperson'] });
    const alice = new Client(srv.url);
    const login = await alice.mustLogin('alice', password);
    checkUser(login.json.user, { username: 'alice', displayName: '爱丽丝', roles: ['salesperson'] });
    const second = new Client(srv.url);
    await second.mustLogin('alice', password);
    assert.equal((await alice.get('/api/v1/auth/me')).status, 200);

    const admin = new Client(srv.url);
    await admin.mustLogin();

    const res = await runCli(['user', 'disable', 'alice', ...cliDbArgs(srv)]);
    assert.equal(res.code, 0, res.stderr);

    assertProblem(await alice.get('/api/v1/auth/me'), 401, 'unauthenticated');
    assertProblem(await second.get('/api/v1/auth/me'), 401, 'unauthenticated');
    const again = await new Client(srv.url).login('alice', password);
    assertProblem(again, 403, 'account_disabled');
    assert.equal(again.setCookies.length, 0);
    assertProblem(await new Client(srv.url).login('alice', password, { headers: { 'Accept-Language': 'en' } }), 403, 'account_disabled', { lang: 'en' });
    // A wrong password does not reveal that the account exists but is disabled.
    assertProblem(await new Client(srv.url).login('alice', 'Wrong-Passw0rd!'), 401, 'invalid_credentials');
    // Other users are unaffected.
    assert.equal((await admin.get('/api/v1/auth/me')).status, 200);
  });

  test('`user passwd` ends the user\'s sessions; the new password works, the old one does not', async () => {
    await addUser(srv, 'bob', 'Bob-Passw0rd-1');
    const bob = new Client(srv.url);
    await bob.mustLogin('bob', 'Bob-Passw0rd-1');
    const res = await runCli(['user', 'passwd', 'bob', ...cliDbArgs(srv)], { env: { GUANXI_PASSWORD: 'Bob-Passw0rd-2' } });
    assert.equal(res.code, 0, res.stderr);
    assertProblem(await bob.get('/api/v1/auth/me'), 401, 'unauthenticated');
    assertProblem(await new Client(srv.url).login('bob', 'Bob-Passw0rd-1'), 401, 'invalid_credentials');
    await new Client(srv.url).mustLogin('bob', 'Bob-Passw0rd-2');
  });
});

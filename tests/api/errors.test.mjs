// Health check, request ids, RFC 9457 problem responses in Chinese and
// English, and one failing request not taking the server down.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import {
  ASCII, Client, HAN, assertProblem, engine, parseResponses, rawExchange, responsesReceived, runSql, waitForLog,
} from './lib.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { if (srv) await srv.stop(); });

describe('GET /healthz', () => {
  test('answers 200 with status, engine and version', async () => {
    const res = await fetch(srv.url + '/healthz');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type'), /^application\/json/);
    const body = await res.json();
    assert.equal(body.status, 'ok');
    assert.equal(body.db, engine());
    assert.equal(typeof body.version, 'string');
    assert.ok(body.version.length > 0);
  });

  test('HEAD /healthz has the headers but no body', async () => {
    const res = await fetch(srv.url + '/healthz', { method: 'HEAD' });
    assert.equal(res.status, 200);
    assert.equal(await res.text(), '');
  });
});

describe('X-Request-Id', () => {
  test('every response carries one, and they differ', async () => {
    const ids = new Set();
    for (const path of ['/healthz', '/api/v1/nope', '/api/v1/auth/me', '/metrics']) {
      const res = await fetch(srv.url + path);
      await res.arrayBuffer();
      const id = res.headers.get('x-request-id');
      assert.ok(id && id.length > 0, `X-Request-Id on ${path}`);
      ids.add(id);
    }
    assert.equal(ids.size, 4);
  });

  test('an inbound id of up to 64 characters is echoed (header and problem body)', async () => {
    const id = 'req-' + 'x'.repeat(60);
    assert.equal(id.length, 64);
    const res = await fetch(srv.url + '/api/v1/nope', { headers: { 'X-Request-Id': id } });
    const body = await res.json();
    assert.equal(res.headers.get('x-request-id'), id);
    assert.equal(body.request_id, id);
  });

  test('an inbound id longer than 64 characters is replaced', async () => {
    const id = 'y'.repeat(65);
    const res = await fetch(srv.url + '/healthz', { headers: { 'X-Request-Id': id } });
    await res.arrayBuffer();
    const got = res.headers.get('x-request-id');
    assert.ok(got && got.length > 0 && got.length <= 64);
    assert.notEqual(got, id);
  });
});

// Each case runs in Chinese (default) and in English (Accept-Language: en).
const cases = [
  {
    name: 'unknown API path → 404 not_found',
    status: 404, code: 'not_found',
    request: { method: 'GET', path: '/api/v1/whatever' },
  },
  {
    name: 'unknown nested API path → 404 not_found',
    status: 404, code: 'not_found',
    request: { method: 'GET', path: '/api/v1/auth/me/extra' },
  },
  {
    name: 'GET on the login route → 405 with Allow: POST',
    status: 405, code: 'method_not_allowed',
    request: { method: 'GET', path: '/api/v1/auth/login' },
    check: (res) => assert.equal(res.headers.get('allow'), 'POST'),
  },
  {
    name: 'POST on /me → 405 with Allow: GET (before any session check)',
    status: 405, code: 'method_not_allowed',
    request: { method: 'POST', path: '/api/v1/auth/me', json: {} },
    check: (res) => assert.equal(res.headers.get('allow'), 'GET'),
  },
  {
    name: 'DELETE /healthz → 405 with Allow: GET',
    status: 405, code: 'method_not_allowed',
    request: { method: 'DELETE', path: '/healthz' },
    check: (res) => assert.equal(res.headers.get('allow'), 'GET'),
  },
  {
    name: 'malformed JSON → 400 invalid_json',
    status: 400, code: 'invalid_json',
    request: { method: 'POST', path: '/api/v1/auth/login', body: '{"username":', headers: { 'Content-Type': 'application/json' } },
  },
  {
    name: 'JSON that is not an object → 400 invalid_json',
    status: 400, code: 'invalid_json',
    request: { method: 'POST', path: '/api/v1/auth/login', body: '["admin","x"]', headers: { 'Content-Type': 'application/json' } },
  },
  {
    name: 'empty body → 400 invalid_json',
    status: 400, code: 'invalid_json',
    request: { method: 'POST', path: '/api/v1/auth/login', body: '', headers: { 'Content-Type': 'application/json' } },
  },
  {
    name: 'wrong field types → 422 validation_failed listing both fields',
    status: 422, code: 'validation_failed',
    request: { method: 'POST', path: '/api/v1/auth/login', json: { username: 5, password: true } },
    check: (res, lang) => checkFieldErrors(res, lang, 'must_be_string'),
  },
  {
    name: 'missing fields → 422 validation_failed with required',
    status: 422, code: 'validation_failed',
    request: { method: 'POST', path: '/api/v1/auth/login', json: {} },
    check: (res, lang) => checkFieldErrors(res, lang, 'required'),
  },
  {
    name: 'empty and null fields → 422 validation_failed with required',
    status: 422, code: 'validation_failed',
    request: { method: 'POST', path: '/api/v1/auth/login', json: { username: '', password: null } },
    check: (res, lang) => checkFieldErrors(res, lang, 'required'),
  },
  {
    name: 'non-JSON content type → 415 unsupported_media_type',
    status: 415, code: 'unsupported_media_type',
    request: { method: 'POST', path: '/api/v1/auth/login', body: 'username=admin&password=x', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } },
  },
  {
    name: 'text/plain body (what a cross-site form can send) → 415',
    status: 415, code: 'unsupported_media_type',
    request: { method: 'POST', path: '/api/v1/auth/login', body: '{"username":"admin","password":"x"}', headers: { 'Content-Type': 'text/plain' } },
  },
  {
    name: 'no session on /me → 401 unauthenticated',
    status: 401, code: 'unauthenticated',
    request: { method: 'GET', path: '/api/v1/auth/me' },
  },
  {
    name: 'a made-up session cookie on /me → 401 unauthenticated',
    status: 401, code: 'unauthenticated',
    request: { method: 'GET', path: '/api/v1/auth/me', headers: { Cookie: 'guanxi_session=' + 'A'.repeat(43) } },
  },
];

function checkFieldErrors(res, lang, code) {
  const errors = res.json.errors;
  assert.ok(Array.isArray(errors), `errors array: ${res.text}`);
  const byField = Object.fromEntries(errors.map((e) => [e.field, e]));
  for (const field of ['username', 'password']) {
    const e = byField[field];
    assert.ok(e, `error for ${field}: ${res.text}`);
    assert.equal(e.code, code);
    assert.equal(typeof e.message, 'string');
    assert.ok(e.message.length > 0);
    if (lang === 'zh') assert.match(e.message, HAN);
    else assert.match(e.message, ASCII);
  }
}

async function send(req, lang) {
  const headers = { ...(req.headers || {}) };
  if (lang === 'en') headers['Accept-Language'] = 'en';
  let body = req.body;
  if (req.json !== undefined) {
    body = JSON.stringify(req.json);
    headers['Content-Type'] = 'application/json';
  }
  const res = await fetch(srv.url + req.path, { method: req.method, headers, body });
  const text = await res.text();
  let json;
  try { json = JSON.parse(text); } catch { json = undefined; }
  return { status: res.status, headers: res.headers, text, json };
}

describe('problem+json errors', () => {
  for (const c of cases) {
    test(c.name, async () => {
      const zh = await send(c.request, 'zh');
      const pz = assertProblem(zh, c.status, c.code, { lang: 'zh' });
      assert.equal(zh.headers.get('content-language'), 'zh-CN');
      if (c.check) c.check(zh, 'zh');

      const en = await send(c.request, 'en');
      const pe = assertProblem(en, c.status, c.code, { lang: 'en' });
      assert.equal(en.headers.get('content-language'), 'en');
      if (c.check) c.check(en, 'en');

      assert.notEqual(pz.title, pe.title, 'title differs between languages');
      assert.notEqual(pz.detail, pe.detail, 'detail differs between languages');
      assert.equal(pz.type, pe.type, 'type is language independent');
    });
  }

  test('Accept-Language en-US,en;q=0.9 picks English; zh-CN,en picks Chinese', async () => {
    const req = { method: 'GET', path: '/api/v1/auth/me' };
    const en = await send({ ...req, headers: { 'Accept-Language': 'en-US,en;q=0.9' } });
    assertProblem(en, 401, 'unauthenticated', { lang: 'en' });
    const zh = await send({ ...req, headers: { 'Accept-Language': 'zh-CN,en;q=0.5' } });
    assertProblem(zh, 401, 'unauthenticated', { lang: 'zh' });
  });

  test('a target that is not a valid URL → 400 bad_request, server keeps working', async () => {
    const r = await rawExchange(srv.url, ['GET /api/v1/%zz HTTP/1.1\r\nHost: x\r\nAccept-Language: en\r\n\r\n'],
      { until: responsesReceived(1) });
    const [res] = parseResponses(r.data);
    assert.ok(res && res.complete, `a complete response: ${r.data}`);
    assert.equal(res.status, 400);
    assert.match(res.headers['content-type'], /^application\/problem\+json/);
    const body = JSON.parse(res.body.toString('utf8'));
    assert.equal(body.code, 'bad_request');
    assert.match(body.detail, ASCII);
    assert.ok(res.headers['x-request-id']);
    const ok = await fetch(srv.url + '/healthz');
    assert.equal(ok.status, 200);
  });
});

describe('crash isolation', () => {
  // Without a test-only endpoint, make the database refuse one query: hide the
  // sessions table for a moment. Requests that need it must get 500
  // internal_error (with the request id), other requests keep working, and
  // once the table is back everything works again without a restart.
  test('a request whose handler throws gets 500 internal_error; the server stays up and recovers', async (t) => {
    const client = new Client(srv.url);
    await client.mustLogin();
    runSql(srv, 'ALTER TABLE sessions RENAME TO sessions_hidden');
    let restored = false;
    t.after(() => { if (!restored) runSql(srv, 'ALTER TABLE sessions_hidden RENAME TO sessions'); });

    const zh = await client.get('/api/v1/auth/me', { headers: { 'X-Request-Id': 'crash-zh-1' } });
    const pz = assertProblem(zh, 500, 'internal_error', { lang: 'zh' });
    assert.equal(pz.request_id, 'crash-zh-1');
    assert.ok(pz.detail.includes('crash-zh-1'), 'detail names the request id');
    assert.ok(!/sessions|SQL|sqlite|postgres/i.test(zh.text), `no internals leak: ${zh.text}`);

    const en = await client.get('/api/v1/auth/me', { headers: { 'X-Request-Id': 'crash-en-1', 'Accept-Language': 'en' } });
    const pe = assertProblem(en, 500, 'internal_error', { lang: 'en' });
    assert.ok(pe.detail.includes('crash-en-1'));

    // A login needs the table too.
    const login = await new Client(srv.url).login();
    assertProblem(login, 500, 'internal_error');

    // Other requests are unaffected meanwhile.
    const health = await fetch(srv.url + '/healthz');
    assert.equal(health.status, 200);

    const logged = await waitForLog(srv, (l) => l.msg === 'request' && l.request_id === 'crash-zh-1');
    assert.equal(logged.length, 1, 'the failed request is logged once');
    assert.equal(logged[0].status, 500);
    const errorLine = await waitForLog(srv, (l) => l.level === 'error' && l.request_id === 'crash-zh-1');
    assert.ok(errorLine.length >= 1, 'the exception is logged with the request id');

    runSql(srv, 'ALTER TABLE sessions_hidden RENAME TO sessions');
    restored = true;
    const again = await client.get('/api/v1/auth/me');
    assert.equal(again.status, 200, again.text);
    assert.equal(again.json.user.username, 'admin');
    assert.equal((await new Client(srv.url).login()).status, 200);
  });

  test('PostgreSQL: the server reconnects after its database connections are killed', { skip: engine() !== 'postgres' && 'PostgreSQL only' }, async () => {
    const burst = (n) => Promise.all(Array.from({ length: n }, async () => {
      const res = await fetch(srv.url + '/healthz');
      const text = await res.text();
      if (res.status !== 200) {
        assert.equal(res.status, 500, text);
        assert.equal(JSON.parse(text).code, 'internal_error');
      }
      return res.status;
    }));
    await burst(8); // open several pooled connections
    const killed = Number(runSql(srv, 'SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity' +
      ' WHERE datname = current_database() AND pid <> pg_backend_pid()').trim());
    assert.ok(killed >= 1, `terminated the server's backends (${killed})`);
    const statuses = [];
    for (let round = 0; round < 5; round++) statuses.push(...(await burst(8)));
    const failures = statuses.filter((s) => s !== 200).length;
    // Each dead connection may fail one request, then it must be reconnected.
    assert.ok(failures <= killed, `${failures} failures for ${killed} dead connections: ${statuses}`);
    for (let round = 0; round < 3; round++) assert.deepEqual(await burst(8), Array(8).fill(200));
  });

});

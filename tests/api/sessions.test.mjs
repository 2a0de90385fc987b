// Session idle and absolute timeouts (short values through the environment).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, assertProblem, serverFor, sleep } from './lib.mjs';

test('idle timeout: /me works right after login, 401 after 2.5 s without requests', async (t) => {
  const srv = await serverFor(t, { env: { GUANXI_SESSION_IDLE_SECONDS: '2' } });
  const client = new Client(srv.url);
  await client.mustLogin();
  const loggedInAt = Date.now();
  assert.equal((await client.get('/api/v1/auth/me')).status, 200);
  await sleep(Math.max(0, 2500 - (Date.now() - loggedInAt)));
  assertProblem(await client.get('/api/v1/auth/me'), 401, 'unauthenticated');
  // Once expired it stays expired.
  assertProblem(await client.get('/api/v1/auth/me'), 401, 'unauthenticated');
  // A new login works.
  await new Client(srv.url).mustLogin();
});

test('idle timeout: requests keep a session alive past the idle limit', async (t) => {
  const srv = await serverFor(t, { env: { GUANXI_SESSION_IDLE_SECONDS: '2' } });
  const client = new Client(srv.url);
  await client.mustLogin();
  const start = Date.now();
  // Activity every 0.7 s for 3.5 s: longer than the idle limit in total.
  while (Date.now() - start < 3500) {
    const res = await client.get('/api/v1/auth/me');
    assert.equal(res.status, 200, `alive at ${Date.now() - start} ms: ${res.text}`);
    await sleep(700);
  }
});

test('absolute timeout: activity every second does not extend the session past 3 s', async (t) => {
  const srv = await serverFor(t, {
    env: { GUANXI_SESSION_ABSOLUTE_SECONDS: '3', GUANXI_SESSION_IDLE_SECONDS: '60' },
  });
  const client = new Client(srv.url);
  const sentAt = Date.now();
  const login = await client.mustLogin();
  const answeredAt = Date.now();
  const maxAge = login.setCookies.find((c) => c.startsWith('guanxi_session=')).match(/Max-Age=(\d+)/i);
  assert.equal(maxAge?.[1], '3', 'cookie Max-Age follows the absolute limit');

  // The session expires 3 s after the server created it (between sentAt and answeredAt).
  const results = [];
  for (;;) {
    const before = Date.now();
    const res = await client.get('/api/v1/auth/me');
    const afterMs = Date.now();
    results.push({ status: res.status, from: before - answeredAt, to: afterMs - sentAt });
    if (afterMs - sentAt < 2800) {
      assert.equal(res.status, 200, `alive ${afterMs - sentAt} ms after login: ${JSON.stringify(results)}`);
    }
    if (before - answeredAt > 3200) {
      assertProblem(res, 401, 'unauthenticated');
      break;
    }
    await sleep(Math.min(1000, Math.max(50, 3300 - (Date.now() - answeredAt))));
  }
  assert.ok(results.filter((r) => r.status === 200).length >= 3, `several requests succeeded: ${JSON.stringify(results)}`);
});

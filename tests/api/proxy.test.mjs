// Behind a reverse proxy (SEC-7): with --trusted-proxies the sessions, the
// audit and access logs name the user's address from X-Forwarded-For; without
// it, or from another peer, the header is ignored.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { ADMIN_PASSWORD, Client, runSql } from './lib.mjs';

describe('client addresses behind a proxy', () => {
  let trusting;
  let plain;
  before(async () => {
    trusting = await startServer({ env: { GUANXI_TRUSTED_PROXIES: '127.0.0.1,::1,::ffff:127.0.0.1' } });
    plain = await startServer();
  });
  after(async () => {
    await trusting?.stop();
    await plain?.stop();
  });

  async function loginFrom(srv, forwardedFor) {
    const client = new Client(srv.url);
    const res = await client.post('/api/v1/auth/login', {
      json: { username: 'admin', password: ADMIN_PASSWORD }, headers: { 'X-Forwarded-For': forwardedFor } });
    assert.equal(res.status, 200, res.text);
    return (await client.get('/api/v1/auth/sessions')).json.items.find((s) => s.current);
  }

  test('a trusted proxy names the client', async () => {
    const session = await loginFrom(trusting, '198.51.100.23');
    assert.equal(session.ip, '198.51.100.23');
    assert.match(runSql(trusting, "SELECT ip FROM audit_events WHERE action = 'login.succeeded'"), /198\.51\.100\.23/);
  });

  test('without --trusted-proxies the header is ignored', async () => {
    const session = await loginFrom(plain, '198.51.100.23');
    assert.notEqual(session.ip, '198.51.100.23');
    assert.match(session.ip, /127\.0\.0\.1|::1/);
  });
});

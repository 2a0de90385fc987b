// An administrator looks after other users' access (issue 4 point 7): lists a
// user's live sessions and API tokens, ends one session, revokes one token;
// each is audited. 三员分立: not for users holding a duty the administrator
// lacks. Runs on SQLite and PostgreSQL.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { adminClient, assertProblem, Client, createUser, USER_PASSWORD } from './lib.mjs';

let srv;
let admin;  // system + security administrator
let sysadmin;  // the system administrator duty only
let rep;
let auditor;

before(async () => {
  srv = await startServer();
  admin = await adminClient(srv);
  rep = await createUser(srv, admin, 'ua.rep', { roles: ['salesperson'] });
  auditor = await createUser(srv, admin, 'ua.auditor', { roles: ['auditor'] });
  sysadmin = await createUser(srv, admin, 'ua.sys', { roles: ['system_admin'] });
});
after(async () => { if (srv) await srv.stop(); });

describe('sessions and tokens of other users', () => {
  test('lists a user\'s live sessions and ends one; the others stay', async () => {
    const second = new Client(srv.url);
    await second.mustLogin('ua.rep', USER_PASSWORD);
    const sessions = (await admin.get(`/api/v1/users/${rep.user.id}/sessions`)).json.items;
    assert.equal(sessions.length, 2);
    assert.ok(sessions.every((s) => s.current === false && s.ip === '127.0.0.1'));
    const mine = (await second.get('/api/v1/auth/sessions')).json.items.find((s) => s.current);
    const res = await admin.request('DELETE', `/api/v1/users/${rep.user.id}/sessions/${mine.id}`);
    assert.equal(res.status, 204, res.text);
    assert.equal((await second.get('/api/v1/auth/me')).status, 401, 'that session ended');
    assert.equal((await rep.client.get('/api/v1/auth/me')).status, 200, 'the other one did not');
    assertProblem(await admin.request('DELETE', `/api/v1/users/${rep.user.id}/sessions/${mine.id}`), 404, 'not_found');
    const other = (await sysadmin.client.get('/api/v1/auth/sessions')).json.items[0];
    assertProblem(await admin.request('DELETE', `/api/v1/users/${rep.user.id}/sessions/${other.id}`), 404, 'not_found',
      'a session of another user is not found under this one');
  });

  test('lists a user\'s tokens and revokes one', async () => {
    const issued = await rep.client.post('/api/v1/auth/tokens', { json: { name: '同步', permissions: ['customer.read'] } });
    assert.equal(issued.status, 201, issued.text);
    const tokens = (await admin.get(`/api/v1/users/${rep.user.id}/tokens`)).json.items;
    assert.deepEqual(tokens.map((t) => [t.id, t.name, t.revoked_at]), [[issued.json.id, '同步', null]]);
    assert.ok(!('token' in tokens[0]), 'the secret is never shown again');
    assert.equal((await admin.request('DELETE', `/api/v1/users/${rep.user.id}/tokens/${issued.json.id}`)).status, 204);
    const bearer = await new Client(srv.url).request('GET', '/api/v1/auth/me', { headers: { Authorization: `Bearer ${issued.json.token}` } });
    assert.equal(bearer.status, 401);
    assert.ok((await admin.get(`/api/v1/users/${rep.user.id}/tokens`)).json.items[0].revoked_at > 0);
  });

  test('unknown users are 404; 三员分立 keeps the system administrator off the auditor\'s access', async () => {
    assertProblem(await admin.get('/api/v1/users/987654/sessions'), 404, 'not_found');
    assertProblem(await sysadmin.client.get(`/api/v1/users/${auditor.user.id}/sessions`), 403, 'forbidden');
    assertProblem(await sysadmin.client.get(`/api/v1/users/${auditor.user.id}/tokens`), 403, 'forbidden');
    assert.equal((await sysadmin.client.get(`/api/v1/users/${rep.user.id}/sessions`)).status, 200);
    assertProblem(await rep.client.get(`/api/v1/users/${rep.user.id}/sessions`), 403, 'forbidden');
  });

  test('ending a session and revoking a token are audited as the administrator\'s acts', async () => {
    const events = (await auditor.client.get('/api/v1/audit/events?user_id=1')).json.items
      .filter((e) => e.action === 'session.revoked' || e.action === 'api_token.revoked');
    assert.deepEqual(events.map((e) => [e.action, e.detail.user, e.detail.by_administrator]).sort(),
      [['api_token.revoked', 'ua.rep', true], ['session.revoked', 'ua.rep', true]]);
  });
});

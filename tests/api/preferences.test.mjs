// A user's own page settings on the server (issue 3 point 7: the customer
// list's saved column layout follows the user to another browser).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { Client, USER_PASSWORD, adminClient, assertProblem, createUser } from './lib.mjs';

let srv;
let admin;
let sales;
before(async () => {
  srv = await startServer();
  admin = await adminClient(srv);
  sales = await createUser(srv, admin, 'pref.sales', { roles: ['salesperson'] });
});
after(async () => { if (srv) await srv.stop(); });

const KEY = '/api/v1/preferences/customer_list.columns';

describe('user preferences', () => {
  test('unset, then saved, then read back from another session of the same user only', async () => {
    const empty = await sales.client.get(KEY);
    assert.equal(empty.status, 200, empty.text);
    assert.deepEqual(empty.json, { key: 'customer_list.columns', value: null, updated_at: null });
    const columns = ['code', 'name', 'grade', 'custom.contract_no'];
    const saved = await sales.client.request('PUT', KEY, { json: { value: columns } });
    assert.equal(saved.status, 200, saved.text);
    assert.deepEqual(saved.json.value, columns);
    assert.equal(typeof saved.json.updated_at, 'number');

    const phone = new Client(srv.url);
    await phone.mustLogin('pref.sales', USER_PASSWORD);
    assert.deepEqual((await phone.get(KEY)).json.value, columns);
    assert.equal((await admin.get(KEY)).json.value, null, 'another user has their own');

    const cleared = await phone.request('PUT', KEY, { json: { value: null } });
    assert.equal(cleared.json.value, null);
    assert.equal((await sales.client.get(KEY)).json.value, null);
  });

  test('bad keys, bodies and sizes are refused; CSRF is needed', async () => {
    assertProblem(await sales.client.get('/api/v1/preferences/Bad%20Key'), 404, 'not_found');
    assertProblem(await sales.client.request('PUT', KEY, { json: { columns: [] } }), 422, 'validation_failed');
    assertProblem(await sales.client.request('PUT', KEY, { json: { value: 'x'.repeat(17 * 1024) } }), 422, 'validation_failed');
    assertProblem(await sales.client.request('PUT', KEY, { json: { value: [] }, csrf: false }), 403, 'csrf_failed');
    assertProblem(await new Client(srv.url).get(KEY), 401, 'unauthenticated');
  });
});

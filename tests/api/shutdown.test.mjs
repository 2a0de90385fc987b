// Graceful shutdown: SIGTERM during a stream of requests ends the process
// within 5 s with exit code 0 and no request cut mid-response.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { startServer } from '../lib/server.mjs';
import { ADMIN_PASSWORD, connectionRefused, parseResponses, rawExchange, responsesReceived, sleep } from './lib.mjs';

function exitOf(srv) {
  return new Promise((resolve) => {
    if (srv.proc.exitCode !== null || srv.proc.signalCode !== null) {
      resolve({ code: srv.proc.exitCode, signal: srv.proc.signalCode, at: Date.now() });
    } else {
      srv.proc.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() }));
    }
  });
}

/** The promise's value, or null if it takes longer than ms (the timer does not linger). */
async function within(promise, ms) {
  let timer;
  const timeout = new Promise((resolve) => { timer = setTimeout(() => resolve(null), ms); });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const CONNECTION_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE']);

/**
 * One HTTP request with node:http. Resolves (never rejects) with
 * {status, body, complete} or {error, afterResponse} where afterResponse says
 * whether any response bytes had arrived before the failure.
 */
function request(url, { method = 'GET', headers = {}, body, agent = false, onSent } = {}) {
  return new Promise((resolve) => {
    let responded = false;
    const req = http.request(url, { method, headers, agent }, (res) => {
      responded = true;
      const chunks = [];
      res.on('data', (d) => chunks.push(d));
      res.on('error', (error) => resolve({ error, afterResponse: true }));
      res.on('aborted', () => resolve({ error: new Error('response aborted'), afterResponse: true }));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString('utf8'), complete: res.complete }));
    });
    req.on('error', (error) => resolve({ error, afterResponse: responded }));
    if (onSent) {
      let connected = false;
      let finished = false;
      const check = () => { if (connected && finished) onSent(); };
      req.on('socket', (s) => {
        if (!s.connecting) { connected = true; check(); } else s.once('connect', () => { connected = true; check(); });
      });
      req.on('finish', () => { finished = true; check(); });
    }
    req.end(body);
  });
}

test('SIGTERM during concurrent logins: every sent request gets a complete 200, exit 0 within 5 s, then connections are refused', async (t) => {
  const srv = await startServer();
  t.after(() => srv.stop());
  const exited = exitOf(srv);
  const N = 8;
  const body = JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD });
  const sent = [];
  const results = [];
  for (let i = 0; i < N; i++) {
    let markSent;
    sent.push(new Promise((r) => { markSent = r; }));
    results.push(request(srv.url + '/api/v1/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) },
      body,
      onSent: markSent,
    }));
  }
  await Promise.all(sent);
  await sleep(30);
  const killedAt = Date.now();
  srv.proc.kill('SIGTERM');

  await sleep(100);
  if (srv.proc.exitCode === null && srv.proc.signalCode === null) {
    assert.ok(await connectionRefused(srv.url), 'new connections are refused while shutting down');
  }

  const outcomes = await Promise.all(results);
  for (const [i, o] of outcomes.entries()) {
    assert.ok(!o.error, `request ${i} failed: ${o.error?.code || ''} ${o.error?.message}`);
    assert.equal(o.status, 200, `request ${i}: ${o.body}`);
    assert.ok(o.complete, `request ${i} complete`);
    const json = JSON.parse(o.body);
    assert.equal(json.user.username, 'admin');
    assert.equal(typeof json.csrf_token, 'string');
  }
  const exit = await within(exited, 6000);
  assert.ok(exit, 'process exited');
  assert.equal(exit.signal, null, 'not killed by a signal');
  assert.equal(exit.code, 0);
  assert.ok(exit.at - killedAt < 5000, `exited ${exit.at - killedAt} ms after SIGTERM`);
  assert.ok(await connectionRefused(srv.url), 'connection refused after exit');
  assert.ok(srv.logs.some((l) => l.includes('"msg":"stopped"')), 'logged "stopped"');
});

test('SIGTERM during a stream of keep-alive requests: no truncated response, only clean connection errors', async (t) => {
  const srv = await startServer();
  t.after(() => srv.stop());
  const exited = exitOf(srv);
  const CLIENTS = 4;
  let signalled = false;
  let exitedFlag = false;
  exited.then(() => { exitedFlag = true; });
  const stats = { ok: 0, okBeforeSignal: 0, okAfterSignal: 0, errors: [] };
  const bad = [];

  async function client(id) {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const deadline = Date.now() + 10000;
      while (Date.now() < deadline) {
        const o = await request(srv.url + '/healthz', { agent, headers: { 'X-Request-Id': `c${id}-${stats.ok}` } });
        if (o.error) {
          if (o.afterResponse || !CONNECTION_ERRORS.has(o.error.code)) {
            bad.push(`client ${id}: ${o.error.code || ''} ${o.error.message} (afterResponse=${o.afterResponse})`);
          }
          stats.errors.push(o.error.code);
          if (!signalled) bad.push(`client ${id}: error before SIGTERM: ${o.error.code} ${o.error.message}`);
          if (exitedFlag && o.error.code === 'ECONNREFUSED') return;
          await sleep(10);
          continue;
        }
        let parsed = null;
        try { parsed = JSON.parse(o.body); } catch { /* reported below */ }
        if (o.status !== 200 || !o.complete || parsed?.status !== 'ok') {
          bad.push(`client ${id}: bad response ${o.status} complete=${o.complete} ${JSON.stringify(o.body)}`);
        }
        stats.ok++;
        if (signalled) stats.okAfterSignal++; else stats.okBeforeSignal++;
      }
      bad.push(`client ${id}: still getting answers 10 s later`);
    } finally {
      agent.destroy();
    }
  }

  const loops = Array.from({ length: CLIENTS }, (_, i) => client(i));
  await sleep(400);
  signalled = true;
  const killedAt = Date.now();
  srv.proc.kill('SIGTERM');
  await Promise.all(loops);
  const exit = await within(exited, 6000);

  assert.deepEqual(bad, [], JSON.stringify(stats));
  assert.ok(stats.okBeforeSignal >= 10, `requests flowed before SIGTERM: ${JSON.stringify(stats)}`);
  assert.ok(exit, 'process exited');
  assert.equal(exit.code, 0);
  assert.ok(exit.at - killedAt < 5000, `exited ${exit.at - killedAt} ms after SIGTERM`);
});

test('idle keep-alive connections do not hold up shutdown; SIGINT works like SIGTERM', async (t) => {
  const srv = await startServer();
  t.after(() => srv.stop());
  const exited = exitOf(srv);
  // One request, then the connection stays open and idle.
  const idle = await rawExchange(srv.url, ['GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n'], { until: responsesReceived(1), keepOpen: true });
  assert.equal(parseResponses(idle.data)[0].status, 200);
  let closedByServer = false;
  idle.socket.on('end', () => { closedByServer = true; });
  idle.socket.on('close', () => { closedByServer = true; });
  idle.socket.on('error', () => {});
  const killedAt = Date.now();
  srv.proc.kill('SIGINT');
  const exit = await within(exited, 6000);
  idle.socket.destroy();
  assert.ok(exit, 'process exited');
  assert.equal(exit.code, 0);
  assert.ok(exit.at - killedAt < 1500, `an idle connection should not delay exit (took ${exit.at - killedAt} ms)`);
  assert.ok(closedByServer, 'the idle connection was closed by the server');
});

// Request size limits, keep-alive and pipelining, slow clients.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { startServer } from '../lib/server.mjs';
import {
  HAN, assertProblem, parseResponses, parsedLogs, rawExchange, responsesReceived, sleep, waitForLog,
} from './lib.mjs';

async function healthy(url) {
  const res = await fetch(url + '/healthz');
  assert.equal(res.status, 200);
  assert.equal((await res.json()).status, 'ok');
}

function problemOf(raw) {
  assert.ok(raw && raw.complete, 'a complete response');
  assert.match(raw.headers['content-type'] || '', /^application\/problem\+json/);
  return JSON.parse(raw.body.toString('utf8'));
}

describe('body limit (GUANXI_MAX_BODY_BYTES=1024)', () => {
  let srv;
  before(async () => { srv = await startServer({ env: { GUANXI_MAX_BODY_BYTES: '1024' } }); });
  after(async () => { if (srv) await srv.stop(); });

  test('413 payload_too_large is sent before the body is read; the rest is drained; server keeps working', async (t) => {
    const big = Buffer.alloc(64 * 1024, 'a');
    const head = 'POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
      `Content-Length: ${big.length}\r\n\r\n`;
    // Only the header block is sent; the answer must come without the body.
    const r = await rawExchange(srv.url, [head], { until: responsesReceived(1), timeoutMs: 3000, keepOpen: true });
    const [res] = parseResponses(r.data);
    assert.ok(res?.complete, `answered before the body was sent (got ${JSON.stringify(r.data.toString())})`);
    assert.equal(res.status, 413);
    const p = problemOf(res);
    assert.equal(p.code, 'payload_too_large');
    assert.equal(p.status, 413);
    assert.match(p.detail, /1024/);
    assert.match(p.title + p.detail, HAN);
    assert.ok(res.headers['x-request-id']);
    // The server drains what the client still sends instead of resetting it.
    await new Promise((resolve, reject) => r.socket.write(big, (e) => (e ? reject(e) : resolve())));
    r.socket.destroy();
    await healthy(srv.url);
  });

  test('fetch POSTing 64 KiB gets the 413 problem (no connection reset), in English when asked', async (t) => {
    const body = JSON.stringify({ username: 'admin', password: 'x'.repeat(64 * 1024) });
    const res = await fetch(srv.url + '/api/v1/auth/login', {
      method: 'POST', headers: { 'Content-Type': 'application/json', 'Accept-Language': 'en' }, body,
    });
    const text = await res.text();
    assertProblem({ status: res.status, headers: res.headers, text, json: JSON.parse(text) }, 413, 'payload_too_large', { lang: 'en' });
    await healthy(srv.url);
  });

  test('a body of exactly the limit is accepted; one byte more is not', async (t) => {
    const make = (size) => {
      const base = JSON.stringify({ username: 'nobody', password: 'Wrong-Passw0rd!', pad: '' });
      return JSON.stringify({ username: 'nobody', password: 'Wrong-Passw0rd!', pad: 'p'.repeat(size - base.length) });
    };
    const exact = make(1024);
    assert.equal(Buffer.byteLength(exact), 1024);
    const ok = await fetch(srv.url + '/api/v1/auth/login', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: exact });
    await ok.arrayBuffer();
    assert.equal(ok.status, 401, 'a body of exactly the limit reaches the handler');
    const over = make(1025);
    const no = await fetch(srv.url + '/api/v1/auth/login', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: over });
    await no.arrayBuffer();
    assert.equal(no.status, 413);
  });

  test('a chunked body that grows past the limit → 413', async (t) => {
    const chunk = 'x'.repeat(512);
    const chunks = ['POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n'];
    for (let i = 0; i < 8; i++) chunks.push(`${chunk.length.toString(16)}\r\n${chunk}\r\n`);
    chunks.push('0\r\n\r\n');
    const r = await rawExchange(srv.url, chunks, { until: responsesReceived(1), timeoutMs: 3000 });
    const [res] = parseResponses(r.data);
    assert.equal(res?.status, 413, r.data.toString());
    assert.equal(problemOf(res).code, 'payload_too_large');
    await healthy(srv.url);
  });

  test('the rejected request gets a complete request log line (method, path, status, duration, user_id)', async () => {
    const res = await fetch(srv.url + '/api/v1/auth/login', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: 'x'.repeat(4096),
    });
    await res.arrayBuffer();
    assert.equal(res.status, 413);
    const id = res.headers.get('x-request-id');
    const lines = await waitForLog(srv, (l) => l.msg === 'request' && l.request_id === id);
    assert.equal(lines.length, 1, `one request log line for ${id}`);
    assert.equal(lines[0].status, 413);
    assert.equal(lines[0].method, 'POST', 'log line has the method');
    assert.equal(lines[0].path, '/api/v1/auth/login', 'log line has the path');
    assert.equal(typeof lines[0].duration_ms, 'number', 'log line has duration_ms');
    assert.ok('user_id' in lines[0] && lines[0].user_id === null, 'log line has user_id null');
  });

  test('the rejected request is counted in /metrics', async () => {
    const res = await fetch(srv.url + '/api/v1/auth/login', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: 'x'.repeat(4096),
    });
    await res.arrayBuffer();
    assert.equal(res.status, 413);
    const metrics = await (await fetch(srv.url + '/metrics')).text();
    assert.match(metrics, /^guanxi_http_requests_total\{[^}]*status="413"[^}]*\} [1-9]/m, 'a 413 series in metrics');
  });
});

describe('header limit (GUANXI_MAX_HEADER_BYTES=2048)', () => {
  let srv;
  before(async () => { srv = await startServer({ env: { GUANXI_MAX_HEADER_BYTES: '2048' } }); });
  after(async () => { if (srv) await srv.stop(); });

  test('an 8 KiB header → 431 headers_too_large; server keeps working', async (t) => {
    const res = await fetch(srv.url + '/healthz', { headers: { 'X-Big': 'h'.repeat(8 * 1024) } });
    const text = await res.text();
    const p = assertProblem({ status: res.status, headers: res.headers, text, json: JSON.parse(text) }, 431, 'headers_too_large');
    assert.ok(p.request_id);
    await healthy(srv.url);
    // Many small headers that add up count as well.
    const many = {};
    for (let i = 0; i < 100; i++) many[`X-H${i}`] = 'v'.repeat(40);
    const res2 = await fetch(srv.url + '/healthz', { headers: many });
    await res2.arrayBuffer();
    assert.equal(res2.status, 431);
    // Headers under the limit are fine.
    const res3 = await fetch(srv.url + '/healthz', { headers: { 'X-Small': 's'.repeat(1000) } });
    await res3.arrayBuffer();
    assert.equal(res3.status, 200);
  });

  test('raw: 431 arrives even though the client keeps sending header bytes', async (t) => {
    const r = await rawExchange(srv.url, [
      'GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ' + 'h'.repeat(8 * 1024), 50, 'h'.repeat(8 * 1024) + '\r\n\r\n',
    ], { until: responsesReceived(1), timeoutMs: 3000 });
    const [res] = parseResponses(r.data);
    assert.equal(res?.status, 431, r.data.toString());
    const p = problemOf(res);
    assert.equal(p.code, 'headers_too_large');
    await healthy(srv.url);
  });
});

describe('keep-alive', () => {
  let srv;
  before(async () => { srv = await startServer(); });
  after(async () => { if (srv) await srv.stop(); });

  test('several requests reuse one connection (node:http keep-alive agent)', async (t) => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    t.after(() => agent.destroy());
    const ports = [];
    const reused = [];
    for (let i = 0; i < 5; i++) {
      const path = i % 2 ? '/api/v1/nope' : '/healthz';
      const res = await new Promise((resolve, reject) => {
        const req = http.get(srv.url + path, { agent }, (r) => {
          let body = '';
          r.setEncoding('utf8');
          r.on('data', (d) => { body += d; });
          r.on('end', () => resolve({ status: r.statusCode, headers: r.headers, body }));
        });
        req.on('socket', (s) => {
          reused.push(req.reusedSocket);
          if (s.localPort) ports.push(s.localPort);
          else s.once('connect', () => ports.push(s.localPort));
        });
        req.on('error', reject);
      });
      assert.equal(res.status, i % 2 ? 404 : 200);
      assert.notEqual(res.headers.connection, 'close');
    }
    assert.deepEqual(reused, [false, true, true, true, true]);
    assert.equal(new Set(ports).size, 1, `one local port: ${ports}`);
  });

  test('two pipelined requests on one raw connection get two responses in order', async (t) => {
    const r = await rawExchange(srv.url, [
      'GET /healthz HTTP/1.1\r\nHost: x\r\nX-Request-Id: pipe-1\r\n\r\n' +
      'GET /api/v1/whatever HTTP/1.1\r\nHost: x\r\nX-Request-Id: pipe-2\r\n\r\n',
    ], { until: responsesReceived(2) });
    const rs = parseResponses(r.data);
    assert.equal(rs.length, 2, r.data.toString());
    assert.equal(rs[0].status, 200);
    assert.equal(rs[0].headers['x-request-id'], 'pipe-1');
    assert.equal(JSON.parse(rs[0].body).status, 'ok');
    assert.equal(rs[1].status, 404);
    assert.equal(rs[1].headers['x-request-id'], 'pipe-2');
    assert.ok(rs.every((x) => x.complete));
  });

  test('Connection: close and HTTP/1.0 get one response and the server closes', async (t) => {
    for (const req of ['GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', 'GET /healthz HTTP/1.0\r\n\r\n']) {
      const r = await rawExchange(srv.url, [req], { timeoutMs: 3000 });
      assert.ok(r.closed, 'server closed the connection');
      const rs = parseResponses(r.data);
      assert.equal(rs.length, 1);
      assert.equal(rs[0].status, 200);
      assert.ok(rs[0].complete);
    }
  });
});

describe('slow clients (GUANXI_READ_TIMEOUT_SECONDS=1)', { concurrency: true }, () => {
  let srv;
  before(async () => { srv = await startServer({ env: { GUANXI_READ_TIMEOUT_SECONDS: '1' } }); });
  after(async () => { if (srv) await srv.stop(); });

  test('half a request line is dropped within ~3 s while others are served', async (t) => {
    const slow = rawExchange(srv.url, ['GET /hea'], { timeoutMs: 6000 });
    await sleep(100);
    const start = Date.now();
    await healthy(srv.url);
    assert.ok(Date.now() - start < 800, 'another client is answered at once');
    const r = await slow;
    assert.ok(r.closed, 'the slow connection was closed by the server');
    assert.ok(r.elapsedMs < 3000, `closed after ${r.elapsedMs} ms`);
    assert.ok(r.elapsedMs >= 800, `not before the timeout (${r.elapsedMs} ms)`);
    assert.equal(r.data.length, 0, 'no response to a half request');
  });

  test('trickling one byte every 300 ms does not keep the connection open', async (t) => {
    const req = 'GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ' + 'z'.repeat(30);
    const chunks = [];
    for (const ch of req) chunks.push(ch, 300);
    const r = await rawExchange(srv.url, chunks, { timeoutMs: 8000 });
    assert.ok(r.closed, 'closed by the server');
    assert.ok(r.elapsedMs < 3000, `closed after ${r.elapsedMs} ms`);
    await healthy(srv.url);
  });

  test('an idle keep-alive connection is closed after the read timeout', async (t) => {
    const r = await rawExchange(srv.url, ['GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n'], { timeoutMs: 6000 });
    assert.ok(r.closed);
    assert.ok(r.elapsedMs < 3000, `closed after ${r.elapsedMs} ms`);
    const rs = parseResponses(r.data);
    assert.equal(rs[0]?.status, 200);
  });
});

describe('malformed requests', () => {
  let srv;
  before(async () => { srv = await startServer(); });
  after(async () => { if (srv) await srv.stop(); });

  test('garbage instead of HTTP closes the connection without killing the server', async (t) => {
    const r = await rawExchange(srv.url, ['\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03 not http at all\r\n\r\n'], { timeoutMs: 3000 });
    assert.ok(r.closed);
    const text = r.data.toString('latin1');
    assert.ok(text === '' || /^HTTP\/1\.1 400/.test(text), `closed, or 400: ${JSON.stringify(text)}`);
    await healthy(srv.url);
  });

  test('a request with an invalid target is logged like any other', async (t) => {
    const r = await rawExchange(srv.url, ['GET /api/v1/%zz HTTP/1.1\r\nHost: x\r\nX-Request-Id: bad-target-1\r\n\r\n'],
      { until: responsesReceived(1) });
    const [res] = parseResponses(r.data);
    assert.equal(res?.status, 400);
    assert.equal(res.headers['x-request-id'], 'bad-target-1');
    const lines = await waitForLog(srv, (l) => l.msg === 'request' && l.request_id === 'bad-target-1');
    assert.equal(lines.length, 1, `one request log line (have: ${JSON.stringify(parsedLogs(srv).filter((l) => l.msg === 'request'))})`);
    assert.equal(lines[0].status, 400);
    assert.equal(lines[0].method, 'GET');
  });
});

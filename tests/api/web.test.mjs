// Everything around the JSON API: the static SPA, /metrics, the request log
// and the OpenAPI document (served, and in agreement with the router).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer } from '../lib/server.mjs';
import {
  Client, parseResponses, rawExchange, repoRoot, responsesReceived, runCli, waitForLog,
} from './lib.mjs';

const webDir = join(repoRoot, 'web', 'dist');
const haveWeb = existsSync(join(webDir, 'index.html'));

let srv;
before(async () => { srv = await startServer(); });
after(async () => { if (srv) await srv.stop(); });

function assetNamed(ext) {
  const dir = join(webDir, 'assets');
  if (!existsSync(dir)) return null;
  const name = readdirSync(dir).find((f) => f.endsWith(ext));
  return name ? { path: '/assets/' + name, file: join(dir, name) } : null;
}

describe('static SPA', { skip: !haveWeb && 'web/dist is not built' }, () => {
  test('GET / → index.html, text/html, Cache-Control: no-cache', async () => {
    const res = await fetch(srv.url + '/');
    const body = await res.text();
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type'), /^text\/html/);
    assert.equal(res.headers.get('cache-control'), 'no-cache');
    assert.equal(body, readFileSync(join(webDir, 'index.html'), 'utf8'));
  });

  test('a client-side route gets the same index.html', async () => {
    for (const path of ['/some/client/route', '/customers/12', '/login']) {
      const res = await fetch(srv.url + path);
      const body = await res.text();
      assert.equal(res.status, 200, path);
      assert.match(res.headers.get('content-type'), /^text\/html/, path);
      assert.equal(res.headers.get('cache-control'), 'no-cache', path);
      assert.equal(body, readFileSync(join(webDir, 'index.html'), 'utf8'), path);
    }
  });

  for (const [ext, type] of [['.js', /^text\/javascript/], ['.css', /^text\/css/]]) {
    test(`an asset (${ext}) has its content type and an immutable cache header`, async (t) => {
      const asset = assetNamed(ext);
      if (!asset) return t.skip(`no ${ext} asset in web/dist/assets`);
      const res = await fetch(srv.url + asset.path);
      const body = Buffer.from(await res.arrayBuffer());
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type'), type);
      assert.equal(res.headers.get('cache-control'), 'public, max-age=31536000, immutable');
      assert.ok(body.equals(readFileSync(asset.file)), 'body is the file');
    });
  }

  test('a missing asset → 404 (not index.html)', async () => {
    for (const path of ['/assets/missing.js', '/assets/missing', '/favicon-missing.png']) {
      const res = await fetch(srv.url + path);
      const text = await res.text();
      assert.equal(res.status, 404, `${path}: ${text.slice(0, 80)}`);
      assert.doesNotMatch(text, /<html/i, path);
    }
  });

  test('path traversal never serves a file outside web/dist', async () => {
    // web/package.json sits right above web/dist: a classic target one level up.
    const marker = readFileSync(join(repoRoot, 'web', 'package.json'), 'utf8').slice(0, 40);
    const targets = [
      '/../../etc/passwd',
      '/../../../../../../etc/passwd',
      '/assets/../../../../../../etc/passwd',
      '/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
      '/assets/..%2f..%2f..%2f..%2f..%2fetc%2fpasswd',
      '/../package.json',
      '/assets/../../package.json',
      '/%2e%2e/package.json',
      '/./../package.json',
    ];
    for (const target of targets) {
      const r = await rawExchange(srv.url, [`GET ${target} HTTP/1.1\r\nHost: x\r\n\r\n`], { until: responsesReceived(1) });
      const [res] = parseResponses(r.data);
      assert.ok(res && res.complete, `${target}: a complete response`);
      const body = res.body.toString('utf8');
      assert.ok(res.status === 404 || res.status === 400, `${target} → ${res.status}`);
      assert.doesNotMatch(body, /root:.*:0:0:/, target);
      assert.ok(!body.includes(marker), `${target} served web/package.json`);
    }
    // A backslash is an ordinary character on POSIX: the SPA may answer it
    // like any client route, but never with the file.
    for (const target of ['/..%5c..%5c..%5c..%5cetc%5cpasswd', '/..\\..\\package.json']) {
      const r = await rawExchange(srv.url, [`GET ${target} HTTP/1.1\r\nHost: x\r\n\r\n`], { until: responsesReceived(1), timeoutMs: 3000 });
      const body = r.data.toString('utf8');
      assert.doesNotMatch(body, /root:.*:0:0:/, target);
      assert.ok(!body.includes(marker), `${target} served web/package.json`);
    }
  });

  test('HEAD / has headers and no body; POST / is not served', async () => {
    const head = await fetch(srv.url + '/', { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.match(head.headers.get('content-type'), /^text\/html/);
    assert.equal(await head.text(), '');
    const post = await fetch(srv.url + '/', { method: 'POST', body: 'x' });
    await post.arrayBuffer();
    assert.ok(post.status >= 400 && post.status < 500, `POST / → ${post.status}`);
  });
});

// ------------------------------------------------------------------ metrics

function metricValue(text, name, labels) {
  const want = Object.entries(labels);
  for (const line of text.split('\n')) {
    if (!line.startsWith(name + '{')) continue;
    const m = line.match(/^[^{]+\{(.*)\} (\S+)$/);
    if (!m) continue;
    const have = Object.fromEntries([...m[1].matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((x) => [x[1], x[2]]));
    if (want.every(([k, v]) => have[k] === v)) return Number(m[2]);
  }
  return undefined;
}

async function scrape() {
  const res = await fetch(srv.url + '/metrics');
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^text\/plain/);
  return res.text();
}

describe('GET /metrics', () => {
  test('counts requests by method, route pattern and status; the counter grows', async () => {
    for (let i = 0; i < 3; i++) await (await fetch(srv.url + '/healthz')).arrayBuffer();
    const first = await scrape();
    assert.match(first, /^# TYPE guanxi_http_requests_total counter$/m);
    assert.match(first, /^# TYPE guanxi_http_request_duration_seconds histogram$/m);
    const n1 = metricValue(first, 'guanxi_http_requests_total', { method: 'GET', route: '/healthz', status: '200' });
    assert.ok(n1 >= 3, `healthz counted: ${n1}`);
    for (let i = 0; i < 4; i++) await (await fetch(srv.url + '/healthz')).arrayBuffer();
    const second = await scrape();
    const n2 = metricValue(second, 'guanxi_http_requests_total', { method: 'GET', route: '/healthz', status: '200' });
    assert.equal(n2, n1 + 4);
  });

  test('the duration histogram has consistent buckets for /healthz', async () => {
    await (await fetch(srv.url + '/healthz')).arrayBuffer();
    const text = await scrape();
    const inf = metricValue(text, 'guanxi_http_request_duration_seconds_bucket', { method: 'GET', route: '/healthz', le: '+Inf' });
    const count = metricValue(text, 'guanxi_http_request_duration_seconds_count', { method: 'GET', route: '/healthz' });
    const sum = metricValue(text, 'guanxi_http_request_duration_seconds_sum', { method: 'GET', route: '/healthz' });
    assert.ok(inf >= 1, `+Inf bucket: ${inf}`);
    assert.equal(inf, count);
    assert.ok(sum >= 0);
    const buckets = text.split('\n')
      .filter((l) => l.startsWith('guanxi_http_request_duration_seconds_bucket{') && l.includes('route="/healthz"') && l.includes('method="GET"'))
      .map((l) => [l.match(/le="([^"]+)"/)[1], Number(l.split(' ').pop())]);
    assert.ok(buckets.length >= 5, 'several buckets');
    for (let i = 1; i < buckets.length; i++) assert.ok(buckets[i][1] >= buckets[i - 1][1], `cumulative buckets: ${buckets}`);
    assert.equal(buckets.at(-1)[0], '+Inf');
  });

  test('labels are route patterns, never concrete paths; errors are counted by status', async () => {
    const client = new Client(srv.url);
    await client.mustLogin();
    await client.get('/api/v1/auth/me');
    await (await fetch(srv.url + '/api/v1/auth/me')).arrayBuffer(); // 401
    await (await fetch(srv.url + '/api/v1/unknown-zq81x')).arrayBuffer();
    await (await fetch(srv.url + '/client/route-zq81x')).arrayBuffer();
    const text = await scrape();
    assert.ok(metricValue(text, 'guanxi_http_requests_total', { method: 'POST', route: '/api/v1/auth/login', status: '200' }) >= 1);
    assert.ok(metricValue(text, 'guanxi_http_requests_total', { method: 'GET', route: '/api/v1/auth/me', status: '200' }) >= 1);
    assert.ok(metricValue(text, 'guanxi_http_requests_total', { method: 'GET', route: '/api/v1/auth/me', status: '401' }) >= 1);
    assert.ok(!text.includes('zq81x'), 'a concrete unknown path never becomes a label');
    assert.ok(metricValue(text, 'guanxi_http_requests_total', { method: 'GET', status: '404' }) >= 1, '404s are counted');
  });
});

// ------------------------------------------------------------------ request log

describe('request log', () => {
  test('one JSON line per request with method, path, status, duration, user and request id', async () => {
    const res = await fetch(srv.url + '/healthz?x=1', { headers: { 'X-Request-Id': 'log-anon-1' } });
    await res.arrayBuffer();
    const lines = await waitForLog(srv, (l) => l.request_id === 'log-anon-1');
    assert.equal(lines.length, 1, 'exactly one line');
    const l = lines[0];
    assert.equal(l.msg, 'request');
    assert.equal(l.method, 'GET');
    assert.equal(l.path, '/healthz');
    assert.equal(l.status, 200);
    assert.equal(typeof l.duration_ms, 'number');
    assert.ok(l.duration_ms >= 0 && l.duration_ms < 10000);
    assert.equal(l.user_id, null);
    assert.equal(typeof l.ts, 'string');
    // Every line on stdout is JSON.
    for (const line of srv.logs) assert.doesNotThrow(() => JSON.parse(line), line);
  });

  test('user_id is the signed-in user on /me and null for failed or anonymous requests', async () => {
    const client = new Client(srv.url);
    const login = await client.mustLogin();
    const id = login.json.user.id;
    await client.get('/api/v1/auth/me', { headers: { 'X-Request-Id': 'log-me-1' } });
    await fetch(srv.url + '/api/v1/auth/me', { headers: { 'X-Request-Id': 'log-me-anon' } }).then((r) => r.arrayBuffer());
    await new Client(srv.url).login('admin', 'Wrong-Passw0rd!', { headers: { 'X-Request-Id': 'log-bad-login' } });
    const [me] = await waitForLog(srv, (l) => l.msg === 'request' && l.request_id === 'log-me-1');
    assert.ok(me, 'line for /me');
    assert.equal(me.user_id, id);
    assert.equal(me.path, '/api/v1/auth/me');
    assert.equal(me.status, 200);
    const [anon] = await waitForLog(srv, (l) => l.msg === 'request' && l.request_id === 'log-me-anon');
    assert.equal(anon.user_id, null);
    assert.equal(anon.status, 401);
    const [bad] = await waitForLog(srv, (l) => l.msg === 'request' && l.request_id === 'log-bad-login');
    assert.equal(bad.user_id, null);
    assert.equal(bad.status, 401);
    assert.equal(bad.method, 'POST');
    // Secrets never reach the log.
    const all = srv.logs.join('\n');
    assert.ok(!all.includes('Wrong-Passw0rd!'), 'no password in the log');
    assert.ok(!all.includes(client.cookies.get('guanxi_session')), 'no session token in the log');
    assert.ok(!all.includes(client.csrf), 'no CSRF token in the log');
  });
});

// ------------------------------------------------------------------ OpenAPI

/**
 * Reads `paths:` from an OpenAPI YAML document: paths at 2 spaces under
 * `paths:`, methods at 4 spaces. Returns a sorted list of "METHOD /path".
 */
function openapiOperations(yaml) {
  const methods = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);
  const ops = [];
  let inPaths = false;
  let path = null;
  for (const raw of yaml.split(/\r?\n/)) {
    const line = raw.replace(/\s+#.*$/, '');
    if (!line.trim() || line.trim().startsWith('#')) continue;
    if (/^\S/.test(line)) {
      inPaths = /^paths:\s*(\{\}\s*)?$/.test(line);
      path = null;
      continue;
    }
    if (!inPaths) continue;
    let m = line.match(/^ {2}(['"]?)(\/[^'":]*)\1:\s*$/);
    if (m) { path = m[2]; continue; }
    m = line.match(/^ {4}([a-z]+):/);
    if (m && path && methods.has(m[1])) ops.push(`${m[1].toUpperCase()} ${path}`);
  }
  return ops.sort();
}

async function routerOperations() {
  const res = await runCli(['routes']);
  assert.equal(res.code, 0, res.stderr);
  // Log lines (JSON) are not routes; cli.test.mjs checks stdout holds routes only.
  const ops = res.stdout.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('{'));
  for (const op of ops) assert.match(op, /^[A-Z]+ \/\S*$/, `routes line: ${op}`);
  return [...new Set(ops)].sort();
}

function compare(router, documented, where) {
  const missing = router.filter((op) => !documented.includes(op));
  const extra = documented.filter((op) => !router.includes(op));
  assert.deepEqual({ missingFromDocument: missing, notInRouter: extra }, { missingFromDocument: [], notInRouter: [] },
    `${where} and the router disagree`);
}

describe('OpenAPI', () => {
  test('GET /api/v1/openapi.yaml serves a YAML OpenAPI document', async () => {
    const res = await fetch(srv.url + '/api/v1/openapi.yaml');
    const text = await res.text();
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type'), /yaml/);
    assert.match(text, /^openapi: ["']?3\.\d+\.\d+/m);
    assert.match(text, /^paths:/m);
  });

  test('the parser used below reads paths and methods', () => {
    const doc = 'openapi: 3.1.0\npaths:\n  /a:\n    get:\n      summary: x\n    post:\n      x: 1\n  "/b/{id}":\n    # c\n    delete:\n      y: 2\ncomponents:\n  schemas:\n    get:\n      z: 1\n';
    assert.deepEqual(openapiOperations(doc), ['DELETE /b/{id}', 'GET /a', 'POST /a']);
  });

  test('docs/openapi.yaml lists exactly the routes the binary has (`guanxi routes`)', async () => {
    const router = await routerOperations();
    assert.ok(router.includes('GET /healthz') && router.includes('POST /api/v1/auth/login'), `routes: ${router}`);
    const documented = openapiOperations(readFileSync(join(repoRoot, 'docs', 'openapi.yaml'), 'utf8'));
    compare(router, documented, 'docs/openapi.yaml');
  });

  test('each operation states the access and permissions the router enforces (`guanxi routes --rules`)', async () => {
    const res = await runCli(['routes', '--rules']);
    assert.equal(res.code, 0, res.stderr);
    const enforced = Object.fromEntries(res.stdout.trim().split('\n').map((line) => {
      const [method, pattern, access, perms] = line.split(' ');
      return [`${method} ${pattern}`, `${access} ${perms === '-' ? '' : perms.split('|').sort().join(',')}`];
    }));
    // A line reader for the two extensions inside each operation block.
    const stated = {};
    let path = null;
    let op = null;
    for (const line of readFileSync(join(repoRoot, 'docs', 'openapi.yaml'), 'utf8').split('\n')) {
      if (/^\S/.test(line)) { path = null; op = null; }
      let m = line.match(/^ {2}(["']?)(\/[^"':]*)\1:\s*$/);
      if (m) { path = m[2]; op = null; continue; }
      m = line.match(/^ {4}(get|post|put|patch|delete):/);
      if (m && path) { op = `${m[1].toUpperCase()} ${path}`; stated[op] = { access: 'public', perms: '' }; continue; }
      if (!op) continue;
      m = line.match(/^ {6}x-guanxi-access: (\S+)/);
      if (m) stated[op].access = m[1];
      m = line.match(/^ {6}x-guanxi-permissions: \[(.*)\]/);
      if (m) stated[op].perms = m[1].split(',').map((p) => p.trim()).filter(Boolean).sort().join(',');
    }
    const wrong = Object.entries(enforced)
      .filter(([key, rule]) => `${stated[key]?.access} ${stated[key]?.perms}` !== rule)
      .map(([key, rule]) => `${key}: router "${rule}", document "${stated[key]?.access} ${stated[key]?.perms}"`);
    assert.deepEqual(wrong, []);
  });

  test('the served document lists exactly the routes the binary has', async () => {
    const router = await routerOperations();
    const served = await (await fetch(srv.url + '/api/v1/openapi.yaml')).text();
    compare(router, openapiOperations(served), 'the served /api/v1/openapi.yaml');
  });
});

// Shared helpers for the black-box HTTP API tests: a small client with a
// cookie jar and the CSRF token, raw-socket HTTP for cases fetch cannot
// express, problem+json assertions, the CLI runner and database helpers.
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { binary, engine, repoRoot, startServer, ADMIN_PASSWORD } from '../lib/server.mjs';

export { binary, engine, repoRoot, ADMIN_PASSWORD };

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export const HAN = /[\u4e00-\u9fff]/;
export const ASCII = /^[\x20-\x7e]*$/;
export const TOKEN_43 = /^[A-Za-z0-9_-]{43}$/;

/** Starts a server through the shared helper and stops it when the test `t` ends. */
export async function serverFor(t, opts) {
  const srv = await startServer(opts);
  t.after(() => srv.stop());
  return srv;
}

/** A tiny HTTP client: remembers cookies and the CSRF token from login/me. */
export class Client {
  constructor(baseUrl, { lang } = {}) {
    this.baseUrl = baseUrl;
    this.cookies = new Map();
    this.csrf = null;
    this.lang = lang;
  }

  cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  /**
   * @param {string} method
   * @param {string} path
   * @param {{json?: any, body?: any, headers?: Record<string,string>, csrf?: boolean|string}} opts
   *   csrf: true (default) sends the remembered token on state-changing methods,
   *   false omits it, a string sends that value.
   */
  async request(method, path, opts = {}) {
    const headers = { ...(opts.headers || {}) };
    if (this.lang && !('accept-language' in lowerKeys(headers))) headers['Accept-Language'] = this.lang;
    const cookie = this.cookieHeader();
    if (cookie) headers.Cookie = cookie;
    let body = opts.body;
    if (opts.json !== undefined) {
      body = JSON.stringify(opts.json);
      if (!('content-type' in lowerKeys(headers))) headers['Content-Type'] = 'application/json';
    }
    const csrf = opts.csrf === undefined ? true : opts.csrf;
    if (method !== 'GET' && method !== 'HEAD') {
      if (typeof csrf === 'string') headers['X-CSRF-Token'] = csrf;
      else if (csrf && this.csrf) headers['X-CSRF-Token'] = this.csrf;
    }
    const res = await fetch(this.baseUrl + path, { method, headers, body, redirect: 'manual' });
    const text = await res.text();
    for (const sc of res.headers.getSetCookie()) {
      const [pair] = sc.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (value === '' || /max-age=0/i.test(sc)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    let json;
    const type = res.headers.get('content-type') || '';
    if (type.includes('json') && text) json = JSON.parse(text);
    if (json && typeof json.csrf_token === 'string') this.csrf = json.csrf_token;
    return { status: res.status, headers: res.headers, text, json, setCookies: res.headers.getSetCookie() };
  }

  get(path, opts) { return this.request('GET', path, opts); }
  post(path, opts) { return this.request('POST', path, opts); }

  async login(username = 'admin', password = ADMIN_PASSWORD, opts = {}) {
    return this.post('/api/v1/auth/login', { ...opts, json: { username, password } });
  }

  async mustLogin(username = 'admin', password = ADMIN_PASSWORD) {
    const res = await this.login(username, password);
    assert.equal(res.status, 200, `login as ${username}: ${res.text}`);
    return res;
  }
}

function lowerKeys(obj) {
  return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k.toLowerCase(), v]));
}

/**
 * Asserts an RFC 9457 problem response with our fields.
 * lang: 'zh' (default) or 'en' — checks the texts are in that language.
 */
export function assertProblem(res, status, code, { lang = 'zh' } = {}) {
  const ctx = `${res.status} ${res.text}`;
  assert.equal(res.status, status, ctx);
  assert.match(res.headers.get('content-type') || '', /^application\/problem\+json/, ctx);
  const p = res.json;
  assert.ok(p && typeof p === 'object', ctx);
  assert.equal(p.status, status, ctx);
  assert.equal(p.code, code, ctx);
  assert.equal(typeof p.type, 'string', ctx);
  assert.ok(p.type.length > 0, ctx);
  assert.equal(typeof p.title, 'string', ctx);
  assert.equal(typeof p.detail, 'string', ctx);
  assert.ok(p.title.length > 0 && p.detail.length > 0, ctx);
  assert.equal(typeof p.request_id, 'string', ctx);
  assert.equal(p.request_id, res.headers.get('x-request-id'), 'problem request_id equals X-Request-Id header');
  if (lang === 'zh') {
    assert.match(p.title, HAN, `Chinese title expected: ${ctx}`);
    assert.match(p.detail, HAN, `Chinese detail expected: ${ctx}`);
  } else {
    assert.match(p.title, ASCII, `English (ASCII) title expected: ${ctx}`);
    assert.match(p.detail, ASCII, `English (ASCII) detail expected: ${ctx}`);
    assert.doesNotMatch(p.title + p.detail, HAN, ctx);
  }
  return p;
}

// ---------------------------------------------------------------- raw HTTP

/**
 * Opens a TCP connection to the server and writes `chunks` (strings/Buffers;
 * a number in the list means "pause that many ms"). Resolves when the server
 * closes the connection, when until(buffer) is true, or after timeoutMs.
 * @returns {Promise<{data: Buffer, closed: boolean, error: Error|null, elapsedMs: number, socket: net.Socket}>}
 */
export function rawExchange(baseUrl, chunks, { timeoutMs = 5000, until, keepOpen = false } = {}) {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = net.connect({ host: hostname, port: Number(port) });
    const parts = [];
    let done = false;
    let closed = false;
    let error = null;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (!keepOpen) socket.destroy();
      resolve({ data: Buffer.concat(parts), closed, error, elapsedMs: Date.now() - started, socket });
    };
    const timer = setTimeout(finish, timeoutMs);
    socket.on('data', (d) => {
      parts.push(d);
      if (until && until(Buffer.concat(parts))) finish();
    });
    socket.on('error', (e) => { error = e; });
    socket.on('close', () => { closed = true; finish(); });
    socket.on('end', () => { closed = true; finish(); });
    socket.on('connect', async () => {
      for (const c of chunks) {
        if (done) return;
        if (typeof c === 'number') await sleep(c);
        else socket.write(c);
      }
    });
  });
}

/**
 * Parses consecutive HTTP/1.1 responses (Content-Length framed) from a buffer.
 * Each: {status, headers: Record<lowercase, string>, body: Buffer, complete}.
 */
export function parseResponses(buf, { head = false } = {}) {
  const out = [];
  let pos = 0;
  while (pos < buf.length) {
    const end = buf.indexOf('\r\n\r\n', pos);
    if (end < 0) {
      out.push({ status: null, headers: {}, body: buf.subarray(pos), complete: false });
      break;
    }
    const lines = buf.subarray(pos, end).toString('latin1').split('\r\n');
    const m = lines[0].match(/^HTTP\/1\.[01] (\d{3})/);
    const headers = {};
    for (const line of lines.slice(1)) {
      const i = line.indexOf(':');
      const k = line.slice(0, i).trim().toLowerCase();
      const v = line.slice(i + 1).trim();
      headers[k] = headers[k] !== undefined ? headers[k] + ', ' + v : v;
    }
    const status = m ? Number(m[1]) : null;
    const bodyStart = end + 4;
    const noBody = head || status === 204 || status === 304;
    const length = noBody ? 0 : Number(headers['content-length'] ?? NaN);
    if (Number.isNaN(length)) {
      out.push({ status, headers, body: buf.subarray(bodyStart), complete: false });
      break;
    }
    const body = buf.subarray(bodyStart, bodyStart + length);
    out.push({ status, headers, body, complete: body.length === length });
    pos = bodyStart + length;
  }
  return out;
}

/** until() predicate for rawExchange: n complete responses received. */
export const responsesReceived = (n, opts) => (buf) => {
  const rs = parseResponses(buf, opts);
  return rs.filter((r) => r.complete).length >= n;
};

/** Resolves true if a TCP connection to the server is refused. */
export function connectionRefused(baseUrl, timeoutMs = 2000) {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve) => {
    const s = net.connect({ host: hostname, port: Number(port) });
    const timer = setTimeout(() => { s.destroy(); resolve(false); }, timeoutMs);
    s.on('connect', () => { clearTimeout(timer); s.destroy(); resolve(false); });
    s.on('error', (e) => { clearTimeout(timer); resolve(e.code === 'ECONNREFUSED'); });
  });
}

// ---------------------------------------------------------------- logs

/** Waits until a log line (parsed JSON) matching pred shows up in srv.logs. */
export async function waitForLog(srv, pred, timeoutMs = 3000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = parsedLogs(srv).filter(pred);
    if (found.length) return found;
    if (Date.now() > deadline) return [];
    await sleep(25);
  }
}

export function parsedLogs(srv) {
  const out = [];
  for (const line of srv.logs) {
    try { out.push(JSON.parse(line)); } catch { /* not JSON */ }
  }
  return out;
}

// ---------------------------------------------------------------- database + CLI

/** The database URL a running server uses (PostgreSQL mode), or null for SQLite. */
export function databaseUrlOf(srv) {
  if (engine() !== 'postgres') return null;
  return srv.databaseUrl;
}

/**
 * CLI flags that point `guanxi` at the same database as a running server.
 * style 'equals' gives --flag=value (robust for every subcommand), 'space'
 * gives --flag value (what people type).
 */
export function cliDbArgs(srv, style = 'equals') {
  const url = databaseUrlOf(srv);
  const pairs = [['--data-dir', srv.dataDir]];
  if (url) pairs.push(['--database-url', url]);
  return style === 'space' ? pairs.flat() : pairs.map(([k, v]) => `${k}=${v}`);
}

/** A fresh, empty database for CLI tests: {args, dataDir, url, cleanup}. */
export function freshDatabase() {
  const dataDir = mkdtempSync(join(tmpdir(), 'guanxi-cli-'));
  let url = null;
  const adminUrl = process.env.GUANXI_TEST_PG_ADMIN_URL;
  let name = null;
  if (adminUrl) {
    name = 'c_' + randomBytes(6).toString('hex');
    execFileSync('psql', [adminUrl, '-v', 'ON_ERROR_STOP=1', '-qc', `CREATE DATABASE ${name}`]);
    const u = new URL(adminUrl);
    u.pathname = '/' + name;
    url = u.toString();
  }
  return {
    dataDir,
    url,
    args: url ? ['--data-dir', dataDir, '--database-url', url] : ['--data-dir', dataDir],
    cleanup() {
      rmSync(dataDir, { recursive: true, force: true });
      if (name) {
        try {
          execFileSync('psql', [adminUrl, '-qc', `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`], { stdio: 'ignore' });
        } catch { /* best effort */ }
      }
    },
  };
}

/** Runs SQL against the server's database (sqlite3 CLI or psql). */
export function runSql(srv, sql) {
  const url = databaseUrlOf(srv);
  if (url) return execFileSync('psql', [url, '-v', 'ON_ERROR_STOP=1', '-qAtc', sql], { encoding: 'utf8' });
  return execFileSync('sqlite3', ['-cmd', '.timeout 5000', join(srv.dataDir, 'guanxi.db'), sql], { encoding: 'utf8' });
}

/**
 * Runs build/guanxi with args; env adds to a copy of the environment from which
 * every GUANXI_* variable was removed (so nothing leaks in from the shell).
 * @returns {Promise<{code: number|null, signal: string|null, stdout: string, stderr: string, timedOut: boolean}>}
 */
export function runCli(args, { env = {}, input, timeoutMs = 20000 } = {}) {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('GUANXI_')));
  return new Promise((resolve) => {
    const child = spawn(binary, args, { env: { ...base, ...env }, stdio: ['pipe', 'pipe', 'pipe'], cwd: tmpdir() });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    const timer = setTimeout(() => { timedOut = true; child.kill('SIGKILL'); }, timeoutMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, timedOut });
    });
    if (input !== undefined) child.stdin.end(input);
    else child.stdin.end();
  });
}

/** `guanxi user add` against a running server's database; asserts success. */
export async function addUser(srv, username, password, { displayName, roles = [] } = {}) {
  const args = ['user', 'add', username, ...cliDbArgs(srv)];
  if (displayName) args.push('--display-name', displayName);
  for (const r of roles) args.push('--role', r);
  const res = await runCli(args, { env: { GUANXI_PASSWORD: password } });
  assert.equal(res.code, 0, `guanxi user add ${username}: ${res.stderr}${res.stdout}`);
  return res;
}

// ---------------------------------------------------------------- people

export const USER_PASSWORD = 'Staff-Passw0rd!';

/** A client signed in as the bootstrap admin (system + security administrator). */
export async function adminClient(srv, opts) {
  const admin = new Client(srv.url, opts);
  await admin.mustLogin();
  return admin;
}

/**
 * Creates a user through the API as `admin` (no forced password change) and
 * returns {user, client} with the client signed in as that user.
 */
export async function createUser(srv, admin, username, { roles = [], unitId, managerId, displayName } = {}) {
  const json = {
    username, display_name: displayName || username, password: USER_PASSWORD, roles, must_change_password: false,
  };
  if (unitId !== undefined) json.unit_id = unitId;
  if (managerId !== undefined) json.manager_id = managerId;
  const res = await admin.post('/api/v1/users', { json });
  assert.equal(res.status, 201, `create ${username}: ${res.text}`);
  const client = new Client(srv.url);
  await client.mustLogin(username, USER_PASSWORD);
  return { user: res.json, client };
}

/** The root unit of the organization tree. */
export async function rootUnit(client) {
  const res = await client.get('/api/v1/org-units');
  assert.equal(res.status, 200, res.text);
  const root = res.json.items.find((u) => u.parent_id === null);
  assert.ok(root, `a root unit: ${res.text}`);
  return root;
}

/** Creates an org unit as `admin`; asserts 201. */
export async function createUnit(admin, name, parentId, kind = 'department') {
  const res = await admin.post('/api/v1/org-units', { json: { name, kind, parent_id: parentId } });
  assert.equal(res.status, 201, `create unit ${name}: ${res.text}`);
  return res.json;
}

// Starts the real `build/guanxi` binary on a free loopback port with a fresh
// data directory, for black-box API and browser tests.
// Database: SQLite under the temp dir by default; when GUANXI_TEST_PG_ADMIN_URL
// is set (postgres URL of a throwaway cluster started by scripts/pg-test.sh),
// each server gets its own freshly created PostgreSQL database.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const binary = process.env.GUANXI_BINARY || join(repoRoot, 'build', 'guanxi');
export const ADMIN_PASSWORD = 'Admin-Passw0rd!';

function createPgDatabase() {
  const adminUrl = process.env.GUANXI_TEST_PG_ADMIN_URL;
  if (!adminUrl) return null;
  const name = 't_' + randomBytes(6).toString('hex');
  execFileSync('psql', [adminUrl, '-v', 'ON_ERROR_STOP=1', '-qc', `CREATE DATABASE ${name}`]);
  const url = new URL(adminUrl);
  url.pathname = '/' + name;
  return url.toString();
}

export function engine() {
  return process.env.GUANXI_TEST_PG_ADMIN_URL ? 'postgres' : 'sqlite';
}

/**
 * @param {{env?: Record<string,string>, args?: string[]}} opts
 * @returns {Promise<{url: string, proc: import('node:child_process').ChildProcess,
 *   dataDir: string, databaseUrl: string, logs: string[],
 *   stop: (signal?: string) => Promise<number|null>}>}
 */
export async function startServer(opts = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'guanxi-test-'));
  const env = {
    ...process.env,
    GUANXI_ADMIN_PASSWORD: ADMIN_PASSWORD,
    GUANXI_WEB_DIR: join(repoRoot, 'web', 'dist'),
    ...(opts.env || {}),
  };
  delete env.GUANXI_DATABASE_URL;
  const dbUrl = createPgDatabase();
  if (dbUrl) env.GUANXI_DATABASE_URL = dbUrl;
  const args = ['serve', '--listen', '127.0.0.1:0', '--data-dir', dataDir, ...(opts.args || [])];
  const proc = spawn(binary, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const logs = [];
  let exited = null;
  const exitPromise = new Promise((res) => proc.on('exit', (code, sig) => { exited = { code, sig }; res(code); }));
  const url = await new Promise((res, rej) => {
    const timer = setTimeout(() => rej(new Error('server did not start:\n' + logs.join('\n'))), 20000);
    let buf = '';
    const onData = (chunk) => {
      buf += chunk.toString();
      let i;
      while ((i = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, i); buf = buf.slice(i + 1);
        logs.push(line);
        const m = line.match(/"msg":"listening","address":"([^"]+)"/);
        if (m) { clearTimeout(timer); res('http://' + m[1]); }
      }
    };
    proc.stdout.on('data', onData);
    proc.stderr.on('data', onData);
    proc.on('exit', () => { clearTimeout(timer); rej(new Error('server exited:\n' + logs.join('\n'))); });
    // A missing or half-built binary: fail this test, not the whole run.
    proc.on('error', (err) => {
      clearTimeout(timer);
      rmSync(dataDir, { recursive: true, force: true });
      rej(new Error(`cannot start ${binary}: ${err.message}`));
    });
  });
  return {
    url, proc, dataDir, logs,
    databaseUrl: dbUrl || `sqlite:${join(dataDir, 'guanxi.db')}`,
    async stop(signal = 'SIGTERM') {
      if (!exited) proc.kill(signal);
      const code = await exitPromise;
      rmSync(dataDir, { recursive: true, force: true });
      return code;
    },
  };
}

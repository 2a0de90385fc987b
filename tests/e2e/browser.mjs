// Shared helpers for the browser tests: Debian's chromium driven by playwright-core, and
// the API calls the tests use to set up users and records (or to change one "meanwhile").
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.GUANXI_CHROMIUM || '/usr/bin/chromium';
export const ARTIFACTS = join(dirname(fileURLToPath(import.meta.url)), 'artifacts');

export const DESKTOP = { width: 1440, height: 900 };
export const PHONE = { width: 390, height: 844 };

/**
 * A fresh browser profile (no cookies, no localStorage) with one page.
 * playwright-core refuses --user-data-dir in args, hence launchPersistentContext;
 * the background-networking flags stop Chromium from calling out to a closed network.
 */
export async function openBrowser({ viewport = DESKTOP, mobile = false } = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'guanxi-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport,
    deviceScaleFactor: mobile ? 2 : 1,
    isMobile: mobile,
    hasTouch: mobile,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  context.setDefaultTimeout(10_000);
  const page = context.pages()[0] ?? await context.newPage();
  const pageErrors = [];
  page.on('pageerror', (err) => pageErrors.push(String(err?.stack || err)));
  return {
    context,
    page,
    /** Uncaught exceptions thrown by the app's JavaScript. */
    pageErrors,
    async close() {
      await context.close().catch(() => {});
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Saves tests/e2e/artifacts/<name>.png (the folder is created on first use). */
export async function screenshot(page, name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** Width of the whole document; more than the viewport means horizontal scrolling. */
export function documentScrollWidth(page) {
  return page.evaluate(() => document.documentElement.scrollWidth);
}

/**
 * Signs in through the API (not the page): the session remembers the server's URL, its
 * cookie and its CSRF token for `api`.
 */
export async function apiLogin(url, username, password) {
  const res = await fetch(url + '/api/v1/auth/login', {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password }),
  });
  assert.equal(res.status, 200, `API login of ${username}`);
  const body = await res.json();
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  return { url, cookie, csrf: body.csrf_token, user: body.user };
}

/** One API call as that session; the JSON answer, or an error naming the status and body. */
export async function api(session, method, path, body, headers = {}) {
  const res = await fetch(session.url + path, {
    method,
    headers: {
      Cookie: session.cookie, 'X-CSRF-Token': session.csrf,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const json = text ? JSON.parse(text) : undefined;
  if (!res.ok) throw new Error(`${method} ${path} -> ${res.status} ${text}`);
  return json;
}

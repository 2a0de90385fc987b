// Shared helpers for the browser tests: Debian's chromium driven by playwright-core, the
// API calls the tests use to set up users and records (or to change one "meanwhile"), and
// the steps on the pages that more than one file takes (login, Element Plus selects, …).
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { ADMIN_PASSWORD, startServer } from '../lib/server.mjs';

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

/**
 * For a describe: a fresh browser signed in through the login page as `user` before its
 * tests (the server's URL read then, from `url()`), checked for uncaught page errors and
 * closed after them. Returns an object whose `page` (and `browser`) the tests use.
 */
export function signedInBrowser(url, user, { viewport = DESKTOP, mobile = false } = {}) {
  const session = { browser: null, page: null };
  before(async () => {
    session.browser = await openBrowser({ viewport, mobile });
    session.page = session.browser.page;
    await loginThroughUi(session.page, url(), user.username, user.password);
  });
  after(async () => {
    if (!session.browser) return;
    const errors = [...session.browser.pageErrors];
    await session.browser.close();
    assert.deepEqual(errors, [], 'no uncaught errors in the page');
  });
  return session;
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

/**
 * For a file: before its tests, starts the server (an early exit is logged with the server's
 * last lines) and creates `users` ({username, display, password, roles, unit?}) through the
 * admin's API — in the department `unit` (made under the root unit) when given, else in the
 * root unit — each then signed in through the API; stops the server after the tests.
 * Then `seed(ctx)` runs (in the same hook: a second top-level `before` of the file may run
 * before this one has finished). Returns `ctx`, whose `srv`, `admin` and `sessions` (by user
 * name) are set once that ran.
 */
export function serverWithUsers(users, seed = async () => {}) {
  const ctx = { srv: null, admin: null, sessions: {} };
  let stopping = false;
  before(async () => {
    const srv = await startServer();
    ctx.srv = srv;
    srv.proc.on('exit', (code, signal) => {
      if (!stopping) console.error(`guanxi exited early (code ${code}, signal ${signal}):\n${srv.logs.slice(-40).join('\n')}`);
    });
    ctx.admin = await apiLogin(srv.url, 'admin', ADMIN_PASSWORD);
    const root = (await api(ctx.admin, 'GET', '/api/v1/org-units')).items.find((u) => u.parent_id === null);
    const units = {};
    for (const u of users) {
      if (u.unit && !units[u.unit]) {
        units[u.unit] = (await api(ctx.admin, 'POST', '/api/v1/org-units', { name: u.unit, kind: 'department', parent_id: root.id })).id;
      }
      await api(ctx.admin, 'POST', '/api/v1/users', {
        username: u.username, display_name: u.display, password: u.password, roles: u.roles,
        unit_id: u.unit ? units[u.unit] : root.id, must_change_password: false,
      });
      ctx.sessions[u.username] = await apiLogin(srv.url, u.username, u.password);
    }
    await seed(ctx);
  });
  after(async () => {
    stopping = true;
    if (ctx.srv) await ctx.srv.stop();
  });
  return ctx;
}

/**
 * Types `text` into the date or date-time picker of the form item `data-item="<item>"` of a
 * dialog and closes its panel (a date-time panel stays open after Enter: a click on the
 * dialog's title closes it).
 */
export async function fillPicker(dialog, item, text) {
  const input = dialog.locator(`.el-form-item[data-item="${item}"] input`);
  await input.click();
  await input.fill(text);
  await input.press('Enter');
  await dialog.locator('.el-dialog__title').click();
  await dialog.page().locator('.el-picker__popper:visible').first().waitFor({ state: 'hidden' });
  assert.equal(await input.inputValue(), text);
}

// ---------------------------------------------------------------- page helpers

/** The path of the page's address. */
export const pathOf = (page) => new URL(page.url()).pathname;

/** Waits until the page's address has this path (the app's own navigation included). */
export const waitForPath = (page, path) => page.waitForURL((u) => u.pathname === path);

/** For `page.waitForResponse`: is this the answer to `method path` (the path without its query)? */
export const isApi = (r, method, path) => r.request().method() === method && new URL(r.url()).pathname === path;

/** A RegExp matching exactly this text (taken literally), give or take white space around it. */
export const exact = (text) => new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);

/** Clicks a button and returns the first response of this request (`method path`). */
export async function clickFor(page, button, method, path) {
  const [response] = await Promise.all([page.waitForResponse((r) => isApi(r, method, path)), button.click()]);
  return response;
}

/** Fills the login form already shown, submits it and returns the login API's response. */
export async function submitLogin(page, username, password) {
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  const [response] = await Promise.all([
    page.waitForResponse((r) => isApi(r, 'POST', '/api/v1/auth/login')),
    page.getByTestId('login-submit').click(),
  ]);
  return response;
}

/**
 * Signs in through the login page of the server at `url` and waits for the page the app
 * lands on: the dashboard, or `landing` (a forced password change lands on its own page).
 */
export async function loginThroughUi(page, url, username, password, { landing = '/' } = {}) {
  await page.goto(url + '/login');
  const response = await submitLogin(page, username, password);
  assert.equal(response.status(), 200, `login of ${username}`);
  await waitForPath(page, landing);
}

/** Clicks a language in the header's switch and waits until the document has it. */
export async function switchLanguage(page, lang) {
  await page.getByTestId('lang-switch').locator(`[data-lang="${lang}"]`).click();
  await page.waitForFunction((l) => document.documentElement.lang === l, lang);
}

/** A toast (ElMessage) with this text; waits until it is shown and returns its whole text. */
export async function expectMessage(page, text) {
  const message = page.locator('.el-message').filter({ hasText: text }).first();
  await message.waitFor({ state: 'visible' });
  return (await message.innerText()).trim();
}

/** The error under a form item (ElFormItem with data-item="<item>") in scope, once it is shown. */
export async function itemError(scope, item) {
  const error = scope.locator(`.el-form-item[data-item="${item}"] .el-form-item__error`);
  await error.waitFor({ state: 'visible' });
  return (await error.innerText()).trim();
}

/** The visible popper of an open select (closed ones stay in the DOM, hidden). */
export const openPopper = (page) => page.locator('.el-select__popper:visible, .el-select-dropdown:visible').last();

/**
 * Waits until no select popper is shown. A closing popper fades out, and until it is gone
 * it covers the field below it: the next click landed on it on a loaded machine.
 */
export const popperClosed = (page) => page.locator('.el-select__popper:visible').first().waitFor({ state: 'hidden' });

/**
 * Opens an ElSelect (its test id, or a locator) and clicks the option with exactly this
 * text; a single select's popper is then waited away (a multiple one stays open).
 */
export async function pickOption(page, select, text) {
  await (typeof select === 'string' ? page.getByTestId(select) : select).click();
  const option = openPopper(page).locator('.el-select-dropdown__item').filter({ hasText: exact(text) }).first();
  const multiple = await option.evaluate((el) => el.closest('.el-select-dropdown')?.classList.contains('is-multiple') ?? false);
  await option.click();
  if (!multiple) await popperClosed(page);
}

/** A row of the users page's table, by user name. */
export const userRow = (page, username) => page.getByTestId('user-table').locator('.el-table__body tr')
  .filter({ has: page.locator(`.user-cell[data-username="${username}"]`) });

/** The first entry of a customer's history (变更记录 tab) that changed this field. */
export const historyRow = (page, field) => page.getByTestId('customer-history')
  .locator(`[data-testid="history-item"][data-field="${field}"]`).first();

/** A mobile number as the server shows it to someone who may not see it: 139****5678. */
export const maskedMobile = (mobile) => `${mobile.slice(0, 3)}****${mobile.slice(-4)}`;

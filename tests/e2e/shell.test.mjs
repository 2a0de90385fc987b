// Browser tests of the UI shell (login, frame, language, 404, logout, phone layout)
// against the real build/guanxi serving web/dist. Run: node --test tests/e2e/
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN_PASSWORD, engine, startServer } from '../lib/server.mjs';
import {
  DESKTOP, PHONE, documentScrollWidth, openBrowser, pathOf, screenshot, submitLogin, switchLanguage, waitForPath,
} from './browser.mjs';

const HAN = /[\u4e00-\u9fff]/;
const LOGIN_API = '/api/v1/auth/login';

let srv;
let stopping = false;
before(async () => {
  srv = await startServer();
  srv.proc.on('exit', (code, signal) => {
    if (!stopping) console.error(`guanxi exited early (code ${code}, signal ${signal}):\n${srv.logs.slice(-40).join('\n')}`);
  });
});
after(async () => {
  stopping = true;
  if (srv) await srv.stop();
});

/** Opens the user menu, returns the logout item's text, closes the menu again. */
async function logoutItemText(page) {
  await page.getByTestId('user-menu').click();
  const item = page.getByTestId('logout');
  await item.waitFor({ state: 'visible' });
  const text = (await item.innerText()).trim();
  await page.getByTestId('user-menu').click();
  await item.waitFor({ state: 'hidden' });
  return text;
}

describe('desktop 1440×900', () => {
  let browser;
  let page;
  before(async () => {
    browser = await openBrowser({ viewport: DESKTOP });
    page = browser.page;
  });
  after(async () => { if (browser) await browser.close(); });

  it('sends an unauthenticated visit of / to the login page', async () => {
    const response = await page.goto(srv.url + '/');
    assert.equal(response.status(), 200);
    await waitForPath(page, '/login');
    await page.getByTestId('login-submit').waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
    assert.match(await page.title(), /登录/);
    assert.ok(await page.getByTestId('lang-switch').isVisible(), 'language switch on the login page');
    assert.match(await page.locator('.login-page').innerText(), /关系 Guanxi/);
    await screenshot(page, 'desktop-login');
  });

  it('checks required fields before calling the server', async () => {
    let loginCalls = 0;
    const count = (req) => { if (new URL(req.url()).pathname === LOGIN_API) loginCalls++; };
    page.on('request', count);
    await page.getByTestId('login-submit').click();
    const errors = page.locator('.el-form-item__error');
    await errors.first().waitFor();
    assert.deepEqual((await errors.allInnerTexts()).map((s) => s.trim()), ['请输入用户名', '请输入密码']);
    page.off('request', count);
    assert.equal(loginCalls, 0);
  });

  it('logs admin in through the form and shows the frame', async () => {
    const response = await submitLogin(page, 'admin', ADMIN_PASSWORD);
    assert.equal(response.status(), 200);
    const body = await response.json();
    assert.equal(body.user.username, 'admin');
    assert.ok(body.user.display_name, 'login response has a display name');
    assert.ok(body.csrf_token, 'login response has a csrf_token');
    assert.ok(body.user.roles.includes('system_admin'), 'bootstrap admin holds system_admin');

    await waitForPath(page, '/');
    const welcome = page.getByTestId('dashboard-welcome');
    await welcome.waitFor();
    assert.ok(await page.getByTestId('side-menu').isVisible(), 'side menu visible on desktop');
    assert.equal(await page.getByTestId('menu-toggle').count(), 0, 'no hamburger on desktop');
    assert.match(await page.getByTestId('menu-dashboard').innerText(), /工作台/);
    assert.match(await welcome.innerText(), new RegExp(`欢迎，${body.user.display_name}`));
    assert.equal((await welcome.locator('[data-role="system_admin"]').innerText()).trim(), '系统管理员');
    assert.equal(await page.title(), '工作台 - 关系 Guanxi');
    assert.match(await page.getByTestId('user-menu').innerText(), new RegExp(body.user.display_name));

    const health = await (await fetch(srv.url + '/healthz')).json();
    assert.equal(health.status, 'ok');
    assert.equal(health.db, engine());
    const db = page.getByTestId('server-db');
    await db.waitFor();
    assert.match(await db.innerText(), engine() === 'sqlite' ? /SQLite/ : /PostgreSQL/);
    assert.equal((await page.getByTestId('server-version').innerText()).trim(), health.version);
    await screenshot(page, 'desktop-dashboard-zh');
  });

  it('switches the language to English and back', async () => {
    await switchLanguage(page, 'en');
    assert.equal((await page.getByTestId('menu-dashboard').innerText()).trim(), 'Dashboard');
    assert.match(await page.getByTestId('dashboard-welcome').innerText(), /Welcome,/);
    assert.equal(
      (await page.getByTestId('dashboard-welcome').locator('[data-role="system_admin"]').innerText()).trim(),
      'System administrator');
    assert.equal(await logoutItemText(page), 'Log out');
    assert.equal(await page.title(), 'Dashboard - 关系 Guanxi');
    assert.equal(await page.evaluate(() => localStorage.getItem('guanxi.lang')), 'en');

    // Remembered across a reload, and API calls ask for English.
    const [meRequest] = await Promise.all([
      page.waitForRequest((r) => new URL(r.url()).pathname === '/api/v1/auth/me'),
      page.reload(),
    ]);
    assert.equal(meRequest.headers()['accept-language'], 'en');
    await page.getByTestId('dashboard-welcome').waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.equal((await page.getByTestId('menu-dashboard').innerText()).trim(), 'Dashboard');
    await page.getByTestId('server-db').waitFor();
    await screenshot(page, 'desktop-dashboard-en');

    await switchLanguage(page, 'zh-CN');
    assert.equal((await page.getByTestId('menu-dashboard').innerText()).trim(), '工作台');
    assert.equal(await logoutItemText(page), '退出登录');
    assert.equal(await page.evaluate(() => localStorage.getItem('guanxi.lang')), 'zh-CN');
  });

  it('shows the 404 page inside the frame for an unknown client route', async () => {
    const response = await page.goto(srv.url + '/no-such-page');
    assert.equal(response.status(), 200, 'the server answers index.html for unknown non-API paths');
    assert.match(response.headers()['content-type'] || '', /text\/html/);
    const notFound = page.getByTestId('not-found');
    await notFound.waitFor();
    assert.match(await notFound.innerText(), /404/);
    assert.ok(await page.getByTestId('side-menu').isVisible(), '404 is shown inside the frame');
    assert.equal(await page.title(), '页面不存在 - 关系 Guanxi');
    await screenshot(page, 'desktop-404');
    await page.getByTestId('not-found-back').click();
    await waitForPath(page, '/');
    await page.getByTestId('dashboard-welcome').waitFor();
  });

  it('logs out back to the login page and ends the session', async () => {
    await page.getByTestId('user-menu').click();
    const [logoutRequest] = await Promise.all([
      page.waitForRequest((r) => new URL(r.url()).pathname === '/api/v1/auth/logout'),
      page.getByTestId('logout').click(),
    ]);
    assert.equal(logoutRequest.method(), 'POST');
    assert.ok(logoutRequest.headers()['x-csrf-token'], 'logout sends X-CSRF-Token');
    assert.equal((await logoutRequest.response()).status(), 204);
    await waitForPath(page, '/login');
    const meStatus = await page.evaluate(async () => (await fetch('/api/v1/auth/me')).status);
    assert.equal(meStatus, 401, 'the server session is gone');
    await page.goto(srv.url + '/');
    await waitForPath(page, '/login');
  });

  it("shows the server's Chinese message for a wrong password", async () => {
    const response = await submitLogin(page, 'admin', 'wrong-' + ADMIN_PASSWORD);
    assert.equal(response.status(), 401);
    assert.match(response.headers()['content-type'] || '', /application\/problem\+json/);
    assert.equal(response.request().headers()['accept-language'], 'zh-CN');
    const problem = await response.json();
    assert.equal(problem.code, 'invalid_credentials');
    assert.match(problem.detail, HAN, 'detail is Chinese');
    const error = page.getByTestId('login-error');
    await error.waitFor();
    assert.equal((await error.innerText()).trim(), problem.detail);
    assert.equal(pathOf(page), '/login');
    await screenshot(page, 'desktop-login-error');
  });

  it("shows the server's English message when the UI is English", async () => {
    await switchLanguage(page, 'en');
    try {
      const response = await submitLogin(page, 'admin', 'wrong-' + ADMIN_PASSWORD);
      assert.equal(response.status(), 401);
      assert.equal(response.request().headers()['accept-language'], 'en');
      const problem = await response.json();
      assert.equal(problem.code, 'invalid_credentials');
      assert.ok(problem.detail && !HAN.test(problem.detail), `detail should be English, got ${JSON.stringify(problem.detail)}`);
      await page.waitForFunction((d) => document.querySelector('[data-testid="login-error"]')?.textContent?.trim() === d, problem.detail);
    } finally {
      await switchLanguage(page, 'zh-CN');
    }
  });

  it('opens the originally requested page after login', async () => {
    await page.goto(srv.url + '/no-such-page');
    await waitForPath(page, '/login');
    assert.equal(new URL(page.url()).searchParams.get('redirect'), '/no-such-page');
    const response = await submitLogin(page, 'admin', ADMIN_PASSWORD);
    assert.equal(response.status(), 200);
    await waitForPath(page, '/no-such-page');
    await page.getByTestId('not-found').waitFor();
  });

  it('threw no uncaught errors in the page', () => {
    assert.deepEqual(browser.pageErrors, []);
  });
});

describe('phone 390×844', () => {
  let browser;
  let page;
  before(async () => {
    browser = await openBrowser({ viewport: PHONE, mobile: true });
    page = browser.page;
  });
  after(async () => { if (browser) await browser.close(); });

  it('fits the login page to the phone width', async () => {
    await page.goto(srv.url + '/');
    await waitForPath(page, '/login');
    await page.getByTestId('login-submit').waitFor();
    assert.ok(await documentScrollWidth(page) <= PHONE.width, 'no horizontal scrolling');
    const box = await page.getByTestId('login-submit').boundingBox();
    assert.ok(box && box.x >= 0 && box.x + box.width <= PHONE.width, 'submit button inside the screen');
    await screenshot(page, 'phone-login');
  });

  it('logs in with the side menu hidden and no horizontal scrolling', async () => {
    const response = await submitLogin(page, 'admin', ADMIN_PASSWORD);
    assert.equal(response.status(), 200);
    await waitForPath(page, '/');
    await page.getByTestId('dashboard-welcome').waitFor();
    await page.getByTestId('server-db').waitFor();
    assert.equal(await page.getByTestId('side-menu').isVisible(), false, 'side menu hidden on the phone');
    assert.ok(await page.getByTestId('menu-toggle').isVisible(), 'hamburger visible');
    const userMenu = await page.getByTestId('user-menu').boundingBox();
    assert.ok(userMenu && userMenu.x + userMenu.width <= PHONE.width, 'user menu inside the screen');
    assert.ok(await documentScrollWidth(page) <= PHONE.width,
      `no horizontal scrolling (scrollWidth ${await documentScrollWidth(page)})`);
    await screenshot(page, 'phone-dashboard');
  });

  it('opens the menu in a drawer from the hamburger', async () => {
    await page.getByTestId('menu-toggle').click();
    const menu = page.locator('.el-drawer [data-testid="side-menu"]');
    await menu.waitFor({ state: 'visible' });
    assert.equal((await menu.getByTestId('menu-dashboard').innerText()).trim(), '工作台');
    await page.waitForTimeout(400); // let the slide-in animation finish for the screenshot
    await screenshot(page, 'phone-drawer');
    await menu.getByTestId('menu-dashboard').click();
    await menu.waitFor({ state: 'hidden' });
    assert.equal(pathOf(page), '/');
  });

  it('shows the 404 page without horizontal scrolling', async () => {
    await page.goto(srv.url + '/no-such-page');
    await page.getByTestId('not-found').waitFor();
    assert.ok(await documentScrollWidth(page) <= PHONE.width, 'no horizontal scrolling');
    await screenshot(page, 'phone-404');
  });

  it('threw no uncaught errors in the page', () => {
    assert.deepEqual(browser.pageErrors, []);
  });
});

describe('static files of the built UI', () => {
  it('serves index.html for client routes and long-cached hashed assets', async () => {
    const index = await fetch(srv.url + '/some/client/route');
    assert.equal(index.status, 200);
    assert.match(index.headers.get('content-type') || '', /text\/html/);
    const html = await index.text();
    assert.match(html, /<div id="app">/);
    assert.doesNotMatch(index.headers.get('cache-control') || '', /immutable/, 'index.html must not be cached for long');

    const script = html.match(/src="(\/assets\/[^"]+\.js)"/);
    assert.ok(script, 'index.html loads a hashed script from /assets/');
    const asset = await fetch(srv.url + script[1]);
    assert.equal(asset.status, 200);
    assert.match(asset.headers.get('content-type') || '', /javascript/);
    const maxAge = Number((asset.headers.get('cache-control') || '').match(/max-age=(\d+)/)?.[1] ?? 0);
    assert.ok(maxAge >= 86400, `assets are cached for long (Cache-Control: ${asset.headers.get('cache-control')})`);

    const api = await fetch(srv.url + '/api/v1/no-such-route');
    assert.equal(api.status, 404, 'unknown API paths are not answered with index.html');
    assert.doesNotMatch(api.headers.get('content-type') || '', /text\/html/);
  });
});

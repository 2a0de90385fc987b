// Browser tests of 账号安全 (the signed-in user's sessions, API tokens and two-step
// verification), the second login step, the 要求两步验证 setting of roles and an
// administrator's 会话与令牌 / 重置两步验证 on 用户管理, against the real server serving web/dist.
// Run: node --test tests/e2e/account-security.test.mjs
//
// One server for the file; the describes run in order. Users made through the API:
// 李安全 (`salesperson`: sessions and tokens), 赵两步 (`salesperson`: turns the second factor on
// and off), 钱强制 (`customer_service`, whose role is then made to require the second factor),
// 孙手机 (`salesperson`, at 390×844). The codes are computed here from the secret the page
// shows (RFC 6238: HMAC-SHA1 over the 30-second step, dynamic truncation, 6 digits); the server
// takes a code of the step before or after its own, once, so each login uses a later step.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ADMIN_PASSWORD } from '../lib/server.mjs';
import { stepNow, totpCode as totpAt } from '../lib/totp.mjs';
import {
  PHONE, api, apiLogin, clickFor, documentScrollWidth, expectMessage, isApi, itemError, loginThroughUi, openBrowser,
  pathOf, screenshot, serverWithUsers, signedInBrowser, submitLogin, userRow, waitForPath,
} from './browser.mjs';

const SALES = { username: 'li.anquan', display: '李安全', password: 'Anquan-Passw0rd-2025!', roles: ['salesperson'] };
const TWO_STEP = { username: 'zhao.liangbu', display: '赵两步', password: 'Liangbu-Passw0rd-2025!', roles: ['salesperson'] };
const FORCED = { username: 'qian.qiangzhi', display: '钱强制', password: 'Qiangzhi-Passw0rd-2025!', roles: ['customer_service'] };
const PHONE_USER = { username: 'sun.shouji', display: '孙手机', password: 'Shouji-Passw0rd-2025!', roles: ['salesperson'] };
const FORCED_ROLE = 'customer_service';

let srv;
let admin;
/** 李安全's token made through the API, revoked later by the administrator. */
let apiToken;
const ids = {};

serverWithUsers([SALES, TWO_STEP, FORCED, PHONE_USER], async (ctx) => {
  srv = ctx.srv;
  admin = ctx.admin;
  for (const u of [SALES, TWO_STEP, FORCED, PHONE_USER]) ids[u.username] = ctx.sessions[u.username].user.id;
  apiToken = await api(ctx.sessions[SALES.username], 'POST', '/api/v1/auth/tokens',
    { name: '旧对接', permissions: ['customer.read'], expires_in_days: 30 });
});

// ---------------------------------------------------------------- TOTP (RFC 6238)

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * An authenticator app: each code is of a step after the last one used (the server takes a
 * step once) and at most one ahead of the clock (the server's window), waiting when needed.
 */
function authenticator(secret) {
  let last = -1;
  return {
    secret,
    async code() {
      const step = Math.max(stepNow(), last + 1);
      while (step > stepNow() + 1) await sleep(500);
      last = step;
      return totpAt(secret, step);
    },
    /** A code the server refuses: of a step far from now. */
    wrong: () => totpAt(secret, stepNow() - 20),
  };
}

it('computes the RFC 6238 test vector', () => {
  // RFC 6238 appendix B, SHA1, T = 59 s: 94287082 (8 digits) ends in 287082.
  const secret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'; // "12345678901234567890"
  assert.equal(totpAt(secret, 1), '287082');
});

// ---------------------------------------------------------------- page helpers

/** Opens 账号安全 from the user menu in the header. */
async function openSecurityPage(page) {
  await page.getByTestId('user-menu').click();
  await page.getByTestId('account-security').click();
  await waitForPath(page, '/account/security');
  await page.getByTestId('sessions-card').waitFor();
}

async function confirmBox(page) {
  const box = page.locator('.el-message-box:visible');
  await box.waitFor();
  await box.locator('.el-button--primary').click();
  await box.waitFor({ state: 'hidden' });
}

async function logout(page) {
  await page.getByTestId('user-menu').click();
  await page.getByTestId('logout').click();
  await waitForPath(page, '/login');
}

/** Status of a session cookie: 200 while it lives, 401 once it ended. */
async function meStatus(session) {
  const res = await fetch(session.url + '/api/v1/auth/me', { headers: { Cookie: session.cookie } });
  return res.status;
}

/** A customer list read with an API token: 200 while it is valid, 401 once revoked. */
async function tokenStatus(token) {
  const res = await fetch(srv.url + '/api/v1/customers', { headers: { Authorization: `Bearer ${token}` } });
  return res.status;
}

const sessionItem = (scope, id) => scope.locator(`[data-testid="session-item"][data-session-id="${id}"]`);
const tokenItem = (scope, name) => scope.locator(`[data-testid="token-item"][data-name="${name}"]`);

/** The id of the session a browser page runs in (the server marks it `current`). */
async function currentSessionId(page) {
  const list = await page.evaluate(async () => (await fetch('/api/v1/auth/sessions')).json());
  return list.items.find((s) => s.current).id;
}

/** Turns the second factor on through the page: the secret read from it, a code typed. */
async function enrolThroughPage(page) {
  const [response] = await Promise.all([
    page.waitForResponse((r) => isApi(r, 'POST', '/api/v1/auth/totp/enrol')),
    page.getByTestId('totp-enable').click(),
  ]);
  assert.equal(response.status(), 200);
  const setup = page.getByTestId('totp-setup');
  await setup.waitFor();
  const secret = (await setup.getByTestId('totp-secret').innerText()).replace(/\s+/g, '');
  assert.equal(secret, (await response.json()).secret, 'the page shows the server’s secret');
  const app = authenticator(secret);
  await setup.getByTestId('totp-code').fill(await app.code());
  const confirm = await clickFor(page, setup.getByTestId('totp-confirm'), 'POST', '/api/v1/auth/totp/confirm');
  assert.equal(confirm.status(), 200);
  const dialog = page.getByTestId('recovery-codes-dialog');
  await dialog.waitFor();
  const codes = (await dialog.getByTestId('recovery-code').allInnerTexts()).map((s) => s.trim());
  return { app, codes, dialog };
}

// ---------------------------------------------------------------- sessions and tokens

describe('my sessions and API tokens, desktop', () => {
  const session = signedInBrowser(() => srv.url, SALES);
  let other;

  after(async () => other?.close());

  it('opens 账号安全 from the user menu and lists the sessions, this one tagged', async () => {
    const { page } = session;
    await openSecurityPage(page);
    assert.equal((await page.getByTestId('page-title').innerText()).trim(), '账号安全');
    const mine = await currentSessionId(page);
    const current = sessionItem(page, mine);
    await current.waitFor();
    assert.equal(await current.getAttribute('data-current'), 'true');
    assert.equal((await current.getByTestId('session-current').innerText()).trim(), '当前会话');
    assert.match(await current.getByTestId('session-agent').innerText(), /^Chrome \d+ · Linux$/);
    assert.equal((await current.getByTestId('session-ip').innerText()).trim(), '127.0.0.1');
    assert.match(await current.getByTestId('session-created').innerText(), /^\d{4}-\d\d-\d\d \d\d:\d\d$/);
    // The seed's API login is there too, with its short user agent.
    assert.equal(await page.getByTestId('session-current').count(), 1, 'one current session');
    assert.ok(await page.getByTestId('session-item').count() >= 2);
  });

  it('ends the session of a second browser, which is then signed out', async () => {
    const { page } = session;
    other = await openBrowser();
    await loginThroughUi(other.page, srv.url, SALES.username, SALES.password);
    const otherId = await currentSessionId(other.page);
    await page.reload();
    const item = sessionItem(page, otherId);
    await item.waitFor();
    assert.equal(await item.getAttribute('data-current'), 'false');
    assert.equal(await item.getByTestId('session-current').count(), 0);

    // Cancelling the confirmation ends nothing.
    await item.getByTestId('session-end').click();
    const box = page.locator('.el-message-box:visible');
    await box.waitFor();
    assert.match(await box.innerText(), /确定结束这个会话吗/);
    await box.locator('.el-button:not(.el-button--primary)').click();
    await box.waitFor({ state: 'hidden' });
    assert.equal(await item.count(), 1);

    await item.getByTestId('session-end').click();
    const [response] = await Promise.all([
      page.waitForResponse((r) => isApi(r, 'DELETE', `/api/v1/auth/sessions/${otherId}`)),
      confirmBox(page),
    ]);
    assert.equal(response.status(), 204);
    await expectMessage(page, '会话已结束');
    await item.waitFor({ state: 'detached' });

    await other.page.goto(srv.url + '/customers');
    await waitForPath(other.page, '/login');
    assert.deepEqual(other.pageErrors, []);
  });

  it('creates a token with only the permissions the user holds and shows it once', async () => {
    const { page, browser } = session;
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: srv.url });
    await page.getByTestId('token-create').click();
    const dialog = page.getByTestId('token-create-dialog');
    await dialog.waitFor();
    const me = await page.evaluate(async () => (await fetch('/api/v1/auth/me')).json());
    const offered = await dialog.locator('.el-checkbox[data-perm]').evaluateAll((els) => els.map((e) => e.getAttribute('data-perm')));
    assert.deepEqual([...offered].sort(), Object.keys(me.user.permissions).sort(), 'exactly the user’s permissions');
    assert.ok(!offered.includes('user.manage'));
    assert.match(await dialog.locator('.el-checkbox[data-perm="customer.read"]').innerText(), /查看客户/);

    // Nothing is sent without a name and a permission.
    let posts = 0;
    const count = (req) => { if (req.method() === 'POST' && new URL(req.url()).pathname === '/api/v1/auth/tokens') posts++; };
    page.on('request', count);
    await dialog.getByTestId('token-create-submit').click();
    assert.equal(await itemError(dialog, 'name'), '请输入名称');
    assert.equal(await itemError(dialog, 'permissions'), '请至少选择一项权限');
    page.off('request', count);
    assert.equal(posts, 0);

    await dialog.getByTestId('token-name-input').fill('ERP 同步');
    await dialog.locator('.el-checkbox[data-perm="customer.read"]').click();
    const days = dialog.getByTestId('token-days-input').locator('input');
    await days.fill('30');
    await days.blur();
    const response = await clickFor(page, dialog.getByTestId('token-create-submit'), 'POST', '/api/v1/auth/tokens');
    assert.equal(response.status(), 201);
    assert.deepEqual(response.request().postDataJSON(), { name: 'ERP 同步', permissions: ['customer.read'], expires_in_days: 30 });
    const created = await response.json();
    assert.match(created.token, /^gx_/);

    const secretDialog = page.getByTestId('token-secret-dialog');
    await secretDialog.waitFor();
    assert.match(await secretDialog.getByTestId('token-once-warning').innerText(), /只显示这一次/);
    assert.equal(await secretDialog.getByTestId('token-secret').inputValue(), created.token);
    await secretDialog.getByTestId('token-copy').click();
    await expectMessage(page, '已复制到剪贴板');
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), created.token);
    await screenshot(page, 'security-token-once');
    await secretDialog.getByTestId('token-secret-close').click();
    await secretDialog.waitFor({ state: 'hidden' });

    const item = tokenItem(page, 'ERP 同步');
    await item.waitFor();
    assert.equal(await item.getAttribute('data-state'), 'active');
    assert.equal((await item.getByTestId('token-state').innerText()).trim(), '有效');
    assert.equal((await item.getByTestId('token-prefix').innerText()).trim(), `${created.prefix}…`);
    assert.ok(created.token.startsWith(created.prefix));
    assert.equal((await item.getByTestId('token-permissions').innerText()).trim(), '查看客户');
    assert.equal((await item.getByTestId('token-last-used').innerText()).trim(), '从未使用');
    // The token is not shown again anywhere.
    assert.ok(!(await page.locator('body').innerText()).includes(created.token));

    // It works as a Bearer token for what it may do…
    assert.equal(await tokenStatus(created.token), 200);
    // …and nothing more (no user.manage), nor for the session-only /auth/me.
    const users = await fetch(srv.url + '/api/v1/users', { headers: { Authorization: `Bearer ${created.token}` } });
    assert.equal(users.status, 403);

    await page.reload();
    await tokenItem(page, 'ERP 同步').waitFor();
    assert.notEqual((await tokenItem(page, 'ERP 同步').getByTestId('token-last-used').innerText()).trim(), '从未使用');

    // Revoke after confirming: listed as 已撤销 and refused (401) from now on.
    await tokenItem(page, 'ERP 同步').getByTestId('token-revoke').click();
    const box = page.locator('.el-message-box:visible');
    await box.waitFor();
    assert.match(await box.innerText(), /ERP 同步/);
    const [revoked] = await Promise.all([
      page.waitForResponse((r) => isApi(r, 'DELETE', `/api/v1/auth/tokens/${created.id}`)),
      confirmBox(page),
    ]);
    assert.equal(revoked.status(), 204);
    await expectMessage(page, '令牌已撤销');
    await page.waitForFunction(() => document.querySelector('[data-testid="token-item"][data-name="ERP 同步"]')?.getAttribute('data-state') === 'revoked');
    assert.equal((await tokenItem(page, 'ERP 同步').getByTestId('token-state').innerText()).trim(), '已撤销');
    assert.equal(await tokenItem(page, 'ERP 同步').getByTestId('token-revoke').count(), 0);
    assert.equal(await tokenStatus(created.token), 401);
  });

  it('ends its own current session like a logout', async () => {
    const { page } = session;
    const mine = await currentSessionId(page);
    await sessionItem(page, mine).getByTestId('session-end').click();
    const box = page.locator('.el-message-box:visible');
    await box.waitFor();
    assert.match(await box.innerText(), /退出登录/);
    await confirmBox(page);
    await waitForPath(page, '/login');
    await expectMessage(page, '已退出登录');
    const status = await page.evaluate(async () => (await fetch('/api/v1/auth/me')).status);
    assert.equal(status, 401);
  });
});

// ---------------------------------------------------------------- the administrator's view

describe('会话与令牌 of another user on 用户管理, desktop', () => {
  const session = signedInBrowser(() => srv.url, { username: 'admin', password: ADMIN_PASSWORD });

  it('ends one of the user’s sessions and revokes a token after confirming', async () => {
    const { page } = session;
    const victim = await apiLogin(srv.url, SALES.username, SALES.password);
    const victimId = (await api(victim, 'GET', '/api/v1/auth/sessions')).items.find((s) => s.current).id;
    assert.equal(await meStatus(victim), 200);
    assert.equal(await tokenStatus(apiToken.token), 200);

    await page.goto(srv.url + '/admin/users');
    await page.getByTestId('user-search').fill(SALES.username);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="user-table"] [data-username]').length === 1);
    await userRow(page, SALES.username).getByTestId('user-security').click();
    const dialog = page.getByTestId('user-security-dialog');
    await dialog.waitFor();
    assert.match(await dialog.locator('.el-dialog__title').innerText(), new RegExp(`会话与令牌：${SALES.display}`));
    const item = sessionItem(dialog, victimId);
    await item.waitFor();
    assert.equal(await dialog.getByTestId('session-current').count(), 0, 'no session is "current" in an administrator’s view');

    await item.getByTestId('session-end').click();
    const box = page.locator('.el-message-box:visible');
    await box.waitFor();
    assert.match(await box.innerText(), new RegExp(SALES.display));
    const [ended] = await Promise.all([
      page.waitForResponse((r) => isApi(r, 'DELETE', `/api/v1/users/${ids[SALES.username]}/sessions/${victimId}`)),
      confirmBox(page),
    ]);
    assert.equal(ended.status(), 204);
    await expectMessage(page, '会话已结束');
    await item.waitFor({ state: 'detached' });
    assert.equal(await meStatus(victim), 401, 'the user’s cookie no longer works');

    const token = tokenItem(dialog, '旧对接');
    await token.waitFor();
    await token.getByTestId('token-revoke').click();
    const [revoked] = await Promise.all([
      page.waitForResponse((r) => isApi(r, 'DELETE', `/api/v1/users/${ids[SALES.username]}/tokens/${apiToken.id}`)),
      confirmBox(page),
    ]);
    assert.equal(revoked.status(), 204);
    await expectMessage(page, '令牌已撤销');
    await page.waitForFunction(() => document.querySelector('[data-testid="user-security-dialog"] [data-testid="token-item"][data-name="旧对接"]')?.getAttribute('data-state') === 'revoked');
    // The one 李安全 revoked itself is listed too.
    assert.equal(await tokenItem(dialog, 'ERP 同步').getAttribute('data-state'), 'revoked');
    assert.equal(await tokenStatus(apiToken.token), 401);
    await screenshot(page, 'admin-user-security');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  });
});

// ---------------------------------------------------------------- two-step verification

describe('two-step verification of a salesperson, desktop', () => {
  const session = signedInBrowser(() => srv.url, TWO_STEP);
  let app;
  let codes;

  it('turns it on: QR code, secret, a wrong code refused, then the 10 recovery codes once', async () => {
    const { page } = session;
    await openSecurityPage(page);
    const card = page.getByTestId('totp-card');
    assert.equal((await card.getByTestId('totp-state').innerText()).trim(), '未启用');
    assert.equal(await card.getByTestId('totp-disable').count(), 0);

    const [response] = await Promise.all([
      page.waitForResponse((r) => isApi(r, 'POST', '/api/v1/auth/totp/enrol')),
      card.getByTestId('totp-enable').click(),
    ]);
    const enrolment = await response.json();
    assert.match(enrolment.uri, new RegExp(`^otpauth://totp/Guanxi:${TWO_STEP.username}\\?secret=${enrolment.secret}&`));
    const setup = page.getByTestId('totp-setup');
    await setup.waitFor();
    const qr = setup.getByTestId('totp-qr');
    assert.match(await qr.getAttribute('src'), /^data:image\/png;base64,/);
    assert.ok(await qr.evaluate((img) => img.complete && img.naturalWidth > 100), 'the QR code is drawn');
    const secret = (await setup.getByTestId('totp-secret').innerText()).replace(/\s+/g, '');
    assert.equal(secret, enrolment.secret);
    app = authenticator(secret);

    const input = setup.getByTestId('totp-code');
    assert.equal(await input.getAttribute('inputmode'), 'numeric');
    assert.equal(await input.getAttribute('autocomplete'), 'one-time-code');
    // Only digits are kept, full-width ones too.
    await input.fill('１２a3 45');
    assert.equal(await input.inputValue(), '12345');
    await setup.getByTestId('totp-confirm').click();
    assert.equal(await itemError(setup, 'code'), '请输入 6 位动态码');

    await input.fill(app.wrong());
    const refused = await clickFor(page, setup.getByTestId('totp-confirm'), 'POST', '/api/v1/auth/totp/confirm');
    assert.equal(refused.status(), 422);
    assert.equal((await refused.json()).code, 'invalid_second_factor');
    assert.match(await itemError(setup, 'code'), /验证码错误/);
    await screenshot(page, 'security-totp-setup');

    await input.fill(await app.code());
    const confirmed = await clickFor(page, setup.getByTestId('totp-confirm'), 'POST', '/api/v1/auth/totp/confirm');
    assert.equal(confirmed.status(), 200);
    const fromServer = (await confirmed.json()).recovery_codes;
    const dialog = page.getByTestId('recovery-codes-dialog');
    await dialog.waitFor();
    codes = (await dialog.getByTestId('recovery-code').allInnerTexts()).map((s) => s.trim());
    assert.equal(codes.length, 10);
    assert.deepEqual(codes, fromServer);
    for (const c of codes) assert.match(c, /^[A-Z0-9]{5}-[A-Z0-9]{5}$/);
    assert.match(await dialog.innerText(), /只显示这一次/);

    const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByTestId('recovery-download').click()]);
    assert.equal(download.suggestedFilename(), `guanxi-recovery-codes-${TWO_STEP.username}.txt`);
    const text = readFileSync(await download.path(), 'utf8');
    for (const c of codes) assert.ok(text.includes(c), `the file has ${c}`);
    assert.match(text, new RegExp(`用户：${TWO_STEP.username}`));
    await screenshot(page, 'security-recovery-codes');
    await dialog.getByTestId('recovery-close').click();
    await dialog.waitFor({ state: 'hidden' });

    await page.waitForFunction(() => document.querySelector('[data-testid="totp-state"]')?.getAttribute('data-enrolled') === 'true');
    assert.equal((await card.getByTestId('totp-state').innerText()).trim(), '已启用');
    assert.equal((await card.getByTestId('totp-codes-left').innerText()).trim(), '10 个');
    assert.equal(await page.getByTestId('totp-setup').count(), 0);
    assert.equal((await api(admin, 'GET', `/api/v1/users/${ids[TWO_STEP.username]}`)).second_factor_enrolled, true);
  });

  it('signs in with the password and then a code; a wrong code may be retried', async () => {
    const { page } = session;
    await logout(page);
    const response = await submitLogin(page, TWO_STEP.username, TWO_STEP.password);
    assert.equal(response.status(), 200);
    const answer = await response.json();
    assert.equal(answer.second_factor_required, true);
    assert.equal(answer.user, undefined);
    const step = page.getByTestId('login-second-step');
    await step.waitFor();
    assert.equal(await step.getAttribute('data-mode'), 'code');
    const input = page.getByTestId('login-code');
    assert.equal(await input.getAttribute('inputmode'), 'numeric');
    assert.equal(await input.getAttribute('autocomplete'), 'one-time-code');
    await screenshot(page, 'login-second-step');

    await input.fill(app.wrong());
    const refused = await clickFor(page, page.getByTestId('login-verify'), 'POST', '/api/v1/auth/login/totp');
    assert.equal(refused.status(), 401);
    assert.equal((await refused.json()).code, 'invalid_second_factor');
    assert.ok((await itemError(page, 'code')).length > 0, 'the server’s message under the code');
    assert.equal(pathOf(page), '/login');

    await input.fill(await app.code());
    const accepted = await clickFor(page, page.getByTestId('login-verify'), 'POST', '/api/v1/auth/login/totp');
    assert.equal(accepted.status(), 200);
    assert.deepEqual(Object.keys(accepted.request().postDataJSON()).sort(), ['challenge', 'code']);
    await waitForPath(page, '/');
    await page.getByTestId('dashboard-welcome').waitFor();
  });

  it('goes back to the password step when the challenge has expired', async () => {
    const { page } = session;
    await logout(page);
    await submitLogin(page, TWO_STEP.username, TWO_STEP.password);
    await page.getByTestId('login-second-step').waitFor();
    // The server forgets challenges after a while; an unknown one gets the same answer.
    await page.route('**/api/v1/auth/login/totp', (route) => {
      const body = route.request().postDataJSON();
      return route.continue({ postData: JSON.stringify({ ...body, challenge: 'expired-challenge' }) });
    });
    await page.getByTestId('login-code').fill(app.wrong());
    const response = await clickFor(page, page.getByTestId('login-verify'), 'POST', '/api/v1/auth/login/totp');
    await page.unroute('**/api/v1/auth/login/totp');
    assert.equal(response.status(), 401);
    const problem = await response.json();
    assert.equal(problem.code, 'login_challenge_expired');
    await page.getByTestId('login-password').waitFor();
    assert.equal(await page.getByTestId('login-second-step').count(), 0);
    assert.equal((await page.getByTestId('login-error').innerText()).trim(), problem.detail);
    assert.equal(await page.getByTestId('login-password').inputValue(), '', 'the password is asked again');
  });

  it('signs in with a recovery code typed in lower case without the hyphen', async () => {
    const { page } = session;
    await submitLogin(page, TWO_STEP.username, TWO_STEP.password);
    await page.getByTestId('login-second-step').waitFor();
    await page.getByTestId('login-toggle-recovery').click();
    assert.equal(await page.getByTestId('login-second-step').getAttribute('data-mode'), 'recovery');
    assert.match(await page.getByTestId('login-step-hint').innerText(), /恢复码/);
    await page.getByTestId('login-recovery-code').fill(codes[0].replace('-', '').toLowerCase());
    const response = await clickFor(page, page.getByTestId('login-verify'), 'POST', '/api/v1/auth/login/totp');
    assert.equal(response.status(), 200);
    assert.equal(response.request().postDataJSON().recovery_code, codes[0]);
    await waitForPath(page, '/');

    // Used once: the same code is refused next time.
    const again = await fetch(srv.url + '/api/v1/auth/login', {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: TWO_STEP.username, password: TWO_STEP.password }),
    });
    const { challenge } = await again.json();
    const reused = await fetch(srv.url + '/api/v1/auth/login/totp', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ challenge, recovery_code: codes[0] }),
    });
    assert.equal(reused.status, 401);

    await openSecurityPage(page);
    assert.equal((await page.getByTestId('totp-codes-left').innerText()).trim(), '9 个');
  });

  it('makes new recovery codes with a code from the app', async () => {
    const { page } = session;
    await page.getByTestId('totp-regenerate').click();
    const dialog = page.getByTestId('totp-action-dialog');
    await dialog.waitFor();
    await dialog.getByTestId('totp-action-code').fill(app.wrong());
    const refused = await clickFor(page, dialog.getByTestId('totp-action-submit'), 'POST', '/api/v1/auth/totp/recovery-codes');
    assert.ok(refused.status() >= 400);
    assert.ok((await itemError(dialog, 'code')).length > 0);
    await dialog.getByTestId('totp-action-code').fill(await app.code());
    const accepted = await clickFor(page, dialog.getByTestId('totp-action-submit'), 'POST', '/api/v1/auth/totp/recovery-codes');
    assert.equal(accepted.status(), 200);
    const codesDialog = page.getByTestId('recovery-codes-dialog');
    await codesDialog.waitFor();
    const fresh = (await codesDialog.getByTestId('recovery-code').allInnerTexts()).map((s) => s.trim());
    assert.equal(fresh.length, 10);
    assert.ok(fresh.every((c) => !codes.includes(c)), 'a new set');
    codes = fresh;
    await codesDialog.getByTestId('recovery-close').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="totp-codes-left"]')?.textContent?.trim() === '10 个');
  });

  it('turns it off with the password and a code', async () => {
    const { page } = session;
    await page.getByTestId('totp-disable').click();
    const dialog = page.getByTestId('totp-action-dialog');
    await dialog.waitFor();
    assert.equal(await dialog.getAttribute('data-mode'), 'disable');
    await dialog.getByTestId('totp-action-password').fill('Wrong-Passw0rd-1!');
    await dialog.getByTestId('totp-action-code').fill(app.wrong());
    const refused = await clickFor(page, dialog.getByTestId('totp-action-submit'), 'POST', '/api/v1/auth/totp/disable');
    assert.equal(refused.status(), 422);
    assert.ok((await itemError(dialog, 'password')).length > 0, 'the server’s message under the password');

    await dialog.getByTestId('totp-action-password').fill(TWO_STEP.password);
    await dialog.getByTestId('totp-action-code').fill(await app.code());
    const accepted = await clickFor(page, dialog.getByTestId('totp-action-submit'), 'POST', '/api/v1/auth/totp/disable');
    assert.equal(accepted.status(), 204);
    await expectMessage(page, '两步验证已停用');
    await page.waitForFunction(() => document.querySelector('[data-testid="totp-state"]')?.getAttribute('data-enrolled') === 'false');
    assert.equal((await api(admin, 'GET', `/api/v1/users/${ids[TWO_STEP.username]}`)).second_factor_enrolled, false);
  });
});

// ---------------------------------------------------------------- a role requiring it

describe('a role requiring two-step verification', () => {
  const adminSession = signedInBrowser(() => srv.url, { username: 'admin', password: ADMIN_PASSWORD });
  let forced;
  let app;

  after(async () => forced?.close());

  it('is set on a built-in role in the roles matrix and on a new custom role', async () => {
    const { page } = adminSession;
    await page.goto(srv.url + '/admin/roles');
    const box = page.getByTestId(`role-2fa-${FORCED_ROLE}`);
    await box.waitFor();
    assert.equal(await box.getAttribute('data-required'), 'false');
    await box.click();
    const role = (await api(admin, 'GET', '/api/v1/roles')).items.find((r) => r.key === FORCED_ROLE);
    const [response] = await Promise.all([
      page.waitForResponse((r) => isApi(r, 'PATCH', `/api/v1/roles/${role.id}`)),
      confirmBox(page),
    ]);
    assert.equal(response.status(), 200);
    assert.deepEqual(response.request().postDataJSON(), { require_second_factor: true, version: role.version });
    await page.waitForFunction((key) => document.querySelector(`[data-testid="role-2fa-${key}"]`)?.getAttribute('data-required') === 'true', FORCED_ROLE);
    assert.equal((await api(admin, 'GET', '/api/v1/roles')).items.find((r) => r.key === FORCED_ROLE).require_second_factor, true);

    await page.getByTestId('role-create').click();
    const dialog = page.getByTestId('role-dialog');
    await dialog.waitFor();
    await dialog.getByTestId('role-key').fill('treasury');
    await dialog.getByTestId('role-name').fill('资金岗');
    await dialog.locator('[data-perm="customer.read"]').click();
    await dialog.getByTestId('role-require-2fa').click();
    const created = await clickFor(page, dialog.getByTestId('role-submit'), 'POST', '/api/v1/roles');
    assert.equal(created.status(), 201);
    assert.equal(created.request().postDataJSON().require_second_factor, true);
    await page.getByTestId('role-2fa-treasury').waitFor();
    assert.equal(await page.getByTestId('role-2fa-treasury').getAttribute('data-required'), 'true');
  });

  it('sends a user of that role to 账号安全 until it is set up', async () => {
    forced = await openBrowser();
    const { page } = forced;
    await loginThroughUi(page, srv.url, FORCED.username, FORCED.password, { landing: '/account/security' });
    const alert = page.getByTestId('security-forced');
    await alert.waitFor();
    assert.match(await alert.innerText(), /角色要求/);
    assert.equal(await page.getByTestId('side-menu').count(), 0, 'no menu while it is not set up');
    assert.equal((await page.getByTestId('totp-required').innerText()).trim().length > 0, true);
    // Every other page leads back here.
    await page.goto(srv.url + '/customers');
    await waitForPath(page, '/account/security');
    await page.getByTestId('security-forced').waitFor();
    // The server refuses the rest meanwhile.
    const refused = await page.evaluate(async () => {
      const r = await fetch('/api/v1/customers');
      return { status: r.status, body: await r.json() };
    });
    assert.equal(refused.status, 403);
    assert.equal(refused.body.code, 'second_factor_required');
    await screenshot(page, 'security-forced');

    const enrolled = await enrolThroughPage(page);
    app = enrolled.app;
    assert.equal(enrolled.codes.length, 10);
    await enrolled.dialog.getByTestId('recovery-close').click();
    await page.getByTestId('security-forced').waitFor({ state: 'detached' });
    await page.getByTestId('side-menu').waitFor();
    // Required: it cannot be turned off here.
    assert.equal(await page.getByTestId('totp-disable').count(), 0);
    assert.match(await page.getByTestId('totp-required').innerText(), /不能停用/);
    await page.getByTestId('menu-customers').click();
    await waitForPath(page, '/customers');
  });

  it('the administrator sees the factor on 用户管理 and resets it; the user must set it up again', async () => {
    const { page } = adminSession;
    await page.goto(srv.url + '/admin/users');
    await page.getByTestId('user-search').fill(FORCED.username);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="user-table"] [data-username]').length === 1);
    const row = userRow(page, FORCED.username);
    await row.getByTestId('user-2fa').waitFor();
    assert.equal((await row.getByTestId('user-2fa').innerText()).trim(), '两步验证');
    assert.equal(await userRow(page, 'admin').count(), 0);

    await row.getByTestId('user-security').click();
    const dialog = page.getByTestId('user-security-dialog');
    await dialog.waitFor();
    assert.equal((await dialog.getByTestId('user-security-totp-state').innerText()).trim(), '已启用');
    await dialog.getByTestId('user-totp-reset').click();
    const [response] = await Promise.all([
      page.waitForResponse((r) => isApi(r, 'DELETE', `/api/v1/users/${ids[FORCED.username]}/totp`)),
      confirmBox(page),
    ]);
    assert.equal(response.status(), 204);
    await expectMessage(page, `已重置 ${FORCED.username} 的两步验证`);
    await page.waitForFunction(() => document.querySelector('[data-testid="user-security-totp-state"]')?.textContent?.trim() === '未启用');
    assert.equal(await dialog.getByTestId('user-totp-reset').count(), 0);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await row.getByTestId('user-2fa').waitFor({ state: 'detached' });
    assert.equal((await api(admin, 'GET', `/api/v1/users/${ids[FORCED.username]}`)).second_factor_enrolled, false);

    // The user's open page is sent back to 账号安全 by the server's next refusal (here the
    // reminder bell's, read again on the way to the dashboard).
    const user = forced.page;
    const [refusal] = await Promise.all([
      user.waitForResponse((r) => r.status() === 403 && new URL(r.url()).pathname.startsWith('/api/')),
      user.getByTestId('menu-dashboard').click(),
    ]);
    assert.equal((await refusal.json()).code, 'second_factor_required');
    await waitForPath(user, '/account/security');
    await user.getByTestId('security-forced').waitFor();
    assert.deepEqual(forced.pageErrors, []);
    assert.ok(app, 'it had been enrolled');
  });

  it('takes the requirement off the built-in role again', async () => {
    const { page } = adminSession;
    await page.goto(srv.url + '/admin/roles');
    await page.getByTestId(`role-2fa-${FORCED_ROLE}`).click();
    await confirmBox(page);
    await page.waitForFunction((key) => document.querySelector(`[data-testid="role-2fa-${key}"]`)?.getAttribute('data-required') === 'false', FORCED_ROLE);
  });
});

// ---------------------------------------------------------------- phone

describe('账号安全 on a phone 390×844', () => {
  const session = signedInBrowser(() => srv.url, PHONE_USER, { viewport: PHONE, mobile: true });

  const fits = async (page, what) => {
    await page.waitForTimeout(300);
    const width = await documentScrollWidth(page);
    assert.ok(width <= PHONE.width, `${what}: no horizontal scrolling (${width})`);
  };

  it('shows sessions, tokens and the setup of the second factor without horizontal scrolling', async () => {
    const { page } = session;
    await api(await apiLogin(srv.url, PHONE_USER.username, PHONE_USER.password), 'POST', '/api/v1/auth/tokens',
      { name: '一个名字很长很长的对接系统令牌用于测试换行', permissions: ['customer.read', 'customer.create', 'customer.update'], expires_in_days: 365 });
    await openSecurityPage(page);
    await tokenItem(page, '一个名字很长很长的对接系统令牌用于测试换行').waitFor();
    await fits(page, 'the page');
    await page.getByTestId('totp-enable').click();
    await page.getByTestId('totp-setup').waitFor();
    await fits(page, 'the setup');
    for (const id of ['totp-qr', 'totp-secret', 'totp-code', 'totp-confirm', 'token-create']) {
      const box = await page.getByTestId(id).boundingBox();
      assert.ok(box && box.x >= 0 && box.x + box.width <= PHONE.width, `${id} inside the screen`);
    }
    await screenshot(page, 'phone-security');
  });

  it('opens the token dialog full screen', async () => {
    const { page } = session;
    await page.getByTestId('token-create').click();
    const dialog = page.getByTestId('token-create-dialog');
    await dialog.waitFor();
    await page.waitForTimeout(300);
    const box = await dialog.boundingBox();
    assert.ok(box && box.x >= 0 && box.x + box.width <= PHONE.width, 'the dialog fits the screen');
    await fits(page, 'the token dialog');
    await screenshot(page, 'phone-token-dialog');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  });
});

describe('会话与令牌 on a phone 390×844', () => {
  const session = signedInBrowser(() => srv.url, { username: 'admin', password: ADMIN_PASSWORD }, { viewport: PHONE, mobile: true });

  it('opens from the row menu in a drawer without horizontal scrolling', async () => {
    const { page } = session;
    await page.goto(srv.url + '/admin/users');
    await page.getByTestId('user-search').fill(PHONE_USER.username);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="user-table"] [data-username]').length === 1);
    await page.getByTestId(`user-actions-${PHONE_USER.username}`).click();
    await page.locator(`.el-dropdown-menu__item:visible[data-testid="user-security"][data-user="${PHONE_USER.username}"]`).click();
    const drawer = page.getByTestId('user-security-dialog');
    await drawer.waitFor();
    await tokenItem(drawer, '一个名字很长很长的对接系统令牌用于测试换行').waitFor();
    await page.waitForTimeout(400);
    const box = await drawer.boundingBox();
    assert.ok(box && box.x >= 0 && box.x + box.width <= PHONE.width, 'the drawer fits the screen');
    assert.ok(await documentScrollWidth(page) <= PHONE.width);
    await screenshot(page, 'phone-user-security');
  });
});

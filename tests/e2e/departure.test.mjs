// Browser tests of 离职交接 (departure and hand-over, SEC-5 / SEC-6) on the users page
// against the real server serving web/dist. Run: node --test tests/e2e/departure.test.mjs
//
// One server for the file; the describes run in order. The system administrator creates the
// users through the API: 王总 (group_management) creates customers owned by the salespeople
// (owner_id), then the administrator hands the salespeople over through the page: with a
// chosen successor, without one and without a manager (the server's `required`), and at
// phone width to the manager.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN_PASSWORD, startServer } from '../lib/server.mjs';
import {
  DESKTOP, PHONE, api, apiLogin, documentScrollWidth, isApi, loginThroughUi, openBrowser, openPopper, screenshot, userRow,
} from './browser.mjs';

const PASSWORD = 'Lizhi-Passw0rd-2025!';
const BOSS = { username: 'wang.zong', display: '王总', roles: ['group_management'] };
/** Leaves with a chosen successor; owns two customers. */
const LEAVER = { username: 'li.xiao', display: '李销售', roles: ['salesperson'] };
const SUCCESSOR = { username: 'zhao.jie', display: '赵接手', roles: ['salesperson'] };
/** No manager, one customer: a successor is required. */
const LONER = { username: 'sun.du', display: '孙独行', roles: ['salesperson'] };
/** Disabled: never offered as a successor. */
const GONE = { username: 'qian.ting', display: '钱停用', roles: ['salesperson'] };
/** Has 王总 as manager: the phone test leaves the successor empty. */
const MANAGED = { username: 'zhou.xia', display: '周下属', roles: ['salesperson'] };

let srv;
let stopping = false;
let admin;
let boss;
let leaver; // the leaver's own API session (SEC-6: must end)
let leaverToken; // and its API token (SEC-6: must be revoked)
let loner;
const ids = {}; // username -> user id
const customers = {}; // name -> id

async function createUser(u, extra = {}) {
  const user = await api(admin, 'POST', '/api/v1/users', {
    username: u.username, display_name: u.display, password: PASSWORD, roles: u.roles, must_change_password: false, ...extra,
  });
  ids[u.username] = user.id;
  return user;
}

async function createCustomer(name, ownerId) {
  const c = await api(boss, 'POST', '/api/v1/customers', { kind: 'individual', name, owner_id: ownerId });
  assert.equal(c.owner_id, ownerId, `${name} created for its owner`);
  customers[name] = c.id;
}

before(async () => {
  srv = await startServer();
  srv.proc.on('exit', (code, signal) => {
    if (!stopping) console.error(`guanxi exited early (code ${code}, signal ${signal}):\n${srv.logs.slice(-40).join('\n')}`);
  });
  admin = await apiLogin(srv.url, 'admin', ADMIN_PASSWORD);
  await createUser(BOSS);
  for (const u of [LEAVER, SUCCESSOR, LONER, GONE]) await createUser(u);
  await createUser(MANAGED, { manager_id: ids[BOSS.username] });
  const gone = await api(admin, 'GET', `/api/v1/users/${ids[GONE.username]}`);
  await api(admin, 'PATCH', `/api/v1/users/${gone.id}`, { status: 'disabled', version: gone.version });
  boss = await apiLogin(srv.url, BOSS.username, PASSWORD);
  await createCustomer('离职客户甲', ids[LEAVER.username]);
  await createCustomer('离职客户乙', ids[LEAVER.username]);
  await createCustomer('独行客户', ids[LONER.username]);
  leaver = await apiLogin(srv.url, LEAVER.username, PASSWORD);
  // Two open reminders pass to the successor; a done one does not.
  for (const title of ['回访离职客户甲', '续签离职客户乙', '已办完']) {
    await api(leaver, 'POST', '/api/v1/reminders', { title, remind_at: Date.now() + 86400e3 });
  }
  const done = (await api(leaver, 'GET', '/api/v1/reminders')).items.find((r) => r.title === '已办完');
  await api(leaver, 'PATCH', `/api/v1/reminders/${done.id}`, { done: true }, { 'If-Match': `"${done.version}"` });
  leaverToken = (await api(leaver, 'POST', '/api/v1/auth/tokens', { name: '对接', permissions: ['customer.read'], expires_in_days: 30 })).token;
  assert.match(leaverToken, /^gx_/);
  loner = await apiLogin(srv.url, LONER.username, PASSWORD);
});
after(async () => {
  stopping = true;
  if (srv) await srv.stop();
});

// ---------------------------------------------------------------- helpers

const departButton = (page, username) => page.locator(`[data-testid="user-depart"][data-user="${username}"]`);

/** Status of a session cookie: 200 while it lives, 401 once it ended. */
async function meStatus(session) {
  const res = await fetch(session.url + '/api/v1/auth/me', { headers: { Cookie: session.cookie } });
  return res.status;
}

/** Status of a customer list read with an API token: 200 while it is valid, 401 once revoked. */
async function tokenStatus(token) {
  const res = await fetch(srv.url + '/api/v1/customers', { headers: { Authorization: `Bearer ${token}` } });
  return res.status;
}

/** The users page filtered down to one account. */
async function showOnly(page, username) {
  await page.getByTestId('user-search').fill(username);
  await page.waitForFunction((name) => {
    const cells = [...document.querySelectorAll('[data-testid="user-table"] .user-cell[data-username]')];
    return cells.length === 1 && cells[0].getAttribute('data-username') === name;
  }, username);
}

/** Clicks 确认交接 and returns the POST …/depart request body and the answer (status, JSON). */
async function confirmDeparture(page, dialog, userId) {
  await dialog.getByTestId('depart-submit').click();
  await dialog.getByTestId('depart-confirm-step').waitFor();
  const [response] = await Promise.all([
    page.waitForResponse((r) => isApi(r, 'POST', `/api/v1/users/${userId}/depart`)),
    dialog.getByTestId('depart-confirm').click(),
  ]);
  return { body: response.request().postDataJSON(), status: response.status(), json: await response.json() };
}

// ---------------------------------------------------------------- tests

describe('SEC-6 departure and hand-over by the system administrator (PC)', () => {
  let browser;
  let page;
  before(async () => {
    browser = await openBrowser({ viewport: DESKTOP });
    page = browser.page;
    await loginThroughUi(page, srv.url, 'admin', ADMIN_PASSWORD);
    await page.goto(srv.url + '/admin/users');
    await userRow(page, LEAVER.username).waitFor();
  });
  after(async () => browser?.close());

  it('SEC-6: offers 离职交接 on other rows, not on the administrator’s own row', async () => {
    await userRow(page, 'admin').waitFor();
    assert.equal(await departButton(page, 'admin').count(), 0, 'no hand-over of oneself');
    assert.equal(await departButton(page, LEAVER.username).count(), 1);
    assert.equal((await departButton(page, LEAVER.username).innerText()).trim(), '离职交接');
  });

  it('SEC-6: hands a salesperson’s two customers over to the chosen successor and ends the leaver’s session', async () => {
    assert.equal(await meStatus(leaver), 200, 'the leaver is signed in before');
    assert.equal(await tokenStatus(leaverToken), 200, 'the leaver’s API token works before');
    await showOnly(page, LEAVER.username);
    await departButton(page, LEAVER.username).click();
    const dialog = page.getByTestId('depart-dialog');
    await dialog.waitFor();
    const explain = await dialog.getByTestId('depart-explain').innerText();
    for (const word of ['停用', '会话', 'API 令牌', '全部客户', '联系人']) assert.ok(explain.includes(word), `explains ${word}: ${explain}`);
    // No manager: the successor is required (the server will say so too).
    await dialog.getByTestId('depart-required-hint').waitFor();

    // Only active users other than the leaver are offered.
    await dialog.getByTestId('depart-successor').click();
    const popper = openPopper(page);
    await popper.locator(`.el-select-dropdown__item[data-username="${SUCCESSOR.username}"]`).waitFor();
    const offered = await popper.locator('.el-select-dropdown__item').evaluateAll((els) => els.map((e) => e.getAttribute('data-username')));
    assert.ok(!offered.includes(LEAVER.username), `the leaver is not offered: ${offered}`);
    assert.ok(!offered.includes(GONE.username), `a disabled user is not offered: ${offered}`);
    await popper.locator(`.el-select-dropdown__item[data-username="${SUCCESSOR.username}"]`).click();
    assert.equal(await dialog.getByTestId('depart-required-hint').count(), 0);

    const { body, status, json } = await confirmDeparture(page, dialog, ids[LEAVER.username]);
    assert.equal(status, 200, JSON.stringify(json));
    assert.deepEqual(body, { successor_id: ids[SUCCESSOR.username] });
    assert.equal(json.customers_handed_over, 2);
    assert.equal(json.sessions_ended, 1);
    assert.equal(json.tokens_revoked, 1);
    await dialog.getByTestId('depart-result').waitFor();
    assert.equal((await dialog.getByTestId('depart-customers').innerText()).trim(), '2');
    assert.equal(json.reminders_handed_over, 2);
    assert.equal((await dialog.getByTestId('depart-reminders').innerText()).trim(), '2');
    assert.equal((await dialog.getByTestId('depart-sessions').innerText()).trim(), String(json.sessions_ended));
    assert.equal((await dialog.getByTestId('depart-tokens').innerText()).trim(), String(json.tokens_revoked));
    assert.match(await dialog.getByTestId('depart-result-successor').innerText(), new RegExp(SUCCESSOR.display));
    await screenshot(page, 'departure-result');
    await dialog.getByTestId('depart-close').click();
    await dialog.waitFor({ state: 'hidden' });

    assert.equal((await userRow(page, LEAVER.username).getByTestId('user-status').innerText()).trim(), '停用');
    // The server: disabled, both customers now the successor's, the leaver's session gone.
    assert.equal((await api(admin, 'GET', `/api/v1/users/${ids[LEAVER.username]}`)).status, 'disabled');
    for (const name of ['离职客户甲', '离职客户乙']) {
      const c = await api(boss, 'GET', `/api/v1/customers/${customers[name]}`);
      assert.equal(c.owner_id, ids[SUCCESSOR.username], `${name} handed over`);
    }
    assert.equal(await meStatus(leaver), 401, 'the leaver’s cookie no longer works');
    assert.equal(await tokenStatus(leaverToken), 401, 'the leaver’s API token is revoked');
  });

  it('SEC-6: without a manager and without a successor shows the server’s required message and changes nothing', async () => {
    await showOnly(page, LONER.username);
    await departButton(page, LONER.username).click();
    const dialog = page.getByTestId('depart-dialog');
    await dialog.waitFor();
    await dialog.getByTestId('depart-required-hint').waitFor();
    const { body, status, json } = await confirmDeparture(page, dialog, ids[LONER.username]);
    assert.deepEqual(body, { successor_id: null });
    assert.equal(status, 422);
    const required = json.errors.find((e) => e.field === 'successor_id');
    assert.equal(required?.code, 'required', JSON.stringify(json));
    const error = dialog.locator('[data-item="successor_id"] .el-form-item__error');
    await error.waitFor();
    assert.equal((await error.innerText()).trim(), required.message);
    assert.equal(await dialog.getByTestId('depart-result').count(), 0);
    await screenshot(page, 'departure-required');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });

    assert.equal((await userRow(page, LONER.username).getByTestId('user-status').innerText()).trim(), '启用');
    assert.equal((await api(admin, 'GET', `/api/v1/users/${ids[LONER.username]}`)).status, 'active');
    assert.equal((await api(boss, 'GET', `/api/v1/customers/${customers['独行客户']}`)).owner_id, ids[LONER.username]);
    assert.equal(await meStatus(loner), 200, 'the session still works');
  });

  it('has no uncaught page errors', () => {
    assert.deepEqual(browser.pageErrors, []);
  });
});

describe('SEC-6 departure at 390×844: the manager takes over', () => {
  let browser;
  let page;
  before(async () => {
    browser = await openBrowser({ viewport: PHONE, mobile: true });
    page = browser.page;
    await loginThroughUi(page, srv.url, 'admin', ADMIN_PASSWORD);
    await page.goto(srv.url + '/admin/users');
    await showOnly(page, MANAGED.username);
  });
  after(async () => browser?.close());

  it('SEC-6: the row menu opens a full-width dialog naming the manager, without horizontal scrolling', async () => {
    await page.getByTestId(`user-actions-${MANAGED.username}`).click();
    await page.locator(`.el-dropdown-menu__item:visible[data-testid="user-depart"][data-user="${MANAGED.username}"]`).click();
    const dialog = page.getByTestId('depart-dialog');
    await dialog.waitFor();
    await page.waitForTimeout(400);
    const box = await dialog.boundingBox();
    assert.ok(box && box.x >= 0 && Math.round(box.width) === PHONE.width, `dialog full width (${JSON.stringify(box)})`);
    assert.ok(await documentScrollWidth(page) <= PHONE.width, `no horizontal scrolling (${await documentScrollWidth(page)})`);
    const hint = dialog.getByTestId('depart-manager-hint');
    await hint.waitFor();
    await page.waitForFunction((name) => document.querySelector('[data-testid="depart-manager-hint"]')?.textContent.includes(name), BOSS.display);
    await screenshot(page, 'phone-departure');

    const { body, status, json } = await confirmDeparture(page, dialog, ids[MANAGED.username]);
    assert.equal(status, 200, JSON.stringify(json));
    assert.deepEqual(body, { successor_id: null });
    assert.equal(json.successor_id, ids[BOSS.username], 'the manager took over');
    await dialog.getByTestId('depart-result').waitFor();
    assert.equal((await dialog.getByTestId('depart-customers').innerText()).trim(), '0');
    assert.equal((await dialog.getByTestId('depart-reminders').innerText()).trim(), '0');
    assert.match(await dialog.getByTestId('depart-result-successor').innerText(), new RegExp(BOSS.display));
    assert.ok(await documentScrollWidth(page) <= PHONE.width, 'result without horizontal scrolling');
    await screenshot(page, 'phone-departure-result');
    await dialog.getByTestId('depart-close').click();
    await dialog.waitFor({ state: 'hidden' });
    assert.equal((await userRow(page, MANAGED.username).getByTestId('user-status').innerText()).trim(), '停用');
  });

  it('has no uncaught page errors', () => {
    assert.deepEqual(browser.pageErrors, []);
  });
});

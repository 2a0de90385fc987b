// Browser tests of 查看完整信息 (SEC-3: sensitive data masked for everyone by default, shown
// in full to a permitted user for a while after a stated reason) and of the access log
// (SEC-7: who consulted which customer, when, why, until when), against the real server
// serving web/dist. Run: node --test tests/e2e/
//
// One server for the file; the describes run in order and build on each other. The system
// administrator creates the users through the API: 王总 (group management, may reveal),
// 李销售 (salesperson, owner of the customers, may not reveal) and 沈审计 (auditor, reads the
// access log, no customer permission). 李销售 makes the customers, a contact and a change of
// mobile through the API. 王总 reveals one customer through the page (an empty reason is
// refused), sees the customer, the contact and the history in full and his reveal in the
// customer's 访问记录 tab; the auditor finds it on the 访问日志 page; the salesperson gets no
// button; the auditor's page and 王总's customer page at 390×844; last, a second server with a
// 4-second window: the page masks again by itself when the window ends.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN_PASSWORD, startServer } from '../lib/server.mjs';
import { residentId, nextSeq } from '../api/ids.mjs';
import {
  DESKTOP, PHONE, api, apiLogin, documentScrollWidth, historyRow, isApi, loginThroughUi, maskedMobile, openBrowser,
  pickOption, screenshot, waitForPath,
} from './browser.mjs';

const BOSS = { username: 'wang.zong', display: '王总', password: 'Wangzong-Passw0rd!', roles: ['group_management'] };
const SALES = { username: 'li.xiao', display: '李销售', password: 'Lixiao-Passw0rd!', roles: ['salesperson'] };
const AUDITOR = { username: 'shen.ji', display: '沈审计', password: 'Shenji-Passw0rd!', roles: ['auditor'] };

/** 李销售's customer that 王总 reveals; its mobile is changed once (for the history). */
const PERSON = { name: '刘洋', mobile: '13800001234', newMobile: '13800005678', id: residentId(nextSeq(), { birth: '19850612' }), email: 'liuyang@example.com' };
const CONTACT = { name: '欧阳娜娜', mobile: '13912345678' };
/** A second customer of 李销售's that nobody reveals. */
const OTHER = { name: '陈静', mobile: '13700002222' };
const REASON = '客户来电要求核对手机号和身份证号';

let srv;
let boss; // API sessions
let sales;
const ids = {}; // customer ids: person, other; contact

async function makeUsers(server, users) {
  const session = await apiLogin(server.url, 'admin', ADMIN_PASSWORD);
  for (const u of users) {
    await api(session, 'POST', '/api/v1/users', {
      username: u.username, display_name: u.display, password: u.password, roles: u.roles, must_change_password: false,
    });
  }
  return session;
}

function watchServer(server) {
  server.proc.on('exit', (code, signal) => {
    if (!server.stopping) console.error(`guanxi exited early (code ${code}, signal ${signal}):\n${server.logs.slice(-40).join('\n')}`);
  });
}

before(async () => {
  srv = await startServer();
  watchServer(srv);
  await makeUsers(srv, [BOSS, SALES, AUDITOR]);
  boss = await apiLogin(srv.url, BOSS.username, BOSS.password);
  sales = await apiLogin(srv.url, SALES.username, SALES.password);
  const person = await api(sales, 'POST', '/api/v1/customers', {
    kind: 'individual', name: PERSON.name, mobile: PERSON.mobile, id_type: 'resident_id', id_number: PERSON.id, email: PERSON.email,
  });
  ids.person = person.id;
  ids.personCode = person.code;
  await api(sales, 'PATCH', `/api/v1/customers/${person.id}`, { mobile: PERSON.newMobile }, { 'If-Match': `"${person.version}"` });
  ids.contact = (await api(sales, 'POST', `/api/v1/customers/${person.id}/contacts`, CONTACT)).id;
  ids.other = (await api(sales, 'POST', '/api/v1/customers', { kind: 'individual', name: OTHER.name, mobile: OTHER.mobile })).id;
});
after(async () => {
  if (!srv) return;
  srv.stopping = true;
  await srv.stop();
});

// ---------------------------------------------------------------- UI helpers

const text = async (locator) => (await locator.innerText()).trim();

/** Opens a customer's page (on a tab) and waits for the customer. */
async function openCustomer(page, server, id, tab) {
  const [response] = await Promise.all([
    page.waitForResponse((r) => isApi(r, 'GET', `/api/v1/customers/${id}`)),
    page.goto(server.url + `/customers/${id}${tab ? `?tab=${tab}` : ''}`),
  ]);
  assert.equal(response.status(), 200);
  await page.getByTestId('customer-header').waitFor();
  return response.json();
}

const clickTab = (page, label) => page.getByTestId('customer-tabs').locator('.el-tabs__item').filter({ hasText: label }).click();
const profileValue = (page, field) => page.getByTestId('customer-profile').locator(`[data-field="${field}"]`);
const contactField = (page) => page.locator(`[data-testid="contact-item"][data-id="${ids.contact}"] [data-field="mobile"]`);
const contactMobile = (page) => contactField(page).getByTestId('sensitive-text');
const CONTACT_MOBILE = '[data-testid="contact-item"] [data-field="mobile"] [data-testid="sensitive-text"]';

/** "2026-11-23 14:35:09" in Shanghai. */
const shanghaiTime = (ms) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'medium' }).format(new Date(ms));
/** How the page says until when a reveal runs: "14:35" today in Shanghai, else "2026-11-24 00:05". */
const untilText = (ms) => {
  const end = shanghaiTime(ms).slice(0, 16);
  return end.slice(0, 10) === shanghaiTime(Date.now()).slice(0, 10) ? end.slice(11) : end;
};

/** The rows of an access-log table, and the value of one of their test hooks, in order. */
const accessRows = (scope) => scope.getByTestId('access-table').locator('.el-table__body tr.el-table__row');
const accessActions = (scope) => scope.getByTestId('access-table').locator('[data-testid="access-action"]')
  .evaluateAll((els) => els.map((e) => e.dataset.action));
const rowOf = (page, scope, action) => accessRows(scope).filter({ has: page.locator(`[data-testid="access-action"][data-action="${action}"]`) });

// ---------------------------------------------------------------- tests

describe('group management reveals a customer, desktop', () => {
  let browser;
  let page;
  let revealed; // the reveal's answer
  before(async () => {
    browser = await openBrowser({ viewport: DESKTOP });
    page = browser.page;
    await loginThroughUi(page, srv.url, BOSS.username, BOSS.password);
  });
  after(async () => { if (browser) await browser.close(); });

  it('SEC-3: the customer is masked for him too, with 查看完整信息 and what it does', async () => {
    const customer = await openCustomer(page, srv, ids.person);
    assert.deepEqual([customer.masked, customer.revealable, customer.revealed_until], [true, true, null]);
    const mobile = profileValue(page, 'mobile');
    assert.equal(await text(mobile), maskedMobile(PERSON.newMobile));
    assert.equal(await mobile.getAttribute('data-masked'), 'true');
    assert.equal(await text(profileValue(page, 'id_number')), `${PERSON.id.slice(0, 6)}********${PERSON.id.slice(-4)}`);
    const notice = page.getByTestId('notice-masked');
    assert.match(await text(notice), /^敏感信息已部分隐藏，点“查看完整信息”并填写理由后可查看；查看会被记录。/);
    assert.equal(await text(page.getByTestId('customer-reveal')), '查看完整信息');
    assert.equal(await page.getByTestId('notice-revealed').count(), 0);
    await screenshot(page, 'reveal-masked');
  });

  it('SEC-3: the contacts and the history are masked before the reveal', async () => {
    await clickTab(page, '变更历史');
    await historyRow(page, 'mobile').waitFor();
    assert.equal(await text(historyRow(page, 'mobile').getByTestId('history-old')), maskedMobile(PERSON.mobile));
    assert.equal(await text(historyRow(page, 'mobile').getByTestId('history-new')), maskedMobile(PERSON.newMobile));
    await clickTab(page, '联系人');
    await page.getByTestId('customer-contacts').and(page.locator('[data-state="ready"]')).waitFor();
    assert.equal(await text(contactMobile(page)), maskedMobile(CONTACT.mobile));
    assert.equal(await contactField(page).getByTestId('masked-lock').count(), 1);
    assert.match(await text(page.getByTestId('customer-contacts')), /在页面上方点“查看完整信息”后可查看/);
  });

  it('SEC-3: an empty reason is refused and nothing is sent', async () => {
    const sent = [];
    const onRequest = (r) => { if (r.method() === 'POST' && new URL(r.url()).pathname.endsWith('/reveal')) sent.push(r.url()); };
    page.on('request', onRequest);
    await page.getByTestId('customer-reveal').click();
    const dialog = page.getByTestId('reveal-dialog');
    await dialog.waitFor();
    assert.match(await text(dialog), new RegExp(`查看完整信息：${PERSON.name}`));
    assert.match(await text(dialog), /理由会和您的姓名、时间一起记入访问日志/);
    await dialog.getByTestId('reason-input').fill('   ');
    await dialog.getByTestId('reason-submit').click();
    const error = dialog.locator('.el-form-item__error');
    await error.waitFor();
    assert.equal(await text(error), '请填写原因');
    await page.waitForTimeout(300);
    page.off('request', onRequest);
    assert.deepEqual(sent, [], 'no reveal request without a reason');
    assert.equal(await dialog.isVisible(), true);
    assert.equal(await text(contactMobile(page)), maskedMobile(CONTACT.mobile), 'still masked');
    await screenshot(page, 'reveal-dialog');
  });

  it('SEC-3 SEC-7: with a reason the customer, its contact and its history show in full, and until when', async () => {
    const dialog = page.getByTestId('reveal-dialog');
    await dialog.getByTestId('reason-input').fill(REASON);
    const contactsReloaded = page.waitForResponse((r) => isApi(r, 'GET', `/api/v1/customers/${ids.person}/contacts`));
    const historyReloaded = page.waitForResponse((r) => isApi(r, 'GET', `/api/v1/customers/${ids.person}/history`));
    const [response] = await Promise.all([
      page.waitForResponse((r) => isApi(r, 'POST', `/api/v1/customers/${ids.person}/reveal`)),
      dialog.getByTestId('reason-submit').click(),
    ]);
    assert.equal(response.status(), 200);
    assert.deepEqual(response.request().postDataJSON(), { reason: REASON });
    revealed = await response.json();
    assert.equal(revealed.masked, false);
    assert.ok(revealed.revealed_until > Date.now() + 9 * 60_000, 'a window of 10 minutes by default');
    await dialog.waitFor({ state: 'hidden' });

    // The contacts tab (open) and the history tab (opened before) read their lists again.
    assert.equal((await contactsReloaded).status(), 200);
    assert.equal((await historyReloaded).status(), 200);
    await page.waitForFunction(([sel, want]) => document.querySelector(sel)?.textContent.trim() === want, [CONTACT_MOBILE, CONTACT.mobile]);
    assert.equal(await contactField(page).getByTestId('masked-lock').count(), 0);
    assert.doesNotMatch(await text(page.getByTestId('customer-contacts')), /部分隐藏/);

    const notice = page.getByTestId('notice-revealed');
    assert.equal(await text(notice), `完整信息显示至 ${untilText(revealed.revealed_until)}（北京时间），之后重新隐藏；本次查看已记录。`);
    assert.equal(await page.getByTestId('notice-masked').count(), 0);
    assert.equal(await page.getByTestId('customer-reveal').count(), 0);

    await clickTab(page, '基本资料');
    assert.equal(await text(profileValue(page, 'mobile')), PERSON.newMobile);
    assert.equal(await profileValue(page, 'mobile').getAttribute('data-masked'), null);
    assert.equal(await text(profileValue(page, 'id_number')), PERSON.id);
    assert.equal(await text(profileValue(page, 'email')), PERSON.email);

    await clickTab(page, '变更历史');
    await page.waitForFunction((want) => document.querySelector('[data-testid="customer-history"] [data-field="mobile"] [data-testid="history-old"]')?.textContent.trim() === want, PERSON.mobile);
    assert.equal(await text(historyRow(page, 'mobile').getByTestId('history-new')), PERSON.newMobile);
    await screenshot(page, 'reveal-revealed');
  });

  it('SEC-7: the 访问记录 tab lists his reveal with the reason and his views', async () => {
    const [response] = await Promise.all([
      page.waitForResponse((r) => isApi(r, 'GET', `/api/v1/customers/${ids.person}/access-log`)),
      clickTab(page, '访问记录'),
    ]);
    assert.equal(response.status(), 200);
    const served = (await response.json()).items;
    const tab = page.getByTestId('customer-access-log');
    await tab.and(page.locator('[data-state="ready"]')).waitFor();
    assert.deepEqual(await accessActions(tab), served.map((e) => e.action), 'every entry, newest first');
    const reveal = rowOf(page, tab, 'reveal');
    assert.equal(await reveal.count(), 1);
    assert.equal(await text(reveal.getByTestId('access-user')), BOSS.username);
    assert.equal(await text(reveal.getByTestId('access-reason')), REASON);
    assert.match(await text(reveal), new RegExp(shanghaiTime(revealed.revealed_until)), 'until when');
    assert.equal(await text(reveal.getByTestId('access-customers')), ids.personCode);
    const views = rowOf(page, tab, 'view');
    assert.ok(await views.count() >= 1, 'his detail views');
    assert.deepEqual([...new Set(await views.getByTestId('access-user').allInnerTexts())].map((s) => s.trim()), [BOSS.username]);
    assert.equal(await rowOf(page, tab, 'history').count() >= 1, true, 'his history reads');
    assert.match(page.url(), /tab=access-log/);
    await screenshot(page, 'reveal-access-tab');
  });

  it('SEC-3: the form edits a revealed mobile; an unrevealed one says to reveal first', async () => {
    await page.goto(srv.url + `/customers/${ids.person}/edit`);
    await page.getByTestId('customer-form').waitFor();
    assert.equal(await page.getByTestId('field-mobile').isDisabled(), false);
    assert.equal(await page.getByTestId('field-mobile').inputValue(), PERSON.newMobile);

    await page.goto(srv.url + `/customers/${ids.other}/edit`);
    await page.getByTestId('customer-form').waitFor();
    assert.equal(await page.getByTestId('field-mobile').isDisabled(), true);
    assert.equal(await text(page.getByTestId('field-mobile-readonly')), '已部分隐藏：请先在详情页查看完整信息，再修改此项');
  });

  it('threw no uncaught errors in the page', () => {
    assert.deepEqual(browser.pageErrors, []);
  });
});

describe('auditor reads the access log, desktop', () => {
  let browser;
  let page;
  const lastQuery = { value: null };
  before(async () => {
    browser = await openBrowser({ viewport: DESKTOP });
    page = browser.page;
    page.on('request', (r) => {
      const url = new URL(r.url());
      if (url.pathname === '/api/v1/audit/access-log') lastQuery.value = url.searchParams;
    });
    await loginThroughUi(page, srv.url, AUDITOR.username, AUDITOR.password);
  });
  after(async () => { if (browser) await browser.close(); });

  /** Clicks 查询 and waits for the answer to a request with these filters. */
  async function searchFor(expect) {
    const [response] = await Promise.all([
      page.waitForResponse((r) => isApi(r, 'GET', '/api/v1/audit/access-log')
        && Object.entries(expect).every(([k, v]) => new URL(r.url()).searchParams.get(k) === v)),
      page.getByTestId('access-search').click(),
    ]);
    assert.equal(response.status(), 200);
    const items = (await response.json()).items;
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="access-table"] [data-testid="access-action"]').length === n, items.length);
    return items;
  }

  it('SEC-7: opens 访问日志 from the menu', async () => {
    const menu = await page.getByTestId('side-menu').locator('[data-testid^="menu-"]').evaluateAll((els) => els.map((e) => e.dataset.testid));
    assert.deepEqual(menu.filter((k) => k !== 'menu-group-admin'), ['menu-dashboard', 'menu-reminders', 'menu-daily-notes', 'menu-approvals', 'menu-audit', 'menu-access-log']);
    await page.getByTestId('menu-access-log').click();
    await waitForPath(page, '/admin/access-log');
    assert.equal(await text(page.getByTestId('page-title')), '访问日志');
    await accessRows(page).first().waitFor();
  });

  it('SEC-7: filters by the customer id: 王总\'s reveal with its reason, and the views', async () => {
    await page.getByTestId('access-customer-id').fill('KH1');
    await page.getByTestId('access-search').click();
    const idError = page.locator('.el-form-item.is-error .el-form-item__error');
    await idError.waitFor();
    assert.equal(await text(idError), '请输入数字形式的客户 ID');

    await page.getByTestId('access-customer-id').fill(String(ids.person));
    const items = await searchFor({ customer_id: String(ids.person) });
    assert.ok(items.length >= 4, `views, history reads and the reveal (${items.length})`);
    assert.deepEqual(await accessActions(page), items.map((e) => e.action), 'the server\'s entries, newest first');
    const shown = await page.getByTestId('access-customers').allInnerTexts();
    assert.ok(shown.every((s) => s.includes(ids.personCode)), shown.join(' | '));

    const reveal = rowOf(page, page, 'reveal');
    assert.equal(await reveal.count(), 1);
    assert.equal((await text(reveal.getByTestId('access-user'))).replace(/\s+/g, ' '), `${BOSS.username} #${boss.user.id}`);
    assert.equal(await text(reveal.getByTestId('access-reason')), REASON);
    assert.equal(await text(reveal.getByTestId('access-action')), '查看完整信息');
    const views = rowOf(page, page, 'view');
    assert.ok(await views.count() >= 1);
    assert.ok((await views.getByTestId('access-user').allInnerTexts()).some((s) => s.includes(BOSS.username)));
    // The auditor may not open customers: codes filter instead of linking.
    assert.equal(await page.getByTestId('access-table').locator('a').count(), 0);

    await reveal.locator('.el-table__expand-icon').click();
    const detail = page.locator('[data-testid^="access-detail-"]:visible').first();
    await detail.waitFor();
    assert.match(await text(detail), new RegExp(`${ids.personCode} \\(#${ids.person}\\)`));
    assert.match(await text(detail), /完整信息显示至/);
    await screenshot(page, 'access-log-auditor');
  });

  it('SEC-7: filters by kind of access and by the user clicked', async () => {
    await pickOption(page, 'access-action-filter', '查看完整信息');
    const reveals = await searchFor({ customer_id: String(ids.person), action: 'reveal' });
    assert.equal(reveals.length, 1);
    assert.deepEqual(await accessActions(page), ['reveal']);

    await page.getByTestId('access-reset').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="access-customer-id"]').value === '');
    await accessRows(page).first().waitFor();
    const [response] = await Promise.all([
      page.waitForResponse((r) => isApi(r, 'GET', '/api/v1/audit/access-log') && new URL(r.url()).searchParams.get('user_id') === String(boss.user.id)),
      page.getByTestId('access-user').filter({ hasText: BOSS.username }).first().click(),
    ]);
    assert.equal(response.status(), 200);
    assert.equal(await page.getByTestId('access-user-id').inputValue(), String(boss.user.id));
    await page.waitForFunction((name) => {
      const users = [...document.querySelectorAll('[data-testid="access-table"] [data-testid="access-user"]')];
      return users.length > 0 && users.every((u) => u.textContent.includes(name));
    }, BOSS.username);

    // A customer code filters by that customer.
    await page.getByTestId('access-customer').filter({ hasText: ids.personCode }).first().click();
    await page.waitForFunction((id) => document.querySelector('[data-testid="access-customer-id"]').value === id, String(ids.person));
    assert.equal(lastQuery.value.get('customer_id'), String(ids.person));
  });

  it('shows the access log in English', async () => {
    await page.getByTestId('lang-switch').locator('[data-lang="en"]').click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    assert.equal(await text(page.getByTestId('page-title')), 'Access log');
    await page.getByTestId('access-reset').click();
    await page.getByTestId('access-customer-id').fill(String(ids.person));
    await searchFor({ customer_id: String(ids.person) });
    assert.equal(await text(rowOf(page, page, 'reveal').getByTestId('access-action')), 'Full data');
    assert.equal(await text(rowOf(page, page, 'view').first().getByTestId('access-action')), 'Viewed');
    await page.getByTestId('lang-switch').locator('[data-lang="zh-CN"]').click();
    await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
  });

  it('threw no uncaught errors in the page', () => {
    assert.deepEqual(browser.pageErrors, []);
  });
});

describe('salesperson, desktop', () => {
  let browser;
  let page;
  before(async () => {
    browser = await openBrowser({ viewport: DESKTOP });
    page = browser.page;
    await loginThroughUi(page, srv.url, SALES.username, SALES.password);
  });
  after(async () => { if (browser) await browser.close(); });

  it('SEC-3: sees his own customer masked, with no 查看完整信息 and no 访问记录', async () => {
    const customer = await openCustomer(page, srv, ids.person);
    assert.deepEqual([customer.masked, customer.revealable], [true, false]);
    assert.equal(await text(profileValue(page, 'mobile')), maskedMobile(PERSON.newMobile), '王总\'s reveal is his alone');
    assert.equal(await text(page.getByTestId('notice-masked')), '您没有查看敏感信息的权限，带锁的内容已部分隐藏。');
    assert.equal(await page.getByTestId('customer-reveal').count(), 0);
    const tabs = (await page.getByTestId('customer-tabs').locator('.el-tabs__item').allInnerTexts()).map((s) => s.trim());
    assert.deepEqual(tabs, ['基本资料', '分类与评价', '联系人', '账户', '记事', '变更历史', '验证']);
    await clickTab(page, '联系人');
    await page.getByTestId('customer-contacts').and(page.locator('[data-state="ready"]')).waitFor();
    assert.equal(await text(contactMobile(page)), maskedMobile(CONTACT.mobile));
    assert.doesNotMatch(await text(page.getByTestId('customer-contacts')), /查看完整信息/);
    // The server refuses him too.
    await assert.rejects(api(sales, 'POST', `/api/v1/customers/${ids.person}/reveal`, { reason: '想看看' }), / -> 403 /);
  });

  it('SEC-7: may not open the access log', async () => {
    await page.goto(srv.url + '/admin/access-log');
    const forbidden = page.getByTestId('forbidden');
    await forbidden.waitFor();
    assert.match(await forbidden.innerText(), /无权访问/);
  });

  it('threw no uncaught errors in the page', () => {
    assert.deepEqual(browser.pageErrors, []);
  });
});

describe('phone 390 px', () => {
  let browser;
  let page;
  before(async () => {
    browser = await openBrowser({ viewport: PHONE, mobile: true });
    page = browser.page;
  });
  after(async () => { if (browser) await browser.close(); });

  it('PLT-1 SEC-7: the auditor\'s access log fits without horizontal scrolling', async () => {
    await loginThroughUi(page, srv.url, AUDITOR.username, AUDITOR.password);
    await page.getByTestId('menu-toggle').click();
    await page.getByTestId('menu-access-log').click();
    await waitForPath(page, '/admin/access-log');
    await accessRows(page).first().waitFor();
    assert.ok(await documentScrollWidth(page) <= PHONE.width, `scroll width ${await documentScrollWidth(page)}`);
    await page.getByTestId('access-customer-id').fill(String(ids.person));
    await page.getByTestId('access-search').click();
    await page.waitForFunction((n) => {
      const shown = [...document.querySelectorAll('[data-testid="access-table"] [data-testid="access-customers"]')];
      return shown.length > 0 && shown.every((s) => s.textContent.includes(n));
    }, ids.personCode);
    const reveal = rowOf(page, page, 'reveal');
    assert.equal(await text(reveal.getByTestId('access-reason')), REASON, 'the reason is shown on a phone too');
    const table = page.getByTestId('access-table');
    const overflow = await table.evaluate((el) => el.scrollWidth - el.clientWidth);
    assert.ok(overflow <= 0, `the table fits (${overflow}px wider)`);
    await reveal.locator('.el-table__expand-icon').click();
    await page.locator('[data-testid^="access-detail-"]:visible').first().waitFor();
    assert.ok(await documentScrollWidth(page) <= PHONE.width, `expanded: scroll width ${await documentScrollWidth(page)}`);
    await screenshot(page, 'access-log-phone');
  });

  it('PLT-1 SEC-3: 王总\'s customer page with 查看完整信息 and its dialog fit', async () => {
    await page.getByTestId('user-menu').click();
    await page.getByTestId('logout').click();
    await waitForPath(page, '/login');
    await loginThroughUi(page, srv.url, BOSS.username, BOSS.password);
    await openCustomer(page, srv, ids.other);
    await page.getByTestId('customer-reveal').waitFor();
    assert.ok(await documentScrollWidth(page) <= PHONE.width, `scroll width ${await documentScrollWidth(page)}`);
    await page.getByTestId('customer-reveal').click();
    await page.getByTestId('reveal-dialog').getByTestId('reason-input').waitFor();
    assert.ok(await documentScrollWidth(page) <= PHONE.width, `dialog: scroll width ${await documentScrollWidth(page)}`);
    await screenshot(page, 'reveal-phone');
    await page.getByTestId('reveal-dialog').getByRole('button', { name: '取消' }).click();
    await clickTab(page, '访问记录');
    await page.getByTestId('customer-access-log').and(page.locator('[data-state="ready"]')).waitFor();
    assert.ok(await documentScrollWidth(page) <= PHONE.width, `访问记录: scroll width ${await documentScrollWidth(page)}`);
  });

  it('threw no uncaught errors in the page', () => {
    assert.deepEqual(browser.pageErrors, []);
  });
});

describe('the reveal window ends (4 seconds), desktop', () => {
  let short;
  let browser;
  let page;
  let customerId;
  before(async () => {
    short = await startServer({ env: { GUANXI_REVEAL_SECONDS: '4' } });
    watchServer(short);
    await makeUsers(short, [BOSS, SALES]);
    const owner = await apiLogin(short.url, SALES.username, SALES.password);
    customerId = (await api(owner, 'POST', '/api/v1/customers', { kind: 'individual', name: OTHER.name, mobile: OTHER.mobile })).id;
    await api(owner, 'POST', `/api/v1/customers/${customerId}/contacts`, CONTACT);
    browser = await openBrowser({ viewport: DESKTOP });
    page = browser.page;
    await loginThroughUi(page, short.url, BOSS.username, BOSS.password);
  });
  after(async () => {
    if (browser) await browser.close();
    if (!short) return;
    short.stopping = true;
    await short.stop();
  });

  it('SEC-3: the page and its contacts are masked again by themselves when the window is over', async () => {
    await openCustomer(page, short, customerId, 'contacts');
    await page.getByTestId('customer-contacts').and(page.locator('[data-state="ready"]')).waitFor();
    await page.getByTestId('customer-reveal').click();
    const dialog = page.getByTestId('reveal-dialog');
    await dialog.getByTestId('reason-input').fill('核对联系人电话');
    const [response] = await Promise.all([
      page.waitForResponse((r) => isApi(r, 'POST', `/api/v1/customers/${customerId}/reveal`)),
      dialog.getByTestId('reason-submit').click(),
    ]);
    const revealed = await response.json();
    assert.ok(revealed.revealed_until - Date.now() <= 4_500, 'the short window');
    await page.waitForFunction(([sel, want]) => document.querySelector(sel)?.textContent.trim() === want, [CONTACT_MOBILE, CONTACT.mobile]);
    await page.getByTestId('notice-revealed').waitFor();

    // No click: the page reads the customer again after the end and masks the tabs again.
    const reread = await page.waitForResponse((r) => isApi(r, 'GET', `/api/v1/customers/${customerId}`), { timeout: 15_000 });
    assert.ok(Date.now() >= revealed.revealed_until, 'not before the end');
    assert.equal((await reread.json()).masked, true);
    await page.getByTestId('notice-masked').waitFor();
    await page.getByTestId('customer-reveal').waitFor();
    assert.equal(await page.getByTestId('notice-revealed').count(), 0);
    await page.waitForFunction(([sel, want]) => document.querySelector(sel)?.textContent.trim() === want, [CONTACT_MOBILE, maskedMobile(CONTACT.mobile)]);
    await clickTab(page, '基本资料');
    assert.equal(await text(profileValue(page, 'mobile')), maskedMobile(OTHER.mobile));
  });

  it('threw no uncaught errors in the page', () => {
    assert.deepEqual(browser.pageErrors, []);
  });
});

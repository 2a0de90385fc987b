// Browser tests of a customer's contacts (联系人, CUS-4) and accounts (账户, CUS-7) on the
// customer page, against the real server serving web/dist. Run: node --test tests/e2e/
//
// One server for the file; the describes run in order and build on each other. The
// system administrator only creates the users through the API: 王总 (group management:
// every customer, sensitive data in full) maintains the contacts and accounts of 李销售's
// customer on a PC — adds, edits (only the changed member is sent), meets the server's
// field check, loses a race to an API edit, removes; adds two accounts, moves the default,
// cancels one. 李销售 (salesperson: own customers, no customer.sensitive.read) sees masked
// phones and account numbers and edits without sending them back (SEC-3). 客服 (read only)
// and a deregistered customer offer no changes. Last, 王总 at phone width. Where the server
// masks every record until it is revealed (SEC-7), 王总 reveals the customer first.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN_PASSWORD, startServer } from '../lib/server.mjs';
import {
  DESKTOP, PHONE, api, apiLogin, clickFor, documentScrollWidth, expectMessage, isApi, itemError, loginThroughUi, maskedMobile,
  openBrowser, pickOption, screenshot,
} from './browser.mjs';

const BOSS = { username: 'wang.zong', display: '王总', password: 'Wangzong-Passw0rd!', roles: ['group_management'] };
const SALES = { username: 'li.xiao', display: '李销售', password: 'Lixiao-Passw0rd!', roles: ['salesperson'] };
const SERVICE = { username: 'zhao.kefu', display: '赵客服', password: 'Zhaokefu-Passw0rd!', roles: ['customer_service'] };

/** 李销售's customer (made through the API by 李销售, so the salesperson may edit it). */
const COMPANY = { kind: 'organization', name: '深圳市华南精密制造有限公司' };
const NANA = { name: '欧阳娜娜', department: '总经办', title: '总经理', mobile: '139 1234 5678' };

let srv;
let stopping = false;
let boss; // API sessions
let sales;
let company; // the customer as created

before(async () => {
  srv = await startServer();
  srv.proc.on('exit', (code, signal) => {
    if (!stopping) console.error(`guanxi exited early (code ${code}, signal ${signal}):\n${srv.logs.slice(-40).join('\n')}`);
  });
  const admin = await apiLogin(srv.url, 'admin', ADMIN_PASSWORD);
  for (const u of [BOSS, SALES, SERVICE]) {
    await api(admin, 'POST', '/api/v1/users', {
      username: u.username, display_name: u.display, password: u.password, roles: u.roles, must_change_password: false,
    });
  }
  boss = await apiLogin(srv.url, BOSS.username, BOSS.password);
  sales = await apiLogin(srv.url, SALES.username, SALES.password);
  company = await api(sales, 'POST', '/api/v1/customers', COMPANY);
  await revealInFull(boss, company.id);
});
after(async () => {
  stopping = true;
  if (srv) await srv.stop();
});

// ---------------------------------------------------------------- API helpers

const contactsPath = (customerId = company.id) => `/api/v1/customers/${customerId}/contacts`;
const accountsPath = (customerId = company.id) => `/api/v1/customers/${customerId}/accounts`;

/**
 * Lets a holder of customer.sensitive.read see the customer in full (SEC-3): servers with
 * SEC-7 mask every record until it is revealed with a reason (POST …/reveal, a window of
 * 10 minutes by default, for the person, whatever the session); servers before it answer
 * 404 for that route and show such holders everything at once.
 */
async function revealInFull(session, customerId) {
  const res = await fetch(`${session.url}/api/v1/customers/${customerId}/reveal`, {
    method: 'POST',
    headers: { Cookie: session.cookie, 'X-CSRF-Token': session.csrf, 'Content-Type': 'application/json' },
    body: JSON.stringify({ reason: '维护联系人和账户' }),
  });
  if (res.status === 404) return;
  assert.equal(res.status, 200, await res.text());
}

/** The contacts / accounts as 王总 reads them (in full). */
const contactsNow = async () => (await api(boss, 'GET', contactsPath())).items;
const accountsNow = async () => (await api(boss, 'GET', accountsPath())).items;
const contactNamed = async (name) => (await contactsNow()).find((c) => c.name === name);

// ---------------------------------------------------------------- UI helpers

/** Opens a tab of the customer page (`contacts` or `accounts`) and waits for its list. */
async function openTab(page, tab, customerId = company.id) {
  const path = tab === 'contacts' ? contactsPath(customerId) : accountsPath(customerId);
  const [response] = await Promise.all([
    page.waitForResponse((r) => isApi(r, 'GET', path)),
    page.goto(srv.url + `/customers/${customerId}?tab=${tab}`),
  ]);
  assert.equal(response.status(), 200);
  const list = page.getByTestId(`customer-${tab}`);
  await list.and(page.locator('[data-state="ready"]')).waitFor();
  return list;
}

const contactItem = (page, id) => page.locator(`[data-testid="contact-item"][data-id="${id}"]`);
const accountItem = (page, id) => page.locator(`[data-testid="account-item"][data-id="${id}"]`);

// ---------------------------------------------------------------- tests

describe('group management maintains contacts and accounts, desktop', () => {
  let browser;
  let page;
  const ids = {}; // contact and account ids by name
  before(async () => {
    browser = await openBrowser({ viewport: DESKTOP });
    page = browser.page;
    await loginThroughUi(page, srv.url, BOSS.username, BOSS.password);
  });
  after(async () => { if (browser) await browser.close(); });

  it('CUS-4: adds a contact with a mobile, position and decision maker', async () => {
    const list = await openTab(page, 'contacts');
    assert.match(await list.innerText(), /暂无联系人/);
    await page.getByTestId('contact-add').click();
    const dialog = page.getByTestId('contact-dialog');
    await dialog.waitFor();
    assert.match(await dialog.locator('.el-dialog__title').innerText(), /新增联系人/);
    await page.getByTestId('contact-field-name').fill(NANA.name);
    await page.getByTestId('contact-field-department').fill(NANA.department);
    await page.getByTestId('contact-field-title').fill(NANA.title);
    await pickOption(page, 'contact-field-position', '总经理');
    await page.getByTestId('contact-field-mobile').fill(NANA.mobile);
    await page.getByTestId('contact-field-decision_maker').click();

    const response = await clickFor(page, page.getByTestId('contact-save'), 'POST', contactsPath());
    assert.equal(response.status(), 201);
    assert.deepEqual(response.request().postDataJSON(), {
      name: NANA.name, title: NANA.title, position: 'general_manager', department: NANA.department,
      mobile: NANA.mobile, decision_maker: true, status: 'active',
    });
    const contact = await response.json();
    ids.nana = contact.id;
    assert.equal(contact.masked, false, 'group management sees this customer in full');
    assert.equal(contact.mobile, NANA.mobile.replace(/ /g, ''), 'stored as 11 digits');
    await expectMessage(page, '已新增联系人');
    await dialog.waitFor({ state: 'hidden' });

    const item = contactItem(page, contact.id);
    await item.waitFor();
    assert.equal((await item.getByTestId('contact-name').innerText()).trim(), NANA.name);
    // 部门 · 职务/职称 · 职务类别, the position's label 总经理 not repeated after the same title.
    assert.equal((await item.getByTestId('contact-subtitle').innerText()).trim(), `${NANA.department} · ${NANA.title}`);
    assert.equal((await item.getByTestId('contact-decision-maker').innerText()).trim(), '关键决策人');
    const mobile = item.locator('[data-field="mobile"]');
    assert.equal((await mobile.getByTestId('sensitive-text').innerText()).trim(), contact.mobile, 'in full for group management');
    assert.equal(await mobile.locator('[data-masked]').count(), 0);
    assert.deepEqual((await contactsNow()).map((c) => c.name), [NANA.name]);
    await screenshot(page, 'records-contacts');
  });

  it('CUS-4: an edit sends only the changed member with the contact\'s version', async () => {
    const before = await contactNamed(NANA.name);
    await contactItem(page, ids.nana).getByTestId('contact-edit').click();
    const dialog = page.getByTestId('contact-dialog');
    await dialog.waitFor();
    assert.equal(await page.getByTestId('contact-field-mobile').inputValue(), before.mobile, 'unmasked values are filled in');
    assert.equal(await dialog.getByTestId('masked-note-mobile').count(), 0);
    await page.getByTestId('contact-field-title').fill('董事长');

    const response = await clickFor(page, page.getByTestId('contact-save'), 'PATCH', `${contactsPath()}/${ids.nana}`);
    assert.equal(response.status(), 200, await response.text());
    assert.equal(response.request().headers()['if-match'], `"${before.version}"`);
    assert.deepEqual(response.request().postDataJSON(), { title: '董事长' }, 'only the changed member');
    await expectMessage(page, '已保存');
    await page.waitForFunction((id) => document.querySelector(`[data-testid="contact-item"][data-id="${id}"] [data-testid="contact-subtitle"]`)
      ?.textContent.trim() === '总经办 · 董事长 · 总经理', ids.nana);
    const after = await contactNamed(NANA.name);
    assert.equal(after.title, '董事长');
    assert.equal(after.version, before.version + 1);
    assert.equal(after.mobile, before.mobile, 'the mobile was not touched');
  });

  it('CUS-4: an invalid mobile gets the server\'s message under the field, in Chinese', async () => {
    const before = await contactNamed(NANA.name);
    await contactItem(page, ids.nana).getByTestId('contact-edit').click();
    const dialog = page.getByTestId('contact-dialog');
    await dialog.waitFor();
    await page.getByTestId('contact-field-mobile').fill('12345');
    const response = await clickFor(page, page.getByTestId('contact-save'), 'PATCH', `${contactsPath()}/${ids.nana}`);
    assert.equal(response.status(), 422);
    assert.deepEqual(response.request().postDataJSON(), { mobile: '12345' });
    const problem = await response.json();
    assert.equal(problem.code, 'validation_failed');
    const fieldError = problem.errors.find((e) => e.field === 'mobile');
    assert.equal(fieldError.code, 'invalid_format');
    assert.match(fieldError.message, /[\u4e00-\u9fff]/, 'the server answers in Chinese');
    assert.equal(await itemError(dialog, 'mobile'), fieldError.message);
    await expectMessage(page, problem.detail);
    assert.ok(await dialog.isVisible(), 'the dialog stays open with what was typed');
    await screenshot(page, 'records-contact-field-error');

    // Typing again clears the message; cancelling changes nothing.
    await page.getByTestId('contact-field-mobile').fill('1391234567');
    await dialog.locator(`.el-form-item[data-item="mobile"] .el-form-item__error`).waitFor({ state: 'detached' });
    await dialog.getByRole('button', { name: '取消' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const after = await contactNamed(NANA.name);
    assert.equal(after.mobile, before.mobile);
    assert.equal(after.version, before.version);
  });

  it('CUS-4: the name is required before anything is sent', async () => {
    await page.getByTestId('contact-add').click();
    const dialog = page.getByTestId('contact-dialog');
    await dialog.waitFor();
    let posted = false;
    const onRequest = (r) => { if (r.method() === 'POST' && new URL(r.url()).pathname === contactsPath()) posted = true; };
    page.on('request', onRequest);
    await page.getByTestId('contact-save').click();
    assert.equal(await itemError(dialog, 'name'), '请输入姓名');
    page.off('request', onRequest);
    assert.equal(posted, false);
    await dialog.getByRole('button', { name: '取消' }).click();
    await dialog.waitFor({ state: 'hidden' });
  });

  it('CUS-10: a stale edit shows the server\'s message, writes nothing and reloads the list', async () => {
    const before = await contactNamed(NANA.name);
    await contactItem(page, ids.nana).getByTestId('contact-edit').click();
    const dialog = page.getByTestId('contact-dialog');
    await dialog.waitFor();
    await page.getByTestId('contact-field-notes').fill('我的备注');
    // Someone else changes the contact meanwhile.
    const theirs = await api(boss, 'PATCH', `${contactsPath()}/${ids.nana}`, { department: '采购部' }, { 'If-Match': `"${before.version}"` });
    assert.equal(theirs.version, before.version + 1);

    const [response, reloaded] = await Promise.all([
      page.waitForResponse((r) => isApi(r, 'PATCH', `${contactsPath()}/${ids.nana}`)),
      page.waitForResponse((r) => isApi(r, 'GET', contactsPath())),
      page.getByTestId('contact-save').click(),
    ]);
    assert.equal(response.status(), 409);
    assert.equal(response.request().headers()['if-match'], `"${before.version}"`);
    const problem = await response.json();
    assert.equal(problem.code, 'version_conflict');
    assert.equal(problem.current.department, '采购部');
    await expectMessage(page, problem.detail);
    assert.equal(reloaded.status(), 200);
    await dialog.waitFor({ state: 'hidden' });
    await page.waitForFunction((id) => document.querySelector(`[data-testid="contact-item"][data-id="${id}"] [data-testid="contact-subtitle"]`)
      ?.textContent.startsWith('采购部'), ids.nana);

    const after = await contactNamed(NANA.name);
    assert.equal(after.version, theirs.version, 'the stale save wrote nothing');
    assert.equal(after.notes, null);
    // Editing again starts from the reloaded contact.
    await contactItem(page, ids.nana).getByTestId('contact-edit').click();
    await dialog.waitFor();
    assert.equal(await page.getByTestId('contact-field-department').inputValue(), '采购部');
    assert.equal(await page.getByTestId('contact-field-notes').inputValue(), '');
    await dialog.getByRole('button', { name: '取消' }).click();
    await dialog.waitFor({ state: 'hidden' });
  });

  it('CUS-4: removes a contact after confirming, with its version', async () => {
    const extra = await api(boss, 'POST', contactsPath(), { name: '李强', title: '采购经理', mobile: '13700001111' });
    await openTab(page, 'contacts');
    const item = contactItem(page, extra.id);
    await item.waitFor();
    await item.getByTestId('contact-delete').click();
    const box = page.locator('.el-message-box:visible');
    await box.waitFor();
    assert.match(await box.innerText(), /确定删除联系人“李强”/);
    const response = await clickFor(page, box.locator('.el-button--primary'), 'DELETE', `${contactsPath()}/${extra.id}`);
    assert.equal(response.status(), 204);
    assert.equal(response.request().headers()['if-match'], `"${extra.version}"`);
    await expectMessage(page, '已删除联系人');
    await item.waitFor({ state: 'detached' });
    assert.deepEqual((await contactsNow()).map((c) => c.name), [NANA.name]);
    assert.equal(await page.getByTestId('contact-item').count(), 1);
  });

  it('CUS-7: adds two accounts; making the second the default un-marks the first', async () => {
    const list = await openTab(page, 'accounts');
    assert.match(await list.innerText(), /暂无账户/);
    const dialog = page.getByTestId('account-dialog');

    await page.getByTestId('account-add').click();
    await dialog.waitFor();
    await page.getByTestId('account-field-account_name').fill('华南精密结算户');
    await page.getByTestId('account-field-bank_name').fill('中国工商银行深圳南山支行');
    await page.getByTestId('account-field-account_number').fill('6222 0210 0112 3456 789');
    await page.getByTestId('account-field-tax_number').fill('91440300ma5f0b2k68');
    await pickOption(page, 'account-field-purpose', '结算');
    await page.getByTestId('account-field-is_default').click();
    let response = await clickFor(page, page.getByTestId('account-save'), 'POST', accountsPath());
    assert.equal(response.status(), 201);
    assert.deepEqual(response.request().postDataJSON(), {
      account_name: '华南精密结算户', bank_name: '中国工商银行深圳南山支行', account_number: '6222 0210 0112 3456 789',
      tax_number: '91440300ma5f0b2k68', purpose: 'settlement', is_default: true,
    });
    const first = await response.json();
    assert.equal(first.account_number, '6222021001123456789', 'digits only');
    assert.equal(first.tax_number, '91440300MA5F0B2K68', 'upper case');
    await expectMessage(page, '已新增账户');
    await dialog.waitFor({ state: 'hidden' });

    await page.getByTestId('account-add').click();
    await dialog.waitFor();
    await page.getByTestId('account-field-account_name').fill('华南精密开票户');
    await page.getByTestId('account-field-account_number').fill('6222000011112222');
    await pickOption(page, 'account-field-purpose', '开票');
    response = await clickFor(page, page.getByTestId('account-save'), 'POST', accountsPath());
    assert.equal(response.status(), 201);
    const second = await response.json();
    assert.equal(second.is_default, false);
    await dialog.waitFor({ state: 'hidden' });
    ids.first = first.id;
    ids.second = second.id;

    await accountItem(page, second.id).waitFor();
    assert.equal(await accountItem(page, first.id).getAttribute('data-default'), 'true');
    assert.equal(await accountItem(page, first.id).getByTestId('account-set-default').count(), 0);
    assert.equal((await accountItem(page, first.id).locator('[data-field="account_number"]').getByTestId('sensitive-text').innerText()).trim(), first.account_number);

    // The second becomes the default with its own version; the first loses it.
    const [mark] = await Promise.all([
      page.waitForResponse((r) => isApi(r, 'PATCH', `${accountsPath()}/${second.id}`)),
      accountItem(page, second.id).getByTestId('account-set-default').click(),
    ]);
    assert.equal(mark.status(), 200);
    assert.deepEqual(mark.request().postDataJSON(), { is_default: true });
    assert.equal(mark.request().headers()['if-match'], `"${second.version}"`);
    await expectMessage(page, '已设为默认账户');
    await page.waitForFunction((id) => document.querySelector(`[data-testid="account-item"][data-id="${id}"]`)?.dataset.default === 'true', second.id);
    assert.equal(await accountItem(page, first.id).getAttribute('data-default'), 'false');
    const now = await accountsNow();
    assert.deepEqual(now.filter((a) => a.is_default).map((a) => a.id), [second.id], 'exactly one default on the server');
    await screenshot(page, 'records-accounts');
  });

  it('CUS-7: cancels an account with a reason; it stays listed as cancelled and offers no edit', async () => {
    const item = accountItem(page, ids.first);
    await item.getByTestId('account-cancel').click();
    const dialog = page.getByTestId('account-cancel-dialog');
    await dialog.waitFor();
    assert.match(await dialog.innerText(), /注销账户：华南精密结算户/);
    await dialog.getByTestId('reason-submit').click();
    assert.equal((await dialog.locator('.el-form-item__error').innerText()).trim(), '请填写原因');

    const before = (await accountsNow()).find((a) => a.id === ids.first);
    await dialog.getByTestId('reason-input').fill('银行账户已销户');
    const response = await clickFor(page, dialog.getByTestId('reason-submit'), 'POST', `${accountsPath()}/${ids.first}/cancel`);
    assert.equal(response.status(), 200);
    assert.deepEqual(response.request().postDataJSON(), { reason: '银行账户已销户' });
    assert.equal(response.request().headers()['if-match'], `"${before.version}"`);
    await expectMessage(page, '账户已注销');
    await dialog.waitFor({ state: 'hidden' });

    await page.waitForFunction((id) => document.querySelector(`[data-testid="account-item"][data-id="${id}"]`)?.dataset.status === 'cancelled', ids.first);
    assert.equal((await item.getByTestId('account-status').innerText()).trim(), '已销户');
    assert.equal((await item.getByTestId('account-cancel-reason').innerText()).trim(), '销户原因：银行账户已销户');
    assert.equal(await item.getByTestId('account-edit').count(), 0, 'a cancelled account offers no edit');
    assert.equal(await item.getByTestId('account-cancel').count(), 0);
    assert.equal(await accountItem(page, ids.second).getByTestId('account-edit').count(), 1, 'the active one still does');
    const after = (await accountsNow()).find((a) => a.id === ids.first);
    assert.deepEqual([after.status, after.cancel_reason], ['cancelled', '银行账户已销户']);
    await screenshot(page, 'records-account-cancelled');
  });

  it('threw no uncaught errors in the page', () => {
    assert.deepEqual(browser.pageErrors, []);
  });
});

describe('salesperson without customer.sensitive.read, desktop', () => {
  let browser;
  let page;
  before(async () => {
    browser = await openBrowser({ viewport: DESKTOP });
    page = browser.page;
    await loginThroughUi(page, srv.url, SALES.username, SALES.password);
  });
  after(async () => { if (browser) await browser.close(); });

  it('SEC-3: sees contact phones and account numbers masked', async () => {
    const full = await contactNamed(NANA.name);
    const list = await openTab(page, 'contacts');
    const item = contactItem(page, full.id);
    await item.waitFor();
    const mobile = item.locator('[data-field="mobile"]');
    const shown = (await mobile.getByTestId('sensitive-text').innerText()).trim();
    assert.equal(shown, maskedMobile(full.mobile));
    assert.notEqual(shown, full.mobile);
    assert.equal(await mobile.locator('[data-masked="true"]').count(), 1, 'marked with a lock');
    assert.match(await list.innerText(), /带锁的内容已部分隐藏/);
    assert.equal(await page.getByTestId('contact-add').count(), 1, 'the salesperson may maintain its own customer');

    await openTab(page, 'accounts');
    const account = (await accountsNow()).find((a) => a.status === 'active');
    const number = accountItem(page, account.id).locator('[data-field="account_number"]');
    assert.equal((await number.getByTestId('sensitive-text').innerText()).trim(), `****${account.account_number.slice(-4)}`);
    await screenshot(page, 'records-masked');
  });

  it('SEC-3: an edit leaves masked values out; a newly typed mobile is sent', async () => {
    const before = await contactNamed(NANA.name);
    await openTab(page, 'contacts');
    await contactItem(page, before.id).getByTestId('contact-edit').click();
    const dialog = page.getByTestId('contact-dialog');
    await dialog.waitFor();
    const mobile = page.getByTestId('contact-field-mobile');
    assert.equal(await mobile.inputValue(), '', 'a masked value is not put into the input');
    assert.equal(await mobile.getAttribute('placeholder'), maskedMobile(before.mobile));
    await dialog.getByTestId('masked-note-mobile').waitFor();
    await page.getByTestId('contact-field-hobbies').fill('高尔夫、茶');
    let response = await clickFor(page, page.getByTestId('contact-save'), 'PATCH', `${contactsPath()}/${before.id}`);
    assert.equal(response.status(), 200, await response.text());
    assert.deepEqual(response.request().postDataJSON(), { hobbies: '高尔夫、茶' }, 'no masked value sent back');
    await dialog.waitFor({ state: 'hidden' });
    let now = await contactNamed(NANA.name);
    assert.equal(now.mobile, before.mobile, 'the mobile is as it was');
    assert.equal(now.hobbies, '高尔夫、茶');

    await contactItem(page, before.id).getByTestId('contact-edit').click();
    await dialog.waitFor();
    await mobile.fill('13600002222');
    response = await clickFor(page, page.getByTestId('contact-save'), 'PATCH', `${contactsPath()}/${before.id}`);
    assert.equal(response.status(), 200, await response.text());
    assert.deepEqual(response.request().postDataJSON(), { mobile: '13600002222' });
    assert.equal((await response.json()).mobile, '136****2222', 'answered masked');
    await dialog.waitFor({ state: 'hidden' });
    now = await contactNamed(NANA.name);
    assert.equal(now.mobile, '13600002222');
    await page.waitForFunction((id) => document.querySelector(`[data-testid="contact-item"][data-id="${id}"] [data-field="mobile"]`)
      ?.textContent.includes('136****2222'), before.id);
  });

  it('threw no uncaught errors in the page', () => {
    assert.deepEqual(browser.pageErrors, []);
  });
});

describe('no changes offered where none are allowed', () => {
  let browser;
  let page;
  after(async () => { if (browser) await browser.close(); });

  it('CUS-4 CUS-7: customer service (read only) sees contacts and accounts without buttons', async () => {
    browser = await openBrowser({ viewport: DESKTOP });
    page = browser.page;
    await loginThroughUi(page, srv.url, SERVICE.username, SERVICE.password);
    await openTab(page, 'contacts');
    assert.equal(await page.getByTestId('contact-item').count(), (await contactsNow()).length);
    assert.equal(await page.getByTestId('contact-add').count(), 0);
    assert.equal(await page.getByTestId('contact-edit').count(), 0);
    await openTab(page, 'accounts');
    assert.equal(await page.getByTestId('account-item').count(), (await accountsNow()).length);
    assert.equal(await page.getByTestId('account-add').count(), 0);
    assert.equal(await page.getByTestId('account-edit').count(), 0);
    await browser.close();
    browser = null;
  });

  it('CUS-8: a deregistered customer lists its contacts and accounts but offers no changes', async () => {
    const gone = await api(boss, 'POST', '/api/v1/customers', { kind: 'organization', name: '已注销的贸易公司' });
    await api(boss, 'POST', contactsPath(gone.id), { name: '周经理' });
    await api(boss, 'POST', accountsPath(gone.id), { account_name: '贸易公司基本户' });
    await api(boss, 'POST', `/api/v1/customers/${gone.id}/deregister`, { reason: '停止往来' }, { 'If-Match': `"${gone.version}"` });

    browser = await openBrowser({ viewport: DESKTOP });
    page = browser.page;
    await loginThroughUi(page, srv.url, BOSS.username, BOSS.password);
    await openTab(page, 'contacts', gone.id);
    assert.equal(await page.getByTestId('contact-item').count(), 1);
    assert.equal(await page.getByTestId('contact-add').count(), 0);
    assert.equal(await page.getByTestId('contact-edit').count(), 0);
    await openTab(page, 'accounts', gone.id);
    const item = page.getByTestId('account-item');
    assert.equal(await item.getAttribute('data-status'), 'cancelled', 'cancelled with the customer');
    assert.match(await item.getByTestId('account-cancel-reason').innerText(), /随客户注销/);
    assert.equal(await page.getByTestId('account-add').count(), 0);
    assert.deepEqual(browser.pageErrors, []);
  });
});

describe('group management, phone 390 px', () => {
  let browser;
  let page;
  before(async () => {
    browser = await openBrowser({ viewport: PHONE, mobile: true });
    page = browser.page;
    await loginThroughUi(page, srv.url, BOSS.username, BOSS.password);
  });
  after(async () => { if (browser) await browser.close(); });

  /** The dialog (the `.el-dialog` carrying the test id) lies within the screen and nothing scrolls sideways. */
  async function assertFits(dialog, what) {
    const box = await dialog.boundingBox();
    assert.ok(box.x >= 0 && box.x + box.width <= PHONE.width + 0.5, `${what}: ${JSON.stringify(box)}`);
    assert.ok(await documentScrollWidth(page) <= PHONE.width, `${what}: scroll width ${await documentScrollWidth(page)}`);
    const overflow = await dialog.evaluate((d) => d.scrollWidth - d.clientWidth);
    assert.ok(overflow <= 0, `${what}: the dialog scrolls sideways by ${overflow}px`);
  }

  it('PLT-1: the contacts list and its dialog fit the phone', async () => {
    await openTab(page, 'contacts');
    assert.ok(await documentScrollWidth(page) <= PHONE.width, `list: scroll width ${await documentScrollWidth(page)}`);
    await page.getByTestId('contact-add').click();
    const dialog = page.getByTestId('contact-dialog');
    await dialog.waitFor();
    await assertFits(dialog, 'contact dialog');
    await screenshot(page, 'records-phone-contact-dialog');
    await dialog.getByRole('button', { name: '取消' }).click();
    await dialog.waitFor({ state: 'hidden' });
  });

  it('PLT-1: the accounts list, its dialog and the cancel dialog fit the phone', async () => {
    await openTab(page, 'accounts');
    assert.ok(await documentScrollWidth(page) <= PHONE.width, `list: scroll width ${await documentScrollWidth(page)}`);
    await screenshot(page, 'records-phone-accounts');
    const item = page.locator('[data-testid="account-item"][data-status="active"]').first();
    await item.getByTestId('account-edit').click();
    const dialog = page.getByTestId('account-dialog');
    await dialog.waitFor();
    await assertFits(dialog, 'account dialog');
    await dialog.getByRole('button', { name: '取消' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await item.getByTestId('account-cancel').click();
    const cancel = page.getByTestId('account-cancel-dialog');
    await cancel.waitFor();
    await assertFits(cancel, 'cancel dialog');
    await cancel.getByRole('button', { name: '取消' }).click();
    await cancel.waitFor({ state: 'hidden' });
  });

  it('threw no uncaught errors in the page', () => {
    assert.deepEqual(browser.pageErrors, []);
  });
});

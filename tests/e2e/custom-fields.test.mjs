// Browser tests of custom fields (自定义字段 / 附加属性, CUS-6) against the real server serving
// web/dist. Run: node --test tests/e2e/custom-fields.test.mjs
//
// One server for the file; the describes run in order and build on each other. The system
// administrator (built-in `admin`, dictionary.manage) defines the fields on 自定义字段: a text
// field with a pattern and unique (a bad pattern first gets the server's invalid_pattern
// message under the field) and a required choice field, then retires an option. 王总
// (group_management) fills them in on the customer form (the server's pattern_mismatch and
// required messages under the custom inputs), reads them with labels on the detail page,
// edits one (only that key sent), finds the change in the history (CUS-10) with the field's
// label, and uses the custom column and the choice filter of the list. Last, 390×844.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN_PASSWORD, startServer } from '../lib/server.mjs';
import {
  PHONE, api, apiLogin, documentScrollWidth, isApi, itemError, loginThroughUi, openBrowser, openPopper, pickOption,
  screenshot, waitForPath,
} from './browser.mjs';

const BOSS = { username: 'wang.zong', display: '王总', password: 'Wangzong-Passw0rd!', roles: ['group_management'] };
const CONTRACT = { key: 'contract_no', label: '合同编号', pattern: '^HT-\\d{4}$' };
const LEVEL = { key: 'coop_level', label: '合作级别', options: [['gold', '金牌'], ['silver', '银牌'], ['bronze', '铜牌']] };

let srv;
let stopping = false;
let admin;
let boss;
let customerId;

before(async () => {
  srv = await startServer();
  srv.proc.on('exit', (code, signal) => {
    if (!stopping) console.error(`guanxi exited early (code ${code}, signal ${signal}):\n${srv.logs.slice(-40).join('\n')}`);
  });
  admin = await apiLogin(srv.url, 'admin', ADMIN_PASSWORD);
  await api(admin, 'POST', '/api/v1/users', {
    username: BOSS.username, display_name: BOSS.display, password: BOSS.password, roles: BOSS.roles, must_change_password: false,
  });
  boss = await apiLogin(srv.url, BOSS.username, BOSS.password);
});
after(async () => {
  stopping = true;
  if (srv) await srv.stop();
});

// ---------------------------------------------------------------- helpers

const fieldsNow = async () => (await api(admin, 'GET', '/api/v1/custom-fields')).items;
const fieldByKey = async (key) => (await fieldsNow()).find((f) => f.key === key);

function watchErrors(pageErrors) {
  return () => assert.deepEqual(pageErrors, [], 'no uncaught page errors');
}

// ---------------------------------------------------------------- the administrator

describe('custom fields page: the system administrator defines fields (CUS-6)', () => {
  let browser;
  let page;
  before(async () => {
    browser = await openBrowser();
    page = browser.page;
    await loginThroughUi(page, srv.url, 'admin', ADMIN_PASSWORD);
  });
  after(async () => {
    await browser?.close();
  });

  it('opens 自定义字段 from the admin menu (dictionary.manage)', async () => {
    await page.getByTestId('menu-custom-fields').click();
    await waitForPath(page, '/admin/custom-fields');
    await page.getByTestId('cf-table').waitFor();
    assert.equal((await page.getByTestId('menu-custom-fields').innerText()).trim(), '自定义字段');
  });

  it('CUS-6: a text field with pattern and unique; a bad pattern gets the server\'s invalid_pattern message under the field', async () => {
    await page.getByTestId('cf-create').click();
    const dialog = page.getByTestId('cf-dialog');
    await dialog.getByTestId('cf-key').fill(CONTRACT.key);
    await dialog.getByTestId('cf-label').fill(CONTRACT.label);
    await dialog.getByTestId('cf-label-en').fill('Contract no.');
    await dialog.getByTestId('cf-unique').click();
    await dialog.getByTestId('cf-pattern').fill('^HT-(\\d{4}$');
    const [bad] = await Promise.all([
      page.waitForResponse((r) => isApi(r, 'POST', '/api/v1/custom-fields')),
      dialog.getByTestId('cf-submit').click(),
    ]);
    assert.equal(bad.status(), 422);
    const problem = await bad.json();
    const patternError = problem.errors.find((e) => e.field === 'pattern');
    assert.equal(patternError.code, 'invalid_pattern');
    assert.equal(await itemError(dialog, 'pattern'), patternError.message);
    assert.equal(await fieldByKey(CONTRACT.key), undefined, 'nothing created');

    await dialog.getByTestId('cf-pattern').fill(CONTRACT.pattern);
    const [good] = await Promise.all([
      page.waitForResponse((r) => isApi(r, 'POST', '/api/v1/custom-fields')),
      dialog.getByTestId('cf-submit').click(),
    ]);
    assert.equal(good.status(), 201, await good.text());
    const body = JSON.parse(good.request().postData());
    assert.deepEqual(body, {
      key: CONTRACT.key, type: 'text', label: CONTRACT.label, label_en: 'Contract no.', required: false, unique: true,
      pattern: CONTRACT.pattern, applies_to: 'all', sort_order: 0,
    });
    const stored = await fieldByKey(CONTRACT.key);
    assert.equal(stored.unique, true);
    assert.equal(stored.pattern, CONTRACT.pattern);
    await page.locator(`[data-testid="cf-row"][data-key="${CONTRACT.key}"]`).waitFor();
  });

  it('CUS-6: a required choice field with options', async () => {
    await page.getByTestId('cf-create').click();
    const dialog = page.getByTestId('cf-dialog');
    await dialog.getByTestId('cf-key').fill(LEVEL.key);
    await dialog.getByTestId('cf-label').fill(LEVEL.label);
    await pickOption(page, dialog.getByTestId('cf-type'), '单选');
    assert.equal(await dialog.getByTestId('cf-unique').count(), 0, 'unique is not offered for choices');
    assert.equal(await dialog.getByTestId('cf-pattern').count(), 0, 'pattern is for text only');
    for (let i = 0; i < LEVEL.options.length; i++) {
      if (i > 0) await dialog.getByTestId('cf-option-add').click();
      const row = dialog.getByTestId('cf-option').nth(i);
      await row.getByTestId('cf-option-code').fill(LEVEL.options[i][0]);
      await row.getByTestId('cf-option-label').fill(LEVEL.options[i][1]);
    }
    await dialog.getByTestId('cf-required').click();
    const [res] = await Promise.all([
      page.waitForResponse((r) => isApi(r, 'POST', '/api/v1/custom-fields')),
      dialog.getByTestId('cf-submit').click(),
    ]);
    assert.equal(res.status(), 201, await res.text());
    const stored = await fieldByKey(LEVEL.key);
    assert.equal(stored.type, 'choice');
    assert.equal(stored.required, true);
    assert.deepEqual(stored.options.map((o) => [o.code, o.label, o.retired]), LEVEL.options.map(([c, l]) => [c, l, false]));
  });

  it('CUS-6: the edit dialog keeps key and type read-only and retires an option (never removes it)', async () => {
    await page.getByTestId(`cf-edit-${LEVEL.key}`).click();
    const dialog = page.getByTestId('cf-dialog');
    assert.equal((await dialog.getByTestId('cf-key-readonly').innerText()).trim(), LEVEL.key);
    assert.equal((await dialog.getByTestId('cf-type-readonly').innerText()).trim(), '单选');
    assert.equal(await dialog.getByTestId('cf-option-remove').count(), 0, 'saved options have no remove button');
    const before = await fieldByKey(LEVEL.key);
    await dialog.locator('[data-testid="cf-option"][data-code="bronze"]').getByTestId('cf-option-retired').click();
    const [res] = await Promise.all([
      page.waitForResponse((r) => isApi(r, 'PATCH', `/api/v1/custom-fields/${before.id}`)),
      dialog.getByTestId('cf-submit').click(),
    ]);
    assert.equal(res.status(), 200, await res.text());
    const body = JSON.parse(res.request().postData());
    assert.deepEqual(Object.keys(body).sort(), ['options', 'version']);
    assert.equal(body.version, before.version);
    const after = await fieldByKey(LEVEL.key);
    assert.deepEqual(after.options.map((o) => [o.code, o.retired]), [['gold', false], ['silver', false], ['bronze', true]]);
    await page.locator(`[data-testid="cf-row"][data-key="${LEVEL.key}"]`).waitFor();
    assert.match(await page.locator('tr', { has: page.locator(`[data-key="${LEVEL.key}"]`) }).getByTestId('cf-row-options').innerText(), /铜牌（已停用）/);
  });

  it('has no uncaught page errors', () => watchErrors(browser.pageErrors)());
});

// ---------------------------------------------------------------- the group manager

describe('customer pages with custom fields: 王总 (CUS-6, CUS-10)', () => {
  let browser;
  let page;
  const NAME = '深圳市合同测试科技有限公司';
  before(async () => {
    browser = await openBrowser();
    page = browser.page;
    await loginThroughUi(page, srv.url, BOSS.username, BOSS.password);
  });
  after(async () => {
    await browser?.close();
  });

  it('CUS-6: the form shows 附加信息 with a required mark; the server\'s pattern_mismatch and required messages go under the custom inputs', async () => {
    await page.goto(srv.url + '/customers/new');
    const section = page.getByTestId('customer-form-custom-section');
    await section.waitFor();
    assert.match(await section.innerText(), /附加信息/);
    const levelItem = page.locator(`.el-form-item[data-item="custom.${LEVEL.key}"]`);
    assert.match(await levelItem.getAttribute('class'), /is-required/);
    assert.match(await page.locator(`.el-form-item[data-item="custom.${CONTRACT.key}"]`).innerText(), /\^HT-\\d\{4\}\$/, 'pattern hint');
    // Retired options are not offered.
    await page.getByTestId(`field-custom-${LEVEL.key}`).click();
    await openPopper(page).locator('.el-select-dropdown__item').first().waitFor(); // the popper may open before its options
    const offered = await openPopper(page).locator('.el-select-dropdown__item').allInnerTexts();
    assert.deepEqual(offered.map((s) => s.trim()), ['金牌', '银牌']);
    await page.keyboard.press('Escape');

    await page.getByTestId('field-name').fill(NAME);
    await page.getByTestId(`field-custom-${CONTRACT.key}`).fill('XX-1');
    const [res] = await Promise.all([
      page.waitForResponse((r) => isApi(r, 'POST', '/api/v1/customers')),
      page.getByTestId('customer-save').click(),
    ]);
    assert.equal(res.status(), 422);
    assert.deepEqual(JSON.parse(res.request().postData()).custom, { [CONTRACT.key]: 'XX-1' });
    const problem = await res.json();
    const mismatch = problem.errors.find((e) => e.field === `custom.${CONTRACT.key}`);
    const required = problem.errors.find((e) => e.field === `custom.${LEVEL.key}`);
    assert.equal(mismatch.code, 'pattern_mismatch');
    assert.equal(required.code, 'required');
    assert.equal(await itemError(page, `custom.${CONTRACT.key}`), mismatch.message);
    assert.equal(await itemError(page, `custom.${LEVEL.key}`), required.message);
    const list = await api(boss, 'GET', '/api/v1/customers?q=' + encodeURIComponent(NAME));
    assert.equal(list.items.length, 0, 'nothing created');
  });

  it('CUS-6: creates the customer with the custom values', async () => {
    await page.getByTestId(`field-custom-${CONTRACT.key}`).fill('HT-0001');
    await pickOption(page, page.getByTestId(`field-custom-${LEVEL.key}`), '金牌');
    const [res] = await Promise.all([
      page.waitForResponse((r) => isApi(r, 'POST', '/api/v1/customers')),
      page.getByTestId('customer-save').click(),
    ]);
    assert.equal(res.status(), 201, await res.text());
    assert.deepEqual(JSON.parse(res.request().postData()).custom, { [CONTRACT.key]: 'HT-0001', [LEVEL.key]: 'gold' });
    const created = await res.json();
    customerId = created.id;
    await waitForPath(page, `/customers/${customerId}`);
    const stored = await api(boss, 'GET', `/api/v1/customers/${customerId}`);
    assert.deepEqual(stored.custom, { [CONTRACT.key]: 'HT-0001', [LEVEL.key]: 'gold' });
  });

  it('CUS-6: the detail page shows the values with their labels (option label, not code)', async () => {
    const group = page.locator('[data-group="custom"]');
    await group.waitFor();
    assert.match(await group.innerText(), /附加信息/);
    assert.equal((await group.locator(`[data-custom="${CONTRACT.key}"]`).innerText()).trim(), 'HT-0001');
    assert.equal((await group.locator(`[data-custom="${LEVEL.key}"]`).innerText()).trim(), '金牌');
    assert.match(await group.innerText(), /合同编号[\s\S]*HT-0001/);
    assert.match(await group.innerText(), /合作级别/);
  });

  it('CUS-6: an edit sends only the changed custom key', async () => {
    const before = await api(boss, 'GET', `/api/v1/customers/${customerId}`);
    await page.goto(srv.url + `/customers/${customerId}/edit`);
    await page.getByTestId('customer-form-custom-section').waitFor();
    assert.equal(await page.getByTestId(`field-custom-${CONTRACT.key}`).inputValue(), 'HT-0001');
    await pickOption(page, page.getByTestId(`field-custom-${LEVEL.key}`), '银牌');
    const [res] = await Promise.all([
      page.waitForResponse((r) => isApi(r, 'PATCH', `/api/v1/customers/${customerId}`)),
      page.getByTestId('customer-save').click(),
    ]);
    assert.equal(res.status(), 200, await res.text());
    assert.deepEqual(JSON.parse(res.request().postData()), { custom: { [LEVEL.key]: 'silver' } });
    assert.equal(res.request().headers()['if-match'], `"${before.version}"`);
    const stored = await api(boss, 'GET', `/api/v1/customers/${customerId}`);
    assert.deepEqual(stored.custom, { [CONTRACT.key]: 'HT-0001', [LEVEL.key]: 'silver' });
    await waitForPath(page, `/customers/${customerId}`);
  });

  it('CUS-10: the history tab shows the custom field\'s change with its label and option labels', async () => {
    const history = (await api(boss, 'GET', `/api/v1/customers/${customerId}/history`)).items;
    const entry = history.find((e) => e.field === `custom.${LEVEL.key}`);
    assert.ok(entry, 'the server recorded the change');
    assert.deepEqual([entry.old, entry.new], ['gold', 'silver']);
    await page.goto(srv.url + `/customers/${customerId}?tab=history`);
    const item = page.locator(`[data-testid="history-item"][data-field="custom.${LEVEL.key}"]`);
    await item.waitFor();
    assert.equal((await item.getByTestId('history-field').innerText()).trim(), LEVEL.label);
    assert.equal((await item.getByTestId('history-old').innerText()).trim(), '金牌');
    assert.equal((await item.getByTestId('history-new').innerText()).trim(), '银牌');
  });

  it('CUS-10, issue 3: contact entries of the history read 修改联系人 “张经理” · 手机 and show labels, not raw codes', async () => {
    const contact = await api(boss, 'POST', `/api/v1/customers/${customerId}/contacts`, { name: '张经理' });
    await api(boss, 'PATCH', `/api/v1/customers/${customerId}/contacts/${contact.id}`, { mobile: '13912345678', status: 'left' }, { 'If-Match': `"${contact.version}"` });
    await page.goto(srv.url + `/customers/${customerId}?tab=history`);
    const item = page.locator(`[data-testid="history-item"][data-field="contacts.${contact.id}.mobile"]`);
    await item.waitFor();
    assert.equal((await item.getByTestId('history-action').innerText()).trim(), '修改联系人');
    assert.equal((await item.getByTestId('history-field').innerText()).trim(), '“张经理” · 手机', 'the kind is not repeated');
    // The contact's status by the label its form and list use, not the code `left`.
    const status = page.locator(`[data-testid="history-item"][data-field="contacts.${contact.id}.status"]`);
    assert.equal((await status.getByTestId('history-field').innerText()).trim(), '“张经理” · 状态');
    assert.equal((await status.getByTestId('history-old').innerText()).trim(), '在职');
    assert.equal((await status.getByTestId('history-new').innerText()).trim(), '已离职');
    // A whole contact added: the action alone (not 新增联系人 联系人), the name as the new value.
    const added = page.locator(`[data-testid="history-item"][data-action="contact_added"]`);
    assert.equal((await added.getByTestId('history-action').innerText()).trim(), '新增联系人');
    assert.equal(await added.getByTestId('history-field').count(), 0);
    assert.equal((await added.getByTestId('history-new').innerText()).trim(), '张经理');
  });

  it('CUS-6: the list shows the custom column when chosen (remembered) and filters by the choice field', async () => {
    // A second customer with another level, through the API.
    await api(boss, 'POST', '/api/v1/customers', { kind: 'organization', name: '广州测试贸易有限公司', custom: { [LEVEL.key]: 'gold', [CONTRACT.key]: 'HT-0002' } });
    await page.goto(srv.url + '/customers');
    await page.getByTestId('customer-row').first().waitFor();
    await page.getByTestId('customer-columns').click();
    const panel = page.getByTestId('customer-columns-panel');
    await panel.locator(`[data-column="custom.${LEVEL.key}"]`).click();
    const cell = page.locator(`.customer-col-custom-${LEVEL.key} [data-custom="${LEVEL.key}"]`);
    await cell.first().waitFor();
    const saved = await page.evaluate(() => Object.entries(localStorage).find(([k]) => k.startsWith('guanxi.customers.columns.'))?.[1]);
    assert.ok(JSON.parse(saved).includes(`custom.${LEVEL.key}`), 'the choice is remembered');
    const shown = (await cell.allInnerTexts()).map((s) => s.trim()).sort();
    assert.deepEqual(shown, ['金牌', '银牌']);
    await page.keyboard.press('Escape');

    await page.getByTestId('customer-filter-toggle').click();
    const [res] = await Promise.all([
      page.waitForResponse((r) => isApi(r, 'GET', '/api/v1/customers') && new URL(r.url()).searchParams.get(`custom.${LEVEL.key}`) === 'silver'),
      pickOption(page, page.getByTestId(`filter-custom-${LEVEL.key}`), '银牌'),
    ]);
    assert.equal(res.status(), 200);
    const expected = await api(boss, 'GET', `/api/v1/customers?custom.${LEVEL.key}=silver`);
    assert.deepEqual(expected.items.map((c) => c.id), [customerId]);
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="customer-row"]').length === n, expected.items.length);
    const ids = await page.getByTestId('customer-row').evaluateAll((els) => els.map((e) => Number(e.dataset.id)));
    assert.deepEqual(ids, expected.items.map((c) => c.id));
    assert.equal(new URL(page.url()).searchParams.get(`custom.${LEVEL.key}`), 'silver', 'the address keeps the filter');

    // The address alone restores it.
    await page.reload();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="customer-row"]').length === 1);
  });

  it('has no uncaught page errors', () => watchErrors(browser.pageErrors)());
});

describe('custom fields at 390×844', () => {
  let browser;
  let page;
  before(async () => {
    browser = await openBrowser({ viewport: PHONE, mobile: true });
    page = browser.page;
  });
  after(async () => {
    await browser?.close();
  });

  it('the admin page and its dialog, the form and the detail page fit without horizontal scrolling', async () => {
    await loginThroughUi(page, srv.url, 'admin', ADMIN_PASSWORD);
    await page.goto(srv.url + '/admin/custom-fields');
    await page.locator(`[data-testid="cf-row"][data-key="${LEVEL.key}"]`).waitFor();
    assert.ok(await documentScrollWidth(page) <= PHONE.width, 'admin page');
    await page.getByTestId(`cf-edit-${LEVEL.key}`).click();
    await page.getByTestId('cf-dialog').getByTestId('cf-option').first().waitFor();
    assert.ok(await documentScrollWidth(page) <= PHONE.width, 'edit dialog');
    await screenshot(page, 'custom-fields-phone-dialog');

    const fresh = await openBrowser({ viewport: PHONE, mobile: true });
    try {
      const p = fresh.page;
      await p.goto(srv.url + '/login');
      await p.getByTestId('login-username').fill(BOSS.username);
      await p.getByTestId('login-password').fill(BOSS.password);
      await p.getByTestId('login-submit').click();
      await p.waitForURL((u) => u.pathname === '/');
      await p.goto(srv.url + `/customers/${customerId}/edit`);
      await p.getByTestId('customer-form-custom-section').waitFor();
      assert.ok(await documentScrollWidth(p) <= PHONE.width, 'form');
      await p.goto(srv.url + `/customers/${customerId}`);
      await p.locator('[data-group="custom"]').waitFor();
      assert.ok(await documentScrollWidth(p) <= PHONE.width, 'detail');
      await p.goto(srv.url + `/customers?custom.${LEVEL.key}=silver`);
      await p.getByTestId('customer-row').first().waitFor();
      assert.ok(await documentScrollWidth(p) <= PHONE.width, 'list');
      assert.deepEqual(fresh.pageErrors, []);
    } finally {
      await fresh.close();
    }
  });

  it('has no uncaught page errors', () => watchErrors(browser.pageErrors)());
});

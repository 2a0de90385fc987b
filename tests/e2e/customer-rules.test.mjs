// Browser tests of 系统管理 → 客户规则 (the customer code rule, DOC-6, and the suggested-grade
// rules, CUS-9) against the real server serving web/dist.
// Run: node --test tests/e2e/customer-rules.test.mjs
//
// One server for the file; the describes run in order and build on each other. The built-in
// `admin` (settings.manage) opens the page from the menu and sees the configured rule, its
// source and the next code; an invalid rule gets the server's Chinese message under the input;
// `VIP-{yyyy}-{seq:4}` is saved, the next code follows and a customer 王销售 (salesperson, made
// through the API) creates through the API gets it. The grade rules: a rule A for 所属行业 =
// 金融业 (picked from the dictionary) is added, one removed, two moved; the PATCH carries the
// whole list and a customer in that industry is suggested A with that reason. A row's own
// checks (reason required) stop the save; a server error of a row shows on that row. A change
// through the API meanwhile makes the save a version conflict: the message, both cards read
// again. 恢复为服务器配置 for both, after confirming. 王销售 gets neither the menu entry nor
// the page (无权访问). Last, 390×844 without horizontal scrolling.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN_PASSWORD } from '../lib/server.mjs';
import {
  PHONE, api, documentScrollWidth, expectMessage, isApi, itemError, pickOption, screenshot, serverWithUsers,
  signedInBrowser, waitForPath,
} from './browser.mjs';

const ADMIN = { username: 'admin', password: ADMIN_PASSWORD };
const SALES = { username: 'wang.xiao', display: '王销售', password: 'Wangxiao-Passw0rd!', roles: ['salesperson'], unit: '销售部' };
const RULES = '/api/v1/settings/customer-rules';

let srv;
let admin;
let sales;
/** The rules as the server first answered (server configuration). */
let initial;
/** Four digits of the year in Beijing time, from the first next code (KH{yyyy}{seq:6}). */
let year;

serverWithUsers([SALES], async (ctx) => {
  srv = ctx.srv;
  admin = ctx.admin;
  sales = ctx.sessions[SALES.username];
  initial = await api(admin, 'GET', RULES);
  year = initial.next_code.slice(2, 6);
});

const rulesNow = () => api(admin, 'GET', RULES);
const rows = (page) => page.getByTestId('cr-rule');
const row = (page, index) => page.locator(`[data-testid="cr-rule"][data-index="${index}"]`);
const text = async (locator) => (await locator.innerText()).trim();
const codeCard = (page) => page.getByTestId('cr-code-card');

/** Clicks the button and returns the PATCH it sends (response and parsed body). */
async function patchBy(page, button) {
  const [response] = await Promise.all([
    page.waitForResponse((r) => isApi(r, 'PATCH', RULES)),
    button.click(),
  ]);
  return { response, body: JSON.parse(response.request().postData()) };
}

/** Confirms the open message box (its primary button) and returns the PATCH it leads to. */
async function confirmFor(page) {
  const box = page.locator('.el-message-box:visible');
  await box.waitFor();
  const message = await text(box.locator('.el-message-box__message'));
  const sent = await patchBy(page, box.locator('.el-button--primary'));
  await box.waitFor({ state: 'hidden' });
  return { ...sent, message };
}

/** Waits until the page shows this many rule rows. */
const rowCount = (page, n) => page.waitForFunction((count) => document.querySelectorAll('[data-testid="cr-rule"]').length === count, n);

/** The option an ElSelect (in `scope`) shows as selected ('' when none: the placeholder is then transparent). */
async function selectText(scope) {
  const shown = scope.locator('.el-select__placeholder');
  if (/is-transparent/.test(await shown.getAttribute('class'))) return '';
  return (await shown.innerText()).trim();
}

/** What the row shows: grade, field label, condition, value (an input's or a select's text) and reason. */
async function shownRow(page, index) {
  const r = row(page, index);
  const valueBox = r.locator('.rule-value');
  const kind = await valueBox.getAttribute('data-kind');
  const value = kind === 'choice' || kind === 'dictionary'
    ? await selectText(valueBox)
    : await valueBox.locator('input').inputValue();
  return {
    grade: await selectText(r.getByTestId('cr-rule-grade')),
    field: await selectText(r.getByTestId('cr-rule-field')),
    op: await text(r.getByTestId('cr-rule-op')),
    value,
    reason: await r.getByTestId('cr-rule-reason').inputValue(),
  };
}

// ---------------------------------------------------------------- the administrator

describe('客户规则: the system administrator on a PC (DOC-6, CUS-9)', () => {
  const session = signedInBrowser(() => srv.url, ADMIN);
  let page;
  before(() => { page = session.page; });

  it('opens 客户规则 from the admin menu after 自定义字段: the configured rule, its source and the next code', async () => {
    const entries = await page.getByTestId('menu-group-admin').locator('[data-testid^="menu-"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
    assert.equal(entries[entries.indexOf('menu-custom-fields') + 1], 'menu-customer-rules');
    assert.equal(await text(page.getByTestId('menu-customer-rules')), '客户规则');
    const [response] = await Promise.all([
      page.waitForResponse((r) => isApi(r, 'GET', RULES)),
      page.getByTestId('menu-customer-rules').click(),
    ]);
    assert.equal(response.status(), 200);
    await waitForPath(page, '/admin/customer-rules');
    assert.equal(await text(page.getByTestId('page-title')), '客户规则');

    assert.equal(initial.code_rule, 'KH{yyyy}{seq:6}');
    assert.match(initial.next_code, /^KH\d{4}000001$/);
    assert.equal(await page.getByTestId('cr-code-rule').inputValue(), initial.code_rule);
    assert.equal(await text(page.getByTestId('cr-code-source')), '服务器配置');
    assert.equal(await text(page.getByTestId('cr-next-code')), initial.next_code);
    assert.match(await text(page.getByTestId('cr-code-tokens')), /\{yyyy\}[\s\S]*\{yy\}[\s\S]*\{mm\}[\s\S]*\{dd\}[\s\S]*\{seq:N\}/);
    assert.ok(await page.getByTestId('cr-code-save').isDisabled(), 'nothing to save yet');
    assert.equal(await page.getByTestId('cr-code-reset').count(), 0, 'no way back from the configuration itself');

    // The grade rules in order, labelled: field labels of the customer form, choices by label, money in 元.
    assert.equal(await text(page.getByTestId('cr-grades-source')), '服务器配置');
    assert.equal(await rows(page).count(), initial.grade_rules.length);
    assert.deepEqual(await shownRow(page, 0), { grade: 'A', field: '价值层级', op: '等于', value: 'VIP 客户', reason: '价值层级为 VIP' });
    assert.deepEqual(await shownRow(page, 1), { grade: 'A', field: '注册资本', op: '不小于', value: '100000000', reason: '注册资本不低于 1 亿元' });
    assert.equal(await text(row(page, 1).getByTestId('cr-rule-value-hint')), '= 100,000,000.00 元');
    assert.deepEqual(await shownRow(page, 7), { grade: 'C', field: '客户状态', op: '等于', value: '现实客户', reason: '现实客户' });
    assert.match(await text(page.getByTestId('cr-grades-note')), /第一条满足的规则决定[\s\S]*D 级[\s\S]*下次修改时/);
    assert.equal(await text(page.getByTestId('cr-updated')), '尚未在本页面修改过，使用的都是服务器配置。');
  });

  it('DOC-6: an invalid rule gets the server\'s Chinese message under the input; nothing changes', async () => {
    await page.getByTestId('cr-code-rule').fill('KH-{seq:4}{seq:2}');
    const { response, body } = await patchBy(page, page.getByTestId('cr-code-save'));
    assert.equal(response.status(), 422);
    assert.deepEqual(body, { code_rule: 'KH-{seq:4}{seq:2}' });
    assert.equal(response.request().headers()['if-match'], `"${initial.version}"`);
    const problem = await response.json();
    const error = problem.errors.find((e) => e.field === 'code_rule');
    assert.equal(error.code, 'invalid_format');
    assert.match(error.message, /[\u4e00-\u9fff]/, 'a Chinese message');
    assert.equal(await itemError(codeCard(page), 'code_rule'), error.message);
    const now = await rulesNow();
    assert.equal(now.version, initial.version);
    assert.equal(now.code_rule_source, 'configuration');
  });

  it('DOC-6: saves VIP-{yyyy}-{seq:4}; the next code follows and a customer created afterwards gets it', async () => {
    await page.getByTestId('cr-code-rule').fill('VIP-{yyyy}-{seq:4}');
    const { response, body } = await patchBy(page, page.getByTestId('cr-code-save'));
    assert.equal(response.status(), 200, await response.text());
    assert.deepEqual(body, { code_rule: 'VIP-{yyyy}-{seq:4}' });
    const saved = await response.json();
    assert.equal(saved.next_code, `VIP-${year}-0001`);
    await expectMessage(page, '已保存编号规则');
    assert.equal(await text(page.getByTestId('cr-next-code')), `VIP-${year}-0001`);
    assert.equal(await text(page.getByTestId('cr-code-source')), '页面设置');
    await codeCard(page).locator('.el-form-item__error').waitFor({ state: 'detached' }); // the old message is gone
    assert.equal(await text(page.getByTestId('cr-code-configured')), '服务器配置的规则：KH{yyyy}{seq:6}');
    assert.equal(await page.getByTestId('cr-code-reset').count(), 1);
    assert.match(await text(page.getByTestId('cr-updated')),
      new RegExp(`^最后修改：${saved.updated_by}，\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d（北京时间）$`));

    const customer = await api(sales, 'POST', '/api/v1/customers', { kind: 'organization', name: '编号规则测试有限公司' });
    assert.equal(customer.code, `VIP-${year}-0001`);
    await Promise.all([page.waitForResponse((r) => isApi(r, 'GET', RULES)), page.getByTestId('cr-refresh').click()]);
    await page.getByTestId('cr-next-code').filter({ hasText: `VIP-${year}-0002` }).waitFor();
  });

  it('CUS-9: a rule\'s own checks (reason required) stop the save before anything is sent', async () => {
    await page.getByTestId('cr-rule-add').click();
    await rowCount(page, initial.grade_rules.length + 1);
    let sent = 0;
    const count = (r) => { if (isApi(r, 'PATCH', RULES)) sent++; };
    page.on('request', count);
    await page.getByTestId('cr-grades-save').click();
    const last = row(page, initial.grade_rules.length);
    assert.equal(await itemError(last, 'field'), '必填');
    assert.equal(await itemError(last, 'reason'), '必填');
    await expectMessage(page, '请先修正标出的错误');
    page.off('request', count);
    assert.equal(sent, 0, 'no PATCH');
    await last.getByTestId('cr-rule-delete').click();
    await rowCount(page, initial.grade_rules.length);
    assert.ok(await page.getByTestId('cr-grades-save').isDisabled(), 'back to the saved rules');
  });

  it('CUS-9: adds A for 所属行业 = 金融业 from the dictionary, removes one, moves two; a customer in that industry is suggested A', async () => {
    const n = initial.grade_rules.length;
    await page.getByTestId('cr-rule-add').click();
    await rowCount(page, n + 1);
    const added = row(page, n);
    await pickOption(page, added.getByTestId('cr-rule-grade'), 'A');
    await pickOption(page, added.getByTestId('cr-rule-field'), '所属行业');
    assert.equal(await text(added.getByTestId('cr-rule-op')), '等于');
    await pickOption(page, added.getByTestId('cr-rule-value'), '金融业');
    await added.getByTestId('cr-rule-reason').fill('金融业客户');

    // Remove rule 8 (C: 客户状态 = 现实客户), move the new rule up twice and rule 1 down once.
    await row(page, 7).getByTestId('cr-rule-delete').click();
    await rowCount(page, n);
    assert.equal(await row(page, 0).getByTestId('cr-rule-up').isDisabled(), true);
    assert.equal(await row(page, n - 1).getByTestId('cr-rule-down').isDisabled(), true);
    await row(page, n - 1).getByTestId('cr-rule-up').click();
    await row(page, n - 2).getByTestId('cr-rule-up').click();
    await row(page, 0).getByTestId('cr-rule-down').click();
    assert.deepEqual(await shownRow(page, n - 3), { grade: 'A', field: '所属行业', op: '等于', value: '金融业', reason: '金融业客户' });
    assert.ok(await page.getByTestId('cr-grades-unsaved').isVisible());

    const industryRule = { grade: 'A', field: 'industry', op: 'eq', value: 'J', reason: '金融业客户' };
    const kept = initial.grade_rules.filter((_, i) => i !== 7); // r0 … r6, r8
    const expected = [kept[1], kept[0], ...kept.slice(2, 6), industryRule, ...kept.slice(6)];
    const { response, body } = await patchBy(page, page.getByTestId('cr-grades-save'));
    assert.equal(response.status(), 200, await response.text());
    const norm = (rules) => rules.map(({ grade, field, op, value, reason }) => ({ grade, field, op, value, reason }));
    assert.deepEqual(body, { grade_rules: norm(expected) });
    assert.equal(response.request().headers()['if-match'], `"${initial.version + 1}"`);
    await expectMessage(page, '已保存建议等级规则');
    assert.equal(await text(page.getByTestId('cr-grades-source')), '页面设置');
    assert.equal(await page.getByTestId('cr-grades-unsaved').count(), 0);
    const now = await rulesNow();
    assert.deepEqual(norm(now.grade_rules), norm(expected));
    assert.equal(now.grade_rules_source, 'settings');
    assert.equal(now.code_rule, 'VIP-{yyyy}-{seq:4}', 'the code rule stays');

    const customer = await api(sales, 'POST', '/api/v1/customers', { kind: 'organization', name: '金融规则测试有限公司', industry: 'J' });
    assert.equal(customer.suggested_grade, 'A');
    assert.equal(customer.suggested_grade_reason, '金融业客户');
  });

  it('CUS-9: money is typed in 元 and sent in fen', async () => {
    const capital = row(page, 0);
    assert.equal((await shownRow(page, 0)).field, '注册资本');
    await capital.getByTestId('cr-rule-value').fill('5000万');
    assert.equal(await text(capital.getByTestId('cr-rule-value-hint')), '= 50,000,000.00 元');
    const { response, body } = await patchBy(page, page.getByTestId('cr-grades-save'));
    assert.equal(response.status(), 200, await response.text());
    assert.equal(body.grade_rules[0].value, 5_000_000_000);
    assert.equal(await capital.getByTestId('cr-rule-value').inputValue(), '50000000');
  });

  it('CUS-9: a server error of a row shows on that row', async () => {
    // The page checks reasons itself, so the request is changed on its way (reason of rule 3
    // emptied) to get the server's own 422 for one row.
    await row(page, 2).getByTestId('cr-rule-reason').fill('重要程度满分');
    await page.route(`**${RULES}`, async (route) => {
      if (route.request().method() !== 'PATCH') return route.continue();
      const body = JSON.parse(route.request().postData());
      body.grade_rules[2].reason = '';
      return route.continue({ postData: JSON.stringify(body) });
    });
    try {
      const { response } = await patchBy(page, page.getByTestId('cr-grades-save'));
      assert.equal(response.status(), 422);
      const problem = await response.json();
      assert.deepEqual(problem.errors.map((e) => e.field), ['grade_rules[2].reason']);
      assert.equal(await itemError(row(page, 2), 'reason'), problem.errors[0].message);
      assert.equal(await row(page, 1).locator('.el-form-item__error').count(), 0, 'only on that row');
    } finally {
      await page.unroute(`**${RULES}`);
    }
    assert.equal((await rulesNow()).grade_rules[2].reason, initial.grade_rules[2].reason, 'nothing changed');
  });

  it('a change through the API meanwhile: the save is a version conflict, the message shows and both cards are read again', async () => {
    await page.getByTestId('cr-code-rule').fill('XYZ-{seq:3}');
    await row(page, 2).getByTestId('cr-rule-reason').fill('重要程度为满分');
    const before = await rulesNow();
    await api(admin, 'PATCH', RULES, { code_rule: 'API-{yy}{seq:5}' }, { 'If-Match': `"${before.version}"` });
    const [reload] = await Promise.all([
      page.waitForResponse((r) => isApi(r, 'GET', RULES)),
      (async () => {
        const { response } = await patchBy(page, page.getByTestId('cr-grades-save'));
        assert.equal(response.status(), 409);
        assert.equal((await response.json()).code, 'version_conflict');
      })(),
    ]);
    assert.equal(reload.status(), 200);
    await expectMessage(page, '数据已被他人修改，已重新加载，请核对后再操作。');
    const now = await rulesNow();
    assert.equal(now.code_rule, 'API-{yy}{seq:5}');
    await page.waitForFunction((rule) => document.querySelector('[data-testid="cr-code-rule"]').value === rule, now.code_rule);
    assert.equal(await text(page.getByTestId('cr-next-code')), now.next_code);
    assert.equal(await row(page, 2).getByTestId('cr-rule-reason').inputValue(), now.grade_rules[2].reason);
    assert.equal(await row(page, 2).locator('.el-form-item__error').count(), 0);
    assert.equal(await page.getByTestId('cr-grades-unsaved').count(), 0);
  });

  it('恢复为服务器配置 for the code rule and for the grade rules, after confirming', async () => {
    const code = await confirmForClick(page, 'cr-code-reset');
    assert.match(code.message, /KH\{yyyy\}\{seq:6\}/);
    assert.equal(code.response.status(), 200);
    assert.deepEqual(code.body, { code_rule: null });
    await expectMessage(page, '已恢复为服务器配置的编号规则');
    assert.equal(await text(page.getByTestId('cr-code-source')), '服务器配置');
    assert.equal(await page.getByTestId('cr-code-rule').inputValue(), 'KH{yyyy}{seq:6}');
    assert.equal(await text(page.getByTestId('cr-next-code')), `KH${year}000001`);
    assert.equal(await page.getByTestId('cr-code-reset').count(), 0);

    const grades = await confirmForClick(page, 'cr-grades-reset');
    assert.match(grades.message, new RegExp(`${initial.configured.grade_rules.length} 条规则`));
    assert.equal(grades.response.status(), 200);
    assert.deepEqual(grades.body, { grade_rules: null });
    await expectMessage(page, '已恢复为服务器配置的建议等级规则');
    assert.equal(await text(page.getByTestId('cr-grades-source')), '服务器配置');
    await rowCount(page, initial.configured.grade_rules.length);
    assert.deepEqual(await shownRow(page, 7), { grade: 'C', field: '客户状态', op: '等于', value: '现实客户', reason: '现实客户' });
    assert.equal(await page.getByTestId('cr-grades-reset').count(), 0);

    const now = await rulesNow();
    assert.equal(now.code_rule_source, 'configuration');
    assert.equal(now.grade_rules_source, 'configuration');
    assert.deepEqual(now.grade_rules, initial.grade_rules);
  });
});

/** Clicks a reset button (cancelling once first: nothing is sent) and confirms the second time. */
async function confirmForClick(page, testid) {
  let sent = 0;
  const count = (r) => { if (isApi(r, 'PATCH', RULES)) sent++; };
  page.on('request', count);
  await page.getByTestId(testid).click();
  const box = page.locator('.el-message-box:visible');
  await box.waitFor();
  await box.locator('.el-button:not(.el-button--primary)').click();
  await box.waitFor({ state: 'hidden' });
  page.off('request', count);
  assert.equal(sent, 0, 'cancelled: nothing sent');
  await page.getByTestId(testid).click();
  return confirmFor(page);
}

// ---------------------------------------------------------------- a salesperson

describe('客户规则: a salesperson has neither the menu entry nor the page', () => {
  const session = signedInBrowser(() => srv.url, SALES);

  it('no menu entry; the address shows 无权访问; the API refuses too', async () => {
    const { page } = session;
    await page.getByTestId('menu-dashboard').waitFor();
    assert.equal(await page.getByTestId('menu-customer-rules').count(), 0);
    await page.goto(srv.url + '/admin/customer-rules');
    const forbidden = page.getByTestId('forbidden');
    await forbidden.waitFor();
    assert.match(await forbidden.innerText(), /无权访问/);
    assert.equal(new URL(page.url()).pathname, '/admin/customer-rules', 'the address stays');
    assert.equal(await page.getByTestId('cr-page').count(), 0);
    const res = await fetch(srv.url + RULES, { headers: { Cookie: sales.cookie } });
    assert.equal(res.status, 403);
  });
});

// ---------------------------------------------------------------- phone

describe('客户规则 at 390×844', () => {
  const session = signedInBrowser(() => srv.url, ADMIN, { viewport: PHONE, mobile: true });

  it('opens from the drawer; rules as cards, a money rule being added, without horizontal scrolling', async () => {
    const { page } = session;
    await page.getByTestId('menu-toggle').click();
    const menu = page.locator('.el-drawer [data-testid="side-menu"]');
    await menu.waitFor({ state: 'visible' });
    await menu.getByTestId('menu-customer-rules').click();
    await waitForPath(page, '/admin/customer-rules');
    await rowCount(page, initial.configured.grade_rules.length);
    await page.waitForTimeout(400); // drawer slide-out
    assert.equal(await text(row(page, 0).getByTestId('cr-rule-order')), '第 1 条');
    assert.ok(await documentScrollWidth(page) <= PHONE.width, `no horizontal scrolling (${await documentScrollWidth(page)})`);

    await page.getByTestId('cr-code-rule').fill('KH-{seq:4}{seq:2}');
    await patchBy(page, page.getByTestId('cr-code-save'));
    await itemError(codeCard(page), 'code_rule');

    await page.getByTestId('cr-rule-add').click();
    const added = row(page, initial.configured.grade_rules.length);
    await pickOption(page, added.getByTestId('cr-rule-field'), '注册资本');
    await added.getByTestId('cr-rule-value').fill('2000万');
    assert.equal(await text(added.getByTestId('cr-rule-value-hint')), '= 20,000,000.00 元');
    for (const id of ['cr-rule-field', 'cr-rule-value', 'cr-rule-reason', 'cr-rule-delete']) {
      const box = await added.getByTestId(id).boundingBox();
      assert.ok(box && box.x >= 0 && box.x + box.width <= PHONE.width, `${id} inside the screen`);
    }
    assert.ok(await documentScrollWidth(page) <= PHONE.width, `no horizontal scrolling (${await documentScrollWidth(page)})`);
    await screenshot(page, 'phone-customer-rules');
  });
});

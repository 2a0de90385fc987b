// Browser tests of 字段权限 (field-level permissions per role, ADR 0015, issue 4 point 2)
// against the real server serving web/dist.
// Run: node --test tests/e2e/field-rules.test.mjs
//
// One server for the file; the describes run in order and build on each other. The built-in
// `admin` (security_admin: role.manage) opens the roles matrix: a 字段权限 row with 设置 per
// role, built-in ones included; the grid of the built-in 业务员 (salesperson) lists every
// rulable field of the server's catalogue with its Chinese label, three choices (可编辑 / 只读
// / 隐藏), or 可见 / 隐藏 for the fields the system sets. 客户等级 read-only and 注册资本 hidden
// are saved (the PATCH carries the whole map and the version), the matrix then reads
// 2 个字段受限. A field the server does not know (added to the request on its way) gets its 422
// in the dialog and nothing is stored; a change through the API meanwhile makes a save a
// version conflict (message, matrix read again). 王销售 (salesperson, made through the API,
// whose customer was made through the API before the rules) then gets those rules with his
// session: the edit form shows 客户等级 disabled with its note and no 注册资本, and a save sends
// only what changed; the customer's page has no 注册资本 row; the new-customer form has the
// grade disabled and sends neither field.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN_PASSWORD } from '../lib/server.mjs';
import { api, expectMessage, isApi, screenshot, serverWithUsers, signedInBrowser, waitForPath } from './browser.mjs';

const ADMIN = { username: 'admin', password: ADMIN_PASSWORD };
const SALES = { username: 'wang.xiao', display: '王销售', password: 'Wangxiao-Passw0rd!', roles: ['salesperson'], unit: '销售部' };
const ROLES = '/api/v1/roles';
const COMPANY = { kind: 'organization', name: '字段权限测试有限公司', grade: 'B', registered_capital_fen: 5_000_000_00 };
const RELOADED = '数据已被他人修改，已重新加载，请核对后再操作。';

let srv;
let admin;
let sales;
let customer;
/** GET /api/v1/permissions `fields`: what the grid must offer. */
let catalogue;

serverWithUsers([SALES], async (ctx) => {
  srv = ctx.srv;
  admin = ctx.admin;
  sales = ctx.sessions[SALES.username];
  customer = await api(sales, 'POST', '/api/v1/customers', COMPANY);
  catalogue = (await api(admin, 'GET', '/api/v1/permissions')).fields;
});

const text = async (locator) => (await locator.innerText()).trim();
const roleNow = async (key) => (await api(admin, 'GET', ROLES)).items.find((r) => r.key === key);
const dialog = (page) => page.getByTestId('field-rules-dialog');
const rule = (page, field) => dialog(page).locator(`[data-testid="field-rule"][data-field="${field}"]`);
/** Clicks the choice with this text in a field's row of the grid. */
const choose = (page, field, label) => rule(page, field).locator('.el-radio-button').filter({ hasText: label }).click();
const choices = (page, field) => rule(page, field).locator('.el-radio-button').allInnerTexts().then((t) => t.map((s) => s.trim()));

/** Opens the grid of a role from the matrix and waits for its rows. */
async function openGrid(page, key) {
  await page.getByTestId(`role-fields-${key}`).click();
  await dialog(page).waitFor();
  await dialog(page).getByTestId('field-rule').first().waitFor();
}

/** Clicks 保存 of the grid and returns the PATCH it sends (response and parsed body). */
async function saveGrid(page, roleId) {
  const [response] = await Promise.all([
    page.waitForResponse((r) => isApi(r, 'PATCH', `${ROLES}/${roleId}`)),
    dialog(page).getByTestId('field-rules-submit').click(),
  ]);
  return { response, body: JSON.parse(response.request().postData()) };
}

/** The ElSelect of a form item is disabled (Element Plus marks its wrapper). */
const selectDisabled = async (page, testId) =>
  /is-disabled/.test(await page.getByTestId(testId).locator('.el-select__wrapper').getAttribute('class'));

// ---------------------------------------------------------------- the security administrator

describe('字段权限: the security administrator sets the built-in salesperson\'s rules in the roles matrix', () => {
  const session = signedInBrowser(() => srv.url, ADMIN);
  let page;
  before(() => { page = session.page; });

  it('the server offers rulable fields, and the matrix a 字段权限 row with 设置 for every role, built-in ones included', async () => {
    assert.ok(Array.isArray(catalogue) && catalogue.length > 0, 'GET /api/v1/permissions carries `fields`');
    for (const key of ['grade', 'registered_capital_fen']) assert.ok(catalogue.some((f) => f.key === key), key);
    await page.goto(srv.url + '/admin/roles');
    await page.getByTestId('role-fields-salesperson').waitFor();
    const roles = (await api(admin, 'GET', ROLES)).items;
    for (const r of roles) {
      assert.deepEqual(r.field_rules, {}, `${r.key}: no rules yet`);
      assert.equal(await page.getByTestId(`role-fields-${r.key}`).count(), 1, r.key);
      assert.equal(await page.getByTestId(`role-fields-count-${r.key}`).count(), 0, `${r.key}: no count tag`);
    }
    assert.match(await text(page.getByTestId('role-matrix')), /字段权限/);
  });

  it('the grid of 业务员: every rulable field with its label; three choices, or 可见 / 隐藏 for the ones the system sets', async () => {
    await openGrid(page, 'salesperson');
    assert.match(await text(dialog(page).locator('.el-dialog__title')), /^字段权限：业务员$/);
    const shown = await dialog(page).getByTestId('field-rule').evaluateAll((els) => els.map((e) => e.getAttribute('data-field')));
    assert.deepEqual([...shown].sort(), catalogue.map((f) => f.key).sort(), 'one row per field of the catalogue');
    for (const f of catalogue) {
      const label = await text(rule(page, f.key).getByTestId('field-rule-label'));
      if (!f.key.startsWith('custom.')) assert.match(label, /[\u4e00-\u9fff]/, `${f.key} has a Chinese label (${label})`);
      assert.equal(await rule(page, f.key).getAttribute('data-access'), 'write', `${f.key}: editable`);
    }
    assert.equal(await text(rule(page, 'grade').getByTestId('field-rule-label')), '客户等级');
    assert.equal(await text(rule(page, 'registered_capital_fen').getByTestId('field-rule-label')), '注册资本');
    assert.deepEqual(await choices(page, 'grade'), ['可编辑', '只读', '隐藏']);
    const serverSet = catalogue.find((f) => f.server_set);
    assert.ok(serverSet, 'some field is set by the system');
    assert.deepEqual(await choices(page, serverSet.key), ['可见', '隐藏']);
    assert.ok(await dialog(page).getByTestId('field-rules-submit').isDisabled(), 'nothing to save yet');
  });

  it('客户等级 read-only and 注册资本 hidden: the PATCH carries the whole map and the version; the matrix reads 2 个字段受限', async () => {
    const before = await roleNow('salesperson');
    await choose(page, 'grade', '只读');
    await choose(page, 'registered_capital_fen', '隐藏');
    assert.equal(await rule(page, 'grade').getAttribute('data-access'), 'read');
    assert.equal(await rule(page, 'registered_capital_fen').getAttribute('data-access'), 'hidden');
    assert.equal(await text(dialog(page).getByTestId('field-rules-summary')), '隐藏 1 个，只读 1 个');
    await screenshot(page, 'field-rules-grid');
    const { response, body } = await saveGrid(page, before.id);
    assert.equal(response.status(), 200, await response.text());
    assert.deepEqual(body, { field_rules: { registered_capital_fen: 'hidden', grade: 'read' }, version: before.version });
    await expectMessage(page, '已保存“业务员”的字段权限，立即生效');
    await dialog(page).waitFor({ state: 'hidden' });
    const tag = page.getByTestId('role-fields-count-salesperson');
    await tag.waitFor();
    assert.equal(await text(tag), '2 个字段受限');
    await screenshot(page, 'field-rules-matrix');
    assert.deepEqual((await roleNow('salesperson')).field_rules, { registered_capital_fen: 'hidden', grade: 'read' });

    // Opened again, the grid shows what is stored.
    await openGrid(page, 'salesperson');
    assert.equal(await rule(page, 'grade').getAttribute('data-access'), 'read');
    assert.equal(await rule(page, 'registered_capital_fen').getAttribute('data-access'), 'hidden');
    await dialog(page).locator('.el-dialog__footer .el-button').filter({ hasText: '取消' }).click();
    await dialog(page).waitFor({ state: 'hidden' });
  });

  it('a field the server does not know (added on the way): its 422 shows in the dialog, nothing is stored', async () => {
    const role = await roleNow('customer_service');
    await openGrid(page, 'customer_service');
    await choose(page, 'fax', '隐藏');
    await page.route(`**${ROLES}/${role.id}`, async (route) => {
      if (route.request().method() !== 'PATCH') return route.continue();
      const body = JSON.parse(route.request().postData());
      body.field_rules.no_such_field = 'hidden';
      return route.continue({ postData: JSON.stringify(body) });
    });
    try {
      const { response } = await saveGrid(page, role.id);
      assert.equal(response.status(), 422);
      const problem = await response.json();
      assert.equal(problem.code, 'validation_failed');
      const error = problem.errors.find((e) => e.field === 'field_rules.no_such_field');
      assert.ok(error, JSON.stringify(problem.errors));
      assert.equal(error.code, 'unknown_field');
      const shown = dialog(page).getByTestId('field-rules-error');
      await shown.waitFor();
      assert.match(await text(shown), new RegExp(error.message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
      assert.ok(await dialog(page).isVisible(), 'the dialog stays open');
    } finally {
      await page.unroute(`**${ROLES}/${role.id}`);
    }
    assert.deepEqual((await roleNow('customer_service')).field_rules, {}, 'nothing stored');
  });

  it('a change through the API meanwhile: the save is a version conflict, the message shows and the matrix is read again', async () => {
    const role = await roleNow('customer_service');
    await api(admin, 'PATCH', `${ROLES}/${role.id}`, { field_rules: { mobile: 'read' }, version: role.version });
    const [reload] = await Promise.all([
      page.waitForResponse((r) => isApi(r, 'GET', ROLES)),
      (async () => {
        const { response, body } = await saveGrid(page, role.id);
        assert.deepEqual(body, { field_rules: { fax: 'hidden' }, version: role.version });
        assert.equal(response.status(), 409);
        assert.equal((await response.json()).code, 'version_conflict');
      })(),
    ]);
    assert.equal(reload.status(), 200);
    await expectMessage(page, RELOADED);
    await dialog(page).waitFor({ state: 'hidden' });
    const tag = page.getByTestId('role-fields-count-customer_service');
    await tag.waitFor();
    assert.equal(await text(tag), '1 个字段受限');
    assert.deepEqual((await roleNow('customer_service')).field_rules, { mobile: 'read' }, 'the other change stays');
  });
});

// ---------------------------------------------------------------- the salesperson

describe('字段权限: a salesperson then sees 客户等级 read-only and no 注册资本', () => {
  const session = signedInBrowser(() => srv.url, SALES);
  let page;
  before(() => { page = session.page; });

  it('the session and the record carry the rules: grade kept, registered capital left out', async () => {
    const me = await api(sales, 'GET', '/api/v1/auth/me');
    assert.deepEqual(me.user.field_rules, { grade: 'read', registered_capital_fen: 'hidden' });
    const record = await api(sales, 'GET', `/api/v1/customers/${customer.id}`);
    assert.equal(record.grade, 'B');
    assert.equal('registered_capital_fen' in record, false);
  });

  it('the edit form: 客户等级 disabled with its note, no 注册资本; a save sends only what changed', async () => {
    await page.goto(`${srv.url}/customers/${customer.id}/edit`);
    const form = page.getByTestId('customer-form');
    await form.waitFor();
    await page.getByTestId('field-grade').waitFor();
    assert.ok(await selectDisabled(page, 'field-grade'), 'grade disabled');
    assert.equal(await text(page.getByTestId('field-grade').locator('.el-select__placeholder')), 'B');
    assert.equal(await text(page.getByTestId('field-grade-readonly')), '您的角色对此字段只读');
    assert.equal(await form.locator('.el-form-item[data-item="registered_capital_yuan"]').count(), 0);
    assert.equal(await page.getByTestId('field-registered_capital').count(), 0);
    assert.doesNotMatch(await text(form), /注册资本/);
    await screenshot(page, 'field-rules-form');

    await page.getByTestId('field-short_name').fill('字段测试');
    const [response] = await Promise.all([
      page.waitForResponse((r) => isApi(r, 'PATCH', `/api/v1/customers/${customer.id}`)),
      page.getByTestId('customer-save').click(),
    ]);
    assert.equal(response.status(), 200, await response.text());
    assert.deepEqual(response.request().postDataJSON(), { short_name: '字段测试' }, 'neither the grade nor the capital is sent');
    await waitForPath(page, `/customers/${customer.id}`);
    await expectMessage(page, '已保存');
  });

  it('the customer\'s page: no 注册资本 row (not even empty), the grade shown', async () => {
    const profile = page.getByTestId('customer-profile');
    await profile.locator('[data-field="short_name"]').waitFor();
    assert.equal(await text(profile.locator('[data-field="short_name"]')), '字段测试');
    assert.equal(await profile.locator('[data-field="registered_capital_fen"]').count(), 0);
    assert.doesNotMatch(await text(profile), /注册资本/);
    assert.equal(await text(page.getByTestId('customer-grade')), '客户等级：B');
    await page.getByTestId('customer-tabs').getByText('分类与评价', { exact: true }).click();
    const grade = page.getByTestId('customer-classification').locator('[data-field="grade"]');
    await grade.waitFor();
    assert.equal(await text(grade), 'B');
  });

  it('the new-customer form: 客户等级 disabled and empty, no 注册资本; the POST carries neither', async () => {
    await page.goto(`${srv.url}/customers/new`);
    const form = page.getByTestId('customer-form');
    await form.waitFor();
    await page.getByTestId('field-grade').waitFor();
    assert.ok(await selectDisabled(page, 'field-grade'), 'grade disabled');
    assert.equal(await form.locator('.el-form-item[data-item="registered_capital_yuan"]').count(), 0);
    assert.doesNotMatch(await text(form), /注册资本/);
    await page.getByTestId('field-name').fill('字段权限新客户');
    const [response] = await Promise.all([
      page.waitForResponse((r) => isApi(r, 'POST', '/api/v1/customers')),
      page.getByTestId('customer-save').click(),
    ]);
    assert.ok(response.status() === 201 || response.status() === 200, await response.text());
    const sent = response.request().postDataJSON();
    assert.equal('grade' in sent, false);
    assert.equal('registered_capital_fen' in sent, false);
    assert.equal(sent.name, '字段权限新客户');
    const created = await response.json();
    await waitForPath(page, `/customers/${created.id}`);
  });
});

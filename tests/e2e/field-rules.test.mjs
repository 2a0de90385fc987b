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
//
// Contacts and accounts (`contact.<field>`, `account.<field>`): the grid has groups 联系人 and
// 账户 labelled as the contact and account dialogs; the admin adds 手机 hidden and 职务/职称
// read-only for contacts to 业务员. 王销售's contact (made through the API before) then shows
// no 手机 in the contacts tab, its edit dialog has no mobile input and 职务/职称 disabled with
// the note, and a save sends only what changed; a mobile slipped into a new contact (added
// to the request on its way) is refused with 403 field_forbidden: the server's message
// shows and the session is read again.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN_PASSWORD } from '../lib/server.mjs';
import { api, expectMessage, isApi, screenshot, serverWithUsers, signedInBrowser, waitForPath } from './browser.mjs';

const ADMIN = { username: 'admin', password: ADMIN_PASSWORD };
const SALES = { username: 'wang.xiao', display: '王销售', password: 'Wangxiao-Passw0rd!', roles: ['salesperson'], unit: '销售部' };
const ROLES = '/api/v1/roles';
const COMPANY = { kind: 'organization', name: '字段权限测试有限公司', grade: 'B', registered_capital_fen: 5_000_000_00 };
const RELOADED = '数据已被他人修改，已重新加载，请核对后再操作。';
const CONTACT = { name: '赵采购', title: '采购经理', department: '采购部', mobile: '13812345678', phone: '021-62345678' };
const READ_ONLY_NOTE = '您的角色对此字段只读';

let srv;
let admin;
let sales;
let customer;
/** 王销售's contact of `customer`, made before any rule. */
let contact;
/** GET /api/v1/permissions `fields`: what the grid must offer. */
let catalogue;

serverWithUsers([SALES], async (ctx) => {
  srv = ctx.srv;
  admin = ctx.admin;
  sales = ctx.sessions[SALES.username];
  customer = await api(sales, 'POST', '/api/v1/customers', COMPANY);
  contact = await api(sales, 'POST', `/api/v1/customers/${customer.id}/contacts`, CONTACT);
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

// ---------------------------------------------------------------- contacts and accounts

describe('字段权限 of contacts and accounts: the security administrator hides 手机 and makes 职务/职称 read-only for 业务员', () => {
  const session = signedInBrowser(() => srv.url, ADMIN);
  let page;
  before(() => { page = session.page; });

  it('the grid has groups 联系人 and 账户 with the dialogs\' labels; 销户原因 (set by the system) is 可见 / 隐藏 only', async () => {
    const contactKeys = catalogue.filter((f) => f.key.startsWith('contact.')).map((f) => f.key);
    const accountKeys = catalogue.filter((f) => f.key.startsWith('account.')).map((f) => f.key);
    assert.ok(contactKeys.includes('contact.mobile') && contactKeys.includes('contact.title'), `the server rules contact fields: ${JSON.stringify(catalogue.map((f) => f.key))}`);
    assert.ok(accountKeys.includes('account.bank_name'), 'the server rules account fields');
    await page.goto(srv.url + '/admin/roles');
    await page.getByTestId('role-fields-salesperson').waitFor();
    await openGrid(page, 'salesperson');
    const groups = dialog(page).getByTestId('field-rules-group');
    const contacts = groups.and(page.locator('[data-group="contacts"]'));
    const accounts = groups.and(page.locator('[data-group="accounts"]'));
    assert.equal(await text(contacts.locator('h3')), '联系人');
    assert.equal(await text(accounts.locator('h3')), '账户');
    const fieldsOf = (group) => group.getByTestId('field-rule').evaluateAll((els) => els.map((e) => e.getAttribute('data-field')));
    assert.deepEqual(await fieldsOf(contacts), contactKeys, 'every contact field, in the server\'s order');
    assert.deepEqual(await fieldsOf(accounts), accountKeys, 'every account field, in the server\'s order');
    assert.equal(await text(rule(page, 'contact.mobile').getByTestId('field-rule-label')), '手机');
    assert.equal(await text(rule(page, 'contact.title').getByTestId('field-rule-label')), '职务/职称');
    assert.equal(await text(rule(page, 'account.bank_name').getByTestId('field-rule-label')), '开户银行');
    assert.deepEqual(await choices(page, 'contact.mobile'), ['可编辑', '只读', '隐藏']);
    const cancelReason = catalogue.find((f) => f.key === 'account.cancel_reason');
    if (cancelReason) {
      assert.equal(cancelReason.server_set, true);
      assert.equal(await text(rule(page, 'account.cancel_reason').getByTestId('field-rule-label')), '销户原因');
      assert.deepEqual(await choices(page, 'account.cancel_reason'), ['可见', '隐藏']);
    }
    // The groups come after the customer's own fields.
    const order = await groups.evaluateAll((els) => els.map((e) => e.getAttribute('data-group')));
    assert.deepEqual(order.slice(-2), ['contacts', 'accounts']);
  });

  it('手机 hidden and 职务/职称 read-only for contacts: the PATCH carries them with the customer rules; the matrix reads 4 个字段受限', async () => {
    const before = await roleNow('salesperson');
    await choose(page, 'contact.mobile', '隐藏');
    await choose(page, 'contact.title', '只读');
    assert.equal(await rule(page, 'contact.mobile').getAttribute('data-access'), 'hidden');
    assert.equal(await rule(page, 'contact.title').getAttribute('data-access'), 'read');
    assert.equal(await rule(page, 'mobile').getAttribute('data-access'), 'write', 'the customer\'s own 手机 is another field');
    assert.equal(await text(dialog(page).getByTestId('field-rules-summary')), '隐藏 2 个，只读 2 个');
    await screenshot(page, 'field-rules-grid-contacts');
    const { response, body } = await saveGrid(page, before.id);
    assert.equal(response.status(), 200, await response.text());
    const expected = { registered_capital_fen: 'hidden', grade: 'read', 'contact.mobile': 'hidden', 'contact.title': 'read' };
    assert.deepEqual(body, { field_rules: expected, version: before.version });
    await expectMessage(page, '已保存“业务员”的字段权限，立即生效');
    await dialog(page).waitFor({ state: 'hidden' });
    const tag = page.getByTestId('role-fields-count-salesperson');
    await page.waitForFunction(() => document.querySelector('[data-testid="role-fields-count-salesperson"]')?.textContent?.includes('4'));
    assert.equal(await text(tag), '4 个字段受限');
    assert.deepEqual((await roleNow('salesperson')).field_rules, expected);
  });
});

describe('字段权限 of contacts: the salesperson sees no 手机 and cannot change 职务/职称', () => {
  const session = signedInBrowser(() => srv.url, SALES);
  let page;
  before(() => { page = session.page; });
  const contactsPath = () => `/api/v1/customers/${customer.id}/contacts`;
  const item = () => page.locator(`[data-testid="contact-item"][data-id="${contact.id}"]`);
  const contactDialog = () => page.getByTestId('contact-dialog');

  /** Opens the customer's 联系人 tab and waits for its list. */
  async function openContacts() {
    const [response] = await Promise.all([
      page.waitForResponse((r) => isApi(r, 'GET', contactsPath())),
      page.goto(`${srv.url}/customers/${customer.id}?tab=contacts`),
    ]);
    assert.equal(response.status(), 200);
    await page.getByTestId('customer-contacts').and(page.locator('[data-state="ready"]')).waitFor();
    await item().waitFor();
  }

  it('the session carries the contact rules; the contact comes without its mobile', async () => {
    const me = await api(sales, 'GET', '/api/v1/auth/me');
    assert.equal(me.user.field_rules['contact.mobile'], 'hidden');
    assert.equal(me.user.field_rules['contact.title'], 'read');
    const listed = (await api(sales, 'GET', contactsPath())).items.find((c) => c.id === contact.id);
    assert.equal('mobile' in listed, false, 'mobile left out');
    assert.equal(listed.title, CONTACT.title);
  });

  it('the contacts tab: no 手机 for the contact (not even its label), the other values shown', async () => {
    await openContacts();
    assert.equal(await item().locator('[data-field="mobile"]').count(), 0);
    assert.doesNotMatch(await text(item()), /手机/);
    assert.equal(await item().locator('[data-field="phone"]').count(), 1, 'the phone is shown');
    assert.match(await text(item().getByTestId('contact-subtitle')), /采购经理/);
    await screenshot(page, 'field-rules-contacts');
  });

  it('the edit dialog: no mobile input, 职务/职称 disabled with its note; a save sends only what changed', async () => {
    await item().getByTestId('contact-edit').click();
    await contactDialog().waitFor();
    await page.getByTestId('contact-field-name').waitFor();
    assert.equal(await page.getByTestId('contact-field-mobile').count(), 0, 'no mobile input');
    assert.equal(await contactDialog().locator('.el-form-item[data-item="mobile"]').count(), 0);
    assert.doesNotMatch(await text(contactDialog()), /手机/);
    assert.ok(await page.getByTestId('contact-field-title').isDisabled(), '职务/职称 disabled');
    assert.equal(await page.getByTestId('contact-field-title').inputValue(), CONTACT.title);
    assert.equal(await text(contactDialog().getByTestId('readonly-note-title')), READ_ONLY_NOTE);
    assert.equal(await page.getByTestId('contact-field-department').isDisabled(), false, '部门 editable');
    await screenshot(page, 'field-rules-contact-dialog');

    await page.getByTestId('contact-field-department').fill('采购中心');
    const [response] = await Promise.all([
      page.waitForResponse((r) => isApi(r, 'PATCH', `${contactsPath()}/${contact.id}`)),
      contactDialog().getByTestId('contact-save').click(),
    ]);
    assert.equal(response.status(), 200, await response.text());
    assert.deepEqual(response.request().postDataJSON(), { department: '采购中心' }, 'neither the mobile nor the title is sent');
    const saved = await response.json();
    assert.equal('mobile' in saved, false);
    await contactDialog().waitFor({ state: 'hidden' });
    await page.waitForFunction(
      (id) => document.querySelector(`[data-testid="contact-item"][data-id="${id}"] [data-testid="contact-subtitle"]`)?.textContent?.includes('采购中心'),
      contact.id,
    );
  });

  it('a new contact: 职务/职称 disabled; a mobile slipped in on the way is refused (403 field_forbidden), the message shows and the session is read again', async () => {
    await page.getByTestId('contact-add').click();
    await contactDialog().waitFor();
    await page.getByTestId('contact-field-name').waitFor();
    assert.equal(await page.getByTestId('contact-field-mobile').count(), 0);
    assert.ok(await page.getByTestId('contact-field-title').isDisabled());
    await page.getByTestId('contact-field-name').fill('钱秘书');
    let sent = null;
    await page.route(`**${contactsPath()}`, async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      sent = JSON.parse(route.request().postData());
      return route.continue({ postData: JSON.stringify({ ...sent, mobile: '13900001111' }) });
    });
    try {
      const [response, me] = await Promise.all([
        page.waitForResponse((r) => isApi(r, 'POST', contactsPath())),
        page.waitForResponse((r) => isApi(r, 'GET', '/api/v1/auth/me')),
        contactDialog().getByTestId('contact-save').click(),
      ]);
      assert.deepEqual(sent, { name: '钱秘书', status: 'active' }, 'the page itself sends neither the mobile nor the title');
      assert.equal(response.status(), 403);
      const problem = await response.json();
      assert.equal(problem.code, 'field_forbidden');
      assert.deepEqual(problem.errors.map((e) => [e.field, e.code]), [['contact.mobile', 'hidden']]);
      assert.equal(me.status(), 200, 'the session is read again');
      await expectMessage(page, problem.detail ?? problem.title);
      assert.ok(await contactDialog().isVisible(), 'the dialog stays open');
    } finally {
      await page.unroute(`**${contactsPath()}`);
    }
    const names = (await api(sales, 'GET', contactsPath())).items.map((c) => c.name);
    assert.equal(names.includes('钱秘书'), false, 'nothing stored');
    await contactDialog().locator('.el-dialog__footer .el-button').filter({ hasText: '取消' }).click();
    await contactDialog().waitFor({ state: 'hidden' });
  });
});

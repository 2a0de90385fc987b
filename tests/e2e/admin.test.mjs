// Browser tests of the access-control admin pages (组织架构, 用户管理, 角色权限, 审计日志,
// 修改密码) against the real build/guanxi serving web/dist. Run: node --test tests/e2e/
//
// One server for the file; the describes run in order and build on each other:
// the admin creates a unit and a salesperson, that user changes the forced password,
// the roles matrix gets a custom role, the auditor reads the trail, and the users page
// is used at phone width.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN_PASSWORD, startServer } from '../lib/server.mjs';
import {
  DESKTOP, PHONE, api, apiLogin, documentScrollWidth, exact, expectMessage, isApi, loginThroughUi, openBrowser, openPopper,
  pathOf, pickOption, popperClosed, screenshot, switchLanguage, userRow, waitForPath,
} from './browser.mjs';

const UNIT = '华东销售部';
const SALES = { username: 'zhang.wei', display: '张伟', initial: 'Kaishi-2025!x', changed: 'Xinmima-2025!y' };
const AUDITOR = { username: 'shenji', display: '审计员小王', password: 'Shenji-Passw0rd!' };
/** Accounts made through the API so that the list needs "load more" (page size 20). */
const FILLER_USERS = 22;

let srv;
let stopping = false;
let admin; // API session of the bootstrap admin

before(async () => {
  srv = await startServer();
  srv.proc.on('exit', (code, signal) => {
    if (!stopping) console.error(`guanxi exited early (code ${code}, signal ${signal}):\n${srv.logs.slice(-40).join('\n')}`);
  });
  admin = await apiLogin(srv.url, 'admin', ADMIN_PASSWORD);
  await api(admin, 'POST', '/api/v1/users', {
    username: AUDITOR.username, display_name: AUDITOR.display, password: AUDITOR.password,
    roles: ['auditor'], must_change_password: false,
  });
  for (let i = 1; i <= FILLER_USERS; i++) {
    const n = String(i).padStart(2, '0');
    await api(admin, 'POST', '/api/v1/users', {
      username: `filler${n}`, display_name: `填充用户${n}`, password: `Filler-Passw0rd-${n}`, must_change_password: false,
    });
  }
  // A failed sign-in for the audit log to show.
  const failed = await fetch(srv.url + '/api/v1/auth/login', {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: AUDITOR.username, password: 'not-the-password' }),
  });
  assert.equal(failed.status, 401);
});
after(async () => {
  stopping = true;
  if (srv) await srv.stop();
});

// ---------------------------------------------------------------- API helpers

async function findUser(username) {
  const page = await api(admin, 'GET', `/api/v1/users?q=${encodeURIComponent(username)}`);
  return page.items.find((u) => u.username === username);
}

async function findUnit(name) {
  const list = await api(admin, 'GET', '/api/v1/org-units');
  return list.items.find((u) => u.name === name && u.status === 'active');
}

// ---------------------------------------------------------------- UI helpers

/** Opens an ElTreeSelect by its test id and clicks the unit with exactly this name. */
async function pickUnit(page, testId, name, scope = page) {
  await scope.getByTestId(testId).click();
  await openPopper(page).locator('.el-tree-node__content').filter({ hasText: exact(name) }).first().click();
  await popperClosed(page);
}

async function confirmBox(page) {
  const box = page.locator('.el-message-box:visible');
  await box.waitFor();
  await box.locator('.el-button--primary').click();
  await box.waitFor({ state: 'hidden' });
}

const treeNode = (page, name) => page.getByTestId('org-tree').locator(`[data-unit-name="${name}"]`);
const menuKeys = (page) => page.getByTestId('side-menu').locator('[data-testid^="menu-"]').evaluateAll(
  (els) => els.map((e) => e.getAttribute('data-testid')).filter((id) => !id.startsWith('menu-group-')));

// ---------------------------------------------------------------- tests

describe('system administrator, desktop', () => {
  let browser;
  let page;
  before(async () => {
    browser = await openBrowser({ viewport: DESKTOP });
    page = browser.page;
  });
  after(async () => { if (browser) await browser.close(); });

  it('shows the admin menu entries the permissions allow', async () => {
    await loginThroughUi(page, srv.url, 'admin', ADMIN_PASSWORD);
    await page.getByTestId('dashboard-welcome').waitFor();
    const group = page.getByTestId('menu-group-admin');
    assert.match(await group.innerText(), /系统管理/);
    // admin holds system_admin + security_admin: no audit.read (三员分立).
    assert.deepEqual(await menuKeys(page), ['menu-dashboard', 'menu-reminders', 'menu-daily-notes', 'menu-approvals', 'menu-org-units', 'menu-users', 'menu-roles', 'menu-custom-fields', 'menu-customer-rules', 'menu-masking', 'menu-approval-flows', 'menu-work-calendar']);
    assert.equal((await page.getByTestId('menu-users').innerText()).trim(), '用户管理');
  });

  it('refuses the audit log to the administrator with the 无权访问 page', async () => {
    await page.goto(srv.url + '/admin/audit');
    const forbidden = page.getByTestId('forbidden');
    await forbidden.waitFor();
    assert.match(await forbidden.innerText(), /无权访问/);
    assert.equal(pathOf(page), '/admin/audit', 'the address the user typed stays');
    assert.equal(await page.title(), '无权访问 - 关系 Guanxi');
  });

  it('creates a department under the root unit', async () => {
    await page.getByTestId('menu-org-units').click();
    await waitForPath(page, '/admin/org-units');
    const root = treeNode(page, '集团总部');
    await root.waitFor();
    assert.match(await root.innerText(), /集团/, 'kind tag of the root');
    await root.click();
    assert.equal((await page.getByTestId('unit-detail-name').innerText()).trim(), '集团总部');

    await page.getByTestId('unit-add-child').click();
    const dialog = page.getByTestId('unit-dialog');
    await dialog.waitFor();
    assert.match(await dialog.innerText(), /在“集团总部”下新建单元/);
    await dialog.getByTestId('unit-name').fill(UNIT);
    await pickOption(page, dialog.getByTestId('unit-kind'), '部门');
    const [created] = await Promise.all([
      page.waitForResponse((r) => isApi(r, 'POST', '/api/v1/org-units')),
      dialog.getByTestId('unit-submit').click(),
    ]);
    assert.equal(created.status(), 201);
    assert.deepEqual(
      { name: (await created.json()).name, kind: (await created.json()).kind, parent: (await created.json()).parent_id },
      { name: UNIT, kind: 'department', parent: 1 });
    await expectMessage(page, '已新建组织单元');
    const node = treeNode(page, UNIT);
    await node.waitFor();
    assert.match(await node.innerText(), /部门/);
    assert.equal((await page.getByTestId('unit-detail-name').innerText()).trim(), UNIT);
  });

  it("shows the server's message for a duplicate name", async () => {
    await treeNode(page, '集团总部').click();
    await page.getByTestId('unit-add-child').click();
    const dialog = page.getByTestId('unit-dialog');
    await dialog.getByTestId('unit-name').fill(UNIT);
    await dialog.getByTestId('unit-submit').click();
    const text = await expectMessage(page, '已有名为');
    assert.match(text, new RegExp(UNIT));
    assert.ok(await dialog.isVisible(), 'the dialog stays open to fix the name');
    await dialog.getByRole('button', { name: '取消' }).click();
    await dialog.waitFor({ state: 'hidden' });
  });

  it('moves, renames after a conflict, closes and reopens a unit', async () => {
    // A team below the department, to be moved up to the root.
    await treeNode(page, UNIT).click();
    await page.getByTestId('unit-add-child').click();
    let dialog = page.getByTestId('unit-dialog');
    await dialog.getByTestId('unit-name').fill('临时项目组');
    await dialog.getByTestId('unit-submit').click();
    await treeNode(page, '临时项目组').waitFor();
    assert.match(await page.getByTestId('unit-detail').innerText(), new RegExp(`集团总部 / ${UNIT}`));

    await page.getByTestId('unit-move').click();
    dialog = page.getByTestId('unit-dialog');
    await dialog.waitFor();
    // The unit itself cannot be its own new parent.
    await dialog.getByTestId('unit-parent').click();
    const self = openPopper(page).locator('.el-select-dropdown__item').filter({ hasText: exact('临时项目组') }).first();
    assert.match(await self.getAttribute('class'), /is-disabled/, 'own subtree disabled');
    const parent = openPopper(page).locator('.el-select-dropdown__item').filter({ hasText: exact(UNIT) }).first();
    assert.doesNotMatch(await parent.getAttribute('class'), /is-disabled/);
    await openPopper(page).locator('.el-tree-node__content').filter({ hasText: exact('集团总部') }).first().click();
    await dialog.getByTestId('unit-submit').click();
    await expectMessage(page, '已移动');
    await page.waitForFunction(() => /上级单元\s*集团总部\s/.test(document.querySelector('[data-testid="unit-detail"]')?.innerText ?? ''));

    // Someone else renames it meanwhile: the stale form gets version_conflict and reloads.
    const team = await findUnit('临时项目组');
    await api(admin, 'PATCH', `/api/v1/org-units/${team.id}`, { name: '临时项目组（改）', version: team.version });
    await page.getByTestId('unit-edit').click();
    dialog = page.getByTestId('unit-dialog');
    await dialog.getByTestId('unit-name').fill('我的新名字');
    await dialog.getByTestId('unit-submit').click();
    await expectMessage(page, '已被他人修改');
    await treeNode(page, '临时项目组（改）').waitFor();
    assert.equal(await treeNode(page, '我的新名字').count(), 0);

    await treeNode(page, '临时项目组（改）').click();
    await page.getByTestId('unit-close').click();
    await confirmBox(page);
    await expectMessage(page, '已撤销');
    const closed = treeNode(page, '临时项目组（改）');
    await page.waitForFunction(() => document.querySelector('[data-unit-name="临时项目组（改）"]')?.dataset.status === 'closed');
    assert.match(await closed.getAttribute('class'), /is-closed/, 'closed units are greyed');
    assert.match(await closed.innerText(), /已撤销/);
    assert.equal(await page.getByTestId('unit-add-child').isDisabled(), true, 'no children under a closed unit');

    await page.getByTestId('unit-reopen').click();
    await confirmBox(page);
    await expectMessage(page, '已恢复');
    await page.waitForFunction(() => document.querySelector('[data-unit-name="临时项目组（改）"]')?.dataset.status === 'active');
    await screenshot(page, 'admin-org-units');
  });

  it('creates a salesperson in the new department', async () => {
    await page.getByTestId('menu-users').click();
    await waitForPath(page, '/admin/users');
    await userRow(page, 'admin').waitFor();

    await page.getByTestId('user-create').click();
    const dialog = page.getByTestId('user-dialog');
    await dialog.waitFor();
    await dialog.getByTestId('user-username').fill(SALES.username);
    await dialog.getByTestId('user-display-name').fill(SALES.display);
    await dialog.getByTestId('user-password').fill(SALES.initial);
    assert.equal(await dialog.locator('[data-rule="length"]').getAttribute('data-ok'), 'true', 'policy hint ticks off');
    assert.equal(await dialog.getByTestId('user-must-change').locator('input').isChecked(), true, 'must change by default');
    await pickUnit(page, 'user-unit', UNIT, dialog);
    await pickOption(page, dialog.getByTestId('user-roles'), '业务员');
    await dialog.locator('.el-dialog__header').click(); // close the multi-select's popper
    const [created] = await Promise.all([
      page.waitForResponse((r) => isApi(r, 'POST', '/api/v1/users')),
      dialog.getByTestId('user-submit').click(),
    ]);
    assert.equal(created.status(), 201, await created.text());
    await expectMessage(page, `已创建用户 ${SALES.username}`);

    const row = userRow(page, SALES.username);
    await row.waitFor();
    const text = await row.innerText();
    assert.match(text, new RegExp(SALES.display));
    assert.match(text, new RegExp(`集团总部 / ${UNIT}`));
    assert.match(text, /业务员/);
    assert.match(text, /待改密/);

    const user = await findUser(SALES.username);
    const unit = await findUnit(UNIT);
    assert.equal(user.unit_id, unit.id);
    assert.deepEqual(user.roles, ['salesperson']);
    assert.equal(user.must_change_password, true);
  });

  it('refuses to close a unit that still has users', async () => {
    await page.getByTestId('menu-org-units').click();
    await treeNode(page, UNIT).click();
    await page.getByTestId('unit-close').click();
    await confirmBox(page);
    assert.match(await expectMessage(page, '仍有'), /请先调整后再撤销/);
    assert.equal(await treeNode(page, UNIT).getAttribute('data-status'), 'active');
  });

  it('searches, filters and pages the user list', async () => {
    await page.getByTestId('menu-users').click();
    await userRow(page, 'admin').waitFor();
    // 3 + FILLER_USERS accounts, 20 a page.
    assert.equal((await page.getByTestId('user-count').innerText()).trim(), '已显示 20 条');
    await page.getByTestId('user-load-more').click();
    await page.waitForFunction((n) => document.querySelector('[data-testid="user-count"]')?.textContent?.trim() === `已显示 ${n} 条`, 3 + FILLER_USERS);
    assert.equal(await page.getByTestId('user-load-more').count(), 0, 'no more pages');
    assert.equal(await userRow(page, SALES.username).count(), 1);

    await page.getByTestId('user-search').fill('zhang');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="user-table"] [data-username]').length === 1);
    assert.equal(await userRow(page, SALES.username).count(), 1);
    await page.getByTestId('user-search').fill('');

    await pickUnit(page, 'user-unit-filter', UNIT);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="user-table"] [data-username]').length === 1);
    assert.equal(await userRow(page, SALES.username).count(), 1);
  });

  it('disables and enables an account, sending the version', async () => {
    await page.goto(srv.url + '/admin/users');
    await page.getByTestId('user-search').fill('filler01');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="user-table"] [data-username]').length === 1);
    await page.getByTestId('user-status-filler01').click();
    const [patch] = await Promise.all([
      page.waitForRequest((r) => r.method() === 'PATCH' && /\/api\/v1\/users\/\d+$/.test(new URL(r.url()).pathname)),
      confirmBox(page),
    ]);
    const body = JSON.parse(patch.postData());
    assert.equal(body.status, 'disabled');
    assert.equal(typeof body.version, 'number');
    await expectMessage(page, '已停用');
    assert.match(await userRow(page, 'filler01').innerText(), /停用/);
    assert.equal((await findUser('filler01')).status, 'disabled');

    await page.getByTestId('user-status-filler01').click();
    await confirmBox(page);
    await expectMessage(page, '已启用');
    assert.equal((await findUser('filler01')).status, 'active');
  });

  it('threw no uncaught errors in the page', () => {
    assert.deepEqual(browser.pageErrors, []);
  });
});

describe('new salesperson, desktop', () => {
  let browser;
  let page;
  before(async () => {
    browser = await openBrowser({ viewport: DESKTOP });
    page = browser.page;
  });
  after(async () => { if (browser) await browser.close(); });

  it('is sent to the change-password page after signing in', async () => {
    await loginThroughUi(page, srv.url, SALES.username, SALES.initial, { landing: '/account/password' });
    const alert = page.getByTestId('password-forced');
    await alert.waitFor();
    assert.match(await alert.innerText(), /请先修改密码/);
    assert.equal(await page.getByTestId('side-menu').count(), 0, 'no menu while the change is pending');
    await screenshot(page, 'admin-forced-password');

    // Every other page leads back here.
    await page.goto(srv.url + '/admin/users');
    await waitForPath(page, '/account/password');
    await page.goto(srv.url + '/');
    await waitForPath(page, '/account/password');
    await page.getByTestId('password-forced').waitFor();
  });

  it('checks the policy and shows the server refusing a wrong current password', async () => {
    await page.getByTestId('password-new').fill(SALES.username);
    const hints = page.getByTestId('password-hints');
    assert.equal(await hints.locator('[data-rule="length"]').getAttribute('data-ok'), 'false');
    assert.equal(await hints.locator('[data-rule="username"]').getAttribute('data-ok'), 'false');
    assert.match(await hints.innerText(), /至少 10 个字符[\s\S]*三类[\s\S]*不能与用户名相同[\s\S]*最近 5 次/);

    await page.getByTestId('password-current').fill('Wrong-Passw0rd!');
    await page.getByTestId('password-new').fill(SALES.changed);
    await page.getByTestId('password-confirm').fill(SALES.changed);
    for (const rule of ['length', 'classes', 'username']) {
      assert.equal(await hints.locator(`[data-rule="${rule}"]`).getAttribute('data-ok'), 'true', rule);
    }
    const [response] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/auth/password'),
      page.getByTestId('password-submit').click(),
    ]);
    assert.equal(response.status(), 422);
    await page.getByTestId('password-error').waitFor();
    // The server's field error lands on the current-password input.
    const fieldError = page.locator('.el-form-item.is-error').filter({ hasText: '当前密码' }).locator('.el-form-item__error');
    await fieldError.waitFor();
    assert.equal((await fieldError.innerText()).trim(), '不正确');
    assert.equal(pathOf(page), '/account/password');
  });

  it('changes the password and lands on the dashboard without admin menus', async () => {
    await page.getByTestId('password-current').fill(SALES.initial);
    const [response] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/auth/password'),
      page.getByTestId('password-submit').click(),
    ]);
    assert.equal(response.status(), 204);
    await waitForPath(page, '/');
    await expectMessage(page, '密码已修改');
    const welcome = page.getByTestId('dashboard-welcome');
    await welcome.waitFor();
    assert.match(await welcome.innerText(), new RegExp(`欢迎，${SALES.display}`));
    assert.deepEqual(await menuKeys(page), [
      'menu-dashboard', 'menu-reminders', 'menu-daily-notes', 'menu-approvals', 'menu-customers', 'menu-address-book', 'menu-history-stats',
    ]);
    assert.equal(await page.getByTestId('menu-group-admin').count(), 0);
    assert.equal((await findUser(SALES.username)).must_change_password, false);
  });

  it('shows Access denied in English for an admin page typed in', async () => {
    await switchLanguage(page, 'en');
    await page.goto(srv.url + '/admin/users');
    const forbidden = page.getByTestId('forbidden');
    await forbidden.waitFor();
    assert.match(await forbidden.innerText(), /Access denied/);
    assert.equal(pathOf(page), '/admin/users');
    assert.equal(await page.title(), 'Access denied - 关系 Guanxi');
    await screenshot(page, 'admin-forbidden-en');
    await forbidden.getByTestId('forbidden-back').click();
    await waitForPath(page, '/');
    await switchLanguage(page, 'zh-CN');
  });

  it('threw no uncaught errors in the page', () => {
    assert.deepEqual(browser.pageErrors, []);
  });
});

describe('security side: roles matrix, desktop', () => {
  let browser;
  let page;
  const matrix = () => page.getByTestId('role-matrix');
  const cell = (role, perm) => matrix().locator(`[data-role="${role}"][data-perm="${perm}"]`).first();
  const head = (role) => matrix().locator(`.el-table__header [data-role-head="${role}"]`).first();
  const scope = (role) => matrix().locator(`[data-scope-role="${role}"]`).first();

  before(async () => {
    browser = await openBrowser({ viewport: DESKTOP });
    page = browser.page;
    await loginThroughUi(page, srv.url, 'admin', ADMIN_PASSWORD);
  });
  after(async () => { if (browser) await browser.close(); });

  it('shows permissions by roles with data scopes; built-ins read-only', async () => {
    await page.getByTestId('menu-roles').click();
    await waitForPath(page, '/admin/roles');
    await cell('salesperson', 'customer.read').waitFor();
    assert.equal(await cell('salesperson', 'customer.read').getAttribute('data-granted'), 'true');
    assert.equal(await cell('salesperson', 'customer.delete').getAttribute('data-granted'), 'false');
    assert.equal(await cell('auditor', 'audit.read').getAttribute('data-granted'), 'true');
    assert.match(await matrix().locator('[data-perm-row="customer.read"]').first().innerText(), /查看客户/);
    assert.match(await matrix().innerText(), /数据范围/);
    assert.equal((await scope('salesperson').innerText()).trim(), '本人');
    assert.equal((await scope('department_head').innerText()).trim(), '本部门及下级');
    assert.match(await head('salesperson').innerText(), /业务员[\s\S]*内置/);

    assert.equal(await matrix().locator('[data-testid^="role-edit-"]').count(), 0, 'no edit button on built-in roles');
    await head('salesperson').getByTestId('role-builtin-lock').hover();
    const tip = page.locator('.el-popper.is-dark:visible').filter({ hasText: '内置角色不可修改' });
    await tip.waitFor();
    await screenshot(page, 'admin-roles');
  });

  it('creates, edits and deletes a custom role', async () => {
    await page.getByTestId('role-create').click();
    const dialog = page.getByTestId('role-dialog');
    await dialog.waitFor();
    await dialog.getByTestId('role-key').fill('regional_sales');
    await dialog.getByTestId('role-name').fill('大区销售');
    await pickOption(page, dialog.getByTestId('role-scope'), '本部门及下级');
    await dialog.locator('[data-perm="customer.read"]').click();
    await dialog.locator('[data-perm="customer.export"]').click();
    await dialog.getByTestId('role-submit').click();
    await expectMessage(page, '已新建角色 大区销售');
    await head('regional_sales').waitFor();
    assert.match(await head('regional_sales').innerText(), /大区销售/);
    assert.equal((await scope('regional_sales').innerText()).trim(), '本部门及下级');
    assert.equal(await cell('regional_sales', 'customer.read').getAttribute('data-granted'), 'true');
    assert.equal(await cell('regional_sales', 'customer.export').getAttribute('data-granted'), 'true');
    assert.equal(await cell('regional_sales', 'customer.assign').getAttribute('data-granted'), 'false');

    await matrix().getByTestId('role-edit-regional_sales').first().click();
    await dialog.waitFor();
    await dialog.locator('[data-perm="customer.assign"]').click();
    await dialog.getByTestId('role-submit').click();
    await expectMessage(page, '已保存');
    await page.waitForFunction(() => document.querySelector('[data-role="regional_sales"][data-perm="customer.assign"]')?.getAttribute('data-granted') === 'true');

    // Held by a user: the server refuses and says how many hold it.
    const user = await findUser(SALES.username);
    await api(admin, 'PATCH', `/api/v1/users/${user.id}`, { roles: ['salesperson', 'regional_sales'], version: user.version });
    await page.reload();
    await head('regional_sales').waitFor();
    await matrix().getByTestId('role-delete-regional_sales').first().click();
    await confirmBox(page);
    assert.match(await expectMessage(page, '持有该角色'), /1/);
    assert.equal(await head('regional_sales').count(), 1);

    const again = await findUser(SALES.username);
    await api(admin, 'PATCH', `/api/v1/users/${again.id}`, { roles: ['salesperson'], version: again.version });
    await matrix().getByTestId('role-delete-regional_sales').first().click();
    await confirmBox(page);
    await expectMessage(page, '已删除角色');
    await head('regional_sales').waitFor({ state: 'detached' });
  });

  it('names roles, scopes and permissions in English', async () => {
    await switchLanguage(page, 'en');
    try {
      assert.match(await head('salesperson').innerText(), /Salesperson[\s\S]*Built-in/);
      assert.equal((await scope('salesperson').innerText()).trim(), 'Own');
      assert.match(await matrix().locator('[data-perm-row="customer.read"]').first().innerText(), /View customers/);
      assert.equal((await page.getByTestId('page-title').innerText()).trim(), 'Roles & permissions');
    } finally {
      await switchLanguage(page, 'zh-CN');
    }
  });

  it('threw no uncaught errors in the page', () => {
    assert.deepEqual(browser.pageErrors, []);
  });
});

describe('auditor, desktop', () => {
  let browser;
  let page;
  const rows = () => page.getByTestId('audit-table').locator('.el-table__body tr.el-table__row');
  const actions = () => page.getByTestId('audit-table').locator('[data-action]').evaluateAll((els) => els.map((e) => e.dataset.action));

  before(async () => {
    browser = await openBrowser({ viewport: DESKTOP });
    page = browser.page;
  });
  after(async () => { if (browser) await browser.close(); });

  it('sees only the audit log and the access log (SEC-7) in the admin menu', async () => {
    await loginThroughUi(page, srv.url, AUDITOR.username, AUDITOR.password);
    assert.deepEqual(await menuKeys(page), ['menu-dashboard', 'menu-reminders', 'menu-daily-notes', 'menu-approvals', 'menu-audit', 'menu-access-log']);
    await page.getByTestId('menu-audit').click();
    await waitForPath(page, '/admin/audit');
    await rows().first().waitFor();
  });

  it('lists the sign-ins, newest first, in Shanghai time', async () => {
    const all = await actions();
    assert.equal(all[0], 'login.succeeded', 'the auditor’s own sign-in is the newest event');
    const text = await page.getByTestId('audit-table').innerText();
    assert.match(text, /登录成功/);
    assert.match(text, /登录失败/);
    assert.match(text, new RegExp(SALES.username));
    const times = await page.locator('.audit-time').allInnerTexts();
    assert.ok(times.every((s) => /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(s.trim())), times[0]);
    const newest = await page.locator('.audit-time').first().innerText();
    const now = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', dateStyle: 'short' }).format(new Date());
    assert.ok(newest.startsWith(now), `${newest} is today in Shanghai (${now})`);
  });

  it('filters by action prefix and user id, and expands the detail', async () => {
    await pickOption(page, 'audit-action', '登录 (login.)');
    await page.getByTestId('audit-search').click();
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="audit-table"] [data-action]')].every((e) => e.dataset.action.startsWith('login.')));
    const logins = await actions();
    assert.ok(logins.includes('login.failed') && logins.includes('login.succeeded'), logins.join());
    await screenshot(page, 'admin-audit');

    const sales = await findUser(SALES.username);
    await page.getByTestId('audit-reset').click();
    await page.getByTestId('audit-user-id').fill(String(sales.id));
    await page.getByTestId('audit-search').click();
    await page.waitForFunction((name) => {
      const actors = [...document.querySelectorAll('[data-testid="audit-actor"]')];
      return actors.length > 0 && actors.every((a) => a.textContent.includes(name));
    }, SALES.username);
    assert.ok((await actions()).includes('user.password_changed'), 'the salesperson changed the password');

    await page.getByTestId('audit-user-id').fill('zhang');
    await page.getByTestId('audit-search').click();
    const idError = page.locator('.el-form-item.is-error .el-form-item__error');
    await idError.waitFor();
    assert.match(await idError.innerText(), /请输入数字形式的用户 ID/);

    // The admin's user.created event for the salesperson carries the roles in its detail.
    await page.getByTestId('audit-user-id').fill('');
    await page.getByTestId('audit-target').fill(`user:${SALES.username}`);
    await pickOption(page, 'audit-action', '用户 (user.)');
    await page.getByTestId('audit-search').click();
    await page.waitForFunction(() => {
      const a = [...document.querySelectorAll('[data-testid="audit-table"] [data-action]')].map((e) => e.dataset.action);
      return a.length > 0 && a.every((x) => x.startsWith('user.')) && a.includes('user.created');
    });
    const createdRow = rows().filter({ has: page.locator('[data-action="user.created"]') }).first();
    await createdRow.locator('.el-table__expand-icon').click();
    const detail = page.locator('[data-testid^="audit-detail-"]').first();
    await detail.waitFor();
    const json = await detail.locator('pre').innerText();
    assert.match(json, /"roles":\s*\[\s*"salesperson"\s*\]/);
    assert.match(json, new RegExp(SALES.display));
  });

  it('is refused the users page', async () => {
    await page.goto(srv.url + '/admin/users');
    await page.getByTestId('forbidden').waitFor();
  });

  it('threw no uncaught errors in the page', () => {
    assert.deepEqual(browser.pageErrors, []);
  });
});

describe('users page on a phone 390×844', () => {
  let browser;
  let page;
  before(async () => {
    browser = await openBrowser({ viewport: PHONE, mobile: true });
    page = browser.page;
  });
  after(async () => { if (browser) await browser.close(); });

  it('opens the users page from the drawer without horizontal scrolling', async () => {
    await loginThroughUi(page, srv.url, 'admin', ADMIN_PASSWORD);
    await page.getByTestId('menu-toggle').click();
    const menu = page.locator('.el-drawer [data-testid="side-menu"]');
    await menu.waitFor({ state: 'visible' });
    await menu.getByTestId('menu-users').click();
    await waitForPath(page, '/admin/users');
    await userRow(page, 'admin').waitFor();
    // The salesperson came after the filler accounts: on the second page.
    assert.equal(await userRow(page, SALES.username).count(), 0);
    await page.getByTestId('user-load-more').click();
    await userRow(page, SALES.username).waitFor();
    await page.waitForTimeout(400); // drawer slide-out
    assert.ok(await documentScrollWidth(page) <= PHONE.width, `no horizontal scrolling (${await documentScrollWidth(page)})`);
    for (const id of ['user-create', 'user-search', 'user-unit-filter', 'user-status-filter', `user-actions-${SALES.username}`]) {
      const box = await page.getByTestId(id).boundingBox();
      assert.ok(box && box.x >= 0 && box.x + box.width <= PHONE.width, `${id} inside the screen`);
    }
    assert.match(await userRow(page, SALES.username).innerText(), new RegExp(`${SALES.display}[\\s\\S]*${UNIT}`));
    await screenshot(page, 'phone-users');
  });

  it('resets a password from the row menu', async () => {
    await page.getByTestId('user-search').fill(SALES.username);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="user-table"] [data-username]').length === 1);
    await page.getByTestId(`user-actions-${SALES.username}`).click();
    await page.locator('.el-dropdown-menu__item:visible').filter({ hasText: '重置密码' }).click();
    const dialog = page.getByTestId('reset-dialog');
    await dialog.waitFor();
    const box = await dialog.boundingBox();
    assert.ok(box && box.x >= 0 && box.x + box.width <= PHONE.width, 'dialog fits the screen');
    assert.equal(await dialog.getByTestId('reset-submit').isDisabled(), true, 'a weak password cannot be sent');
    await dialog.getByTestId('reset-password').fill('Chongzhi-2025!');
    await page.waitForTimeout(300);
    await screenshot(page, 'phone-reset-password');
    await dialog.getByTestId('reset-submit').click();
    await expectMessage(page, `已重置 ${SALES.username} 的密码`);
    assert.match(await userRow(page, SALES.username).innerText(), /待改密/);
    assert.equal((await findUser(SALES.username)).must_change_password, true);
  });

  it('threw no uncaught errors in the page', () => {
    assert.deepEqual(browser.pageErrors, []);
  });
});

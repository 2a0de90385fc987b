// Browser tests of 审批 (issue 5 point 1, ADR 0016): 审批中心 with its header badge, the
// request drawer, 审批流程 and 工作日历, against the real server serving web/dist.
// Run: node --test tests/e2e/approvals.test.mjs
//
// One server for the file; the describes run in order and build on each other. The system
// administrator creates through the API the department 销售一部 with 李经理 (department_head)
// and 王销售 (salesperson, manager_id = 李经理). On a PC: 王销售 opens 审批中心 from the menu,
// 发起申请 stops an empty form before sending, then submits a general request (the POST body
// checked) and sees it opened under 我发起的 — 审批中, the step 直属上级审批 of 李经理 due in two
// working days on the server's calendar, 撤回 but no 同意 / 驳回. 李经理's header badge counts 1
// and opens 待我审批; he rejects it — the comment is required before anything is sent, the POST
// carries it with the version — and the badge goes. 王销售 filters 我发起的 by 已驳回, reads the
// comment in the history and resubmits with a changed content (round 2). 李经理 approves it with
// no comment: 已通过, listed under 我已处理, and 王销售 sees 已通过 too. A request withdrawn and
// resubmitted through the API while 李经理 has it open turns his 同意 into the server's 409
// version_conflict message and the drawer reads it again (round 2); withdrawn once more it is
// no longer his to see: the 404's message, the drawer closes. The administrator (system_admin) adds a step
// for the role 部门负责人 to the general flow (a role step without a role is stopped on its
// row; the PUT carries If-Match and the whole list), and on 工作日历 shows 2025 (春节 days and
// make-up workdays as the server lists them), adds 2025-12-31 as a day off, computes a due
// date and removes the day again. Last, at 390×844: the count as a dot on the menu button and
// beside 审批中心 in the menu, the inbox, the drawer and an approval that moves the request on;
// 审批流程 (steps as cards) and 工作日历 with its dialog. 王销售 also reads 审批中心 in English.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN_PASSWORD, startServer } from '../lib/server.mjs';
import {
  PHONE, api, apiLogin, clickFor, documentScrollWidth, expectMessage, isApi, itemError, pickOption, screenshot,
  signedInBrowser, switchLanguage, waitForPath,
} from './browser.mjs';

const PASSWORD = 'Shenpi-Passw0rd-2025!';
const ADMIN = { username: 'admin', password: ADMIN_PASSWORD };
const MANAGER = { username: 'li.jingli', display: '李经理', password: PASSWORD, roles: ['department_head'] };
const SALES = { username: 'wang.xiao', display: '王销售', password: PASSWORD, roles: ['salesperson'] };
const APPROVALS = '/api/v1/approvals';

let srv;
let stopping = false;
let admin;
let manager;
let sales;
const ids = {};

before(async () => {
  srv = await startServer();
  srv.proc.on('exit', (code, signal) => {
    if (!stopping) console.error(`guanxi exited early (code ${code}, signal ${signal}):\n${srv.logs.slice(-40).join('\n')}`);
  });
  admin = await apiLogin(srv.url, ADMIN.username, ADMIN.password);
  const root = (await api(admin, 'GET', '/api/v1/org-units')).items.find((u) => u.parent_id === null);
  const unit = await api(admin, 'POST', '/api/v1/org-units', { name: '销售一部', kind: 'department', parent_id: root.id });
  const boss = await api(admin, 'POST', '/api/v1/users', {
    username: MANAGER.username, display_name: MANAGER.display, password: PASSWORD, roles: MANAGER.roles,
    unit_id: unit.id, must_change_password: false,
  });
  await api(admin, 'POST', '/api/v1/users', {
    username: SALES.username, display_name: SALES.display, password: PASSWORD, roles: SALES.roles,
    unit_id: unit.id, manager_id: boss.id, must_change_password: false,
  });
  manager = await apiLogin(srv.url, MANAGER.username, PASSWORD);
  sales = await apiLogin(srv.url, SALES.username, PASSWORD);
});
after(async () => {
  stopping = true;
  if (srv) await srv.stop();
});

// ---------------------------------------------------------------- helpers

const text = async (locator) => (await locator.innerText()).trim();
/** Today on the Shanghai calendar (the server's business date) as YYYY-MM-DD. */
const shanghaiToday = () => new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
const item = (page, id) => page.locator(`[data-testid="approval-item"][data-id="${id}"]`);
const drawer = (page) => page.getByTestId('approval-detail');
const isList = (r) => isApi(r, 'GET', APPROVALS);

/** Opens 审批中心 at `query` and waits for its list. */
async function openApprovals(page, query = '') {
  const [response] = await Promise.all([page.waitForResponse(isList), page.goto(`${srv.url}/approvals${query}`)]);
  assert.equal(response.status(), 200, await response.text());
  await page.getByTestId('approval-list').and(page.locator('[data-state="ready"]')).waitFor();
  return response;
}

/** Clicks an inbox tab and waits for its list. */
async function openBox(page, box) {
  const [response] = await Promise.all([
    page.waitForResponse((r) => isList(r) && new URL(r.url()).searchParams.has({ assigned: 'assigned_to', requested: 'requested_by', decided: 'decided_by' }[box])),
    page.getByTestId(`approval-box-${box}`).click(),
  ]);
  assert.equal(response.status(), 200);
  await page.locator(`[data-testid="approval-list"][data-box="${box}"][data-state="ready"]`).waitFor();
  return response;
}

/** Opens a request of the list in the drawer and waits until it shows it. */
async function openRequest(page, id) {
  const response = await clickFor(page, item(page, id).getByTestId('approval-title'), 'GET', `${APPROVALS}/${id}`);
  assert.equal(response.status(), 200);
  await page.locator(`[data-testid="approval-detail"][data-id="${id}"]`).waitFor();
  return response.json();
}

/** Waits until the drawer shows the request with this status and returns the status tag's text. */
async function detailStatus(page, status) {
  await page.locator(`[data-testid="approval-detail"][data-status="${status}"]`).waitFor();
  return text(drawer(page).getByTestId('approval-detail-status'));
}

async function closeDrawer(page) {
  await page.keyboard.press('Escape');
  await drawer(page).waitFor({ state: 'hidden' });
}

/** The badge once it counts `count` (0: gone). */
async function badgeCounts(page, count) {
  const badge = page.getByTestId('approval-badge');
  if (count === 0) {
    await badge.waitFor({ state: 'detached' });
    return;
  }
  await page.locator(`[data-testid="approval-badge"][data-count="${count}"]`).waitFor();
  assert.equal(await text(badge.locator('sup')), String(count));
}

const historyActions = async (page) => drawer(page).getByTestId('approval-history-item')
  .evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));

// ---------------------------------------------------------------- a request from submission to approval

describe('审批中心: a request rejected, resubmitted and approved, desktop', () => {
  const salesBrowser = signedInBrowser(() => srv.url, SALES);
  const managerBrowser = signedInBrowser(() => srv.url, MANAGER);

  it('王销售 submits a general request from 审批中心 and sees it waiting for 李经理', async () => {
    const page = salesBrowser.page;
    assert.equal(await page.getByTestId('approval-badge').count(), 0, 'nothing waits for a salesperson');
    const [list] = await Promise.all([page.waitForResponse(isList), page.getByTestId('menu-approvals').click()]);
    assert.equal(new URL(list.url()).searchParams.get('assigned_to'), 'me');
    await waitForPath(page, '/approvals');
    assert.equal(await text(page.getByTestId('page-title')), '审批中心');
    await page.locator('[data-testid="approval-list"][data-state="ready"]').waitFor();
    assert.match(await text(page.getByTestId('approval-list')), /没有待您审批的申请/);

    await page.getByTestId('approval-new').click();
    const dialog = page.getByTestId('approval-form-dialog');
    await dialog.waitFor();
    assert.equal(await text(page.getByTestId('approval-form-type')), '通用审批');
    // Nothing is sent without a title and a content.
    let posted = false;
    const watch = (r) => { if (r.method() === 'POST' && new URL(r.url()).pathname === APPROVALS) posted = true; };
    page.on('request', watch);
    await page.getByTestId('approval-form-submit').click();
    assert.equal(await itemError(dialog, 'title'), '请输入标题');
    assert.equal(await itemError(dialog, 'content'), '请输入申请内容');
    page.off('request', watch);
    assert.equal(posted, false);

    await page.getByTestId('approval-form-title').fill('申请特价：华南精密');
    await page.getByTestId('approval-form-content').fill('客户年采购额 300 万，申请按 9 折报价。');
    const response = await clickFor(page, page.getByTestId('approval-form-submit'), 'POST', APPROVALS);
    assert.equal(response.status(), 201, await response.text());
    assert.deepEqual(response.request().postDataJSON(), {
      type: 'general', title: '申请特价：华南精密', payload: { content: '客户年采购额 300 万，申请按 9 折报价。' },
    });
    const created = await response.json();
    ids.first = created.id;
    await dialog.waitFor({ state: 'hidden' });
    await expectMessage(page, '申请已提交');

    // Shown under 我发起的, opened in the drawer.
    await page.waitForURL((u) => u.pathname === '/approvals' && u.searchParams.get('box') === 'requested' && u.searchParams.get('id') === String(created.id));
    await page.locator(`[data-testid="approval-detail"][data-id="${created.id}"]`).waitFor();
    assert.equal(await detailStatus(page, 'pending'), '审批中');
    const d = drawer(page);
    assert.equal(await text(d.getByTestId('approval-detail-type')), '通用审批');
    assert.equal(await text(d.getByTestId('approval-detail-requester')), '王销售');
    assert.equal(await text(d.getByTestId('approval-detail-content')), '客户年采购额 300 万，申请按 9 折报价。');
    const steps = d.getByTestId('approval-step');
    assert.equal(await steps.count(), 1);
    assert.equal(await text(steps.first().getByTestId('approval-step-name')), '直属上级审批');
    assert.equal(await text(steps.first().getByTestId('approval-step-state')), '审批中');
    assert.equal(await text(steps.first().getByTestId('approval-step-approver')), '直属上级：李经理');
    const dueOn = (await api(sales, 'GET', `/api/v1/calendar/due?from=${shanghaiToday()}&days=2`)).due_on;
    assert.equal(created.due_on, dueOn, 'due in two working days on the server\'s calendar');
    assert.equal(await text(steps.first().getByTestId('approval-step-due')), `期限 ${dueOn}`);
    assert.equal(await text(d.getByTestId('approval-detail-due')), dueOn);
    assert.deepEqual(await historyActions(page), ['submitted']);
    assert.equal(await d.getByTestId('approval-approve').count(), 0, 'no deciding one\'s own request');
    assert.equal(await d.getByTestId('approval-reject').count(), 0);
    assert.ok(await d.getByTestId('approval-withdraw').isVisible());
    await screenshot(page, 'approvals-detail');
    await closeDrawer(page);
    const row = item(page, created.id);
    await row.waitFor();
    assert.equal(await text(row.getByTestId('approval-status')), '审批中');
    assert.equal(await text(row.getByTestId('approval-due')), `${dueOn} 前处理`);
    assert.equal(await row.getAttribute('data-overdue'), 'false');
  });

  it('李经理\'s badge counts it and opens 待我审批; he rejects it with the required comment', async () => {
    const page = managerBrowser.page;
    await page.goto(srv.url + '/');
    await badgeCounts(page, 1);
    assert.deepEqual(await api(manager, 'GET', `${APPROVALS}/count`), { assigned_to_me: 1, overdue: 0 });
    const [list] = await Promise.all([page.waitForResponse(isList), page.getByTestId('approval-badge').click()]);
    assert.equal(new URL(list.url()).searchParams.get('assigned_to'), 'me');
    await waitForPath(page, '/approvals');
    const row = item(page, ids.first);
    await row.waitFor();
    assert.match(await text(row.getByTestId('approval-requester')), /^申请人\s*王销售$/);
    assert.equal(await text(row.getByTestId('approval-step')), '当前：直属上级审批（李经理）');
    assert.equal(await text(page.getByTestId('approval-box-count')), '1');
    await screenshot(page, 'approvals-inbox');

    const loaded = await openRequest(page, ids.first);
    assert.equal(loaded.can_decide, true);
    const d = drawer(page);
    assert.equal(await d.getByTestId('approval-withdraw').count(), 0);
    await d.getByTestId('approval-reject').click();
    const dialog = page.getByTestId('approval-decision-dialog');
    await dialog.waitFor();
    let posted = false;
    const watch = (r) => { if (r.method() === 'POST' && r.url().includes('/reject')) posted = true; };
    page.on('request', watch);
    await page.getByTestId('approval-decision-submit').click();
    assert.equal(await itemError(dialog, 'comment'), '请填写驳回理由');
    page.off('request', watch);
    assert.equal(posted, false, 'a rejection needs its comment first');

    await page.getByTestId('approval-decision-comment').fill('折扣过大，请补充客户近两年的回款情况。');
    const response = await clickFor(page, page.getByTestId('approval-decision-submit'), 'POST', `${APPROVALS}/${ids.first}/reject`);
    assert.equal(response.status(), 200, await response.text());
    assert.deepEqual(response.request().postDataJSON(), { comment: '折扣过大，请补充客户近两年的回款情况。', version: loaded.version });
    await dialog.waitFor({ state: 'hidden' });
    await expectMessage(page, '已驳回');
    assert.equal(await detailStatus(page, 'rejected'), '已驳回');
    assert.deepEqual(await historyActions(page), ['rejected', 'submitted'], 'newest first');
    assert.equal(await text(d.getByTestId('approval-history-comment').first()), '折扣过大，请补充客户近两年的回款情况。');
    assert.equal(await d.getByTestId('approval-approve').count(), 0);
    await badgeCounts(page, 0);
    await closeDrawer(page);
    await item(page, ids.first).waitFor({ state: 'detached' });
  });

  it('王销售 finds it under 已驳回, reads the comment and resubmits it (round 2)', async () => {
    const page = salesBrowser.page;
    await openApprovals(page, '?box=requested');
    const [filtered] = await Promise.all([
      page.waitForResponse((r) => isList(r) && new URL(r.url()).searchParams.get('status') === 'rejected'),
      pickOption(page, 'approval-status-filter', '已驳回'),
    ]);
    assert.equal(new URL(filtered.url()).searchParams.get('requested_by'), 'me');
    await page.locator('[data-testid="approval-list"][data-status="rejected"][data-state="ready"]').waitFor();
    assert.equal(await page.getByTestId('approval-item').count(), 1);
    const loaded = await openRequest(page, ids.first);
    assert.equal(loaded.can_resubmit, true);
    assert.equal(await detailStatus(page, 'rejected'), '已驳回');
    const d = drawer(page);
    const rejection = d.locator('[data-testid="approval-history-item"][data-action="rejected"]');
    assert.equal(await text(rejection.getByTestId('approval-history-line')), '李经理 · 驳回 · 直属上级审批');
    assert.equal(await text(rejection.getByTestId('approval-history-comment')), '折扣过大，请补充客户近两年的回款情况。');

    await d.getByTestId('approval-resubmit').click();
    const dialog = page.getByTestId('approval-form-dialog');
    await dialog.waitFor();
    assert.equal(await page.getByTestId('approval-form-title').inputValue(), '申请特价：华南精密');
    assert.equal(await page.getByTestId('approval-form-content').inputValue(), '客户年采购额 300 万，申请按 9 折报价。');
    assert.match(await text(page.getByTestId('approval-form-hint')), /第 2 轮/);
    await page.getByTestId('approval-form-content').fill('客户年采购额 300 万，近两年回款均按期，申请按 9 折报价。');
    const response = await clickFor(page, page.getByTestId('approval-form-submit'), 'POST', `${APPROVALS}/${ids.first}/resubmit`);
    assert.equal(response.status(), 200, await response.text());
    assert.deepEqual(response.request().postDataJSON(), {
      title: '申请特价：华南精密', payload: { content: '客户年采购额 300 万，近两年回款均按期，申请按 9 折报价。' }, version: loaded.version,
    });
    await dialog.waitFor({ state: 'hidden' });
    await expectMessage(page, '已重新提交');
    assert.equal(await detailStatus(page, 'pending'), '审批中');
    assert.equal(await text(d.getByTestId('approval-detail-round')), '第 2 轮');
    assert.equal(await text(d.getByTestId('approval-detail-content')), '客户年采购额 300 万，近两年回款均按期，申请按 9 折报价。');
    assert.deepEqual(await historyActions(page), ['resubmitted', 'rejected', 'submitted']);
  });

  it('李经理 approves it without a comment: 已通过, listed under 我已处理', async () => {
    const page = managerBrowser.page;
    await page.goto(srv.url + '/');
    await badgeCounts(page, 1);
    await openApprovals(page);
    const loaded = await openRequest(page, ids.first);
    assert.equal(loaded.round, 2);
    await drawer(page).getByTestId('approval-approve').click();
    const dialog = page.getByTestId('approval-decision-dialog');
    await dialog.waitFor();
    const response = await clickFor(page, page.getByTestId('approval-decision-submit'), 'POST', `${APPROVALS}/${ids.first}/approve`);
    assert.equal(response.status(), 200, await response.text());
    assert.deepEqual(response.request().postDataJSON(), { version: loaded.version });
    await expectMessage(page, '已同意，申请已通过');
    assert.equal(await detailStatus(page, 'approved'), '已通过');
    assert.equal(await drawer(page).getByTestId('approval-actions').count(), 0, 'nothing left to do');
    await badgeCounts(page, 0);
    await closeDrawer(page);
    await openBox(page, 'decided');
    const row = item(page, ids.first);
    await row.waitFor();
    assert.equal(await text(row.getByTestId('approval-status')), '已通过');
    assert.equal(await text(row.getByTestId('approval-round')), '第 2 轮');
  });

  it('王销售 sees it 已通过', async () => {
    const page = salesBrowser.page;
    await openApprovals(page, '?box=requested');
    const row = item(page, ids.first);
    await row.waitFor();
    assert.equal(await text(row.getByTestId('approval-status')), '已通过');
    await openRequest(page, ids.first);
    assert.equal(await detailStatus(page, 'approved'), '已通过');
    assert.deepEqual(await historyActions(page), ['approved', 'resubmitted', 'rejected', 'submitted']);
    assert.equal(await text(drawer(page).getByTestId('approval-step-state')), '已同意');
    await closeDrawer(page);
  });

  it('a request that moved meanwhile: 李经理\'s 同意 gets the server\'s 409 message and the drawer reads it again', async () => {
    const created = await api(sales, 'POST', APPROVALS, { type: 'general', title: '申请样品', payload: { content: '寄送 5 套样品。' } });
    ids.moved = created.id;
    const page = managerBrowser.page;
    await openApprovals(page);
    const loaded = await openRequest(page, created.id);
    // Withdrawn and resubmitted through the API: still waiting for him, one version further.
    const withdrawn = await api(sales, 'POST', `${APPROVALS}/${created.id}/withdraw`, { version: created.version });
    await api(sales, 'POST', `${APPROVALS}/${created.id}/resubmit`, { version: withdrawn.version });
    await drawer(page).getByTestId('approval-approve').click();
    await page.getByTestId('approval-decision-dialog').waitFor();
    const [response, reread] = await Promise.all([
      page.waitForResponse((r) => isApi(r, 'POST', `${APPROVALS}/${created.id}/approve`)),
      page.waitForResponse((r) => isApi(r, 'GET', `${APPROVALS}/${created.id}`)),
      page.getByTestId('approval-decision-submit').click(),
    ]);
    assert.equal(response.status(), 409);
    assert.deepEqual(response.request().postDataJSON(), { version: loaded.version });
    const problem = await response.json();
    assert.equal(problem.code, 'version_conflict');
    assert.equal(reread.status(), 200);
    await expectMessage(page, problem.detail);
    await page.locator(`[data-testid="approval-detail"][data-version="${(await reread.json()).version}"]`).waitFor();
    assert.equal(await text(drawer(page).getByTestId('approval-detail-round')), '第 2 轮');
    assert.ok(await drawer(page).getByTestId('approval-approve').isVisible(), 'still his to decide');
  });

  it('a request withdrawn meanwhile is no longer his to see: the server\'s message, the drawer closes, the list is read again', async () => {
    const page = managerBrowser.page;
    const current = await api(sales, 'GET', `${APPROVALS}/${ids.moved}`);
    await api(sales, 'POST', `${APPROVALS}/${ids.moved}/withdraw`, { version: current.version });
    await drawer(page).getByTestId('approval-approve').click();
    await page.getByTestId('approval-decision-dialog').waitFor();
    const [response] = await Promise.all([
      page.waitForResponse((r) => isApi(r, 'POST', `${APPROVALS}/${ids.moved}/approve`)),
      page.waitForResponse(isList),
      page.getByTestId('approval-decision-submit').click(),
    ]);
    assert.equal(response.status(), 404);
    await expectMessage(page, (await response.json()).detail);
    await drawer(page).waitFor({ state: 'hidden' });
    await item(page, ids.moved).waitFor({ state: 'detached' });
    await badgeCounts(page, 0);
  });
});

// ---------------------------------------------------------------- the administrator

describe('审批流程 and 工作日历: the system administrator on a PC', () => {
  const session = signedInBrowser(() => srv.url, ADMIN);
  let page;
  before(() => { page = session.page; });

  it('adds a 部门负责人 step to the general flow (a role step needs its role first; PUT with If-Match)', async () => {
    const entries = await page.getByTestId('menu-group-admin').locator('[data-testid^="menu-"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
    assert.ok(entries.includes('menu-approval-flows') && entries.includes('menu-work-calendar'), entries.join());
    const [response] = await Promise.all([
      page.waitForResponse((r) => isApi(r, 'GET', '/api/v1/approval-flows')),
      page.getByTestId('menu-approval-flows').click(),
    ]);
    const { items } = await response.json();
    await waitForPath(page, '/admin/approval-flows');
    assert.equal(await text(page.getByTestId('page-title')), '审批流程');
    const general = items.find((f) => f.type === 'general');
    const card = page.locator('[data-testid="flow-card"][data-type="general"]');
    await card.waitFor();
    assert.equal(await text(card.getByTestId('flow-name')), '通用审批');
    assert.equal(await text(card.getByTestId('flow-customized')), '默认流程');
    const steps = card.getByTestId('flow-step');
    assert.equal(await steps.count(), 1);
    assert.equal(await steps.first().getByTestId('flow-step-name').inputValue(), '直属上级审批');
    assert.ok(await card.getByTestId('flow-save').isDisabled(), 'nothing to save yet');

    await card.getByTestId('flow-step-add').click();
    const added = steps.nth(1);
    await added.getByTestId('flow-step-name').fill('部门负责人复核');
    await pickOption(page, added.getByTestId('flow-step-approver'), '指定角色');
    let sent = false;
    const watch = (r) => { if (r.method() === 'PUT') sent = true; };
    page.on('request', watch);
    await card.getByTestId('flow-save').click();
    assert.equal(await itemError(added, 'role_key'), '必填');
    page.off('request', watch);
    assert.equal(sent, false, 'stopped on its row');

    await pickOption(page, added.getByTestId('flow-step-role'), '部门负责人');
    await added.getByTestId('flow-step-days').locator('input').fill('3');
    const put = await clickFor(page, card.getByTestId('flow-save'), 'PUT', '/api/v1/approval-flows/general');
    assert.equal(put.status(), 200, await put.text());
    assert.equal(put.request().headers()['if-match'], `"${general.version}"`);
    assert.deepEqual(put.request().postDataJSON(), {
      steps: [
        { name: '直属上级审批', approver: 'manager', days: 2 },
        { name: '部门负责人复核', approver: 'role', role_key: 'department_head', days: 3 },
      ],
    });
    await expectMessage(page, '已保存“通用审批”的审批流程');
    assert.equal(await text(card.getByTestId('flow-customized')), '已调整');
    const stored = (await api(admin, 'GET', '/api/v1/approval-flows')).items.find((f) => f.type === 'general');
    assert.deepEqual(stored.steps.map((s) => [s.name, s.approver, s.role_key, s.days]), [
      ['直属上级审批', 'manager', null, 2], ['部门负责人复核', 'role', 'department_head', 3],
    ]);
    await screenshot(page, 'approval-flows');
  });

  it('shows 2025 on 工作日历, adds 2025-12-31 as a day off, computes a due date and removes the day', async () => {
    const [first] = await Promise.all([
      page.waitForResponse((r) => isApi(r, 'GET', '/api/v1/calendar')),
      page.getByTestId('menu-work-calendar').click(),
    ]);
    assert.equal(first.status(), 200);
    await waitForPath(page, '/admin/work-calendar');
    assert.equal(await text(page.getByTestId('page-title')), '工作日历');
    const [response] = await Promise.all([
      page.waitForResponse((r) => isApi(r, 'GET', '/api/v1/calendar') && new URL(r.url()).searchParams.get('year') === '2025'),
      page.goto(srv.url + '/admin/work-calendar?year=2025'),
    ]);
    const listed = (await response.json()).days;
    await page.locator('[data-testid="calendar-list"][data-year="2025"][data-state="ready"]').waitFor();
    assert.equal(await page.getByTestId('calendar-day').count(), listed.length);
    const day = (date) => page.locator(`[data-testid="calendar-day"][data-date="${date}"]`);
    // The ADR's test vectors: the Spring Festival days off and the make-up Sunday.
    assert.equal(await text(day('2025-01-28').getByTestId('calendar-day-kind')), '休');
    assert.equal(await text(day('2025-01-28').getByTestId('calendar-day-effect')), '节假日');
    assert.equal(await text(day('2025-01-26').getByTestId('calendar-day-kind')), '班');
    assert.equal(await text(day('2025-01-26').getByTestId('calendar-day-effect')), '调休上班');
    assert.equal(await day('2025-12-31').count(), 0);

    await page.getByTestId('calendar-add').click();
    const dialog = page.getByTestId('calendar-dialog');
    await dialog.waitFor();
    const date = dialog.locator('.el-form-item[data-item="date"] input');
    await date.click();
    await date.fill('2025-12-31');
    await date.press('Enter');
    await dialog.locator('.el-dialog__title').click();
    await page.getByTestId('calendar-field-name').fill('年终盘点');
    assert.equal(await text(page.getByTestId('calendar-field-weekday')), '周三');
    assert.equal(await text(page.getByTestId('calendar-field-effect')), '节假日');
    const put = await clickFor(page, page.getByTestId('calendar-save'), 'PUT', '/api/v1/calendar/days/2025-12-31');
    assert.equal(put.status(), 200, await put.text());
    assert.deepEqual(put.request().postDataJSON(), { is_workday: false, name: '年终盘点' });
    await dialog.waitFor({ state: 'hidden' });
    await expectMessage(page, '已保存 2025-12-31');
    const added = day('2025-12-31');
    await added.waitFor();
    assert.equal(await text(added.getByTestId('calendar-day-kind')), '休');
    assert.equal(await text(added.getByTestId('calendar-day-name')), '年终盘点');
    const stored = (await api(admin, 'GET', '/api/v1/calendar?year=2025')).days.find((d) => d.date === '2025-12-31');
    assert.deepEqual(stored, { date: '2025-12-31', is_workday: false, name: '年终盘点' });
    await screenshot(page, 'work-calendar');

    // 计算到期日: the ADR's vector, three working days from Friday 2025-01-24 over the Spring Festival.
    const from = page.getByTestId('calendar-due').locator('.el-form-item[data-item="from"] input');
    await from.fill('2025-01-24');
    await from.press('Enter');
    await page.getByTestId('calendar-due').locator('.el-card__header').click();
    await page.getByTestId('calendar-due-days').locator('input').fill('3');
    const due = await clickFor(page, page.getByTestId('calendar-due-compute'), 'GET', '/api/v1/calendar/due');
    assert.equal(due.status(), 200, await due.text());
    assert.equal(await page.getByTestId('calendar-due-result').getAttribute('data-due'), '2025-02-05');
    assert.match(await text(page.getByTestId('calendar-due-result')), /2025-02-05（周三）/);

    await added.getByTestId('calendar-day-delete').click();
    const box = page.locator('.el-message-box');
    await box.waitFor();
    assert.match(await box.innerText(), /确定删除 2025-12-31（年终盘点）吗？/);
    const [removed] = await Promise.all([
      page.waitForResponse((r) => isApi(r, 'DELETE', '/api/v1/calendar/days/2025-12-31')),
      box.getByRole('button', { name: '删除' }).click(),
    ]);
    assert.equal(removed.status(), 204);
    await expectMessage(page, '已删除 2025-12-31');
    await added.waitFor({ state: 'detached' });
  });
});

describe('审批 for a salesperson without admin rights', () => {
  const session = signedInBrowser(() => srv.url, SALES);
  it('has no 审批流程 or 工作日历 in the menu, and 无权访问 under their addresses', async () => {
    const page = session.page;
    await page.getByTestId('menu-approvals').waitFor();
    assert.equal(await page.getByTestId('menu-approval-flows').count(), 0);
    assert.equal(await page.getByTestId('menu-work-calendar').count(), 0);
    await page.goto(srv.url + '/admin/approval-flows');
    await page.getByTestId('forbidden').waitFor();
    await page.goto(srv.url + '/admin/work-calendar');
    await page.getByTestId('forbidden').waitFor();
  });

  it('reads 审批中心 in English, the type name in English from the server', async () => {
    const page = session.page;
    await openApprovals(page, '?box=requested');
    await switchLanguage(page, 'en');
    try {
      const [response] = await Promise.all([page.waitForResponse(isList), page.getByTestId('approval-refresh').click()]);
      assert.equal(response.request().headers()['accept-language'], 'en');
      assert.equal(await text(page.getByTestId('page-title')), 'Approvals');
      assert.equal(await text(page.getByTestId('approval-box-requested')), 'Submitted by me');
      const row = item(page, ids.first);
      await row.getByTestId('approval-type').filter({ hasText: 'General request' }).waitFor();
      assert.equal(await text(row.getByTestId('approval-status')), 'Approved');
    } finally {
      await switchLanguage(page, 'zh-CN');
    }
  });
});

// ---------------------------------------------------------------- phone

describe('审批中心 at 390×844', () => {
  const session = signedInBrowser(() => srv.url, MANAGER, { viewport: PHONE, mobile: true });

  it('the menu button\'s dot, the count in the menu, the inbox and the drawer fit without horizontal scrolling', async () => {
    const page = session.page;
    const created = await api(sales, 'POST', APPROVALS, { type: 'general', title: '申请加急发货', payload: { content: '客户要求本周内到货。' } });
    await page.goto(srv.url + '/');
    // No room in a phone's header for the badge: a dot on the menu button, the count in the menu.
    await page.locator('[data-testid="menu-toggle-badge"][data-count="1"]').waitFor();
    assert.ok(await page.getByTestId('menu-toggle-badge').locator('.el-badge__content.is-dot').isVisible());
    assert.equal(await page.getByTestId('approval-badge').count(), 0);
    assert.ok((await documentScrollWidth(page)) <= PHONE.width);
    await screenshot(page, 'approvals-phone-header');
    await page.getByTestId('menu-toggle').click();
    const entry = page.locator('.app-drawer').getByTestId('menu-approvals');
    await entry.waitFor();
    assert.equal(await text(page.locator('.app-drawer').getByTestId('approvals-menu-count')), '1');
    await Promise.all([page.waitForResponse(isList), entry.click()]);
    await waitForPath(page, '/approvals');
    await page.locator('[data-testid="approval-list"][data-state="ready"]').waitFor();
    await item(page, created.id).waitFor();
    assert.ok((await documentScrollWidth(page)) <= PHONE.width);
    await screenshot(page, 'approvals-phone');
    await openRequest(page, created.id);
    // Once it has slid in, the drawer takes the whole width (give or take rounding).
    await page.waitForFunction(() => document.getAnimations().length === 0
      && Math.abs(document.querySelector('[data-testid="approval-detail"]').getBoundingClientRect().x) < 0.5);
    const box = await drawer(page).boundingBox();
    assert.ok(box.x > -0.5 && box.x + box.width < PHONE.width + 0.5, JSON.stringify(box));
    assert.ok(await drawer(page).getByTestId('approval-approve').isVisible());
    assert.ok((await documentScrollWidth(page)) <= PHONE.width);
    await screenshot(page, 'approvals-phone-detail');
    await drawer(page).getByTestId('approval-approve').click();
    const dialog = page.getByTestId('approval-decision-dialog');
    await dialog.waitFor();
    await page.getByTestId('approval-decision-comment').fill('同意，请尽快安排。');
    const response = await clickFor(page, page.getByTestId('approval-decision-submit'), 'POST', `${APPROVALS}/${created.id}/approve`);
    assert.equal(response.status(), 200, await response.text());
    assert.deepEqual(response.request().postDataJSON(), { comment: '同意，请尽快安排。', version: created.version });
    // Two steps since the administrator's change: the next one is the department head's.
    await expectMessage(page, '已同意');
    await page.locator('[data-testid="approval-detail"] [data-testid="approval-step"][data-index="1"][data-state="pending"]').waitFor();
  });
});

describe('审批流程 and 工作日历 at 390×844', () => {
  const session = signedInBrowser(() => srv.url, ADMIN, { viewport: PHONE, mobile: true });

  it('the steps as cards and the calendar fit without horizontal scrolling', async () => {
    const page = session.page;
    await Promise.all([
      page.waitForResponse((r) => isApi(r, 'GET', '/api/v1/approval-flows')),
      page.goto(srv.url + '/admin/approval-flows'),
    ]);
    const card = page.locator('[data-testid="flow-card"][data-type="general"]');
    await card.getByTestId('flow-step').nth(1).waitFor();
    assert.match(await text(card.getByTestId('flow-step-order').first()), /第 1 步/);
    assert.ok((await documentScrollWidth(page)) <= PHONE.width);
    await screenshot(page, 'approval-flows-phone');
    await Promise.all([
      page.waitForResponse((r) => isApi(r, 'GET', '/api/v1/calendar')),
      page.goto(srv.url + '/admin/work-calendar?year=2025'),
    ]);
    await page.locator('[data-testid="calendar-list"][data-year="2025"][data-state="ready"]').waitFor();
    assert.ok((await documentScrollWidth(page)) <= PHONE.width);
    await screenshot(page, 'work-calendar-phone');
    await page.getByTestId('calendar-add').click();
    await page.getByTestId('calendar-dialog').waitFor();
    assert.ok((await documentScrollWidth(page)) <= PHONE.width);
  });
});

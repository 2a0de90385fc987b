// Browser tests of 变更统计 (the customer history statistics) on /customer-history/stats,
// against the real server serving web/dist. Run: node --test tests/e2e/history-stats.test.mjs
//
// One server for the file. 王总 (`group_management`, made through the API) creates two
// customers and edits one through the API (its grade and a custom field 合同编号). On a PC the
// page shows, per field (the default), exactly the server's groups and total for the last
// 30 days with labels (客户等级, 新建档案, and the custom field by its label);
// per user it names 王总 by the recorded user name; the period switch asks for 7 days. At 390×844 it fits without
// horizontal scrolling.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PHONE, api, documentScrollWidth, isApi, screenshot, serverWithUsers, signedInBrowser } from './browser.mjs';

const HEAD = { username: 'wang.zong', display: '王总', password: 'Wangzong-Passw0rd!', roles: ['group_management'] };

let srv;

serverWithUsers([HEAD], async (ctx) => {
  srv = ctx.srv;
  const head = ctx.sessions[HEAD.username];
  await api(ctx.admin, 'POST', '/api/v1/custom-fields', { key: 'contract_no', type: 'text', label: '合同编号' });
  const a = await api(head, 'POST', '/api/v1/customers', { kind: 'organization', name: '统计客户甲' });
  await api(head, 'POST', '/api/v1/customers', { kind: 'organization', name: '统计客户乙' });
  await api(head, 'PATCH', `/api/v1/customers/${a.id}`, { grade: 'A', custom: { contract_no: 'HT-1' } }, { 'If-Match': `"${a.version}"` });
});

const ready = (page) => page.getByTestId('stats').and(page.locator('[data-state="ready"]')).waitFor();
const shown = (page) => page.getByTestId('stats-row').evaluateAll((rows) => rows.map((r) => [
  r.querySelector('[data-testid="stats-label"]').textContent.trim(), Number(r.querySelector('[data-testid="stats-count"]').textContent),
]));

/** Clicks a switch and returns the statistics the page asked for. */
async function switchTo(page, testid) {
  const [response] = await Promise.all([
    page.waitForResponse((r) => isApi(r, 'GET', '/api/v1/customer-history/stats')),
    page.getByTestId(testid).click(),
  ]);
  assert.equal(response.status(), 200);
  await ready(page);
  return response;
}

describe('change statistics of a manager, desktop', () => {
  const session = signedInBrowser(() => srv.url, HEAD);
  let page;
  before(() => { page = session.page; });

  it('per field by default, the server\'s groups with labels; per user; the period', async () => {
    const [response] = await Promise.all([
      page.waitForResponse((r) => isApi(r, 'GET', '/api/v1/customer-history/stats')),
      page.getByTestId('menu-history-stats').click(),
    ]);
    assert.equal(response.status(), 200);
    const params = new URL(response.url()).searchParams;
    assert.equal(params.get('group_by'), 'field');
    assert.equal(Number(params.get('until')) - Number(params.get('since')), 30 * 86400e3);
    const stats = await response.json();
    await ready(page);
    assert.equal((await page.getByTestId('stats-total').innerText()).trim(), `共 ${stats.total} 次变更`);
    const rows = await shown(page);
    assert.equal(rows.length, stats.items.length);
    assert.deepEqual(rows.map((r) => r[1]), stats.items.map((i) => i.count));
    const labels = Object.fromEntries(rows);
    assert.equal(labels['新建档案'], 2, JSON.stringify(rows));
    assert.equal(labels['客户等级'], 1, JSON.stringify(rows));
    assert.equal(labels['合同编号'], 1, `a custom field by its label: ${JSON.stringify(rows)}`);

    const byUser = await switchTo(page, 'stats-group-user');
    assert.equal(new URL(byUser.url()).searchParams.get('group_by'), 'user');
    // The name the history recorded (the user name), as the history tab shows it.
    assert.deepEqual(await shown(page), [[HEAD.username, 4]]);
    assert.deepEqual((await byUser.json()).items.map((i) => [i.user_name, i.count]), [[HEAD.username, 4]]);
    const week = await switchTo(page, 'stats-days-7');
    const p = new URL(week.url()).searchParams;
    assert.equal(Number(p.get('until')) - Number(p.get('since')), 7 * 86400e3);
  });
});

describe('change statistics at 390×844', () => {
  const session = signedInBrowser(() => srv.url, HEAD, { viewport: PHONE, mobile: true });
  let page;
  before(() => { page = session.page; });

  it('fits without horizontal scrolling', async () => {
    await page.goto(srv.url + '/customer-history/stats');
    await ready(page);
    await page.getByTestId('stats-row').first().waitFor();
    assert.ok((await documentScrollWidth(page)) <= PHONE.width);
    await screenshot(page, 'history-stats-phone');
  });
});

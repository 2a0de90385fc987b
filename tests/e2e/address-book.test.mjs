// Browser tests of 通讯录 (CUS-15) on /address-book, against the real server serving web/dist.
// Run: node --test tests/e2e/address-book.test.mjs
//
// One server for the file; the describes run in order. Users made through the API: 王总
// (`group_management`, may reveal) and 李销售 (`salesperson`, owner of the customers, made
// through the API with their contacts; 王总 puts 中国银行北京分行 on the black list). 王总 on a
// PC: the menu entry, the search (华为 → its two active contacts with title, department and
// the decision-maker mark; the customer is a link), the black-list flag, masked phones with
// 查看 → the reveal dialog (reason sent) → the list read again with tel: / mailto: links,
// "load more" by the cursor (20 customers a page). 李销售 at 390×844: masked values without 查看, cards without
// horizontal scrolling.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  PHONE, api, clickFor, documentScrollWidth, expectMessage, isApi, maskedMobile, screenshot, serverWithUsers, signedInBrowser,
} from './browser.mjs';

const HEAD = { username: 'wang.zong', display: '王总', password: 'Wangzong-Passw0rd!', roles: ['group_management'] };
const SALES = { username: 'li.xiao', display: '李销售', password: 'Lixiao-Passw0rd!', roles: ['salesperson'] };
const PERSON = { kind: 'individual', name: '张伟', mobile: '13800138000', email: 'zhangwei@example.com' };

let srv;
let head;
let sales;
const c = {};

serverWithUsers([HEAD, SALES], async (ctx) => {
  srv = ctx.srv;
  head = ctx.sessions[HEAD.username];
  sales = ctx.sessions[SALES.username];
  c.huawei = await api(sales, 'POST', '/api/v1/customers', { kind: 'organization', name: '华为技术有限公司' });
  c.bank = await api(sales, 'POST', '/api/v1/customers', { kind: 'organization', name: '中国银行北京分行' });
  c.person = await api(sales, 'POST', '/api/v1/customers', PERSON);
  const contact = (customer, json) => api(sales, 'POST', `/api/v1/customers/${customer.id}/contacts`, json);
  await contact(c.huawei, { name: '李娜', title: '采购经理', mobile: '13912345678', decision_maker: true });
  await contact(c.huawei, { name: '王强', department: '财务部', phone: '010-88886666' });
  await contact(c.huawei, { name: '已离职', status: 'left' });
  await contact(c.bank, { name: '赵敏', mobile: '13698765432', email: 'zhaomin@example.com' });
  for (let i = 0; i < 20; i++) await api(sales, 'POST', '/api/v1/customers', { kind: 'individual', name: `散户${String(i).padStart(2, '0')}` });
  await api(head, 'POST', `/api/v1/customers/${c.bank.id}/list-status`, { list_status: 'black', reason: '长期拖欠' }, { 'If-Match': `"${c.bank.version}"` });
});

const listReady = (page) => page.getByTestId('address-list').and(page.locator('[data-state="ready"]')).waitFor();
const names = async (page) => (await page.getByTestId('address-name').allInnerTexts()).map((s) => s.trim());
const entry = (page, customerId, contactId = '') =>
  page.locator(`[data-testid="address-item"][data-customer="${customerId}"][data-contact="${contactId}"]`);

/** Searches for `q` and waits for the server's answer and the list. */
async function search(page, q) {
  await page.getByTestId('address-q').fill(q);
  const [response] = await Promise.all([
    page.waitForResponse((r) => isApi(r, 'GET', '/api/v1/address-book')),
    page.getByTestId('address-q').press('Enter'),
  ]);
  assert.equal(response.status(), 200);
  await listReady(page);
  return (await response.json()).items;
}

describe('the address book of a manager, desktop', () => {
  const session = signedInBrowser(() => srv.url, HEAD);
  let page;
  before(() => { page = session.page; });

  it('opens from the menu and loads 20 customers at a time with load more', async () => {
    const [response] = await Promise.all([
      page.waitForResponse((r) => isApi(r, 'GET', '/api/v1/address-book')),
      page.getByTestId('menu-address-book').click(),
    ]);
    assert.equal(response.status(), 200);
    await listReady(page);
    assert.equal((await page.getByTestId('page-title').innerText()).trim(), '通讯录');
    assert.equal(new URL(response.url()).searchParams.get('limit'), '20');
    const first = (await response.json()).items;
    assert.equal(new Set(first.map((e) => e.customer.id)).size, 20);
    assert.equal(await page.getByTestId('address-item').count(), first.length);
    const [more] = await Promise.all([
      page.waitForResponse((r) => isApi(r, 'GET', '/api/v1/address-book') && new URL(r.url()).searchParams.has('cursor')),
      page.getByTestId('address-more').click(),
    ]);
    assert.equal(more.status(), 200);
    await page.getByTestId('address-more').waitFor({ state: 'detached' });
    // 李娜, 王强, 赵敏, 张伟 and the twenty (the one who left is not listed).
    assert.equal(await page.getByTestId('address-item').count(), 24);
  });

  it('searches; shows title, department, the decision maker and the customer link', async () => {
    const items = await search(page, '华为');
    assert.deepEqual(items.map((e) => e.name).sort(), ['李娜', '王强'].sort());
    assert.deepEqual((await names(page)).sort(), ['李娜', '王强'].sort());
    const li = page.getByTestId('address-item').filter({ hasText: '李娜' });
    assert.equal((await li.getByTestId('address-role').innerText()).trim(), '采购经理');
    assert.equal((await li.getByTestId('address-decision-maker').innerText()).trim(), '决策人');
    assert.equal(await li.getByTestId('address-customer').getAttribute('href'), `/customers/${c.huawei.id}`);
    const wang = page.getByTestId('address-item').filter({ hasText: '王强' });
    assert.equal((await wang.getByTestId('address-role').innerText()).trim(), '财务部');
    assert.equal(await wang.getByTestId('address-decision-maker').count(), 0);

    await search(page, '中国银行');
    const zhao = page.getByTestId('address-item').filter({ hasText: '赵敏' });
    assert.equal((await zhao.getByTestId('address-black').innerText()).trim(), '黑名单');
    await search(page, '没有这个人');
    await page.getByText('没有符合条件的联系人').waitFor();
  });

  it('SEC-3: a masked phone → 查看 → the reveal dialog → tel: and mailto: links', async () => {
    await search(page, 'zhangwei');
    const zhang = entry(page, c.person.id);
    assert.equal(await zhang.getAttribute('data-masked'), 'true');
    assert.match(await zhang.getByTestId('address-mobile').innerText(), new RegExp(maskedMobile(PERSON.mobile).replace(/\*/g, '\\*')));
    assert.equal(await zhang.getByTestId('address-mobile').locator('a').count(), 0, 'no link while masked');
    await zhang.getByTestId('address-reveal').click();
    const dialog = page.getByTestId('reveal-dialog');
    await dialog.waitFor();
    assert.match(await dialog.innerText(), /查看完整信息：张伟/);
    await dialog.getByTestId('reason-input').fill('核对联系方式');
    const [reloaded, response] = await Promise.all([
      page.waitForResponse((r) => isApi(r, 'GET', '/api/v1/address-book')),
      clickFor(page, dialog.getByTestId('reason-submit'), 'POST', `/api/v1/customers/${c.person.id}/reveal`),
    ]);
    assert.equal(response.status(), 200, await response.text());
    assert.deepEqual(response.request().postDataJSON(), { reason: '核对联系方式' });
    assert.equal(reloaded.status(), 200);
    await expectMessage(page, '已显示完整信息');
    const mobile = entry(page, c.person.id).locator('[data-testid="address-mobile"] a');
    await mobile.waitFor();
    assert.equal(await mobile.getAttribute('href'), `tel:${PERSON.mobile}`);
    assert.equal((await mobile.innerText()).trim(), PERSON.mobile);
    assert.equal(await entry(page, c.person.id).locator('[data-testid="address-email"] a').getAttribute('href'), `mailto:${PERSON.email}`);
    assert.equal(await entry(page, c.person.id).getByTestId('address-reveal').count(), 0);
  });
});

describe('the address book of a salesperson at 390×844', () => {
  const session = signedInBrowser(() => srv.url, SALES, { viewport: PHONE, mobile: true });
  let page;
  before(() => { page = session.page; });

  it('masked values without 查看, cards without horizontal scrolling', async () => {
    await page.goto(srv.url + '/address-book');
    await listReady(page);
    await search(page, '华为');
    const li = page.getByTestId('address-item').filter({ hasText: '李娜' });
    assert.equal((await li.getByTestId('address-mobile').innerText()).replace(/\s+/g, ' ').trim(), `手机 ${maskedMobile('13912345678')}`);
    assert.equal(await page.getByTestId('address-reveal').count(), 0, 'a salesperson may not reveal');
    assert.ok((await documentScrollWidth(page)) <= PHONE.width);
    const box = await li.boundingBox();
    assert.ok(box.x >= 0 && box.x + box.width <= PHONE.width, JSON.stringify(box));
    await page.getByTestId('address-q').fill('');
    await page.getByTestId('address-q').press('Enter');
    await listReady(page);
    assert.ok((await documentScrollWidth(page)) <= PHONE.width);
    await screenshot(page, 'address-book-phone');
  });
});

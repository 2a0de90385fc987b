// Browser tests of 我的提醒 (CUS-16): the bell in the header, the /reminders page and the
// 添加提醒 action of a customer's page, against the real server serving web/dist.
// Run: node --test tests/e2e/reminders.test.mjs
//
// One server for the file; the describes run in order and build on each other. The system
// administrator only creates the unit and 王销售 (salesperson) through the API; 王销售 makes
// through the API a company, an individual whose birthday (switch on) is in 2 days in
// Shanghai, an overdue reminder and a daily one. On a PC the bell counts exactly the
// server's due list and shows the birthday with a link to the customer; a reminder about the
// company is added (remote customer search, the time typed on the Shanghai clock, the POST
// checked) and the bell counts it; the title is required before anything is sent; done on
// the daily one moves it to its next time; a one-off one is done, reopened and removed after
// confirming; a stale edit shows the server's message and reloads; the customer page's
// 添加提醒 presets the customer; a list longer than a page loads the rest by 加载更多. Last, the
// page, the bell and the dialog at 390×844.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  PHONE, api, clickFor, documentScrollWidth, exact, expectMessage, fillPicker, isApi, itemError, openPopper, pickOption, screenshot,
  serverWithUsers, signedInBrowser, waitForPath,
} from './browser.mjs';

const SALES = { username: 'wang.xiao', display: '王销售', password: 'Wangxiao-Passw0rd!', roles: ['salesperson'], unit: '销售部' };
const HOUR = 3600e3;
const DAY = 24 * HOUR;

/** A Shanghai calendar day `offset` days from today as YYYY-MM-DD. */
const day = (offset = 0) => new Date(Date.now() + 8 * HOUR + offset * DAY).toISOString().slice(0, 10);
/** Epoch ms of a Shanghai wall-clock time "YYYY-MM-DD HH:mm". */
const shanghaiMs = (text) => Date.parse(`${text.replace(' ', 'T')}:00+08:00`);
/** "YYYY-MM-DD HH:mm" in Shanghai of epoch ms. */
const shanghaiText = (ms) => new Date(ms + 8 * HOUR).toISOString().slice(0, 16).replace('T', ' ');

let srv;
let sales;
let company;
let person;
const seeded = {};

serverWithUsers([SALES], async (ctx) => {
  srv = ctx.srv;
  sales = ctx.sessions[SALES.username];
  company = await api(sales, 'POST', '/api/v1/customers', { kind: 'organization', name: '深圳市华南精密制造有限公司' });
  person = await api(sales, 'POST', '/api/v1/customers', {
    kind: 'individual', name: '欧阳娜娜', birthday: `1985-${day(2).slice(5)}`, birthday_reminder: true,
  });
  seeded.overdue = await api(sales, 'POST', '/api/v1/reminders', { title: '寄送合同', remind_at: Date.now() - 2 * HOUR });
  seeded.daily = await api(sales, 'POST', '/api/v1/reminders', { title: '每日晨会', remind_at: Date.now() + 3 * HOUR, repeat: 'daily' });
});

// ---------------------------------------------------------------- helpers

const dueNow = () => api(sales, 'GET', '/api/v1/reminders/due?days=7');
const remindersNow = async (status = 'open') => (await api(sales, 'GET', `/api/v1/reminders?status=${status}`)).items;

/** Opens /reminders (the given tab already loaded) and waits for its list. */
async function openReminders(page) {
  const [response] = await Promise.all([
    page.waitForResponse((r) => isApi(r, 'GET', '/api/v1/reminders')),
    page.goto(srv.url + '/reminders'),
  ]);
  assert.equal(response.status(), 200);
  await page.getByTestId('reminder-list').and(page.locator('[data-state="ready"]')).waitFor();
}

const item = (page, id) => page.locator(`[data-testid="reminder-item"][data-id="${id}"]`);
const titlesShown = async (page) => (await page.getByTestId('reminder-title').allInnerTexts()).map((s) => s.trim());
/** The badge's number once it shows `count`. */
async function badgeShows(page, count) {
  await page.locator(`[data-testid="reminder-bell"][data-count="${count}"]`).waitFor();
  return (await page.getByTestId('reminder-badge').locator('sup').innerText()).trim();
}

/** Searches the dialog's customer select for `q` and picks the option starting with `name`. */
async function pickCustomer(page, q, name) {
  const select = page.getByTestId('reminder-field-customer_id');
  await select.click();
  const [response] = await Promise.all([
    page.waitForResponse((r) => isApi(r, 'GET', '/api/v1/customers')),
    page.keyboard.type(q),
  ]);
  assert.equal(response.status(), 200);
  await openPopper(page).locator('.el-select-dropdown__item').filter({ hasText: name }).first().click();
}

const dialogGone = (page) => page.getByTestId('reminder-dialog').waitFor({ state: 'hidden' });

// ---------------------------------------------------------------- tests

describe('a salesperson and its reminders, desktop', () => {
  const session = signedInBrowser(() => srv.url, SALES);
  let page;
  before(() => { page = session.page; });
  const ids = {};

  it('the bell counts the due list and shows the overdue reminder in red and the birthday with a link', async () => {
    const due = await dueNow();
    assert.equal(due.count, 3, JSON.stringify(due.items));
    assert.equal(await badgeShows(page, 3), '3');
    await page.getByTestId('reminder-bell').click();
    const panel = page.getByTestId('reminder-due');
    await panel.waitFor();
    assert.equal(await panel.getByTestId('due-item').count(), 3);
    const overdue = panel.locator('[data-overdue="true"]');
    assert.match(await overdue.innerText(), /寄送合同/);
    const color = await overdue.evaluate((el) => getComputedStyle(el).color);
    assert.equal(color, 'rgb(245, 108, 108)', 'overdue in red');
    const [, month, dayOfMonth] = day(2).split('-').map(Number);
    const birthday = panel.getByTestId('due-birthday');
    assert.equal((await birthday.innerText()).trim(), `🎂 欧阳娜娜 生日 ${month}月${dayOfMonth}日（2天后）`);
    await birthday.click();
    await waitForPath(page, `/customers/${person.id}`);
    await panel.waitFor({ state: 'hidden' });
  });

  it('adds a reminder about a customer (remote search, Shanghai time) and the bell counts it', async () => {
    await openReminders(page);
    assert.deepEqual(await titlesShown(page), ['寄送合同', '每日晨会']);
    assert.equal(await item(page, seeded.overdue.id).getAttribute('data-overdue'), 'true');
    await page.getByTestId('reminder-add').click();
    const dialog = page.getByTestId('reminder-dialog');
    await dialog.waitFor();
    assert.match(await dialog.locator('.el-dialog__title').innerText(), /新增提醒/);
    // The title comes first: nothing is sent without it.
    let posted = false;
    const watch = (r) => { if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/v1/reminders') posted = true; };
    page.on('request', watch);
    await page.getByTestId('reminder-save').click();
    assert.equal(await itemError(dialog, 'title'), '请输入提醒标题');
    page.off('request', watch);
    assert.equal(posted, false);

    const when = `${day(1)} 10:30`;
    await page.getByTestId('reminder-field-title').fill('回访报价');
    await fillPicker(dialog, 'remind_at', when);
    await pickOption(page, 'reminder-field-repeat', '每周');
    await pickCustomer(page, '华南', '深圳市华南精密制造有限公司');
    await page.getByTestId('reminder-field-note').fill('带上新报价单');
    const response = await clickFor(page, page.getByTestId('reminder-save'), 'POST', '/api/v1/reminders');
    assert.equal(response.status(), 201, await response.text());
    assert.deepEqual(response.request().postDataJSON(), {
      title: '回访报价', remind_at: shanghaiMs(when), repeat: 'weekly', customer_id: company.id, note: '带上新报价单',
    });
    ids.weekly = (await response.json()).id;
    await dialogGone(page);
    await expectMessage(page, '提醒已添加');
    const row = item(page, ids.weekly);
    await row.waitFor();
    assert.equal((await row.getByTestId('reminder-time').innerText()).trim(), when);
    assert.equal((await row.getByTestId('reminder-repeat').innerText()).trim(), '每周');
    assert.equal(await row.getByTestId('reminder-customer').getAttribute('href'), `/customers/${company.id}`);
    assert.equal((await dueNow()).count, 4);
    assert.equal(await badgeShows(page, 4), '4');
  });

  it('done on a repeating reminder moves it to its next time', async () => {
    const row = item(page, seeded.daily.id);
    const response = await clickFor(page, row.getByTestId('reminder-done'), 'PATCH', `/api/v1/reminders/${seeded.daily.id}`);
    assert.equal(response.status(), 200, await response.text());
    assert.deepEqual(response.request().postDataJSON(), { done: true });
    assert.equal(response.request().headers()['if-match'], `"${seeded.daily.version}"`);
    const after = await response.json();
    assert.equal(after.done, false);
    assert.equal(after.remind_at, seeded.daily.remind_at + DAY);
    await expectMessage(page, `已完成本次，下次提醒：${shanghaiText(after.remind_at)}`);
    await page.locator(`[data-testid="reminder-item"][data-id="${seeded.daily.id}"] [data-testid="reminder-time"]`)
      .filter({ hasText: exact(shanghaiText(after.remind_at)) }).waitFor();
  });

  it('a one-off reminder is done, listed as done, reopened and removed after confirming', async () => {
    const response = await clickFor(page, item(page, seeded.overdue.id).getByTestId('reminder-done'), 'PATCH', `/api/v1/reminders/${seeded.overdue.id}`);
    assert.equal(response.status(), 200, await response.text());
    await expectMessage(page, '已标记为完成');
    await item(page, seeded.overdue.id).waitFor({ state: 'detached' });
    await badgeShows(page, 3);

    const [list] = await Promise.all([
      page.waitForResponse((r) => isApi(r, 'GET', '/api/v1/reminders') && new URL(r.url()).searchParams.get('status') === 'done'),
      page.getByTestId('reminder-status-done').click(),
    ]);
    assert.equal(list.status(), 200);
    const done = item(page, seeded.overdue.id);
    await done.waitFor();
    assert.match(await done.getByTestId('reminder-done-at').innerText(), /^完成于 \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    const reopened = await clickFor(page, done.getByTestId('reminder-reopen'), 'PATCH', `/api/v1/reminders/${seeded.overdue.id}`);
    assert.equal(reopened.status(), 200, await reopened.text());
    assert.deepEqual(reopened.request().postDataJSON(), { done: false });
    await expectMessage(page, '提醒已重新打开');
    await done.waitFor({ state: 'detached' });

    await page.getByTestId('reminder-status-open').click();
    const row = item(page, seeded.overdue.id);
    await row.waitFor();
    await row.getByTestId('reminder-delete').click();
    const box = page.locator('.el-message-box');
    await box.waitFor();
    assert.match(await box.innerText(), /确定删除提醒“寄送合同”吗？/);
    const [removed] = await Promise.all([
      page.waitForResponse((r) => isApi(r, 'DELETE', `/api/v1/reminders/${seeded.overdue.id}`)),
      box.getByRole('button', { name: '删除' }).click(),
    ]);
    assert.equal(removed.status(), 204);
    assert.equal(removed.request().headers()['if-match'], '"3"');
    await expectMessage(page, '提醒已删除');
    await row.waitFor({ state: 'detached' });
    assert.ok(!(await remindersNow()).some((r) => r.id === seeded.overdue.id));
  });

  it('a stale edit shows the server\'s message, writes nothing and reloads the list', async () => {
    const before = (await remindersNow()).find((r) => r.id === ids.weekly);
    await item(page, ids.weekly).getByTestId('reminder-edit').click();
    const dialog = page.getByTestId('reminder-dialog');
    await dialog.waitFor();
    assert.equal(await page.getByTestId('reminder-field-title').inputValue(), '回访报价');
    await api(sales, 'PATCH', `/api/v1/reminders/${ids.weekly}`, { title: '回访报价（已改）' }, { 'If-Match': `"${before.version}"` });
    await page.getByTestId('reminder-field-title').fill('我的标题');
    const response = await clickFor(page, page.getByTestId('reminder-save'), 'PATCH', `/api/v1/reminders/${ids.weekly}`);
    assert.equal(response.status(), 409);
    assert.deepEqual(response.request().postDataJSON(), { title: '我的标题' });
    await dialogGone(page);
    await page.locator('.el-message').first().waitFor();
    await item(page, ids.weekly).getByTestId('reminder-title').filter({ hasText: exact('回访报价（已改）') }).waitFor();
    assert.equal((await remindersNow()).find((r) => r.id === ids.weekly).title, '回访报价（已改）');
  });

  it('the customer page adds a reminder with the customer preset', async () => {
    await page.goto(srv.url + `/customers/${company.id}`);
    await page.getByTestId('customer-add-reminder').click();
    const dialog = page.getByTestId('reminder-dialog');
    await dialog.waitFor();
    assert.match(await page.getByTestId('reminder-field-customer_id').innerText(), /深圳市华南精密制造有限公司/);
    await page.getByTestId('reminder-field-title').fill('续签提醒');
    const response = await clickFor(page, page.getByTestId('reminder-save'), 'POST', '/api/v1/reminders');
    assert.equal(response.status(), 201, await response.text());
    const body = response.request().postDataJSON();
    assert.equal(body.customer_id, company.id);
    assert.equal(body.title, '续签提醒');
    assert.equal(shanghaiText(body.remind_at), `${day(1)} 09:00`, 'tomorrow 09:00 in Shanghai by default');
    await dialogGone(page);
    await expectMessage(page, '提醒已添加');
    await badgeShows(page, (await dueNow()).count);
  });

  it('a long list comes 50 at a time, soonest first; 加载更多 brings the rest', async () => {
    const far = Date.now() + 60 * DAY;  // beyond the bell's week: the other tests' counts stay
    for (let i = 0; i < 50; i += 1) await api(sales, 'POST', '/api/v1/reminders', { title: `远期提醒${i}`, remind_at: far + i * HOUR });
    const all = (await api(sales, 'GET', '/api/v1/reminders?status=open&limit=200')).items;
    assert.ok(all.length > 50);
    await openReminders(page);
    assert.deepEqual(await titlesShown(page), all.slice(0, 50).map((r) => r.title));
    const response = await clickFor(page, page.getByTestId('reminder-more'), 'GET', '/api/v1/reminders');
    assert.ok(new URL(response.url()).searchParams.get('cursor'), 'the next page by the server\'s cursor');
    await page.locator(`[data-testid="reminder-item"][data-id="${all.at(-1).id}"]`).waitFor();
    assert.deepEqual(await titlesShown(page), all.map((r) => r.title));
    assert.equal(await page.getByTestId('reminder-more').count(), 0, 'nothing more to load');
  });
});

describe('reminders at 390×844', () => {
  const session = signedInBrowser(() => srv.url, SALES, { viewport: PHONE, mobile: true });
  let page;
  before(() => { page = session.page; });

  it('the page, the bell and the dialog fit without horizontal scrolling', async () => {
    await openReminders(page);
    assert.ok(await page.getByTestId('reminder-bell').isVisible());
    assert.ok((await documentScrollWidth(page)) <= PHONE.width);
    await screenshot(page, 'reminders-phone');
    await page.getByTestId('reminder-bell').click();
    const panel = page.getByTestId('reminder-due');
    await panel.waitFor();
    const box = await panel.boundingBox();
    assert.ok(box.x >= 0 && box.x + box.width <= PHONE.width, JSON.stringify(box));
    assert.ok((await documentScrollWidth(page)) <= PHONE.width);
    await page.keyboard.press('Escape');
    await page.locator('body').click({ position: { x: 5, y: 600 } });
    await panel.waitFor({ state: 'hidden' });
    await page.getByTestId('reminder-add').click();
    const dialog = page.getByTestId('reminder-dialog');
    await dialog.waitFor();
    assert.ok((await documentScrollWidth(page)) <= PHONE.width);
    await screenshot(page, 'reminders-phone-dialog');
  });
});

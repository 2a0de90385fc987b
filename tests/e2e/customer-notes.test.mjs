// Browser tests of a customer's 记事 tab (notes, significant contacts, major events and
// cooperation records, CUS-18 / CUS-20) and the birthday reminder switch of an individual
// customer (CUS-16), against the real server serving web/dist. Run: node --test tests/e2e/
//
// One server for the file; the describes run in order and build on each other. The
// system administrator only creates the units and users through the API: 王销售
// (salesperson in 销售部, owner of the customers, made through the API) adds a cooperation
// record with its end and amount and a note, sees them newest first, filters by category,
// edits one (only the changed member is sent), meets the server's check of the end date,
// loses a race to an API edit, removes one after confirming and finds the entries in the
// history. 赵客服 (customer service in 客服部) adds a 重要联络 but may not change the
// salesperson's entries. 王销售 switches on the birthday reminder of an individual customer.
// Last, the tab and its dialog at phone width.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN_PASSWORD, startServer } from '../lib/server.mjs';
import {
  PHONE, api, apiLogin, clickFor, fillPicker, documentScrollWidth, exact, expectMessage, historyRow, isApi, itemError, pickOption, screenshot,
  signedInBrowser,
} from './browser.mjs';

const SALES = { username: 'wang.xiao', display: '王销售', password: 'Wangxiao-Passw0rd!', roles: ['salesperson'], unit: '销售部' };
const SERVICE = { username: 'zhao.kefu', display: '赵客服', password: 'Zhaokefu-Passw0rd!', roles: ['customer_service'], unit: '客服部' };

const COMPANY = { kind: 'organization', name: '深圳市华南精密制造有限公司' };
const PERSON = { kind: 'individual', name: '欧阳娜娜', birthday: '1985-06-01' };

/** A day relative to today in Shanghai (the server's business day), as YYYY-MM-DD. */
const day = (offset = 0) => new Date(Date.now() + 8 * 3600e3 + offset * 86400e3).toISOString().slice(0, 10);

const COOPERATION = {
  title: '2026 年度框架协议', content: '年度采购框架，按季度结算。', occurred_on: day(-300), end_on: day(400), yuan: '12万', amount: 12_000_000,
};
const NOTE = { title: '电话回访', content: '客户对交货期满意。' };

let srv;
let stopping = false;
let sales; // API sessions
let service;
let company; // the customers as created
let person;

before(async () => {
  srv = await startServer();
  srv.proc.on('exit', (code, signal) => {
    if (!stopping) console.error(`guanxi exited early (code ${code}, signal ${signal}):\n${srv.logs.slice(-40).join('\n')}`);
  });
  const admin = await apiLogin(srv.url, 'admin', ADMIN_PASSWORD);
  const root = (await api(admin, 'GET', '/api/v1/org-units')).items.find((u) => u.parent_id === null);
  for (const u of [SALES, SERVICE]) {
    const unit = await api(admin, 'POST', '/api/v1/org-units', { name: u.unit, kind: 'department', parent_id: root.id });
    await api(admin, 'POST', '/api/v1/users', {
      username: u.username, display_name: u.display, password: u.password, roles: u.roles, unit_id: unit.id, must_change_password: false,
    });
  }
  sales = await apiLogin(srv.url, SALES.username, SALES.password);
  service = await apiLogin(srv.url, SERVICE.username, SERVICE.password);
  company = await api(sales, 'POST', '/api/v1/customers', COMPANY);
  person = await api(sales, 'POST', '/api/v1/customers', PERSON);
});
after(async () => {
  stopping = true;
  if (srv) await srv.stop();
});

// ---------------------------------------------------------------- helpers

const notesPath = (customerId = company.id) => `/api/v1/customers/${customerId}/notes`;
const notesNow = async () => (await api(sales, 'GET', notesPath())).items;
const noteTitled = async (title) => (await notesNow()).find((n) => n.title === title);

/** Opens the customer's 记事 tab and waits for its list. */
async function openNotes(page, customerId = company.id) {
  const [response] = await Promise.all([
    page.waitForResponse((r) => isApi(r, 'GET', notesPath(customerId))),
    page.goto(srv.url + `/customers/${customerId}?tab=notes`),
  ]);
  assert.equal(response.status(), 200);
  const list = page.getByTestId('customer-notes');
  await list.and(page.locator('[data-state="ready"]')).waitFor();
  return list;
}

const noteItem = (page, id) => page.locator(`[data-testid="note-item"][data-id="${id}"]`);
/** The titles on the timeline, top to bottom. */
const titlesShown = async (page) => (await page.getByTestId('note-title').allInnerTexts()).map((s) => s.trim());

/** Waits until the dialog of a finished save has gone. */
const dialogGone = (page) => page.getByTestId('note-dialog').waitFor({ state: 'hidden' });

// ---------------------------------------------------------------- tests

describe('a salesperson keeps the customer\'s timeline, desktop', () => {
  const session = signedInBrowser(() => srv.url, SALES);
  let page;
  before(() => { page = session.page; });
  const ids = {};

  it('CUS-18: adds a cooperation record with its end and amount', async () => {
    const list = await openNotes(page);
    assert.match(await list.innerText(), /暂无记事/);
    assert.equal((await page.getByTestId('customer-tabs').locator('#tab-notes').innerText()).trim(), '记事');
    await page.getByTestId('note-add').click();
    const dialog = page.getByTestId('note-dialog');
    await dialog.waitFor();
    assert.match(await dialog.locator('.el-dialog__title').innerText(), /新增记事/);
    assert.equal(await page.getByTestId('note-field-end_on').count(), 0, 'a plain note has no end');
    await pickOption(page, 'note-field-category', '合作记录');
    await page.getByTestId('note-field-title').fill(COOPERATION.title);
    await fillPicker(dialog, 'occurred_on', COOPERATION.occurred_on);
    await fillPicker(dialog, 'end_on', COOPERATION.end_on);
    await page.getByTestId('note-field-amount').fill(COOPERATION.yuan);
    await page.getByTestId('note-field-content').fill(COOPERATION.content);
    assert.match(await dialog.locator('.el-form-item[data-item="occurred_on"] label').innerText(), /开始日期/);

    const response = await clickFor(page, page.getByTestId('note-save'), 'POST', notesPath());
    assert.equal(response.status(), 201, await response.text());
    assert.deepEqual(response.request().postDataJSON(), {
      category: 'cooperation', title: COOPERATION.title, occurred_on: COOPERATION.occurred_on, end_on: COOPERATION.end_on,
      amount: COOPERATION.amount, content: COOPERATION.content,
    });
    const note = await response.json();
    ids.cooperation = note.id;
    assert.equal(note.author_name, SALES.display);
    assert.equal(note.unit_name, SALES.unit);
    await expectMessage(page, '已新增记事');
    await dialogGone(page);

    const item = noteItem(page, note.id);
    await item.waitFor();
    assert.equal(await item.getAttribute('data-category'), 'cooperation');
    assert.equal((await item.getByTestId('note-category').innerText()).trim(), '合作记录');
    assert.equal((await item.getByTestId('note-title').innerText()).trim(), COOPERATION.title);
    assert.equal((await item.getByTestId('note-date').innerText()).trim(), `${COOPERATION.occurred_on} 至 ${COOPERATION.end_on}`);
    assert.match(await item.getByTestId('note-amount').innerText(), /120,000\.00 元/);
    assert.equal((await item.getByTestId('note-content').innerText()).trim(), COOPERATION.content);
    assert.equal((await item.getByTestId('note-author').innerText()).trim(), SALES.display);
    assert.equal((await item.getByTestId('note-unit').innerText()).trim(), SALES.unit);
  });

  it('CUS-18: adds a note of today; the timeline shows the newest first', async () => {
    await page.getByTestId('note-add').click();
    const dialog = page.getByTestId('note-dialog');
    await dialog.waitFor();
    assert.equal(await dialog.locator('.el-form-item[data-item="occurred_on"] input').inputValue(), day(), 'today by default');
    assert.equal(await page.getByTestId('note-field-amount').count(), 0, 'no amount for a plain note');
    await page.getByTestId('note-field-title').fill(NOTE.title);
    await page.getByTestId('note-field-content').fill(NOTE.content);
    const response = await clickFor(page, page.getByTestId('note-save'), 'POST', notesPath());
    assert.equal(response.status(), 201, await response.text());
    assert.deepEqual(response.request().postDataJSON(), { category: 'note', title: NOTE.title, occurred_on: day(), content: NOTE.content });
    ids.note = (await response.json()).id;
    await expectMessage(page, '已新增记事');
    await noteItem(page, ids.note).waitFor();
    assert.deepEqual(await titlesShown(page), [NOTE.title, COOPERATION.title], 'newest first');
    assert.deepEqual((await notesNow()).map((n) => n.title), [COOPERATION.title, NOTE.title], 'the server lists them oldest first');
    await screenshot(page, 'notes-timeline');
  });

  it('CUS-18: filters the timeline by category', async () => {
    const filter = page.getByTestId('note-filter');
    assert.match(await filter.getByTestId('note-filter-cooperation').innerText(), /合作记录\s*1/);
    await filter.getByTestId('note-filter-cooperation').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="note-item"]').length === 1);
    assert.deepEqual(await titlesShown(page), [COOPERATION.title]);
    assert.equal(await filter.getByTestId('note-filter-cooperation').getAttribute('data-checked'), 'true');
    await filter.getByTestId('note-filter-event').click();
    await page.getByTestId('customer-notes').getByText('没有此类别的记事').waitFor();
    await filter.getByTestId('note-filter-all').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="note-item"]').length === 2);
    assert.deepEqual(await titlesShown(page), [NOTE.title, COOPERATION.title]);
  });

  it('CUS-18: an edit sends only the changed member with the note\'s version', async () => {
    const before = await noteTitled(NOTE.title);
    await noteItem(page, ids.note).getByTestId('note-edit').click();
    const dialog = page.getByTestId('note-dialog');
    await dialog.waitFor();
    assert.match(await dialog.locator('.el-dialog__title').innerText(), /编辑记事：电话回访/);
    assert.equal(await page.getByTestId('note-field-title').inputValue(), NOTE.title);
    await page.getByTestId('note-field-content').fill('客户对交货期满意，希望下季度加量。');

    const [request] = await Promise.all([
      page.waitForRequest((r) => r.method() === 'PATCH' && new URL(r.url()).pathname === `${notesPath()}/${ids.note}`),
      page.getByTestId('note-save').click(),
    ]);
    assert.deepEqual(request.postDataJSON(), { content: '客户对交货期满意，希望下季度加量。' }, 'only the changed member');
    assert.equal(request.headers()['if-match'], `"${before.version}"`);
    assert.equal((await request.response()).status(), 200);
    await expectMessage(page, '已保存');
    await dialogGone(page);
    await page.waitForFunction((id) => document.querySelector(`[data-testid="note-item"][data-id="${id}"] [data-testid="note-content"]`)
      ?.textContent.trim() === '客户对交货期满意，希望下季度加量。', ids.note);
    const after = await noteTitled(NOTE.title);
    assert.equal(after.version, before.version + 1);
    assert.equal(after.occurred_on, before.occurred_on, 'the date was not touched');
  });

  it('CUS-18: an end before the start gets a Chinese message under the end date, and nothing changes', async () => {
    const before = await noteTitled(COOPERATION.title);
    await noteItem(page, ids.cooperation).getByTestId('note-edit').click();
    const dialog = page.getByTestId('note-dialog');
    await dialog.waitFor();
    assert.equal(await page.getByTestId('note-field-amount').inputValue(), '120000.00', 'the amount in 元');
    const early = day(-301);
    await fillPicker(dialog, 'end_on', early);
    const response = await clickFor(page, page.getByTestId('note-save'), 'PATCH', `${notesPath()}/${ids.cooperation}`);
    assert.equal(response.status(), 422);
    assert.deepEqual(response.request().postDataJSON(), { end_on: early });
    const problem = await response.json();
    const fieldError = problem.errors.find((e) => e.field === 'end_on');
    assert.equal(fieldError?.code, 'out_of_range', JSON.stringify(problem.errors));
    assert.equal(await itemError(dialog, 'end_on'), '结束日期不能早于开始日期');
    assert.ok(await dialog.isVisible(), 'the dialog stays open with what was typed');
    await screenshot(page, 'notes-end-error');
    await dialog.getByRole('button', { name: '取消' }).click();
    await dialogGone(page);
    assert.equal((await noteTitled(COOPERATION.title)).end_on, before.end_on);
  });

  it('CUS-10: a stale edit shows the server\'s version_conflict message, writes nothing and reloads', async () => {
    const before = await noteTitled(NOTE.title);
    await noteItem(page, ids.note).getByTestId('note-edit').click();
    const dialog = page.getByTestId('note-dialog');
    await dialog.waitFor();
    await api(sales, 'PATCH', `${notesPath()}/${ids.note}`, { title: '电话回访（已结案）' }, { 'If-Match': `"${before.version}"` });
    await page.getByTestId('note-field-content').fill('这次修改不会保存');
    const response = await clickFor(page, page.getByTestId('note-save'), 'PATCH', `${notesPath()}/${ids.note}`);
    assert.equal(response.status(), 409);
    const problem = await response.json();
    assert.equal(problem.code, 'version_conflict');
    await expectMessage(page, problem.detail);
    await dialogGone(page);
    await page.waitForFunction((id) => document.querySelector(`[data-testid="note-item"][data-id="${id}"] [data-testid="note-title"]`)
      ?.textContent.trim() === '电话回访（已结案）', ids.note);
    assert.notEqual((await noteTitled('电话回访（已结案）')).content, '这次修改不会保存');
  });

  it('CUS-18: removes an entry after confirming, with its version', async () => {
    const extra = await api(sales, 'POST', notesPath(), { category: 'event', title: '公司更名', occurred_on: day(-10) });
    await openNotes(page);
    const item = noteItem(page, extra.id);
    await item.waitFor();
    assert.equal((await item.getByTestId('note-category').innerText()).trim(), '重大事件');
    await item.getByTestId('note-delete').click();
    const box = page.locator('.el-message-box:visible');
    await box.waitFor();
    assert.match(await box.innerText(), /确定删除记事“公司更名”/);
    const response = await clickFor(page, box.locator('.el-button--primary'), 'DELETE', `${notesPath()}/${extra.id}`);
    assert.equal(response.status(), 204);
    assert.equal(response.request().headers()['if-match'], `"${extra.version}"`);
    await expectMessage(page, '已删除记事');
    await item.waitFor({ state: 'detached' });
    assert.ok(!(await notesNow()).some((n) => n.id === extra.id));
    ids.removed = extra.id;
  });

  it('CUS-10: the history tab names the note entries', async () => {
    await page.getByTestId('customer-tabs').locator('#tab-history').click();
    const added = page.locator(`[data-testid="history-item"][data-action="note_added"][data-field="notes.${ids.cooperation}"]`);
    await added.waitFor();
    // Issue 3: the action names the record; no 新增记事 记事.
    assert.equal((await added.getByTestId('history-action').innerText()).trim(), '新增记事');
    assert.equal(await added.getByTestId('history-field').count(), 0);
    assert.doesNotMatch(await added.innerText(), /新增记事\s+记事/);
    assert.equal((await added.getByTestId('history-new').innerText()).trim(), COOPERATION.title);

    const content = historyRow(page, `notes.${ids.note}.content`);
    await content.waitFor();
    assert.equal(await content.getAttribute('data-action'), 'note_updated');
    assert.equal((await content.getByTestId('history-action').innerText()).trim(), '修改记事');
    assert.equal((await content.getByTestId('history-field').innerText()).trim(), '“电话回访（已结案）” · 内容', 'named by its latest title');
    assert.equal((await content.getByTestId('history-old').innerText()).trim(), NOTE.content);

    const removed = page.locator(`[data-testid="history-item"][data-action="note_removed"][data-field="notes.${ids.removed}"]`);
    await removed.waitFor();
    assert.equal((await removed.getByTestId('history-action').innerText()).trim(), '删除记事');
    assert.equal(await removed.getByTestId('history-field').count(), 0);
    assert.equal((await removed.getByTestId('history-old').innerText()).trim(), '公司更名');
    await screenshot(page, 'notes-history');

    // A note's change leaves the customer's version as it is: the tab reads the history
    // again each time it is opened.
    await page.getByTestId('customer-tabs').locator('#tab-notes').click();
    const later = await api(sales, 'POST', notesPath(), { category: 'event', title: '新厂区投产' });
    const [response] = await Promise.all([
      page.waitForResponse((r) => isApi(r, 'GET', `/api/v1/customers/${company.id}/history`)),
      page.getByTestId('customer-tabs').locator('#tab-history').click(),
    ]);
    assert.equal(response.status(), 200);
    await page.locator(`[data-testid="history-item"][data-action="note_added"][data-field="notes.${later.id}"]`).waitFor();
    await api(sales, 'DELETE', `${notesPath()}/${later.id}`, undefined, { 'If-Match': `"${later.version}"` });
  });
});

describe('customer service records a significant contact', () => {
  const session = signedInBrowser(() => srv.url, SERVICE);
  let page;
  before(() => { page = session.page; });

  it('CUS-20: adds a 重要联络 with its unit, and may change only its own entry', async () => {
    await openNotes(page);
    const others = await notesNow();
    assert.ok(others.length >= 2);
    for (const n of others) {
      const item = noteItem(page, n.id);
      await item.waitFor();
      assert.equal(await item.getByTestId('note-edit').count(), 0, `no edit of ${n.title}`);
      assert.equal(await item.getByTestId('note-delete').count(), 0, `no removal of ${n.title}`);
    }

    await page.getByTestId('note-add').click();
    const dialog = page.getByTestId('note-dialog');
    await dialog.waitFor();
    await pickOption(page, 'note-field-category', '重要联络');
    await page.getByTestId('note-field-title').fill('投诉回访');
    await page.getByTestId('note-field-content').fill('客户反映送货延迟，已协调物流。');
    const response = await clickFor(page, page.getByTestId('note-save'), 'POST', notesPath());
    assert.equal(response.status(), 201, await response.text());
    assert.deepEqual(response.request().postDataJSON(), {
      category: 'contact', title: '投诉回访', occurred_on: day(), content: '客户反映送货延迟，已协调物流。',
    });
    const note = await response.json();
    await expectMessage(page, '已新增记事');
    const item = noteItem(page, note.id);
    await item.waitFor();
    assert.equal((await item.getByTestId('note-category').innerText()).trim(), '重要联络');
    assert.equal((await item.getByTestId('note-author').innerText()).trim(), SERVICE.display);
    assert.equal((await item.getByTestId('note-unit').innerText()).trim(), SERVICE.unit, 'which department made the contact');
    assert.equal((await titlesShown(page))[0], '投诉回访', 'newest first');
    assert.equal(await item.getByTestId('note-edit').count(), 1, 'its author may edit it');
    await page.getByTestId('note-filter-contact').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="note-item"]').length === 1);
    assert.deepEqual(await titlesShown(page), ['投诉回访']);
    // The server agrees: the salesperson's note is not customer service's to change.
    const owners = await noteTitled(COOPERATION.title);
    const res = await fetch(`${srv.url}${notesPath()}/${owners.id}`, {
      method: 'PATCH',
      headers: { Cookie: service.cookie, 'X-CSRF-Token': service.csrf, 'Content-Type': 'application/json', 'If-Match': `"${owners.version}"` },
      body: JSON.stringify({ title: '改' }),
    });
    assert.equal(res.status, 403);
  });
});

describe('the birthday reminder of an individual customer (CUS-16)', () => {
  const session = signedInBrowser(() => srv.url, SALES);
  let page;
  before(() => { page = session.page; });

  it('is switched on in the form next to the birthday, saved alone and shown on the page', async () => {
    await page.goto(srv.url + `/customers/${person.id}/edit`);
    const item = page.locator('.el-form-item[data-item="birthday_reminder"]');
    await item.waitFor();
    assert.match(await item.innerText(), /生日提醒/);
    const birthday = page.locator('.el-form-item[data-item="birthday"]');
    const [b, r] = [await birthday.boundingBox(), await item.boundingBox()];
    assert.ok(Math.abs(b.y - r.y) < 4, 'on the birthday\'s row');
    const toggle = page.getByTestId('field-birthday_reminder');
    assert.equal(await toggle.locator('[role="switch"]').getAttribute('aria-checked'), 'false', 'off by default');
    await toggle.click();
    const [response] = await Promise.all([
      page.waitForResponse((res) => isApi(res, 'PATCH', `/api/v1/customers/${person.id}`)),
      page.getByTestId('customer-save').click(),
    ]);
    assert.equal(response.status(), 200, await response.text());
    assert.deepEqual(response.request().postDataJSON(), { birthday_reminder: true });
    assert.equal((await api(sales, 'GET', `/api/v1/customers/${person.id}`)).birthday_reminder, true);

    await page.goto(srv.url + `/customers/${person.id}`);
    const value = page.getByTestId('customer-profile').locator('[data-field="birthday_reminder"]');
    await value.waitFor();
    assert.equal((await value.innerText()).trim(), '是');
  });

  it('is not offered for an organization', async () => {
    await page.goto(srv.url + `/customers/${company.id}/edit`);
    await page.getByTestId('field-name').waitFor();
    assert.equal(await page.locator('.el-form-item[data-item="birthday_reminder"]').count(), 0);
    await page.goto(srv.url + `/customers/${company.id}`);
    await page.getByTestId('customer-profile').waitFor();
    assert.equal(await page.getByTestId('customer-profile').locator('[data-field="birthday_reminder"]').count(), 0);
  });
});

describe('the 记事 tab at 390×844', () => {
  const session = signedInBrowser(() => srv.url, SALES, { viewport: PHONE, mobile: true });
  let page;
  before(() => { page = session.page; });

  it('shows the timeline, the filter and a full-screen dialog without horizontal scrolling', async () => {
    await openNotes(page);
    await page.getByTestId('note-item').first().waitFor();
    assert.ok((await page.getByTestId('note-item').count()) >= 3);
    assert.ok((await documentScrollWidth(page)) <= PHONE.width, 'no horizontal scrolling of the tab');
    await screenshot(page, 'notes-phone');

    await page.getByTestId('note-add').click();
    const dialog = page.getByTestId('note-dialog');
    await dialog.waitFor();
    await pickOption(page, 'note-field-category', '合作记录');
    await page.getByTestId('note-field-amount').waitFor();
    const box = await dialog.boundingBox();
    assert.ok(box.width >= PHONE.width - 1, `full width (${box.width})`);
    assert.ok((await documentScrollWidth(page)) <= PHONE.width, 'no horizontal scrolling with the dialog');
    await screenshot(page, 'notes-phone-dialog');
    await dialog.getByRole('button', { name: exact('取消') }).click();
    await dialogGone(page);
  });
});

// Browser tests of 日常记事 (CUS-15) on /daily-notes, against the real server serving
// web/dist. Run: node --test tests/e2e/daily-notes.test.mjs
//
// One server for the file; the describes run in order. The system administrator only
// creates 王销售 (salesperson) through the API, who makes 52 notes through the API (two in
// January 2026, fifty on 2025-03-01). On a PC 王销售 sees them grouped by day, newest day
// first, 50 at a time with "load more"; adds one (today in Shanghai by default; the content
// is required before anything is sent); searches by text and by a range of days; edits one
// (the PATCH carries only the content and If-Match); a stale edit shows the server's message
// and reloads; removes one after confirming. Last, the page and its dialog at 390×844.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  PHONE, api, clickFor, documentScrollWidth, exact, expectMessage, isApi, itemError, screenshot, serverWithUsers, signedInBrowser,
} from './browser.mjs';

const SALES = { username: 'wang.xiao', display: '王销售', password: 'Wangxiao-Passw0rd!', roles: ['salesperson'] };
/** A Shanghai calendar day `offset` days from today as YYYY-MM-DD. */
const day = (offset = 0) => new Date(Date.now() + 8 * 3600e3 + offset * 86400e3).toISOString().slice(0, 10);

let srv;
let sales;
const seeded = {};

serverWithUsers([SALES], async (ctx) => {
  srv = ctx.srv;
  sales = ctx.sessions[SALES.username];
  for (let i = 0; i < 50; i++) await api(sales, 'POST', '/api/v1/daily-notes', { note_date: '2025-03-01', content: `旧记事 ${i}` });
  seeded.east = await api(sales, 'POST', '/api/v1/daily-notes', { note_date: '2026-01-02', content: '年初计划：重点跟进华东区' });
  seeded.demo = await api(sales, 'POST', '/api/v1/daily-notes', { note_date: '2026-01-03', content: 'Call ACME about the CRM demo' });
});

const listReady = (page) => page.getByTestId('daily-note-list').and(page.locator('[data-state="ready"]')).waitFor();
const item = (page, id) => page.locator(`[data-testid="daily-note-item"][data-id="${id}"]`);
const daysShown = (page) => page.getByTestId('daily-note-day').evaluateAll((els) => els.map((e) => e.dataset.date));
const notesNow = async () => (await api(sales, 'GET', '/api/v1/daily-notes?limit=200')).items;
const dialogGone = (page) => page.getByTestId('daily-note-dialog').waitFor({ state: 'hidden' });

/** Types a day into a filter's date picker and waits for the list it asks for. */
async function filterDate(page, testid, ymd) {
  const input = page.getByTestId(testid).locator('input');
  await input.click();
  await input.fill(ymd);
  const [response] = await Promise.all([
    page.waitForResponse((r) => isApi(r, 'GET', '/api/v1/daily-notes')),
    input.press('Enter'),
  ]);
  await page.locator('.el-picker__popper:visible').first().waitFor({ state: 'hidden' }).catch(() => {});
  return response;
}

describe('a salesperson keeps its daily notes, desktop', () => {
  const session = signedInBrowser(() => srv.url, SALES);
  let page;
  before(() => { page = session.page; });
  const ids = {};

  it('lists the notes by day, newest first, 50 at a time with load more', async () => {
    const [response] = await Promise.all([
      page.waitForResponse((r) => isApi(r, 'GET', '/api/v1/daily-notes')),
      page.getByTestId('menu-daily-notes').click(),
    ]);
    assert.equal(response.status(), 200);
    assert.equal(new URL(response.url()).searchParams.get('limit'), '50');
    await listReady(page);
    assert.equal((await page.getByTestId('page-title').innerText()).trim(), '日常记事');
    assert.deepEqual(await daysShown(page), ['2026-01-03', '2026-01-02', '2025-03-01']);
    assert.equal(await page.getByTestId('daily-note-item').count(), 50);
    const [more] = await Promise.all([
      page.waitForResponse((r) => isApi(r, 'GET', '/api/v1/daily-notes') && new URL(r.url()).searchParams.has('cursor')),
      page.getByTestId('daily-note-more').click(),
    ]);
    assert.equal(more.status(), 200);
    await page.getByTestId('daily-note-more').waitFor({ state: 'detached' });
    assert.equal(await page.getByTestId('daily-note-item').count(), 52);
    assert.deepEqual(await daysShown(page), ['2026-01-03', '2026-01-02', '2025-03-01'], 'the next page joins its day');
  });

  it('adds a note, today by default; the content is required first', async () => {
    await page.getByTestId('daily-note-add').click();
    const dialog = page.getByTestId('daily-note-dialog');
    await dialog.waitFor();
    assert.equal(await dialog.locator('.el-form-item[data-item="note_date"] input').inputValue(), day(0));
    let posted = false;
    const watch = (r) => { if (r.method() === 'POST') posted = true; };
    page.on('request', watch);
    await page.getByTestId('daily-note-save').click();
    assert.equal(await itemError(dialog, 'content'), '请输入记事内容');
    page.off('request', watch);
    assert.equal(posted, false);
    await page.getByTestId('daily-note-field-content').fill('拜访了三家客户');
    const response = await clickFor(page, page.getByTestId('daily-note-save'), 'POST', '/api/v1/daily-notes');
    assert.equal(response.status(), 201, await response.text());
    assert.deepEqual(response.request().postDataJSON(), { note_date: day(0), content: '拜访了三家客户' });
    ids.today = (await response.json()).id;
    await dialogGone(page);
    await expectMessage(page, '记事已添加');
    await item(page, ids.today).waitFor();
    assert.equal((await daysShown(page))[0], day(0));
  });

  it('searches by text and by a range of days', async () => {
    await page.getByTestId('daily-note-q').fill('华东');
    const [response] = await Promise.all([
      page.waitForResponse((r) => isApi(r, 'GET', '/api/v1/daily-notes')),
      page.getByTestId('daily-note-q').press('Enter'),
    ]);
    assert.equal(new URL(response.url()).searchParams.get('q'), '华东');
    await listReady(page);
    await page.locator('[data-testid="daily-note-item"]').first().waitFor();
    assert.deepEqual(await page.getByTestId('daily-note-item').evaluateAll((els) => els.map((e) => Number(e.dataset.id))), [seeded.east.id]);

    await page.getByTestId('daily-note-q').fill('');
    await filterDate(page, 'daily-note-from', '2026-01-01');
    const ranged = await filterDate(page, 'daily-note-to', '2026-01-31');
    const params = new URL(ranged.url()).searchParams;
    assert.equal(params.get('from'), '2026-01-01');
    assert.equal(params.get('to'), '2026-01-31');
    assert.equal(params.get('q'), null);
    await page.getByTestId('daily-note-item').nth(1).waitFor();
    assert.deepEqual(await daysShown(page), ['2026-01-03', '2026-01-02']);

    await filterDate(page, 'daily-note-from', '2030-01-01');
    await page.getByText('没有符合条件的记事').waitFor();
  });

  it('edits a note (only the content, with If-Match) and meets a stale edit', async () => {
    await page.goto(srv.url + '/daily-notes');
    await listReady(page);
    await item(page, seeded.east.id).getByTestId('daily-note-edit').click();
    const dialog = page.getByTestId('daily-note-dialog');
    await dialog.waitFor();
    assert.match(await dialog.locator('.el-dialog__title').innerText(), /编辑记事（2026-01-02）/);
    await page.getByTestId('daily-note-field-content').fill('年初计划：重点跟进华南区');
    const response = await clickFor(page, page.getByTestId('daily-note-save'), 'PATCH', `/api/v1/daily-notes/${seeded.east.id}`);
    assert.equal(response.status(), 200, await response.text());
    assert.deepEqual(response.request().postDataJSON(), { content: '年初计划：重点跟进华南区' });
    assert.equal(response.request().headers()['if-match'], '"1"');
    await dialogGone(page);
    await item(page, seeded.east.id).getByTestId('daily-note-content').filter({ hasText: exact('年初计划：重点跟进华南区') }).waitFor();

    await item(page, seeded.demo.id).getByTestId('daily-note-edit').click();
    await dialog.waitFor();
    await api(sales, 'PATCH', `/api/v1/daily-notes/${seeded.demo.id}`, { content: 'Call ACME (moved)' }, { 'If-Match': '"1"' });
    await page.getByTestId('daily-note-field-content').fill('mine');
    const stale = await clickFor(page, page.getByTestId('daily-note-save'), 'PATCH', `/api/v1/daily-notes/${seeded.demo.id}`);
    assert.equal(stale.status(), 409);
    await dialogGone(page);
    await item(page, seeded.demo.id).getByTestId('daily-note-content').filter({ hasText: exact('Call ACME (moved)') }).waitFor();
    assert.equal((await notesNow()).find((n) => n.id === seeded.demo.id).content, 'Call ACME (moved)');
  });

  it('removes a note after confirming', async () => {
    await item(page, ids.today).getByTestId('daily-note-delete').click();
    const box = page.locator('.el-message-box');
    await box.waitFor();
    assert.match(await box.innerText(), new RegExp(`确定删除 ${day(0)} 的这条记事吗？`));
    const [removed] = await Promise.all([
      page.waitForResponse((r) => isApi(r, 'DELETE', `/api/v1/daily-notes/${ids.today}`)),
      box.getByRole('button', { name: '删除' }).click(),
    ]);
    assert.equal(removed.status(), 204);
    assert.equal(removed.request().headers()['if-match'], '"1"');
    await expectMessage(page, '记事已删除');
    await item(page, ids.today).waitFor({ state: 'detached' });
    assert.ok(!(await notesNow()).some((n) => n.id === ids.today));
  });
});

describe('daily notes at 390×844', () => {
  const session = signedInBrowser(() => srv.url, SALES, { viewport: PHONE, mobile: true });
  let page;
  before(() => { page = session.page; });

  it('the page and the dialog fit without horizontal scrolling', async () => {
    await page.goto(srv.url + '/daily-notes');
    await listReady(page);
    await page.getByTestId('daily-note-item').first().waitFor();
    assert.ok((await documentScrollWidth(page)) <= PHONE.width);
    await screenshot(page, 'daily-notes-phone');
    await page.getByTestId('daily-note-add').click();
    await page.getByTestId('daily-note-dialog').waitFor();
    assert.ok((await documentScrollWidth(page)) <= PHONE.width);
  });
});

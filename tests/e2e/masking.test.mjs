// Browser tests of 系统管理 → 脱敏规则 (SEC-3, issue 4 point 4): how sensitive fields show to
// users who may not see them in full, set by the security administrator (role.manage),
// against the real server serving web/dist.
// Run: node --test tests/e2e/masking.test.mjs
//
// One server for the file; the describes run in order and build on each other. The built-in
// `admin` (system_admin + security_admin) opens the page from the menu (right after 客户规则):
// eight fields with their labels, each preview equal to the server's example; the preview
// follows the inputs while typing; mobile 0 / 2 / 6 is saved (the PATCH carries only that,
// with If-Match) and the server's example reads ******34; 王销售's (salesperson, made through
// the API) customer page then shows the customer's mobile masked that way. Out-of-range
// values get the page's Chinese message before anything is sent, and the server's own
// Chinese message when the request is changed on its way; a change through the API meanwhile
// turns the save into a version conflict (message, page read again); 恢复默认 sends one
// field's defaults, 全部恢复默认 `fields: null` after confirming. A pure system administrator
// (孙系统, made through the API) gets no menu entry and 无权访问. Last, 390×844 without
// horizontal scrolling.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN_PASSWORD } from '../lib/server.mjs';
import {
  PHONE, api, documentScrollWidth, expectMessage, isApi, itemError, loginThroughUi, openBrowser, screenshot,
  serverWithUsers, signedInBrowser, waitForPath,
} from './browser.mjs';

const ADMIN = { username: 'admin', password: ADMIN_PASSWORD };
const SALES = { username: 'wang.xiao', display: '王销售', password: 'Wangxiao-Passw0rd!', roles: ['salesperson'], unit: '销售部' };
const SYSADMIN = { username: 'sun.xitong', display: '孙系统', password: 'Sunxitong-Passw0rd!', roles: ['system_admin'] };
const MASKING = '/api/v1/settings/masking';
const FIELDS = ['id_number', 'phone', 'mobile', 'email', 'wechat', 'address', 'birthday', 'account_number'];
const LABELS = ['证件号码', '电话', '手机', '电子邮箱', '微信', '详细地址', '生日', '账号'];
const CUSTOMER = { kind: 'individual', name: '脱敏测试客户', mobile: '13912345678' };

let srv;
let admin;
let sales;
let sysadmin;
/** The patterns as the server first answered (the defaults). */
let initial;
let customer;

serverWithUsers([SALES, SYSADMIN], async (ctx) => {
  srv = ctx.srv;
  admin = ctx.admin;
  sales = ctx.sessions[SALES.username];
  sysadmin = ctx.sessions[SYSADMIN.username];
  initial = await api(admin, 'GET', MASKING);
  customer = await api(sales, 'POST', '/api/v1/customers', CUSTOMER);
});

const maskingNow = () => api(admin, 'GET', MASKING);
const text = async (locator) => (await locator.innerText()).trim();
const card = (page, field) => page.locator(`[data-testid="mask-field"][data-field="${field}"]`);
const input = (page, field, member) => card(page, field).locator(`.el-form-item[data-item="${member}"] input`);
const preview = (page, field) => card(page, field).getByTestId('mask-preview');
const example = (page, field) => card(page, field).getByTestId('mask-example');

/** Waits until the field's preview reads `want`. */
const previewIs = (page, field, want) => page.waitForFunction(
  ([f, w]) => document.querySelector(`[data-testid="mask-field"][data-field="${f}"] [data-testid="mask-preview"]`)?.textContent.trim() === w,
  [field, want],
);

/** Clicks the button and returns the PATCH it sends (response and parsed body). */
async function patchBy(page, button) {
  const [response] = await Promise.all([
    page.waitForResponse((r) => isApi(r, 'PATCH', MASKING)),
    button.click(),
  ]);
  return { response, body: JSON.parse(response.request().postData()) };
}

/** Counts the PATCH requests the page sends while `action` runs. */
async function patchesDuring(page, action) {
  let sent = 0;
  const count = (r) => { if (isApi(r, 'PATCH', MASKING)) sent++; };
  page.on('request', count);
  try {
    await action();
    await page.waitForTimeout(300);
  } finally {
    page.off('request', count);
  }
  return sent;
}

// ---------------------------------------------------------------- the security administrator

describe('脱敏规则: the security administrator on a PC (SEC-3)', () => {
  const session = signedInBrowser(() => srv.url, ADMIN);
  let page;
  before(() => { page = session.page; });

  it('opens 脱敏规则 from the admin menu after 客户规则: eight fields, each preview equal to the server\'s example', async () => {
    const entries = await page.getByTestId('menu-group-admin').locator('[data-testid^="menu-"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
    assert.equal(entries[entries.indexOf('menu-customer-rules') + 1], 'menu-masking');
    assert.equal(await text(page.getByTestId('menu-masking')), '脱敏规则');
    const [response] = await Promise.all([
      page.waitForResponse((r) => isApi(r, 'GET', MASKING)),
      page.getByTestId('menu-masking').click(),
    ]);
    assert.equal(response.status(), 200);
    await waitForPath(page, '/admin/masking');
    assert.equal(await text(page.getByTestId('page-title')), '脱敏规则');

    assert.deepEqual(Object.keys(initial.fields), FIELDS);
    assert.equal(initial.updated_at, null);
    const cards = page.getByTestId('mask-field');
    await cards.first().waitFor();
    assert.deepEqual(await cards.evaluateAll((els) => els.map((e) => e.getAttribute('data-field'))), FIELDS);
    assert.deepEqual((await page.getByTestId('mask-label').allInnerTexts()).map((s) => s.trim()), LABELS);
    for (const f of FIELDS) {
      const saved = initial.fields[f];
      assert.equal(await text(card(page, f).getByTestId('mask-sample')), saved.sample);
      assert.equal(await text(preview(page, f)), saved.example, `${f}: the page masks like the server`);
      assert.equal(await text(example(page, f)), saved.example);
      assert.equal(await input(page, f, 'keep_start').inputValue(), String(saved.keep_start));
      assert.equal(await input(page, f, 'stars').inputValue(), String(saved.stars));
      assert.equal(await text(card(page, f).getByTestId('mask-source')), '默认');
    }
    assert.equal(await text(example(page, 'mobile')), '138****1234');
    assert.equal(await text(example(page, 'address')), '北京市朝阳区****');
    // E-mail: keep_end does not apply, and says so.
    assert.ok(await input(page, 'email', 'keep_end').isDisabled());
    assert.ok(!(await input(page, 'mobile', 'keep_end').isDisabled()));
    assert.match(await text(card(page, 'email').getByTestId('mask-email-hint')), /域名/);
    assert.match(await text(page.getByTestId('mask-notes')), /0 表示每个隐藏的字一个星号/);
    assert.ok(await page.getByTestId('mask-save').isDisabled(), 'nothing to save yet');
    assert.ok(await page.getByTestId('mask-reset-all').isDisabled(), 'all default already');
    assert.equal(await text(page.getByTestId('mask-updated')), '尚未修改过，使用的都是默认规则。');
  });

  it('the preview follows the inputs while typing; the rule in force stays until saved', async () => {
    await input(page, 'mobile', 'keep_start').fill('0');
    await previewIs(page, 'mobile', '****1234');
    await input(page, 'mobile', 'keep_end').fill('2');
    await previewIs(page, 'mobile', '****34');
    await input(page, 'mobile', 'stars').fill('0');
    await previewIs(page, 'mobile', '*********34'); // one star per hidden character
    await input(page, 'mobile', 'stars').fill('6');
    await previewIs(page, 'mobile', '******34');
    assert.equal(await text(example(page, 'mobile')), '138****1234', 'not saved yet');
    assert.ok(await card(page, 'mobile').getByTestId('mask-unsaved').isVisible());
    assert.equal(await text(page.getByTestId('mask-page-unsaved')), '1 个字段有尚未保存的修改');
    assert.ok(!(await page.getByTestId('mask-save').isDisabled()));
  });

  it('saves mobile 0 / 2 / 6: only that is sent, with If-Match; the server\'s example is ******34', async () => {
    const { response, body } = await patchBy(page, page.getByTestId('mask-save'));
    assert.equal(response.status(), 200, await response.text());
    assert.deepEqual(body, { fields: { mobile: { keep_start: 0, keep_end: 2, stars: 6 } } });
    assert.equal(response.request().headers()['if-match'], `"${initial.version}"`);
    const saved = await response.json();
    assert.equal(saved.fields.mobile.example, '******34');
    await expectMessage(page, '已保存脱敏规则，立即生效');
    await example(page, 'mobile').filter({ hasText: '******34' }).waitFor();
    assert.equal(await text(preview(page, 'mobile')), '******34');
    assert.equal(await text(card(page, 'mobile').getByTestId('mask-source')), '已调整');
    assert.equal(await card(page, 'mobile').getByTestId('mask-unsaved').count(), 0);
    assert.ok(await page.getByTestId('mask-save').isDisabled());
    assert.ok(!(await page.getByTestId('mask-reset-all').isDisabled()));
    assert.match(await text(page.getByTestId('mask-updated')),
      new RegExp(`^最后修改：${saved.updated_by}，\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d（北京时间）$`));
    const now = await maskingNow();
    assert.deepEqual([now.fields.mobile.keep_start, now.fields.mobile.keep_end, now.fields.mobile.stars], [0, 2, 6]);
    assert.deepEqual(now.fields.phone, initial.fields.phone, 'the rest stays');
    await screenshot(page, 'masking');
  });

  it('a salesperson\'s customer page then shows the mobile masked that way', async () => {
    const stored = await api(sales, 'GET', `/api/v1/customers/${customer.id}`);
    assert.equal(stored.mobile, '******78');
    const other = await openBrowser();
    try {
      await loginThroughUi(other.page, srv.url, SALES.username, SALES.password);
      await other.page.goto(`${srv.url}/customers/${customer.id}`);
      const mobile = other.page.getByTestId('customer-profile').locator('[data-field="mobile"]');
      await mobile.waitFor();
      assert.equal(await text(mobile), '******78');
      assert.equal(await mobile.getAttribute('data-masked'), 'true');
      assert.deepEqual(other.pageErrors, []);
    } finally {
      await other.close();
    }
  });

  it('out-of-range values: the page\'s Chinese message under the input and nothing sent; then the server\'s own', async () => {
    const sent = await patchesDuring(page, async () => {
      await input(page, 'mobile', 'keep_start').fill('25');
      await input(page, 'mobile', 'stars').fill('2');
      await page.getByTestId('mask-save').click();
      assert.equal(await itemError(card(page, 'mobile'), 'keep_start'), '请输入 0～20');
      assert.equal(await itemError(card(page, 'mobile'), 'stars'), '请输入 0 或 3～20');
      await expectMessage(page, '请先修正标出的错误');
    });
    assert.equal(sent, 0, 'no PATCH');
    assert.equal(await text(preview(page, 'mobile')), '—', 'no preview of a pattern that cannot be saved');
    // Correcting an input takes its message away.
    await input(page, 'mobile', 'keep_start').fill('1');
    await card(page, 'mobile').locator('.el-form-item[data-item="keep_start"] .el-form-item__error').waitFor({ state: 'detached' });

    // The server checks too: the request is changed on its way (stars 2) to get its own 422.
    await input(page, 'mobile', 'stars').fill('5');
    await previewIs(page, 'mobile', '1*****34');
    await page.route(`**${MASKING}`, async (route) => {
      if (route.request().method() !== 'PATCH') return route.continue();
      const body = JSON.parse(route.request().postData());
      body.fields.mobile.stars = 2;
      return route.continue({ postData: JSON.stringify(body) });
    });
    try {
      const { response } = await patchBy(page, page.getByTestId('mask-save'));
      assert.equal(response.status(), 422);
      const problem = await response.json();
      assert.equal(problem.code, 'validation_failed');
      assert.deepEqual(problem.errors.map((e) => [e.field, e.code]), [['mobile.stars', 'out_of_range']]);
      assert.match(problem.errors[0].message, /[\u4e00-\u9fff]/, 'a Chinese message');
      assert.equal(await itemError(card(page, 'mobile'), 'stars'), problem.errors[0].message);
    } finally {
      await page.unroute(`**${MASKING}`);
    }
    const now = await maskingNow();
    assert.equal(now.fields.mobile.stars, 6, 'nothing changed');
  });

  it('a change through the API meanwhile: the save is a version conflict, the message shows and the page is read again', async () => {
    await input(page, 'email', 'keep_start').fill('2');
    await previewIs(page, 'email', 'zh***@example.com');
    const before = await maskingNow();
    await api(admin, 'PATCH', MASKING, { fields: { wechat: { stars: 6 } } }, { 'If-Match': `"${before.version}"` });
    const [reload] = await Promise.all([
      page.waitForResponse((r) => isApi(r, 'GET', MASKING)),
      (async () => {
        const { response } = await patchBy(page, page.getByTestId('mask-save'));
        assert.equal(response.status(), 409);
        assert.equal((await response.json()).code, 'version_conflict');
      })(),
    ]);
    assert.equal(reload.status(), 200);
    await expectMessage(page, '数据已被他人修改，已重新加载，请核对后再操作。');
    await example(page, 'wechat').filter({ hasText: 'n******' }).waitFor();
    assert.equal(await text(card(page, 'wechat').getByTestId('mask-source')), '已调整');
    assert.equal(await input(page, 'email', 'keep_start').inputValue(), '1', 'the edits are dropped');
    assert.equal(await input(page, 'mobile', 'stars').inputValue(), '6');
    assert.equal(await text(preview(page, 'mobile')), '******34');
    await card(page, 'mobile').locator('.el-form-item__error').first().waitFor({ state: 'detached' });
    assert.equal(await page.getByTestId('mask-page-unsaved').count(), 0);
  });

  it('恢复默认 of one field sends that field\'s defaults; unsaved edits of a default field go back without a request', async () => {
    const { response, body } = await patchBy(page, card(page, 'mobile').getByTestId('mask-reset'));
    assert.equal(response.status(), 200, await response.text());
    assert.deepEqual(body, { fields: { mobile: { keep_start: 3, keep_end: 4, stars: 4 } } });
    const { keep_start, keep_end, stars } = initial.defaults.mobile;
    assert.deepEqual({ keep_start, keep_end, stars }, { keep_start: 3, keep_end: 4, stars: 4 }, 'the built-in default');
    await expectMessage(page, '已将“手机”恢复为默认规则');
    await example(page, 'mobile').filter({ hasText: '138****1234' }).waitFor();
    assert.equal(await text(card(page, 'mobile').getByTestId('mask-source')), '默认');
    assert.equal(await text(card(page, 'wechat').getByTestId('mask-source')), '已调整', 'the other fields stay');
    assert.ok(await card(page, 'mobile').getByTestId('mask-reset').isDisabled());

    assert.ok(await card(page, 'phone').getByTestId('mask-reset').isDisabled());
    await input(page, 'phone', 'keep_start').fill('5');
    await previewIs(page, 'phone', '010-1****5678');
    const sent = await patchesDuring(page, () => card(page, 'phone').getByTestId('mask-reset').click());
    assert.equal(sent, 0);
    assert.equal(await input(page, 'phone', 'keep_start').inputValue(), '3');
    assert.equal(await text(preview(page, 'phone')), '010****5678');
  });

  it('全部恢复默认 after confirming sends fields: null; every field is back to its default', async () => {
    const cancelled = await patchesDuring(page, async () => {
      await page.getByTestId('mask-reset-all').click();
      const box = page.locator('.el-message-box:visible');
      await box.waitFor();
      assert.match(await text(box.locator('.el-message-box__message')), /所有字段都将恢复为默认/);
      await box.locator('.el-button:not(.el-button--primary)').click();
      await box.waitFor({ state: 'hidden' });
    });
    assert.equal(cancelled, 0, 'cancelled: nothing sent');

    await page.getByTestId('mask-reset-all').click();
    const box = page.locator('.el-message-box:visible');
    await box.waitFor();
    const { response, body } = await patchBy(page, box.locator('.el-button--primary'));
    assert.equal(response.status(), 200, await response.text());
    assert.deepEqual(body, { fields: null });
    await expectMessage(page, '已全部恢复为默认规则');
    await example(page, 'wechat').filter({ hasText: 'n****' }).waitFor();
    for (const f of FIELDS) assert.equal(await text(card(page, f).getByTestId('mask-source')), '默认', f);
    assert.ok(await page.getByTestId('mask-reset-all').isDisabled());
    const now = await maskingNow();
    for (const f of FIELDS) {
      const { keep_start, keep_end, stars, example: shown } = now.fields[f];
      assert.deepEqual({ keep_start, keep_end, stars, example: shown }, {
        keep_start: now.defaults[f].keep_start, keep_end: now.defaults[f].keep_end, stars: now.defaults[f].stars,
        example: initial.fields[f].example,
      }, f);
    }
    assert.equal((await api(sales, 'GET', `/api/v1/customers/${customer.id}`)).mobile, '139****5678');
  });
});

// ---------------------------------------------------------------- a pure system administrator

describe('脱敏规则: a system administrator without role.manage has neither the menu entry nor the page (三员分立)', () => {
  const session = signedInBrowser(() => srv.url, SYSADMIN);

  it('no menu entry; the address shows 无权访问; the API refuses too', async () => {
    const { page } = session;
    await page.getByTestId('menu-customer-rules').waitFor(); // the admin menu is there
    assert.equal(await page.getByTestId('menu-masking').count(), 0);
    await page.goto(srv.url + '/admin/masking');
    const forbidden = page.getByTestId('forbidden');
    await forbidden.waitFor();
    assert.match(await forbidden.innerText(), /无权访问/);
    assert.equal(new URL(page.url()).pathname, '/admin/masking', 'the address stays');
    assert.equal(await page.getByTestId('mask-page').count(), 0);
    const res = await fetch(srv.url + MASKING, { headers: { Cookie: sysadmin.cookie } });
    assert.equal(res.status, 403);
  });
});

// ---------------------------------------------------------------- phone

describe('脱敏规则 at 390×844', () => {
  const session = signedInBrowser(() => srv.url, ADMIN, { viewport: PHONE, mobile: true });

  it('opens from the drawer; the cards, their inputs and the buttons fit without horizontal scrolling', async () => {
    const { page } = session;
    await page.getByTestId('menu-toggle').click();
    const menu = page.locator('.el-drawer [data-testid="side-menu"]');
    await menu.waitFor({ state: 'visible' });
    await menu.getByTestId('menu-masking').click();
    await waitForPath(page, '/admin/masking');
    await card(page, 'account_number').waitFor();
    await page.waitForTimeout(400); // drawer slide-out
    assert.ok(await documentScrollWidth(page) <= PHONE.width, `no horizontal scrolling (${await documentScrollWidth(page)})`);

    await input(page, 'id_number', 'keep_end').fill('2');
    await previewIs(page, 'id_number', '110105**********2X');
    await page.getByTestId('mask-save').waitFor();
    for (const member of ['keep_start', 'keep_end', 'stars']) {
      const box = await input(page, 'id_number', member).boundingBox();
      assert.ok(box && box.x >= 0 && box.x + box.width <= PHONE.width, `${member} inside the screen`);
    }
    for (const id of ['mask-save', 'mask-reset-all']) {
      const box = await page.getByTestId(id).boundingBox();
      assert.ok(box && box.x >= 0 && box.x + box.width <= PHONE.width, `${id} inside the screen`);
    }
    assert.ok(await documentScrollWidth(page) <= PHONE.width, `no horizontal scrolling (${await documentScrollWidth(page)})`);
    await screenshot(page, 'phone-masking');
  });
});

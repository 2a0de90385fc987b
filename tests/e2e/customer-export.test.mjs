// Browser tests of 导出客户 (issue 5 point 6) against the real server serving web/dist: the
// 导出 button and dialog of the customer list, the downloaded CSV and Excel files, the approval
// of a large export in 审批中心 and the download of the approved file from its drawer.
// Run: node --test tests/e2e/customer-export.test.mjs
//
// Two servers. The first (default row limit) has, made through the API, 王总 (group_management,
// may export and reveal), 李销售 (salesperson, no customer.export) and 沈审计 (auditor); 王总
// makes four customers through the API. 王总 on a PC searches and filters the list (客户等级 A),
// adds the phone column and exports CSV through the dialog: the request carries the list's q,
// grade and sort, the shown columns in order and no limit; the download (playwright's download
// event) is customers-<Shanghai date>.csv with a byte-order mark, CRLF lines, the Chinese
// header and exactly the list's rows, mobiles masked. Then Excel with 全部可见字段 and
// 导出完整敏感信息: an empty reason is stopped under the field (nothing sent), with a reason the
// file (zip, read with openpyxl) has the sheet 客户, every visible field and the full mobiles.
// The auditor finds both exports in the access log (API, the reason on the second) and on the
// 访问日志 page as 导出. 李销售 sees no 导出 button (and the API refuses him).
// The second server runs with GUANXI_EXPORT_APPROVAL_ROWS=1: 张部长 (department_head in 销售一部,
// manager_id = 王总) exports two customers of his: the dialog says an approval was submitted and
// opens it in 审批中心 (format and conditions shown, no download yet); 王总 approves it there (no
// download button for him); 张部长 downloads the file from the drawer (approval_id=…).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADMIN_PASSWORD, startServer } from '../lib/server.mjs';
import {
  api, apiLogin, clickFor, expectMessage, isApi, itemError, pickOption, screenshot, signedInBrowser, waitForPath,
} from './browser.mjs';

const PASSWORD = 'Daochu-Passw0rd-2026!';
const BOSS = { username: 'wang.zong', display: '王总', password: PASSWORD, roles: ['group_management'] };
const SALES = { username: 'li.xiao', display: '李销售', password: PASSWORD, roles: ['salesperson'] };
const AUDITOR = { username: 'shen.ji', display: '沈审计', password: PASSWORD, roles: ['auditor'] };
const HEAD = { username: 'zhang.buzhang', display: '张部长', password: PASSWORD, roles: ['department_head'] };

/** 王总's customers; the list is searched for 华 and filtered by grade A: the first two remain. */
const CUSTOMERS = [
  { kind: 'organization', name: '华为技术有限公司', grade: 'A', status: 'active', mobile: '13512341255' },
  { kind: 'organization', name: '华润置地有限公司', grade: 'A', status: 'potential', mobile: '13600001111' },
  { kind: 'organization', name: '华联超市有限公司', grade: 'B', status: 'active', mobile: '13700002222' },
  { kind: 'organization', name: '小米科技有限责任公司', grade: 'A', status: 'active', mobile: '13800003333' },
];
/** 张部长's customers (the approval server). */
const HEAD_CUSTOMERS = [
  { kind: 'organization', name: '星河科技有限公司', grade: 'B', mobile: '13900004444' },
  { kind: 'organization', name: '银河科技有限公司', grade: 'C', mobile: '13900005555' },
];
const REASON = '年度客户资料核对，需要完整手机号';
const EXPORT = '/api/v1/customers/export';

/** A server with users made by the admin (`manager`: the user name of the manager). */
async function serverWith(users, env = {}) {
  const srv = await startServer({ env });
  srv.proc.on('exit', (code, signal) => {
    if (!srv.stopping) console.error(`guanxi exited early (code ${code}, signal ${signal}):\n${srv.logs.slice(-40).join('\n')}`);
  });
  const admin = await apiLogin(srv.url, 'admin', ADMIN_PASSWORD);
  const root = (await api(admin, 'GET', '/api/v1/org-units')).items.find((u) => u.parent_id === null);
  const units = {};
  const sessions = {};
  const userIds = {};
  for (const u of users) {
    if (u.unit && !units[u.unit]) {
      units[u.unit] = (await api(admin, 'POST', '/api/v1/org-units', { name: u.unit, kind: 'department', parent_id: root.id })).id;
    }
    const made = await api(admin, 'POST', '/api/v1/users', {
      username: u.username, display_name: u.display, password: u.password, roles: u.roles,
      unit_id: u.unit ? units[u.unit] : root.id, must_change_password: false,
      ...(u.manager ? { manager_id: userIds[u.manager] } : {}),
    });
    userIds[u.username] = made.id;
    sessions[u.username] = await apiLogin(srv.url, u.username, u.password);
  }
  return { srv, sessions, userIds };
}

let first; // the default server: { srv, sessions, userIds }
let second; // GUANXI_EXPORT_APPROVAL_ROWS=1
const made = {}; // customers by name, as the server answered

before(async () => {
  first = await serverWith([BOSS, SALES, AUDITOR]);
  for (const c of CUSTOMERS) made[c.name] = await api(first.sessions[BOSS.username], 'POST', '/api/v1/customers', c);
  second = await serverWith([BOSS, { ...HEAD, unit: '销售一部', manager: BOSS.username }], { GUANXI_EXPORT_APPROVAL_ROWS: '1' });
  for (const c of HEAD_CUSTOMERS) made[c.name] = await api(second.sessions[HEAD.username], 'POST', '/api/v1/customers', c);
});
after(async () => {
  for (const s of [first, second]) {
    if (!s) continue;
    s.srv.stopping = true;
    await s.srv.stop();
  }
});

// ---------------------------------------------------------------- helpers

const text = async (locator) => (await locator.innerText()).trim();
/** Today on the Shanghai calendar as YYYYMMDD (the date in the export's file name). */
const shanghaiDay = () => new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10).replaceAll('-', '');
const masked = (mobile) => `${mobile.slice(0, 3)}****${mobile.slice(-4)}`;
const isExport = (r) => isApi(r, 'GET', EXPORT);

/** RFC 4180 records of a CSV text (CRLF line ends, quoted fields). */
function parseCsv(textIn) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < textIn.length; i++) {
    const ch = textIn[i];
    if (quoted) {
      if (ch === '"' && textIn[i + 1] === '"') { field += '"'; i++; } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(field); field = ''; }
    else if (ch === '\r' && textIn[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i++; }
    else field += ch;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  return rows;
}

/**
 * The sheets of an .xlsx file's bytes, read with openpyxl (which wants the file name to end in
 * .xlsx): { names, rows (of the first sheet, cells as text) }.
 */
function readXlsx(bytes) {
  const dir = mkdtempSync(join(tmpdir(), 'guanxi-export-'));
  const path = join(dir, 'export.xlsx');
  writeFileSync(path, bytes);
  const script = [
    'import json, sys, openpyxl',
    'wb = openpyxl.load_workbook(sys.argv[1])',
    'ws = wb.worksheets[0]',
    'rows = [["" if c is None else str(c) for c in r] for r in ws.iter_rows(values_only=True)]',
    'print(json.dumps({"names": wb.sheetnames, "rows": rows}, ensure_ascii=False))',
  ].join('\n');
  try {
    return JSON.parse(execFileSync('/usr/bin/python3', ['-c', script, path], { encoding: 'utf8' }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Clicks `button` and returns the download it starts with the export request's response. */
async function downloadBy(page, button) {
  const [download, response] = await Promise.all([page.waitForEvent('download'), page.waitForResponse(isExport), button.click()]);
  assert.equal(response.status(), 200, await response.text().catch(() => ''));
  const path = await download.path();
  return { download, response, bytes: readFileSync(path), params: new URL(response.url()).searchParams };
}

/** Opens the customer list and waits for its first answer. */
async function openList(page, url) {
  const [response] = await Promise.all([page.waitForResponse((r) => isApi(r, 'GET', '/api/v1/customers')), page.goto(url + '/customers')]);
  assert.equal(response.status(), 200);
  await page.getByTestId('customer-table').waitFor();
  return response;
}

const drawer = (page) => page.getByTestId('approval-detail');

/** Waits until the page's transitions (a dialog fading in) have ended: for screenshots. */
const settled = (page) => page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));

// ---------------------------------------------------------------- 王总 exports what the list shows

describe('导出: the list\'s conditions and columns, CSV and Excel, desktop', () => {
  const session = signedInBrowser(() => first.srv.url, BOSS);
  /** The ids of the list's rows after the search and the filter, in order. */
  let listed = [];

  it('王总 searches, filters by grade A and adds the phone column', async () => {
    const { page } = session;
    await openList(page, first.srv.url);
    assert.ok(await page.getByTestId('customer-export').isVisible(), '导出 is offered to customer.export');
    assert.equal(await text(page.getByTestId('customer-export')), '导出');

    await Promise.all([
      page.waitForResponse((r) => isApi(r, 'GET', '/api/v1/customers') && new URL(r.url()).searchParams.get('q') === '华'),
      page.getByTestId('customer-search').fill('华'),
    ]);
    await page.getByTestId('customer-filter-toggle').click();
    const [response] = await Promise.all([
      page.waitForResponse((r) => isApi(r, 'GET', '/api/v1/customers') && new URL(r.url()).searchParams.get('grade') === 'A'),
      pickOption(page, 'filter-grade', 'A'),
    ]);
    const body = await response.json();
    listed = body.items.map((c) => c.id);
    assert.deepEqual(body.items.map((c) => c.name).sort(), ['华为技术有限公司', '华润置地有限公司'].sort());
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="customer-table"] [data-testid="customer-row"]').length === n, listed.length);

    await page.getByTestId('customer-columns').click();
    await page.getByTestId('customer-columns-panel').locator('[data-column="phone"]').click();
    await page.locator('.customer-col-phone').first().waitFor();
    await page.getByTestId('customer-columns').click(); // closes the column chooser
    await page.getByTestId('customer-columns-panel').waitFor({ state: 'hidden' });
  });

  it('exports CSV: the list\'s q, filter, sort and shown columns; the file has exactly its rows, masked', async () => {
    const { page } = session;
    await page.getByTestId('customer-export').click();
    const dialog = page.getByTestId('customer-export-dialog');
    await dialog.waitFor();
    const keys = 'name,code,kind,status,grade,owner_name,region_name,mobile,phone,verification_status,updated_at';
    assert.equal(await dialog.getByTestId('customer-export-columns').getAttribute('data-keys'), keys);
    assert.equal(await text(dialog.getByTestId('customer-export-columns')),
      '客户名称、客户编号、个人/单位、客户状态、客户等级、负责人、所在地区、手机、电话、验证状态、最后修改');
    const conditions = await dialog.getByTestId('customer-export-condition').evaluateAll((els) => els.map((e) => [e.dataset.key, e.textContent.trim()]));
    assert.deepEqual(conditions, [['q', '华'], ['grade', 'A'], ['sort', '最近修改']]);
    assert.match(await text(dialog), /按列表当前的搜索、筛选和排序导出/);
    assert.match(await text(dialog), /每次导出都会记入访问日志/);
    assert.equal(await dialog.getByTestId('customer-export-reason').count(), 0, 'no reason until the switch is on');
    await settled(page);
    await screenshot(page, 'customer-export-dialog');

    await dialog.getByTestId('customer-export-format').locator('[data-value="csv"]').click();
    const { download, params, bytes, response } = await downloadBy(page, dialog.getByTestId('customer-export-submit'));
    assert.deepEqual(Object.fromEntries(params), { q: '华', grade: 'A', sort: 'updated_desc', format: 'csv', columns: keys });
    assert.equal(response.headers()['x-export-rows'], '2');
    assert.equal(download.suggestedFilename(), `customers-${shanghaiDay()}.csv`);
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 byte-order mark');
    const csv = bytes.subarray(3).toString('utf8');
    assert.ok(csv.endsWith('\r\n') && !/[^\r]\n/.test(csv), 'CRLF line ends');
    const [header, ...rows] = parseCsv(csv);
    assert.deepEqual(header, ['客户名称', '客户编号', '个人/单位', '客户状态', '客户等级', '负责人姓名', '地区名称', '手机', '电话', '验证状态', '最后修改']);
    const byId = Object.fromEntries(Object.values(made).map((c) => [c.id, c]));
    assert.deepEqual(rows.map((r) => r[1]), listed.map((id) => byId[id].code), 'the list\'s rows in its order');
    for (const row of rows) {
      const c = CUSTOMERS.find((x) => x.name === row[0]);
      assert.deepEqual(row.slice(2, 5), ['organization', c.status, 'A']);
      assert.equal(row[5], '王总');
      assert.equal(row[7], masked(c.mobile), 'masked as in the list');
      assert.match(row[10], /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    }
    await dialog.waitFor({ state: 'hidden' });
    await expectMessage(page, `已导出 2 个客户：customers-${shanghaiDay()}.csv`);
  });

  it('exports Excel with every visible field and full sensitive data: the reason is required', async () => {
    const { page } = session;
    await page.getByTestId('customer-export').click();
    const dialog = page.getByTestId('customer-export-dialog');
    await dialog.waitFor();
    await dialog.getByTestId('customer-export-format').locator('[data-value="xlsx"]').click();
    await dialog.getByTestId('customer-export-columns-mode').locator('[data-value="all"]').click();
    await dialog.getByTestId('customer-export-reveal').click();
    let sent = false;
    const watch = (r) => { if (new URL(r.url()).pathname === EXPORT) sent = true; };
    page.on('request', watch);
    await dialog.getByTestId('customer-export-submit').click();
    assert.equal(await itemError(dialog, 'reveal_reason'), '请填写导出完整敏感信息的理由');
    page.off('request', watch);
    assert.equal(sent, false, 'nothing sent without a reason');

    await dialog.getByTestId('customer-export-reason').fill(REASON);
    const { download, params, bytes } = await downloadBy(page, dialog.getByTestId('customer-export-submit'));
    assert.deepEqual(Object.fromEntries(params), { q: '华', grade: 'A', sort: 'updated_desc', format: 'xlsx', reveal_reason: REASON });
    assert.equal(download.suggestedFilename(), `customers-${shanghaiDay()}.xlsx`);
    assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK', 'a zip file');
    const book = readXlsx(bytes);
    assert.deepEqual(book.names, ['客户']);
    const [header, ...rows] = book.rows;
    for (const label of ['客户编号', '客户名称', '手机', '负责人姓名', '建档时间']) assert.ok(header.includes(label), `header has ${label}`);
    assert.ok(header.length > 20, 'every visible field');
    const name = header.indexOf('客户名称');
    const mobile = header.indexOf('手机');
    assert.deepEqual(rows.map((r) => r[name]).sort(), ['华为技术有限公司', '华润置地有限公司'].sort());
    for (const row of rows) assert.equal(row[mobile], CUSTOMERS.find((c) => c.name === row[name]).mobile, 'not masked');
    await dialog.waitFor({ state: 'hidden' });
  });

  it('the auditor finds both exports in the access log, the reason with the second', async () => {
    const auditor = first.sessions[AUDITOR.username];
    const log = await api(auditor, 'GET', `/api/v1/audit/access-log?user_id=${first.userIds[BOSS.username]}&limit=100`);
    const exports = log.items.filter((e) => e.action === 'export');
    assert.equal(exports.length, 2, JSON.stringify(log.items.map((e) => e.action)));
    const [xlsx, csv] = exports; // newest first
    assert.equal(xlsx.detail.format, 'xlsx');
    assert.equal(xlsx.reason, REASON);
    assert.equal(csv.detail.format, 'csv');
    assert.equal(csv.reason, null);
    for (const e of exports) {
      assert.deepEqual(e.customers.map((c) => c.code).sort(), [made['华为技术有限公司'].code, made['华润置地有限公司'].code].sort());
    }
  });
});

describe('导出 in the 访问日志 page', () => {
  const session = signedInBrowser(() => first.srv.url, AUDITOR);

  it('shows the exports as 导出', async () => {
    const { page } = session;
    await Promise.all([
      page.waitForResponse((r) => isApi(r, 'GET', '/api/v1/audit/access-log')),
      page.goto(first.srv.url + '/admin/access-log'),
    ]);
    const tags = page.locator('[data-testid="access-table"] [data-testid="access-action"][data-action="export"]');
    await tags.first().waitFor();
    assert.equal(await tags.count(), 2);
    assert.equal(await text(tags.first()), '导出');
  });
});

describe('导出 without customer.export', () => {
  const session = signedInBrowser(() => first.srv.url, SALES);

  it('李销售 sees the list without the 导出 button; the API refuses him', async () => {
    const { page } = session;
    await openList(page, first.srv.url);
    await page.getByTestId('customer-search').waitFor();
    assert.equal(await page.getByTestId('customer-export').count(), 0);
    const sales = first.sessions[SALES.username];
    const res = await fetch(`${first.srv.url}${EXPORT}?format=csv`, { headers: { Cookie: sales.cookie } });
    assert.equal(res.status, 403);
  });
});

// ---------------------------------------------------------------- a large export: approval first

describe('导出 above the row limit: approval in 审批中心, then the download from the drawer', () => {
  const head = signedInBrowser(() => second.srv.url, HEAD);
  const boss = signedInBrowser(() => second.srv.url, BOSS);
  let approvalId;

  it('张部长\'s export submits an approval request; the dialog says so and opens it in 审批中心', async () => {
    const { page } = head;
    await openList(page, second.srv.url);
    await Promise.all([
      page.waitForResponse((r) => isApi(r, 'GET', '/api/v1/customers') && new URL(r.url()).searchParams.get('q') === '科技'),
      page.getByTestId('customer-search').fill('科技'),
    ]);
    await page.getByTestId('customer-export').click();
    const dialog = page.getByTestId('customer-export-dialog');
    await dialog.waitFor();
    assert.equal(await dialog.getByTestId('customer-export-reveal').count(), 0, 'no switch without customer.sensitive.read');
    assert.match(await text(dialog), /敏感信息按脱敏规则导出/);
    await dialog.getByTestId('customer-export-format').locator('[data-value="csv"]').click();
    const response = await clickFor(page, dialog.getByTestId('customer-export-submit'), 'GET', EXPORT);
    assert.equal(response.status(), 202);
    assert.deepEqual(Object.fromEntries(new URL(response.url()).searchParams), {
      q: '科技', sort: 'updated_desc', format: 'csv', columns: 'name,code,kind,status,grade,owner_name,region_name,verification_status,updated_at',
    });
    // (Chromium does not hand playwright the body of this fetch: the request is read through the API.)
    await page.locator(`[data-testid="customer-export-dialog"][data-phase="approval"]`).waitFor();
    approvalId = Number(await dialog.getByTestId('customer-export-approval').getAttribute('data-approval-id'));
    const approval = await api(second.sessions[HEAD.username], 'GET', `/api/v1/approvals/${approvalId}`);
    assert.equal(approval.type, 'customer.export');
    assert.equal(approval.status, 'pending');
    assert.equal(approval.payload.format, 'csv');
    assert.equal(approval.steps[0].approver_name, '王总');
    const message = await text(dialog.getByTestId('customer-export-approval-message'));
    assert.match(message, /需要审批，已提交审批申请/);
    assert.ok(message.includes(approval.title), message);
    assert.match(approval.title, /超过 1 行/);
    await settled(page);
    await screenshot(page, 'customer-export-approval');

    await Promise.all([
      page.waitForResponse((r) => isApi(r, 'GET', `/api/v1/approvals/${approvalId}`)),
      dialog.getByTestId('customer-export-open-approval').click(),
    ]);
    await page.waitForURL((u) => u.pathname === '/approvals' && u.searchParams.get('box') === 'requested' && u.searchParams.get('id') === String(approvalId));
    await page.locator(`[data-testid="approval-detail"][data-id="${approvalId}"][data-status="pending"]`).waitFor();
    const d = drawer(page);
    assert.equal(await text(d.getByTestId('approval-detail-type')), '客户导出');
    assert.equal(await text(d.getByTestId('approval-export-format')), 'CSV（.csv）');
    assert.equal(await text(d.getByTestId('approval-export-columns')), '客户名称、客户编号、个人/单位、客户状态、客户等级、负责人、所在地区、验证状态、最后修改');
    const filters = await d.getByTestId('approval-export-filter').evaluateAll((els) => els.map((e) => [e.dataset.key, e.textContent.trim()]));
    assert.deepEqual(filters, [['q', '搜索科技'], ['sort', '排序最近修改']]);
    assert.equal(await text(d.getByTestId('approval-export-sensitive')), '按脱敏规则导出');
    assert.equal(await d.getByTestId('approval-export-download').count(), 0, 'nothing to download before the approval');
  });

  it('王总 approves it in 审批中心 (and gets no download button: not his export)', async () => {
    const { page } = boss;
    await Promise.all([
      page.waitForResponse((r) => isApi(r, 'GET', `/api/v1/approvals/${approvalId}`)),
      page.goto(`${second.srv.url}/approvals?id=${approvalId}`),
    ]);
    await page.locator(`[data-testid="approval-detail"][data-id="${approvalId}"][data-status="pending"]`).waitFor();
    assert.equal(await text(drawer(page).getByTestId('approval-detail-requester')), '张部长');
    assert.equal(await text(drawer(page).getByTestId('approval-export-format')), 'CSV（.csv）');
    await drawer(page).getByTestId('approval-approve').click();
    await page.getByTestId('approval-decision-dialog').waitFor();
    const response = await clickFor(page, page.getByTestId('approval-decision-submit'), 'POST', `/api/v1/approvals/${approvalId}/approve`);
    assert.equal(response.status(), 200, await response.text());
    await page.locator(`[data-testid="approval-detail"][data-status="approved"]`).waitFor();
    assert.equal(await drawer(page).getByTestId('approval-export-download').count(), 0);
  });

  it('张部长 downloads the approved export from the drawer', async () => {
    const { page } = head;
    await Promise.all([
      page.waitForResponse((r) => isApi(r, 'GET', `/api/v1/approvals/${approvalId}`)),
      page.goto(`${second.srv.url}/approvals?box=requested&id=${approvalId}`),
    ]);
    await waitForPath(page, '/approvals');
    await page.locator(`[data-testid="approval-detail"][data-id="${approvalId}"][data-status="approved"]`).waitFor();
    const button = drawer(page).getByTestId('approval-export-download');
    assert.equal(await text(button), '下载导出文件');
    const { download, params, bytes } = await downloadBy(page, button);
    assert.deepEqual(Object.fromEntries(params), { approval_id: String(approvalId) });
    assert.equal(download.suggestedFilename(), `customers-${shanghaiDay()}.csv`);
    const [header, ...rows] = parseCsv(bytes.subarray(3).toString('utf8'));
    assert.deepEqual(header.slice(0, 2), ['客户名称', '客户编号']);
    assert.deepEqual(rows.map((r) => r[0]).sort(), HEAD_CUSTOMERS.map((c) => c.name).sort());
    for (const row of rows) assert.equal(row[1], made[row[0]].code);
    await expectMessage(page, `已下载 2 个客户：customers-${shanghaiDay()}.csv`);
    await settled(page);
    await screenshot(page, 'customer-export-download');
  });
});

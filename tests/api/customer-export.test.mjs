// Customer export (issue 5 point 6; issue 4: exports in the access log,
// hidden columns left out): GET /api/v1/customers/export writes the
// customers the list finds, within the caller's customer.export scope, to
// CSV or XLSX; sensitive values masked as in the list unless a holder of
// customer.sensitive.read states a reason (SEC-3); columns hidden by field
// rules are never exported (ADR 0015); every exported customer is in the
// access log (SEC-7) and the export in the audit log; larger exports need an
// approval first (ADR 0016). Runs on SQLite and PostgreSQL.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../lib/server.mjs';
import { adminClient, assertProblem, createUnit, createUser, rootUnit } from './lib.mjs';
import { nextSeq, residentId } from './ids.mjs';

const EXPORT = '/api/v1/customers/export';
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
// The labels of the four custom fields below, in their display order (sort_order).
const CUSTOM_LABELS = ['服务热线', '会员等级', '销售渠道', '秘密计划'];
const LIMITED_RULES = { industry: 'hidden', region_code: 'hidden', 'custom.secret_plan': 'hidden' };

// ---------------------------------------------------------------- helpers

/** A query string whose values are percent-encoded exactly as sent (what the server stores as `query`). */
const qs = (params) => Object.entries(params).map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');

/**
 * GET /api/v1/customers/export?query as `client`, reading the body as bytes
 * (Response.text() would drop the BOM). Shaped like Client.request's answer
 * so assertProblem works on it.
 */
async function exportAs(client, query, { lang } = {}) {
  const headers = { Cookie: client.cookieHeader() };
  if (lang || client.lang) headers['Accept-Language'] = lang || client.lang;
  const res = await fetch(`${client.baseUrl}${EXPORT}?${query}`, { headers, redirect: 'manual' });
  const body = Buffer.from(await res.arrayBuffer());
  const text = body.toString('utf8');
  const type = res.headers.get('content-type') || '';
  return { status: res.status, headers: res.headers, body, text, json: type.includes('json') && text ? JSON.parse(text) : undefined };
}

/** RFC 4180 reader, strict about what the export must write: CRLF line ends, quotes only around a whole cell. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  let wasQuoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (quoted) {
      if (ch !== '"') cell += ch;
      else if (text[i + 1] === '"') { cell += '"'; i += 1; } else quoted = false;
      continue;
    }
    if (ch === '"') {
      assert.ok(cell === '' && !wasQuoted, `a quote inside an unquoted cell at ${i}: ${JSON.stringify(text.slice(i - 20, i + 20))}`);
      quoted = true;
      wasQuoted = true;
    } else if (ch === ',') {
      row.push(cell); cell = ''; wasQuoted = false;
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell); rows.push(row); row = []; cell = ''; wasQuoted = false; i += 1;
    } else {
      assert.ok(ch !== '\n' && ch !== '\r', `a bare line break outside quotes at ${i}`);
      assert.ok(!wasQuoted, `text after a closing quote at ${i}`);
      cell += ch;
    }
  }
  assert.equal(quoted, false, 'an unterminated quoted cell');
  assert.deepEqual([row, cell], [[], ''], 'the file ends with CRLF');
  return rows;
}

/** A 200 CSV export: checks the bytes and headers every CSV has, returns {header, rows, records, res}. */
async function csvExport(client, query, opts) {
  const res = await exportAs(client, query, opts);
  assert.equal(res.status, 200, `export ${query}: ${res.text.slice(0, 400)}`);
  assert.equal(res.headers.get('content-type'), 'text/csv; charset=utf-8');
  assert.ok(res.body.subarray(0, 3).equals(BOM), 'starts with a UTF-8 BOM');
  const table = parseCsv(res.body.subarray(3).toString('utf8'));
  const [header, ...rows] = table;
  for (const r of rows) assert.equal(r.length, header.length, `every row as wide as the header: ${JSON.stringify(r)}`);
  assert.equal(res.headers.get('x-export-rows'), String(rows.length), 'X-Export-Rows counts the customer rows');
  const records = rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
  return { header, rows, records, res };
}

/** Codes of a CSV export with columns=code (and whatever else `query` says). */
async function exportedCodes(client, query) {
  const { rows } = await csvExport(client, `format=csv&columns=code&${query}`);
  return rows.map((r) => r[0]);
}

/** Every customer the list shows for `query`, all pages (small pages, to page for real). */
async function listed(client, query) {
  const out = [];
  let cursor = null;
  do {
    const res = await client.get(`/api/v1/customers?${query}&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    assert.equal(res.status, 200, `list ${query}: ${res.text}`);
    out.push(...res.json.items);
    cursor = res.json.next_cursor;
  } while (cursor);
  return out;
}

/** Reads an .xlsx with Debian's python3-openpyxl: {sheets, rows (null for empty cells), types}. */
function readXlsx(body) {
  const dir = mkdtempSync(join(tmpdir(), 'guanxi-xlsx-'));
  try {
    const file = join(dir, 'export.xlsx');
    writeFileSync(file, body);
    const script = [
      'import json, sys, openpyxl',
      'wb = openpyxl.load_workbook(sys.argv[1])',
      'ws = wb.worksheets[0]',
      'rows = [[c.value for c in row] for row in ws.iter_rows()]',
      'types = sorted({c.data_type for row in ws.iter_rows() for c in row if c.value is not None})',
      'print(json.dumps({"sheets": wb.sheetnames, "rows": rows, "types": types}, ensure_ascii=False, default=str))',
    ].join('\n');
    // /usr/bin/python3 on purpose: a `python3` on PATH (pyenv) may lack openpyxl.
    return JSON.parse(execFileSync('/usr/bin/python3', ['-c', script, file], { encoding: 'utf8' }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What a CSV cell holds for a spreadsheet cell: the CSV-injection apostrophe undone, '' for an empty cell. */
const unescapeCsvCell = (cell) => (/^'([=@\t\r]|[+-](?!\d)|[+-]$)/.test(cell) ? cell.slice(1) : cell);

/** YYYYMMDD of now in Asia/Shanghai (UTC+8, no daylight saving). */
const shanghaiStamp = (ms = Date.now()) => new Date(ms + 8 * 3600e3).toISOString().slice(0, 10).replaceAll('-', '');

function assertDownloadHeaders(res, ext, before) {
  const m = (res.headers.get('content-disposition') || '').match(/^attachment; filename="customers-(\d{8})\.(csv|xlsx)"$/);
  assert.ok(m, `Content-Disposition: ${res.headers.get('content-disposition')}`);
  assert.equal(m[2], ext);
  assert.ok([shanghaiStamp(before), shanghaiStamp()].includes(m[1]), `the Asia/Shanghai date: ${m[1]}`);
  assert.equal(res.headers.get('cache-control'), 'no-store');
}

const fieldErrors = (res) => res.json.errors.map((e) => [e.field, e.code]);

// ---------------------------------------------------------------- the main server

let srv;
let admin;
const u = {};   // name → {user, client}
const c = {};   // name → customer as created (masked)
const ID = residentId(nextSeq());

before(async () => {
  srv = await startServer();
  admin = await adminClient(srv);
  const root = await rootUnit(admin);
  const segA = await createUnit(admin, '华东板块', root.id, 'segment');
  const deptA = await createUnit(admin, '上海一部', segA.id);
  const teamA = await createUnit(admin, '浦东小组', deptA.id);
  const segB = await createUnit(admin, '华南板块', root.id, 'segment');
  const deptB = await createUnit(admin, '深圳一部', segB.id);

  const fields = [
    { key: 'hotline', type: 'text', label: '服务热线', label_en: 'Hotline', sort_order: 1 },
    { key: 'level', type: 'choice', label: '会员等级', label_en: 'Membership', sort_order: 2,
      options: [{ code: 'gold', label: '金牌' }, { code: 'silver', label: '银牌' }] },
    { key: 'channels', type: 'multi_choice', label: '销售渠道', sort_order: 3,
      options: [{ code: 'online', label: '线上' }, { code: 'store', label: '门店' }] },
    { key: 'secret_plan', type: 'text', label: '秘密计划', sort_order: 4 },
  ];
  for (const json of fields) {
    const res = await admin.post('/api/v1/custom-fields', { json });
    assert.equal(res.status, 201, res.text);
  }
  const role = async (key, data_scope, permissions, field_rules = {}) => {
    const res = await admin.post('/api/v1/roles', { json: { key, name: key, data_scope, permissions, field_rules } });
    assert.equal(res.status, 201, res.text);
  };
  // Exports everything but does not see three columns (ADR 0015).
  await role('ex_limited', 'all', ['customer.read', 'customer.export'], LIMITED_RULES);
  // Exports everything, reads sensitive data of its own unit only.
  await role('ex_all_export', 'all', ['customer.read', 'customer.export']);
  await role('ex_unit_sensitive', 'unit', ['customer.sensitive.read']);

  const make = async (name, roles, unitId) => {
    u[name] = await createUser(srv, admin, `ex.${name.toLowerCase()}`, { roles, unitId, displayName: `${name}姓名` });
  };
  await make('group', ['group_management'], root.id);
  await make('salesA', ['salesperson'], deptA.id);
  await make('salesA2', ['salesperson'], teamA.id);
  await make('salesB', ['salesperson'], deptB.id);
  await make('headA', ['department_head'], deptA.id);
  await make('service', ['customer_service'], root.id);
  await make('auditor', ['auditor'], root.id);
  await make('limited', ['ex_limited'], root.id);
  await make('mixed', ['ex_all_export', 'ex_unit_sensitive'], deptA.id);

  const create = async (name, owner, json) => {
    const res = await u.group.client.post('/api/v1/customers', { json: { kind: 'organization', owner_id: u[owner].user.id, ...json } });
    assert.equal(res.status, 201, `${name}: ${res.text}`);
    c[name] = res.json;
  };
  await create('precision', 'salesA', {
    name: '华东精密制造有限公司', phone: '021-62345678', mobile: '13812341234', email: 'info@huadong.example.com',
    address: '上海市浦东新区世纪大道100号', grade: 'A', status: 'active', region_code: '310115', industry: 'C',
    tags: ['重点', '老客户'], strategic: true, route: '-12',
    custom: { hotline: '+8613800000000', level: 'gold', channels: ['online', 'store'], secret_plan: '蓝鲸计划' } });
  await create('person', 'salesA', {
    kind: 'individual', name: '张三', id_type: 'resident_id', id_number: ID, mobile: '13912345678',
    email: 'zhang.san@example.com', grade: 'B', birthday: '1990-01-01', custom: { level: 'silver' } });
  await create('quoted', 'salesA2', { name: '甲乙,"丙丁"贸易有限公司', phone: '020-87654321', grade: 'A', region_code: '440305' });
  await create('formula', 'salesB', {
    name: '=HYPERLINK("http://example.com","点我")', phone: '0755-23456789', region_code: '440305', custom: { hotline: '-转接' } });
  await create('at', 'salesB', { name: '@深圳营销公司', grade: 'C', website: '+abc' });
  await create('headOwn', 'headA', { name: '上海一部自营公司', mobile: '13700001111', grade: 'D' });
  await create('groupOwn', 'group', { name: '集团直属公司', status: 'active', custom: { level: 'gold' } });
});
after(async () => { if (srv) await srv.stop(); });

const ALL = () => Object.values(c).map((x) => x.code).sort();
const SCOPE_A = () => ['precision', 'person', 'quoted', 'headOwn'].map((k) => c[k].code).sort();
const accessLog = (query) => u.auditor.client.get(`/api/v1/audit/access-log?${new URLSearchParams(query)}`);
// The export entries of a user's access log, newest first. Filtered here, not with action=export: see the test on that filter.
async function exportEntries(userId) {
  const res = await accessLog({ user_id: userId, limit: 500 });
  assert.equal(res.status, 200, res.text);
  return res.json.items.filter((e) => e.action === 'export');
}
async function exportEvents(userId) {
  const res = await u.auditor.client.get(`/api/v1/audit/events?action=customer.exported&user_id=${userId}&limit=500`);
  assert.equal(res.status, 200, res.text);
  return res.json.items;
}

describe('CSV (issue 5 point 6)', () => {
  test('issue 5 point 6: a CSV is UTF-8 with a BOM and CRLF line ends, sent as an attachment with its row count', async () => {
    const before = Date.now();
    const res = await exportAs(u.group.client, 'format=csv');
    assert.equal(res.status, 200, res.text);
    assert.equal(res.headers.get('content-type'), 'text/csv; charset=utf-8');
    assert.ok(res.body.subarray(0, 3).equals(BOM), 'EF BB BF first');
    const text = res.body.subarray(3).toString('utf8');
    assert.ok(text.endsWith('\r\n'));
    assert.doesNotMatch(text, /(?<!\r)\n/, 'no bare LF');
    assertDownloadHeaders(res, 'csv', before);
    assert.equal(res.headers.get('x-export-rows'), String(Object.keys(c).length));
    const { rows } = await csvExport(u.group.client, 'format=csv');
    assert.equal(rows.length, Object.keys(c).length);
  });

  test('issue 5 point 6: the header holds the column labels in Chinese by default: catalogue order, then owner and region names, then custom fields', async () => {
    const { header } = await csvExport(u.group.client, 'format=csv');
    assert.deepEqual(header.slice(0, 5), ['客户编号', '个人/单位', '客户名称', '简称', '证件类型']);
    assert.deepEqual(header.slice(-6), ['负责人姓名', '地区名称', ...CUSTOM_LABELS]);
    for (const label of ['手机', '电话', '电子邮箱', '客户等级', '客户状态', '标签', '建档时间', '最后修改']) {
      assert.ok(header.includes(label), `${label} in ${header}`);
    }
    assert.ok(header.indexOf('客户名称') < header.indexOf('手机') && header.indexOf('手机') < header.indexOf('建档时间'));
    for (const internal of ['规范化名称', '名称排序键', '附加信息', '版本']) {
      assert.ok(!header.includes(internal), `${internal} is never a column`);
    }
  });

  test('issue 5 point 6: with Accept-Language: en the header is English, custom fields by label_en (else label)', async () => {
    const query = 'format=csv&columns=code,name,mobile,grade,owner_name,region_name,custom.hotline,custom.channels';
    const { header } = await csvExport(u.group.client, query, { lang: 'en' });
    assert.deepEqual(header, ['Customer no.', 'Name', 'Mobile', 'Grade', 'Owner name', 'Region name', 'Hotline', '销售渠道']);
    const zh = await csvExport(u.group.client, query);
    assert.deepEqual(zh.header, ['客户编号', '客户名称', '手机', '客户等级', '负责人姓名', '地区名称', '服务热线', '销售渠道']);
  });

  test('issue 5 point 6: the rows are exactly the customers the list shows for the same filter, in its order; limit and cursor are ignored', async () => {
    const queries = ['', 'grade=A', 'sort=name', 'sort=created_desc', 'sort=grade', `q=${encodeURIComponent('公司')}`,
      `q=${encodeURIComponent('精密')}`, 'region_code=440000', 'status=active', 'kind=individual',
      `owner_id=${u.salesB.user.id}`, 'custom.level=gold', 'custom.channels=store', 'grade=A&sort=name'];
    for (const query of queries) {
      const fromList = (await listed(u.group.client, query)).map((x) => x.code);
      const exported = await exportedCodes(u.group.client, `${query}&limit=1`);
      assert.deepEqual(exported, fromList, `filter "${query}"`);
    }
    assert.deepEqual((await exportedCodes(u.group.client, 'limit=1&cursor=abc')).sort(), ALL());
  });

  test('issue 5 point 6: a bad filter is refused like the list refuses it', async () => {
    for (const query of ['grade=Z', 'region_code=999999', 'owner_id=abc', 'sort=colour']) {
      const fromList = await u.group.client.get(`/api/v1/customers?${query}`);
      const res = await exportAs(u.group.client, `format=csv&${query}`);
      assertProblem(res, fromList.status, fromList.json.code);
      assert.deepEqual(fieldErrors(res), fieldErrors(fromList), query);
    }
  });

  test('issue 5 point 6: RFC 4180 quoting: a name with a comma and quotes comes back whole', async () => {
    const { res, records } = await csvExport(u.group.client, `format=csv&columns=code,name&owner_id=${u.salesA2.user.id}`);
    assert.ok(res.text.includes(`${c.quoted.code},"甲乙,""丙丁""贸易有限公司"\r\n`), res.text);
    assert.deepEqual(records, [{ 客户编号: c.quoted.code, 客户名称: '甲乙,"丙丁"贸易有限公司' }]);
  });

  test('issue 5 point 6: CSV injection: a text cell starting with =, @, or + / - before a non-digit gets an apostrophe; +86… and -12 stay as they are', async () => {
    const { records, res } = await csvExport(u.group.client,
      'format=csv&columns=code,name,website,route,custom.hotline&reveal_reason=' + encodeURIComponent('核对导出格式'));
    const by = Object.fromEntries(records.map((r) => [r['客户编号'], r]));
    assert.equal(by[c.formula.code]['客户名称'], `'=HYPERLINK("http://example.com","点我")`);
    assert.ok(res.text.includes(`"'=HYPERLINK(""http://example.com"",""点我"")"`), 'quoted after the apostrophe is added');
    assert.equal(by[c.formula.code]['服务热线'], "'-转接");
    assert.equal(by[c.at.code]['客户名称'], "'@深圳营销公司");
    assert.equal(by[c.at.code]['网址'], "'+abc");
    assert.equal(by[c.precision.code]['服务热线'], '+8613800000000', 'a phone number with + and digits is not a formula');
    assert.equal(by[c.precision.code]['路序'], '-12', 'a negative number is not a formula');
    assert.equal(by[c.precision.code]['客户名称'], '华东精密制造有限公司');
  });

  test('issue 5 point 6: cells hold stored values: codes, 是/否 (en yes/no), tags and choices joined with 、, ISO-8601 UTC times, owner and region names', async () => {
    const columns = 'code,kind,name,grade,status,strategic,tags,created_at,updated_at,owner_id,owner_name,region_code,region_name,custom.level,custom.channels';
    const { records } = await csvExport(u.group.client, `format=csv&columns=${columns}&q=${encodeURIComponent('华东精密')}`);
    assert.equal(records.length, 1);
    const [row] = records;
    const shown = (await u.group.client.get(`/api/v1/customers/${c.precision.id}`)).json;
    assert.equal(row['个人/单位'], 'organization');
    assert.equal(row['客户等级'], 'A');
    assert.equal(row['客户状态'], 'active');
    assert.equal(row['战略客户'], '是');
    assert.equal(row['标签'], '重点、老客户');
    assert.equal(row['建档时间'], new Date(shown.created_at).toISOString());
    assert.equal(row['最后修改'], new Date(shown.updated_at).toISOString());
    assert.match(row['建档时间'], /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.equal(row['负责人'], String(u.salesA.user.id));
    assert.equal(row['负责人姓名'], 'salesA姓名');
    assert.equal(row['负责人姓名'], shown.owner_name);
    assert.equal(row['会员等级'], 'gold');
    assert.equal(row['销售渠道'], 'online、store');
    // region_code is the code (所在地区), region_name its full name (地区名称).
    const { header, rows } = await csvExport(u.group.client, `format=csv&columns=region_code,region_name&q=${encodeURIComponent('华东精密')}`);
    assert.deepEqual(header, ['所在地区', '地区名称']);
    assert.deepEqual(rows, [['310115', shown.region_name]]);
    const en = await csvExport(u.group.client, `format=csv&columns=code,strategic,tags&sort=name`, { lang: 'en' });
    const flags = Object.fromEntries(en.rows.map(([code, flag]) => [code, flag]));
    assert.equal(flags[c.precision.code], 'yes');
    assert.equal(flags[c.person.code], 'no');
  });

  test('issue 5 point 6: an export that finds nothing is the header alone', async () => {
    const { rows, header, res } = await csvExport(u.group.client, 'format=csv&columns=code,name&q=' + encodeURIComponent('不存在的客户名'));
    assert.deepEqual([header, rows], [['客户编号', '客户名称'], []]);
    assert.equal(res.headers.get('x-export-rows'), '0');
  });
});

/** Reads a .vcf with Debian's python3-vobject, an independent parser: one object per card. */
function readVcards(body) {
  const dir = mkdtempSync(join(tmpdir(), 'guanxi-vcf-'));
  try {
    const file = join(dir, 'contacts.vcf');
    writeFileSync(file, body);
    const script = [
      'import json, sys, vobject',
      'cards = []',
      'for card in vobject.readComponents(open(sys.argv[1], encoding="utf-8").read()):',
      '    c = {k: [str(p.value) if not isinstance(p.value, list) else p.value for p in v] for k, v in card.contents.items()}',
      '    c["tel_types"] = [p.params.get("TYPE", [""])[0] for p in card.contents.get("tel", [])]',
      '    cards.append(c)',
      'print(json.dumps(cards, ensure_ascii=False))',
    ].join('\n');
    // /usr/bin/python3 on purpose: a `python3` on PATH (pyenv) may lack vobject.
    return JSON.parse(execFileSync('/usr/bin/python3', ['-c', script, file], { encoding: 'utf8' }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('contacts as vCard 4.0 (issue 5 point 6)', () => {
  before(async () => {
    for (const json of [
      { name: '王采购', title: '采购经理, 华东区', department: '采购部', mobile: '13811112222', email: 'wang@huadong.example.com',
        birthday: '1980-05-06', notes: '不导出的备注' },
      { name: '李工', phone: '021-61112222' },
    ]) {
      const res = await u.group.client.post(`/api/v1/customers/${c.precision.id}/contacts`, { json });
      assert.equal(res.status, 201, res.text);
    }
  });
  const query = () => `format=vcf&q=${encodeURIComponent('华东精密')}`;

  test('issue 5 point 6: format=vcf writes one vCard 4.0 per contact that an independent parser reads back, masked as the detail masks it', async () => {
    const res = await exportAs(u.group.client, query());
    assert.equal(res.status, 200, res.text);
    assert.equal(res.headers.get('content-type'), 'text/vcard; charset=utf-8');
    assert.match(res.headers.get('content-disposition'), /^attachment; filename="contacts-\d{8}\.vcf"$/);
    assert.equal(res.headers.get('x-export-rows'), '2');
    assert.ok(res.text.split('\r\n').every((line) => Buffer.byteLength(line) <= 75), 'lines folded at 75 octets');
    const cards = readVcards(res.body);
    assert.equal(cards.length, 2);
    const [wang, li] = cards;
    assert.deepEqual(wang.version, ['4.0']);
    assert.deepEqual(wang.fn, ['王采购']);
    assert.deepEqual(wang.org, [['华东精密制造有限公司', '采购部']]);
    assert.deepEqual(wang.title, ['采购经理, 华东区'], 'the escaped comma comes back');
    assert.deepEqual(wang.tel, ['138****2222']);
    assert.deepEqual(wang.tel_types, ['cell']);
    assert.match(wang.email[0], /^w\*+@huadong\.example\.com$/);
    assert.deepEqual(wang.bday, ['--0506'], 'a masked year keeps the day');
    assert.ok(!res.text.includes('不导出的备注'), 'notes are not exported');
    assert.deepEqual(li.fn, ['李工']);
    assert.deepEqual(li.tel_types, ['work']);
    assert.match(li.tel[0], /\*{4}/);
  });

  test('SEC-3: with a reveal_reason the vCards carry the full values; the access log names the customer', async () => {
    const res = await exportAs(u.group.client, `${query()}&reveal_reason=${encodeURIComponent('通讯录同步')}`);
    assert.equal(res.status, 200, res.text);
    const [wang] = readVcards(res.body);
    assert.deepEqual(wang.tel, ['13811112222']);
    assert.deepEqual(wang.email, ['wang@huadong.example.com']);
    assert.deepEqual(wang.bday, ['19800506']);
    const [entry] = await exportEntries(u.group.user.id);
    assert.equal(entry.reason, '通讯录同步');
    assert.deepEqual(entry.customers.map((x) => x.id), [c.precision.id]);
  });

  test('ADR 0015: contact fields hidden from the caller are left out of the vCards', async () => {
    const role = await admin.post('/api/v1/roles', { json: {
      key: 'ex_contact_hidden', name: 'ex_contact_hidden', data_scope: 'all', permissions: ['customer.read', 'customer.export'],
      field_rules: { 'contact.mobile': 'hidden', 'contact.title': 'hidden' } } });
    assert.equal(role.status, 201, role.text);
    const user = await createUser(srv, admin, 'ex.contact.hidden', { roles: ['ex_contact_hidden'], unitId: (await rootUnit(admin)).id });
    const res = await exportAs(user.client, query());
    assert.equal(res.status, 200, res.text);
    const [wang] = readVcards(res.body);
    assert.equal(wang.tel, undefined);
    assert.equal(wang.title, undefined);
    assert.deepEqual(wang.fn, ['王采购']);
    assert.match(wang.email[0], /@huadong\.example\.com$/);
  });
});

describe('format and columns (issue 5 point 6, ADR 0015)', () => {
  test('issue 5 point 6: format is required and is csv, xlsx or vcf (422 format required / unknown_value)', async () => {
    for (const [query, code] of [['', 'required'], ['format=', 'required'], ['columns=code', 'required'],
      ['format=pdf', 'unknown_value'], ['format=CSV', 'unknown_value'], ['format=json', 'unknown_value']]) {
      const res = await exportAs(u.group.client, query);
      assertProblem(res, 422, 'validation_failed');
      assert.deepEqual(fieldErrors(res), [['format', code]], query);
    }
    assertProblem(await exportAs(u.group.client, 'format=pdf', { lang: 'en' }), 422, 'validation_failed', { lang: 'en' });
  });

  test('issue 5 point 6: chosen columns in the chosen order', async () => {
    const { header, records } = await csvExport(u.group.client, 'format=csv&columns=mobile,custom.level,code,name&sort=name');
    assert.deepEqual(header, ['手机', '会员等级', '客户编号', '客户名称']);
    const listedItems = await listed(u.group.client, 'sort=name');
    assert.deepEqual(records.map((r) => r['客户编号']), listedItems.map((x) => x.code));
    const person = records.find((r) => r['客户编号'] === c.person.code);
    assert.deepEqual(person, { 手机: '139****5678', 会员等级: 'silver', 客户编号: c.person.code, 客户名称: '张三' });
    // Not in the contract, what the server does: a repeated key counts once, empty keys are skipped.
    const repeated = await csvExport(u.group.client, 'format=csv&columns=code,name,code,,&sort=name');
    assert.deepEqual(repeated.header, ['客户编号', '客户名称']);
  });

  test('issue 5 point 6: an unknown or internal column is 422 columns unknown_value', async () => {
    for (const columns of ['code,nope', 'name_norm', 'name_sort_key', 'custom', 'version', 'custom.none', 'Code', 'contact.mobile']) {
      const res = await exportAs(u.group.client, `format=csv&columns=${encodeURIComponent(columns)}`);
      assertProblem(res, 422, 'validation_failed');
      assert.deepEqual(fieldErrors(res), [['columns', 'unknown_value']], columns);
    }
  });

  test('ADR 0015: a column hidden by the caller\'s field rules is 403 field_forbidden naming it; the default export leaves it out', async () => {
    assert.deepEqual((await u.limited.client.get('/api/v1/auth/me')).json.user.field_rules, LIMITED_RULES);
    for (const [columns, hidden] of [['code,industry', ['industry']], ['custom.secret_plan,name', ['custom.secret_plan']],
      ['region_code', ['region_code']], ['region_name', ['region_name']], ['industry,region_code', ['industry', 'region_code']]]) {
      const res = await exportAs(u.limited.client, `format=csv&columns=${columns}`);
      assertProblem(res, 403, 'field_forbidden');
      assert.deepEqual(fieldErrors(res), hidden.map((f) => [f, 'hidden']), columns);
    }
    // An unknown column is reported before a hidden one.
    assertProblem(await exportAs(u.limited.client, 'format=csv&columns=industry,nope'), 422, 'validation_failed');

    const mine = await csvExport(u.limited.client, 'format=csv');
    const full = await csvExport(u.group.client, 'format=csv');
    const left = full.header.filter((h) => !['所属行业', '所在地区', '地区名称', '秘密计划'].includes(h));
    assert.deepEqual(mine.header, left, 'industry, region code and name and the hidden custom field left out, nothing else');
    assert.equal(mine.rows.length, Object.keys(c).length);
    assert.ok(!mine.res.text.includes('蓝鲸计划') && !mine.res.text.includes('310115'));
    const withVisible = await csvExport(u.limited.client, 'format=csv&columns=code,grade,custom.hotline');
    assert.deepEqual(withVisible.header, ['客户编号', '客户等级', '服务热线']);
  });

  test('ADR 0015: a filter on a hidden field is refused as in the list', async () => {
    for (const query of ['industry=C', 'region_code=440000', 'custom.secret_plan=x']) {
      assertProblem(await exportAs(u.limited.client, `format=csv&${query}`), 403, 'field_forbidden');
    }
  });
});

describe('data scope (SEC-4)', () => {
  test('SEC-4: without customer.export (salesperson, customer service, auditor) the export is 403 forbidden', async () => {
    for (const who of ['salesA', 'service', 'auditor']) {
      assertProblem(await exportAs(u[who].client, 'format=csv'), 403, 'forbidden');
      assertProblem(await exportAs(u[who].client, 'format=xlsx'), 403, 'forbidden');
    }
  });

  test('SEC-4: a department head exports only the customers of their unit and the units below it', async () => {
    const codes = (await exportedCodes(u.headA.client, '')).sort();
    assert.deepEqual(codes, SCOPE_A());
    assert.deepEqual(codes, (await listed(u.headA.client, '')).map((x) => x.code).sort(), 'what their list shows');
    assert.deepEqual(await exportedCodes(u.headA.client, `owner_id=${u.salesB.user.id}`), [], 'another segment\'s owner: nothing');
    assert.deepEqual((await exportedCodes(u.group.client, '')).sort(), ALL(), 'group management: everyone');
  });
});

describe('masking (SEC-3)', () => {
  const SENSITIVE = 'code,id_number,phone,mobile,email,address,birthday';
  const byCode = (records) => Object.fromEntries(records.map((r) => [r['客户编号'], r]));

  test('SEC-3: sensitive columns are masked exactly as the list masks them', async () => {
    const { records } = await csvExport(u.group.client, `format=csv&columns=${SENSITIVE}`);
    const rows = byCode(records);
    for (const item of await listed(u.group.client, '')) {
      const row = rows[item.code];
      for (const [key, label] of [['id_number', '证件号码'], ['phone', '电话'], ['mobile', '手机'], ['email', '电子邮箱'],
        ['address', '详细地址'], ['birthday', '出生日期']]) {
        assert.equal(row[label], item[key] ?? '', `${item.code} ${key}`);
      }
    }
    assert.equal(rows[c.person.code]['手机'], '139****5678');
    assert.equal(rows[c.precision.code]['手机'], '138****1234');
    assert.equal(rows[c.person.code]['证件号码'], `${ID.slice(0, 6)}********${ID.slice(-4)}`);
  });

  test('SEC-3: an empty reveal_reason counts as none: masked', async () => {
    const { records } = await csvExport(u.group.client, `format=csv&columns=${SENSITIVE}&reveal_reason=`);
    assert.equal(byCode(records)[c.person.code]['手机'], '139****5678');
  });

  test('SEC-3: with a reveal_reason a holder of customer.sensitive.read exports the full values', async () => {
    const { records } = await csvExport(u.group.client, `format=csv&columns=${SENSITIVE}&reveal_reason=${encodeURIComponent('年度客户资料核对')}`);
    const rows = byCode(records);
    assert.equal(rows[c.person.code]['手机'], '13912345678');
    assert.equal(rows[c.person.code]['证件号码'], ID);
    assert.equal(rows[c.person.code]['电子邮箱'], 'zhang.san@example.com');
    assert.equal(rows[c.person.code]['出生日期'], '1990-01-01');
    assert.equal(rows[c.precision.code]['手机'], '13812341234');
    assert.equal(rows[c.precision.code]['电话'], '021-62345678');
    assert.equal(rows[c.precision.code]['详细地址'], '上海市浦东新区世纪大道100号');
    // The list stays masked afterwards: an export is no reveal window.
    assert.equal((await u.group.client.get(`/api/v1/customers/${c.person.id}`)).json.mobile, '139****5678');
  });

  test('SEC-3: a reason unmasks only the rows whose owner the caller\'s customer.sensitive.read covers', async () => {
    const { records } = await csvExport(u.mixed.client, `format=csv&columns=${SENSITIVE}&reveal_reason=${encodeURIComponent('核对本部门客户')}`);
    const rows = byCode(records);
    const masked = Object.fromEntries((await listed(u.mixed.client, '')).map((x) => [x.code, x]));
    assert.equal(records.length, Object.keys(c).length, 'customer.export reaches everyone');
    assert.equal(rows[c.person.code]['手机'], '13912345678', 'owner in the caller\'s unit: full');
    assert.equal(rows[c.person.code]['证件号码'], ID);
    assert.equal(rows[c.headOwn.code]['手机'], '13700001111');
    assert.equal(rows[c.quoted.code]['电话'], '020****4321', 'owner in a unit below: masked (unit scope)');
    assert.equal(rows[c.formula.code]['电话'], masked[c.formula.code].phone, 'another segment: masked');
    assert.match(rows[c.formula.code]['电话'], /\*/);
  });

  test('SEC-3: reveal_reason without customer.sensitive.read is 403 forbidden; more than 500 characters is 422', async () => {
    assertProblem(await exportAs(u.headA.client, `format=csv&reveal_reason=${encodeURIComponent('核对')}`), 403, 'forbidden');
    assertProblem(await exportAs(u.limited.client, `format=csv&reveal_reason=x`), 403, 'forbidden');
    for (const who of ['group', 'headA']) {
      const res = await exportAs(u[who].client, `format=csv&reveal_reason=${encodeURIComponent('因'.repeat(501))}`);
      assertProblem(res, 422, 'validation_failed');
      assert.deepEqual(fieldErrors(res), [['reveal_reason', 'out_of_range']], who);
    }
    const { rows } = await csvExport(u.group.client, `format=csv&columns=code,mobile&reveal_reason=${encodeURIComponent('因'.repeat(500))}`);
    assert.ok(rows.some(([, mobile]) => mobile === '13912345678'), '500 characters (not bytes) are fine');
  });

  test('SEC-3: the masking patterns in force apply to the export', async () => {
    const current = (await admin.get('/api/v1/settings/masking')).json;
    const changed = await admin.request('PATCH', '/api/v1/settings/masking', {
      json: { fields: { mobile: { keep_start: 0, keep_end: 2, stars: 6 } } }, headers: { 'If-Match': `"${current.version}"` } });
    assert.equal(changed.status, 200, changed.text);
    try {
      const { records } = await csvExport(u.group.client, `format=csv&columns=code,mobile&kind=individual`);
      assert.deepEqual(records, [{ 客户编号: c.person.code, 手机: '******78' }]);
    } finally {
      const reset = await admin.request('PATCH', '/api/v1/settings/masking', {
        json: { fields: null }, headers: { 'If-Match': `"${changed.json.version}"` } });
      assert.equal(reset.status, 200, reset.text);
    }
  });
});

describe('XLSX (issue 5 point 6)', () => {
  test('issue 5 point 6: an .xlsx has one sheet 客户, the header and the same values as the CSV, all strings', async () => {
    const before = Date.now();
    const res = await exportAs(u.group.client, 'format=xlsx&sort=name');
    assert.equal(res.status, 200, res.text.slice(0, 300));
    assert.equal(res.headers.get('content-type'), XLSX_TYPE);
    assertDownloadHeaders(res, 'xlsx', before);
    assert.equal(res.headers.get('x-export-rows'), String(Object.keys(c).length));
    assert.ok(res.body.subarray(0, 2).equals(Buffer.from('PK')), 'a zip file');
    const book = readXlsx(res.body);
    assert.deepEqual(book.sheets, ['客户']);
    const csv = await csvExport(u.group.client, 'format=csv&sort=name');
    assert.deepEqual(book.rows[0], csv.header);
    assert.equal(book.rows.length, csv.rows.length + 1);
    const expected = csv.rows.map((r) => r.map((cell) => (cell === '' ? null : unescapeCsvCell(cell))));
    assert.deepEqual(book.rows.slice(1), expected);
    assert.deepEqual(book.types, ['s'], 'every cell is a string: no numbers, no formulas');
  });

  test('issue 5 point 6: a formula-looking name is a plain string cell in the .xlsx (no apostrophe needed)', async () => {
    const res = await exportAs(u.group.client, `format=xlsx&columns=code,name,route,custom.hotline&owner_id=${u.salesB.user.id}&sort=name`);
    assert.equal(res.status, 200, res.text.slice(0, 300));
    const book = readXlsx(res.body);
    const formula = book.rows.find((r) => r[0] === c.formula.code);
    assert.deepEqual(formula, [c.formula.code, '=HYPERLINK("http://example.com","点我")', null, '-转接']);
    assert.deepEqual(book.types, ['s']);
  });

  test('issue 5 point 6: in English the sheet is "Customers" with English labels', async () => {
    const res = await exportAs(u.group.client, 'format=xlsx&columns=code,name,custom.hotline', { lang: 'en' });
    assert.equal(res.status, 200, res.text.slice(0, 300));
    const book = readXlsx(res.body);
    assert.deepEqual(book.sheets, ['Customers']);
    assert.deepEqual(book.rows[0], ['Customer no.', 'Name', 'Hotline']);
  });

  test('issue 5 point 6: masking, scope and hidden columns hold for .xlsx too', async () => {
    const res = await exportAs(u.headA.client, 'format=xlsx&columns=code,mobile');
    assert.equal(res.status, 200, res.text.slice(0, 300));
    const rows = readXlsx(res.body).rows.slice(1);
    assert.deepEqual(rows.map((r) => r[0]).sort(), SCOPE_A());
    assert.deepEqual(rows.find((r) => r[0] === c.person.code), [c.person.code, '139****5678']);
    assertProblem(await exportAs(u.limited.client, 'format=xlsx&columns=industry'), 403, 'field_forbidden');
    const limited = await exportAs(u.limited.client, 'format=xlsx');
    assert.equal(limited.status, 200);
    assert.ok(!readXlsx(limited.body).rows[0].includes('所属行业'));
  });
});

/** Files left in <data-dir>/exports, where exports are written before they are sent (ADR 0017). */
const leftovers = (server) => {
  const dir = join(server.dataDir, 'exports');
  return existsSync(dir) ? readdirSync(dir) : [];
};

describe('export files (ADR 0017)', () => {
  test('ADR 0017: a sent export, CSV or .xlsx, leaves no file behind, nor does a refused one', async () => {
    await csvExport(u.group.client, 'format=csv');
    assert.equal((await exportAs(u.group.client, 'format=xlsx')).status, 200);
    assertProblem(await exportAs(u.limited.client, 'format=xlsx&columns=industry'), 403, 'field_forbidden');
    assert.deepEqual(leftovers(srv), []);
  });
});

describe('access log and audit (SEC-7)', () => {
  test('SEC-7: an export names exactly the exported customers in the access log, with its query and reason', async () => {
    const reason = '季度对账，核对客户资料';
    const query = qs({ format: 'csv', grade: 'A', reveal_reason: reason });
    const agent = 'guanxi-export-test/1.0';
    const res = await fetch(`${srv.url}${EXPORT}?${query}`, { headers: { Cookie: u.group.client.cookieHeader(), 'User-Agent': agent } });
    assert.equal(res.status, 200);
    const exported = parseCsv((await res.text()).replace(/^\uFEFF/, '')).slice(1).map((r) => r[0]).sort();
    assert.deepEqual(exported, [c.precision.code, c.quoted.code].sort());

    const [entry] = await exportEntries(u.group.user.id);
    assert.ok(entry, 'an export entry');
    assert.equal(entry.action, 'export');
    assert.equal(entry.user_name, 'ex.group');
    assert.equal(entry.ip, '127.0.0.1');
    assert.equal(entry.user_agent, agent);
    assert.equal(entry.reason, reason);
    assert.deepEqual(entry.customers.map((x) => x.id).sort((a, b) => a - b), [c.precision.id, c.quoted.id].sort((a, b) => a - b));
    assert.deepEqual(entry.customers.map((x) => x.code).sort(), exported);
    assert.equal(entry.customer_count, 2);
    assert.deepEqual(entry.detail, { format: 'csv', part: 1, query });

    const own = (await u.group.client.get(`/api/v1/customers/${c.quoted.id}/access-log`)).json.items;
    assert.ok(own.some((e) => e.id === entry.id && e.action === 'export'), 'in the customer\'s own access log too');
  });

  test('SEC-7: every export entry of a caller together covers exactly what was exported; without a reason the reason is null', async () => {
    const before = (await exportEntries(u.headA.user.id)).length;
    const { rows } = await csvExport(u.headA.client, 'format=csv&columns=code');
    const entries = await exportEntries(u.headA.user.id);
    assert.equal(entries.length, before + 1, 'one entry (fewer than 1000 customers)');
    const [entry] = entries;
    assert.deepEqual(entry.customers.map((x) => x.code).sort(), rows.map((r) => r[0]).sort());
    assert.equal(entry.reason, null);
    assert.deepEqual(entry.detail, { format: 'csv', part: 1, query: 'format=csv&columns=code' });
    const xlsx = await exportAs(u.headA.client, 'format=xlsx&grade=A');
    assert.equal(xlsx.status, 200);
    const [second] = await exportEntries(u.headA.user.id);
    assert.deepEqual(second.detail, { format: 'xlsx', part: 1, query: 'format=xlsx&grade=A' });
    assert.deepEqual(second.customers.map((x) => x.id).sort((a, b) => a - b), [c.precision.id, c.quoted.id].sort((a, b) => a - b));
  });

  test('SEC-7: the access log can be filtered by action=export', async () => {
    const res = await accessLog({ action: 'export', user_id: u.headA.user.id });
    assert.equal(res.status, 200, `GET /api/v1/audit/access-log?action=export: ${res.text}`);
    assert.ok(res.json.items.length >= 2 && res.json.items.every((e) => e.action === 'export'), res.text);
  });

  test('SEC-7: a refused export and one that found nothing name nobody in the access log', async () => {
    const before = (await exportEntries(u.headA.user.id)).length;
    assertProblem(await exportAs(u.headA.client, 'format=csv&reveal_reason=x'), 403, 'forbidden');
    assertProblem(await exportAs(u.headA.client, 'format=pdf'), 422, 'validation_failed');
    assertProblem(await exportAs(u.headA.client, 'format=csv&columns=nope'), 422, 'validation_failed');
    await csvExport(u.headA.client, `format=csv&owner_id=${u.salesB.user.id}`);
    assert.equal((await exportEntries(u.headA.user.id)).length, before);
  });

  test('SEC-7: each export is an audit event customer.exported with its rows, columns, query and whether it was unmasked', async () => {
    const reason = '审计抽查';
    const query = qs({ format: 'csv', columns: 'code,mobile', kind: 'individual', reveal_reason: reason });
    await csvExport(u.group.client, query);
    let [event] = await exportEvents(u.group.user.id);
    assert.equal(event.action, 'customer.exported');
    assert.equal(event.target, 'customers:export');
    assert.equal(event.actor_id, u.group.user.id);
    assert.deepEqual(event.detail, { format: 'csv', rows: 1, columns: ['code', 'mobile'], query, unmasked: true, reason });

    await csvExport(u.group.client, 'format=csv&columns=code,name,custom.level&grade=A');
    [event] = await exportEvents(u.group.user.id);
    assert.deepEqual(event.detail, { format: 'csv', rows: 2, columns: ['code', 'name', 'custom.level'],
      query: 'format=csv&columns=code,name,custom.level&grade=A', unmasked: false });

    const res = await exportAs(u.limited.client, 'format=xlsx');
    assert.equal(res.status, 200);
    [event] = await exportEvents(u.limited.user.id);
    assert.equal(event.detail.format, 'xlsx');
    assert.equal(event.detail.rows, Object.keys(c).length);
    assert.equal(event.detail.unmasked, false);
    assert.ok(!event.detail.columns.includes('industry') && !event.detail.columns.includes('custom.secret_plan'));
    assert.deepEqual(event.detail.columns.slice(0, 3), ['code', 'kind', 'name']);
    assert.ok(event.detail.columns.includes('owner_name') && event.detail.columns.includes('custom.hotline'));

    const refused = (await exportEvents(u.headA.user.id)).length;
    assertProblem(await exportAs(u.headA.client, 'format=csv&reveal_reason=x'), 403, 'forbidden');
    assert.equal((await exportEvents(u.headA.user.id)).length, refused, 'a refused export is no event');
  });
});

// ---------------------------------------------------------------- large exports: approval first

describe('large exports need an approval (issue 5 point 6, ADR 0016)', () => {
  let asrv;
  const a = {};    // name → {user, client}
  const ac = [];   // customers of the department (owned by a.sales)
  let auditor;
  let pendingId;   // an export request still pending
  let approvedId;  // head's approved export request
  const LARGE = qs({ format: 'csv', columns: 'code,name,mobile', sort: 'name' });

  before(async () => {
    asrv = await startServer({ env: { GUANXI_EXPORT_APPROVAL_ROWS: '2' } });
    const aadmin = await adminClient(asrv);
    const root = await rootUnit(aadmin);
    const dept = await createUnit(aadmin, '审批导出部', root.id);
    const lonely = await createUnit(aadmin, '无上级部', root.id);
    a.gm = await createUser(asrv, aadmin, 'exa.gm', { roles: ['group_management'], unitId: root.id, displayName: '集团王总' });
    a.head = await createUser(asrv, aadmin, 'exa.head', { roles: ['department_head'], unitId: dept.id, managerId: a.gm.user.id, displayName: '部门李经理' });
    a.otherHead = await createUser(asrv, aadmin, 'exa.head2', { roles: ['department_head'], unitId: dept.id, managerId: a.gm.user.id });
    a.alone = await createUser(asrv, aadmin, 'exa.alone', { roles: ['department_head'], unitId: lonely.id });
    a.gm2 = await createUser(asrv, aadmin, 'exa.gm2', { roles: ['group_management'], unitId: root.id, managerId: a.gm.user.id });
    a.sales = await createUser(asrv, aadmin, 'exa.sales', { roles: ['salesperson'], unitId: dept.id, managerId: a.head.user.id });
    auditor = (await createUser(asrv, aadmin, 'exa.auditor', { roles: ['auditor'], unitId: root.id })).client;
    for (const [name, mobile, grade] of [['甲公司', '13800000001', 'A'], ['乙公司', '13800000002', 'A'], ['丙公司', '13800000003', 'B']]) {
      const res = await a.gm.client.post('/api/v1/customers', { json: { kind: 'organization', name, mobile, grade, owner_id: a.sales.user.id } });
      assert.equal(res.status, 201, res.text);
      ac.push(res.json);
    }
    for (const name of ['丁公司', '戊公司', '庚公司']) {
      const res = await a.gm.client.post('/api/v1/customers', { json: { kind: 'organization', name, owner_id: a.alone.user.id } });
      assert.equal(res.status, 201, res.text);
    }
  });
  after(async () => { if (asrv) await asrv.stop(); });

  const exportEntriesOf = async (userId) => {
    const res = await auditor.get(`/api/v1/audit/access-log?user_id=${userId}&limit=500`);
    assert.equal(res.status, 200, res.text);
    return res.json.items.filter((e) => e.action === 'export');
  };
  const eventsOf = async (userId) => (await auditor.get(`/api/v1/audit/events?action=customer.exported&user_id=${userId}`)).json.items;
  const approve = async (id, who = 'gm') => {
    const res = await a[who].client.post(`/api/v1/approvals/${id}/approve`, { json: { comment: '同意导出' } });
    assert.equal(res.status, 200, res.text);
    return res.json;
  };

  test('issue 5 point 6: up to the set number of rows the export is sent at once', async () => {
    const { rows } = await csvExport(a.head.client, 'format=csv&columns=code&grade=A');
    assert.equal(rows.length, 2, 'exactly GUANXI_EXPORT_APPROVAL_ROWS rows: no approval');
  });

  test('ADR 0016: more rows answer 202 with a pending customer.export request to the requester\'s manager; nothing is exported or logged', async () => {
    const logged = (await exportEntriesOf(a.head.user.id)).map((e) => e.id);
    const events = (await eventsOf(a.head.user.id)).map((e) => e.id);
    assert.equal(logged.length, 1, 'the small export before');
    const res = await exportAs(a.head.client, LARGE);
    assert.equal(res.status, 202, res.text);
    assert.match(res.headers.get('content-type') || '', /^application\/json/);
    assert.equal(res.headers.get('content-disposition'), null);
    const { approval } = res.json;
    assert.equal(typeof approval.id, 'number');
    assert.equal(approval.type, 'customer.export');
    assert.equal(approval.type_name, '客户导出');
    assert.equal(approval.status, 'pending');
    assert.equal(approval.title, '导出客户（csv，超过 2 行）');
    assert.deepEqual(approval.payload, { format: 'csv', query: LARGE });
    assert.deepEqual(approval.requester, { id: a.head.user.id, name: '部门李经理' });
    assert.equal(approval.steps.length, 1);
    assert.equal(approval.steps[0].name, '直属上级审批');
    assert.equal(approval.steps[0].approver, 'manager');
    assert.equal(approval.steps[0].approver_name, '集团王总');
    assert.equal(approval.steps[0].days, 2);
    assert.equal(approval.can_withdraw, true);
    assert.equal(approval.target, 'customers:export');
    assert.deepEqual(approval.history.map((h) => [h.action, h.actor.id]), [['submitted', a.head.user.id]]);
    pendingId = approval.id;

    assert.deepEqual((await exportEntriesOf(a.head.user.id)).map((e) => e.id), logged, 'nothing more in the access log');
    assert.deepEqual((await eventsOf(a.head.user.id)).map((e) => e.id), events, 'no customer.exported event');
    const inbox = (await a.gm.client.get('/api/v1/approvals?assigned_to=me')).json.items;
    assert.ok(inbox.some((r) => r.id === pendingId && r.type === 'customer.export'), 'in the manager\'s inbox');

    const en = await exportAs(a.head.client, qs({ format: 'xlsx' }), { lang: 'en' });
    assert.equal(en.status, 202, en.text);
    assert.equal(en.json.approval.type_name, 'Customer export');
    assert.match(en.json.approval.title, /xlsx/);
    assert.deepEqual(en.json.approval.payload, { format: 'xlsx', query: 'format=xlsx' });
  });

  test('ADR 0016: a requester without a manager gets 422 approver_missing', async () => {
    assertProblem(await exportAs(a.alone.client, 'format=csv'), 422, 'approver_missing');
    const { rows } = await csvExport(a.alone.client, 'format=csv&columns=code&limit=1&q=' + encodeURIComponent('丁公司'));
    assert.equal(rows.length, 1, 'a small export still works');
  });

  test('ADR 0016: a pending request cannot be downloaded (409 approval_not_pending)', async () => {
    assertProblem(await exportAs(a.head.client, `approval_id=${pendingId}`), 409, 'approval_not_pending');
  });

  test('ADR 0016: once the manager approves, the requester downloads the stored query: every row, logged with the approval id', async () => {
    const res = await exportAs(a.head.client, LARGE);
    assert.equal(res.status, 202, res.text);
    approvedId = res.json.approval.id;
    const approved = await approve(approvedId);
    assert.equal(approved.status, 'approved');
    // The query runs at download time: a customer added after the approval is in it.
    const late = await a.gm.client.post('/api/v1/customers', { json: { kind: 'organization', name: '己公司', mobile: '13800000004', owner_id: a.sales.user.id } });
    assert.equal(late.status, 201, late.text);

    const before = Date.now();
    const { header, rows, res: file } = await csvExport(a.head.client, `approval_id=${approvedId}`);
    assertDownloadHeaders(file, 'csv', before);
    assert.deepEqual(header, ['客户编号', '客户名称', '手机']);
    const expected = (await listed(a.head.client, 'sort=name')).map((x) => [x.code, x.name, x.mobile]);
    assert.deepEqual(rows, expected);
    assert.equal(rows.length, 4);
    assert.ok(rows.every(([, , mobile]) => /^138\*{4}\d{4}$/.test(mobile)), 'masked as always');

    const [entry] = await exportEntriesOf(a.head.user.id);
    assert.deepEqual(entry.customers.map((x) => x.code).sort(), rows.map((r) => r[0]).sort());
    assert.deepEqual(entry.detail, { format: 'csv', part: 1, query: LARGE, approval_id: approvedId });
    const [event] = await eventsOf(a.head.user.id);
    assert.deepEqual(event.detail, { format: 'csv', rows: 4, columns: ['code', 'name', 'mobile'], query: LARGE,
      unmasked: false, approval_id: approvedId });

    // It may be downloaded again (the contract sets no limit).
    await csvExport(a.head.client, `approval_id=${approvedId}`);
  });

  test('ADR 0016: an approved download runs the stored query only; other parameters are ignored', async () => {
    const { header, rows } = await csvExport(a.head.client, `approval_id=${approvedId}&format=xlsx&columns=code`);
    assert.deepEqual(header, ['客户编号', '客户名称', '手机']);
    assert.equal(rows.length, 4);
  });

  test('ADR 0016: someone else\'s approval is 404 not_found, the approver\'s included', async () => {
    for (const who of ['gm', 'otherHead', 'gm2']) {
      assertProblem(await exportAs(a[who].client, `approval_id=${approvedId}`), 404, 'not_found');
    }
    assertProblem(await exportAs(a.head.client, 'approval_id=987654321'), 404, 'not_found');
    assertProblem(await exportAs(a.sales.client, `approval_id=${approvedId}`), 403, 'forbidden');
  });

  test('ADR 0016: a general request, even approved, or a withdrawn export is 409 approval_not_pending', async () => {
    const general = await a.head.client.post('/api/v1/approvals', { json: { type: 'general', title: '申请特价', payload: { content: '九折' } } });
    assert.equal(general.status, 201, general.text);
    assertProblem(await exportAs(a.head.client, `approval_id=${general.json.id}`), 409, 'approval_not_pending');
    await approve(general.json.id);
    assertProblem(await exportAs(a.head.client, `approval_id=${general.json.id}`), 409, 'approval_not_pending');

    const withdrawn = await a.head.client.post(`/api/v1/approvals/${pendingId}/withdraw`, { json: {} });
    assert.equal(withdrawn.status, 200, withdrawn.text);
    assertProblem(await exportAs(a.head.client, `approval_id=${pendingId}`), 409, 'approval_not_pending');

    const rejected = await exportAs(a.head.client, LARGE);
    assert.equal(rejected.status, 202, rejected.text);
    const no = await a.gm.client.post(`/api/v1/approvals/${rejected.json.approval.id}/reject`, { json: { comment: '不必导出' } });
    assert.equal(no.status, 200, no.text);
    assertProblem(await exportAs(a.head.client, `approval_id=${rejected.json.approval.id}`), 409, 'approval_not_pending');
  });

  test('ADR 0017: an export stopped for approval leaves no file behind', async () => {
    assert.equal((await exportAs(a.head.client, qs({ format: 'xlsx', sort: 'name' }))).status, 202);
    assert.equal((await exportAs(a.head.client, LARGE)).status, 202);
    assert.deepEqual(leftovers(asrv), []);
  });

  test('ADR 0016: approval_id that is not a positive integer is 422', async () => {
    for (const value of ['abc', '0', '-3']) {
      const res = await exportAs(a.head.client, `approval_id=${value}`);
      assertProblem(res, 422, 'validation_failed');
      assert.equal(res.json.errors[0].field, 'approval_id', value);
    }
  });

  test('ADR 0016, SEC-3: a request with a reveal_reason keeps it; the approved download is unmasked and logged with the reason', async () => {
    const reason = '年度审计需要完整联系方式';
    const query = qs({ format: 'csv', columns: 'code,mobile', owner_id: a.sales.user.id, reveal_reason: reason });
    const res = await exportAs(a.gm2.client, query);
    assert.equal(res.status, 202, res.text);
    assert.deepEqual(res.json.approval.payload, { format: 'csv', query, reveal_reason: reason });
    await approve(res.json.approval.id);
    const { rows } = await csvExport(a.gm2.client, `approval_id=${res.json.approval.id}`);
    assert.equal(rows.length, 4);
    assert.ok(rows.every(([, mobile]) => /^138\d{8}$/.test(mobile)), JSON.stringify(rows));
    const [entry] = await exportEntriesOf(a.gm2.user.id);
    assert.equal(entry.reason, reason);
    assert.equal(entry.detail.approval_id, res.json.approval.id);
    const [event] = await eventsOf(a.gm2.user.id);
    assert.equal(event.detail.unmasked, true);
    assert.equal(event.detail.reason, reason);
  });
});

describe('GUANXI_EXPORT_APPROVAL_ROWS=0 and the access log in parts (SEC-7)', () => {
  let zsrv;
  let group;
  let auditor;
  const TOTAL = 1001;

  before(async () => {
    zsrv = await startServer({ env: { GUANXI_EXPORT_APPROVAL_ROWS: '0' } });
    const zadmin = await adminClient(zsrv);
    const root = await rootUnit(zadmin);
    group = (await createUser(zsrv, zadmin, 'exz.group', { roles: ['group_management'], unitId: root.id })).client;
    auditor = (await createUser(zsrv, zadmin, 'exz.auditor', { roles: ['auditor'], unitId: root.id })).client;
    let next = 0;
    const worker = async () => {
      while (next < TOTAL) {
        const i = next++;
        const res = await group.post('/api/v1/customers', { json: { kind: 'organization', name: `批量客户${String(i).padStart(4, '0')}` } });
        assert.equal(res.status, 201, res.text);
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
  });
  after(async () => { if (zsrv) await zsrv.stop(); });

  test('SEC-7: 0 never asks for an approval; 1001 customers are logged in two entries of at most 1000 that together name each once', async () => {
    const { rows } = await csvExport(group, 'format=csv&columns=code');
    assert.equal(rows.length, TOTAL);
    // Read at once: ADR 0012 promises that a log read sees every read logged before it in this process.
    const res = await auditor.get('/api/v1/audit/access-log?limit=10');
    const entries = res.json.items.filter((e) => e.action === 'export');
    assert.equal(entries.length, 2, JSON.stringify(entries.map((e) => [e.action, e.customer_count, e.detail])));
    assert.deepEqual(entries.map((e) => e.detail.part).sort(), [1, 2]);
    assert.deepEqual(entries.map((e) => e.customer_count).sort((x, y) => x - y), [1, 1000]);
    for (const e of entries) assert.equal(e.detail.query, 'format=csv&columns=code');
    const logged = entries.flatMap((e) => e.customers.map((x) => x.code)).sort();
    assert.deepEqual(logged, rows.map((r) => r[0]).sort());
    const [event] = (await auditor.get('/api/v1/audit/events?action=customer.exported')).json.items;
    assert.equal(event.detail.rows, TOTAL);
  });
});

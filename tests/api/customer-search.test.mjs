// The one search box (CUS-14, ADR 0010): Chinese substrings of any length,
// pinyin and initials with word-level readings, traditional characters,
// full-width input, phone endings and exact identifiers, ranked in tiers.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { adminClient, createUser, rootUnit } from './lib.mjs';
import { residentId, uscc } from './ids.mjs';

let srv;
let sales;
let other;
const made = {};
before(async () => {
  srv = await startServer();
  const admin = await adminClient(srv);
  const root = await rootUnit(admin);
  sales = (await createUser(srv, admin, 'search.sales', { roles: ['salesperson'], unitId: root.id })).client;
  other = (await createUser(srv, admin, 'search.other', { roles: ['salesperson'], unitId: root.id })).client;
  const add = async (client, key, json) => {
    const res = await client.post('/api/v1/customers', { json });
    assert.equal(res.status, 201, res.text);
    made[key] = res.json;
  };
  await add(sales, 'huawei', { kind: 'organization', name: '华为技术有限公司', uscc: uscc(777001), phone: '0755-28780808' });
  await add(sales, 'peitao', { kind: 'organization', name: '深圳华为配套服务部' });
  await add(sales, 'boc', { kind: 'organization', name: '中国银行股份有限公司' });
  await add(sales, 'beer', { kind: 'organization', name: '重庆啤酒股份有限公司' });
  await add(sales, 'csbank', { kind: 'organization', name: '长沙银行' });
  await add(sales, 'zhangwei', { kind: 'individual', name: '张伟', mobile: '13912345678', id_type: 'resident_id', id_number: residentId(777) });
  await add(sales, 'ibm', { kind: 'organization', name: 'IBM中国有限公司' });
  await add(other, 'hidden', { kind: 'organization', name: '华为隐藏客户' });
});
after(async () => { if (srv) await srv.stop(); });

async function search(q, client = sales) {
  const res = await client.get(`/api/v1/customers?q=${encodeURIComponent(q)}&limit=50`);
  assert.equal(res.status, 200, res.text);
  return res.json.items.map((c) => c.name);
}

describe('customer search (CUS-14)', () => {
  const cases = [
    ['张伟', ['张伟'], 'a two-character name'],
    ['伟', ['张伟'], 'one character'],
    ['华为', ['华为技术有限公司', '深圳华为配套服务部'], 'name prefix first, then substring'],
    ['为技术', ['华为技术有限公司'], 'three characters inside a name'],
    ['huawei', ['华为技术有限公司', '深圳华为配套服务部'], 'full pinyin'],
    ['hwjs', ['华为技术有限公司'], 'pinyin initials'],
    ['zgyh', ['中国银行股份有限公司'], 'initials with 行 read hang'],
    ['yinhang', ['长沙银行', '中国银行股份有限公司'], 'pinyin of a word inside the name (shorter reading first)'],
    ['chongqing', ['重庆啤酒股份有限公司'], '重 read chong in 重庆'],
    ['changsha', ['长沙银行'], '长 read chang in 长沙'],
    ['華為', ['华为技术有限公司', '深圳华为配套服务部'], 'traditional characters'],
    ['ＨＵＡＷＥＩ', ['华为技术有限公司', '深圳华为配套服务部'], 'full-width letters'],
    ['ibm', ['IBM中国有限公司'], 'a Latin word'],
    ['5678', ['张伟'], 'the last four digits of a phone'],
    ['0808', ['华为技术有限公司'], 'a landline ending'],
    ['13912345678', ['张伟'], 'a full mobile number'],
  ];
  for (const [q, want, why] of cases) {
    test(`"${q}" finds ${want.join('、')} (${why})`, async () => {
      const got = await search(q);
      assert.deepEqual(got, want);
    });
  }

  test('exact code, ID number and USCC rank first and find only that customer', async () => {
    assert.deepEqual(await search(made.huawei.code), ['华为技术有限公司']);
    assert.deepEqual(await search(made.huawei.code.toLowerCase()), ['华为技术有限公司']);
    assert.deepEqual(await search(uscc(777001)), ['华为技术有限公司']);
    assert.deepEqual(await search(residentId(777)), ['张伟'], 'exact ID works although the list masks it');
  });

  test('search respects the data scope: another salesperson\'s customer never appears', async () => {
    assert.ok(!(await search('华为')).includes('华为隐藏客户'));
    assert.deepEqual(await search('华为', other), ['华为隐藏客户']);
  });

  test('search pages with a cursor across tiers without repeats', async () => {
    const seen = [];
    let cursor = null;
    do {
      const res = await sales.get(`/api/v1/customers?q=${encodeURIComponent('华为')}&limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      assert.equal(res.status, 200, res.text);
      seen.push(...res.json.items.map((c) => c.name));
      cursor = res.json.next_cursor;
    } while (cursor && seen.length < 10);
    assert.deepEqual(seen, ['华为技术有限公司', '深圳华为配套服务部']);
  });

  test('a renamed customer is found by its new name only', async () => {
    const c = made.beer;
    const res = await sales.request('PATCH', `/api/v1/customers/${c.id}`, { json: { name: '山城啤酒' }, headers: { 'If-Match': `"${c.version}"` } });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(await search('chongqing'), []);
    assert.deepEqual(await search('山城'), ['山城啤酒']);
  });

  test('filters combine with search', async () => {
    assert.equal((await search('yinhang')).length, 2);
    const res = await sales.get(`/api/v1/customers?q=yinhang&kind=individual`);
    assert.deepEqual(res.json.items, []);
  });
});

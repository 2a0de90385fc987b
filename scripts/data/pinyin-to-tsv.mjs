#!/usr/bin/env node
// Extract pinyin readings from the npm package `pinyin-pro` (MIT) as plain data:
//   word<TAB>pinyin-without-tones      (syllables separated by one space, ü written as v)
//
// Usage: node pinyin-to-tsv.mjs [--table words|chars|surnames|all] [--umlaut] [--out FILE] > pinyin.tsv
//   words    : multi-character phrases from dist/esm/data/dict2..dict5.mjs (default reading of each phrase)
//   chars    : every character of dist/esm/data/dict1.mjs with its FIRST (= default) reading
//   surnames : dist/esm/data/surname.mjs (readings valid only when the text is a person's surname)
//   all      : chars + words (default)
//   --umlaut : keep ü instead of v
//   --all-readings : for chars, print every reading (space separated, default first)
//   --out FILE : write FILE instead of stdout (the build uses this: no shell redirection needed)
// Rows are sorted by code point of the word, so the output is byte-for-byte reproducible.
import { writeFileSync } from 'node:fs';
import DICT1 from 'pinyin-pro/dist/esm/data/dict1.mjs';
import DICT2 from 'pinyin-pro/dist/esm/data/dict2.mjs';
import DICT3 from 'pinyin-pro/dist/esm/data/dict3.mjs';
import DICT4 from 'pinyin-pro/dist/esm/data/dict4.mjs';
import DICT5 from 'pinyin-pro/dist/esm/data/dict5.mjs';
import SURNAMES from 'pinyin-pro/dist/esm/data/surname.mjs';

const args = process.argv.slice(2);
const opt = name => args.includes(name);
const tIdx = args.indexOf('--table');
const table = tIdx >= 0 ? args[tIdx + 1] : 'all';
const umlaut = opt('--umlaut');
const allReadings = opt('--all-readings');
const outIdx = args.indexOf('--out');
const outFile = outIdx >= 0 ? args[outIdx + 1] : null;

// Strip tone marks but keep the diaeresis of ü: NFD, drop U+0300 grave, U+0301 acute,
// U+0304 macron, U+030C caron, and U+0302 circumflex (ê -> e, as in 欸); recompose.
function toneless(s) {
  let t = s.normalize('NFD').replace(/[\u0300\u0301\u0302\u0304\u030C]/g, '').normalize('NFC');
  if (!umlaut) t = t.replace(/ü/g, 'v');
  t = t.trim().replace(/\s+/g, ' ');
  const ok = umlaut ? /^[a-zü]+( [a-zü]+)*$/ : /^[a-z]+( [a-z]+)*$/;
  if (!ok.test(t)) throw new Error(`unexpected pinyin "${s}" -> "${t}"`);
  return t;
}

const out = new Map();
const put = (word, py) => {
  if (/[\t\n]/.test(word)) throw new Error(`bad word ${word}`);
  const n = [...word].length, syl = py.split(' ').length;
  if (n > 1 && n !== syl) throw new Error(`syllable count mismatch: ${word} ${py}`);
  if (!out.has(word)) out.set(word, py);
};

function chars() {
  // FastDictFactory: NumberDICT[charCode] for BMP chars, StringDICT for surrogate pairs.
  const entries = [];
  DICT1.NumberDICT.forEach((py, code) => { if (py) entries.push([String.fromCharCode(code), py]); });
  for (const [c, py] of DICT1.StringDICT) entries.push([c, py]);
  for (const [c, py] of entries) {
    const readings = [...new Set(py.trim().split(/\s+/).map(toneless))];
    out.set(c, allReadings ? readings.join(' ') : readings[0]);
  }
}
function words() {
  for (const d of [DICT2, DICT3, DICT4, DICT5])
    for (const [w, py] of Object.entries(d)) put(w, toneless(py));
}
function surnames() {
  for (const [w, py] of Object.entries(SURNAMES)) put(w, toneless(py));
}

if (table === 'chars') chars();
else if (table === 'words') words();
else if (table === 'surnames') surnames();
else if (table === 'all') { chars(); words(); }
else throw new Error(`unknown table ${table}`);

const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0); // UTF-16 order; fine for BMP, stable anyway
const rows = [...out].sort((a, b) => cmp(a[0], b[0])).map(([w, p]) => `${w}\t${p}`);
const text = rows.join('\n') + '\n';
if (outFile) writeFileSync(outFile, text);
else process.stdout.write(text);

// Check the extracted TSV with a naive forward-maximum-match (what a C++ consumer would do),
// and compare with pinyin-pro's own runtime segmentation.
import { readFileSync } from 'node:fs';
import { pinyin } from 'pinyin-pro';
const file = process.argv[2] || 'pinyin-all.tsv';
const dict = new Map(readFileSync(file, 'utf8').trim().split('\n').map(l => l.split('\t')));
const maxLen = Math.max(...[...dict.keys()].map(w => [...w].length));
function fmm(text) {
  const cs = [...text]; const out = [];
  for (let i = 0; i < cs.length;) {
    let done = false;
    for (let n = Math.min(maxLen, cs.length - i); n >= 1; n--) {
      const w = cs.slice(i, i + n).join('');
      if (dict.has(w)) { out.push(dict.get(w).split(' ').slice(0, n === 1 ? 1 : undefined).join(' ')); i += n; done = true; break; }
    }
    if (!done) { out.push(cs[i]); i++; }
  }
  return out.join(' ');
}
const tests = (process.argv[3] || '中国银行,重庆,长沙,银行,重庆银行,长沙银行,中国建设银行,招商银行行长,朝阳区,长城汽车,重庆长安汽车,曾国藩,单田芳,音乐,乐山,厦门,都江堰,蚌埠,六安,行业,重量,长大,华为技术有限公司').split(',');
for (const t of tests) console.log(`${t}\tFMM(${file})=${fmm(t)}\tpinyin-pro=${pinyin(t, { toneType: 'none', v: true })}`);

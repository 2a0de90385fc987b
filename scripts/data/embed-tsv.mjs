#!/usr/bin/env node
// Turn a generated TSV into a C++ source that compiles the text into the binary, so the
// server needs no data files at run time (like src/core/holiday_data.cpp.in, but produced by
// a build step that re-runs when the extractor scripts or the npm packages change).
//
// Usage: node embed-tsv.mjs --in FILE.tsv --out FILE.cpp --function NAME
//   Defines `std::span<const std::string_view> guanxi::search::embedded::NAME()` (declared in
//   src/search/embedded_data.h). The text is split at line ends into raw string literals of at
//   most ~32 KB each: one huge literal is fine for g++ and clang but not for every compiler, and
//   readers parse line by line anyway.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const args = process.argv.slice(2);
const arg = name => {
  const i = args.indexOf(name);
  if (i < 0 || i + 1 >= args.length) throw new Error(`missing ${name}`);
  return args[i + 1];
};
const inFile = arg('--in');
const outFile = arg('--out');
const fn = arg('--function');
if (!/^[a-z_][a-z0-9_]*$/.test(fn)) throw new Error(`bad function name ${fn}`);

const text = readFileSync(inFile, 'utf8');
const DELIM = 'GUANXI_TSV';
if (text.includes(`)${DELIM}"`)) throw new Error(`${inFile} contains the raw-string delimiter`);
if (!text.endsWith('\n')) throw new Error(`${inFile} must end with a newline`);

const CHUNK_BYTES = 32 * 1024;
const chunks = [];
let current = '';
for (const line of text.slice(0, -1).split('\n')) {
  if (current && Buffer.byteLength(current) + Buffer.byteLength(line) + 1 > CHUNK_BYTES) {
    chunks.push(current);
    current = '';
  }
  current += line + '\n';
}
if (current) chunks.push(current);

const out = [
  `// Generated at build time by scripts/data/embed-tsv.mjs from ${path.basename(inFile)}; do not edit.`,
  '#include "search/embedded_data.h"',
  '',
  'namespace guanxi::search::embedded {',
  'namespace {',
  `constexpr std::string_view ${fn}_chunks[] = {`,
  ...chunks.map(c => `R"${DELIM}(${c})${DELIM}",`),
  '};',
  '}  // namespace',
  '',
  `std::span<const std::string_view> ${fn}() { return ${fn}_chunks; }`,
  '',
  '}  // namespace guanxi::search::embedded',
  '',
].join('\n');
writeFileSync(outFile, out);

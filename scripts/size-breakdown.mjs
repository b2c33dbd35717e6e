#!/usr/bin/env node
// Where the bytes of a minified bundle go, by source module: reads the bundle and its source map (built by
// `npm run build`), gives every character of the output to the source file its mapping segment names
// (characters no segment names, such as the UMD wrapper, go to "(unmapped)"), and prints per module:
//   min   the minified characters from that module;
//   gzip  its marginal gzip cost: gzip -9 of the whole file minus gzip -9 of the file without that module's
//         characters (not valid JavaScript, but gzip does not care). What deleting the module would save,
//         give or take what the rest would then compress less well against. The column sums to less than
//         the file's gzip size, since text two modules share is paid for once.
//
// Usage: node scripts/size-breakdown.mjs [dist/scdk.umd.js] [--json]
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGIT = new Map([...BASE64].map((char, index) => [char, index]));
const UNMAPPED = '(unmapped)';

/** One line's segments of a source map's `mappings`: [generated column, source index?][]; VLQ state carries over lines. */
function* decodeMappings(mappings) {
  const state = [0, 0, 0, 0, 0]; // column (reset per line), source, source line, source column, name
  for (const line of mappings.split(';')) {
    state[0] = 0;
    const segments = [];
    for (const segment of line.split(',')) {
      if (!segment) continue;
      const fields = [];
      let value = 0;
      let shift = 0;
      for (const char of segment) {
        const digit = DIGIT.get(char);
        value += (digit & 31) << shift;
        if (digit & 32) {
          shift += 5;
        } else {
          fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      fields.forEach((delta, index) => (state[index] += delta));
      segments.push(fields.length > 1 ? [state[0], state[1]] : [state[0]]);
    }
    yield segments;
  }
}

const gzipSize = (text) => gzipSync(text, { level: 9 }).length;

/** Per source file: the output's characters from it, as one string (in order). */
export function charactersBySource(code, map) {
  const bySource = new Map();
  const lines = code.split('\n');
  const decoded = [...decodeMappings(map.mappings)];
  lines.forEach((text, lineIndex) => {
    const segments = decoded[lineIndex] ?? [];
    const owner = (index) => (index === undefined ? UNMAPPED : map.sources[index].replace(/^(\.\.\/)+/, ''));
    let from = 0;
    let source = UNMAPPED;
    const take = (to) => {
      if (to > from) bySource.set(source, (bySource.get(source) ?? []).concat([[lineIndex, from, to]]));
    };
    for (const [column, index] of segments) {
      take(column);
      from = column;
      source = owner(index);
    }
    take(text.length + 1); // the newline goes with the line's last segment
  });
  return { lines, bySource };
}

export function breakdown(file) {
  const code = readFileSync(file, 'utf8');
  const map = JSON.parse(readFileSync(`${file}.map`, 'utf8'));
  const { lines, bySource } = charactersBySource(code, map);
  const total = gzipSize(code);
  const rows = [...bySource].map(([source, ranges]) => {
    let without = '';
    let min = 0;
    lines.forEach((text, lineIndex) => {
      const own = ranges.filter(([line]) => line === lineIndex);
      let cursor = 0;
      const full = `${text}\n`;
      for (const [, from, to] of own) {
        without += full.slice(cursor, from);
        cursor = to;
        min += to - from;
      }
      without += full.slice(cursor);
    });
    return { source, min, gzip: total - gzipSize(without) };
  });
  rows.sort((a, b) => b.gzip - a.gzip);
  return { file, minified: code.length, gzip: total, rows };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const file = args.find((arg) => !arg.startsWith('--')) ?? 'dist/scdk.umd.js';
  const result = breakdown(file);
  if (args.includes('--json')) {
    console.log(JSON.stringify(result, null, 2));
  } else {
    console.log(`${file}: ${result.minified} B minified, ${result.gzip} B gzip -9\n`);
    console.log('| module | min | gzip (marginal) |\n|---|---:|---:|');
    for (const { source, min, gzip } of result.rows) console.log(`| ${source} | ${min} | ${gzip} |`);
    const sum = result.rows.reduce((acc, row) => acc + row.gzip, 0);
    console.log(`| sum of marginals | ${result.rows.reduce((acc, row) => acc + row.min, 0)} | ${sum} |`);
  }
}

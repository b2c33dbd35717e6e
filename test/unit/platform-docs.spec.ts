// docs/platform-endpoints.md against the kit: its endpoint table is the kit's route table, its limits are
// the kit's constants, every code it names is in the error table, every endpoint has a section, and its
// token table names the claims the README's does. A change to one without the other fails here.
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import * as server from '../../src/server/index';
import { ERROR_NAMES, isErrorCode } from '../../src/shared/error-codes';

const DOC = readFileSync(new URL('../../docs/platform-endpoints.md', import.meta.url), 'utf8');
const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/** The rows of the first table after `heading` (cells trimmed, backticks dropped), header and rule skipped. */
function tableAfter(text: string, heading: string): string[][] {
  const start = text.indexOf(`\n${heading}\n`);
  expect(start, `"${heading}" is in the document`).toBeGreaterThan(-1);
  const lines = text.slice(start + heading.length + 2).split('\n');
  const first = lines.findIndex((line) => line.startsWith('|'));
  const rows: string[][] = [];
  for (const line of lines.slice(first + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(line.slice(1, -1).split(/(?<!\\)\|/).map((cell) => cell.trim().replace(/`/g, '')));
  }
  return rows;
}

/** Every `| status | code | when |` table in the document. */
const statusRows = () =>
  [...DOC.matchAll(/\| status \| code \| when \|\n\|[-|]+\|\n((?:\|.*\|\n)+)/g)].flatMap((match) =>
    match[1].trim().split('\n').map((line) => line.slice(1, -1).split('|').map((cell) => cell.trim())),
  );

test('the endpoint table lists exactly the endpoints the kit serves', () => {
  const documented = tableAfter(DOC, '## Endpoints').map(([method, path]) => `${method} ${path}`);
  expect(documented.sort()).toEqual(server.SCDK_ENDPOINTS.map(({ method, path }) => `${method} ${path}`).sort());
});

test('every endpoint has a section of its own', () => {
  const headings = [...DOC.matchAll(/^## `(.*)`$/gm)].map((match) => match[1]);
  for (const { method, path } of server.SCDK_ENDPOINTS) {
    expect(headings.some((heading) => heading.includes(`${method} ${path}`) && !heading.includes(`${path}/`)), `${method} ${path}`).toBe(true);
  }
});

test('the limits are the kit\'s constants', () => {
  const limits = Object.fromEntries(tableAfter(DOC, '## Limits').map(([name, value]) => [name, Number(value)]));
  const exported = server as unknown as Record<string, unknown>;
  expect(Object.keys(limits).length).toBeGreaterThan(0);
  for (const [name, value] of Object.entries(limits)) expect(exported[name], name).toBe(value);
});

test('every status is an HTTP status and every code is in the error table', () => {
  const rows = statusRows();
  expect(rows.length).toBeGreaterThan(20);
  for (const [status, code] of rows) {
    expect(Number(status), status).toBeGreaterThanOrEqual(200);
    expect(Number(status), status).toBeLessThan(600);
    if (code) expect(isErrorCode(Number(code)), code).toBe(true);
  }
  // The error body's example is a real pair.
  const { code, message } = JSON.parse(/```json\n(.*)\n```/.exec(DOC)![1]).error;
  expect(ERROR_NAMES[code as keyof typeof ERROR_NAMES]).toBe(message);
});

test('the token table names the claims the README names, where it names them', () => {
  const claims = (rows: string[][]) => rows.map(([where, claim]) => `${where} ${claim}`);
  expect(claims(tableAfter(DOC, '## Token format'))).toEqual(claims(tableAfter(README, '## Token format')));
  expect(DOC).toContain(`\`MIN_LEEWAY_IN_SECONDS\` (${server.MIN_LEEWAY_IN_SECONDS} s)`);
});

#!/usr/bin/env node
// `npm run typecheck`: the SDK's sources against the browser's lib alone (tsconfig.json), and everything
// with node's types (tsconfig.test.json). Each tsc is one thread, so the two run side by side: 17 s here
// instead of 20 s one after the other. Fails if either fails; their output is printed one after the other.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const PROJECTS = ['tsconfig.json', 'tsconfig.test.json'];

function check(project) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [tsc, '-p', project, '--noEmit'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => resolve({ project, code: code ?? 1, output }));
    child.on('error', (error) => resolve({ project, code: 1, output: `Could not run tsc: ${error.message}\n` }));
  });
}

const results = await Promise.all(PROJECTS.map(check));
for (const { project, code, output } of results) {
  if (output) process.stdout.write(output);
  if (code !== 0) console.error(`typecheck: tsc -p ${project} failed`);
}
process.exit(results.some(({ code }) => code !== 0) ? 1 : 0);

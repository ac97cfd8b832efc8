#!/usr/bin/env node
// The staff dashboard of a 2,000-student school (each student a full year of attendance and contacts),
// counted by the core natively and in WebAssembly under node: the first (cold) run and the median of
// warm runs. Prints a Markdown section for docs/benchmarks.md. Run by `npm run bench`.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { root } from './serve.mjs';

const STUDENTS = 2000;
const ITERATIONS = 9;
const record = join(root, 'docs/examples/record.json');
const run = (command, args) =>
  JSON.parse(
    execFileSync(command, [...args, record, String(STUDENTS), String(ITERATIONS)], {
      encoding: 'utf8',
      env: { ...process.env, NODE_OPTIONS: '--no-experimental-fetch' },
    }),
  );
const native = run(join(root, 'build/native/tests/dashboard_bench'), []);
const wasm = run(process.execPath, [join(root, 'build/wasm/tests/dashboard_bench.js')]);
console.log(`## Staff dashboard (\`npm run bench\`)

A school of ${STUDENTS.toLocaleString('en')} students, each the example year (attendance thinned and contacts
varied per student), counted by \`view::dashboard\` (records already verified and parsed; the figures
as JSON text, ${(native.bytes / 1024).toFixed(0)} KB). Median of ${ITERATIONS} warm runs; cold is the first run in a fresh process.

| core | cold | warm |
|---|---|---|
| native | ${native.coldMs.toFixed(0)} ms | ${native.warmMedianMs.toFixed(0)} ms |
| WebAssembly (node) | ${wasm.coldMs.toFixed(0)} ms | ${wasm.warmMedianMs.toFixed(0)} ms |

The aim is under 250 ms in WebAssembly.
`);

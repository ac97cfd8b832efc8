#!/usr/bin/env node
// `npm run bench`: the example year from bytes to a verified view (and to the verified summary), natively,
// in WebAssembly under node, and in plain JavaScript (scripts/bench-baseline.mjs). Warm figures are
// medians of interleaved runs; first calls are measured in fresh processes (scripts/bench-cold.mjs).
// Writes docs/benchmarks.md. Timings are never asserted by tests.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { baselineSummary, importKey } from './bench-baseline.mjs';
import { prepareNodeCore } from './node-core.mjs';
import { root } from './serve.mjs';

const TODAY = '2026-05-15';
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 100);
const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS ?? 7);
const fepTool = join(root, 'build/native/cli/fep');
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ms = (value) => `${value.toFixed(2)} ms`;

// The example year, signed as a district would sign it.
const work = mkdtempSync(join(tmpdir(), 'fep-bench-'));
const file = (name) => join(work, name);
execFileSync(fepTool, ['keygen', '--out', file('k.jwk')]);
const jwksText = execFileSync(fepTool, ['jwks', file('k.jwk')], { encoding: 'utf8' });
writeFileSync(file('jwks.json'), jwksText);
const compact = execFileSync(
  fepTool,
  [
    'sign',
    '--key',
    file('k.jwk'),
    '--iss',
    'https://district.example.org',
    '--sub',
    'stu-7f3a9c',
    '--seq',
    '1',
    '--ttl',
    '30',
    join(root, 'docs/examples/record.json'),
  ],
  { encoding: 'utf8' },
).trim();
writeFileSync(file('bundle.jws'), compact);

// The core alone, natively and compiled to WebAssembly (the same C++ program): the best of three runs,
// since nothing runs beside them to share a busy moment with.
const coreBench = (command, args) =>
  [0, 1, 2]
    .map(() =>
      JSON.parse(
        execFileSync(command, [...args, file('bundle.jws'), file('jwks.json'), TODAY, String(ITERATIONS)], {
          encoding: 'utf8',
        }),
      ),
    )
    .sort((a, b) => a.totalMedianMs - b.totalMedianMs)[0];
const native = coreBench(join(root, 'build/native/tests/view_bench'), []);
const wasmCore = coreBench(process.execPath, [join(root, 'build/wasm/tests/view_bench.js')]);

// The browser module through the facade the widget uses, and the plain-JavaScript baseline. Warm runs
// interleave the paths (rotating their order) so a busy moment of the machine weighs on all alike.
const { createFepCore, wrapModule, wasmBinary } = await prepareNodeCore();
const core = wrapModule(await createFepCore({ wasmBinary }));
const key = await importKey(JSON.parse(jwksText).keys[0]);
const request = { bundle: compact, keys: jwksText, today: TODAY };
let viewBytes = 0;
const paths = {
  view: () => {
    const { view } = core.openBundle(request);
    viewBytes = JSON.stringify(view).length;
  },
  summary: () => core.summarizeBundle(request),
  js: () => baselineSummary(compact, key, TODAY),
};
const warm = { view: [], summary: [], js: [] };
const names = Object.keys(paths);
for (let i = 0; i <= ITERATIONS; i++) {
  for (let k = 0; k < names.length; k++) {
    const name = names[(i + k) % names.length];
    const start = performance.now();
    await paths[name]();
    if (i > 0) warm[name].push(performance.now() - start); // round 0 warms everything up
  }
}

// First calls, each in a fresh process.
const cold = {};
for (const path of ['view', 'warm-view', 'summary', 'js']) {
  const runs = [];
  for (let i = 0; i < COLD_RUNS; i++) {
    runs.push(
      JSON.parse(
        execFileSync(
          process.execPath,
          [join(root, 'scripts/bench-cold.mjs'), path, file('bundle.jws'), file('jwks.json'), TODAY],
          { encoding: 'utf8' },
        ),
      ),
    );
  }
  cold[path] = {
    ms: median(runs.map((r) => r.ms)),
    instantiateMs: median(runs.map((r) => r.instantiateMs)),
    warmUpMs: median(runs.map((r) => r.warmUpMs)),
  };
}

const wasmFile = join(root, 'build/wasm/wasm/fep_core.wasm');
const result = {
  bundleBytes: compact.length,
  viewBytes,
  wasmBytes: statSync(wasmFile).size,
  wasmGzipBytes: gzipSync(readFileSync(wasmFile), { level: 9 }).length,
  jsGlueGzipBytes: gzipSync(readFileSync(join(root, 'build/wasm/wasm/fep_core.mjs')), { level: 9 }).length,
  native,
  wasmCore,
  warmMedianMs: Object.fromEntries(names.map((name) => [name, median(warm[name])])),
  cold,
};
console.log(JSON.stringify(result, null, 2));

const w = result.warmMedianMs;
const ratio = (a, b) => `${(a / b).toFixed(2)}×`;
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, node ${process.version}`;
// This script owns the page up to the other benchmarks' sections, which it keeps as they are.
const page = join(root, 'docs/benchmarks.md');
const previous = readFileSync(page, 'utf8');
const othersAt = previous.indexOf('\n## Import');
const others = othersAt < 0 ? '' : previous.slice(othersAt);
writeFileSync(
  page,
  `# Benchmarks

Produced by \`npm run bench\` (scripts/bench.mjs) on ${new Date().toISOString().slice(0, 10)}, ${machine}.
The input is the example year (\`docs/examples/record.json\`, signed by \`fep sign\`): one JWS of
${result.bundleBytes.toLocaleString('en')} bytes. Every path starts from the compact JWS text. Warm figures
are medians of ${ITERATIONS} runs, the facade paths and the baseline interleaved; first calls are medians of
${COLD_RUNS} fresh processes, each timing its very first call (scripts/bench-cold.mjs).

## Bytes to a verified summary: the issue's comparison

The plain-JavaScript baseline (scripts/bench-baseline.mjs) verifies with WebCrypto, \`JSON.parse\`s the
payload and computes the summary counts: days enrolled and absent, rate and tier, missing work, last
contact. \`summarizeBundle\` returns the same summary (the one \`fep summary\` prints, docs/record-schema.md)
from the browser module, after everything the core also does and the baseline does not: strict
base64url, the header profile, duplicate-member and depth checks, every claim, and validation of the
whole record with JSON pointers.

| path | warm | first call |
|---|---:|---:|
| WebAssembly, \`summarizeBundle\` through the facade | ${ms(w.summary)} | ${ms(cold.summary.ms)} |
| plain JavaScript baseline | ${ms(w.js)} | ${ms(cold.js.ms)} |
| WebAssembly ÷ JavaScript | ${ratio(w.summary, w.js)} | ${ratio(cold.summary.ms, cold.js.ms)} |

## Bytes to the full view the widget renders

| path | warm | first call | what it does |
|---|---:|---:|---|
| native C++ (-O2), in-process, best of three runs | ${ms(native.totalMedianMs)} | ${ms(native.firstMs)} | verify ${ms(native.verifyMedianMs)} (header profile, Ed25519, strict JSON, claims) + view ${ms(native.viewMedianMs)} (record validation, attendance, grades, view JSON) |
| WebAssembly core alone (the same C++ under node, -O3; best of three runs) | ${ms(wasmCore.totalMedianMs)} | ${ms(wasmCore.firstMs)} | verify ${ms(wasmCore.verifyMedianMs)} + view ${ms(wasmCore.viewMedianMs)}; the summary instead of the view: ${ms(wasmCore.summaryMedianMs)} |
| WebAssembly, \`openBundle\` through the facade | ${ms(w.view)} | ${ms(cold.view.ms)} | the same, plus \`TextDecoder\` and \`JSON.parse\` of the ${Math.round(viewBytes / 1024)} KB view; instantiation ${ms(cold.view.instantiateMs)} once per page |
| the same after the widget's warm-up | | ${ms(cold['warm-view'].ms)} | \`warmUp()\` (${ms(cold['warm-view'].warmUpMs)}) runs a synthetic year through the core while the record downloads (simulated: 100 ms) |

Sizes: \`fep_core.wasm\` ${(result.wasmBytes / 1024).toFixed(0)} KB (${(result.wasmGzipBytes / 1024).toFixed(1)} KB gzip -9),
\`fep_core.mjs\` glue ${(result.jsGlueGzipBytes / 1024).toFixed(1)} KB gzip.

## Reading the figures

- Warm, the summary path is at parity with the baseline while doing strictly more work. The table
  is one run; on 2026-11-22 nine runs of this script gave ratios from 0.72× to 0.98×, and three runs
  of an earlier harness that rotated the paths differently gave 1.02× to 1.07×. Within this machine's
  noise, no slower.
  Ed25519's SHA-512 over the 212 KB signing input is a quarter of the WebAssembly time; WebCrypto
  computes that hash natively.
- The first call is where JavaScript keeps a clear lead (the ratio above): \`JSON.parse\` and WebCrypto
  are native code from the start, while a fresh WebAssembly module runs on V8's baseline compiler until
  its hot functions tier up. The widget therefore fetches the record while the module compiles and
  runs \`warmUp()\` meanwhile, which roughly halves the first real call. On repeat visits Chrome can skip
  both compilers: it caches the optimised code of modules of 128 KB or more compiled with
  \`instantiateStreaming\`, as the module's loader does (https://v8.dev/blog/wasm-code-caching; not
  measured here).
- The full view costs the core about ${ms(wasmCore.totalMedianMs - wasmCore.summaryMedianMs)} more
  than the summary (month calendars, grades by period, every assignment, the timeline), and crossing
  into JavaScript (\`TextDecoder\` + \`JSON.parse\`) adds the rest.
- Reproduce: \`npm run bench\` (\`BENCH_ITERATIONS\`, \`BENCH_COLD_RUNS\`). Timings vary by machine and
  load; never put one into a test.

## What was measured and changed (2026-11-22, same machine, full view through the facade)

| step | warm | first call |
|---|---:|---:|
| first version: DOM parse with a parse callback for duplicates, view built as a DOM then dumped | 11.6 ms | 122 ms |
| SAX-built DOM with duplicate check by map insertion; no deep copy of the claims; table base64url | 9.6 ms | 71 ms |
| the view written as JSON text directly (no DOM) | 7.5 ms | 79 ms |
| bundle in through \`TextEncoder.encodeInto\`; view out as bytes for \`TextDecoder\`; bulk escaping | 6.8 ms | 72 ms |
| rollback identity from the verified signature instead of a SHA-256 of the payload | −0.4 ms | −19 ms |
| \`json::Document\`: one strict pass into a flat node array, strings unescaped in place, the record validated straight from it (nlohmann kept for small JSON) | 3.8 ms | 30 ms |
| JSON pointers built only for the problem reported; ids as views; four-character base64url; exact decimal fast path; no snprintf in the writer; assignments inside a course without their course (96 KB view instead of 123 KB) | 2.8–3.0 ms | 25–35 ms |

One single process measured each row then (first calls were not yet taken in fresh processes), so the
early first-call figures are comparable with each other, not with the table above.
${others}`,
);
console.log('wrote docs/benchmarks.md');

#!/usr/bin/env node
// One cold first call in a fresh process, for `npm run bench`: node scripts/bench-cold.mjs
// view|summary|warm-view|js BUNDLE JWKS TODAY. Prints {ms, instantiateMs, warmUpMs}; warm-view first runs the
// module's warm-up, as the widget does while the record downloads. A fresh process is the only honest "first call": in one
// process V8 shares compiled WebAssembly between instances of the same module, and JavaScript stays hot.
import { readFileSync } from 'node:fs';
import { baselineSummary, importKey } from './bench-baseline.mjs';
import { prepareNodeCore } from './node-core.mjs';

const [path, bundleFile, jwksFile, today] = process.argv.slice(2);
const bundle = readFileSync(bundleFile, 'utf8').trim();
const keys = readFileSync(jwksFile, 'utf8');

let instantiateMs = 0;
let warmUpMs = 0;
let run;
if (path === 'js') {
  const key = await importKey(JSON.parse(keys).keys[0]);
  run = () => baselineSummary(bundle, key, today);
} else {
  const { createFepCore, wrapModule, wasmBinary } = await prepareNodeCore();
  const start = performance.now();
  const core = wrapModule(await createFepCore({ wasmBinary }));
  instantiateMs = performance.now() - start;
  if (path === 'warm-view') {
    const warmUpStart = performance.now();
    if (!core.warmUp()) throw new Error('warm-up failed');
    warmUpMs = performance.now() - warmUpStart;
    // The rest of the download: the engine finishes optimising in the background meanwhile.
    await new Promise((resolve) => setTimeout(resolve, Number(process.env.BENCH_DOWNLOAD_MS ?? 100)));
  }
  run =
    path === 'summary'
      ? () => core.summarizeBundle({ bundle, keys, today })
      : () => core.openBundle({ bundle, keys, today });
}
const start = performance.now();
await run();
console.log(JSON.stringify({ ms: performance.now() - start, instantiateMs, warmUpMs }));

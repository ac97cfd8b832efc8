// The browser's WebAssembly module and JavaScript facade, loaded in node (benchmarks, tests, the
// reference contact-log endpoint). Emscripten 3.1.6's ES module reaches for require and __dirname in
// its node branch; both are provided, and the .wasm is handed over as bytes (no fetch).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { root } from './serve.mjs';

const wasmDir = join(root, 'build/wasm/wasm');

/**
 * Everything but the instantiation: {createFepCore, wrapModule, wasmBinary}; `module` is fep_core (the
 * family's) or fep_staff (with the roster and the dashboards).
 */
export async function prepareNodeCore(module = 'fep_core') {
  globalThis.require ??= createRequire(join(wasmDir, `${module}.mjs`));
  globalThis.__dirname ??= wasmDir;
  const { default: createFepCore } = await import(join(wasmDir, `${module}.mjs`));
  const { wrapModule } = await import(join(root, 'web/src/core.js'));
  return { createFepCore, wrapModule, wasmBinary: readFileSync(join(wasmDir, `${module}.wasm`)) };
}

/** The facade (web/src/core.js) over a fresh instance of the module. */
export async function loadNodeCore(module = 'fep_core') {
  const { createFepCore, wrapModule, wasmBinary } = await prepareNodeCore(module);
  return wrapModule(await createFepCore({ wasmBinary }));
}

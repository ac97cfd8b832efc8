#!/usr/bin/env node
// Bundles the widget for embedding: dist/family-portal.js (one ES module: the element, the facade,
// the Emscripten glue and all eight catalogs) and dist/fep_core.wasm beside it, which the module finds
// through import.meta.url. Run by scripts/build.sh after the WebAssembly build.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { defaultMounts, root } from './serve.mjs';

const dist = join(root, 'dist');
mkdirSync(dist, { recursive: true });
await build({
  entryPoints: [join(root, 'web/src/define.js')],
  outfile: join(dist, 'family-portal.js'),
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: ['chrome100', 'firefox100', 'safari15'],
  minify: true,
  legalComments: 'none',
  // The Emscripten glue's node branch names node modules it never reaches in a browser.
  external: ['fs', 'path', 'crypto', 'module'],
  // web/src imports ../core/ and ../i18n/ as the server lays them out (scripts/serve.mjs mounts).
  plugins: [
    {
      name: 'served-layout',
      setup(b) {
        const mounts = defaultMounts();
        b.onResolve({ filter: /^\.\.\/(core|i18n)\// }, ({ path }) => {
          const [, folder, rest] = path.match(/^\.\.\/(core|i18n)\/(.*)$/);
          return { path: join(mounts[`/${folder}/`], rest) };
        });
      },
    },
  ],
  logLevel: 'warning',
});
copyFileSync(join(root, 'build/wasm/wasm/fep_core.wasm'), join(dist, 'fep_core.wasm'));
const size = (file) =>
  `${(statSync(join(dist, file)).size / 1024).toFixed(0)} KB (${(gzipSync(readFileSync(join(dist, file))).length / 1024).toFixed(0)} KB gzip)`;
console.log(`dist/family-portal.js ${size('family-portal.js')}, dist/fep_core.wasm ${size('fep_core.wasm')}`);

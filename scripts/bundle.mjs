#!/usr/bin/env node
// Bundles the widget for embedding, and lays out the site the hub and the demo server serve.
//   dist/family-portal.js        one ES module: the element, the facade, the Emscripten glue and all
//                                eight catalogs. A stable name schools embed: served `no-cache` + ETag.
//   dist/fep_core.<hash>.wasm    the core, named by its content so it is cached `immutable`; the
//                                module finds it through import.meta.url.
//   *.gz beside each             compressed once here (gzip -9), sent to browsers that accept gzip.
//   build/site/                  what fep-hub serves (--static): its page, style and icon, and dist/.
//   build/static-demo/           the static demo's pages (scripts/serve.mjs serves them at /demo/).
// Pages get the hashed name filled in.
// Run by scripts/build.sh after the WebAssembly build.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { defaultMounts, root } from './serve.mjs';

const dist = join(root, 'dist');
const site = join(root, 'build/site');
const staticDemo = join(root, 'build/static-demo');
for (const folder of [dist, site, staticDemo]) rmSync(folder, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

const wasm = readFileSync(join(root, 'build/wasm/wasm/fep_core.wasm'));
const wasmName = `fep_core.${createHash('sha256').update(wasm).digest('hex').slice(0, 16)}.wasm`;
writeFileSync(join(dist, wasmName), wasm);

const bundled = await build({
  entryPoints: [join(root, 'web/src/define.js')],
  write: false,
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
// The glue names its .wasm once, as a literal beside import.meta.url: point it at the hashed file.
const glue = bundled.outputFiles[0].text;
const named = glue.split('"fep_core.wasm"');
if (named.length < 2) throw new Error('bundle.mjs: the glue no longer names "fep_core.wasm"');
writeFileSync(join(dist, 'family-portal.js'), named.join(JSON.stringify(wasmName)));

for (const file of readdirSync(dist)) {
  writeFileSync(join(dist, `${file}.gz`), gzipSync(readFileSync(join(dist, file)), { level: 9 }));
}

// Pages name the hashed file in their preload links.
const page = (from, to) =>
  writeFileSync(to, readFileSync(from, 'utf8').replaceAll('/dist/fep_core.wasm', `/dist/${wasmName}`));
mkdirSync(staticDemo, { recursive: true });
for (const file of readdirSync(join(root, 'web/demo'))) {
  const from = join(root, 'web/demo', file);
  if (file.endsWith('.html')) page(from, join(staticDemo, file));
  else cpSync(from, join(staticDemo, file));
}
mkdirSync(site);
page(join(root, 'web/hub/index.html'), join(site, 'index.html'));
for (const file of ['demo.css', 'favicon.svg']) cpSync(join(root, 'web/demo', file), join(site, file));
cpSync(dist, join(site, 'dist'), { recursive: true });

const size = (file) =>
  `${(statSync(join(dist, file)).size / 1024).toFixed(0)} KB (${(statSync(join(dist, `${file}.gz`)).size / 1024).toFixed(0)} KB gzip)`;
console.log(`dist/family-portal.js ${size('family-portal.js')}, dist/${wasmName} ${size(wasmName)}`);

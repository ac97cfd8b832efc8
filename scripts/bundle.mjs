#!/usr/bin/env node
// Bundles the widget for embedding, and lays out the site the hub and the demo server serve.
//   dist/family-portal.js        the element's ES module, under a stable name schools embed: served
//                                `no-cache` + ETag. It loads the rest on demand:
//   dist/<name>.<hash>.js        chunks named by their content, cached `immutable`: the Emscripten glue
//                                of each module, the catalogs other than English (a reader downloads only
//                                their own language), the views past the first screen (tabs.<hash>.js,
//                                fetched once the first record shows) and what the entry shares with them
//                                (family-portal-shared.<hash>.js: the entry imports it, pages preload it);
//   dist/fep_core.<hash>.wasm    the family's core, and fep_staff.<hash>.wasm, the staff module (the
//                                roster and the dashboards), fetched only for staff;
//   dist/family-portal.<hash>.js the entry again under a content name, for pages built here (the hub's):
//                                a return visit then revalidates nothing but the page itself;
//   *.br, *.gz beside each       compressed once here (Brotli 11, gzip -9), for browsers that accept them
//                                (the site's own files too, but its page, which a school may edit).
//   build/site/                  what fep-hub serves (--static): its page, style, icon and page script,
//                                the page's service worker (sw.js, web/hub/sw.js with its file list), dist/.
//   build/static-demo/           the static demo's pages (scripts/serve.mjs serves them at /demo/).
// Pages get the hashed names filled in.
// Run by scripts/build.sh after the WebAssembly build.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { defaultMounts, root } from './serve.mjs';

const dist = join(root, 'dist');
const site = join(root, 'build/site');
const staticDemo = join(root, 'build/static-demo');
for (const folder of [dist, site, staticDemo]) rmSync(folder, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

const contentHash = (data) => createHash('sha256').update(data).digest('hex').slice(0, 16);

const wasmNames = {};
for (const module of ['fep_core', 'fep_staff']) {
  const wasm = readFileSync(join(root, `build/wasm/wasm/${module}.wasm`));
  wasmNames[module] = `${module}.${contentHash(wasm)}.wasm`;
  writeFileSync(join(dist, wasmNames[module]), wasm);
}

const bundled = await build({
  entryPoints: { 'family-portal': join(root, 'web/src/define.js') },
  absWorkingDir: root,
  write: false,
  outdir: dist,
  bundle: true,
  splitting: true,
  chunkNames: '[name]-[hash]',
  metafile: true,
  format: 'esm',
  platform: 'browser',
  target: ['chrome100', 'firefox100', 'safari15'],
  minify: true,
  legalComments: 'none',
  // The Emscripten glue's node branch names node modules it never reaches in a browser; left as a plain
  // global call, `require` needs no shim (which esbuild would put in a chunk of its own).
  external: ['fs', 'path', 'crypto', 'module'],
  define: { require: 'globalThis.require' },
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

// esbuild's chunk names become content names the hub recognises (name.<16 hex>.js), dependencies first
// so that each name covers what its file imports; each glue names its .wasm once, as a literal beside
// import.meta.url, which is pointed at the hashed file.
const outputs = new Map(bundled.outputFiles.map((file) => [basename(file.path), file.text]));
const importsOf = (file) =>
  bundled.metafile.outputs[relative(root, join(dist, file))].imports
    .filter((imported) => !imported.external)
    .map((imported) => basename(imported.path));
const finalNames = new Map();
let entryName; // the entry again under its content name, for the pages built here
function finish(file) {
  if (finalNames.has(file)) return finalNames.get(file);
  let text = outputs.get(file);
  for (const dependency of importsOf(file)) text = text.replaceAll(`./${dependency}`, `./${finish(dependency)}`);
  for (const [module, name] of Object.entries(wasmNames))
    text = text.replaceAll(`"${module}.wasm"`, JSON.stringify(name));
  // esbuild's "chunk" is what the entry shares with a chunk it loads later (Lit, the shared views).
  const base = file.replace(/-[A-Z0-9]+\.js$/, '').replace(/^chunk$/, 'family-portal-shared');
  const name = file === 'family-portal.js' ? file : `${base}.${contentHash(text)}.js`;
  writeFileSync(join(dist, name), text);
  if (name === file) {
    entryName = `family-portal.${contentHash(text)}.js`;
    writeFileSync(join(dist, entryName), text);
  }
  finalNames.set(file, name);
  return name;
}
finish('family-portal.js');
const glues = [...finalNames.values()].filter((name) => /^fep_(core|staff)\./.test(name));
for (const glue of glues) {
  if (!Object.values(wasmNames).some((name) => readFileSync(join(dist, glue), 'utf8').includes(name)))
    throw new Error(`bundle.mjs: ${glue} no longer names its .wasm as a literal`);
}
if (glues.length !== 2) throw new Error(`bundle.mjs: expected the two modules' glue as chunks, found ${glues}`);

function compressBeside(path) {
  const bytes = readFileSync(path);
  writeFileSync(`${path}.gz`, gzipSync(bytes, { level: 9 }));
  const brotli = { [zlib.BROTLI_PARAM_QUALITY]: zlib.BROTLI_MAX_QUALITY, [zlib.BROTLI_PARAM_SIZE_HINT]: bytes.length };
  writeFileSync(`${path}.br`, brotliCompressSync(bytes, { params: brotli }));
}
for (const file of readdirSync(dist)) compressBeside(join(dist, file));

const tabs = [...finalNames.values()].find((name) => name.startsWith('tabs.'));
// What the entry imports before it runs (the code it shares with the tabs it loads later): the pages
// preload it beside the entry, so that it is not a round trip after it.
const entryImports = bundled.metafile.outputs[relative(root, join(dist, 'family-portal.js'))].imports
  .filter((imported) => imported.kind === 'import-statement' && !imported.external)
  .map((imported) => finalNames.get(basename(imported.path)));
const ENTRY_PRELOAD = /( *)<link rel="modulepreload" href="\/dist\/family-portal\.js" \/>\n/;

// Pages name the hashed files: the core and its glue in their preload links, the entry in their script.
const page = (from) =>
  readFileSync(from, 'utf8')
    .replace(ENTRY_PRELOAD, (line, indent) =>
      [line, ...entryImports.map((name) => `${indent}<link rel="modulepreload" href="/dist/${name}" />\n`)].join(''),
    )
    .replaceAll('/dist/fep_core.wasm', `/dist/${wasmNames.fep_core}`)
    .replaceAll('/dist/fep_core.js', `/dist/${glues.find((name) => name.startsWith('fep_core.'))}`)
    .replaceAll('/dist/family-portal.js', `/dist/${entryName}`);
mkdirSync(staticDemo, { recursive: true });
for (const file of readdirSync(join(root, 'web/demo'))) {
  const from = join(root, 'web/demo', file);
  if (file.endsWith('.html')) writeFileSync(join(staticDemo, file), page(from));
  else cpSync(from, join(staticDemo, file));
}
// The hub's page: its style sheet blocks the first paint, so it too is named by its content (cached
// `immutable`, no revalidation on a return visit).
mkdirSync(site);
const style = readFileSync(join(root, 'web/demo/demo.css'));
const styleName = `demo.${contentHash(style)}.css`;
writeFileSync(join(site, styleName), style);
const pageScript = readFileSync(join(root, 'web/hub/page.js'));
const pageScriptName = `page.${contentHash(pageScript)}.js`;
writeFileSync(join(site, pageScriptName), pageScript);
// The icon too: the browser asks for it again when the page drops the invite from its address.
const icon = readFileSync(join(root, 'web/demo/favicon.svg'));
const iconName = `favicon.${contentHash(icon)}.svg`;
writeFileSync(join(site, iconName), icon);
const pageText = page(join(root, 'web/hub/index.html'))
  .replaceAll('href="/demo.css"', `href="/${styleName}"`)
  .replaceAll('href="/favicon.svg"', `href="/${iconName}"`)
  .replaceAll('src="/page.js"', `src="/${pageScriptName}"`);
writeFileSync(join(site, 'index.html'), pageText);

cpSync(dist, join(site, 'dist'), { recursive: true });
// The page's service worker, under its fixed name (the browser checks it for a new version on each
// visit), told the files a first render needs and the other tabs' views (on a first visit they are
// fetched before the worker is in charge: kept only so, they are there offline); its version changes
// whenever one of them does.
const named = [...pageText.matchAll(/(?:href|src)="(\/[^"]+)"/g)].map((match) => match[1]);
const shell = [...new Set(['/', ...named, `/dist/${tabs}`])];
const worker = readFileSync(join(root, 'web/hub/sw.js'), 'utf8')
  .replace("const SHELL = ['/'];", `const SHELL = ${JSON.stringify(shell)};`)
  .replace("const VERSION = 'unbuilt';", `const VERSION = '${contentHash(pageText)}';`);
if (!worker.includes(pageScriptName) || worker.includes("'unbuilt'"))
  throw new Error('bundle.mjs: web/hub/sw.js no longer takes its file list');
writeFileSync(join(site, 'sw.js'), worker);
// Not the page itself: a school edits it (scripts/second-district.mjs pins a key on it), and a compressed
// copy left beside it would be served instead of the edit.
for (const file of [pageScriptName, styleName, 'sw.js']) compressBeside(join(site, file));

const kilobytes = (file) => `${(statSync(join(dist, file)).size / 1024).toFixed(0)} KB`;
const size = (file) => `${kilobytes(file)} (${kilobytes(`${file}.gz`)} gzip, ${kilobytes(`${file}.br`)} Brotli)`;
const unpreloaded = entryImports.filter((name) => !pageText.includes(`href="/dist/${name}"`));
if (unpreloaded.length)
  throw new Error(`bundle.mjs: the hub's page does not preload ${unpreloaded}, which the entry imports`);
console.log(`dist/family-portal.js ${size('family-portal.js')}`);
for (const file of [...entryImports, tabs, ...glues, ...Object.values(wasmNames)])
  console.log(`dist/${file} ${size(file)}`);

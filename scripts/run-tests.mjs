#!/usr/bin/env node
// Runs every test level and prints each level's pass/fail count, then the total. Exits non-zero if any
// level fails or runs no test at all. Levels: GoogleTest natively through ctest; the same GoogleTest
// suite compiled to WebAssembly under node; node tests (fep CLI, jose interop, catalogs, record schema,
// contact log through the WebAssembly facade); the hub over HTTP on SQLite and again on PostgreSQL; the
// PostgreSQL-only suites (the store's GoogleTest rules, several hub processes on one database, faults);
// browser tests in Chromium through playwright-core; the libFuzzer target.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './serve.mjs';

function run(command, args, options = {}) {
  console.log(`\n$ ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.stderr) printFuzzerSummary(result.stderr, result.status);
  return result.status;
}

// libFuzzer's progress lines run to thousands; keep its verdict and final statistics.
function printFuzzerSummary(stderr, status) {
  const lines = stderr.split('\n');
  const keep = lines.filter((line) => /^(Done|stat::|INFO: Seed|==\d+==|SUMMARY|.*ERROR|.*runtime error)/.test(line));
  console.log(keep.join('\n'));
  if (status !== 0) console.log(lines.slice(-60).join('\n'));
}

// Counts from the gtest JSON reports each test executable writes (see tests/CMakeLists.txt). An
// executable that crashed writes no report: ctest's exit status catches that.
function gtestLevel(preset) {
  const reports = join(root, 'build', preset, 'test-reports');
  rmSync(reports, { recursive: true, force: true });
  const status = run('ctest', ['--preset', preset]);
  let passed = 0,
    failed = 0;
  for (const file of existsSync(reports) ? readdirSync(reports) : []) {
    const report = JSON.parse(readFileSync(join(reports, file), 'utf8'));
    failed += report.failures + (report.errors ?? 0);
    passed += report.tests - report.failures - (report.errors ?? 0) - (report.disabled ?? 0);
  }
  return { passed, failed: status === 0 ? failed : Math.max(failed, 1) };
}

// node:test suites in `folder`, counted from a TAP report written beside the readable one.
function nodeTestLevel(folder, env = {}) {
  const tap = join(
    root,
    'build',
    `${folder.replaceAll('/', '-')}${env.FEP_HUB_BACKEND ? `-${env.FEP_HUB_BACKEND}` : ''}.tap`,
  );
  mkdirSync(join(root, 'build'), { recursive: true });
  const status = run(
    'node',
    [
      '--test',
      '--test-concurrency=1',
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      '--test-reporter=tap',
      `--test-reporter-destination=${tap}`,
      `${folder}/`,
    ],
    { env: { ...process.env, ...env } },
  );
  const text = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
  const count = (name) => Number(text.match(new RegExp(`^# ${name} (\\d+)$`, 'm'))?.[1] ?? 0);
  return { passed: count('pass'), failed: status === 0 ? count('fail') : Math.max(count('fail'), 1) };
}

// The libFuzzer target under ASan+UBSan for FEP_FUZZ_SECONDS (default 60). A crash, leak or sanitizer
// report makes libFuzzer exit non-zero and leaves the input in build/fuzz/crashes/.
function fuzzLevel() {
  const seconds = Number(process.env.FEP_FUZZ_SECONDS ?? 60);
  const corpus = join(root, 'build/fuzz/corpus');
  const crashes = join(root, 'build/fuzz/crashes');
  mkdirSync(corpus, { recursive: true });
  mkdirSync(crashes, { recursive: true });
  const status = run(
    join(root, 'build/fuzz/tests/fuzz/bundle_fuzzer'),
    [
      `-max_total_time=${seconds}`,
      '-max_len=4096',
      '-print_final_stats=1',
      '-dict=tests/fuzz/bundle.dict',
      `-artifact_prefix=${crashes}/`,
      corpus,
      'tests/fuzz/seeds',
    ],
    { stdio: ['ignore', 'inherit', 'pipe'], encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
  );
  return status === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 };
}

// Formatting and lint, enforced here rather than in review: clang-format on every C++ file, ESLint
// and Prettier on the JavaScript. Each tool is one check.
function styleLevel() {
  const cpp = spawnSync('git', ['ls-files', '*.cpp', '*.h'], { cwd: root, encoding: 'utf8' })
    .stdout.split('\n')
    .filter(Boolean);
  const checks = [
    run('clang-format', ['--dry-run', '--Werror', ...cpp]),
    run('node_modules/.bin/eslint', ['--max-warnings=0', '.']),
    run('node_modules/.bin/prettier', ['--check', '--log-level=warn', '.']),
  ];
  const failed = checks.filter((status) => status !== 0).length;
  return { passed: checks.length - failed, failed };
}

const levels = [
  ['style (clang-format, ESLint, Prettier)', styleLevel],
  ['native (GoogleTest, ctest)', () => gtestLevel('native')],
  ['wasm (GoogleTest under node)', () => gtestLevel('wasm')],
  ['node (fep CLI, jose interop, catalogs, record schema, contact log)', () => nodeTestLevel('tests/node')],
  ['hub (fep-hub over HTTP, SQLite)', () => nodeTestLevel('tests/hub')],
  ['hub on PostgreSQL (the same suite)', () => nodeTestLevel('tests/hub', { FEP_HUB_BACKEND: 'postgresql' })],
  ['postgresql (store rules, several hub processes, faults)', () => nodeTestLevel('tests/postgres')],
  ['browser (Chromium, playwright-core)', () => nodeTestLevel('tests/browser')],
  ['fuzz (libFuzzer bundle_fuzzer, ASan+UBSan)', fuzzLevel],
];

const results = levels.map(([name, runLevel]) => [name, runLevel()]);
console.log('\nTest levels:');
let passed = 0,
  failed = 0,
  empty = false;
for (const [name, result] of results) {
  console.log(`  ${name}: ${result.passed} passed, ${result.failed} failed`);
  passed += result.passed;
  failed += result.failed;
  empty ||= result.passed + result.failed === 0;
}
if (empty) console.log('  a level ran no test: that is a failure');
console.log(`total: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 && !empty ? 0 : 1);

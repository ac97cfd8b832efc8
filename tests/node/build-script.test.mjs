// scripts/build.sh must fail when the build fails: a compile error may never leave stale binaries for
// the tests to run. Proved on a temporary copy of the repository with one source file broken.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { root } from '../../scripts/serve.mjs';

test('a compile error makes scripts/build.sh exit non-zero and say which build failed', () => {
  const copy = mkdtempSync(join(tmpdir(), 'fep-build-'));
  try {
    // Every tracked file (so a new folder is never missed), but not the fuzzer's seeds.
    const files = spawnSync('git', ['ls-files'], { cwd: root, encoding: 'utf8' }).stdout.split('\n');
    for (const file of files.filter((f) => f && !f.startsWith('tests/fuzz/seeds/'))) {
      mkdirSync(join(copy, dirname(file)), { recursive: true });
      cpSync(join(root, file), join(copy, file));
    }
    appendFileSync(join(copy, 'core/error.h'), '\n#error broken on purpose by build-script.test.mjs\n');
    const result = spawnSync('bash', ['scripts/build.sh', 'native'], { cwd: copy, encoding: 'utf8' });
    assert.notEqual(result.status, 0, result.stdout);
    assert.match(result.stderr, /build failed: native/);
    assert.match(result.stdout + result.stderr, /broken on purpose/);
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
});

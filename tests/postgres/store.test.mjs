// The store's GoogleTest rules (tests/hub_test.cpp, HubStore.*), run again against PostgreSQL: the
// same expectations hold on both databases.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { startPostgres } from '../../scripts/postgres.mjs';
import { root } from '../../scripts/serve.mjs';

test('the HubStore GoogleTest suite passes on PostgreSQL', (t) => {
  const cluster = startPostgres();
  t.after(() => cluster.stop());
  const result = spawnSync(join(root, 'build/native/tests/hub_test'), ['--gtest_filter=HubStore.*'], {
    encoding: 'utf8',
    env: { ...process.env, FEP_TEST_DATABASE: cluster.createDatabase('store_test') },
  });
  for (const line of result.stdout.split('\n')) if (/^\[ +(OK|FAILED) +\]/.test(line)) t.diagnostic(line);
  assert.equal(result.status, 0, result.stdout + result.stderr);
  const ran = Number(result.stdout.match(/\[ +PASSED +\] (\d+) tests?/)?.[1] ?? 0);
  assert.ok(ran >= 6, `only ${ran} store tests ran`);
});

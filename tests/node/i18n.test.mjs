// The message catalogs: complete in every language, and the check itself can fail.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkCatalog, checkCatalogs } from '../../scripts/check-i18n.mjs';
import { root } from '../../scripts/serve.mjs';

const folder = join(root, 'i18n');
const en = JSON.parse(readFileSync(join(folder, 'en.json'), 'utf8'));
const LANGUAGES = ['en', 'es', 'zh-Hans', 'vi', 'ar', 'fr', 'ht', 'am'];

test('all eight catalogs are complete: keys, plural forms and placeholders', () => {
  assert.deepEqual(checkCatalogs(folder), []);
  for (const lang of LANGUAGES) JSON.parse(readFileSync(join(folder, `${lang}.json`), 'utf8'));
});

test('every error code of the core has a message in every language', () => {
  const source = readFileSync(join(root, 'core/error.cpp'), 'utf8');
  const codes = [...source.matchAll(/^\s*\{"([a-z_]+)", "/gm)].map((m) => m[1]).filter((c) => c !== 'ok');
  assert.ok(codes.length >= 14, codes.join());
  for (const lang of LANGUAGES) {
    const catalog = JSON.parse(readFileSync(join(folder, `${lang}.json`), 'utf8'));
    for (const code of codes) assert.ok(catalog[`error.${code}`], `${lang}: error.${code}`);
  }
});

test('Arabic is right to left; languages not reviewed by a native speaker say so', () => {
  assert.equal(JSON.parse(readFileSync(join(folder, 'ar.json'), 'utf8')).$dir, 'rtl');
  assert.equal(en.$reviewed, true);
  for (const lang of LANGUAGES.filter((l) => l !== 'en')) {
    const catalog = JSON.parse(readFileSync(join(folder, `${lang}.json`), 'utf8'));
    assert.equal(typeof catalog.$reviewed, 'boolean');
    if (!catalog.$reviewed) assert.match(catalog.$note, /not yet reviewed/);
  }
});

test('negative control: the check finds a missing key, an extra key, a missing plural form and a placeholder mismatch', () => {
  const broken = structuredClone(JSON.parse(readFileSync(join(folder, 'ar.json'), 'utf8')));
  delete broken['tab.grades'];
  broken['tab.extra'] = 'x';
  delete broken['grades.missing'].few;
  broken['badge.verified'] = 'تم التحقق'; // {issuer} dropped
  broken['grades.due'] = 'موعد {day}'; // unknown placeholder
  const problems = checkCatalog('ar', broken, en);
  assert.ok(problems.includes('ar: missing key tab.grades'), problems.join('\n'));
  assert.ok(problems.includes('ar: extra key tab.extra'));
  assert.ok(problems.includes('ar: grades.missing lacks the plural form "few"'));
  assert.ok(problems.includes('ar: badge.verified lacks {issuer}'));
  assert.ok(problems.includes('ar: grades.due uses an unknown placeholder {day}'));
});

#!/usr/bin/env node
// Checks the message catalogs in i18n/ against the English one: the same keys (no missing, no extra),
// a plural form for every CLDR category the language uses, and the same {placeholders} (a plural form
// for zero, one or two may leave out {count}, which its words already say). Prints the problems and
// exits 1 if there are any. Used by tests/node/i18n.test.mjs.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const CLDR_CATEGORIES = new Set(['zero', 'one', 'two', 'few', 'many', 'other']);
const placeholders = (text) => new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]));
const enPlaceholders = (message) =>
  new Set(
    Object.values(typeof message === 'object' ? message : { other: message }).flatMap((t) => [...placeholders(t)]),
  );

/** Problems of one catalog (`lang`, parsed JSON) measured against English. */
export function checkCatalog(lang, catalog, en) {
  const problems = [];
  const keys = (c) => Object.keys(c).filter((k) => !k.startsWith('$'));
  for (const key of keys(en)) if (!(key in catalog)) problems.push(`${lang}: missing key ${key}`);
  for (const key of keys(catalog)) if (!(key in en)) problems.push(`${lang}: extra key ${key}`);
  if (!['ltr', 'rtl'].includes(catalog.$dir)) problems.push(`${lang}: $dir must be ltr or rtl`);
  if (typeof catalog.$reviewed !== 'boolean')
    problems.push(`${lang}: $reviewed must say whether a native speaker reviewed it`);
  const required = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;

  for (const key of keys(en).filter((k) => k in catalog)) {
    const source = en[key];
    const message = catalog[key];
    const wanted = enPlaceholders(source);
    if ((typeof source === 'object') !== (typeof message === 'object')) {
      problems.push(`${lang}: ${key} must ${typeof source === 'object' ? '' : 'not '}have plural forms`);
      continue;
    }
    const forms = typeof message === 'object' ? message : { other: message };
    if (typeof message === 'object') {
      for (const category of required)
        if (!(category in forms)) problems.push(`${lang}: ${key} lacks the plural form "${category}"`);
      for (const category of Object.keys(forms))
        if (!CLDR_CATEGORIES.has(category)) problems.push(`${lang}: ${key} has an unknown plural form "${category}"`);
    }
    for (const [category, text] of Object.entries(forms)) {
      if (typeof text !== 'string' || !text.trim()) {
        problems.push(
          `${lang}: ${key}${category === 'other' && typeof message !== 'object' ? '' : `.${category}`} is empty`,
        );
        continue;
      }
      const found = placeholders(text);
      for (const name of found)
        if (!wanted.has(name)) problems.push(`${lang}: ${key} uses an unknown placeholder {${name}}`);
      for (const name of wanted) {
        const optional = name === 'count' && ['zero', 'one', 'two'].includes(category) && typeof message === 'object';
        if (!found.has(name) && !optional)
          problems.push(`${lang}: ${key}${typeof message === 'object' ? `.${category}` : ''} lacks {${name}}`);
      }
    }
  }
  return problems;
}

export function checkCatalogs(folder) {
  const en = JSON.parse(readFileSync(join(folder, 'en.json'), 'utf8'));
  return readdirSync(folder)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .flatMap((file) =>
      checkCatalog(file.replace(/\.json$/, ''), JSON.parse(readFileSync(join(folder, file), 'utf8')), en),
    );
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const problems = checkCatalogs(resolve(fileURLToPath(new URL('../i18n', import.meta.url))));
  for (const problem of problems) console.log(problem);
  console.log(problems.length ? `${problems.length} problems` : 'catalogs complete');
  process.exit(problems.length ? 1 : 0);
}

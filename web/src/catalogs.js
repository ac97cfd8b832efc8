// Loading the catalogs: English, every catalog's fallback, comes with the script; each other language
// is fetched when first needed (a chunk of its own in dist/: a reader downloads only their language).
import english from '../i18n/en.json' with { type: 'json' };
import { Translator } from './i18n.js';

const loaders = {
  en: async () => ({ default: english }),
  es: () => import('../i18n/es.json', { with: { type: 'json' } }),
  'zh-Hans': () => import('../i18n/zh-Hans.json', { with: { type: 'json' } }),
  vi: () => import('../i18n/vi.json', { with: { type: 'json' } }),
  ar: () => import('../i18n/ar.json', { with: { type: 'json' } }),
  fr: () => import('../i18n/fr.json', { with: { type: 'json' } }),
  ht: () => import('../i18n/ht.json', { with: { type: 'json' } }),
  am: () => import('../i18n/am.json', { with: { type: 'json' } }),
};

const cache = new Map();

/** Loads the translator for a supported language (English fills any gap, which the catalog check forbids). */
export async function translator(lang) {
  if (!cache.has(lang)) {
    cache.set(
      lang,
      Promise.all([loaders[lang](), loaders.en()]).then(([own, en]) => new Translator(lang, own.default, en.default)),
    );
  }
  return cache.get(lang);
}

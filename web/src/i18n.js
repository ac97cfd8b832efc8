// Reader-facing text: the catalogs in i18n/, plurals through Intl.PluralRules, dates and numbers
// through Intl. A catalog is loaded when its language is first needed.
import { html } from 'lit';

/** The languages with a catalog, by BCP 47 tag, each named in its own language. */
export const LANGUAGES = {
  en: 'English',
  es: 'Español',
  'zh-Hans': '简体中文',
  vi: 'Tiếng Việt',
  ar: 'العربية',
  fr: 'Français',
  ht: 'Kreyòl ayisyen',
  am: 'አማርኛ',
};

const loaders = {
  en: () => import('../i18n/en.json', { with: { type: 'json' } }),
  es: () => import('../i18n/es.json', { with: { type: 'json' } }),
  'zh-Hans': () => import('../i18n/zh-Hans.json', { with: { type: 'json' } }),
  vi: () => import('../i18n/vi.json', { with: { type: 'json' } }),
  ar: () => import('../i18n/ar.json', { with: { type: 'json' } }),
  fr: () => import('../i18n/fr.json', { with: { type: 'json' } }),
  ht: () => import('../i18n/ht.json', { with: { type: 'json' } }),
  am: () => import('../i18n/am.json', { with: { type: 'json' } }),
};

/** The supported language closest to `requested` (a tag or a list of tags), else English. */
export function negotiate(requested) {
  for (const tag of [].concat(requested).filter(Boolean)) {
    const lower = String(tag).toLowerCase();
    const exact = Object.keys(LANGUAGES).find((l) => l.toLowerCase() === lower);
    if (exact) return exact;
    if (lower === 'zh' || lower.startsWith('zh-cn') || lower.startsWith('zh-sg') || lower.startsWith('zh-hans'))
      return 'zh-Hans';
    const primary = lower.split('-')[0];
    if (primary !== 'zh' && LANGUAGES[primary]) return primary;
  }
  return 'en';
}

/**
 * The reader's language: the element's `lang` attribute (the host forcing one), else the reader's own
 * choice from an earlier visit, else the browser's languages, and only then the host page's `lang`.
 */
export function readerLanguage({ attribute, saved, browser = [], page }) {
  return negotiate([attribute, saved, ...browser, page]);
}

const CHOICE_KEY = 'fep-family-portal.lang';

/** The language the reader picked on an earlier visit (none where storage is unavailable). */
export function savedLanguage() {
  try {
    return localStorage.getItem(CHOICE_KEY);
  } catch {
    return null;
  }
}

export function saveLanguage(tag) {
  try {
    localStorage.setItem(CHOICE_KEY, tag);
  } catch {
    // private modes without storage: the choice lasts for this page only
  }
}

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

export class Translator {
  constructor(lang, catalog, fallback) {
    this.lang = lang;
    this.dir = catalog.$dir;
    this.reviewed = catalog.$reviewed === true;
    this.#catalog = catalog;
    this.#fallback = fallback;
    // A language the browser's Intl lacks (Haitian Creole) names the locale whose dates and numbers
    // its readers use ($intlLocale); plural rules stay the language's own.
    const locale = catalog.$intlLocale ?? lang;
    this.#plural = new Intl.PluralRules(lang);
    this.#number = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
    this.#percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
    // ESSA report cards give school spending in US dollars, whole dollars.
    this.#dollars = new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
    this.#date = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
    this.#dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    this.#month = new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' });
    this.#weekday = new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' });
  }

  #catalog;
  #fallback;
  #plural;
  #number;
  #dollars;
  #percent;
  #date;
  #dateTime;
  #month;
  #weekday;

  /** The message for `key` with `{name}` placeholders filled; a `count` parameter selects the plural form. */
  t(key, params = {}) {
    let message = this.#catalog[key] ?? this.#fallback[key] ?? key;
    if (typeof message === 'object') {
      message = message[this.#plural.select(params.count ?? 0)] ?? message.other;
    }
    return message.replace(/\{(\w+)\}/g, (whole, name) => {
      const value = params[name];
      if (value === undefined) return whole;
      return typeof value === 'number' ? this.#number.format(value) : String(value);
    });
  }

  /**
   * Like t(), as template parts: every string parameter sits in a <bdi>, so a value in another script (a
   * host name or an English course title inside Arabic text) keeps its own direction.
   */
  nodes(key, params = {}) {
    const values = [];
    const marked = Object.fromEntries(
      Object.entries(params).map(([name, value]) => [
        name,
        typeof value === 'string' ? `\u0000${values.push(value) - 1}\u0000` : value,
      ]),
    );
    return this.t(key, marked)
      .split('\u0000')
      .map((part, i) => {
        if (i % 2 === 0) return part;
        return html`<bdi>${values[Number(part)]}</bdi>`;
      });
  }

  has(key) {
    return key in this.#catalog || key in this.#fallback;
  }

  number(value) {
    return this.#number.format(value);
  }
  percent(fraction) {
    return this.#percent.format(fraction);
  }
  dollars(amount) {
    return this.#dollars.format(amount);
  }
  /** An ISO date (YYYY-MM-DD) or RFC 3339 time, as a calendar date. */
  date(iso) {
    return this.#date.format(new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso));
  }
  dateTime(iso) {
    return this.#dateTime.format(new Date(iso));
  }
  /** "YYYY-MM" as a month and year. */
  month(yearMonth) {
    return this.#month.format(new Date(`${yearMonth}-01T00:00:00Z`));
  }
  /** Short weekday names, Monday first. */
  weekdays() {
    return Array.from({ length: 7 }, (_, i) => this.#weekday.format(new Date(Date.UTC(2024, 0, 1 + i)))); // 2024-01-01 was a Monday
  }
}

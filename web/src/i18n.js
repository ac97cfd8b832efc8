// Reader-facing text: choosing the reader's language, and the Translator over a catalog from i18n/
// (plurals through Intl.PluralRules, dates and numbers through Intl). Loading catalogs is catalogs.js.
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

const FORMATS = {
  plural: (lang) => new Intl.PluralRules(lang),
  number: (locale) => new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }),
  percent: (locale) => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }),
  // ESSA report cards give school spending in US dollars, whole dollars.
  dollars: (locale) => new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD', maximumFractionDigits: 0 }),
  date: (locale) => new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }),
  dateTime: (locale) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }),
  month: (locale) => new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }),
  weekday: (locale) => new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' }),
  weekdayNarrow: (locale) => new Intl.DateTimeFormat(locale, { weekday: 'narrow', timeZone: 'UTC' }),
  weekdayLong: (locale) => new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }),
  language: (locale) => new Intl.DisplayNames(locale, { type: 'language', fallback: 'code' }),
};

export class Translator {
  constructor(lang, catalog, fallback) {
    this.lang = lang;
    this.dir = catalog.$dir;
    this.reviewed = catalog.$reviewed === true;
    this.#catalog = catalog;
    this.#fallback = fallback;
    // A language the browser's Intl lacks (Haitian Creole) names the locale whose dates and numbers
    // its readers use ($intlLocale); plural rules stay the language's own.
    this.#locale = catalog.$intlLocale ?? lang;
  }

  #catalog;
  #fallback;
  #locale;
  #formats = {};

  // Each Intl formatter is made when first used: making them all costs a phone tens of milliseconds
  // before the widget's first text.
  #format(name) {
    this.#formats[name] ??= FORMATS[name](name === 'plural' ? this.lang : this.#locale);
    return this.#formats[name];
  }

  /** A language's name (a BCP 47 tag) in the reader's language; the tag itself where Intl has none. */
  languageName(tag) {
    try {
      return this.#format('language').of(tag);
    } catch {
      return tag; // not a well-formed tag
    }
  }

  /**
   * Makes the formatters a record's first screen uses (dates, percentages), and formats once with each:
   * the first date a browser formats costs a phone over 100 ms. Called while the record downloads, so
   * that time is spent waiting for the network rather than after the record arrives.
   */
  prepare() {
    this.date('2026-01-01');
    this.percent(0.5);
    this.number(1.5);
  }

  /** The message for `key` with `{name}` placeholders filled; a `count` parameter selects the plural form. */
  t(key, params = {}) {
    let message = this.#catalog[key] ?? this.#fallback[key] ?? key;
    if (typeof message === 'object') {
      message = message[this.#format('plural').select(params.count ?? 0)] ?? message.other;
    }
    return message.replace(/\{(\w+)\}/g, (whole, name) => {
      const value = params[name];
      if (value === undefined) return whole;
      return typeof value === 'number' ? this.#format('number').format(value) : String(value);
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

  /** The reader-facing message for a stable error code (the core's, the hub's), else the generic one. */
  error(code) {
    return this.t(this.has(`error.${code}`) ? `error.${code}` : 'error.generic');
  }

  has(key) {
    return key in this.#catalog || key in this.#fallback;
  }

  number(value) {
    return this.#format('number').format(value);
  }
  percent(fraction) {
    return this.#format('percent').format(fraction);
  }
  dollars(amount) {
    return this.#format('dollars').format(amount);
  }
  /** An ISO date (YYYY-MM-DD) or RFC 3339 time, as a calendar date. */
  date(iso) {
    return this.#format('date').format(new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso));
  }
  dateTime(iso) {
    return this.#format('dateTime').format(new Date(iso));
  }
  /** "YYYY-MM" as a month and year. */
  month(yearMonth) {
    return this.#format('month').format(new Date(`${yearMonth}-01T00:00:00Z`));
  }
  /** Weekday names, Monday first: `style` short (the default), narrow (a letter or two) or long. */
  weekdays(style = 'short') {
    const format = { short: 'weekday', narrow: 'weekdayNarrow', long: 'weekdayLong' }[style];
    return Array.from({ length: 7 }, (_, i) => this.#format(format).format(new Date(Date.UTC(2024, 0, 1 + i)))); // 2024-01-01 was a Monday
  }
}

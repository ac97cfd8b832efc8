// Reader-facing text from the i18n/ catalogs; an error code maps to the key "error.<code>".
import en from '../i18n/en.json' with { type: 'json' };

const catalogs = { en };

export function messages(lang) {
  const catalog = catalogs[String(lang || 'en').split('-')[0]] ?? catalogs.en;
  const dates = new Intl.DateTimeFormat(lang || 'en', { dateStyle: 'long' });
  const fill = (template, values) => template.replace(/\{(\w+)\}/g, (_, name) => values[name]);
  return {
    dir: catalog.$dir,
    loading: catalog.loading,
    verifiedBy: (issuer) => fill(catalog.verifiedBy, { issuer }),
    validity: (issued, until) => fill(catalog.validity, { issued: dates.format(issued), until: dates.format(until) }),
    error: (code) => catalog[`error.${code}`] ?? catalog['error.generic'],
  };
}

// Reader-facing text from the i18n/ catalogs; an error code maps to the key "error.<code>".
import en from '../i18n/en.json' with { type: 'json' };

const catalogs = { en };

export function messages(lang) {
  const catalog = catalogs[String(lang || 'en').split('-')[0]] ?? catalogs.en;
  return {
    dir: catalog.$dir,
    loading: catalog.loading,
    verified: catalog.verified,
    error: (code) => catalog[`error.${code}`] ?? catalog['error.generic'],
  };
}

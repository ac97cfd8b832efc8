// Exports of the contact log (docs/contact-log.md, "Export"): CSV for spreadsheets and JSON Lines
// that keep each record's signed JWS for re-verification.
const COLUMNS = [
  'student',
  'seq',
  'dev',
  'idem',
  'at',
  'direction',
  'channel',
  'staff',
  'contactId',
  'language',
  'interpreter',
  'topics',
  'templateId',
  'params',
  'note',
  'outcome',
  'followUpDate',
  'trustingRelationship',
  'status',
];

function cell(value) {
  let text =
    value == null
      ? ''
      : Array.isArray(value)
        ? value.join(';')
        : typeof value === 'object'
          ? JSON.stringify(value)
          : String(value);
  // A leading =, +, -, @, tab or carriage return would make a spreadsheet run the cell as a formula,
  // and so does one after leading spaces (spreadsheets trim them first).
  if (/^[ \t\r]*[=+\-@\t\r]/.test(text)) text = `'${text}`;
  // A semicolon separates cells where the locale's decimal mark is a comma (Excel in French, German):
  // quoted, the cell stays whole there too.
  return /[",;\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A table as CSV: `head` the column names, `rows` lists of cells (formula-safe, as toCsv). */
export function tableCsv(head, rows) {
  return `\uFEFF${[head, ...rows].map((row) => row.map(cell).join(',')).join('\r\n')}\r\n`;
}

export function toCsv(rows) {
  return `\uFEFF${[COLUMNS.join(','), ...rows.map((row) => COLUMNS.map((c) => cell(row[c])).join(','))].join('\r\n')}\r\n`;
}

export function toJsonLines(rows) {
  return (
    rows
      .map((row) => JSON.stringify(Object.fromEntries([...COLUMNS, 'jws'].map((c) => [c, row[c] ?? null]))))
      .join('\n') + '\n'
  );
}

/** Offers `text` as a file download. */
export function download(root, name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  root.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

// A record file: what a family saves from one school's page and gives to the next (docs/transfers.md).
// Read here before anything is sent, to say whose record it says it is: that is the file's own word,
// unverified, shown as such; the new school's hub verifies it and holds a record of another child.
import { FepError } from './core.js';

/** A record file's items ({bundle, keyset, revocations} texts), or malformed: nothing else is sent on. */
export function parseRecordFile(text) {
  let file;
  try {
    file = JSON.parse(text);
  } catch {
    throw new FepError('malformed', 'not a record file');
  }
  const items = file?.format === 'fep-record-file' && Array.isArray(file.items) ? file.items : [];
  const texts = items.filter((item) => typeof item?.bundle === 'string' && typeof item?.keyset === 'string');
  if (!texts.length || texts.length !== items.length) throw new FepError('malformed', 'not a record file');
  return texts.map(({ bundle, keyset, revocations }) => ({ bundle, keyset, revocations: revocations ?? '' }));
}

// The claims of a compact JWS as its payload reads, before any signature is checked.
function unverifiedClaims(compact) {
  try {
    const payload = compact.split('.')[1].replaceAll('-', '+').replaceAll('_', '/');
    const bytes = Uint8Array.from(atob(payload), (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new FepError('malformed', 'not a record file');
  }
}

/** The names of the students a record file says it holds, once each, in the file's order. */
export function namesInRecordFile(items) {
  const names = items.map((item) => unverifiedClaims(item.bundle)?.record?.student?.displayName);
  if (names.some((name) => typeof name !== 'string' || !name)) throw new FepError('malformed', 'not a record file');
  return [...new Set(names)];
}

/** Names as a person compares them: case and runs of spaces aside (as the hub does). */
export const sameName = (a, b) =>
  a.trim().replace(/\s+/g, ' ').toLowerCase() === b.trim().replace(/\s+/g, ' ').toLowerCase();

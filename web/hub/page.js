// The hub's own page. Loaded `async`, ahead of the widget, so that what it starts overlaps the
// widget's download.
import { deviceKey } from '../src/outbox.js';
import { openStore } from '../src/store.js';

// A family opening its invite link on a new device: before it may enrol, the device needs its key,
// made and stored durably, and its databases created (on a phone, a quarter of a second of work the
// widget would otherwise start only once its code has arrived). Started here, both are ready when the
// widget asks: it finds the key stored and the databases there (a key made by both at once is settled
// by deviceKey's compare-and-set: one is kept).
if (new URLSearchParams(location.hash.slice(1)).has('invite')) Promise.all([deviceKey(), openStore()]).catch(() => {});

// A service worker keeps this page and the widget's files on the device (web/hub/sw.js). A school's site
// embedding the widget decides for its own pages; the widget never registers one.
if ('serviceWorker' in navigator) {
  // Once the widget has shown its record (or said why not): the worker's first install fetches the page
  // and reads the widget's files again, which must not compete with a phone's first visit.
  // Registering again is harmless: the browser keeps the one registration.
  const register = () => navigator.serviceWorker.register('/sw.js').catch(() => {});
  for (const event of ['fep-rendered', 'fep-error']) document.addEventListener(event, register, { once: true });
  addEventListener('load', () => setTimeout(register, 10000), { once: true });
}

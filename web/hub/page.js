// The hub's own page: a service worker keeps this page and the widget's files on the device (web/hub/sw.js).
// A school's site embedding the widget decides for its own pages; the widget never registers one.
if ('serviceWorker' in navigator) {
  // Once the widget has shown its record (or said why not): the worker's first install fetches the page
  // and reads the widget's files again, which must not compete with a phone's first visit.
  const register = () => navigator.serviceWorker.register('/sw.js').catch(() => {});
  let registered = false;
  const once = () => {
    if (!registered) register();
    registered = true;
  };
  for (const event of ['fep-rendered', 'fep-error']) document.addEventListener(event, once, { once: true });
  addEventListener('load', () => setTimeout(once, 10000), { once: true });
}

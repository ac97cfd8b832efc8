// The hub's own page: a service worker keeps this page and the widget's files on the device (web/hub/sw.js).
// A school's site embedding the widget decides for its own pages; the widget never registers one.
if ('serviceWorker' in navigator) {
  // Once the widget has shown its record (or said why not): the worker's first install fetches the page
  // and reads the widget's files again, which must not compete with a phone's first visit.
  // Registering again is harmless: the browser keeps the one registration.
  const register = () => navigator.serviceWorker.register('/sw.js').catch(() => {});
  for (const event of ['fep-rendered', 'fep-error']) document.addEventListener(event, register, { once: true });
  addEventListener('load', () => setTimeout(register, 10000), { once: true });
}

// The page speaks the widget's language: its heading, introduction, title and direction follow the
// language the reader chose (fep-language), so an Arabic reader never reads an English page around an
// Arabic record. Once a record is shown, the introduction steps aside so the record fills a phone's
// first screen.
document.addEventListener('fep-language', ({ detail }) => {
  document.documentElement.lang = detail.lang;
  document.documentElement.dir = detail.dir;
  document.title = detail.title;
  document.querySelector('h1').textContent = detail.title;
  document.querySelector('#intro').textContent = detail.intro;
});
document.addEventListener('fep-rendered', () => document.body.classList.add('record-shown'));

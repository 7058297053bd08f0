/* global document, localStorage */
// Large text, high contrast and the language apply before the first paint (web/src/prefs.ts keeps them after).
// A file rather than an inline script: the Content-Security-Policy allows scripts from the site only.
try {
  var c = document.documentElement.classList;
  if (localStorage.getItem('motcua.largeText') === '1') c.add('large-text');
  if (localStorage.getItem('motcua.highContrast') === '1') c.add('high-contrast');
  if (localStorage.getItem('motcua.lang') === 'en') document.documentElement.lang = 'en';
} catch {
  // Storage may be disabled: the defaults apply.
}

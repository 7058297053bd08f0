// User preferences kept in localStorage: UI language, large text and high contrast. Applied to <html> so screen
// readers and the browser's hyphenation use the right language, the large-text class scales the whole UI and the
// high-contrast class switches to black on white with strong borders, underlined links and thicker focus outlines.
export type Lang = 'vi' | 'en';

type Prefs = { lang: Lang; largeText: boolean; highContrast: boolean };
const KEY_LANG = 'motcua.lang';
const KEY_LARGE = 'motcua.largeText';
const KEY_CONTRAST = 'motcua.highContrast';

function read(): Prefs {
  let lang: Lang = 'vi';
  let largeText = false;
  let highContrast = false;
  try {
    lang = localStorage.getItem(KEY_LANG) === 'en' ? 'en' : 'vi';
    largeText = localStorage.getItem(KEY_LARGE) === '1';
    highContrast = localStorage.getItem(KEY_CONTRAST) === '1';
  } catch {
    // storage unavailable (private mode): defaults
  }
  return { lang, largeText, highContrast };
}

let prefs: Prefs = read();
const listeners = new Set<() => void>();

function apply(): void {
  document.documentElement.lang = prefs.lang;
  document.documentElement.classList.toggle('large-text', prefs.largeText);
  document.documentElement.classList.toggle('high-contrast', prefs.highContrast);
}
apply();

function set(next: Partial<Prefs>): void {
  prefs = { ...prefs, ...next };
  try {
    localStorage.setItem(KEY_LANG, prefs.lang);
    localStorage.setItem(KEY_LARGE, prefs.largeText ? '1' : '0');
    localStorage.setItem(KEY_CONTRAST, prefs.highContrast ? '1' : '0');
  } catch {
    // ignore
  }
  apply();
  for (const l of listeners) l();
}

export const getLang = (): Lang => prefs.lang;
export const getPrefs = (): Prefs => prefs;
export const setLang = (lang: Lang): void => set({ lang });
export const setLargeText = (largeText: boolean): void => set({ largeText });
export const setHighContrast = (highContrast: boolean): void => set({ highContrast });
export function subscribePrefs(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

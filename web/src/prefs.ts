// User preferences kept in localStorage: UI language and large text. Applied to <html> so screen readers and
// the browser's hyphenation use the right language, and the large-text class scales the whole UI.
export type Lang = 'vi' | 'en';

type Prefs = { lang: Lang; largeText: boolean };
const KEY_LANG = 'motcua.lang';
const KEY_LARGE = 'motcua.largeText';

function read(): Prefs {
  let lang: Lang = 'vi';
  let largeText = false;
  try {
    lang = localStorage.getItem(KEY_LANG) === 'en' ? 'en' : 'vi';
    largeText = localStorage.getItem(KEY_LARGE) === '1';
  } catch {
    // storage unavailable (private mode): defaults
  }
  return { lang, largeText };
}

let prefs: Prefs = read();
const listeners = new Set<() => void>();

function apply(): void {
  document.documentElement.lang = prefs.lang;
  document.documentElement.classList.toggle('large-text', prefs.largeText);
}
apply();

function set(next: Partial<Prefs>): void {
  prefs = { ...prefs, ...next };
  try {
    localStorage.setItem(KEY_LANG, prefs.lang);
    localStorage.setItem(KEY_LARGE, prefs.largeText ? '1' : '0');
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
export function subscribePrefs(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

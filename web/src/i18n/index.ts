// Tiny typed i18n: `useT()` gives `t(key, params)` in the current UI language.
import { useMemo, useSyncExternalStore } from 'react';
import { getLang, getPrefs, subscribePrefs, type Lang } from '../prefs';
import { en } from './en';
import { vi, type MessageKey, type Messages } from './vi';

export type { MessageKey };
const dictionaries: Record<Lang, Messages> = { vi, en };

export type T = (key: MessageKey, params?: Record<string, string | number>) => string;

export function translate(lang: Lang, key: MessageKey, params?: Record<string, string | number>): string {
  const text = dictionaries[lang][key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

export function usePrefs() {
  return useSyncExternalStore(subscribePrefs, getPrefs);
}

export function useLang(): Lang {
  return usePrefs().lang;
}

export function useT(): T {
  const lang = useLang();
  return useMemo<T>(() => (key, params) => translate(lang, key, params), [lang]);
}

export const t0: T = (key, params) => translate(getLang(), key, params);

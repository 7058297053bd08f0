// The offline counter's `t`: its own dictionaries (offline.vi.ts, offline.en.ts).
import { useMemo } from 'react';
import { getLang } from '../prefs';
import { useLang } from './index';
import { offlineEn } from './offline.en';
import { offlineVi, type OfflineKey, type OfflineMessages } from './offline.vi';

export type { OfflineKey };
export type OT = (key: OfflineKey, params?: Record<string, string | number>) => string;

const dictionaries: Record<'vi' | 'en', OfflineMessages> = { vi: offlineVi, en: offlineEn };

export function offlineText(lang: 'vi' | 'en', key: OfflineKey, params?: Record<string, string | number>): string {
  const text = dictionaries[lang][key];
  return params ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m)) : text;
}

export function useOT(): OT {
  const lang = useLang();
  return useMemo<OT>(() => (key, params) => offlineText(lang, key, params), [lang]);
}

export const ot0: OT = (key, params) => offlineText(getLang(), key, params);

// The portal pages' `t`: their own dictionaries (loaded with the portal chunk only) and, for shared words, the
// main dictionaries.
import { useMemo } from 'react';
import { translate, useLang, type MessageKey } from './index';
import { portalEn } from './portal.en';
import { portalVi, type PortalKey, type PortalMessages } from './portal.vi';

export type { PortalKey };
export type PT = (key: PortalKey | MessageKey, params?: Record<string, string | number>) => string;

const dictionaries: Record<'vi' | 'en', PortalMessages> = { vi: portalVi, en: portalEn };

export function usePT(): PT {
  const lang = useLang();
  return useMemo<PT>(
    () => (key, params) => {
      const own = (dictionaries[lang] as Record<string, string>)[key];
      if (own === undefined) return translate(lang, key as MessageKey, params);
      return params ? own.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m)) : own;
    },
    [lang],
  );
}

// The waiting-room pages' `t`: their own dictionaries, loaded with those pages only.
import { useMemo } from 'react';
import { useLang } from './index';
import { queueEn } from './queue.en';
import { queueVi, type QueueKey, type QueueMessages } from './queue.vi';

export type { QueueKey };
export type QT = (key: QueueKey, params?: Record<string, string | number>) => string;

const dictionaries: Record<'vi' | 'en', QueueMessages> = { vi: queueVi, en: queueEn };

export function useQT(): QT {
  const lang = useLang();
  return useMemo<QT>(
    () => (key, params) => {
      const text = dictionaries[lang][key];
      return params ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m)) : text;
    },
    [lang],
  );
}

// Training mode's `t`: its own dictionaries (training.vi.ts, training.en.ts).
import { useMemo } from 'react';
import { useLang } from './index';
import { trainingEn } from './training.en';
import { trainingVi, type TrainingKey, type TrainingMessages } from './training.vi';

export type { TrainingKey };
export type TT = (key: TrainingKey, params?: Record<string, string | number>) => string;

const dictionaries: Record<'vi' | 'en', TrainingMessages> = { vi: trainingVi, en: trainingEn };

export function useTT(): TT {
  const lang = useLang();
  return useMemo<TT>(
    () => (key, params) => {
      const text = dictionaries[lang][key];
      return params ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m)) : text;
    },
    [lang],
  );
}

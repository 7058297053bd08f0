// The procedure catalogue as the web app shows it: types from the API and the plain-language texts shared by the
// public pages, the counter and the admin page (processing time, fee explanation, what to bring).
import type { Ok } from './api/client';
import type { T } from './i18n';
import type { Lang } from './prefs';

export type Procedure = Ok<'/api/procedures/{id}', 'get'>;
export type ProcedureItem = Ok<'/api/procedures', 'get'>['items'][number];
export type FeeRule = Procedure['fee'];
export type Component = Procedure['components'][number];

export function money(n: number, lang: Lang): string {
  return `${new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB').format(n)} ${lang === 'vi' ? 'đồng' : 'VND'}`;
}

function num(n: number, lang: Lang): string {
  return new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 2 }).format(n);
}

/** "Trong ngày" for same-day procedures, else "3 ngày làm việc" (fractions as 0,5). */
export function daysText(days: number, t: T, lang: Lang): string {
  return days === 0 ? t('cat.sameDay') : t('cat.workingDays', { n: num(days, lang) });
}

/** The fee rule in words: free, a fixed amount, or a price per page with a cap per copy. */
export function feeText(fee: FeeRule, t: T, lang: Lang): string {
  switch (fee.kind) {
    case 'free':
      return t('fee.free');
    case 'fixed':
      return money(fee.amount, lang);
    case 'per-unit': {
      const parts: string[] = [];
      const unit = fee.unitLabel;
      if (fee.firstUnits > 0 && fee.firstUnitPrice !== fee.nextUnitPrice) {
        parts.push(t('fee.first', { price: money(fee.firstUnitPrice, lang), unit, n: fee.firstUnits }));
        parts.push(t('fee.next', { price: money(fee.nextUnitPrice, lang), unit, n: fee.firstUnits + 1 }));
      } else {
        parts.push(t('fee.per', { price: money(fee.nextUnitPrice || fee.firstUnitPrice, lang), unit }));
      }
      if (fee.capPerCopy !== undefined) parts.push(t('fee.cap', { price: money(fee.capPerCopy, lang) }));
      return parts.join('; ');
    }
  }
}

/** The seed marks figures not confirmed from an official source with "unconfirmed:"; say it in the UI language. */
export function noteText(note: string | undefined, t: T): string {
  if (!note) return '';
  return note.replace(/^unconfirmed:\s*/i, `${t('cat.unconfirmed')} `);
}

/** The fee of one request, in đồng: the server's own rule, shared through the pure domain code. */
export { computeFee } from '@domain/catalogue/fee';

/** "1 bản chính, 2 bản sao" / "Chỉ xuất trình" / accepted forms, for one component. */
export function componentForms(
  c: Pick<Component, 'originals' | 'copies' | 'accepted'>,
  t: T,
  opts: { skipPresented?: boolean } = {},
): string {
  const parts: string[] = [];
  if (c.originals > 0) parts.push(t('comp.originals', { n: c.originals }));
  if (c.copies > 0) parts.push(t('comp.copies', { n: c.copies }));
  const presentedOnly = c.accepted.includes('presented') && !c.accepted.includes('paper') && c.originals === 0 && c.copies === 0;
  if (presentedOnly) {
    if (!opts.skipPresented) parts.push(t('comp.presentedOnly'));
  } else if (c.accepted.includes('presented')) parts.push(t('comp.orPresent'));
  if (c.accepted.includes('electronic')) parts.push(t('comp.electronicOk'));
  return parts.join(' · ');
}

export const CHANNEL_KEYS = { 'in-person': 'channel.in-person', online: 'channel.online', postal: 'channel.postal' } as const;

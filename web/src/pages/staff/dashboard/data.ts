// Dashboard data: periods in Vietnam time, polling, formatting. Figures come from the indicator API.
import { useEffect, useRef, useState } from 'react';
import { api, must, type Ok } from '../../../api/client';

export type Indicators = Ok<'/api/indicators', 'get'>;
export type Compliance = Ok<'/api/compliance', 'get'>;
export type Ranking = Ok<'/api/indicators/ranking', 'get'>;
export type Breakdown = Ok<'/api/indicators/breakdown', 'get'>;
export type Watch = Ok<'/api/units/{id}/watch', 'get'>;
export type Alerts = Ok<'/api/compliance/alerts', 'get'>;

const pad = (n: number) => String(n).padStart(2, '0');
/** Today (YYYY-MM-DD) in Vietnam time. */
export function vnToday(now = Date.now()): string {
  return new Date(now + 7 * 3_600_000).toISOString().slice(0, 10);
}
export function monthStart(day: string): string {
  return `${day.slice(0, 8)}01`;
}
/** The `n` months ending with the month of `day`, oldest first: { label, from, to } (to = today for the current month). */
export function lastMonths(day: string, n: number): { label: string; from: string; to: string }[] {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7));
  const out = [];
  for (let i = n - 1; i >= 0; i--) {
    const d = new Date(Date.UTC(y, m - 1 - i, 1));
    const from = d.toISOString().slice(0, 10);
    const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).toISOString().slice(0, 10);
    out.push({ label: `${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`, from, to: i === 0 ? day : last });
  }
  return out;
}

export const pct = (v: number | null | undefined) =>
  v === null || v === undefined ? '—' : `${(v * 100).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} %`;
export const num = (v: number) => v.toLocaleString('vi-VN', { maximumFractionDigits: 2 });

export async function indicators(unitId: string, from: string, to: string): Promise<Indicators> {
  return must(await api.GET('/api/indicators', { params: { query: { unitId, from, to } } }));
}
export async function compliance(unitId: string, from: string, to: string): Promise<Compliance> {
  return must(await api.GET('/api/compliance', { params: { query: { unitId, from, to, examples: 3 } } }));
}

export async function openAlerts(unitId: string): Promise<Alerts> {
  return must(await api.GET('/api/compliance/alerts', { params: { query: { unitId } } }));
}
export async function acknowledgeAlert(a: { unitId: string; kind: string; month: string }): Promise<void> {
  const r = await api.POST('/api/compliance/alerts/acknowledge', { body: a });
  if (r.error) throw new Error('acknowledge');
}

/** Loads now and every `ms` while the page is open (and visible); keeps the last good answer on errors. */
export function usePolling<T>(load: () => Promise<T>, deps: unknown[], ms = 60_000): { data: T | null; error: boolean; at: Date | null } {
  const [state, setState] = useState<{ data: T | null; error: boolean; at: Date | null }>({ data: null, error: false, at: null });
  const loadRef = useRef(load);
  loadRef.current = load;
  useEffect(() => {
    let alive = true;
    setState({ data: null, error: false, at: null });
    const run = async () => {
      if (document.visibilityState === 'hidden') return;
      try {
        const data = await loadRef.current();
        if (alive) setState({ data, error: false, at: new Date() });
      } catch {
        if (alive) setState((s) => ({ ...s, error: true }));
      }
    };
    void run();
    const h = setInterval(() => void run(), ms);
    return () => {
      alive = false;
      clearInterval(h);
    };
  }, deps);
  return state;
}

// The application page's one hook: loads the application (server and this device's copy), the e-form, and decides
// the step (flow.ts); while waiting for the bank it polls until the dossier exists. Steps dispatch what happened.
import { useEffect, useMemo, useReducer } from 'react';
import { useSearchParams } from 'react-router-dom';
import { api, isProblem } from '../../../api/client';
import { usePT } from '../../../i18n/portal';
import { DraftSync, draftFromServer, forgetLocalDraft, readLocalDraft, sameContent, type Application } from '../../../portal/draft';
import { citizenSessionEnded, type Citizen } from '../../../portal/session';
import { chooseDraft, flowReducer, INITIAL_FLOW, type FormInfo, type Payment } from './flow';

const POLL_MS = 3000;

export async function fetchPayment(paymentId: string): Promise<Payment | null> {
  const r = await api.GET('/api/portal/payments/{id}', { params: { path: { id: paymentId } } }).catch(() => null);
  return r?.data ?? null;
}

export function useApplicationFlow(id: string, citizen: Citizen) {
  const t = usePT();
  const [params, setParams] = useSearchParams();
  const [state, dispatch] = useReducer(flowReducer, INITIAL_FLOW);
  const sync = useMemo(
    () =>
      new DraftSync(() => {
        // Submitted or discarded meanwhile (another device): show where it is now.
        dispatch({ type: 'reload' });
      }),
    [id],
  );
  useEffect(() => () => sync.dispose(), [sync]);

  // Back from the payment gateway: ?payment=<id>&result=paid|cancelled.
  const paymentResult = params.get('result');

  useEffect(() => {
    let live = true;
    dispatch({ type: 'load' });
    void (async () => {
      const local = await readLocalDraft(citizen.id, id);
      let server: Application | null = null;
      let offline = false;
      try {
        const r = await api.GET('/api/portal/applications/{id}', { params: { path: { id } } });
        if (r.data) server = r.data;
        else if (r.response.status === 401) {
          citizenSessionEnded();
          return;
        } else if (r.response.status !== 404) offline = true;
      } catch {
        offline = true;
      }
      if (!live) return;
      const procedureId = server?.procedureId ?? local?.procedureId ?? params.get('thu-tuc');
      if (!procedureId) {
        dispatch(offline ? { type: 'failed', text: t('common.networkError'), retry: true } : { type: 'not-found' });
        return;
      }
      if (server && server.status === 'cancelled') {
        await forgetLocalDraft(citizen.id, id);
        if (live) dispatch({ type: 'not-found' });
        return;
      }
      if (server && server.status === 'submitted') {
        await sync.finish();
        await forgetLocalDraft(citizen.id, id);
        const payment = server.paymentId ? await fetchPayment(server.paymentId) : null;
        // The unit's name for the success text.
        const f = await api.GET('/api/portal/procedures/{id}/form', { params: { path: { id: procedureId } } }).catch(() => null);
        if (!live) return;
        if (f?.data) dispatch({ type: 'info', info: f.data });
        dispatch({ type: 'filed', app: server, payment });
        return;
      }

      let form: FormInfo | null = null;
      try {
        const r = await api.GET('/api/portal/procedures/{id}/form', { params: { path: { id: procedureId } } });
        if (!live) return;
        if (r.data) form = r.data;
        else {
          const p = isProblem(r.error) ? r.error : null;
          if (r.response.status === 401) {
            citizenSessionEnded();
            return;
          }
          if (p?.code === 'vneid-level-required') dispatch({ type: 'level-required', detail: p.detail, procedureId });
          else if (r.response.status === 404) dispatch({ type: 'not-found' });
          else dispatch({ type: 'failed', text: p?.detail ?? t('common.networkError'), retry: !p });
          return;
        }
      } catch {
        if (live) dispatch({ type: 'failed', text: t('common.networkError'), retry: true });
        return;
      }
      dispatch({ type: 'info', info: form });

      if (server && server.status === 'awaiting-payment') {
        sync.adopt(draftFromServer(server, citizen.id, local?.files), false);
        if (paymentResult === 'paid') dispatch({ type: 'payment-waiting' });
        else dispatch({ type: 'payment-due', fee: server.fee, redirectUrl: null, cancelled: paymentResult === 'cancelled' });
        return;
      }

      const chosen = chooseDraft({ id, citizenId: citizen.id, procedureId, local, server, form, now: Date.now() });
      if (chosen.tookServer) dispatch({ type: 'notice', text: t('p.form.tookServer') });
      sync.adopt(chosen.draft, chosen.persist);
      if (server && server.status === 'awaiting-otp' && sameContent(chosen.draft, server)) {
        dispatch({ type: 'otp-sent', otp: null, skew: 0 });
        return;
      }
      dispatch({ type: 'edit' });
    })();
    return () => {
      live = false;
    };
  }, [id, state.attempt]);

  // Waiting for the bank: poll until the dossier exists (the callback, or the reconciliation job when it was lost).
  useEffect(() => {
    if (state.phase.kind !== 'waiting') return;
    let live = true;
    let timer: ReturnType<typeof setTimeout>;
    const tick = async () => {
      try {
        const r = await api.GET('/api/portal/applications/{id}', { params: { path: { id } } });
        if (!live) return;
        if (r.data?.status === 'submitted') {
          await sync.finish();
          const payment = r.data.paymentId ? await fetchPayment(r.data.paymentId) : null;
          if (live) dispatch({ type: 'filed', app: r.data, payment });
          return;
        }
        const pid = params.get('payment');
        if (pid) {
          const p = await fetchPayment(pid);
          if (live && p && (p.status === 'failed' || p.status === 'expired')) {
            dispatch({ type: 'payment-due', fee: p.amount, redirectUrl: null, cancelled: true });
            return;
          }
        }
      } catch {
        // offline: keep waiting
      }
      if (live) timer = setTimeout(() => void tick(), POLL_MS);
    };
    void tick();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [state.phase.kind]);

  // Leave the gateway's parameters out of the address once the outcome is shown.
  useEffect(() => {
    if (state.phase.kind === 'done' && params.get('payment')) setParams({}, { replace: true });
  }, [state.phase.kind]);

  return { state, dispatch, sync };
}

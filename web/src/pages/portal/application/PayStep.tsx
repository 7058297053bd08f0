// The fee: to the payment gateway (or back to it after a cancelled payment). Busy and the server's refusal through
// useAction.
import { useEffect, useRef } from 'react';
import { api, must } from '../../../api/client';
import { useLang } from '../../../i18n';
import { usePT } from '../../../i18n/portal';
import { csrfHeaders } from '../../../portal/session';
import { vnd } from '../../../portal/ui';
import { useAction } from '../../../ui/useAction';

export function PayStep({ id, fee, redirectUrl, cancelled }: { id: string; fee: number; redirectUrl: string | null; cancelled: boolean }) {
  const t = usePT();
  const lang = useLang();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  const start = useAction(async () => {
    const r = must(await api.POST('/api/portal/applications/{id}/payment', { params: { path: { id } }, headers: csrfHeaders() }));
    if (r.redirectUrl) window.location.assign(r.redirectUrl);
    else if (r.status === 'paid') window.location.reload();
    else throw new Error('no redirect');
  });

  const go = () => {
    if (redirectUrl && !cancelled) window.location.assign(redirectUrl);
    else void start.run();
  };
  const error = start.errorText(t('common.networkError'));

  return (
    <section className="card p-step" aria-labelledby="pay-h" data-testid="pay-step">
      <h2 id="pay-h" ref={headingRef} tabIndex={-1}>
        {t('p.pay.title')}
      </h2>
      {cancelled && (
        <p className="alert p-warn" role="alert" data-testid="payment-cancelled">
          {t('p.pay.cancelled')}
        </p>
      )}
      <p className="p-fee" data-testid="pay-amount">
        {t('p.pay.amount', { amount: vnd(fee, lang) })}
      </p>
      <p>{t('p.pay.text')}</p>
      {error && (
        <p className="alert" role="alert">
          {error}
        </p>
      )}
      {redirectUrl && !cancelled ? (
        <a className="btn btn-big" href={redirectUrl} data-testid="pay">
          {t('p.pay.button')}
        </a>
      ) : (
        <button type="button" className="btn btn-big" onClick={go} disabled={start.busy} data-testid="pay">
          {start.busy ? t('p.pay.going') : cancelled ? t('p.pay.again') : t('p.pay.button')}
        </button>
      )}
    </section>
  );
}

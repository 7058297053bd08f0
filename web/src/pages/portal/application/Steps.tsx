// The application page's small steps: the heading, "your account's level is too low", waiting for the bank, and
// the dossier code when it is filed.
import { useEffect, useRef } from 'react';
import { Link } from 'react-router-dom';
import { useLang } from '../../../i18n';
import { usePT } from '../../../i18n/portal';
import type { Application } from '../../../portal/draft';
import { here, SignInButton, vnd } from '../../../portal/ui';
import type { Payment, ProcedureInfo } from './flow';

export function StepHeader({ proc }: { proc: ProcedureInfo | undefined }) {
  const t = usePT();
  return (
    <header className="p-head">
      <p className="p-eyebrow">{t('p.form.eyebrow')}</p>
      <h1 className="page-title">{proc?.name ?? t('p.form.eyebrow')}</h1>
    </header>
  );
}

export function LevelRequired({ detail, procedureId, loa }: { detail: string; procedureId: string; loa: number }) {
  const t = usePT();
  return (
    <section aria-labelledby="level-h" data-testid="level-required">
      <h1 className="page-title" id="level-h">
        {t('p.level.title')}
      </h1>
      <div className="alert p-warn" role="alert">
        <p>{detail}</p>
        <p>{t('p.level.yours', { n: loa })}</p>
      </div>
      <section className="card">
        <h2>{t('p.level.how')}</h2>
        <ol className="p-steps">
          <li>{t('p.level.step1')}</li>
          <li>{t('p.level.step2')}</li>
        </ol>
        <p>{t('p.level.orCentre')}</p>
        <div className="p-actions">
          <SignInButton returnTo={here()} label={t('p.level.signInAgain')} />
          <Link className="btn btn-outline" to={`/thu-tuc/${procedureId}`}>
            {t('p.level.where')}
          </Link>
        </div>
      </section>
    </section>
  );
}

export function WaitingStep() {
  const t = usePT();
  return (
    <section className="card p-step" aria-labelledby="wait-h" data-testid="payment-waiting">
      <h2 id="wait-h">
        <span className="p-spinner" aria-hidden="true" />
        {t('p.pay.waiting')}
      </h2>
      <p role="status">{t('p.pay.waitingText')}</p>
    </section>
  );
}

export function Done({ app, payment, unitName }: { app: Application; payment: Payment | null; unitName: string }) {
  const t = usePT();
  const lang = useLang();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <section className="card p-step p-done" aria-labelledby="done-h" data-testid="done">
      <p className="p-done-icon" aria-hidden="true">
        ✓
      </p>
      <h1 id="done-h" className="page-title" ref={headingRef} tabIndex={-1}>
        {t('p.done.title')}
      </h1>
      <p className="muted">{app.procedureName}</p>
      <p className="p-code-label">{t('p.done.code')}</p>
      <p className="p-code" data-testid="dossier-code">
        {app.dossierCode}
      </p>
      <p className="muted">{t('p.done.keepCode')}</p>
      {unitName && <p>{t('p.done.text', { unit: unitName })}</p>}
      {payment?.status === 'paid' && payment.receiptNo && (
        <p data-testid="paid">{t('p.done.paid', { amount: vnd(payment.amount, lang), no: payment.receiptNo })}</p>
      )}
      <div className="p-actions p-actions-stack">
        {payment?.receiptUrl && (
          <a className="btn btn-outline" href={payment.receiptUrl} target="_blank" rel="noopener" data-testid="receipt">
            {t('p.done.receipt')}
          </a>
        )}
        {app.dossierId && (
          <Link className="btn" to={`/cong-dan/ho-so/${app.dossierId}`}>
            {t('p.done.view')}
          </Link>
        )}
        <Link className="btn btn-outline" to="/cong-dan/ho-so">
          {t('p.done.mine')}
        </Link>
      </div>
    </section>
  );
}

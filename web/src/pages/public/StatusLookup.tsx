// Public status lookup by dossier code and personal ID number (the QR code on the receipt points here with ?ma=).
// Shows the status in plain words, the unit, the handling officer and the times the law asks to publish.
import { STATUS_LABELS } from '@domain/dossier/lifecycle';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router-dom';
import { api, must, type Ok } from '../../api/client';
import { useLang, useT } from '../../i18n';
import { dateTime } from '../../ui/format';
import { refuse } from '../../ui/action';
import { useAction } from '../../ui/useAction';
import { useDocumentTitle } from '../../ui/useDocumentTitle';

type Status = Ok<'/api/public/dossiers/{code}', 'get'>;

export default function StatusLookup() {
  const t = useT();
  const lang = useLang();
  useDocumentTitle(t('lookup.title'));
  const [params, setParams] = useSearchParams();
  const [code, setCode] = useState(params.get('ma') ?? '');
  const [idNumber, setIdNumber] = useState('');
  const [result, setResult] = useState<Status | null>(null);
  const lookup = useAction(async (c: string, idNumber: string) => {
    setResult(null);
    setParams({ ma: c }, { replace: true });
    const r = await api.GET('/api/public/dossiers/{code}', { params: { path: { code: c }, query: { idNumber } } });
    if (r.response.status === 404) refuse(t('lookup.notFound'));
    setResult(must(r));
  });
  const busy = lookup.busy;
  const error = lookup.errorText(t('common.networkError'));
  const idRef = useRef<HTMLInputElement>(null);
  const codeRef = useRef<HTMLInputElement>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  // On a phone the answer is below the form: bring it into view.
  useEffect(() => {
    if (result || error) resultRef.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [result, error]);

  // Coming from the receipt's QR code, the code is filled in: start at the ID number.
  useEffect(() => {
    if (params.get('ma')) idRef.current?.focus();
  }, []);

  const idValid = /^[0-9]{12}$/.test(idNumber);
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const c = code.trim().toUpperCase();
    if (c.length < 5) {
      lookup.refuse(t('lookup.codeInvalid'));
      codeRef.current?.focus();
      return;
    }
    if (!idValid) {
      lookup.refuse(t('lookup.idInvalid'));
      idRef.current?.focus();
      return;
    }
    await lookup.run(c, idNumber);
  };

  const row = (label: string, value: string | null | undefined) =>
    value ? (
      <div>
        <dt>{label}</dt>
        <dd>{value}</dd>
      </div>
    ) : null;

  return (
    <>
      <h1 className="page-title">{t('lookup.title')}</h1>
      <p className="lead">{t('lookup.intro')}</p>
      <form className="lookup-form card" onSubmit={(e) => void onSubmit(e)} noValidate>
        <div className="field">
          <label htmlFor="lk-code">{t('lookup.code')}</label>
          <input
            id="lk-code"
            ref={codeRef}
            value={code}
            onChange={(e) => setCode(e.target.value)}
            autoComplete="off"
            spellCheck={false}
            autoCapitalize="characters"
            placeholder="000.00.00.H56-260301-0001"
          />
        </div>
        <div className="field">
          <label htmlFor="lk-id">{t('lookup.idNumber')}</label>
          <input
            id="lk-id"
            ref={idRef}
            value={idNumber}
            onChange={(e) => setIdNumber(e.target.value.replace(/\D/g, '').slice(0, 12))}
            inputMode="numeric"
            autoComplete="off"
            aria-describedby="lk-id-help"
          />
          <span id="lk-id-help" className="muted">
            {t('lookup.idHelp')}
          </span>
        </div>
        <button type="submit" className="btn" disabled={busy}>
          {busy ? t('common.loading') : t('lookup.submit')}
        </button>
      </form>
      <div aria-live="polite" ref={resultRef}>
        {error && (
          <div className="alert" role="alert" data-testid="lookup-error">
            {error}
          </div>
        )}
        {result && (
          <section className="card status-card" aria-labelledby="lk-result" data-testid="lookup-result">
            <h2 id="lk-result">{t('lookup.resultTitle', { code: result.code })}</h2>
            <p className="status-line">
              <span className="badge badge-strong">{STATUS_LABELS[result.status][lang]}</span>
            </p>
            <dl className="status-dl">
              {row(t('lookup.procedure'), result.procedureName)}
              {row(t('lookup.unit'), result.unitName)}
              {row(t('lookup.officer'), result.handlingOfficer ?? t('lookup.notAssigned'))}
              {row(t('lookup.receivedAt'), dateTime(result.receivedAt, lang))}
              {row(t('lookup.appointmentAt'), result.appointmentAt && dateTime(result.appointmentAt, lang))}
              {row(t('lookup.finishedAt'), result.finishedAt && dateTime(result.finishedAt, lang))}
              {row(t('lookup.returnedAt'), result.returnedAt && dateTime(result.returnedAt, lang))}
              {row(t('lookup.returnPoint'), result.returnPoint)}
            </dl>
          </section>
        )}
      </div>
    </>
  );
}

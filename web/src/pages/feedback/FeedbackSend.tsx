// Public page "Gửi phản ánh, kiến nghị": anyone, or a citizen signed in to the portal (the server then fills the
// contact from the VNeID identity). Decree 20/2008 Art. 7 problems come back per field and are shown beside it.
import { FEEDBACK_KIND_LABELS, FEEDBACK_KINDS, type FeedbackKind } from '@domain/feedback/lifecycle';
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { api, must } from '../../api/client';
import { useLang, useT } from '../../i18n';
import { dateTime } from '../../ui/format';
import { newIdempotencyKey } from '../../ui/random';
import { useAction } from '../../ui/useAction';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { useUnits } from '../../units';
import { useFT } from './i18n';
import './feedback.css';

type Errors = Record<string, string>;
type Form = {
  unitId: string;
  kind: FeedbackKind;
  subject: string;
  content: string;
  points: string;
  dossierCode: string;
  idNumber: string;
  fullName: string;
  phone: string;
  email: string;
  address: string;
};

export default function FeedbackSend() {
  const ft = useFT();
  const t = useT();
  const lang = useLang();
  useDocumentTitle(ft('send.title'));
  const [params] = useSearchParams();
  const { units } = useUnits();
  const local = (units ?? []).filter((u) => u.type !== 'province');
  const [f, setF] = useState<Form>({
    unitId: params.get('donVi') ?? '',
    kind: 'service',
    subject: '',
    content: '',
    points: '',
    dossierCode: params.get('hoSo') ?? '',
    idNumber: '',
    fullName: '',
    phone: '',
    email: '',
    address: '',
  });
  const [errors, setErrors] = useState<Errors>({});
  const [done, setDone] = useState<{ code: string; dueAt: string | null } | null>(null);
  const doneRef = useRef<HTMLDivElement>(null);
  // One key per attempt: a network retry or a double click sends the same; a corrected form gets a new one.
  const keyRef = useRef(newIdempotencyKey());
  const summaryRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!f.unitId && local[0]) setF((x) => ({ ...x, unitId: local[0]!.id }));
  }, [local.length]);
  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF((x) => ({ ...x, [k]: e.target.value }));

  const send = useAction(
    async (f: Form) => {
      setErrors({});
      const points = f.points
        .split('\n')
        .map((p) => p.trim())
        .filter(Boolean);
      const r = must(
        await api.POST('/api/public/feedback', {
          body: {
            unitId: f.unitId,
            kind: f.kind,
            subject: f.subject,
            content: f.content,
            ...(points.length ? { points } : {}),
            ...(f.dossierCode.trim() ? { dossierCode: f.dossierCode.trim().toUpperCase() } : {}),
            ...(f.idNumber ? { idNumber: f.idNumber } : {}),
            contact: { fullName: f.fullName, phone: f.phone, email: f.email, address: f.address },
          },
          headers: { 'idempotency-key': keyRef.current },
        }),
      );
      setDone({ code: r.code, dueAt: r.dueAt });
    },
    {
      onError: (e) => {
        if (e.kind === 'problem') {
          // The server looked at this form: a corrected one is a new attempt with a new key.
          keyRef.current = newIdempotencyKey();
          const p = e.problem;
          const list = Array.isArray(p.errors) ? (p.errors as { field: string; message: string }[]) : [];
          const byField: Errors = {};
          for (const x of list) byField[x.field] = x.message;
          if (p.code === 'feedback-dossier-not-found') byField.dossierCode = p.detail;
          setErrors(byField);
        }
        setTimeout(() => summaryRef.current?.focus(), 0);
      },
    },
  );
  const busy = send.busy;
  const summary = send.errorText(t('common.networkError'));
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void send.run(f);
  };

  if (done)
    return (
      <div className="card fb-done" tabIndex={-1} ref={doneRef} data-testid="feedback-done">
        <h1 className="page-title">{ft('send.done', { code: done.code })}</h1>
        {done.dueAt && <p>{ft('send.doneDue', { due: dateTime(done.dueAt, lang) })}</p>}
        <Link className="btn" to={`/phan-anh/${encodeURIComponent(done.code)}`}>
          {ft('send.track')}
        </Link>
      </div>
    );

  const field = (id: string, label: string, input: ReactNode, help?: string, errorKey = id) => (
    <div className="field fb-field">
      <label htmlFor={`fb-${id}`}>{label}</label>
      {input}
      {help && <span className="muted">{help}</span>}
      {errors[errorKey] && (
        <span className="field-error" id={`fb-${id}-error`} role="alert">
          {errors[errorKey]}
        </span>
      )}
    </div>
  );
  const aria = (key: string) =>
    errors[key] ? { 'aria-invalid': true, 'aria-describedby': `fb-${key.replace('contact.', '')}-error` } : {};

  return (
    <>
      <h1 className="page-title">{ft('send.title')}</h1>
      <p className="lead">{ft('send.intro')}</p>
      <p>
        <Link to="/phan-anh/cong-khai">{ft('nav.published')}</Link>
      </p>
      <form className="card fb-form" onSubmit={(e) => void onSubmit(e)} noValidate>
        {summary && (
          <div className="alert" role="alert" tabIndex={-1} ref={summaryRef} data-testid="feedback-error">
            {summary}
          </div>
        )}
        {field(
          'unit',
          ft('send.unit'),
          <select id="fb-unit" value={f.unitId} onChange={set('unitId')}>
            {local.map((u) => (
              <option key={u.id} value={u.id}>
                {u.shortName}
              </option>
            ))}
          </select>,
        )}
        <fieldset className="fb-kinds">
          <legend>{ft('send.kind')}</legend>
          {FEEDBACK_KINDS.map((k) => (
            <label key={k} className="fb-radio">
              <input type="radio" name="kind" value={k} checked={f.kind === k} onChange={() => setF((x) => ({ ...x, kind: k }))} />
              {FEEDBACK_KIND_LABELS[k][lang]}
            </label>
          ))}
        </fieldset>
        {field(
          'subject',
          ft('send.subject'),
          <input id="fb-subject" value={f.subject} onChange={set('subject')} maxLength={300} {...aria('subject')} />,
        )}
        {field(
          'content',
          ft('send.content'),
          <textarea id="fb-content" rows={6} value={f.content} onChange={set('content')} {...aria('content')} />,
          ft('send.contentHelp', { n: f.content.trim().length }),
        )}
        {field('points', ft('send.points'), <textarea id="fb-points" rows={3} value={f.points} onChange={set('points')} />)}
        {field(
          'dossierCode',
          ft('send.dossierCode'),
          <input
            id="fb-dossierCode"
            value={f.dossierCode}
            onChange={set('dossierCode')}
            autoCapitalize="characters"
            spellCheck={false}
            {...aria('dossierCode')}
          />,
        )}
        {f.dossierCode.trim() &&
          field(
            'idNumber',
            ft('send.idNumber'),
            <input
              id="fb-idNumber"
              value={f.idNumber}
              inputMode="numeric"
              onChange={(e) => setF((x) => ({ ...x, idNumber: e.target.value.replace(/\D/g, '').slice(0, 12) }))}
            />,
            ft('send.idHelp'),
          )}
        <h2 className="fb-h2">{ft('send.contact')}</h2>
        {field(
          'fullName',
          ft('send.fullName'),
          <input id="fb-fullName" value={f.fullName} onChange={set('fullName')} autoComplete="name" {...aria('contact.fullName')} />,
          undefined,
          'contact.fullName',
        )}
        {field(
          'phone',
          ft('send.phone'),
          <input id="fb-phone" value={f.phone} onChange={set('phone')} inputMode="tel" autoComplete="tel" {...aria('contact.phone')} />,
          undefined,
          'contact.phone',
        )}
        {field(
          'email',
          ft('send.email'),
          <input id="fb-email" type="email" value={f.email} onChange={set('email')} autoComplete="email" />,
        )}
        {field(
          'address',
          ft('send.address'),
          <input id="fb-address" value={f.address} onChange={set('address')} autoComplete="street-address" />,
        )}
        <button type="submit" className="btn" disabled={busy}>
          {busy ? t('common.loading') : ft('send.submit')}
        </button>
      </form>
    </>
  );
}

// /cong-dan/ho-so/:id — one of my dossiers: status in plain words, unit, officer, appointment; what the centre
// waits for, answered online (upload or pick from the data store); a withdrawal request with its reason and an
// explicit confirmation; the rating after the result was returned; documents, receipt and history.
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api, isProblem, type Ok } from '../../api/client';
import { useLang } from '../../i18n';
import { usePT } from '../../i18n/portal';
import type { FileMeta } from '../../portal/draft';
import { citizenSessionEnded, csrfHeaders, loadCitizen, useCitizen } from '../../portal/session';
import { here, SignInBox } from '../../portal/ui';
import { useAction } from '../../ui/useAction';
import { appointmentText, dateTime } from '../../ui/format';
import { Loading } from '../../ui/Loading';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { ComponentFiles } from './ComponentFiles';
import './portal.css';

type Dossier = Ok<'/api/portal/dossiers/{id}', 'get'>;

export default function DossierDetail() {
  const t = usePT();
  const { id = '' } = useParams();
  const c = useCitizen();
  const [d, setD] = useState<Dossier | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  useDocumentTitle(d ? t('p.dossier.title', { code: d.code }) : t('p.mine.title'));
  useEffect(() => {
    void loadCitizen();
  }, []);
  useEffect(() => {
    if (c.status !== 'signed-in') return;
    let live = true;
    api
      .GET('/api/portal/dossiers/{id}', { params: { path: { id } } })
      .then((r) => {
        if (!live) return;
        if (r.data) setD(r.data);
        else if (r.response.status === 401) citizenSessionEnded();
        else setError(isProblem(r.error) ? r.error.detail : t('common.networkError'));
      })
      .catch(() => live && setError(t('common.networkError')));
    return () => {
      live = false;
    };
  }, [c.status, id, reload]);

  return (
    <>
      <p className="crumbs">
        <Link to="/cong-dan/ho-so">{t('p.dossier.back')}</Link>
      </p>
      {c.status === 'unknown' ? (
        <Loading />
      ) : c.status !== 'signed-in' ? (
        <SignInBox returnTo={here()} />
      ) : error ? (
        <p className="alert" role="alert">
          {error}
        </p>
      ) : !d ? (
        <Loading />
      ) : (
        <View d={d} onChanged={() => setReload((n) => n + 1)} />
      )}
    </>
  );
}

function View({ d, onChanged }: { d: Dossier; onChanged: () => void }) {
  const t = usePT();
  const lang = useLang();
  const row = (label: string, value: string | null | undefined, testId?: string) =>
    value ? (
      <div>
        <dt>{label}</dt>
        <dd data-testid={testId}>{value}</dd>
      </div>
    ) : null;
  return (
    <>
      <h1 className="page-title">{t('p.dossier.title', { code: d.code })}</h1>
      <p className="lead">{d.procedureName}</p>
      <section className="card status-card p-block" aria-labelledby="d-status">
        <h2 id="d-status">{t('p.dossier.status')}</h2>
        <p className="status-line">
          <span className="badge badge-strong" data-testid="dossier-status">
            {d.statusLabel[lang]}
          </span>
        </p>
        <dl className="status-dl">
          {row(t('p.mine.unit'), d.unitName)}
          {row(t('p.mine.officer'), d.handlingOfficer ?? t('p.mine.notAssigned'))}
          {row(t('p.mine.received'), dateTime(d.receivedAt, lang))}
          {row(t('p.mine.due'), d.dueAt && !d.returnedAt ? appointmentText(d.dueAt, lang) : null)}
          {row(t('p.mine.finished'), d.finishedAt && dateTime(d.finishedAt, lang))}
          {row(t('p.mine.returned'), d.returnedAt && dateTime(d.returnedAt, lang))}
          {row(t('p.mine.returnPoint'), d.returnPoint)}
        </dl>
      </section>

      {d.awaiting && d.actions.includes('supplement') && <Supplement d={d} onDone={onChanged} />}
      {(d.actions.includes('rate') || d.rating) && <Rating d={d} onDone={onChanged} />}

      <section className="p-section" aria-labelledby="d-docs">
        <h2 id="d-docs">{t('p.dossier.documents')}</h2>
        {d.documents.length === 0 && !d.payment ? (
          <p className="muted">{t('p.dossier.noDocuments')}</p>
        ) : (
          <ul className="p-doc-list">
            {d.documents.map((doc) => (
              <li key={doc.id}>
                <span>
                  <span className="badge">
                    {t(`p.doc.kind.${doc.kind === 'result' ? 'result' : doc.kind === 'receipt' ? 'receipt' : 'component'}`)}
                  </span>{' '}
                  {doc.title}
                </span>
                <a
                  className="btn btn-outline btn-small"
                  href={`/api/portal/documents/${doc.id}/file`}
                  aria-label={t('p.doc.downloadLabel', { title: doc.title })}
                >
                  {t('p.doc.download')}
                </a>
              </li>
            ))}
            {d.payment?.receiptNo && (
              <li>
                <span>
                  <span className="badge">{t('p.doc.kind.receipt')}</span> {t('p.dossier.receipt', { no: d.payment.receiptNo })}
                </span>
                <a className="btn btn-outline btn-small" href={`/api/portal/payments/${d.payment.id}/receipt.pdf`} data-testid="receipt">
                  {t('p.doc.download')}
                </a>
              </li>
            )}
          </ul>
        )}
      </section>

      {d.actions.includes('withdraw') && <Withdraw d={d} onDone={onChanged} />}

      {d.events.length > 0 && (
        <section className="p-section" aria-labelledby="d-history">
          <h2 id="d-history">{t('p.dossier.history')}</h2>
          <ol className="timeline">
            {d.events.map((e, i) => (
              <li key={i}>
                <strong>{e.label ? e.label[lang] : e.status}</strong> · {dateTime(e.at, lang)}
                {e.reason && <div className="muted">{e.reason}</div>}
              </li>
            ))}
          </ol>
        </section>
      )}
    </>
  );
}

/**
 * One of the citizen's actions on a dossier, on useAction: busy while it is sent; on success `then` and the page's
 * `onDone`; otherwise the server's detail, or a network message. `setError` shows the form's own check.
 */
function useCitizenAction(onDone: () => void) {
  const t = usePT();
  const action = useAction(async (call: () => Promise<{ data?: unknown; error?: unknown }>, then?: () => void) => {
    const r = await call();
    if (!r.data) throw isProblem(r.error) ? r.error : new Error('no answer');
    then?.();
    onDone();
  });
  const setError = (text: string | null) => (text ? action.refuse(text) : action.reset());
  return { busy: action.busy, error: action.errorText(t('common.networkError')), setError, run: action.run };
}

function Supplement({ d, onDone }: { d: Dossier; onDone: () => void }) {
  const t = usePT();
  const [files, setFiles] = useState<Record<string, FileMeta[]>>({});
  const [uploading, setUploading] = useState<Set<string>>(new Set());
  const { busy, error, setError, run } = useCitizenAction(onDone);
  const [done, setDone] = useState(false);
  const items = d.awaiting?.items ?? [];

  const send = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const components = Object.entries(files)
      .filter(([, f]) => f.length > 0)
      .map(([componentId, f]) => ({ componentId, fileIds: f.map((x) => x.fileId) }));
    if (uploading.size > 0) return setError(t('p.err.uploading'));
    if (components.length === 0) return setError(t('p.dossier.supplementNeedFile'));
    await run(
      () =>
        api.POST('/api/portal/dossiers/{id}/supplement', { params: { path: { id: d.id } }, headers: csrfHeaders(), body: { components } }),
      () => setDone(true),
    );
  };

  return (
    <section className="card p-await-card" aria-labelledby="d-supp" data-testid="supplement">
      <h2 id="d-supp">{t('p.dossier.supplementTitle')}</h2>
      {d.awaiting?.reason && <p>{t('p.dossier.supplementReason', { reason: d.awaiting.reason })}</p>}
      {done ? (
        <p className="p-ok" role="status">
          {t('p.dossier.supplementSent')}
        </p>
      ) : (
        <form onSubmit={(e) => void send(e)} noValidate>
          <p className="muted">{t('p.comp.uploadHelp')}</p>
          <ol className="p-comp-list">
            {items.map((it) => (
              <li key={it.componentId} className="p-comp">
                <p className="p-comp-name">{it.name}</p>
                {it.reason && <p className="muted">{it.reason}</p>}
                <ComponentFiles
                  componentId={it.componentId}
                  name={it.name}
                  files={files[it.componentId] ?? []}
                  onAdd={(f) => setFiles((m) => ({ ...m, [it.componentId]: [...(m[it.componentId] ?? []), f] }))}
                  onRemove={(fid) =>
                    setFiles((m) => ({ ...m, [it.componentId]: (m[it.componentId] ?? []).filter((x) => x.fileId !== fid) }))
                  }
                  onBusy={(cid, b) =>
                    setUploading((s) => {
                      const n = new Set(s);
                      if (b) n.add(cid);
                      else n.delete(cid);
                      return n;
                    })
                  }
                />
              </li>
            ))}
          </ol>
          {error && (
            <p className="alert" role="alert">
              {error}
            </p>
          )}
          <button type="submit" className="btn btn-big" disabled={busy}>
            {t('p.dossier.supplementSend')}
          </button>
        </form>
      )}
    </section>
  );
}

function Withdraw({ d, onDone }: { d: Dossier; onDone: () => void }) {
  const t = usePT();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [sure, setSure] = useState(false);
  const { busy, error, setError, run } = useCitizenAction(onDone);

  const send = async (e: FormEvent) => {
    e.preventDefault();
    if (!reason.trim()) return setError(t('p.dossier.withdrawNeedReason'));
    if (!sure) return setError(t('p.dossier.withdrawNeedConfirm'));
    await run(() =>
      api.POST('/api/portal/dossiers/{id}/withdrawal', {
        params: { path: { id: d.id } },
        headers: csrfHeaders(),
        body: { reason: reason.trim() },
      }),
    );
  };

  return (
    <section className="p-section" aria-labelledby="d-withdraw">
      <h2 id="d-withdraw">{t('p.dossier.withdrawTitle')}</h2>
      <p>{t('p.dossier.withdrawText')}</p>
      {!open ? (
        <button type="button" className="btn btn-outline" onClick={() => setOpen(true)} aria-expanded={false}>
          {t('p.dossier.withdrawStart')}
        </button>
      ) : (
        <form onSubmit={(e) => void send(e)} noValidate className="p-withdraw">
          <div className="p-field">
            <label htmlFor="w-reason" className="p-label">
              {t('p.dossier.withdrawReason')}
            </label>
            <textarea id="w-reason" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={1000} autoFocus />
          </div>
          <label className="p-check">
            <input type="checkbox" checked={sure} onChange={(e) => setSure(e.target.checked)} />
            <span>{t('p.dossier.withdrawConfirm')}</span>
          </label>
          {error && (
            <p className="alert" role="alert">
              {error}
            </p>
          )}
          <div className="p-actions">
            <button type="submit" className="btn btn-danger" disabled={busy}>
              {t('p.dossier.withdrawSend')}
            </button>
            <button type="button" className="btn btn-outline" onClick={() => setOpen(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

function Rating({ d, onDone }: { d: Dossier; onDone: () => void }) {
  const t = usePT();
  const [value, setValue] = useState<'like' | 'dislike' | null>(null);
  const [reason, setReason] = useState('');
  const { busy, error, setError, run } = useCitizenAction(onDone);
  if (d.rating)
    return (
      <section className="p-section" aria-labelledby="d-rate">
        <h2 id="d-rate">{t('p.dossier.rateTitle')}</h2>
        <p>{t('p.dossier.rated', { value: d.rating.value === 'like' ? t('p.dossier.like') : t('p.dossier.dislike') })}</p>
        {d.rating.reason && <p className="muted">{d.rating.reason}</p>}
      </section>
    );

  const send = async (e: FormEvent) => {
    e.preventDefault();
    if (!value) return setError(t('p.dossier.rateNeedValue'));
    if (value === 'dislike' && !reason.trim()) return setError(t('p.dossier.rateNeedReason'));
    await run(() =>
      api.POST('/api/portal/dossiers/{id}/rating', {
        params: { path: { id: d.id } },
        headers: csrfHeaders(),
        body: { value, reason: reason.trim() },
      }),
    );
  };

  return (
    <section className="card p-block" aria-labelledby="d-rate">
      <h2 id="d-rate">{t('p.dossier.rateTitle')}</h2>
      <form onSubmit={(e) => void send(e)} noValidate>
        <fieldset className="p-field p-radios">
          <legend className="p-label">{t('p.dossier.rateText')}</legend>
          <div className="p-radio-list p-radio-row">
            <label className="p-radio">
              <input type="radio" name="rating" checked={value === 'like'} onChange={() => setValue('like')} />
              <span>{t('p.dossier.like')}</span>
            </label>
            <label className="p-radio">
              <input type="radio" name="rating" checked={value === 'dislike'} onChange={() => setValue('dislike')} />
              <span>{t('p.dossier.dislike')}</span>
            </label>
          </div>
        </fieldset>
        <div className="p-field">
          <label htmlFor="r-reason" className="p-label">
            {t('p.dossier.rateReason')}
          </label>
          <textarea id="r-reason" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={1000} />
        </div>
        {error && (
          <p className="alert" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="btn" disabled={busy}>
          {t('p.dossier.rateSend')}
        </button>
      </form>
    </section>
  );
}

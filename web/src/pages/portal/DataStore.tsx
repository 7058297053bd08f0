// /cong-dan/kho-du-lieu — the citizen's electronic data store: documents filed before and results received,
// downloadable, and reusable in later applications; a file can be added to it directly.
import { useState, type FormEvent } from 'react';
import { api, ApiError, isProblem, type Ok } from '../../api/client';
import { uploadResumable } from '../../api/resumableUpload';
import { useLang } from '../../i18n';
import { usePT, type PortalKey } from '../../i18n/portal';
import { csrfHeaders, getCitizen } from '../../portal/session';
import { CitizenPage, useCitizenData } from '../../portal/ui';
import { dateTime, fileSize } from '../../ui/format';
import { Loading } from '../../ui/Loading';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { dataStore } from './ComponentFiles';
import './portal.css';

type Document = Ok<'/api/portal/documents', 'get'>['items'][number];

export default function DataStore() {
  const t = usePT();
  const lang = useLang();
  const [reload, setReload] = useState(0);
  useDocumentTitle(t('p.store.title'));
  const { data, error } = useCitizenData(() => api.GET('/api/portal/documents'), reload);
  const docs: Document[] | null = data?.items ?? null;

  return (
    <CitizenPage title={t('p.store.title')} intro={t('p.store.intro')} error={error}>
      {docs === null && !error ? (
        <Loading />
      ) : docs && docs.length === 0 ? (
        <p className="muted">{t('p.store.empty')}</p>
      ) : (
        <ul className="p-doc-list" data-testid="documents">
          {(docs ?? []).map((d) => (
            <li key={d.id}>
              <span>
                <span className="badge">{t(`p.doc.kind.${d.kind}` as PortalKey)}</span> <strong>{d.title}</strong>
                <span className="muted p-doc-meta">
                  {d.fileName} · {fileSize(d.sizeBytes)} · {dateTime(d.createdAt, lang)}
                  {d.dossierCode && <> · {t('p.store.from', { code: d.dossierCode })}</>}
                </span>
              </span>
              <a
                className="btn btn-outline btn-small"
                href={`/api/portal/documents/${d.id}/file`}
                aria-label={t('p.doc.downloadLabel', { title: d.title })}
              >
                {t('p.doc.download')}
              </a>
            </li>
          ))}
        </ul>
      )}
      <AddDocument
        onAdded={() => {
          void dataStore(true);
          setReload((n) => n + 1);
        }}
      />
    </CitizenPage>
  );
}

function AddDocument({ onAdded }: { onAdded: () => void }) {
  const t = usePT();
  const [title, setTitle] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [info, setInfo] = useState<string | null>(null);
  // A new key empties the file input after a document was added.
  const [formKey, setFormKey] = useState(0);

  const add = async (e: FormEvent) => {
    e.preventDefault();
    setInfo(null);
    if (!title.trim()) return setError(t('p.store.needTitle'));
    if (!file) return setError(t('p.store.needFile'));
    setError(null);
    setProgress(0);
    try {
      const stored = await uploadResumable(file, {
        csrfToken: getCitizen().csrfToken,
        onProgress: (sent, total) => setProgress(Math.floor((sent * 100) / Math.max(1, total))),
      });
      const r = await api.POST('/api/portal/documents', { headers: csrfHeaders(), body: { fileId: stored.id, title: title.trim() } });
      if (r.data) {
        setInfo(t('p.store.added', { title: r.data.title }));
        setTitle('');
        setFile(null);
        setFormKey((k) => k + 1);
        onAdded();
      } else setError(isProblem(r.error) ? r.error.detail : t('common.networkError'));
    } catch (err) {
      setError(err instanceof ApiError ? (err.problem?.detail ?? err.message) : t('common.networkError'));
    } finally {
      setProgress(null);
    }
  };

  return (
    <section className="card p-add-doc" aria-labelledby="add-doc-h">
      <h2 id="add-doc-h">{t('p.store.addTitle')}</h2>
      <form key={formKey} onSubmit={(e) => void add(e)} noValidate>
        <div className="p-field">
          <label htmlFor="doc-title" className="p-label">
            {t('p.store.docTitle')}
          </label>
          <input id="doc-title" value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200} />
        </div>
        <div className="p-field">
          <label htmlFor="doc-file" className="p-label">
            {t('p.store.file')}
          </label>
          <span className="muted p-help">{t('p.comp.uploadHelp')}</span>
          <input
            id="doc-file"
            type="file"
            accept="application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        </div>
        {progress !== null && (
          <progress max={100} value={progress} aria-label={t('p.comp.uploading', { name: file?.name ?? '', pct: progress })} />
        )}
        {error && (
          <p className="alert" role="alert">
            {error}
          </p>
        )}
        {info && (
          <p className="p-ok" role="status">
            {info}
          </p>
        )}
        <button type="submit" className="btn" disabled={progress !== null}>
          {t('p.store.add')}
        </button>
      </form>
    </section>
  );
}

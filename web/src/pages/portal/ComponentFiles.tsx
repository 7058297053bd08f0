// One document of an application (or of a supplement): the files attached to it, an upload that survives a weak
// connection (resumable, with progress), and a picker of the citizen's data store so that a document filed before
// is attached without uploading it again.
import { useEffect, useId, useRef, useState } from 'react';
import { api, ApiError, type Ok } from '../../api/client';
import { uploadResumable } from '../../api/resumableUpload';
import { usePT } from '../../i18n/portal';
import type { FileMeta } from '../../portal/draft';
import { csrfHeaders, getCitizen } from '../../portal/session';
import { fileSize } from '../../ui/format';

type Document = Ok<'/api/portal/documents', 'get'>['items'][number];

let storeCache: Promise<Document[]> | null = null;
/** The data store, fetched once per page (the picker of every component shares it). */
export function dataStore(force = false): Promise<Document[]> {
  if (!storeCache || force)
    storeCache = api
      .GET('/api/portal/documents', { headers: csrfHeaders() })
      .then((r) => r.data?.items ?? [])
      .catch(() => {
        storeCache = null;
        return [];
      });
  return storeCache;
}

type Upload = { key: number; name: string; sent: number; total: number; error: string | null };

export function ComponentFiles({
  componentId,
  name,
  files,
  onAdd,
  onRemove,
  onBusy,
  error,
  disabled = false,
}: {
  componentId: string;
  name: string;
  files: FileMeta[];
  onAdd: (f: FileMeta) => void;
  onRemove: (fileId: string) => void;
  onBusy?: (componentId: string, busy: boolean) => void;
  error?: string | null;
  disabled?: boolean;
}) {
  const t = usePT();
  const uid = useId();
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [picking, setPicking] = useState(false);
  const [docs, setDocs] = useState<Document[] | null>(null);
  const pickRef = useRef<HTMLDivElement>(null);
  const seq = useRef(0);
  const busy = uploads.some((u) => !u.error);

  useEffect(() => {
    onBusy?.(componentId, busy);
  }, [busy]);

  useEffect(() => {
    if (!picking) return;
    let live = true;
    void dataStore().then((d) => live && setDocs(d));
    pickRef.current?.focus();
    return () => {
      live = false;
    };
  }, [picking]);

  const upload = async (file: File) => {
    const key = ++seq.current;
    const patch = (p: Partial<Upload>) => setUploads((us) => us.map((u) => (u.key === key ? { ...u, ...p } : u)));
    setUploads((us) => [...us, { key, name: file.name, sent: 0, total: file.size, error: null }]);
    try {
      const stored = await uploadResumable(file, {
        csrfToken: getCitizen().csrfToken,
        onProgress: (sent, total) => patch({ sent, total }),
      });
      setUploads((us) => us.filter((u) => u.key !== key));
      onAdd({ fileId: stored.id, name: file.name, sizeBytes: stored.sizeBytes });
    } catch (e) {
      const detail = e instanceof ApiError ? (e.problem?.detail ?? e.message) : t('common.networkError');
      patch({ error: t('p.comp.uploadFailed', { name: file.name, detail }) });
    }
  };

  const attached = new Set(files.map((f) => f.fileId));
  return (
    <div className="p-files">
      {files.length > 0 && (
        <ul className="p-file-list" aria-label={t('p.comp.count', { n: files.length })}>
          {files.map((f) => (
            <li key={f.fileId} className="p-file">
              <span className="p-file-name">
                <span className="p-file-icon" aria-hidden="true" />
                {f.name || t('p.comp.fileUploaded')}
                {f.sizeBytes > 0 && <span className="muted"> · {fileSize(f.sizeBytes)}</span>}
              </span>
              <button
                type="button"
                className="btn btn-outline btn-small"
                onClick={() => onRemove(f.fileId)}
                aria-label={t('p.comp.removeLabel', { name: f.name || t('p.comp.fileUploaded') })}
                disabled={disabled}
              >
                {t('p.comp.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {uploads.map((u) => (
        <div key={u.key} className={u.error ? 'p-upload p-upload-failed' : 'p-upload'} role={u.error ? 'alert' : undefined}>
          {u.error ? (
            <>
              <span>{u.error}</span>
              <button
                type="button"
                className="btn btn-outline btn-small"
                onClick={() => setUploads((us) => us.filter((x) => x.key !== u.key))}
              >
                {t('p.comp.close')}
              </button>
            </>
          ) : (
            <>
              <span id={`${uid}-u${u.key}`}>
                {t('p.comp.uploading', { name: u.name, pct: Math.floor((u.sent * 100) / Math.max(1, u.total)) })}
              </span>
              <progress max={u.total || 1} value={u.sent} aria-labelledby={`${uid}-u${u.key}`} />
            </>
          )}
        </div>
      ))}
      {error && (
        <p className="p-error" role="alert">
          {error}
        </p>
      )}
      <div className="p-file-actions">
        <label className={disabled ? 'btn btn-outline p-upload-btn is-disabled' : 'btn btn-outline p-upload-btn'}>
          <span className="p-icon" aria-hidden="true">
            ⬆
          </span>
          {t('p.comp.upload')}
          <span className="visually-hidden">: {name}</span>
          <input
            type="file"
            className="visually-hidden"
            accept="application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"
            multiple
            disabled={disabled}
            data-testid={`upload-${componentId}`}
            onChange={(e) => {
              const list = Array.from(e.target.files ?? []);
              e.target.value = '';
              void (async () => {
                for (const f of list) await upload(f);
              })();
            }}
          />
        </label>
        <button type="button" className="btn btn-outline" aria-expanded={picking} onClick={() => setPicking((p) => !p)} disabled={disabled}>
          {t('p.comp.pick')}
        </button>
      </div>
      {picking && (
        <div className="p-picker" ref={pickRef} tabIndex={-1} role="region" aria-label={t('p.comp.pickTitle')}>
          <h4>{t('p.comp.pickTitle')}</h4>
          {docs === null ? (
            <p className="muted">{t('common.loading')}</p>
          ) : docs.length === 0 ? (
            <p className="muted">{t('p.comp.pickEmpty')}</p>
          ) : (
            <ul className="p-pick-list">
              {docs.map((d) => (
                <li key={d.id}>
                  <span>
                    {d.title}
                    <span className="muted">
                      {' '}
                      · {d.fileName} · {fileSize(d.sizeBytes)}
                    </span>
                  </span>
                  <button
                    type="button"
                    className="btn btn-small"
                    disabled={attached.has(d.fileId)}
                    aria-label={t('p.comp.attachLabel', { title: d.title })}
                    onClick={() => {
                      onAdd({ fileId: d.fileId, name: d.fileName || d.title, sizeBytes: d.sizeBytes });
                      setPicking(false);
                    }}
                  >
                    {t('p.comp.attach')}
                  </button>
                </li>
              ))}
            </ul>
          )}
          <button type="button" className="btn btn-outline btn-small" onClick={() => setPicking(false)}>
            {t('p.comp.close')}
          </button>
        </div>
      )}
    </div>
  );
}

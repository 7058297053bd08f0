// One document of an application (or of a supplement): the files attached to it, an upload that survives a weak
// connection (resumable, with progress), and a picker of the citizen's data store so that a document filed before
// is attached without uploading it again. In an application, a file still uploading is kept on the device
// (portal/pendingUploads.ts) so that a reload, or the phone closing the browser, continues it from where it was.
import { useEffect, useId, useRef, useState } from 'react';
import { api, ApiError, type Ok } from '../../api/client';
import { sha256Hex, uploadResumable } from '../../api/resumableUpload';
import { usePT } from '../../i18n/portal';
import type { FileMeta } from '../../portal/draft';
import { forgetPendingUpload, keepPendingUpload, pendingUploads, setPendingUploadId } from '../../portal/pendingUploads';
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

type Upload = {
  key: number;
  name: string;
  sent: number;
  total: number;
  error: string | null;
  /** Continued after a reload. */
  resumed: boolean;
  /** The copy kept on this device (see pendingUploads). */
  pendingKey: string | null;
};

/** Larger files are refused by the upload itself; they are not copied to the device first. */
const KEEP_MAX_BYTES = 20 * 1024 * 1024;
/** Kept files being continued on this page (a component mounted twice must not send one file twice). */
const resuming = new Set<string>();

export function ComponentFiles({
  componentId,
  name,
  files,
  onAdd,
  onRemove,
  onBusy,
  error,
  disabled = false,
  keep,
}: {
  componentId: string;
  name: string;
  files: FileMeta[];
  onAdd: (f: FileMeta) => void;
  onRemove: (fileId: string) => void;
  onBusy?: (componentId: string, busy: boolean) => void;
  error?: string | null;
  disabled?: boolean;
  /** The application the files are for: a file still uploading is kept on the device until it is uploaded. */
  keep?: { citizenId: string; applicationId: string };
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

  const failure = (e: unknown, name: string) => {
    const detail = e instanceof ApiError ? (e.problem?.detail ?? e.message) : t('common.networkError');
    return t('p.comp.uploadFailed', { name, detail });
  };

  const upload = async (file: File) => {
    const key = ++seq.current;
    const patch = (p: Partial<Upload>) => setUploads((us) => us.map((u) => (u.key === key ? { ...u, ...p } : u)));
    setUploads((us) => [...us, { key, name: file.name, sent: 0, total: file.size, error: null, resumed: false, pendingKey: null }]);
    let pendingKey: string | null = null;
    try {
      let sha256: string | undefined;
      if (keep && file.size > 0 && file.size <= KEEP_MAX_BYTES) {
        sha256 = await sha256Hex(file);
        pendingKey = await keepPendingUpload(file, { ...keep, componentId }, sha256);
        if (pendingKey) resuming.add(pendingKey);
        patch({ pendingKey });
      }
      const stored = await uploadResumable(file, {
        csrfToken: getCitizen().csrfToken,
        ...(sha256 ? { sha256 } : {}),
        onDeclared: (id) => {
          if (pendingKey) void setPendingUploadId(pendingKey, id);
        },
        onProgress: (sent, total) => patch({ sent, total }),
      });
      setUploads((us) => us.filter((u) => u.key !== key));
      onAdd({ fileId: stored.id, name: file.name, sizeBytes: stored.sizeBytes });
      if (pendingKey) await forgetPendingUpload(pendingKey);
    } catch (e) {
      // Refused by the server: nothing to continue. A network that stayed away: kept, continued on the next visit.
      if (pendingKey && e instanceof ApiError && e.status !== 401) await forgetPendingUpload(pendingKey);
      patch({ error: failure(e, file.name) });
    } finally {
      if (pendingKey) resuming.delete(pendingKey);
    }
  };

  // Reopened: the files still uploading when the page was left go on from the offset the server has.
  useEffect(() => {
    if (!keep) return;
    let live = true;
    void (async () => {
      const kept = await pendingUploads(keep.citizenId, keep.applicationId, componentId);
      for (const { meta, file } of kept) {
        if (!live) return;
        if (resuming.has(meta.key)) continue;
        resuming.add(meta.key);
        const key = ++seq.current;
        const patch = (p: Partial<Upload>) => setUploads((us) => us.map((u) => (u.key === key ? { ...u, ...p } : u)));
        setUploads((us) => [
          ...us,
          { key, name: meta.name, sent: 0, total: meta.sizeBytes, error: null, resumed: true, pendingKey: meta.key },
        ]);
        void (async () => {
          try {
            const stored = await uploadResumable(file, {
              csrfToken: getCitizen().csrfToken,
              sha256: meta.sha256,
              ...(meta.uploadId ? { uploadId: meta.uploadId } : {}),
              onDeclared: (id) => void setPendingUploadId(meta.key, id),
              onProgress: (sent, total) => patch({ sent, total }),
            });
            setUploads((us) => us.filter((u) => u.key !== key));
            onAdd({ fileId: stored.id, name: meta.name, sizeBytes: stored.sizeBytes });
            await forgetPendingUpload(meta.key);
          } catch (e) {
            if (e instanceof ApiError && e.status !== 401) {
              // Expired, failed or unknown on the server: the citizen picks the file again.
              await forgetPendingUpload(meta.key);
              const gone = e.status === 404 || e.status === 410 || e.problem?.code === 'upload-expired' || e.status === 422;
              patch({ error: gone ? t('p.comp.resumeGone', { name: meta.name }) : failure(e, meta.name) });
            } else patch({ error: failure(e, meta.name) });
          } finally {
            resuming.delete(meta.key);
          }
        })();
      }
    })();
    return () => {
      live = false;
    };
  }, [keep?.citizenId, keep?.applicationId, componentId]);

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
                onClick={() => {
                  // Closing the message gives the file up (it is not continued on the next visit either).
                  if (u.pendingKey) void forgetPendingUpload(u.pendingKey);
                  setUploads((us) => us.filter((x) => x.key !== u.key));
                }}
              >
                {t('p.comp.close')}
              </button>
            </>
          ) : (
            <>
              <span id={`${uid}-u${u.key}`}>
                {t(u.resumed ? 'p.comp.resuming' : 'p.comp.uploading', {
                  name: u.name,
                  pct: Math.floor((u.sent * 100) / Math.max(1, u.total)),
                })}
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

// /cong-dan — the citizen portal's home: how online filing works and the VNeID sign-in button; signed in, a greeting,
// the applications in progress (on the server, and those kept only on this device) to continue, my dossiers, the
// data store and sign-out.
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { api, type Ok } from '../../api/client';
import { useLang } from '../../i18n';
import { usePT, type PortalKey } from '../../i18n/portal';
import { forgetLocalDraft, localDrafts, type LocalDraft } from '../../portal/draft';
import { forgetPendingUploads } from '../../portal/pendingUploads';
import { csrfHeaders, loadCitizen, mayHaveCitizenSession, signOutCitizen, useCitizen, type Citizen } from '../../portal/session';
import { SignInButton } from '../../portal/ui';
import { dateTime } from '../../ui/format';
import { Loading } from '../../ui/Loading';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import './portal.css';

type OpenApplication = Ok<'/api/portal/applications', 'get'>['items'][number];
type Row = { id: string; name: string; status: string; updatedAt: string; onlyHere: boolean };

export default function PortalHome() {
  const t = usePT();
  const c = useCitizen();
  useDocumentTitle(t('p.title'));
  // No hint of a portal session in this browser: the signed-out home (and its sign-in button) at once, while the
  // server is asked in the background (a session it knows of, e.g. opened at the counter, replaces it).
  const [hinted] = useState(mayHaveCitizenSession);
  useEffect(() => {
    void loadCitizen();
  }, []);

  return (
    <>
      <h1 className="page-title">
        {c.citizen && c.status === 'signed-in' ? t('p.home.greeting', { name: c.citizen.fullName }) : t('p.title')}
      </h1>
      {c.status === 'unknown' && hinted ? (
        <Loading />
      ) : c.status === 'signed-in' && c.citizen ? (
        <SignedIn citizen={c.citizen} />
      ) : (
        <SignedOut networkError={c.status === 'network-error'} />
      )}
    </>
  );
}

function SignedOut({ networkError }: { networkError: boolean }) {
  const t = usePT();
  return (
    <>
      <p className="lead">{t('p.home.intro')}</p>
      {networkError && (
        <div className="alert" role="alert">
          {t('common.networkError')}
        </div>
      )}
      <div className="p-home-grid">
        <section className="card p-signin" aria-labelledby="h-signin">
          <h2 id="h-signin">{t('p.signIn.title')}</h2>
          <p>{t('p.signIn.intro')}</p>
          <SignInButton returnTo="/cong-dan" />
          <p className="muted p-signin-help">{t('p.signIn.help')}</p>
        </section>
        <section className="card" aria-labelledby="h-how">
          <h2 id="h-how">{t('p.home.howTitle')}</h2>
          <ol className="p-steps">
            <li>{t('p.home.step1')}</li>
            <li>{t('p.home.step2')}</li>
            <li>{t('p.home.step3')}</li>
            <li>{t('p.home.step4')}</li>
          </ol>
        </section>
      </div>
    </>
  );
}

function SignedIn({ citizen }: { citizen: Citizen }) {
  const t = usePT();
  const lang = useLang();
  const [rows, setRows] = useState<Row[] | null>(null);
  const [error, setError] = useState(false);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    let live = true;
    void (async () => {
      const local = await localDrafts(citizen.id);
      let server: OpenApplication[] = [];
      let failed = false;
      try {
        const r = await api.GET('/api/portal/applications');
        if (r.data) server = r.data.items;
        else failed = true;
      } catch {
        failed = true;
      }
      if (!live) return;
      const seen = new Set(server.map((a) => a.id));
      const localOnly = (d: LocalDraft) => !seen.has(d.id) && d.serverRevision === null && d.localRev > 0;
      setRows([
        ...local.filter(localOnly).map((d) => ({
          id: d.id,
          name: d.procedureName,
          status: 'draft',
          updatedAt: new Date(d.updatedAt).toISOString(),
          onlyHere: true,
        })),
        ...server.map((a) => ({ id: a.id, name: a.procedureName, status: a.status, updatedAt: a.updatedAt, onlyHere: false })),
      ]);
      setError(failed);
    })();
    return () => {
      live = false;
    };
  }, [citizen.id, reload]);

  const discard = async (row: Row) => {
    if (!window.confirm(t('p.home.discardConfirm', { name: row.name }))) return;
    if (!row.onlyHere)
      await api.DELETE('/api/portal/applications/{id}', { params: { path: { id: row.id } }, headers: csrfHeaders() }).catch(() => null);
    await forgetLocalDraft(citizen.id, row.id);
    setReload((n) => n + 1);
  };

  const signOut = async () => {
    // Drafts the server has need not stay on this (maybe shared) device; unsent ones stay until sent.
    for (const d of await localDrafts(citizen.id)) if (d.syncedRev >= d.localRev) await forgetLocalDraft(citizen.id, d.id);
    // Nor the personal documents that were still uploading.
    await forgetPendingUploads(citizen.id);
    await signOutCitizen();
  };

  return (
    <>
      {citizen.assistedBy && (
        <p className="p-info" role="note">
          {t('p.home.assisted', { name: citizen.assistedBy.fullName })}
        </p>
      )}
      <p className="muted" data-testid="citizen-level">
        {t('p.home.level', { n: citizen.loa })} · {citizen.idNumber}
      </p>
      <section className="p-section" aria-labelledby="h-drafts">
        <h2 id="h-drafts">{t('p.home.drafts')}</h2>
        {error && (
          <p className="alert" role="alert">
            {t('common.networkError')}
          </p>
        )}
        {rows === null ? (
          <Loading />
        ) : rows.length === 0 ? (
          <p className="muted">{t('p.home.noDrafts')}</p>
        ) : (
          <ul className="p-drafts" data-testid="drafts">
            {rows.map((r) => (
              <li key={r.id}>
                <div className="p-draft-main">
                  <p className="p-draft-name">{r.name}</p>
                  <p className="muted">
                    <span className="badge">{t(`p.status.${r.status}` as PortalKey)}</span>{' '}
                    {t('p.home.updated', { time: dateTime(r.updatedAt, lang) })}
                    {r.onlyHere && <> · {t('p.home.onlyHere')}</>}
                  </p>
                </div>
                <div className="p-actions">
                  <Link className="btn" to={`/cong-dan/nop/${r.id}`} aria-label={t('p.home.continueLabel', { name: r.name })}>
                    {t('p.home.continue')}
                  </Link>
                  {r.status === 'draft' && (
                    <button
                      type="button"
                      className="btn btn-outline"
                      onClick={() => void discard(r)}
                      aria-label={t('p.home.discardLabel', { name: r.name })}
                    >
                      {t('p.home.discard')}
                    </button>
                  )}
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
      <div className="cards">
        <section className="card" aria-labelledby="h-mine">
          <h2 id="h-mine">{t('p.home.mine')}</h2>
          <p>{t('p.home.mineText')}</p>
          <Link className="btn" to="/cong-dan/ho-so">
            {t('p.home.mine')}
          </Link>
        </section>
        <section className="card" aria-labelledby="h-new">
          <h2 id="h-new">{t('p.home.new')}</h2>
          <p>{t('p.home.newText')}</p>
          <Link className="btn" to="/thu-tuc">
            {t('p.home.catalogue')}
          </Link>
        </section>
        <section className="card" aria-labelledby="h-store">
          <h2 id="h-store">{t('p.home.store')}</h2>
          <p>{t('p.home.storeText')}</p>
          <Link className="btn btn-outline" to="/cong-dan/kho-du-lieu">
            {t('p.home.store')}
          </Link>
        </section>
      </div>
      <p className="p-signout">
        <button type="button" className="btn btn-outline" onClick={() => void signOut()} data-testid="citizen-sign-out">
          {t('p.signOut')}
        </button>
      </p>
    </>
  );
}

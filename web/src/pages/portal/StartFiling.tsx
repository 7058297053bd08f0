// /nop-truc-tuyen/:id — "Nộp trực tuyến" on a procedure page lands here. Not signed in: the VNeID button, coming
// back here. Signed in: a new application (its id chosen here, so a draft saved offline keeps its identity) — or,
// when one for this procedure is already in progress, the choice to continue it.
import { useEffect, useState } from 'react';
import { Link, Navigate, useParams } from 'react-router-dom';
import { api } from '../../api/client';
import { usePT } from '../../i18n/portal';
import { localDrafts } from '../../portal/draft';
import { loadCitizen, useCitizen } from '../../portal/session';
import { PortalCrumb, SignInBox } from '../../portal/ui';
import { Loading } from '../../ui/Loading';
import { uuid } from '../../ui/random';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import './portal.css';

export default function StartFiling() {
  const t = usePT();
  const { id = '' } = useParams();
  const c = useCitizen();
  const [name, setName] = useState<string | null>(null);
  const [existing, setExisting] = useState<string[] | null>(null);
  const [fresh] = useState(() => uuid());
  useDocumentTitle(t('p.start.title'));

  useEffect(() => {
    void loadCitizen();
    let live = true;
    api
      .GET('/api/procedures/{id}', { params: { path: { id } } })
      .then((r) => live && r.data && setName(r.data.name))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [id]);

  const citizenId = c.status === 'signed-in' ? c.citizen?.id : undefined;
  useEffect(() => {
    if (!citizenId) return;
    let live = true;
    void (async () => {
      const ids = new Set<string>();
      try {
        const r = await api.GET('/api/portal/applications');
        for (const a of r.data?.items ?? []) if (a.procedureId === id && a.status === 'draft') ids.add(a.id);
      } catch {
        // offline: this device's drafts still count
      }
      for (const d of await localDrafts(citizenId)) if (d.procedureId === id && d.localRev > 0 && d.serverRevision === null) ids.add(d.id);
      if (live) setExisting([...ids]);
    })();
    return () => {
      live = false;
    };
  }, [citizenId, id]);

  if (c.status === 'unknown') return <Loading />;
  if (c.status !== 'signed-in')
    return (
      <>
        <PortalCrumb />
        <h1 className="page-title">{t('p.start.title')}</h1>
        {name && <p className="lead">{name}</p>}
        {c.status === 'network-error' && (
          <p className="alert" role="alert">
            {t('common.networkError')}
          </p>
        )}
        <SignInBox returnTo={`/nop-truc-tuyen/${id}`} />
        <p>
          <Link className="btn btn-outline" to={`/thu-tuc/${id}`}>
            {t('p.start.back')}
          </Link>
        </p>
      </>
    );
  if (existing === null) return <Loading />;
  if (existing.length === 0) return <Navigate to={`/cong-dan/nop/${fresh}?thu-tuc=${id}`} replace />;
  return (
    <>
      <PortalCrumb />
      <h1 className="page-title">{t('p.start.title')}</h1>
      {name && <p className="lead">{name}</p>}
      <section className="card">
        <p>{t('p.start.existing')}</p>
        <div className="p-actions p-actions-stack">
          <Link className="btn btn-big" to={`/cong-dan/nop/${existing[0]}`}>
            {t('p.start.continue')}
          </Link>
          <Link className="btn btn-outline" to={`/cong-dan/nop/${fresh}?thu-tuc=${id}`}>
            {t('p.start.new')}
          </Link>
        </div>
      </section>
    </>
  );
}

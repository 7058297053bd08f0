// A procedure as a citizen needs it: what to bring (and what the office fetches itself from the population
// registry), the fee explained, the processing time, where to submit, the legal basis and the online link.
import { isoDayToVn } from '@domain/calendar/display';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api, ApiError, must, problemText } from '../../api/client';
import { CHANNEL_KEYS, componentForms, daysText, feeText, noteText, type Procedure } from '../../catalogue';
import { t0, useLang, useT } from '../../i18n';
import { Loading } from '../../ui/Loading';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { sortUnits, useUnits } from '../../units';

function dateText(iso: string, lang: string): string {
  const [y, m, d] = iso.split('-');
  return lang === 'vi' ? `${d}/${m}/${y}` : iso;
}

export default function ProcedurePage() {
  const t = useT();
  const lang = useLang();
  const { id = '' } = useParams();
  const { units } = useUnits();
  const [p, setP] = useState<Procedure | null>(null);
  const [error, setError] = useState<{ text: string; notFound: boolean } | null>(null);
  useDocumentTitle(p?.name ?? t('cat.title'));

  useEffect(() => {
    let live = true;
    setP(null);
    setError(null);
    api
      .GET('/api/procedures/{id}', { params: { path: { id } } })
      .then((r) => live && setP(must(r)))
      .catch((e: unknown) => {
        if (!live) return;
        const status = e instanceof ApiError ? e.status : 0;
        setError({
          text: problemText(e instanceof ApiError ? e.problem : null, t0('common.networkError')),
          notFound: status === 404 || status === 400,
        });
      });
    return () => {
      live = false;
    };
  }, [id]);

  if (error)
    return (
      <>
        <h1 className="page-title">{error.notFound ? t('cat.notFound') : t('cat.title')}</h1>
        {!error.notFound && (
          <div className="alert" role="alert">
            {error.text}
          </div>
        )}
        <Link className="btn btn-outline" to="/thu-tuc">
          {t('cat.back')}
        </Link>
      </>
    );
  if (!p) return <Loading />;

  const bring = p.components.filter((c) => !c.fromRegistry);
  const fetched = p.components.filter((c) => c.fromRegistry);
  const handling = sortUnits((units ?? []).filter((u) => p.unitIds.includes(u.id)));
  const online = p.channels.includes('online');

  return (
    <article className="procedure">
      <p className="crumbs">
        <Link to="/thu-tuc">{t('cat.title')}</Link>
      </p>
      <h1 className="page-title">{p.name}</h1>
      <p className="proc-meta">
        <span>{t('cat.code', { code: p.code })}</span>
        <span>{p.field}</span>
        <span>{p.level === 'commune' ? t('cat.levelCommune') : t('cat.levelProvince')}</span>
      </p>

      {online && (
        <section className="online-cta" aria-label={t('cat.fileOnline')}>
          <p>{t('cat.fileOnlineHelp')}</p>
          <Link className="btn btn-cta" to={`/nop-truc-tuyen/${p.id}`} data-testid="file-online">
            {t('cat.fileOnline')}
          </Link>
        </section>
      )}

      <div className="facts-grid">
        <section className="card" aria-labelledby="p-time">
          <h2 id="p-time">{t('cat.time')}</h2>
          <p className="big">{daysText(p.processingDays, t, lang)}</p>
          <p className="muted">{t('cat.cutoff', { time: p.cutoffTime })}</p>
        </section>
        <section className="card" aria-labelledby="p-fee">
          <h2 id="p-fee">{t('cat.fee')}</h2>
          <p className="big" data-testid="fee">
            {feeText(p.fee, t, lang)}
          </p>
          {p.fee.note && <p className="muted">{noteText(p.fee.note, t)}</p>}
        </section>
        <section className="card" aria-labelledby="p-result">
          <h2 id="p-result">{t('cat.result')}</h2>
          <p>{p.resultType}</p>
        </section>
      </div>

      <section aria-labelledby="p-bring" className="section">
        <h2 id="p-bring">{t('cat.bring')}</h2>
        <ol className="comp-list" data-testid="components">
          {bring.map((c) => (
            <li key={c.id}>
              <span className={c.mandatory ? 'badge badge-strong' : 'badge'}>{c.mandatory ? t('comp.mandatory') : t('comp.optional')}</span>
              <p className="comp-name">{c.name}</p>
              <p className="muted">{componentForms(c, t)}</p>
            </li>
          ))}
        </ol>
        {fetched.length > 0 && (
          <>
            <h3>{t('cat.fetched')}</h3>
            <ul className="comp-list fetched">
              {fetched.map((c) => (
                <li key={c.id}>
                  <p className="comp-name">{c.name}</p>
                  <p className="ok-note">{t('comp.fromRegistry')}</p>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      <section aria-labelledby="p-where" className="section">
        <h2 id="p-where">{t('cat.where')}</h2>
        {p.boundaryFree && <p className="ok-note">{t('cat.boundaryFree')}</p>}
        {handling.length > 0 ? (
          <ul className="unit-list">
            {handling.map((u) => (
              <li key={u.id}>
                <strong>{u.name}</strong>
                {u.address && <div className="muted">{u.address}</div>}
                {u.receptionPoints.filter((rp) => rp.active).length > 0 && (
                  <div className="muted">
                    {u.receptionPoints
                      .filter((rp) => rp.active)
                      .map((rp) => rp.name)
                      .join('; ')}
                  </div>
                )}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t('cat.noUnits')}</p>
        )}
        <p>
          {t('cat.channels')}: {p.channels.map((c) => t(CHANNEL_KEYS[c])).join(', ')}
        </p>
        {online && (
          <Link className="btn" to={`/nop-truc-tuyen/${p.id}`}>
            {t('cat.fileOnline')}
          </Link>
        )}
      </section>

      {p.legalBasis.length > 0 && (
        <section aria-labelledby="p-law" className="section">
          <h2 id="p-law">{t('cat.legal')}</h2>
          <ul className="law-list">
            {p.legalBasis.map((l) => (
              <li key={l.number}>
                <strong>{l.number}</strong> {t('cat.issuedOn', { date: dateText(l.issuedOn, lang) })}: {l.title}
              </li>
            ))}
          </ul>
        </section>
      )}
      {p.notes && (
        <section aria-labelledby="p-notes" className="section">
          <h2 id="p-notes">{t('cat.notes')}</h2>
          <p>{noteText(p.notes, t)}</p>
        </section>
      )}
      {p.publication?.status === 'published' && p.publication.decisionNumber && (
        <p data-testid="proc-decision">
          {t('procPage.decision', {
            number: p.publication.decisionNumber,
            date: isoDayToVn(p.publication.decisionDate),
            effective: isoDayToVn(p.publication.effectiveDate),
          })}
        </p>
      )}
      <p className="muted">{t('cat.version', { n: p.version })}</p>
    </article>
  );
}

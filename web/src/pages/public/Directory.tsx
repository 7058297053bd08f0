// Public directory of officials: per unit, name, roles, title and the contact details each official publishes.
// Plain HTML (no antd): citizens open it on phones, often over slow connections.
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { ROLE_LABELS } from '@domain/roles';
import { api, ApiError, must, problemText, type Ok } from '../../api/client';
import { t0, useLang, useT } from '../../i18n';
import { Loading } from '../../ui/Loading';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { sortUnits, useUnits } from '../../units';

type Entry = Ok<'/api/public/directory', 'get'>['items'][number];

export default function Directory() {
  const t = useT();
  const lang = useLang();
  useDocumentTitle(t('dir.title'));
  const { units } = useUnits();
  const [params, setParams] = useSearchParams();
  const slug = params.get('don-vi') ?? '';
  const unit = units?.find((u) => u.slug === slug);
  const [entries, setEntries] = useState<Entry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  const ready = !slug || units !== null; // a slug needs the unit list to resolve
  const unitId = unit?.id;
  useEffect(() => {
    if (!ready) return;
    let live = true;
    setEntries(null);
    setError(null);
    api
      .GET('/api/public/directory', { params: { query: unitId ? { unitId } : {} } })
      .then((r) => live && setEntries(must(r).items))
      .catch((e: unknown) => live && setError(problemText(e instanceof ApiError ? e.problem : null, t0('common.networkError'))));
    return () => {
      live = false;
    };
  }, [ready, unitId, attempt]);

  const order = new Map(sortUnits(units ?? []).map((u, i) => [u.id, i]));
  const sorted = entries ? [...entries].sort((a, b) => (order.get(a.unitId) ?? 999) - (order.get(b.unitId) ?? 999)) : null;

  return (
    <>
      <h1 className="page-title">{t('dir.title')}</h1>
      <p className="lead">{t('dir.intro')}</p>
      <div className="field">
        <label htmlFor="dir-unit">{t('dir.unit')}</label>
        <select
          id="dir-unit"
          value={unit?.slug ?? ''}
          onChange={(e) => setParams(e.target.value ? { 'don-vi': e.target.value } : {}, { replace: true })}
        >
          <option value="">{t('dir.allUnits')}</option>
          {sortUnits(units ?? []).map((u) => (
            <option key={u.id} value={u.slug}>
              {u.name}
            </option>
          ))}
        </select>
      </div>
      {error && (
        <div className="alert" role="alert">
          {error}{' '}
          <button type="button" className="btn btn-outline" onClick={() => setAttempt((n) => n + 1)}>
            {t('common.retry')}
          </button>
        </div>
      )}
      {!error && !sorted && <Loading />}
      {sorted && sorted.length === 0 && <p className="muted">{t('dir.empty')}</p>}
      <div aria-live="polite">
        {sorted?.map((e) => (
          <section key={e.unitId} className="dir-unit" aria-labelledby={`u-${e.unitId}`}>
            <h2 id={`u-${e.unitId}`}>{e.unitName}</h2>
            <p className="count">{t('dir.count', { n: e.officials.length })}</p>
            <ul className="officials">
              {e.officials.map((o) => (
                <li key={o.id} className="official">
                  <p className="official-name">{o.fullName}</p>
                  {o.title && <p className="official-title">{o.title}</p>}
                  <ul className="official-roles" aria-label={t('dir.roles')}>
                    {o.roles.map((r) => (
                      <li key={r}>{ROLE_LABELS[r][lang]}</li>
                    ))}
                  </ul>
                  {o.email || o.phone ? (
                    <dl>
                      {o.phone && (
                        <>
                          <dt>{t('dir.phone')}</dt>
                          <dd>
                            <a href={`tel:${o.phone.replace(/[^0-9+]/g, '')}`}>{o.phone}</a>
                          </dd>
                        </>
                      )}
                      {o.email && (
                        <>
                          <dt>{t('dir.email')}</dt>
                          <dd>
                            <a href={`mailto:${o.email}`}>{o.email}</a>
                          </dd>
                        </>
                      )}
                    </dl>
                  ) : (
                    <p className="muted">{t('dir.noContact')}</p>
                  )}
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </>
  );
}

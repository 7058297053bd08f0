// Public catalogue search: plain HTML (no antd). The server matches with or without diacritics, so
// "dang ky khai sinh" finds "Đăng ký khai sinh". The query is kept in the address (?q=) so it can be shared.
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { api, ApiError, must, problemText } from '../../api/client';
import { daysText, money, type ProcedureItem } from '../../catalogue';
import { t0, useLang, useT } from '../../i18n';
import { Loading } from '../../ui/Loading';
import { useDocumentTitle } from '../../ui/useDocumentTitle';

export default function Catalogue() {
  const t = useT();
  const lang = useLang();
  useDocumentTitle(t('cat.title'));
  const [params, setParams] = useSearchParams();
  const [text, setText] = useState(params.get('q') ?? '');
  const [query, setQuery] = useState(text.trim());
  const [items, setItems] = useState<ProcedureItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  // Debounce: one request after the user stops typing for a moment. The address changes only when the words did:
  // a click on a result while a lazily loaded page is on its way keeps this page mounted for a moment, and writing
  // the same ?q= again then would cancel that navigation and leave the citizen on the list.
  useEffect(() => {
    const h = setTimeout(() => {
      const q = text.trim();
      setQuery(q);
      const here = new URLSearchParams(window.location.search).get('q') ?? '';
      if (q !== here && window.location.pathname === '/thu-tuc') setParams(q ? { q } : {}, { replace: true });
    }, 250);
    return () => clearTimeout(h);
  }, [text, setParams]);

  useEffect(() => {
    let live = true;
    setError(null);
    api
      .GET('/api/procedures', { params: { query: { ...(query ? { q: query } : {}), limit: 200 } } })
      .then((r) => live && setItems(must(r).items))
      .catch((e: unknown) => live && setError(problemText(e instanceof ApiError ? e.problem : null, t0('common.networkError'))));
    return () => {
      live = false;
    };
  }, [query, attempt]);

  return (
    <>
      <h1 className="page-title">{t('cat.title')}</h1>
      <p className="lead">{t('cat.intro')}</p>
      <form className="search-form" role="search" onSubmit={(e) => e.preventDefault()}>
        <label htmlFor="cat-q">{t('cat.search')}</label>
        <input
          id="cat-q"
          type="search"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={t('cat.searchPlaceholder')}
          autoComplete="off"
          spellCheck={false}
        />
      </form>
      {error && (
        <div className="alert" role="alert">
          {error}{' '}
          <button type="button" className="btn btn-outline" onClick={() => setAttempt((n) => n + 1)}>
            {t('common.retry')}
          </button>
        </div>
      )}
      {!error && !items && <Loading />}
      <div aria-live="polite">
        {items && (
          <p className="muted" data-testid="cat-count">
            {items.length === 0 ? t('cat.none') : t('cat.count', { n: items.length })}
          </p>
        )}
        <ul className="proc-list">
          {items?.map((p) => (
            <li key={p.id} className="proc-item">
              <h2>
                <Link to={`/thu-tuc/${p.id}`}>{p.name}</Link>
              </h2>
              <p className="proc-meta">
                <span>{t('cat.code', { code: p.code })}</span>
                <span>{p.field}</span>
              </p>
              <dl className="proc-facts">
                <div>
                  <dt>{t('cat.time')}</dt>
                  <dd>{daysText(p.processingDays, t, lang)}</dd>
                </div>
                <div>
                  <dt>{t('cat.fee')}</dt>
                  <dd>{p.fee.kind === 'free' ? t('fee.free') : t('cat.feeFrom', { fee: money(p.feeFrom, lang) })}</dd>
                </div>
              </dl>
              <p className="badges">
                {p.channels.includes('online') && <span className="badge badge-ok">{t('cat.online')}</span>}
                {p.boundaryFree && <span className="badge">{t('cat.boundaryFreeShort')}</span>}
              </p>
            </li>
          ))}
        </ul>
      </div>
    </>
  );
}

// Public page of published answers per unit (/phan-anh/cong-khai): personal data already removed by the
// server; the search matches with or without diacritics (the catalogue's folding, on the server).
import { FEEDBACK_KIND_LABELS, type FeedbackKind } from '@domain/feedback/lifecycle';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { api, type Ok } from '../../api/client';
import { useLang, useT } from '../../i18n';
import { dateTime } from '../../ui/format';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { useUnits } from '../../units';
import { AnswerView } from './AnswerView';
import { useFT } from './i18n';
import './feedback.css';

type Item = Ok<'/api/public/feedback', 'get'>['items'][number];

export default function FeedbackPublished() {
  const ft = useFT();
  const t = useT();
  const lang = useLang();
  useDocumentTitle(ft('pub.title'));
  const [params, setParams] = useSearchParams();
  const { units } = useUnits();
  const unitId = params.get('donVi') ?? '';
  const [text, setText] = useState(params.get('q') ?? '');
  const [items, setItems] = useState<Item[] | null>(null);
  const [error, setError] = useState(false);
  const q = params.get('q') ?? '';

  useEffect(() => {
    let live = true;
    setError(false);
    api
      .GET('/api/public/feedback', { params: { query: { ...(unitId ? { unitId } : {}), ...(q ? { q } : {}) } } })
      .then((r) => live && (r.data ? setItems(r.data.items) : setError(true)))
      .catch(() => live && setError(true));
    return () => {
      live = false;
    };
  }, [unitId, q]);

  const go = (next: Record<string, string>) => {
    const p = { ...(unitId ? { donVi: unitId } : {}), ...(q ? { q } : {}), ...next };
    setParams(Object.fromEntries(Object.entries(p).filter(([, v]) => v)), { replace: true });
  };

  return (
    <>
      <h1 className="page-title">{ft('pub.title')}</h1>
      <p className="lead">{ft('pub.intro')}</p>
      <p>
        <Link to="/phan-anh">{ft('nav.send')}</Link>
      </p>
      <form
        className="search-form"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          go({ q: text.trim() });
        }}
      >
        <div className="field">
          <label htmlFor="fbp-unit">{ft('send.unit')}</label>
          <select id="fbp-unit" value={unitId} onChange={(e) => go({ donVi: e.target.value })}>
            <option value="">{ft('pub.allUnits')}</option>
            {(units ?? [])
              .filter((u) => u.type !== 'province')
              .map((u) => (
                <option key={u.id} value={u.id}>
                  {u.shortName}
                </option>
              ))}
          </select>
        </div>
        <label htmlFor="fbp-q">{ft('pub.search')}</label>
        <input id="fbp-q" type="search" value={text} onChange={(e) => setText(e.target.value)} />
      </form>
      {error && <div className="alert">{t('common.networkError')}</div>}
      {items && items.length === 0 && <p className="muted">{ft('pub.empty')}</p>}
      <ul className="fb-list" data-testid="feedback-published">
        {(items ?? []).map((x) => (
          <li key={x.code} className="card">
            <h2 className="fb-h2">{x.subject}</h2>
            <p className="muted">
              {x.code} · {x.unitName} · {FEEDBACK_KIND_LABELS[x.kind as FeedbackKind]?.[lang] ?? x.kind} ·{' '}
              {ft('pub.publishedAt', { at: dateTime(x.publishedAt, lang) })}
            </p>
            <p>{x.content}</p>
            <AnswerView answer={x.answer} />
          </li>
        ))}
      </ul>
    </>
  );
}

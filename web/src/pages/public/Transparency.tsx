// Public transparency page: each centre's volumes, on-time rate, online rate and satisfaction for this month
// and last month, from GET /api/public/indicators. Counts and rates only, no personal data. Plain HTML.
import { useEffect, useState } from 'react';
import { api, ApiError, must, problemText, type Ok } from '../../api/client';
import { t0, useT } from '../../i18n';
import { Loading } from '../../ui/Loading';
import { useDocumentTitle } from '../../ui/useDocumentTitle';

type Figures = Ok<'/api/public/indicators', 'get'>;
type F = Figures['items'][number]['current'];

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} %`);
const short = (name: string) => name.replace(/^Trung tâm Phục vụ hành chính công\s+/i, '');

export default function Transparency() {
  const t = useT();
  useDocumentTitle(t('transparency.title'));
  const [data, setData] = useState<Figures | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    const load = () =>
      api
        .GET('/api/public/indicators', {})
        .then((r) => live && (setData(must(r)), setError(null)))
        .catch((e: unknown) => live && setError(problemText(e instanceof ApiError ? e.problem : null, t0('common.networkError'))));
    void load();
    const h = setInterval(() => void load(), 5 * 60_000);
    return () => {
      live = false;
      clearInterval(h);
    };
  }, []);
  const cells = (f: F) => [f.received, f.finished, pct(f.onTimeRate), pct(f.onlineRate), pct(f.satisfactionRate)];
  const heads = [
    t('transparency.received'),
    t('transparency.finished'),
    t('transparency.onTime'),
    t('transparency.online'),
    t('transparency.satisfaction'),
  ];
  return (
    <>
      <h1 className="page-title">{t('transparency.title')}</h1>
      <p className="lead">{t('transparency.intro')}</p>
      {error && (
        <div className="alert" role="alert">
          {error}
        </div>
      )}
      {!data && !error && <Loading />}
      {data &&
        (['current', 'last'] as const).map((which) => (
          <section key={which} aria-labelledby={`tp-${which}`} style={{ marginTop: 24 }}>
            <h2 id={`tp-${which}`}>
              {t(which === 'current' ? 'transparency.current' : 'transparency.last')} ({data[which].from.split('-').reverse().join('/')} –{' '}
              {data[which].to.split('-').reverse().join('/')})
            </h2>
            <div style={{ overflowX: 'auto' }}>
              <table className="data-table" data-testid={`transparency-${which}`} style={{ borderCollapse: 'collapse', width: '100%' }}>
                <thead>
                  <tr>
                    <th scope="col" style={{ textAlign: 'left', padding: '6px 8px' }}>
                      {t('dash.unit')}
                    </th>
                    {heads.map((h) => (
                      <th key={h} scope="col" style={{ textAlign: 'right', padding: '6px 8px' }}>
                        {h}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((u) => (
                    <tr key={u.unitId} style={{ borderTop: '1px solid #d0d7de' }}>
                      <th scope="row" style={{ textAlign: 'left', padding: '6px 8px', fontWeight: 500 }}>
                        {short(u.name)}
                      </th>
                      {cells(u[which]).map((c, i) => (
                        <td key={i} style={{ textAlign: 'right', padding: '6px 8px' }}>
                          {c}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        ))}
    </>
  );
}

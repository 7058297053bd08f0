// /cong-dan/ho-so — my dossiers (filed online or at a counter with my ID number): status in plain words, where and
// when, and what is awaited from me, newest first.
import { Link } from 'react-router-dom';
import { api, type Ok } from '../../api/client';
import { useLang } from '../../i18n';
import { usePT } from '../../i18n/portal';
import { CitizenPage, useCitizenData } from '../../portal/ui';
import { appointmentText, dateTime } from '../../ui/format';
import { Loading } from '../../ui/Loading';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import './portal.css';

type Item = Ok<'/api/portal/dossiers', 'get'>['items'][number];

export default function MyDossiers() {
  const t = usePT();
  const lang = useLang();
  useDocumentTitle(t('p.mine.title'));
  const { data, error } = useCitizenData(() => api.GET('/api/portal/dossiers'));
  const items: Item[] | null = data?.items ?? null;

  return (
    <CitizenPage title={t('p.mine.title')} intro={t('p.mine.intro')} error={error}>
      {items === null && !error ? (
        <Loading />
      ) : items && items.length === 0 ? (
        <p className="muted">{t('p.mine.empty')}</p>
      ) : (
        <ul className="p-dossiers" data-testid="my-dossiers">
          {(items ?? []).map((d) => (
            <li key={d.id} className={d.awaiting ? 'card p-dossier is-awaiting' : 'card p-dossier'}>
              <h2 className="p-dossier-name">{d.procedureName}</h2>
              <p className="p-dossier-code">{d.code}</p>
              <p className="status-line">
                <span className="badge badge-strong">{d.statusLabel[lang]}</span>
              </p>
              {d.awaiting && (
                <p className="p-await" role="note">
                  <span aria-hidden="true">⚠ </span>
                  {t('p.mine.awaiting')}
                </p>
              )}
              <dl className="status-dl">
                <div>
                  <dt>{t('p.mine.unit')}</dt>
                  <dd>{d.unitName}</dd>
                </div>
                <div>
                  <dt>{t('p.mine.received')}</dt>
                  <dd>{dateTime(d.receivedAt, lang)}</dd>
                </div>
                {d.dueAt && !d.returnedAt && (
                  <div>
                    <dt>{t('p.mine.due')}</dt>
                    <dd>{appointmentText(d.dueAt, lang)}</dd>
                  </div>
                )}
              </dl>
              <Link className="btn" to={`/cong-dan/ho-so/${d.id}`} aria-label={t('p.mine.openLabel', { code: d.code })}>
                {t('p.mine.open')}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </CitizenPage>
  );
}

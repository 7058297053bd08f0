import { Link } from 'react-router-dom';
import { useT } from '../../i18n';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { sortUnits, useUnits } from '../../units';

export function Home() {
  const t = useT();
  useDocumentTitle(t('nav.home'));
  const { units } = useUnits();
  return (
    <>
      <h1 className="page-title">{t('home.title')}</h1>
      <p className="lead">{t('home.intro')}</p>
      <div className="cards">
        <section className="card" aria-labelledby="home-cat">
          <h2 id="home-cat">{t('home.catalogueTitle')}</h2>
          <p>{t('home.catalogueText')}</p>
          <Link className="btn" to="/thu-tuc">
            {t('nav.catalogue')}
          </Link>
        </section>
        <section className="card" aria-labelledby="home-portal">
          <h2 id="home-portal">{t('nav.portal')}</h2>
          <p>{t('home.portalText')}</p>
          <Link className="btn" to="/cong-dan">
            {t('nav.portal')}
          </Link>
        </section>
        <section className="card" aria-labelledby="home-lookup">
          <h2 id="home-lookup">{t('home.lookupTitle')}</h2>
          <p>{t('home.lookupText')}</p>
          <Link className="btn" to="/tra-cuu">
            {t('nav.lookup')}
          </Link>
        </section>
        <section className="card" aria-labelledby="home-dir">
          <h2 id="home-dir">{t('home.directoryTitle')}</h2>
          <p>{t('home.directoryText')}</p>
          <Link className="btn" to="/danh-ba">
            {t('nav.directory')}
          </Link>
        </section>
        <section className="card" aria-labelledby="home-staff">
          <h2 id="home-staff">{t('home.staffTitle')}</h2>
          <p>{t('home.staffText')}</p>
          <Link className="btn btn-outline" to="/dang-nhap">
            {t('nav.signIn')}
          </Link>
        </section>
        {units && units.length > 0 && (
          <section className="card" aria-labelledby="home-units">
            <h2 id="home-units">{t('home.unitsTitle')}</h2>
            <ul className="unit-list">
              {sortUnits(units).map((u) => (
                <li key={u.id}>
                  <Link to={`/danh-ba?don-vi=${u.slug}`}>{u.name}</Link>
                </li>
              ))}
            </ul>
          </section>
        )}
      </div>
    </>
  );
}

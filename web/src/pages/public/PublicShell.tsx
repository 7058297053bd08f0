// Layout of the public pages: plain HTML and CSS (no antd) so that citizens on slow phones get them fast.
import { Suspense, useEffect } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router-dom';
import { useSession } from '../../auth/session';
import { useT } from '../../i18n';
import { Loading } from '../../ui/Loading';
import { PrefsButtons } from '../../ui/PrefsButtons';

export function PublicShell() {
  const t = useT();
  const session = useSession();
  const { pathname } = useLocation();
  useEffect(() => {
    window.scrollTo(0, 0);
  }, [pathname]);
  return (
    <>
      <a className="skip-link" href="#main">
        {t('a11y.skip')}
      </a>
      <header className="pub-header on-dark">
        <div className="pub-header-inner">
          <NavLink to="/" className="brand">
            <span className="brand-name">{t('app.name')}</span>
            <span className="brand-tagline">{t('app.tagline')}</span>
          </NavLink>
          <nav className="pub-nav" aria-label={t('a11y.mainNav')}>
            <NavLink to="/" end className="nav-home">
              {t('nav.home')}
            </NavLink>
            <NavLink to="/thu-tuc">{t('nav.catalogue')}</NavLink>
            <NavLink to="/tra-cuu">{t('nav.lookup')}</NavLink>
            <NavLink to="/cong-dan">{t('nav.portal')}</NavLink>
            <NavLink to="/danh-ba">{t('nav.directory')}</NavLink>
            {session.status === 'signed-in' ? (
              <NavLink to="/can-bo">{t('nav.staffHome')}</NavLink>
            ) : (
              <NavLink to="/dang-nhap">{t('nav.signIn')}</NavLink>
            )}
          </nav>
          <PrefsButtons />
        </div>
      </header>
      <main id="main" tabIndex={-1} className="pub-main">
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
      <footer className="pub-footer">
        <div className="pub-footer-inner">{t('app.footer')}</div>
      </footer>
    </>
  );
}

// Layout of the public pages: plain HTML and CSS (no antd) so that citizens on slow phones get them fast.
// On narrow screens the navigation and the preference buttons fold into a "Menu" disclosure below a one-row header;
// on wide screens the button is hidden and the panel's box disappears (display: contents), so nothing moves.
import { Suspense, useEffect, useRef, useState, type MouseEvent } from 'react';
import { Link, NavLink, Outlet, useLocation } from 'react-router-dom';
import { useSession } from '../../auth/session';
import { useLang, useT } from '../../i18n';
import { CloseIcon, MenuIcon } from '../../ui/icons';
import { Loading } from '../../ui/Loading';
import { PrefsButtons } from '../../ui/PrefsButtons';

const MENU_ID = 'pub-menu';

export function PublicShell() {
  const t = useT();
  const lang = useLang();
  const session = useSession();
  const { pathname } = useLocation();
  // The page the menu was opened on: going to another page closes it without an effect.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const menuOpen = openOn === pathname;
  const menuButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    window.scrollTo(0, 0);
  }, [pathname]);
  useEffect(() => {
    if (!menuOpen) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setOpenOn(null);
      menuButton.current?.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [menuOpen]);
  // A link chosen in the menu closes it, also when it is the page already shown.
  const closeOnLink = (e: MouseEvent<HTMLElement>) => {
    if ((e.target as HTMLElement).closest('a')) setOpenOn(null);
  };
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
          <button
            ref={menuButton}
            type="button"
            className="pub-menu-button"
            aria-expanded={menuOpen}
            aria-controls={MENU_ID}
            onClick={() => setOpenOn(menuOpen ? null : pathname)}
          >
            {menuOpen ? <CloseIcon /> : <MenuIcon />}
            {menuOpen ? t('nav.publicMenuClose') : t('nav.publicMenu')}
          </button>
          <div id={MENU_ID} className={menuOpen ? 'pub-menu open' : 'pub-menu'} onClick={closeOnLink}>
            <nav className="pub-nav" aria-label={t('a11y.mainNav')}>
              <NavLink to="/" end className="nav-home">
                {t('nav.home')}
              </NavLink>
              <NavLink to="/thu-tuc">{t('nav.catalogue')}</NavLink>
              <NavLink to="/tra-cuu">{t('nav.lookup')}</NavLink>
              <NavLink to="/phan-anh">{lang === 'en' ? 'Feedback' : 'Phản ánh, kiến nghị'}</NavLink>
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
        </div>
      </header>
      <main id="main" tabIndex={-1} className="pub-main">
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
      <footer className="pub-footer">
        <div className="pub-footer-inner">
          {t('app.footer')} · <Link to="/cong-khai">{t('nav.transparency')}</Link>
        </div>
      </footer>
    </>
  );
}

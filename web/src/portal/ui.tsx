// Small pieces shared by the portal pages: the VNeID sign-in box, amounts in đồng, and the breadcrumb back to the
// portal home.
import { Link } from 'react-router-dom';
import { usePT } from '../i18n/portal';
import type { Lang } from '../prefs';
import { setCitizenHint, vneidSignInUrl } from './session';

/** "15.000 đ" (Vietnamese) or "15,000 VND". */
export function vnd(n: number, lang: Lang): string {
  return lang === 'vi' ? `${new Intl.NumberFormat('vi-VN').format(n)} đ` : `${new Intl.NumberFormat('en-GB').format(n)} VND`;
}

/** The sign-in button (a plain link: the browser goes to VNeID and comes back to `returnTo`). */
export function SignInButton({ returnTo, level = 2, label }: { returnTo: string; level?: 1 | 2; label?: string }) {
  const t = usePT();
  return (
    <a
      className="btn btn-big btn-vneid"
      href={vneidSignInUrl(returnTo, level)}
      data-testid="vneid-sign-in"
      // Most likely back with a session: the page it returns to asks the server first (a 401 clears the hint).
      onClick={() => setCitizenHint(true)}
    >
      {label ?? t('p.signIn.button')}
    </a>
  );
}

/** Why sign in, and the button. */
export function SignInBox({ returnTo, message }: { returnTo: string; message?: string }) {
  const t = usePT();
  return (
    <section className="card p-signin" aria-labelledby="p-signin-h">
      <h2 id="p-signin-h">{t('p.signIn.button')}</h2>
      <p>{message ?? t('p.signIn.needed')}</p>
      <SignInButton returnTo={returnTo} />
      <p className="muted p-signin-help">{t('p.signIn.help')}</p>
    </section>
  );
}

export function PortalCrumb() {
  const t = usePT();
  return (
    <p className="crumbs">
      <Link to="/cong-dan">{t('p.crumb')}</Link>
    </p>
  );
}

/** The current path and query: where a sign-in comes back to. */
export function here(): string {
  return `${window.location.pathname}${window.location.search}`;
}

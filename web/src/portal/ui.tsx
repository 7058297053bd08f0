// Small pieces shared by the portal pages: the VNeID sign-in box, amounts in đồng, and the breadcrumb back to the
// portal home.
import { useEffect, useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { usePT } from '../i18n/portal';
import type { Lang } from '../prefs';
import { Loading } from '../ui/Loading';
import { citizenSessionEnded, loadCitizen, setCitizenHint, useCitizen, vneidSignInUrl } from './session';

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

/**
 * What a signed-in portal page loads: asked once the session is known to be signed in (again when `reload`
 * changes); a 401 ends the portal session, anything else is a network message.
 */
export function useCitizenData<T>(
  load: () => Promise<{ data?: T; response: Response }>,
  reload = 0,
): { data: T | null; error: string | null } {
  const t = usePT();
  const c = useCitizen();
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void loadCitizen();
  }, []);
  useEffect(() => {
    if (c.status !== 'signed-in') return;
    let live = true;
    load()
      .then((r) => {
        if (!live) return;
        if (r.data) setData(r.data);
        else if (r.response.status === 401) citizenSessionEnded();
        else setError(t('common.networkError'));
      })
      .catch(() => live && setError(t('common.networkError')));
    return () => {
      live = false;
    };
    // `load` is a new function each render; what it asks for only changes with the session and `reload`.
  }, [c.status, reload]);
  return { data, error };
}

/** The frame of a page for signed-in citizens: crumb and title, then the sign-in box, or the intro and content. */
export function CitizenPage({
  title,
  intro,
  error,
  children,
}: {
  title: string;
  intro: string;
  error: string | null;
  children: ReactNode;
}) {
  const c = useCitizen();
  return (
    <>
      <PortalCrumb />
      <h1 className="page-title">{title}</h1>
      {c.status === 'unknown' ? (
        <Loading />
      ) : c.status !== 'signed-in' ? (
        <SignInBox returnTo={here()} />
      ) : (
        <>
          <p className="lead">{intro}</p>
          {error && (
            <p className="alert" role="alert">
              {error}
            </p>
          )}
          {children}
        </>
      )}
    </>
  );
}

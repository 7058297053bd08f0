// /cong-dan/dang-nhap — where a failed VNeID sign-in lands (?loi=<code>): the reason in plain words and the button
// to try again. Signed in already, it goes on to the portal home.
import { useEffect } from 'react';
import { Navigate, useSearchParams } from 'react-router-dom';
import { usePT, type PortalKey } from '../../i18n/portal';
import { loadCitizen, useCitizen } from '../../portal/session';
import { PortalCrumb, SignInButton } from '../../portal/ui';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import './portal.css';

const KNOWN = ['oidc-state-invalid', 'oidc-sign-in-failed', 'service-unavailable', 'access_denied'];

export default function PortalSignIn() {
  const t = usePT();
  const [params] = useSearchParams();
  const c = useCitizen();
  useDocumentTitle(t('p.signIn.title'));
  useEffect(() => {
    void loadCitizen();
  }, []);
  const loi = params.get('loi');
  const back = params.get('quay-lai');
  const returnTo = back && back.startsWith('/') && !back.startsWith('//') ? back : '/cong-dan';
  if (c.status === 'signed-in' && !loi) return <Navigate to={returnTo} replace />;

  return (
    <>
      <PortalCrumb />
      <h1 className="page-title">{t('p.signIn.title')}</h1>
      {loi && (
        <div className="alert" role="alert" data-testid="signin-error">
          <strong>{t('p.signIn.errorTitle')}.</strong> {t(`p.loi.${KNOWN.includes(loi) ? loi : 'other'}` as PortalKey)}
        </div>
      )}
      <section className="card p-signin">
        <p>{t('p.signIn.intro')}</p>
        <SignInButton returnTo={returnTo} />
        <p className="muted p-signin-help">{t('p.signIn.help')}</p>
      </section>
    </>
  );
}

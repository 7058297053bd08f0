// /cong-dan/nop/:applicationId — one online application from the e-form to the dossier code: the form (prefilled
// from the registry, drafts never lost), the confirmation code, the fee through the payment gateway, and the
// result. The page opens at the step the application is at, on any device: a reload or another phone continues
// where the citizen was.
//
// The page is the steps in application/ over one hook (useApplicationFlow) and its pure reducer (flow.ts); the
// e-form step has its own reducer (formState.ts); buttons that call the server go through useAction.
import { useEffect } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { usePT } from '../../i18n/portal';
import { loadCitizen, useCitizen, type Citizen } from '../../portal/session';
import { here, PortalCrumb, SignInBox } from '../../portal/ui';
import { Loading } from '../../ui/Loading';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { afterAssisted, afterConfirm, type FlowAction, type ProcedureInfo } from './application/flow';
import { FormStep } from './application/FormStep';
import { PayStep } from './application/PayStep';
import { Done, LevelRequired, StepHeader, WaitingStep } from './application/Steps';
import { useApplicationFlow } from './application/useApplicationFlow';
import { OtpStep } from './OtpStep';
import './portal.css';

export default function ApplicationPage() {
  const { applicationId = '' } = useParams();
  const t = usePT();
  const citizen = useCitizen();
  useDocumentTitle(t('p.form.eyebrow'));
  useEffect(() => {
    if (citizen.status === 'unknown' || citizen.status === 'network-error') void loadCitizen();
  }, []);

  if (citizen.status === 'unknown') return <Loading />;
  if (!citizen.citizen || citizen.status === 'network-error')
    return (
      <>
        <PortalCrumb />
        <h1 className="page-title">{t('p.form.eyebrow')}</h1>
        {citizen.status === 'network-error' ? (
          <div className="alert" role="alert">
            {t('common.networkError')}{' '}
            <button type="button" className="btn btn-outline btn-small" onClick={() => void loadCitizen(true)}>
              {t('common.retry')}
            </button>
          </div>
        ) : (
          <SignInBox returnTo={here()} />
        )}
      </>
    );
  return <ApplicationFlow key={`${citizen.citizen.id}:${applicationId}`} id={applicationId} citizen={citizen.citizen} />;
}

function ApplicationFlow({ id, citizen }: { id: string; citizen: Citizen }) {
  const t = usePT();
  const navigate = useNavigate();
  const session = useCitizen();
  const { state, dispatch, sync } = useApplicationFlow(id, citizen);
  const { phase, info, notice } = state;
  const proc = info?.procedure as ProcedureInfo | undefined;
  useDocumentTitle(proc?.name ?? t('p.form.eyebrow'));

  // The session came back after it ended mid-form: send what waited.
  useEffect(() => {
    if (session.status === 'signed-in') sync.resume();
  }, [session.status]);

  const filed = (a: FlowAction | null) => {
    if (!a) return;
    if (a.type === 'filed') void sync.finish();
    dispatch(a);
  };

  const content = (() => {
    switch (phase.kind) {
      case 'loading':
        return <Loading />;
      case 'not-found':
        return (
          <>
            <h1 className="page-title">{t('p.form.eyebrow')}</h1>
            <p className="lead">{t('p.form.notFound')}</p>
            <Link className="btn" to="/cong-dan">
              {t('p.back')}
            </Link>
          </>
        );
      case 'error':
        return (
          <>
            <h1 className="page-title">{t('p.form.eyebrow')}</h1>
            <div className="alert" role="alert">
              {phase.text}
            </div>
            {phase.retry && (
              <button type="button" className="btn" onClick={() => dispatch({ type: 'reload' })}>
                {t('common.retry')}
              </button>
            )}
          </>
        );
      case 'level':
        return <LevelRequired detail={phase.detail} procedureId={phase.procedureId} loa={citizen.loa} />;
      case 'form':
        return info && proc ? (
          <FormStep
            sync={sync}
            info={info}
            proc={proc}
            notice={notice}
            onSubmitted={(otp, skew) => dispatch({ type: 'otp-sent', otp, skew })}
            onAssisted={(app) => filed(afterAssisted(app))}
            onDiscarded={() => void navigate('/cong-dan', { replace: true })}
          />
        ) : (
          <Loading />
        );
      case 'otp':
        return (
          <>
            <StepHeader proc={proc} />
            <OtpStep
              applicationId={id}
              initial={phase.otp}
              initialSkew={phase.skew}
              onConfirmed={(r) => filed(afterConfirm(r))}
              onEdit={() => dispatch({ type: 'edit' })}
            />
          </>
        );
      case 'pay':
        return (
          <>
            <StepHeader proc={proc} />
            <PayStep id={id} fee={phase.fee} redirectUrl={phase.redirectUrl} cancelled={phase.cancelled} />
          </>
        );
      case 'waiting':
        return (
          <>
            <StepHeader proc={proc} />
            <WaitingStep />
          </>
        );
      case 'done':
        return <Done app={phase.app} payment={phase.payment} unitName={info?.units.find((u) => u.id === phase.app.unitId)?.name ?? ''} />;
    }
  })();

  return (
    <>
      <PortalCrumb />
      {content}
    </>
  );
}

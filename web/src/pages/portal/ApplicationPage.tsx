// /cong-dan/nop/:applicationId — one online application from the e-form to the dossier code: the form (prefilled
// from the registry, drafts never lost), the confirmation code, the fee through the payment gateway, and the
// result. The page opens at the step the application is at, on any device: a reload or another phone continues
// where the citizen was.
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { api, isProblem, type Ok, type Problem } from '../../api/client';
import { useLang } from '../../i18n';
import { usePT, type PT } from '../../i18n/portal';
import {
  DraftSync,
  draftFromServer,
  forgetLocalDraft,
  readLocalDraft,
  sameContent,
  useSyncState,
  type Application,
  type FileMeta,
  type LocalDraft,
} from '../../portal/draft';
import { CONCERNED_CHOICE, concernedKey, concernedValues, type RegistryPerson } from '@domain/portal/form';
import { checkForm, fieldId, titlePath, withValue, type FormValues, type Issue, type SchemaNode } from '../../portal/schema';
import { citizenSessionEnded, csrfHeaders, loadCitizen, useCitizen, type Citizen } from '../../portal/session';
import { here, PortalCrumb, SignInBox, SignInButton, vnd } from '../../portal/ui';
import { Loading } from '../../ui/Loading';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { ComponentFiles } from './ComponentFiles';
import { EForm } from './EForm';
import { clockSkew, OtpStep, type Confirmed, type OtpInfo } from './OtpStep';
import './portal.css';

type FormInfo = Ok<'/api/portal/procedures/{id}/form', 'get'>;
type ProcedureInfo = {
  id: string;
  code: string;
  name: string;
  formSchema: SchemaNode | null;
  components: { id: string; name: string; mandatory: boolean; fromRegistry: boolean }[];
};
type Payment = Ok<'/api/portal/payments/{id}', 'get'>;

type Phase =
  | { kind: 'loading' }
  | { kind: 'error'; text: string; retry: boolean }
  | { kind: 'not-found' }
  | { kind: 'level'; detail: string; procedureId: string }
  | { kind: 'form' }
  | { kind: 'otp'; otp: OtpInfo | null; skew: number }
  | { kind: 'pay'; fee: number; redirectUrl: string | null; cancelled: boolean }
  | { kind: 'waiting' }
  | { kind: 'done'; app: Application; payment: Payment | null };

const POLL_MS = 3000;

/** The registry's data of the signed-in applicant, as the form's answer gives it. */
function registryPerson(info: FormInfo): RegistryPerson | null {
  const a = info.applicant;
  if (!a) return null;
  return { idNumber: a.idNumber, fullName: a.fullName, dateOfBirth: a.dateOfBirth ?? undefined, address: a.address ?? undefined };
}

/**
 * "The applicant is the person concerned": that person's name, birth date, ID and address become the applicant's
 * registry data (shown, not typed; the server takes them from the registry again). Unticked, they are emptied for
 * the citizen to type the other person's.
 */
function withConcerned(schema: SchemaNode, form: FormValues, person: RegistryPerson | null, chosen: boolean): FormValues {
  const key = concernedKey(schema);
  if (!key) return form;
  const values = concernedValues(schema, withValue(form, `${key}.${CONCERNED_CHOICE}`, true), person);
  let out = form;
  for (const [path, v] of Object.entries(values)) out = withValue(out, path, chosen ? v : undefined);
  return out;
}

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

function problemOf(e: unknown): Problem | null {
  return isProblem(e) ? e : null;
}

function ApplicationFlow({ id, citizen }: { id: string; citizen: Citizen }) {
  const t = usePT();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const session = useCitizen();
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const [info, setInfo] = useState<FormInfo | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const sync = useMemo(
    () =>
      new DraftSync(() => {
        // Submitted or discarded meanwhile (another device): show where it is now.
        setAttempt((a) => a + 1);
      }),
    [id],
  );
  useEffect(() => () => sync.dispose(), [sync]);
  const proc = info?.procedure as ProcedureInfo | undefined;
  useDocumentTitle(proc?.name ?? t('p.form.eyebrow'));

  // Back from the payment gateway: ?payment=<id>&result=paid|cancelled.
  const paymentResult = params.get('result');

  useEffect(() => {
    let live = true;
    setPhase({ kind: 'loading' });
    void (async () => {
      const local = await readLocalDraft(citizen.id, id);
      let server: Application | null = null;
      let offline = false;
      try {
        const r = await api.GET('/api/portal/applications/{id}', { params: { path: { id } } });
        if (r.data) server = r.data;
        else if (r.response.status === 401) {
          citizenSessionEnded();
          return;
        } else if (r.response.status !== 404) offline = true;
      } catch {
        offline = true;
      }
      if (!live) return;
      const procedureId = server?.procedureId ?? local?.procedureId ?? params.get('thu-tuc');
      if (!procedureId) {
        setPhase(offline ? { kind: 'error', text: t('common.networkError'), retry: true } : { kind: 'not-found' });
        return;
      }
      if (server && server.status === 'cancelled') {
        await forgetLocalDraft(citizen.id, id);
        if (live) setPhase({ kind: 'not-found' });
        return;
      }
      if (server && server.status === 'submitted') {
        await sync.finish();
        await forgetLocalDraft(citizen.id, id);
        const payment = server.paymentId ? await fetchPayment(server.paymentId) : null;
        // The unit's name for the success text.
        const f = await api.GET('/api/portal/procedures/{id}/form', { params: { path: { id: procedureId } } }).catch(() => null);
        if (!live) return;
        if (f?.data) setInfo(f.data);
        setPhase({ kind: 'done', app: server, payment });
        return;
      }

      let form: FormInfo | null = null;
      try {
        const r = await api.GET('/api/portal/procedures/{id}/form', { params: { path: { id: procedureId } } });
        if (!live) return;
        if (r.data) form = r.data;
        else {
          const p = problemOf(r.error);
          if (r.response.status === 401) {
            citizenSessionEnded();
            return;
          }
          if (p?.code === 'vneid-level-required') setPhase({ kind: 'level', detail: p.detail, procedureId });
          else if (r.response.status === 404) setPhase({ kind: 'not-found' });
          else setPhase({ kind: 'error', text: p?.detail ?? t('common.networkError'), retry: !p });
          return;
        }
      } catch {
        if (live) setPhase({ kind: 'error', text: t('common.networkError'), retry: true });
        return;
      }
      setInfo(form);

      if (server && server.status === 'awaiting-payment') {
        sync.adopt(draftFromServer(server, citizen.id, local?.files), false);
        if (paymentResult === 'paid') setPhase({ kind: 'waiting' });
        else setPhase({ kind: 'pay', fee: server.fee, redirectUrl: null, cancelled: paymentResult === 'cancelled' });
        return;
      }

      // Which copy to continue from: this device's, or the server's when it is newer (another device).
      let draft: LocalDraft;
      let persist = false;
      if (local && server) {
        if (sameContent(local, server)) draft = { ...local, serverRevision: server.revision, syncedRev: local.localRev };
        else if (local.serverRevision === server.revision) draft = local;
        else if (local.syncedRev >= local.localRev) {
          draft = draftFromServer(server, citizen.id, local.files);
          persist = true;
          setNotice(t('p.form.tookServer'));
        } else draft = local; // both changed: the first send answers 409 and the citizen chooses
      } else if (server) {
        draft = draftFromServer(server, citizen.id);
      } else if (local) {
        draft = local;
      } else {
        const unit = form.units[0];
        draft = {
          id,
          citizenId: citizen.id,
          procedureId,
          procedureName: (form.procedure as ProcedureInfo).name,
          unitId: unit?.id ?? '',
          returnPointId: unit?.returnPoints[0]?.id ?? null,
          form: form.prefill,
          files: {},
          localRev: 0,
          syncedRev: 0,
          serverRevision: null,
          updatedAt: Date.now(),
        };
      }
      // The registry's values always win (the server puts them back anyway).
      for (const path of form.registryPaths) {
        const v = path
          .split('.')
          .reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), form.prefill);
        if (v !== undefined) draft = { ...draft, form: withValue(draft.form, path, v) };
      }
      const fschema = ((form.procedure as ProcedureInfo).formSchema ?? {}) as SchemaNode;
      if (Object.keys(concernedValues(fschema, draft.form, registryPerson(form))).length)
        draft = { ...draft, form: withConcerned(fschema, draft.form, registryPerson(form), true) };
      sync.adopt(draft, persist);
      if (server && server.status === 'awaiting-otp' && sameContent(draft, server)) {
        setPhase({ kind: 'otp', otp: null, skew: 0 });
        return;
      }
      setPhase({ kind: 'form' });
    })();
    return () => {
      live = false;
    };
  }, [id, attempt]);

  // The session came back after it ended mid-form: send what waited.
  useEffect(() => {
    if (session.status === 'signed-in') sync.resume();
  }, [session.status]);

  // Waiting for the bank: poll until the dossier exists (the callback, or the reconciliation job when it was lost).
  useEffect(() => {
    if (phase.kind !== 'waiting') return;
    let live = true;
    let timer: ReturnType<typeof setTimeout>;
    const tick = async () => {
      try {
        const r = await api.GET('/api/portal/applications/{id}', { params: { path: { id } } });
        if (!live) return;
        if (r.data?.status === 'submitted') {
          await sync.finish();
          const payment = r.data.paymentId ? await fetchPayment(r.data.paymentId) : null;
          if (live) setPhase({ kind: 'done', app: r.data, payment });
          return;
        }
        const pid = params.get('payment');
        if (pid) {
          const p = await fetchPayment(pid);
          if (live && p && (p.status === 'failed' || p.status === 'expired')) {
            setPhase({ kind: 'pay', fee: p.amount, redirectUrl: null, cancelled: true });
            return;
          }
        }
      } catch {
        // offline: keep waiting
      }
      if (live) timer = setTimeout(() => void tick(), POLL_MS);
    };
    void tick();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [phase.kind]);

  const onConfirmed = (r: Confirmed) => {
    if (r.application.status === 'submitted') {
      void sync.finish();
      setPhase({ kind: 'done', app: r.application, payment: null });
    } else if (r.payment) setPhase({ kind: 'pay', fee: r.application.fee, redirectUrl: r.payment.redirectUrl, cancelled: false });
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
              <button type="button" className="btn" onClick={() => setAttempt((a) => a + 1)}>
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
            onSubmitted={(otp, skew) => setPhase({ kind: 'otp', otp, skew })}
            onAssisted={(app) => {
              if (app.status === 'submitted') {
                void sync.finish();
                setPhase({ kind: 'done', app, payment: null });
              } else setPhase({ kind: 'pay', fee: app.fee, redirectUrl: null, cancelled: false });
            }}
            onDiscarded={() => void navigate('/cong-dan', { replace: true })}
          />
        ) : (
          <Loading />
        );
      case 'otp':
        return (
          <>
            <Header proc={proc} />
            <OtpStep
              applicationId={id}
              initial={phase.otp}
              initialSkew={phase.skew}
              onConfirmed={onConfirmed}
              onEdit={() => setPhase({ kind: 'form' })}
            />
          </>
        );
      case 'pay':
        return (
          <>
            <Header proc={proc} />
            <PayStep id={id} fee={phase.fee} redirectUrl={phase.redirectUrl} cancelled={phase.cancelled} />
          </>
        );
      case 'waiting':
        return (
          <>
            <Header proc={proc} />
            <section className="card p-step" aria-labelledby="wait-h" data-testid="payment-waiting">
              <h2 id="wait-h">
                <span className="p-spinner" aria-hidden="true" />
                {t('p.pay.waiting')}
              </h2>
              <p role="status">{t('p.pay.waitingText')}</p>
            </section>
          </>
        );
      case 'done':
        return <Done app={phase.app} payment={phase.payment} unitName={info?.units.find((u) => u.id === phase.app.unitId)?.name ?? ''} />;
    }
  })();

  // Leave the gateway's parameters out of the address once the outcome is shown.
  useEffect(() => {
    if (phase.kind === 'done' && params.get('payment')) setParams({}, { replace: true });
  }, [phase.kind]);

  return (
    <>
      <PortalCrumb />
      {content}
    </>
  );
}

async function fetchPayment(paymentId: string): Promise<Payment | null> {
  const r = await api.GET('/api/portal/payments/{id}', { params: { path: { id: paymentId } } }).catch(() => null);
  return r?.data ?? null;
}

function Header({ proc }: { proc: ProcedureInfo | undefined }) {
  const t = usePT();
  return (
    <header className="p-head">
      <p className="p-eyebrow">{t('p.form.eyebrow')}</p>
      <h1 className="page-title">{proc?.name ?? t('p.form.eyebrow')}</h1>
    </header>
  );
}

function LevelRequired({ detail, procedureId, loa }: { detail: string; procedureId: string; loa: number }) {
  const t = usePT();
  return (
    <section aria-labelledby="level-h" data-testid="level-required">
      <h1 className="page-title" id="level-h">
        {t('p.level.title')}
      </h1>
      <div className="alert p-warn" role="alert">
        <p>{detail}</p>
        <p>{t('p.level.yours', { n: loa })}</p>
      </div>
      <section className="card">
        <h2>{t('p.level.how')}</h2>
        <ol className="p-steps">
          <li>{t('p.level.step1')}</li>
          <li>{t('p.level.step2')}</li>
        </ol>
        <p>{t('p.level.orCentre')}</p>
        <div className="p-actions">
          <SignInButton returnTo={here()} label={t('p.level.signInAgain')} />
          <Link className="btn btn-outline" to={`/thu-tuc/${procedureId}`}>
            {t('p.level.where')}
          </Link>
        </div>
      </section>
    </section>
  );
}

function issueText(issue: Issue, t: PT): string {
  switch (issue.kind) {
    case 'required':
      return issue.choice ? t('p.err.choose') : t('p.err.required');
    case 'digits':
      return t('p.err.digits', { n: issue.n });
    case 'phone':
      return t('p.err.phone');
    case 'pattern':
      return t('p.err.pattern');
    case 'date':
      return t('p.err.date');
    case 'future-date':
      return t('p.err.futureDate');
    case 'number':
      return t('p.err.number');
    case 'min':
      return t('p.err.min', { n: issue.n });
    case 'max':
      return t('p.err.max', { n: issue.n });
    case 'max-length':
      return t('p.err.maxLength', { n: issue.n });
  }
}

function SyncLine({ sync }: { sync: DraftSync }) {
  const t = usePT();
  const s = useSyncState(sync);
  const text = {
    idle: t('p.sync.idle'),
    saving: t('p.sync.saving'),
    saved: t('p.sync.saved'),
    local: t('p.sync.local'),
    error: t('p.sync.error', { detail: s.detail ?? '' }),
    'signed-out': t('p.sync.signedOut'),
    conflict: t('p.sync.conflict'),
  }[s.status];
  // Screen readers hear the states that need attention, not every "Saving…".
  const announce = s.status === 'local' || s.status === 'error' || s.status === 'signed-out' || s.status === 'conflict';
  return (
    <div className={`p-sync p-sync-${s.status}`} data-testid="sync-status" data-status={s.status}>
      <span className="p-sync-dot" aria-hidden="true" />
      <span data-testid="sync-text">{text}</span>
      <span className="visually-hidden" role="status">
        {announce ? text : ''}
      </span>
      {s.status === 'signed-out' && <SignInButton returnTo={here()} />}
      {s.status === 'conflict' && (
        <span className="p-actions">
          <button type="button" className="btn btn-small" onClick={() => sync.resolve('mine')}>
            {t('p.sync.keepMine')}
          </button>
          <button type="button" className="btn btn-outline btn-small" onClick={() => sync.resolve('server')}>
            {t('p.sync.takeServer')}
          </button>
        </span>
      )}
    </div>
  );
}

function FormStep({
  sync,
  info,
  proc,
  notice,
  onSubmitted,
  onAssisted,
  onDiscarded,
}: {
  sync: DraftSync;
  info: FormInfo;
  proc: ProcedureInfo;
  notice: string | null;
  onSubmitted: (otp: OtpInfo | null, skew: number) => void;
  onAssisted: (app: Application) => void;
  onDiscarded: () => void;
}) {
  const t = usePT();
  const lang = useLang();
  useSyncState(sync);
  // The draft store notifies on status changes only: every edit re-renders through this counter.
  const [, setTick] = useState(0);
  const d = sync.current();
  const schema = (proc.formSchema ?? { type: 'object', properties: {} }) as SchemaNode;
  const person = registryPerson(info);
  const choicePath = `${concernedKey(schema) ?? ''}.${CONCERNED_CHOICE}`;
  const concernedPaths = d ? Object.keys(concernedValues(schema, d.form, person)).join('|') : '';
  const registryPaths = useMemo(
    () => new Set([...info.registryPaths, ...(concernedPaths ? concernedPaths.split('|') : [])]),
    [info, concernedPaths],
  );
  const registryFound = info.registry === 'found';
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [showAll, setShowAll] = useState(false);
  const [serverErrors, setServerErrors] = useState<Map<string, string>>(new Map());
  const [componentErrors, setComponentErrors] = useState<Map<string, string>>(new Map());
  const [busyComponents, setBusyComponents] = useState<Set<string>>(new Set());
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);

  if (!d) return <Loading />;

  const change = (update: (x: LocalDraft) => LocalDraft) => {
    sync.change(update);
    setTick((n) => n + 1);
  };
  const setField = (path: string, value: unknown) => {
    change((x) => {
      const form = withValue(x.form, path, value);
      return { ...x, form: path === choicePath ? withConcerned(schema, form, person, value === true) : form };
    });
    if (serverErrors.has(path)) {
      const next = new Map(serverErrors);
      next.delete(path);
      setServerErrors(next);
    }
  };
  const addFile = (componentId: string, f: FileMeta) => {
    change((x) => ({
      ...x,
      files: { ...x.files, [componentId]: [...(x.files[componentId] ?? []).filter((y) => y.fileId !== f.fileId), f] },
    }));
    setComponentErrors((m) => {
      const n = new Map(m);
      n.delete(componentId);
      return n;
    });
  };
  const removeFile = (componentId: string, fileId: string) =>
    change((x) => ({ ...x, files: { ...x.files, [componentId]: (x.files[componentId] ?? []).filter((y) => y.fileId !== fileId) } }));

  const issues = checkForm(schema, d.form, registryPaths);
  const errors = new Map<string, string>();
  for (const [path, issue] of issues) if (showAll || touched.has(path)) errors.set(path, issueText(issue, t));
  for (const [path, msg] of serverErrors) if (!errors.has(path)) errors.set(path, msg);

  const needsUpload = (c: ProcedureInfo['components'][number]) => !c.fromRegistry || !registryFound;
  const missingComponents = proc.components.filter((c) => c.mandatory && needsUpload(c) && (d.files[c.id] ?? []).length === 0);
  const unit = info.units.find((u) => u.id === d.unitId) ?? info.units[0];

  const summary: { href: string; text: string }[] = showAll
    ? [
        ...[...errors].map(([path, msg]) => ({ href: `#${fieldId(path)}`, text: `${titlePath(schema, path)}: ${msg}` })),
        ...[...componentErrors].map(([cid, msg]) => ({
          href: `#comp-${cid}`,
          text: `${proc.components.find((c) => c.id === cid)?.name ?? ''}: ${msg}`,
        })),
      ]
    : [];

  const submit = async () => {
    setSubmitError(null);
    setShowAll(true);
    const compErrors = new Map(missingComponents.map((c) => [c.id, t('p.err.component')]));
    setComponentErrors(compErrors);
    if (busyComponents.size > 0) {
      setSubmitError(t('p.err.uploading'));
      return;
    }
    if (issues.size > 0 || compErrors.size > 0) {
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    if (!navigator.onLine) {
      setSubmitError(t('p.form.offline'));
      return;
    }
    setSubmitting(true);
    try {
      if (!(await sync.flush())) {
        const s = sync.getState();
        setSubmitError(
          s.status === 'local' ? t('p.form.offline') : s.status === 'error' ? (s.detail ?? t('p.form.notSaved')) : t('p.form.notSaved'),
        );
        return;
      }
      const revision = sync.current()?.serverRevision ?? undefined;
      const r = await api.POST('/api/portal/applications/{id}/submit', {
        params: { path: { id: d.id } },
        headers: csrfHeaders(),
        body: revision ? { revision } : {},
      });
      if (r.data) {
        // An officer filing with the citizen at the counter checked who they are: no code to type.
        if (!r.data.otp) onAssisted(r.data.application);
        else onSubmitted(r.data.otp as OtpInfo, clockSkew(r.response));
        return;
      }
      const p = problemOf(r.error);
      if (r.response.status === 401) citizenSessionEnded();
      if (p?.code === 'form-invalid' && Array.isArray(p.errors)) {
        setServerErrors(new Map((p.errors as { field: string; message: string }[]).map((e) => [e.field, e.message])));
        requestAnimationFrame(() => summaryRef.current?.focus());
      } else if (p?.code === 'components-missing' && Array.isArray(p.missing)) {
        setComponentErrors(new Map((p.missing as { componentId: string }[]).map((m) => [m.componentId, t('p.err.component')])));
        requestAnimationFrame(() => summaryRef.current?.focus());
      } else setSubmitError(p?.detail ?? t('common.networkError'));
    } catch {
      setSubmitError(t('p.form.offline'));
    } finally {
      setSubmitting(false);
    }
  };

  const discard = async () => {
    if (!window.confirm(t('p.home.discardConfirm', { name: proc.name }))) return;
    if (d.serverRevision !== null)
      await api.DELETE('/api/portal/applications/{id}', { params: { path: { id: d.id } }, headers: csrfHeaders() }).catch(() => null);
    await sync.finish();
    onDiscarded();
  };

  // Mandatory documents (and those the registry holds) first; the optional ones behind one line.
  const asked = [
    ...proc.components.filter((c) => c.mandatory && needsUpload(c)),
    ...proc.components.filter((c) => c.mandatory && !needsUpload(c)),
  ];
  const optional = proc.components.filter((c) => !c.mandatory);
  const renderComponent = (c: ProcedureInfo['components'][number]) => (
    <li
      key={c.id}
      id={`comp-${c.id}`}
      tabIndex={-1}
      className={componentErrors.has(c.id) ? 'p-comp has-error' : 'p-comp'}
      data-testid={`comp-${c.id}`}
    >
      <p className="p-comp-name">
        <span className={c.mandatory ? 'badge badge-strong' : 'badge'}>{c.mandatory ? t('comp.mandatory') : t('comp.optional')}</span>{' '}
        {c.name}
      </p>
      {!needsUpload(c) ? (
        <p className="ok-note">
          <span aria-hidden="true">✓ </span>
          {t('p.comp.fromRegistry')}
        </p>
      ) : (
        <ComponentFiles
          componentId={c.id}
          name={c.name}
          files={d.files[c.id] ?? []}
          onAdd={(f) => addFile(c.id, f)}
          onRemove={(fid) => removeFile(c.id, fid)}
          onBusy={(cid, busy) =>
            setBusyComponents((s) => {
              const n = new Set(s);
              if (busy) n.add(cid);
              else n.delete(cid);
              return n;
            })
          }
          error={componentErrors.get(c.id) ?? null}
          keep={{ citizenId: d.citizenId, applicationId: d.id }}
        />
      )}
    </li>
  );

  return (
    <form
      className="p-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      data-testid="eform"
    >
      <header className="p-head">
        <p className="p-eyebrow">{t('p.form.eyebrow')}</p>
        <h1 className="page-title">{proc.name}</h1>
        <p className="muted">{t('cat.code', { code: proc.code })}</p>
      </header>
      <SyncLine sync={sync} />
      {notice && (
        <p className="p-info" role="status">
          {notice}
        </p>
      )}
      <div ref={summaryRef} tabIndex={-1} className={summary.length ? 'p-summary' : undefined} data-testid="error-summary">
        {summary.length > 0 && (
          <>
            <h2>{t('p.err.summary', { n: summary.length })}</h2>
            <ul>
              {summary.map((s) => (
                <li key={s.href}>
                  <a
                    href={s.href}
                    onClick={(e) => {
                      e.preventDefault();
                      const el = document.querySelector<HTMLElement>(s.href);
                      el?.scrollIntoView({ block: 'center' });
                      (el?.matches('input, select, textarea')
                        ? el
                        : el?.querySelector<HTMLElement>('input, select, textarea, button, label')
                      )?.focus();
                    }}
                  >
                    {s.text}
                  </a>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>

      <section className="p-section" aria-labelledby="sec-form">
        <h2 id="sec-form">{t('p.form.sectionForm')}</h2>
        <p className="muted">{t('p.form.requiredNote')}</p>
        {registryFound && registryPaths.size > 0 && <p className="p-info">{t('p.form.registryNote')}</p>}
        {!registryFound && <p className="alert p-warn">{t('p.form.registryMissing')}</p>}
        <EForm
          schema={schema}
          values={d.form}
          registryPaths={registryPaths}
          errors={errors}
          onChange={setField}
          onBlur={(path) => setTouched((s) => (s.has(path) ? s : new Set(s).add(path)))}
        />
      </section>

      <section className="p-section" aria-labelledby="sec-comp">
        <h2 id="sec-comp">{t('p.form.sectionComponents')}</h2>
        <p className="muted">{t('p.comp.uploadHelp')}</p>
        <ol className="p-comp-list">{asked.map(renderComponent)}</ol>
        {optional.length > 0 && (
          <details className="p-optional" open={optional.some((c) => (d.files[c.id] ?? []).length > 0 || componentErrors.has(c.id))}>
            <summary>{t('p.comp.optional', { n: optional.length })}</summary>
            <ol className="p-comp-list">{optional.map(renderComponent)}</ol>
          </details>
        )}
      </section>

      <section className="p-section" aria-labelledby="sec-unit">
        <h2 id="sec-unit">{t('p.form.sectionUnit')}</h2>
        <div className="p-field">
          <label htmlFor="p-unit" className="p-label">
            {t('p.unit.label')}
          </label>
          <select
            id="p-unit"
            value={d.unitId}
            onChange={(e) => {
              const u = info.units.find((x) => x.id === e.target.value);
              change((x) => ({ ...x, unitId: e.target.value, returnPointId: u?.returnPoints[0]?.id ?? null }));
            }}
          >
            {info.units.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </div>
        {unit && unit.returnPoints.length > 0 && (
          <fieldset className="p-field p-radios">
            <legend className="p-label">{t('p.unit.returnPoint')}</legend>
            <span className="muted p-help">{t('p.unit.returnHelp')}</span>
            <div className="p-radio-list">
              {unit.returnPoints.map((rp) => (
                <label key={rp.id} className="p-radio">
                  <input
                    type="radio"
                    name="return-point"
                    value={rp.id}
                    checked={d.returnPointId === rp.id}
                    onChange={() => change((x) => ({ ...x, returnPointId: rp.id }))}
                  />
                  <span>
                    {rp.name}
                    {rp.address && <span className="muted"> — {rp.address}</span>}
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
        )}
      </section>

      <section className="p-section" aria-labelledby="sec-fee">
        <h2 id="sec-fee">{t('p.form.sectionFee')}</h2>
        {info.fee > 0 ? (
          <>
            <p className="p-fee" data-testid="fee">
              {t('p.fee.amount', { amount: vnd(info.fee, lang) })}
            </p>
            <p className="muted">{t('p.fee.payLater')}</p>
          </>
        ) : (
          <p className="p-fee">{t('p.fee.free')}</p>
        )}
      </section>

      <div className="p-submit">
        <div aria-live="assertive">
          {submitError && (
            <p className="alert" role="alert" data-testid="submit-error">
              {submitError}
            </p>
          )}
        </div>
        <p className="muted">{t('p.form.submitHelp')}</p>
        <button type="submit" className="btn btn-big" disabled={submitting} data-testid="submit">
          {submitting ? t('p.form.submitting') : t('p.form.submit')}
        </button>
        <button type="button" className="link-like p-discard" onClick={() => void discard()}>
          {t('p.form.discard')}
        </button>
      </div>
    </form>
  );
}

function PayStep({ id, fee, redirectUrl, cancelled }: { id: string; fee: number; redirectUrl: string | null; cancelled: boolean }) {
  const t = usePT();
  const lang = useLang();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);

  const go = async () => {
    if (redirectUrl && !cancelled) {
      window.location.assign(redirectUrl);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const r = await api.POST('/api/portal/applications/{id}/payment', { params: { path: { id } }, headers: csrfHeaders() });
      if (r.data?.redirectUrl) window.location.assign(r.data.redirectUrl);
      else if (r.data?.status === 'paid') window.location.reload();
      else setError(problemOf(r.error)?.detail ?? t('common.networkError'));
    } catch {
      setError(t('common.networkError'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card p-step" aria-labelledby="pay-h" data-testid="pay-step">
      <h2 id="pay-h" ref={headingRef} tabIndex={-1}>
        {t('p.pay.title')}
      </h2>
      {cancelled && (
        <p className="alert p-warn" role="alert" data-testid="payment-cancelled">
          {t('p.pay.cancelled')}
        </p>
      )}
      <p className="p-fee" data-testid="pay-amount">
        {t('p.pay.amount', { amount: vnd(fee, lang) })}
      </p>
      <p>{t('p.pay.text')}</p>
      {error && (
        <p className="alert" role="alert">
          {error}
        </p>
      )}
      {redirectUrl && !cancelled ? (
        <a className="btn btn-big" href={redirectUrl} data-testid="pay">
          {t('p.pay.button')}
        </a>
      ) : (
        <button type="button" className="btn btn-big" onClick={() => void go()} disabled={busy} data-testid="pay">
          {busy ? t('p.pay.going') : cancelled ? t('p.pay.again') : t('p.pay.button')}
        </button>
      )}
    </section>
  );
}

function Done({ app, payment, unitName }: { app: Application; payment: Payment | null; unitName: string }) {
  const t = usePT();
  const lang = useLang();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <section className="card p-step p-done" aria-labelledby="done-h" data-testid="done">
      <p className="p-done-icon" aria-hidden="true">
        ✓
      </p>
      <h1 id="done-h" className="page-title" ref={headingRef} tabIndex={-1}>
        {t('p.done.title')}
      </h1>
      <p className="muted">{app.procedureName}</p>
      <p className="p-code-label">{t('p.done.code')}</p>
      <p className="p-code" data-testid="dossier-code">
        {app.dossierCode}
      </p>
      <p className="muted">{t('p.done.keepCode')}</p>
      {unitName && <p>{t('p.done.text', { unit: unitName })}</p>}
      {payment?.status === 'paid' && payment.receiptNo && (
        <p data-testid="paid">{t('p.done.paid', { amount: vnd(payment.amount, lang), no: payment.receiptNo })}</p>
      )}
      <div className="p-actions p-actions-stack">
        {payment?.receiptUrl && (
          <a className="btn btn-outline" href={payment.receiptUrl} target="_blank" rel="noopener" data-testid="receipt">
            {t('p.done.receipt')}
          </a>
        )}
        {app.dossierId && (
          <Link className="btn" to={`/cong-dan/ho-so/${app.dossierId}`}>
            {t('p.done.view')}
          </Link>
        )}
        <Link className="btn btn-outline" to="/cong-dan/ho-so">
          {t('p.done.mine')}
        </Link>
      </div>
    </section>
  );
}

// The e-form step: the form prefilled from the registry, the documents, where to file, the fee, and "Submit".
// Its state is one reducer (formState.ts); the submit is one useAction (busy, the server's refusal).
import { CONCERNED_CHOICE, concernedKey, concernedValues } from '@domain/portal/form';
import { useMemo, useReducer, useRef, useState } from 'react';
import { api, must } from '../../../api/client';
import { usePT } from '../../../i18n/portal';
import { useSyncState, type Application, type DraftSync, type FileMeta, type LocalDraft } from '../../../portal/draft';
import { checkForm, fieldId, titlePath, withValue, type SchemaNode } from '../../../portal/schema';
import { citizenSessionEnded, csrfHeaders } from '../../../portal/session';
import { Loading } from '../../../ui/Loading';
import { useAction } from '../../../ui/useAction';
import { EForm } from '../EForm';
import { clockSkew, type OtpInfo } from '../OtpStep';
import { registryPerson, withConcerned, type FormInfo, type ProcedureInfo } from './flow';
import { ComponentsSection, ErrorSummary, FeeSection, UnitSection } from './FormSections';
import { errorSummary, formStepReducer, INITIAL_FORM_STEP, shownErrors, submitBlocker } from './formState';
import { issueText } from './issueText';
import { SyncLine } from './SyncLine';

type Sent = { kind: 'not-saved'; text: string } | { kind: 'sent'; application: Application; otp: OtpInfo | null; skew: number };

export function FormStep({
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
  useSyncState(sync);
  // The draft store notifies on status changes only: every edit re-renders through this counter.
  const [, setTick] = useState(0);
  const [state, dispatch] = useReducer(formStepReducer, INITIAL_FORM_STEP);
  const summaryRef = useRef<HTMLDivElement>(null);
  const focusSummary = () => requestAnimationFrame(() => summaryRef.current?.focus());
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

  const send = useAction(
    async (id: string): Promise<Sent> => {
      if (!(await sync.flush())) {
        const s = sync.getState();
        return {
          kind: 'not-saved',
          text:
            s.status === 'local' ? t('p.form.offline') : s.status === 'error' ? (s.detail ?? t('p.form.notSaved')) : t('p.form.notSaved'),
        };
      }
      const revision = sync.current()?.serverRevision ?? undefined;
      const r = await api.POST('/api/portal/applications/{id}/submit', {
        params: { path: { id } },
        headers: csrfHeaders(),
        body: revision ? { revision } : {},
      });
      if (r.response.status === 401) citizenSessionEnded();
      const data = must(r);
      return { kind: 'sent', application: data.application, otp: (data.otp as OtpInfo | null) ?? null, skew: clockSkew(r.response) };
    },
    {
      onError: (e) => {
        const p = e.kind === 'problem' ? e.problem : null;
        if (p?.code === 'form-invalid' && Array.isArray(p.errors)) {
          dispatch({ type: 'server-refused', fields: p.errors as { field: string; message: string }[], message: '' });
          focusSummary();
        } else if (p?.code === 'components-missing' && Array.isArray(p.missing)) {
          const components = (p.missing as { componentId: string }[]).map((m) => m.componentId);
          dispatch({ type: 'server-refused', components, message: t('p.err.component') });
          focusSummary();
        }
      },
    },
  );

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
    dispatch({ type: 'field-changed', path });
  };
  const addFile = (componentId: string, f: FileMeta) => {
    change((x) => ({
      ...x,
      files: { ...x.files, [componentId]: [...(x.files[componentId] ?? []).filter((y) => y.fileId !== f.fileId), f] },
    }));
    dispatch({ type: 'file-added', componentId });
  };
  const removeFile = (componentId: string, fileId: string) =>
    change((x) => ({ ...x, files: { ...x.files, [componentId]: (x.files[componentId] ?? []).filter((y) => y.fileId !== fileId) } }));

  const issues = checkForm(schema, d.form, registryPaths);
  const errors = shownErrors(state, issues, (i) => issueText(i, t));
  const needsUpload = (c: ProcedureInfo['components'][number]) => !c.fromRegistry || !registryFound;
  const missing = proc.components.filter((c) => c.mandatory && needsUpload(c) && (d.files[c.id] ?? []).length === 0).map((c) => c.id);
  const summary = errorSummary(
    state,
    errors,
    (path) => titlePath(schema, path),
    (cid) => proc.components.find((c) => c.id === cid)?.name ?? '',
    fieldId,
  );

  const submit = async () => {
    dispatch({ type: 'submit-pressed', missing, message: t('p.err.component') });
    const blocked = submitBlocker(state, issues.size, missing.length);
    if (blocked === 'uploading') return dispatch({ type: 'submit-error', text: t('p.err.uploading') });
    if (blocked === 'invalid') return void focusSummary();
    if (!navigator.onLine) return dispatch({ type: 'submit-error', text: t('p.form.offline') });
    send.reset();
    const r = await send.run(d.id);
    if (!r) return;
    if (r.kind === 'not-saved') return dispatch({ type: 'submit-error', text: r.text });
    // An officer filing with the citizen at the counter checked who they are: no code to type.
    if (!r.otp) onAssisted(r.application);
    else onSubmitted(r.otp, r.skew);
  };

  // The server's refusal of the form or the documents marks the fields (onError above); anything else is the
  // line under the button: no answer at all means offline.
  const refusal = send.error?.kind === 'problem' ? send.error.problem.code : '';
  const submitError =
    state.submitError ??
    (send.error && refusal !== 'form-invalid' && refusal !== 'components-missing'
      ? send.error.kind === 'network' && send.error.status === undefined
        ? t('p.form.offline')
        : send.errorText(t('common.networkError'))
      : null);

  const discard = async () => {
    if (!window.confirm(t('p.home.discardConfirm', { name: proc.name }))) return;
    if (d.serverRevision !== null)
      await api.DELETE('/api/portal/applications/{id}', { params: { path: { id: d.id } }, headers: csrfHeaders() }).catch(() => null);
    await sync.finish();
    onDiscarded();
  };

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
      <ErrorSummary items={summary} summaryRef={summaryRef} />

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
          onBlur={(path) => dispatch({ type: 'blur', path })}
        />
      </section>

      <ComponentsSection
        proc={proc}
        draft={d}
        registryFound={registryFound}
        componentErrors={state.componentErrors}
        onAdd={addFile}
        onRemove={removeFile}
        onBusy={(componentId, busy) => dispatch({ type: 'upload-busy', componentId, busy })}
      />
      <UnitSection
        info={info}
        draft={d}
        onUnit={(unitId, returnPointId) => change((x) => ({ ...x, unitId, returnPointId }))}
        onReturnPoint={(id) => change((x) => ({ ...x, returnPointId: id }))}
      />
      <FeeSection fee={info.fee} />

      <div className="p-submit">
        <div aria-live="assertive">
          {submitError && (
            <p className="alert" role="alert" data-testid="submit-error">
              {submitError}
            </p>
          )}
        </div>
        <p className="muted">{t('p.form.submitHelp')}</p>
        <button type="submit" className="btn btn-big" disabled={send.busy} data-testid="submit">
          {send.busy ? t('p.form.submitting') : t('p.form.submit')}
        </button>
        <button type="button" className="link-like p-discard" onClick={() => void discard()}>
          {t('p.form.discard')}
        </button>
      </div>
    </form>
  );
}

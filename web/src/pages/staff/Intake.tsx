// Counter intake: the screen reception officers live in. Keyboard first (ID number, Enter, type the procedure,
// Enter, Space on the papers received, Ctrl+Enter), and the work is never lost: every change is kept in this
// browser and sent to the server as a draft (see intakeDraft.ts); submitting carries one Idempotency-Key per
// form, so a double submit or a retry after a network failure creates one dossier. The form's state and its
// changes are a pure reducer (intake/state.ts); each step is a component under intake/.
import { Alert, App, Col, Row, Typography, Button, type CheckboxRef, type InputRef } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { api, ApiError, isProblem, must, type Body } from '../../api/client';
import { refuse } from '../../ui/action';
import { useAction } from '../../ui/useAction';
import { uploadFile } from '../../api/upload';
import { type ProcedureItem } from '../../catalogue';
import { useT } from '../../i18n';
import { shortName, useStaff } from '../../staff/context';
import { releaseTypeAhead, splitTypeAhead, takeTypeAhead } from '../../staff/typeAhead';
import { DraftStore, useDraftState, type Envelope } from '../../staff/intakeDraft';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { type Unit } from '../../units';
import { offlineSearch, scanOffline, submitOffline } from '../../offline/intake';
import { ProvisionalReceipt } from '../../offline/ProvisionalReceipt';
import type { QueuedIntake } from '../../offline/store';
import { CitizenStep } from './intake/CitizenStep';
import { ComponentsStep } from './intake/ComponentsStep';
import { DraftList, type ServerDraft } from './intake/DraftList';
import { IntakeDone } from './intake/IntakeDone';
import { ProcedureStep } from './intake/ProcedureStep';
import {
  asIntakeData,
  componentsToSend,
  emptyData,
  firstToTick,
  hasContent,
  intakeReducer,
  newEnvelope,
  snap,
  type IntakeAction,
  type IntakeData,
  type LookupState,
  type ProcSnap,
} from './intake/state';

export type { IntakeData } from './intake/state';

const LOOKUP_PURPOSE = 'Tiếp nhận hồ sơ';

const pointKey = (userId: string, unitId: string) => `motcua.point.${userId}.${unitId}`;
function rememberedPoint(userId: string, unit: Unit): string {
  const active = unit.receptionPoints.filter((p) => p.active);
  let id: string | null = null;
  try {
    id = localStorage.getItem(pointKey(userId, unit.id));
  } catch {
    id = null;
  }
  return active.find((p) => p.id === id)?.id ?? active[0]?.id ?? '';
}

export default function Intake() {
  const t = useT();
  const { user, unit } = useStaff();
  useDocumentTitle(t('intake.title'));
  if (!unit) return <Alert type="info" showIcon message={t('staff.noUnit')} />;
  const officer = user.roles.some((g) => g.unitId === unit.id && g.role === 'reception-officer');
  if (!officer)
    return (
      <>
        <Typography.Title level={1} className="page-title">
          {t('intake.title')}
        </Typography.Title>
        <Alert type="warning" showIcon message={t('intake.notOfficer', { unit: shortName(unit) })} />
      </>
    );
  return <IntakeForm key={`${user.id}:${unit.id}`} unit={unit} />;
}

function IntakeForm({ unit }: { unit: Unit }) {
  const t = useT();
  const { message } = App.useApp();
  const { user, units } = useStaff();
  const store = useMemo(() => new DraftStore<IntakeData>(`motcua.intake.${user.id}.${unit.id}`), [user.id, unit.id]);
  useEffect(() => () => store.dispose(), [store]);
  const sync = useDraftState(store);

  // Resume what this browser kept, else start a new form.
  const [restored] = useState(() => {
    const local = store.readLocal();
    const env =
      local && local.unitId === unit.id
        ? { ...local, data: asIntakeData(local.data, emptyData(rememberedPoint(user.id, unit), unit.id)) }
        : newEnvelope(rememberedPoint(user.id, unit), unit);
    store.adopt(env);
    return local !== null && hasContent(env.data) && !env.data.result;
  });
  const [data, setData] = useState<IntakeData>(() => store.current()!.data);
  const [formId, setFormId] = useState(() => store.current()!.id);
  const skipSave = useRef(true);
  useEffect(() => {
    if (skipSave.current) {
      skipSave.current = false;
      return;
    }
    if (data.result) return;
    store.save(unit.id, data);
  }, [data, store, unit.id]);
  const dispatch = useCallback((a: IntakeAction) => setData((d) => intakeReducer(d, a)), []);

  const idRef = useRef<InputRef>(null);
  const nameRef = useRef<InputRef>(null);
  const procRef = useRef<InputRef>(null);
  const printRef = useRef<HTMLButtonElement>(null);
  const submitRef = useRef<HTMLButtonElement>(null);
  const compRefs = useRef(new Map<string, CheckboxRef>());

  const [looking, setLooking] = useState(false);
  const [idError, setIdError] = useState<string | null>(null);
  const [procQuery, setProcQuery] = useState('');
  const [results, setResults] = useState<{ q: string; items: ProcedureItem[] } | null>(null);
  const [active, setActive] = useState(0);
  const [pickWhenReady, setPickWhenReady] = useState(false);
  const [missing, setMissing] = useState<string[]>([]);
  const [uploading, setUploading] = useState<Record<string, boolean>>({});
  const [uploadErrors, setUploadErrors] = useState<Record<string, string>>({});
  const [drafts, setDrafts] = useState<ServerDraft[]>([]);
  const [provisional, setProvisional] = useState<QueuedIntake | null>(null);
  const receptionUnits = () => user.roles.filter((g) => g.role === 'reception-officer').map((g) => g.unitId);

  const competent = units.find((u) => u.id === data.competentUnitId) ?? unit;
  const otherUnit = competent.id !== unit.id;

  useEffect(() => {
    // Keys typed while the page loaded go where they were meant to, in order: the ID number, Enter (look it
    // up), then the procedure search (or the name when the registry does not know the number).
    const early = splitTypeAhead(takeTypeAhead());
    if (data.result) printRef.current?.focus();
    else idRef.current?.focus();
    if (!data.result && data.idNumber === '' && early.id) {
      dispatch({ type: 'id-typed', idNumber: early.id });
      if (early.enter)
        void lookup(early.id).then((status) => {
          if (!early.rest) return;
          if (status === 'found') setProcQuery(early.rest);
          else dispatch({ type: 'name-appended', text: early.rest });
        });
    }
    return releaseTypeAhead;
    // Only on the first render: later focus follows the officer's steps.
  }, []);

  // Unfinished drafts on the server (other than this form).
  const loadDrafts = useCallback(() => {
    api
      .GET('/api/intake-drafts')
      .then((r) => setDrafts(must(r).items))
      .catch(() => undefined);
  }, []);
  useEffect(loadDrafts, [loadDrafts]);
  const otherDrafts = drafts.filter((d) => d.id !== formId && d.unitId === unit.id);

  // ---- Step 1: citizen
  const lookup = async (typed?: string): Promise<LookupState | null> => {
    const id = typed ?? data.idNumber;
    if (!/^[0-9]{12}$/.test(id)) {
      setIdError(t('intake.idInvalid'));
      return null;
    }
    setIdError(null);
    setLooking(true);
    try {
      const r = must(
        await api.GET('/api/registry/citizens/{idNumber}', {
          params: { path: { idNumber: id }, query: { purpose: LOOKUP_PURPOSE, unitId: unit.id } },
        }),
      );
      if (r.status === 'found' && r.citizen) {
        const c = r.citizen;
        dispatch({
          type: 'lookup-found',
          citizen: { fullName: c.fullName, dateOfBirth: c.dateOfBirth, address: c.address, phone: c.phone },
        });
        setTimeout(() => procRef.current?.focus(), 0);
        return 'found';
      } else {
        dispatch({ type: 'lookup-failed', status: r.status === 'found' ? 'not-found' : r.status });
        setTimeout(() => nameRef.current?.focus(), 0);
        return r.status;
      }
    } catch {
      dispatch({ type: 'lookup-failed', status: 'unavailable' });
      setTimeout(() => nameRef.current?.focus(), 0);
      return 'unavailable';
    } finally {
      setLooking(false);
    }
  };

  // ---- Step 2: procedure search (the server folds diacritics)
  const searchSeq = useRef(0);
  useEffect(() => {
    const q = procQuery.trim();
    if (!q) {
      setResults(null);
      return;
    }
    const seq = ++searchSeq.current;
    const h = setTimeout(() => {
      api
        .GET('/api/procedures', { params: { query: { unitId: data.competentUnitId, q, limit: 8 } } })
        .then((r) => {
          if (seq !== searchSeq.current) return;
          // Another unit's procedure may be received here only when it is on the boundary-free list.
          const items = must(r).items.filter((p) => !otherUnit || p.boundaryFree);
          setResults({ q, items });
          setActive(0);
        })
        .catch(() =>
          offlineSearch(receptionUnits(), data.competentUnitId, q).then(
            (items) => seq === searchSeq.current && setResults({ q, items: items.filter((p) => !otherUnit || p.boundaryFree) }),
          ),
        );
    }, 150);
    return () => clearTimeout(h);
  }, [procQuery, data.competentUnitId, otherUnit]);

  const focusFirstComponent = (p: ProcSnap, lookupState: LookupState) => {
    setTimeout(() => {
      const first = firstToTick(p, lookupState);
      const ref = first ? compRefs.current.get(first.id) : undefined;
      if (ref) ref.focus();
      else submitRef.current?.focus();
    }, 0);
  };

  const pick = (p: ProcedureItem) => {
    const s = snap(p);
    dispatch({ type: 'procedure-picked', procedure: s });
    setMissing([]);
    setProcQuery('');
    setResults(null);
    setPickWhenReady(false);
    focusFirstComponent(s, data.lookup);
  };

  useEffect(() => {
    // Enter pressed before the list arrived: take the first match as soon as it does.
    if (pickWhenReady && results && results.q === procQuery.trim() && results.items[0]) pick(results.items[0]);
  }, [pickWhenReady, results]);

  const onProcKey = (e: ReactKeyboardEvent<HTMLInputElement>) => {
    const items = results?.items ?? [];
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((a) => Math.min(a + 1, Math.max(items.length - 1, 0)));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      const fresh = results && results.q === procQuery.trim();
      const chosen = fresh ? items[active] : undefined;
      if (chosen) pick(chosen);
      else if (procQuery.trim()) setPickWhenReady(true);
    } else if (e.key === 'Escape') {
      setProcQuery('');
    }
  };

  // ---- Step 3: components, files, fee
  const p = data.procedure;

  const onFile = async (componentId: string, file: File | undefined) => {
    if (!file) return;
    setUploading((u) => ({ ...u, [componentId]: true }));
    setUploadErrors((u) => ({ ...u, [componentId]: '' }));
    try {
      const f = await uploadFile(unit.id, file).catch((e: unknown) => scanOffline(e, file));
      dispatch({
        type: 'file-added',
        componentId,
        file: { id: f.id, name: f.originalName || file.name, pages: f.pages, sizeBytes: f.sizeBytes },
      });
      setMissing((m) => m.filter((x) => x !== componentId));
    } catch (e) {
      const detail = e instanceof ApiError && e.problem ? e.problem.detail : t('common.networkError');
      setUploadErrors((u) => ({ ...u, [componentId]: detail }));
    } finally {
      setUploading((u) => ({ ...u, [componentId]: false }));
    }
  };

  // ---- Submit
  // Busy, the server's refusal and the page's own checks through useAction; no answer at all is not an error here:
  // the dossier is received offline with a provisional receipt.
  const submitting = useAction(async () => {
    if (data.result) return;
    if (!/^[0-9]{12}$/.test(data.idNumber)) {
      setIdError(t('intake.idInvalid'));
      idRef.current?.focus();
      return;
    }
    if (!data.citizen.fullName.trim()) {
      nameRef.current?.focus();
      refuse(t('intake.nameRequired'));
    }
    if (!p) {
      procRef.current?.focus();
      refuse(t('intake.procedureRequired'));
    }
    if (!data.receptionPointId) refuse(t('intake.pointRequired'));
    const components = componentsToSend(data);
    const dob = /^\d{4}-\d{2}-\d{2}$/.test(data.citizen.dateOfBirth) ? data.citizen.dateOfBirth : undefined;
    const body: Body<'/api/dossiers', 'post'> = {
      procedureId: p.id,
      competentUnitId: competent.id,
      receptionPointId: data.receptionPointId,
      ...(data.returnPointId ? { returnPointId: data.returnPointId } : {}),
      channel: 'in-person',
      applicant: {
        idNumber: data.idNumber,
        fullName: data.citizen.fullName.trim(),
        ...(dob ? { dateOfBirth: dob } : {}),
        ...(data.citizen.phone.trim() ? { phone: data.citizen.phone.trim() } : {}),
        ...(data.citizen.address.trim() ? { address: data.citizen.address.trim() } : {}),
      },
      components,
      draftId: formId,
      fee: {
        ...(p.fee.kind === 'per-unit' ? { pages: data.pages } : {}),
        ...(p.fee.kind !== 'free' ? { copies: data.copies } : {}),
        ...(data.receiptNo.trim() ? { receiptNo: data.receiptNo.trim() } : {}),
      },
    };
    let r;
    try {
      r = await api.POST('/api/dossiers', { body, params: { header: { 'idempotency-key': data.idempotencyKey } } });
      if (!r.data && r.response.status >= 502 && r.response.status <= 504) throw new TypeError('server unreachable');
    } catch {
      // The server cannot be reached: the dossier is received here with a provisional receipt (web/src/offline/).
      const item = await submitOffline({
        body,
        userId: user.id,
        unit,
        competent,
        unitIds: receptionUnits(),
        procedure: p,
        toVerify: data.lookup !== 'found',
        files: data.files,
      }).catch(() => null);
      if (!item) refuse(t('intake.submitNetwork'));
      store.clearLocal();
      setProvisional(item);
      return;
    }
    if (!r.data) {
      const problem = isProblem(r.error) ? r.error : null;
      if (problem?.code === 'components-missing' && Array.isArray(problem.missing)) {
        const ids = (problem.missing as { componentId: string }[]).map((m) => m.componentId);
        setMissing(ids);
        const first = ids.map((id) => compRefs.current.get(id)).find(Boolean);
        first?.focus();
      }
      must(r);
    }
    const result = must(r);
    setMissing([]);
    const next = intakeReducer(data, { type: 'created', result });
    store.finish(unit.id, next);
    setData(next);
    setDrafts((ds) => ds.filter((x) => x.id !== formId));
    setTimeout(() => printRef.current?.focus(), 0);
  });
  const busy = submitting.busy;
  const submitError = submitting.errorText(t('common.networkError'));
  const submit = () => submitting.run();
  const resetSubmit = submitting.reset;

  const startNew = useCallback(() => {
    const env = newEnvelope(rememberedPoint(user.id, unit), unit);
    // The current form, if unfinished, stays on the server as a draft (flushed by adopt).
    store.adopt(env);
    skipSave.current = true;
    setFormId(env.id);
    setData(env.data);
    setProcQuery('');
    setResults(null);
    setMissing([]);
    resetSubmit();
    setIdError(null);
    setUploadErrors({});
    if (hasContent(data) && !data.result) setTimeout(loadDrafts, 1500);
    setTimeout(() => idRef.current?.focus(), 0);
  }, [store, user.id, unit, data, loadDrafts, resetSubmit]);

  const resume = (d: (typeof drafts)[number]) => {
    const env: Envelope<IntakeData> = {
      id: d.id,
      unitId: d.unitId,
      revision: d.revision,
      syncedRevision: d.revision,
      updatedAt: Date.parse(d.updatedAt),
      data: asIntakeData(d.data, emptyData(rememberedPoint(user.id, unit), unit.id)),
    };
    store.adopt(env);
    skipSave.current = true;
    setFormId(env.id);
    setData(env.data);
    setMissing([]);
    submitting.reset();
    setDrafts((ds) => ds.filter((x) => x.id !== d.id));
    if (hasContent(data) && !data.result) setTimeout(loadDrafts, 1500);
    setTimeout(() => idRef.current?.focus(), 0);
  };
  const discard = async (id: string) => {
    try {
      await api.DELETE('/api/intake-drafts/{id}', { params: { path: { id } } });
      setDrafts((ds) => ds.filter((x) => x.id !== id));
    } catch {
      void message.error(t('common.networkError'));
    }
  };

  // ---- Keyboard shortcuts for the whole screen
  const submitRefFn = useRef(submit);
  submitRefFn.current = submit;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
        e.preventDefault();
        void submitRefFn.current();
      } else if (e.altKey && (e.key === 'n' || e.key === 'N' || e.code === 'KeyN')) {
        e.preventDefault();
        startNew();
      } else if (e.key === 'Escape' && data.result) {
        e.preventDefault();
        startNew();
      } else if (e.altKey && ['Digit1', 'Digit2', 'Digit3'].includes(e.code)) {
        e.preventDefault();
        if (e.code === 'Digit1') idRef.current?.focus();
        else if (e.code === 'Digit2') procRef.current?.focus();
        else if (p) focusFirstComponent(p, data.lookup);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const syncText =
    sync.sync === 'synced'
      ? t('intake.syncServer')
      : sync.sync === 'saving'
        ? t('intake.syncSaving')
        : sync.sync === 'local-only'
          ? t('intake.syncLocal')
          : sync.sync === 'error'
            ? t('intake.syncError', { detail: sync.detail ?? '' })
            : '';

  if (provisional)
    return (
      <ProvisionalReceipt
        item={provisional}
        unitName={shortName(unit)}
        officerName={user.fullName}
        onNew={() => (setProvisional(null), startNew())}
      />
    );
  if (data.result) return <IntakeDone result={data.result} printRef={printRef} onNew={startNew} />;

  return (
    <div className="intake" data-testid="intake">
      <div className="intake-head">
        <Typography.Title level={1} className="page-title" style={{ marginBottom: 0 }}>
          {t('intake.title')}
        </Typography.Title>
        <span className={`sync sync-${sync.sync}`} role="status" data-testid="sync-state">
          {syncText}
        </span>
      </div>
      <p className="kbd-help" id="kbd-help">
        {t('intake.shortcuts')}
      </p>
      {restored && (
        <Alert type="info" showIcon message={t('intake.restored')} style={{ marginBottom: 12 }} closable data-testid="restored" />
      )}
      <DraftList drafts={otherDrafts} onResume={resume} onDiscard={(id) => void discard(id)} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={11}>
          <CitizenStep
            data={data}
            dispatch={dispatch}
            idRef={idRef}
            nameRef={nameRef}
            idError={idError}
            looking={looking}
            onLookup={() => void lookup()}
          />
          <ProcedureStep
            unit={unit}
            data={data}
            dispatch={dispatch}
            procRef={procRef}
            procQuery={procQuery}
            results={results}
            active={active}
            onQuery={(q) => {
              setProcQuery(q);
              setPickWhenReady(false);
            }}
            onProcKey={onProcKey}
            pick={pick}
            onPoint={(v) => {
              try {
                localStorage.setItem(pointKey(user.id, unit.id), v);
              } catch {
                // ignore
              }
            }}
          />
        </Col>

        <Col xs={24} xl={13}>
          <ComponentsStep
            data={data}
            dispatch={dispatch}
            compRefs={compRefs}
            missing={missing}
            onChecked={(id) => setMissing((m) => m.filter((x) => x !== id))}
            uploading={uploading}
            uploadErrors={uploadErrors}
            onFile={(id, file) => void onFile(id, file)}
          />
          <div className="submit-bar">
            {submitError && (
              <Alert type="error" showIcon role="alert" message={submitError} style={{ marginBottom: 12 }} data-testid="submit-error" />
            )}
            <Button ref={submitRef} type="primary" size="large" block loading={busy} onClick={() => void submit()} data-testid="submit">
              {t('intake.submit')}
            </Button>
          </div>
        </Col>
      </Row>
    </div>
  );
}

// Counter intake: the screen reception officers live in. Keyboard first (ID number, Enter, type the procedure,
// Enter, Space on the papers received, Ctrl+Enter), and the work is never lost: every change is kept in this
// browser and sent to the server as a draft (see intakeDraft.ts); submitting carries one Idempotency-Key per
// form, so a double submit or a retry after a network failure creates one dossier.
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Tag,
  Typography,
  type CheckboxRef,
  type InputRef,
} from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { Link } from 'react-router-dom';
import { api, ApiError, isProblem, must, type Body, type Ok } from '../../api/client';
import { uploadFile } from '../../api/upload';
import { componentForms, computeFee, daysText, feeText, money, type ProcedureItem } from '../../catalogue';
import { useLang, useT } from '../../i18n';
import { shortName, useStaff } from '../../staff/context';
import { releaseTypeAhead, splitTypeAhead, takeTypeAhead } from '../../staff/typeAhead';
import { DraftStore, useDraftState, type Envelope } from '../../staff/intakeDraft';
import { appointmentText, dateOnly, dateTime, fileSize } from '../../ui/format';
import { newIdempotencyKey, uuid } from '../../ui/random';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { sortUnits, type Unit } from '../../units';

type Citizen = { fullName: string; dateOfBirth: string; address: string; phone: string };
type UploadedFile = { id: string; name: string; pages: number; sizeBytes: number };
type ProcSnap = Pick<
  ProcedureItem,
  'id' | 'code' | 'name' | 'processingDays' | 'fee' | 'feeFrom' | 'components' | 'boundaryFree' | 'channels' | 'unitIds'
>;
type IntakeResult = Ok<'/api/dossiers', 'post'>;
type LookupState = 'none' | 'found' | 'not-found' | 'unavailable';

export type IntakeData = {
  idNumber: string;
  lookup: LookupState;
  citizen: Citizen;
  competentUnitId: string;
  receptionPointId: string;
  /** '' = the reception point */
  returnPointId: string;
  procedure: ProcSnap | null;
  checked: Record<string, boolean>;
  files: Record<string, UploadedFile[]>;
  pages: number;
  copies: number;
  receiptNo: string;
  idempotencyKey: string;
  result: IntakeResult | null;
};

const EMPTY_CITIZEN: Citizen = { fullName: '', dateOfBirth: '', address: '', phone: '' };
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

function emptyData(userId: string, unit: Unit): IntakeData {
  return {
    idNumber: '',
    lookup: 'none',
    citizen: EMPTY_CITIZEN,
    competentUnitId: unit.id,
    receptionPointId: rememberedPoint(userId, unit),
    returnPointId: '',
    procedure: null,
    checked: {},
    files: {},
    pages: 1,
    copies: 1,
    receiptNo: '',
    idempotencyKey: newIdempotencyKey(),
    result: null,
  };
}

function newEnvelope(userId: string, unit: Unit): Envelope<IntakeData> {
  return { id: uuid(), unitId: unit.id, revision: 0, syncedRevision: 0, updatedAt: Date.now(), data: emptyData(userId, unit) };
}

const hasContent = (d: IntakeData) => d.idNumber !== '' || d.procedure !== null || d.citizen.fullName !== '';

function snap(p: ProcedureItem): ProcSnap {
  const { id, code, name, processingDays, fee, feeFrom, components, boundaryFree, channels, unitIds } = p;
  return { id, code, name, processingDays, fee, feeFrom, components, boundaryFree, channels, unitIds };
}

/** A draft's data as the server returns it (`Record<string, unknown>`), checked just enough to resume it. */
function asIntakeData(d: Record<string, unknown>, fallback: IntakeData): IntakeData {
  if (typeof d.idNumber !== 'string' || typeof d.idempotencyKey !== 'string') return fallback;
  return { ...fallback, ...(d as Partial<IntakeData>) } as IntakeData;
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
  const lang = useLang();
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
        ? { ...local, data: asIntakeData(local.data, emptyData(user.id, unit)) }
        : newEnvelope(user.id, unit);
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
  const update = useCallback((patch: Partial<IntakeData> | ((d: IntakeData) => Partial<IntakeData>)) => {
    setData((d) => ({ ...d, ...(typeof patch === 'function' ? patch(d) : patch) }));
  }, []);

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
  const [busy, setBusy] = useState(false);
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [missing, setMissing] = useState<string[]>([]);
  const [uploading, setUploading] = useState<Record<string, boolean>>({});
  const [uploadErrors, setUploadErrors] = useState<Record<string, string>>({});
  const [drafts, setDrafts] = useState<Ok<'/api/intake-drafts', 'get'>['items']>([]);

  const found = data.lookup === 'found';
  const points = unit.receptionPoints.filter((p) => p.active);
  const competent = units.find((u) => u.id === data.competentUnitId) ?? unit;
  const otherUnit = competent.id !== unit.id;

  useEffect(() => {
    // Keys typed while the page loaded go where they were meant to, in order: the ID number, Enter (look it
    // up), then the procedure search (or the name when the registry does not know the number).
    const early = splitTypeAhead(takeTypeAhead());
    if (data.result) printRef.current?.focus();
    else idRef.current?.focus();
    if (!data.result && data.idNumber === '' && early.id) {
      update({ idNumber: early.id });
      if (early.enter)
        void lookup(early.id).then((status) => {
          if (!early.rest) return;
          if (status === 'found') setProcQuery(early.rest);
          else update((d) => ({ citizen: { ...d.citizen, fullName: d.citizen.fullName + early.rest } }));
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
  const lookup = async (typed?: string): Promise<IntakeData['lookup'] | null> => {
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
        update({ lookup: 'found', citizen: { fullName: c.fullName, dateOfBirth: c.dateOfBirth, address: c.address, phone: c.phone } });
        setTimeout(() => procRef.current?.focus(), 0);
        return 'found';
      } else {
        update((d) => ({ lookup: r.status, citizen: d.lookup === 'found' ? EMPTY_CITIZEN : d.citizen }));
        setTimeout(() => nameRef.current?.focus(), 0);
        return r.status;
      }
    } catch {
      update((d) => ({ lookup: 'unavailable', citizen: d.lookup === 'found' ? EMPTY_CITIZEN : d.citizen }));
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
        .catch(() => seq === searchSeq.current && setResults({ q, items: [] }));
    }, 150);
    return () => clearTimeout(h);
  }, [procQuery, data.competentUnitId, otherUnit]);

  const focusFirstComponent = (p: ProcSnap, lookupState: LookupState) => {
    setTimeout(() => {
      const first = p.components.find(
        (c) => c.mandatory && !(c.fromRegistry && lookupState !== 'not-found' && lookupState !== 'unavailable'),
      );
      const ref = first ? compRefs.current.get(first.id) : undefined;
      if (ref) ref.focus();
      else submitRef.current?.focus();
    }, 0);
  };

  const pick = (p: ProcedureItem) => {
    const s = snap(p);
    update({ procedure: s, checked: {}, files: {}, pages: 1, copies: 1 });
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
  // A paper the registry holds is never taken at the counter unless the lookup for this citizen failed (Decree 224
  // Art. 18(4)); before the lookup it is not offered either (the server refuses it once the registry answers).
  const registryFailed = data.lookup === 'not-found' || data.lookup === 'unavailable';
  const lockedFromRegistry = (c: ProcSnap['components'][number]) => c.fromRegistry && !registryFailed;
  const fee = p ? computeFee(p.fee, { units: data.pages, copies: data.copies }) : 0;

  const onFile = async (componentId: string, file: File | undefined) => {
    if (!file) return;
    setUploading((u) => ({ ...u, [componentId]: true }));
    setUploadErrors((u) => ({ ...u, [componentId]: '' }));
    try {
      const f = await uploadFile(unit.id, file);
      update((d) => ({
        files: {
          ...d.files,
          [componentId]: [
            ...(d.files[componentId] ?? []),
            { id: f.id, name: f.originalName || file.name, pages: f.pages, sizeBytes: f.sizeBytes },
          ],
        },
        checked: { ...d.checked, [componentId]: true },
      }));
      setMissing((m) => m.filter((x) => x !== componentId));
    } catch (e) {
      const detail = e instanceof ApiError && e.problem ? e.problem.detail : t('common.networkError');
      setUploadErrors((u) => ({ ...u, [componentId]: detail }));
    } finally {
      setUploading((u) => ({ ...u, [componentId]: false }));
    }
  };

  // ---- Submit
  const submit = async () => {
    if (busy || data.result) return;
    setSubmitError(null);
    if (!/^[0-9]{12}$/.test(data.idNumber)) {
      setIdError(t('intake.idInvalid'));
      idRef.current?.focus();
      return;
    }
    if (!data.citizen.fullName.trim()) {
      setSubmitError(t('intake.nameRequired'));
      nameRef.current?.focus();
      return;
    }
    if (!p) {
      setSubmitError(t('intake.procedureRequired'));
      procRef.current?.focus();
      return;
    }
    if (!data.receptionPointId) {
      setSubmitError(t('intake.pointRequired'));
      return;
    }
    const components = p.components
      .filter((c) => !lockedFromRegistry(c) && (data.checked[c.id] || (data.files[c.id]?.length ?? 0) > 0))
      .map((c) => {
        const fileIds = (data.files[c.id] ?? []).map((f) => f.id);
        return fileIds.length ? { componentId: c.id, fileIds } : { componentId: c.id, presented: true };
      });
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
    setBusy(true);
    try {
      const r = await api.POST('/api/dossiers', { body, params: { header: { 'idempotency-key': data.idempotencyKey } } });
      if (r.data) {
        const result = r.data;
        setMissing([]);
        const next = { ...data, result };
        store.finish(unit.id, next);
        setData(next);
        setDrafts((ds) => ds.filter((x) => x.id !== formId));
        setTimeout(() => printRef.current?.focus(), 0);
      } else {
        const problem = isProblem(r.error) ? r.error : null;
        if (problem?.code === 'components-missing' && Array.isArray(problem.missing)) {
          const ids = (problem.missing as { componentId: string }[]).map((m) => m.componentId);
          setMissing(ids);
          const first = ids.map((id) => compRefs.current.get(id)).find(Boolean);
          first?.focus();
        }
        setSubmitError(problem?.detail ?? t('common.networkError'));
      }
    } catch {
      setSubmitError(t('intake.submitNetwork'));
    } finally {
      setBusy(false);
    }
  };

  const openReceipt = () => {
    if (data.result) window.open(`/api/dossiers/${data.result.id}/forms/receipt.pdf`, '_blank', 'noopener');
  };

  const startNew = useCallback(() => {
    const env = newEnvelope(user.id, unit);
    // The current form, if unfinished, stays on the server as a draft (flushed by adopt).
    store.adopt(env);
    skipSave.current = true;
    setFormId(env.id);
    setData(env.data);
    setProcQuery('');
    setResults(null);
    setMissing([]);
    setSubmitError(null);
    setIdError(null);
    setUploadErrors({});
    if (hasContent(data) && !data.result) setTimeout(loadDrafts, 1500);
    setTimeout(() => idRef.current?.focus(), 0);
  }, [store, user.id, unit, data, loadDrafts]);

  const resume = (d: (typeof drafts)[number]) => {
    const env: Envelope<IntakeData> = {
      id: d.id,
      unitId: d.unitId,
      revision: d.revision,
      syncedRevision: d.revision,
      updatedAt: Date.parse(d.updatedAt),
      data: asIntakeData(d.data, emptyData(user.id, unit)),
    };
    store.adopt(env);
    skipSave.current = true;
    setFormId(env.id);
    setData(env.data);
    setMissing([]);
    setSubmitError(null);
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

  const returnOptions = useMemo(() => {
    const ids = new Set([unit.id, competent.id]);
    return sortUnits(units.filter((u) => ids.has(u.id))).flatMap((u) =>
      u.receptionPoints.filter((rp) => rp.active).map((rp) => ({ value: rp.id, label: `${rp.name} (${shortName(u)})` })),
    );
  }, [units, unit.id, competent.id]);

  if (data.result) {
    const r = data.result;
    return (
      <div className="intake-done" data-testid="intake-done">
        <Typography.Title level={1} className="page-title">
          {t('intake.doneTitle')}
        </Typography.Title>
        <Card>
          <p className="done-code">
            {t('intake.code')}: <strong data-testid="dossier-code">{r.code}</strong>
          </p>
          {r.dueAt && (
            <p className="done-due" data-testid="due-text">
              {t('intake.dueText', { when: appointmentText(r.dueAt, lang) })}
            </p>
          )}
          <p>
            {t('intake.feeCharged')}: {money(r.fee, lang)}
          </p>
          <Space wrap size="middle">
            <Button ref={printRef} type="primary" size="large" onClick={openReceipt} className="big-button" data-testid="print-receipt">
              {t('intake.printReceipt')}
            </Button>
            <Button size="large" onClick={startNew} data-testid="new-intake">
              {t('intake.newIntake')}
            </Button>
            <Link to={`/can-bo/ho-so/${r.id}`}>{t('intake.openDossier')}</Link>
          </Space>
          <p className="kbd-help">{t('intake.doneHelp')}</p>
        </Card>
      </div>
    );
  }

  const procList = results && procQuery.trim() && (
    <ul className="proc-results" role="listbox" id="proc-results" aria-label={t('intake.procResults')}>
      {results.items.length === 0 && <li className="muted">{t('intake.procNone')}</li>}
      {results.items.map((it, i) => (
        <li
          key={it.id}
          id={`proc-opt-${i}`}
          role="option"
          aria-selected={i === active}
          className={i === active ? 'active' : undefined}
          onMouseDown={(e) => {
            e.preventDefault();
            pick(it);
          }}
        >
          <span className="proc-name">{it.name}</span>
          <span className="muted">
            {it.code} · {daysText(it.processingDays, t, lang)} · {it.fee.kind === 'free' ? t('fee.free') : money(it.feeFrom, lang)}
          </span>
        </li>
      ))}
    </ul>
  );

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
      {otherDrafts.length > 0 && (
        <details className="drafts" data-testid="drafts">
          <summary>{t('intake.drafts', { n: otherDrafts.length })}</summary>
          <ul>
            {otherDrafts.map((d) => {
              const dd = d.data as Partial<IntakeData>;
              return (
                <li key={d.id}>
                  <span>
                    <strong>{dd.citizen?.fullName || dd.idNumber || t('intake.draftEmpty')}</strong>
                    {dd.procedure?.name ? ` — ${dd.procedure.name}` : ''}
                    <span className="muted"> · {dateTime(d.updatedAt, lang)}</span>
                  </span>
                  <Space>
                    <Button onClick={() => resume(d)}>{t('intake.resume')}</Button>
                    <Button danger onClick={() => void discard(d.id)}>
                      {t('intake.discard')}
                    </Button>
                  </Space>
                </li>
              );
            })}
          </ul>
        </details>
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={11}>
          <Card title={<h2 className="card-title">{t('intake.step1')}</h2>} className="step-card">
            <label htmlFor="intake-id" className="field-label">
              {t('intake.idNumber')}
            </label>
            <Space.Compact style={{ width: '100%' }}>
              <Input
                id="intake-id"
                ref={idRef}
                value={data.idNumber}
                inputMode="numeric"
                autoComplete="off"
                maxLength={12}
                status={idError ? 'error' : undefined}
                aria-describedby="intake-id-help"
                onChange={(e) => update({ idNumber: e.target.value.replace(/\D/g, '').slice(0, 12) })}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey) {
                    e.preventDefault();
                    void lookup();
                  }
                }}
                data-testid="id-input"
              />
              <Button onClick={() => void lookup()} loading={looking}>
                {t('intake.lookup')}
              </Button>
            </Space.Compact>
            <div id="intake-id-help" className={idError ? 'field-error' : 'muted'}>
              {idError ?? t('intake.idHelp')}
            </div>
            {data.lookup === 'found' && (
              <div className="citizen" data-testid="citizen">
                <Tag className="tag-ok">{t('intake.fromRegistry')}</Tag>
                <dl className="citizen-dl">
                  <dt>{t('intake.fullName')}</dt>
                  <dd data-testid="citizen-name">{data.citizen.fullName}</dd>
                  <dt>{t('intake.dob')}</dt>
                  <dd>{data.citizen.dateOfBirth ? dateOnly(data.citizen.dateOfBirth) : '—'}</dd>
                  <dt>{t('intake.address')}</dt>
                  <dd>{data.citizen.address || '—'}</dd>
                </dl>
                <label htmlFor="intake-phone" className="field-label">
                  {t('intake.phone')}
                </label>
                <Input
                  id="intake-phone"
                  value={data.citizen.phone}
                  inputMode="tel"
                  maxLength={20}
                  onChange={(e) => update((d) => ({ citizen: { ...d.citizen, phone: e.target.value.replace(/[^0-9+ ().-]/g, '') } }))}
                />
              </div>
            )}
            {(data.lookup === 'not-found' || data.lookup === 'unavailable') && (
              <div className="citizen" data-testid="citizen-manual">
                <Alert type="warning" showIcon message={t('intake.registryFailed')} style={{ marginBottom: 12 }} role="alert" />
                <label htmlFor="intake-name" className="field-label">
                  {t('intake.fullName')} *
                </label>
                <Input
                  id="intake-name"
                  ref={nameRef}
                  value={data.citizen.fullName}
                  maxLength={200}
                  onChange={(e) => update((d) => ({ citizen: { ...d.citizen, fullName: e.target.value } }))}
                />
                <Row gutter={12}>
                  <Col xs={24} sm={12}>
                    <label htmlFor="intake-dob" className="field-label">
                      {t('intake.dob')}
                    </label>
                    <Input
                      id="intake-dob"
                      type="date"
                      value={data.citizen.dateOfBirth}
                      onChange={(e) => update((d) => ({ citizen: { ...d.citizen, dateOfBirth: e.target.value } }))}
                    />
                  </Col>
                  <Col xs={24} sm={12}>
                    <label htmlFor="intake-phone2" className="field-label">
                      {t('intake.phone')}
                    </label>
                    <Input
                      id="intake-phone2"
                      value={data.citizen.phone}
                      inputMode="tel"
                      maxLength={20}
                      onChange={(e) => update((d) => ({ citizen: { ...d.citizen, phone: e.target.value.replace(/[^0-9+ ().-]/g, '') } }))}
                    />
                  </Col>
                </Row>
                <label htmlFor="intake-address" className="field-label">
                  {t('intake.address')}
                </label>
                <Input
                  id="intake-address"
                  value={data.citizen.address}
                  maxLength={500}
                  onChange={(e) => update((d) => ({ citizen: { ...d.citizen, address: e.target.value } }))}
                />
              </div>
            )}
          </Card>

          <Card title={<h2 className="card-title">{t('intake.step2')}</h2>} className="step-card" style={{ marginTop: 16 }}>
            <label htmlFor="intake-proc" className="field-label">
              {t('intake.procSearch')}
            </label>
            <div className="proc-search">
              <Input
                id="intake-proc"
                ref={procRef}
                value={procQuery}
                autoComplete="off"
                spellCheck={false}
                role="combobox"
                aria-expanded={!!procList}
                aria-controls="proc-results"
                aria-autocomplete="list"
                aria-activedescendant={results?.items.length ? `proc-opt-${active}` : undefined}
                placeholder={t('intake.procPlaceholder')}
                onChange={(e) => {
                  setProcQuery(e.target.value);
                  setPickWhenReady(false);
                }}
                onKeyDown={onProcKey}
                data-testid="proc-input"
              />
              {procList}
            </div>
            {p && (
              <div className="chosen-proc" data-testid="chosen-proc">
                <strong>{p.name}</strong>
                <div className="muted">
                  {p.code} · {daysText(p.processingDays, t, lang)}
                  {p.boundaryFree ? ` · ${t('cat.boundaryFreeShort')}` : ''}
                </div>
              </div>
            )}
            <Row gutter={12} style={{ marginTop: 12 }}>
              <Col xs={24} md={12}>
                <label htmlFor="intake-competent" className="field-label">
                  {t('intake.competentUnit')}
                </label>
                <Select
                  id="intake-competent"
                  style={{ width: '100%' }}
                  value={competent.id}
                  showSearch
                  optionFilterProp="label"
                  options={sortUnits(units).map((u) => ({ value: u.id, label: shortName(u) }))}
                  onChange={(v: string) =>
                    update((d) => ({
                      competentUnitId: v,
                      returnPointId: '',
                      procedure:
                        d.procedure && d.procedure.unitIds.includes(v) && (v === unit.id || d.procedure.boundaryFree) ? d.procedure : null,
                    }))
                  }
                />
              </Col>
              <Col xs={24} md={12}>
                <label htmlFor="intake-point" className="field-label">
                  {t('intake.receptionPoint')}
                </label>
                <Select
                  id="intake-point"
                  style={{ width: '100%' }}
                  value={data.receptionPointId || undefined}
                  options={points.map((rp) => ({ value: rp.id, label: rp.name }))}
                  onChange={(v: string) => {
                    try {
                      localStorage.setItem(pointKey(user.id, unit.id), v);
                    } catch {
                      // ignore
                    }
                    update({ receptionPointId: v });
                  }}
                />
              </Col>
              <Col xs={24}>
                <label htmlFor="intake-return" className="field-label">
                  {t('intake.returnPoint')}
                </label>
                <Select
                  id="intake-return"
                  style={{ width: '100%' }}
                  value={data.returnPointId}
                  options={[
                    { value: '', label: t('intake.returnSame') },
                    ...returnOptions.filter((o) => o.value !== data.receptionPointId),
                  ]}
                  onChange={(v: string) => update({ returnPointId: v })}
                />
              </Col>
            </Row>
            {otherUnit && <p className="muted">{t('intake.otherUnitNote', { unit: shortName(competent) })}</p>}
          </Card>
        </Col>

        <Col xs={24} xl={13}>
          <Card title={<h2 className="card-title">{t('intake.step3')}</h2>} className="step-card">
            {!p && <p className="muted">{t('intake.pickFirst')}</p>}
            {p && (
              <ol className="checklist" data-testid="checklist">
                {p.components.map((c) => {
                  const locked = lockedFromRegistry(c);
                  const files = data.files[c.id] ?? [];
                  const isMissing = missing.includes(c.id);
                  const presentedOnly = c.accepted.includes('presented') && !c.accepted.includes('paper');
                  return (
                    <li key={c.id} className={isMissing ? 'missing' : undefined} data-testid="component">
                      <div className="check-row">
                        <Checkbox
                          ref={(r) => {
                            if (r) compRefs.current.set(c.id, r);
                            else compRefs.current.delete(c.id);
                          }}
                          checked={locked || !!data.checked[c.id]}
                          disabled={locked}
                          onChange={(e) => {
                            const on = e.target.checked;
                            update((d) => ({ checked: { ...d.checked, [c.id]: on } }));
                            if (on) setMissing((m) => m.filter((x) => x !== c.id));
                          }}
                          aria-describedby={`comp-${c.id}-meta`}
                        >
                          <span className="comp-label">{c.name}</span>
                        </Checkbox>
                      </div>
                      <div className="comp-meta" id={`comp-${c.id}-meta`}>
                        {c.mandatory ? (
                          <Tag className="tag-warn">{t('comp.mandatory')}</Tag>
                        ) : (
                          <Tag className="tag-muted">{t('comp.optional')}</Tag>
                        )}
                        {locked ? (
                          <Tag className="tag-ok">{t(found ? 'intake.lockedRegistry' : 'intake.registryPending')}</Tag>
                        ) : (
                          <span className="muted">
                            {presentedOnly ? t('intake.presented') : t('intake.received')}
                            {componentForms(c, t, { skipPresented: true }) ? ` · ${componentForms(c, t, { skipPresented: true })}` : ''}
                          </span>
                        )}
                        {c.fromRegistry && registryFailed && (
                          <Tag className="tag-warn" data-testid="registry-failed-component">
                            {t('intake.registryFailedComponent')}
                          </Tag>
                        )}
                        {isMissing && <Tag className="tag-error">{t('intake.missing')}</Tag>}
                      </div>
                      {!locked && (
                        <div className="comp-files">
                          {files.map((f) => (
                            <span key={f.id} className="file-chip">
                              <a href={`/api/files/${f.id}`} target="_blank" rel="noreferrer">
                                {f.name}
                              </a>{' '}
                              <span className="muted">
                                · {t('intake.pages', { n: f.pages })} · {fileSize(f.sizeBytes)}
                              </span>
                              <Button
                                type="text"
                                size="small"
                                aria-label={t('intake.removeFile', { name: f.name })}
                                onClick={() =>
                                  update((d) => ({ files: { ...d.files, [c.id]: (d.files[c.id] ?? []).filter((x) => x.id !== f.id) } }))
                                }
                              >
                                ✕
                              </Button>
                            </span>
                          ))}
                          <label className="upload-btn">
                            <input
                              type="file"
                              accept="application/pdf,image/jpeg,image/png"
                              className="visually-hidden"
                              onChange={(e) => {
                                void onFile(c.id, e.target.files?.[0]);
                                e.target.value = '';
                              }}
                              aria-label={t('intake.uploadFor', { name: c.name.slice(0, 60) })}
                            />
                            <span aria-hidden="true">{uploading[c.id] ? t('common.loading') : t('intake.upload')}</span>
                          </label>
                          {uploadErrors[c.id] && (
                            <div className="field-error" role="alert">
                              {uploadErrors[c.id]}
                            </div>
                          )}
                        </div>
                      )}
                    </li>
                  );
                })}
              </ol>
            )}
            {p && (
              <div className="fee-box" data-testid="fee-box">
                <div>
                  <strong>{t('intake.fee')}:</strong> {feeText(p.fee, t, lang)}
                </div>
                {p.fee.kind === 'per-unit' && (
                  <Space wrap style={{ marginTop: 8 }}>
                    <label htmlFor="intake-pages">{t('intake.pagesLabel', { unit: p.fee.unitLabel })}</label>
                    <InputNumber
                      id="intake-pages"
                      min={1}
                      max={10000}
                      value={data.pages}
                      onChange={(v) => update({ pages: Math.max(1, Number(v) || 1) })}
                    />
                    <label htmlFor="intake-copies">{t('intake.copiesLabel')}</label>
                    <InputNumber
                      id="intake-copies"
                      min={1}
                      max={100}
                      value={data.copies}
                      onChange={(v) => update({ copies: Math.max(1, Number(v) || 1) })}
                    />
                  </Space>
                )}
                <div className="fee-total">
                  {t('intake.feeTotal')}: <strong data-testid="fee-total">{money(fee, lang)}</strong>
                </div>
                {fee > 0 && (
                  <div style={{ marginTop: 8 }}>
                    <label htmlFor="intake-receipt" className="field-label">
                      {t('intake.receiptNo')}
                    </label>
                    <Input
                      id="intake-receipt"
                      value={data.receiptNo}
                      maxLength={60}
                      onChange={(e) => update({ receiptNo: e.target.value })}
                    />
                  </div>
                )}
              </div>
            )}
          </Card>
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

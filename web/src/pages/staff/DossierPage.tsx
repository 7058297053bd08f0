// One dossier: status, due time and working hours left, applicant, procedure version, components, step timeline,
// history, the forms that exist for it, and a button for each action the server allows now. Each action opens a
// small form with exactly the contract's body; the server's 409/422 detail (the law's rules) shows in that form.
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Descriptions,
  Form,
  Input,
  Modal,
  Radio,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { Action } from '@domain/dossier/lifecycle';
import { ROLE_LABELS, isRole } from '@domain/roles';
import type { Dayjs } from 'dayjs';
import { useEffect, useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api, isProblem, must, type Body } from '../../api/client';
import { ACTION_KEYS, eventKey, formsFor, statusLabel, type Dossier } from '../../dossiers';
import { useLang, useT, type MessageKey } from '../../i18n';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { appointmentText, dateOnly, dateTime } from '../../ui/format';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { useLoad } from '../../ui/useLoad';
import { shortName, useStaff } from '../../staff/context';
import { sortUnits } from '../../units';
import { EvidenceFields, evidenceBody, type EvidenceValues } from './dossier/EvidenceFields';
import { FormAnswers } from './dossier/FormAnswers';

type ActionBody = NonNullable<Body<'/api/dossiers/{id}/actions/{action}', 'post'>>;

const STEP_TAG: Record<Dossier['steps'][number]['state'], { key: MessageKey; cls: string }> = {
  'done-early': { key: 'step.done-early', cls: 'tag-ok' },
  'done-on-time': { key: 'step.done-on-time', cls: 'tag-ok' },
  'done-late': { key: 'step.done-late', cls: 'tag-error' },
  current: { key: 'step.current', cls: 'tag-info' },
  late: { key: 'step.late', cls: 'tag-error' },
  pending: { key: 'step.pending', cls: 'tag-muted' },
};

const hours = (n: number, lang: 'vi' | 'en') =>
  new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 1 }).format(n);

function roleText(role: string, lang: 'vi' | 'en'): string {
  return isRole(role) ? ROLE_LABELS[role][lang] : role;
}

export default function DossierPage() {
  const t = useT();
  const lang = useLang();
  const { id = '' } = useParams();
  const { data: d, error, reload } = useLoad(async () => must(await api.GET('/api/dossiers/{id}', { params: { path: { id } } })), [id]);
  const [action, setAction] = useState<Action | null>(null);
  useDocumentTitle(d ? d.code : t('dossier.title'));

  if (error) return <ErrorAlert error={error} onRetry={reload} />;
  if (!d) return <Card loading />;

  const late = d.overdue || (d.workingHoursLeft !== null && d.workingHoursLeft < 0);
  const forms = formsFor(d);

  return (
    <div className="dossier" data-testid="dossier">
      <p className="crumbs">
        <Link to="/can-bo/ho-so">{t('queues.title')}</Link>
      </p>
      <div className="dossier-head">
        <Typography.Title level={1} className="page-title" style={{ marginBottom: 4 }}>
          {t('dossier.heading', { code: d.code })}
        </Typography.Title>
        <Space wrap>
          <Tag className="tag-info big-tag" data-testid="status">
            {statusLabel(d.status, lang)}
          </Tag>
          <span className="muted">{t('dossier.national', { n: d.nationalStatus })}</span>
          <Tag className={d.portalSync.dead > 0 ? 'tag-warn' : d.portalSync.pending > 0 ? 'tag-muted' : 'tag-ok'} data-testid="portal-sync">
            {d.portalSync.dead > 0
              ? t('dossier.syncDead', { n: d.portalSync.dead })
              : d.portalSync.pending > 0
                ? t('dossier.syncPending', { n: d.portalSync.pending })
                : t('dossier.syncDone')}
          </Tag>
          {d.supplementRequested && <Tag className="tag-muted">{t('dossier.supplementUsed')}</Tag>}
          {d.extended && <Tag className="tag-muted">{t('dossier.extensionUsed')}</Tag>}
        </Space>
        <p className={late ? 'due due-late' : 'due'} data-testid="due">
          {d.dueAt
            ? t('dossier.due', { when: appointmentText(d.dueAt, lang) })
            : d.finishedAt
              ? t('dossier.finished', { when: dateTime(d.finishedAt, lang) })
              : t('dossier.paused')}
          {d.workingHoursLeft !== null && !d.finishedAt && (
            <span>
              {' · '}
              {d.workingHoursLeft >= 0
                ? t('dossier.hoursLeft', { n: hours(d.workingHoursLeft, lang) })
                : t('dossier.hoursLate', { n: hours(-d.workingHoursLeft, lang) })}
            </span>
          )}
          {late && (
            <Tag className="tag-error" style={{ marginInlineStart: 8 }}>
              {t('queues.overdue')}
            </Tag>
          )}
        </p>
      </div>

      <Card className="actions-card" title={<h2 className="card-title">{t('dossier.actions')}</h2>}>
        {d.allowedActions.length === 0 ? (
          <p className="muted">{t('dossier.noActions')}</p>
        ) : (
          <Space wrap>
            {d.allowedActions.map((a) => (
              <Button
                key={a}
                onClick={() => setAction(a)}
                type={a === d.allowedActions[0] ? 'primary' : 'default'}
                data-testid={`action-${a}`}
              >
                {t(ACTION_KEYS[a])}
              </Button>
            ))}
          </Space>
        )}
      </Card>

      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} xl={12}>
          <Card
            title={<h2 className="card-title">{t('dossier.applicant')}</h2>}
            extra={d.registryUsed ? <Tag className="tag-ok">{t('dossier.registryData')}</Tag> : null}
          >
            <Descriptions column={1} size="small" colon={false} styles={{ label: { width: '36%', fontWeight: 500 } }}>
              <Descriptions.Item label={t('intake.fullName')}>{d.applicant.fullName}</Descriptions.Item>
              <Descriptions.Item label={t('intake.idNumber')}>{d.applicant.idNumber}</Descriptions.Item>
              <Descriptions.Item label={t('intake.dob')}>
                {d.applicant.dateOfBirth ? dateOnly(d.applicant.dateOfBirth) : '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('intake.address')}>{d.applicant.address || '—'}</Descriptions.Item>
              <Descriptions.Item label={t('intake.phone')}>{d.applicant.phone || '—'}</Descriptions.Item>
              {d.online.viaPortal && (
                <Descriptions.Item label={t('dossier.online')}>
                  <Space wrap size={4} data-testid="online-badges">
                    {d.online.verifiedVneid && <Tag className="tag-ok">{t('dossier.online.vneid')}</Tag>}
                    {d.online.paidOnline && <Tag className="tag-ok">{t('dossier.online.paid')}</Tag>}
                    {d.online.assistedBy && <Tag>{t('dossier.online.assisted', { name: d.online.assistedBy.fullName })}</Tag>}
                  </Space>
                </Descriptions.Item>
              )}
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={<h2 className="card-title">{t('dossier.procedure')}</h2>}>
            <Descriptions column={1} size="small" colon={false} styles={{ label: { width: '36%', fontWeight: 500 } }}>
              <Descriptions.Item label={t('dossier.procedure')}>
                <div>
                  <Link to={`/thu-tuc/${d.procedure.id}`}>{d.procedure.name}</Link>
                  <div className="muted">
                    {d.procedure.code} · {t('cat.version', { n: d.procedure.version })}
                  </div>
                </div>
              </Descriptions.Item>
              <Descriptions.Item label={t('dossier.receivedAt')}>{dateTime(d.receivedAt, lang)}</Descriptions.Item>
              <Descriptions.Item label={t('dossier.countedFrom')}>{dateTime(d.countedFrom, lang)}</Descriptions.Item>
              <Descriptions.Item label={t('dossier.receptionPoint')}>{d.receptionPoint.name}</Descriptions.Item>
              <Descriptions.Item label={t('dossier.returnPoint')}>{d.returnPoint.name}</Descriptions.Item>
              <Descriptions.Item label={t('dossier.assignee')}>{d.assignee?.fullName ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('intake.fee')}>
                {new Intl.NumberFormat('vi-VN').format(d.fee)} đ{d.feeReceiptNo ? ` · ${t('intake.receiptNo')}: ${d.feeReceiptNo}` : ''}
              </Descriptions.Item>
              {d.returnedAt && <Descriptions.Item label={t('lookup.returnedAt')}>{dateTime(d.returnedAt, lang)}</Descriptions.Item>}
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <FormAnswers d={d} />
          <Card title={<h2 className="card-title">{t('dossier.components')}</h2>}>
            <ul className="plain-list" data-testid="dossier-components">
              {d.components.map((c) => (
                <li key={c.id}>
                  <div>{c.name}</div>
                  <Space wrap size={4}>
                    {c.mandatory ? (
                      <Tag className="tag-warn">{t('comp.mandatory')}</Tag>
                    ) : (
                      <Tag className="tag-muted">{t('comp.optional')}</Tag>
                    )}
                    {c.providedFromRegistry ? (
                      <Tag className="tag-ok">{t('intake.lockedRegistry')}</Tag>
                    ) : c.provided ? (
                      <Tag className="tag-ok">
                        {c.fileIds.length ? t('dossier.scanned', { n: c.fileIds.length }) : t('dossier.presented')}
                      </Tag>
                    ) : (
                      <Tag className="tag-muted">{t('dossier.notProvided')}</Tag>
                    )}
                    {c.fileIds.map((f, i) => (
                      <a key={f} href={`/api/files/${f}`} target="_blank" rel="noreferrer">
                        {t('dossier.file', { n: i + 1 })}
                      </a>
                    ))}
                  </Space>
                </li>
              ))}
            </ul>
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={<h2 className="card-title">{t('dossier.steps')}</h2>}>
            <ol className="timeline" data-testid="steps">
              {d.steps.map((s, i) => (
                <li key={i} className={`tl-${s.state}`}>
                  <div>
                    <strong>{s.name}</strong> <span className="muted">({roleText(s.role, lang)})</span>
                  </div>
                  <Space wrap size={4}>
                    <Tag className={STEP_TAG[s.state].cls}>{t(STEP_TAG[s.state].key)}</Tag>
                    {s.dueAt && <span className="muted">{t('dossier.stepDue', { when: dateTime(s.dueAt, lang) })}</span>}
                    {s.doneAt && <span className="muted">{t('dossier.stepDone', { when: dateTime(s.doneAt, lang) })}</span>}
                  </Space>
                </li>
              ))}
            </ol>
          </Card>
        </Col>
        <Col xs={24}>
          <Card title={<h2 className="card-title">{t('dossier.forms')}</h2>}>
            <Space wrap data-testid="forms">
              {forms.map((f) => (
                <a
                  key={f}
                  className="link-button"
                  href={`/api/dossiers/${d.id}/forms/${f}.pdf`}
                  target="_blank"
                  rel="noreferrer"
                  data-testid={`form-${f}`}
                >
                  {t(`form.${f}` as MessageKey)}
                </a>
              ))}
            </Space>
          </Card>
        </Col>
        <Col xs={24}>
          <Card title={<h2 className="card-title">{t('dossier.history')}</h2>}>
            <Table
              rowKey="seq"
              size="small"
              pagination={false}
              scroll={{ x: 720 }}
              dataSource={d.events}
              data-testid="history"
              columns={[
                { title: t('dossier.when'), key: 'at', render: (_: unknown, e: Dossier['events'][number]) => dateTime(e.at, lang) },
                {
                  title: t('dossier.who'),
                  key: 'who',
                  render: (_: unknown, e: Dossier['events'][number]) => (
                    <>
                      {e.actorName}
                      <div className="muted small">{roleText(e.actorRole, lang)}</div>
                    </>
                  ),
                },
                { title: t('dossier.what'), key: 'what', render: (_: unknown, e: Dossier['events'][number]) => t(eventKey(e.action)) },
                {
                  title: t('dossier.status'),
                  key: 'to',
                  render: (_: unknown, e: Dossier['events'][number]) => statusLabel(e.toStatus as Dossier['status'], lang),
                },
                { title: t('dossier.reason'), key: 'reason', render: (_: unknown, e: Dossier['events'][number]) => e.reason || '—' },
              ]}
            />
          </Card>
        </Col>
      </Row>
      {action && (
        <ActionDialog
          dossier={d}
          action={action}
          onClose={() => setAction(null)}
          onDone={() => {
            setAction(null);
            reload();
          }}
        />
      )}
    </div>
  );
}

type FormValues = {
  reason?: string;
  note?: string;
  assigneeId?: string;
  channel?: 'in-person' | 'postal' | 'online';
  newDueAt?: Dayjs | null;
  items?: string[];
  itemReasons?: Record<string, string>;
  received?: string[];
  toUnitId?: string;
} & EvidenceValues;

/**
 * Checkboxes under a Form.Item, as a named group. Form.Item marks a required control with aria-required, which a
 * group may not carry (screen readers ignore it or report an error): this wrapper takes the control's props and
 * passes on only what a group may have.
 */
function CheckGroup({
  id,
  value,
  onChange,
  label,
  children,
  'aria-describedby': describedBy,
}: {
  id?: string;
  value?: string[];
  onChange?: (v: string[]) => void;
  label: string;
  children: ReactNode;
  'aria-describedby'?: string;
}) {
  return (
    <div role="group" id={id} aria-label={label} aria-describedby={describedBy}>
      <Checkbox.Group value={value} onChange={onChange} style={{ display: 'flex', flexDirection: 'column' }}>
        {children}
      </Checkbox.Group>
    </div>
  );
}

const REASON_REQUIRED: readonly Action[] = [
  'request-supplement',
  'refuse',
  'return-to-specialist',
  'record-withdrawal-request',
  'stop',
  'apologize-and-extend',
];
const NOTE_ACTIONS: readonly Action[] = ['accept', 'submit-for-approval', 'approve', 'issue-result', 'return-result'];

function ActionDialog({
  dossier: d,
  action,
  onClose,
  onDone,
}: {
  dossier: Dossier;
  action: Action;
  onClose: () => void;
  onDone: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const { units } = useStaff();
  const [form] = Form.useForm<FormValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [specialists, setSpecialists] = useState<{ id: string; fullName: string; openDossiers: number }[] | null>(null);

  useEffect(() => {
    if (action !== 'assign') return;
    // The unit's specialists with their open workload; if the list cannot be read, the automatic choice remains.
    api
      .GET('/api/units/{id}/assignees', { params: { path: { id: d.unitId } } })
      .then((r) => setSpecialists(r.data?.items ?? []))
      .catch(() => setSpecialists([]));
  }, [action, d.unitId]);

  // What the last supplement request asked for (receive-supplement ticks those).
  const lastRequest = [...d.events].reverse().find((e) => e.action === 'request-supplement');
  const requested = ((lastRequest?.data.items as { componentId: string; name?: string; reason?: string }[] | undefined) ?? []).map(
    (i) => i.componentId,
  );
  // Papers the population registry holds are never requested unless its lookup failed (Decree 224/2026 Art. 18(4)).
  const requestable = d.components.filter((c) => !(c.fromRegistry && d.registryUsed));

  const body = (v: FormValues): ActionBody | null => {
    switch (action) {
      case 'assign':
        return v.assigneeId ? { assigneeId: v.assigneeId } : {};
      case 'request-supplement': {
        const items = (v.items ?? []).map((componentId) => ({
          componentId,
          reason: (v.itemReasons?.[componentId] ?? '').trim() || (v.reason ?? '').trim(),
        }));
        return { reason: (v.reason ?? '').trim(), items };
      }
      case 'receive-supplement':
        return { components: (v.received ?? []).map((componentId) => ({ componentId, presented: true })) };
      case 'refuse':
      case 'return-to-specialist':
      case 'stop':
        return { reason: (v.reason ?? '').trim() };
      case 'transfer':
        return v.toUnitId ? { toUnitId: v.toUnitId, reason: (v.reason ?? '').trim() } : null;
      case 'record-withdrawal-request':
        return { channel: v.channel ?? 'in-person', reason: (v.reason ?? '').trim() };
      case 'apologize-and-extend':
        if (!v.newDueAt) return null;
        // The picked wall-clock time is Vietnam time whatever this computer's zone.
        return { reason: (v.reason ?? '').trim(), newDueAt: `${v.newDueAt.format('YYYY-MM-DDTHH:mm')}:00+07:00` };
      case 'accept':
      case 'submit-for-approval':
      case 'approve':
      case 'issue-result':
      case 'return-result':
        return v.note?.trim() ? { note: v.note.trim() } : {};
    }
  };

  const onFinish = async (v: FormValues) => {
    const base = body(v);
    if (!base) return;
    const b = { ...base, ...evidenceBody(action, v) } as ActionBody;
    setBusy(true);
    setError(null);
    try {
      const r = await api.POST('/api/dossiers/{id}/actions/{action}', { params: { path: { id: d.id, action } }, body: b });
      if (r.data) {
        void message.success(t('dossier.done', { action: t(ACTION_KEYS[action]) }));
        onDone();
      } else setError(isProblem(r.error) ? r.error.detail : t('common.networkError'));
    } catch {
      setError(t('common.networkError'));
    } finally {
      setBusy(false);
    }
  };

  const required = [{ required: true, whitespace: true, message: t('common.required') }];
  const items = Form.useWatch('items', form) ?? [];

  return (
    <Modal
      open
      title={t(ACTION_KEYS[action])}
      onCancel={onClose}
      okText={t('dossier.confirm')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: busy, ...({ 'data-testid': 'action-submit' } as Record<string, string>) }}
      onOk={() => form.submit()}
      destroyOnHidden
      width={640}
    >
      {action === 'request-supplement' && (
        <Alert type="warning" showIcon message={t('dossier.supplementOnce')} style={{ marginBottom: 12 }} />
      )}
      {action === 'apologize-and-extend' && (
        <Alert type="warning" showIcon message={t('dossier.extendOnce')} style={{ marginBottom: 12 }} />
      )}
      {action === 'stop' && <Alert type="info" showIcon message={t('dossier.stopNeedsRequest')} style={{ marginBottom: 12 }} />}
      {error && <Alert type="error" showIcon role="alert" message={error} style={{ marginBottom: 12 }} data-testid="action-error" />}
      <Form<FormValues>
        form={form}
        layout="vertical"
        onFinish={(v) => void onFinish(v)}
        disabled={busy}
        initialValues={{ channel: 'in-person', assigneeId: '', received: requested, items: [] }}
      >
        {action === 'assign' && (
          <Form.Item label={t('dossier.assignee')} name="assigneeId">
            <Select
              options={[
                { value: '', label: t('dossier.autoAssign') },
                ...(specialists ?? []).map((s) => ({ value: s.id, label: `${s.fullName} (${s.openDossiers})` })),
              ]}
              loading={specialists === null}
            />
          </Form.Item>
        )}
        {action === 'request-supplement' && (
          <Form.Item label={t('dossier.supplementItems')} name="items" rules={[{ required: true, message: t('dossier.pickItems') }]}>
            <CheckGroup label={t('dossier.supplementItems')}>
              {requestable.map((c) => (
                <div key={c.id} className="supp-item">
                  <Checkbox value={c.id}>{c.name}</Checkbox>
                  {items.includes(c.id) && (
                    <Form.Item name={['itemReasons', c.id]} label={t('dossier.itemReason')} style={{ marginTop: 4, marginBottom: 8 }}>
                      <Input maxLength={2000} />
                    </Form.Item>
                  )}
                </div>
              ))}
            </CheckGroup>
          </Form.Item>
        )}
        {action === 'receive-supplement' && (
          <Form.Item label={t('dossier.supplementReceived')} name="received">
            <CheckGroup label={t('dossier.supplementReceived')}>
              {(requested.length ? d.components.filter((c) => requested.includes(c.id)) : d.components).map((c) => (
                <Checkbox key={c.id} value={c.id}>
                  {c.name}
                </Checkbox>
              ))}
            </CheckGroup>
          </Form.Item>
        )}
        {action === 'transfer' && (
          <Form.Item label={t('dossier.toUnit')} name="toUnitId" rules={[{ required: true, message: t('common.required') }]}>
            <Select
              showSearch
              optionFilterProp="label"
              options={sortUnits(units.filter((u) => u.id !== d.unitId)).map((u) => ({ value: u.id, label: shortName(u) }))}
            />
          </Form.Item>
        )}
        {action === 'record-withdrawal-request' && (
          <Form.Item label={t('dossier.withdrawalChannel')} name="channel">
            <Radio.Group>
              <Radio value="in-person">{t('dossier.wInPerson')}</Radio>
              <Radio value="postal">{t('dossier.wPostal')}</Radio>
            </Radio.Group>
          </Form.Item>
        )}
        {action === 'apologize-and-extend' && (
          <Form.Item label={t('dossier.newDueAt')} name="newDueAt" rules={[{ required: true, message: t('common.required') }]}>
            <DatePicker
              showTime={{ format: 'HH:mm', minuteStep: 15 }}
              format="DD/MM/YYYY HH:mm"
              placeholder="dd/mm/yyyy hh:mm"
              style={{ width: '100%' }}
              data-testid="new-due"
            />
          </Form.Item>
        )}
        <EvidenceFields action={action} unitId={d.unitId} receivedUnitId={d.receivedUnitId} />
        {REASON_REQUIRED.includes(action) && (
          <Form.Item label={t('dossier.reason')} name="reason" rules={required}>
            <Input.TextArea rows={3} maxLength={4000} data-testid="action-reason" />
          </Form.Item>
        )}
        {NOTE_ACTIONS.includes(action) && (
          <Form.Item label={t('dossier.note')} name="note">
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        )}
        {action === 'assign' && specialists !== null && specialists.length === 0 && <p className="muted">{t('dossier.autoOnly')}</p>}
      </Form>
    </Modal>
  );
}

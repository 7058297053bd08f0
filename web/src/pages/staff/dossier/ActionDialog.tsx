// The form of one lifecycle action, with exactly the contract's body. The server's refusal (409, or 422 with the
// law's rule) shows in the dialog's footer beside the confirm button and is read out by screen readers.
import { Alert, App, Checkbox, DatePicker, Form, Input, Modal, Radio, Select } from 'antd';
import type { Action } from '@domain/dossier/lifecycle';
import type { Dayjs } from 'dayjs';
import { useEffect, useState, type ReactNode } from 'react';
import { api, must, type Body } from '../../../api/client';
import { ACTION_KEYS, type Dossier } from '../../../dossiers';
import { useT } from '../../../i18n';
import { shortName, useStaff } from '../../../staff/context';
import { ActionAlert } from '../../../ui/ActionAlert';
import { useAction } from '../../../ui/useAction';
import { sortUnits } from '../../../units';
import { EvidenceFields, evidenceBody, type EvidenceValues } from './EvidenceFields';

type ActionBody = NonNullable<Body<'/api/dossiers/{id}/actions/{action}', 'post'>>;

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

export function ActionDialog({
  dossier: d,
  action,
  onClose,
  onDone,
  onRefused,
}: {
  dossier: Dossier;
  action: Action;
  onClose: () => void;
  onDone: () => void;
  /** A rule refused the action (someone acted meanwhile): the page reloads what may be done. */
  onRefused: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const { units } = useStaff();
  const [form] = Form.useForm<FormValues>();
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

  // A refusal (409/422) means the dossier moved on or the input broke a rule: the page reloads it.
  const act = useAction(
    async (b: ActionBody) => {
      must(await api.POST('/api/dossiers/{id}/actions/{action}', { params: { path: { id: d.id, action } }, body: b }));
      void message.success(t('dossier.done', { action: t(ACTION_KEYS[action]) }));
      onDone();
    },
    { onError: (e) => void (e.kind === 'problem' && (e.status === 409 || e.status === 422) && onRefused()) },
  );
  const busy = act.busy;

  const onFinish = async (v: FormValues) => {
    const base = body(v);
    if (!base) return;
    await act.run({ ...base, ...evidenceBody(action, v) } as ActionBody);
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
      // The server's refusal shows beside the confirm button, where the officer is looking, and is announced.
      footer={(buttons) => (
        <>
          <div aria-live="assertive" className="dialog-error" data-testid="action-error-region">
            <ActionAlert action={act} testId="action-error" style={{ marginBottom: 0 }} />
          </div>
          {buttons}
        </>
      )}
    >
      {action === 'request-supplement' && (
        <Alert type="warning" showIcon message={t('dossier.supplementOnce')} style={{ marginBottom: 12 }} />
      )}
      {action === 'apologize-and-extend' && (
        <Alert type="warning" showIcon message={t('dossier.extendOnce')} style={{ marginBottom: 12 }} />
      )}
      {action === 'stop' && <Alert type="info" showIcon message={t('dossier.stopNeedsRequest')} style={{ marginBottom: 12 }} />}
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

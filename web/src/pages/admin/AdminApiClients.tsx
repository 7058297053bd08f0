// API clients of the units the administrator administers: register one (the secret is shown once), rotate its
// secret (the previous one keeps working for the overlap) and revoke it; each client's webhooks and their delivery log
// (ClientWebhooks.tsx). See docs/integrators.md.
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { unitsWhere } from '@domain/access';
import { API_SCOPES, SCOPE_LABELS } from '@domain/api-clients';
import { api, must, type Ok } from '../../api/client';
import { useLang, useT } from '../../i18n';
import { shortName, useStaff } from '../../staff/context';
import { actionErrorText, type ActionError } from '../../ui/action';
import { ActionAlert } from '../../ui/ActionAlert';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { dateTime } from '../../ui/format';
import { newIdempotencyKey } from '../../ui/random';
import { useAction } from '../../ui/useAction';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { actorOf, ADMIN_ROLES } from '../../units';
import { ClientWebhooks } from './ClientWebhooks';

type Client = Ok<'/api/api-clients', 'get'>['items'][number];
type Issued = { clientId: string; clientSecret: string };
type RegisterForm = { unitId: string; name: string; scopes: string[]; unitIds: string[]; ipAllow: string; ratePerMinute: number };

export default function AdminApiClients() {
  const t = useT();
  const lang = useLang();
  const { message } = App.useApp();
  const { user, units, unit } = useStaff();
  useDocumentTitle(t('clients.title'));
  const [items, setItems] = useState<Client[] | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [issued, setIssued] = useState<Issued | null>(null);
  const [form] = Form.useForm<RegisterForm>();
  const administered = useMemo(() => {
    const set = unitsWhere(actorOf(user), units, ADMIN_ROLES);
    return units.filter((u) => set.has(u.id));
  }, [user, units]);
  const unitName = (id: string) => {
    const u = units.find((x) => x.id === id);
    return u ? shortName(u) : id;
  };

  const load = useCallback(async () => {
    setLoadError(null);
    try {
      setItems(must(await api.GET('/api/api-clients')).items);
    } catch (e) {
      setLoadError(e);
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  // The idempotency key is an argument, so Retry repeats the same registration instead of making a second client.
  const register = useAction(async (v: RegisterForm, key: string) => {
    const r = must(
      await api.POST('/api/api-clients', {
        headers: { 'idempotency-key': key },
        body: {
          unitId: v.unitId,
          name: v.name,
          scopes: v.scopes as Client['scopes'],
          unitIds: v.unitIds?.length ? v.unitIds : undefined,
          ipAllow: v.ipAllow
            ? v.ipAllow
                .split(/[\s,]+/)
                .map((s) => s.trim())
                .filter(Boolean)
            : undefined,
          ratePerMinute: v.ratePerMinute,
        },
      }),
    );
    setIssued({ clientId: r.clientId, clientSecret: r.clientSecret });
    form.resetFields();
    await load();
  });
  const busy = register.busy;

  // Rotating and revoking answer in a message, as before.
  const toast = { onError: (e: ActionError) => void message.error(actionErrorText(e, t('common.networkError'))) };
  const rotate = useAction(async (c: Client) => {
    const r = must(await api.POST('/api/api-clients/{id}/rotate', { params: { path: { id: c.id } }, body: { overlapHours: 24 } }));
    setIssued({ clientId: r.clientId, clientSecret: r.clientSecret });
    await load();
  }, toast);
  const revoke = useAction(async (c: Client) => {
    must(await api.POST('/api/api-clients/{id}/revoke', { params: { path: { id: c.id } } }));
    void message.success(t('clients.revoked'));
    await load();
  }, toast);

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        {t('clients.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('clients.intro')}</Typography.Paragraph>

      <Card title={t('clients.list')}>
        {loadError ? <ErrorAlert error={loadError} onRetry={() => void load()} /> : null}
        <Table<Client>
          rowKey="id"
          loading={items === null && !loadError}
          dataSource={items ?? []}
          pagination={false}
          locale={{ emptyText: t('clients.none') }}
          expandable={{
            expandedRowRender: (c) => <ClientWebhooks client={c} unitName={unitName} />,
            expandIcon: ({ expanded, onExpand, record }) => (
              <Button size="small" aria-expanded={expanded} onClick={(e) => onExpand(record, e)}>
                {t('clients.webhooks')}
              </Button>
            ),
          }}
          columns={[
            {
              title: t('clients.name'),
              render: (_, c) => (
                <Space direction="vertical" size={0}>
                  <Typography.Text strong>{c.name}</Typography.Text>
                  <Typography.Text type="secondary" copyable={{ text: c.id }} style={{ fontSize: 12 }}>
                    client_id {c.id.slice(0, 8)}…
                  </Typography.Text>
                </Space>
              ),
            },
            { title: t('clients.units'), render: (_, c) => c.unitIds.map((id) => <Tag key={id}>{unitName(id)}</Tag>) },
            { title: t('clients.scopes'), render: (_, c) => c.scopes.map((s) => <Tag key={s}>{SCOPE_LABELS[s][lang]}</Tag>) },
            {
              title: t('clients.secrets'),
              render: (_, c) =>
                c.secrets.map((s, i) => (
                  <div key={i}>
                    {s.expiresAt ? t('clients.secretUntil', { at: dateTime(s.expiresAt, lang) }) : t('clients.secretCurrent')}
                  </div>
                )),
            },
            {
              title: t('clients.state'),
              render: (_, c) =>
                c.revokedAt ? <Tag color="red">{t('clients.stateRevoked')}</Tag> : <Tag color="green">{t('common.active')}</Tag>,
            },
            {
              title: t('common.actions'),
              render: (_, c) =>
                c.revokedAt ? null : (
                  <Space>
                    <Popconfirm title={t('clients.rotateConfirm')} onConfirm={() => void rotate.run(c)}>
                      <Button disabled={rotate.busy}>{t('clients.rotate')}</Button>
                    </Popconfirm>
                    <Popconfirm title={t('clients.revokeConfirm')} onConfirm={() => void revoke.run(c)}>
                      <Button danger disabled={revoke.busy}>
                        {t('clients.revoke')}
                      </Button>
                    </Popconfirm>
                  </Space>
                ),
            },
          ]}
        />
      </Card>

      <Card title={t('clients.register')}>
        <Form<RegisterForm>
          form={form}
          layout="vertical"
          style={{ maxWidth: 640 }}
          initialValues={{ unitId: unit?.id ?? administered[0]?.id, scopes: ['dossiers:read'], ratePerMinute: 600 }}
          onFinish={(v) => void register.run(v, newIdempotencyKey())}
        >
          <Form.Item name="name" label={t('clients.name')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
            <Input maxLength={200} placeholder="LGSP Thanh Hóa" />
          </Form.Item>
          <Form.Item name="unitId" label={t('clients.unit')} rules={[{ required: true, message: t('common.required') }]}>
            <Select options={administered.map((u) => ({ value: u.id, label: shortName(u) }))} />
          </Form.Item>
          <Form.Item name="unitIds" label={t('clients.reach')} extra={t('clients.reachHelp')}>
            <Select mode="multiple" allowClear options={administered.map((u) => ({ value: u.id, label: shortName(u) }))} />
          </Form.Item>
          <Form.Item name="scopes" label={t('clients.scopes')} rules={[{ required: true, message: t('common.required') }]}>
            <Checkbox.Group options={API_SCOPES.map((s) => ({ value: s, label: `${SCOPE_LABELS[s][lang]} (${s})` }))} />
          </Form.Item>
          <Form.Item name="ipAllow" label={t('clients.ipAllow')} extra={t('clients.ipAllowHelp')}>
            <Input placeholder="10.20.0.0/16, 203.0.113.7" />
          </Form.Item>
          <Form.Item name="ratePerMinute" label={t('clients.rate')}>
            <InputNumber min={1} max={100000} />
          </Form.Item>
          <ActionAlert action={register} />
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('clients.registerButton')}
          </Button>
        </Form>
      </Card>

      <Modal
        open={!!issued}
        title={t('clients.issuedTitle')}
        onOk={() => setIssued(null)}
        onCancel={() => setIssued(null)}
        cancelButtonProps={{ style: { display: 'none' } }}
      >
        <Alert type="warning" showIcon message={t('clients.issuedOnce')} style={{ marginBottom: 16 }} />
        <Typography.Paragraph>
          client_id:{' '}
          <Typography.Text code copyable>
            {issued?.clientId}
          </Typography.Text>
        </Typography.Paragraph>
        <Typography.Paragraph>
          client_secret:{' '}
          <Typography.Text code copyable>
            {issued?.clientSecret}
          </Typography.Text>
        </Typography.Paragraph>
      </Modal>
    </Space>
  );
}

// One API client's webhooks on the admin page: its subscriptions (URL, events, units, created, status), a form to add
// one (the server's 422s beside the fields they are about), ending one, and per subscription the delivery log with
// every attempt and a replay button. Every call is a useAction (busy, the server's refusal, retry).
import { Alert, Button, Checkbox, Form, Input, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { EVENT_LABELS, EVENT_SCOPES, WEBHOOK_EVENTS, type WebhookEvent } from '@domain/webhooks';
import { api, must, type Ok } from '../../api/client';
import { useLang, useT } from '../../i18n';
import type { ActionError } from '../../ui/action';
import { FormError } from '../../ui/ErrorAlert';
import { dateTime } from '../../ui/format';
import { newIdempotencyKey } from '../../ui/random';
import { useAction } from '../../ui/useAction';
import { refusedField } from './webhookForm';

type Client = Ok<'/api/api-clients', 'get'>['items'][number];
type Webhook = Ok<'/api/webhooks', 'get'>['items'][number];
type Delivery = Ok<'/api/webhooks/{id}/deliveries', 'get'>['items'][number];
type AddForm = { url: string; events: WebhookEvent[]; unitIds: string[] };

export function ClientWebhooks({ client, unitName }: { client: Client; unitName: (id: string) => string }) {
  const t = useT();
  const lang = useLang();
  const [form] = Form.useForm<AddForm>();
  const [items, setItems] = useState<Webhook[] | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const allowed = WEBHOOK_EVENTS.filter((e) => client.scopes.includes(EVENT_SCOPES[e]));

  const load = useAction(async () => {
    setItems(must(await api.GET('/api/webhooks', { params: { query: { clientId: client.id } } })).items);
  });
  const reload = load.run;
  useEffect(() => {
    void reload();
  }, [reload]);

  const add = useAction(
    async (v: AddForm) => {
      const r = must(
        await api.POST('/api/webhooks', {
          headers: { 'idempotency-key': newIdempotencyKey() },
          body: { clientId: client.id, url: v.url, events: v.events, unitIds: v.unitIds?.length ? v.unitIds : undefined },
        }),
      );
      setSecret(r.secret);
      form.resetFields();
      await reload();
    },
    {
      onError: (e: ActionError) => {
        if (e.kind !== 'problem') return setFormError(t('common.networkError'));
        const field = refusedField(e.problem.code, e.problem.summary);
        if (field) form.setFields([{ name: field, errors: [e.problem.detail] }]);
        else setFormError(e.problem.detail);
      },
    },
  );
  const end = useAction(async (w: Webhook) => {
    must(await api.DELETE('/api/webhooks/{id}', { params: { path: { id: w.id } } }));
    await reload();
  });

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid={`webhooks-${client.id}`}>
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('hooks.title')}
      </Typography.Title>
      {load.error ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          message={load.errorText(t('common.networkError'))}
          action={<Button onClick={() => void load.retry()}>{t('common.retry')}</Button>}
        />
      ) : null}
      {end.error ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          message={end.errorText(t('common.networkError'))}
          action={<Button onClick={() => void end.retry()}>{t('common.retry')}</Button>}
          closable
          onClose={end.reset}
        />
      ) : null}
      <Table<Webhook>
        rowKey="id"
        size="small"
        loading={items === null && load.busy}
        dataSource={items ?? []}
        pagination={false}
        locale={{ emptyText: t('hooks.none') }}
        expandable={{
          expandedRowRender: (w) => <DeliveryLog webhook={w} />,
          expandIcon: ({ expanded, onExpand, record }) => (
            <Button size="small" onClick={(e) => onExpand(record, e)} aria-expanded={expanded}>
              {expanded ? t('hooks.logHide') : t('hooks.log')}
            </Button>
          ),
        }}
        columns={[
          {
            title: t('hooks.url'),
            render: (_, w) => (
              <Typography.Text code style={{ wordBreak: 'break-all' }}>
                {w.url}
              </Typography.Text>
            ),
          },
          { title: t('hooks.events'), render: (_, w) => w.events.map((e) => <Tag key={e}>{EVENT_LABELS[e][lang]}</Tag>) },
          { title: t('clients.units'), render: (_, w) => w.unitIds.map((id) => <Tag key={id}>{unitName(id)}</Tag>) },
          { title: t('hooks.created'), render: (_, w) => dateTime(w.createdAt, lang) },
          {
            title: t('clients.state'),
            render: (_, w) =>
              w.disabledAt ? (
                <Tag color="red">{t('hooks.ended', { at: dateTime(w.disabledAt, lang) })}</Tag>
              ) : (
                <Tag color="green">{t('common.active')}</Tag>
              ),
          },
          {
            title: t('common.actions'),
            render: (_, w) =>
              w.disabledAt ? null : (
                <Popconfirm title={t('hooks.endConfirm')} onConfirm={() => void end.run(w)}>
                  <Button danger size="small" loading={end.busy}>
                    {t('hooks.end')}
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />

      {secret ? (
        <Alert
          type="warning"
          showIcon
          closable
          onClose={() => setSecret(null)}
          message={t('hooks.secretOnce')}
          description={
            <Typography.Text code copyable>
              {secret}
            </Typography.Text>
          }
        />
      ) : null}

      {client.revokedAt ? null : (
        <Form<AddForm>
          form={form}
          layout="vertical"
          style={{ maxWidth: 640 }}
          initialValues={{ events: allowed.slice(0, 1), unitIds: [] }}
          onValuesChange={() => setFormError(null)}
          onFinish={(v) => {
            setFormError(null);
            void add.run(v);
          }}
        >
          <Typography.Text strong>{t('hooks.add')}</Typography.Text>
          <Form.Item
            name="url"
            label={t('hooks.url')}
            extra={t('hooks.urlHelp')}
            rules={[{ required: true, whitespace: true, message: t('common.required') }]}
          >
            <Input maxLength={2000} placeholder="https://lgsp.example.gov.vn/motcua/events" />
          </Form.Item>
          <Form.Item name="events" label={t('hooks.events')} rules={[{ required: true, message: t('common.required') }]}>
            <Checkbox.Group options={WEBHOOK_EVENTS.map((e) => ({ value: e, label: `${EVENT_LABELS[e][lang]} (${e})` }))} />
          </Form.Item>
          <Form.Item name="unitIds" label={t('clients.units')} extra={t('hooks.unitsHelp')}>
            <Select mode="multiple" allowClear options={client.unitIds.map((id) => ({ value: id, label: unitName(id) }))} />
          </Form.Item>
          <FormError message={formError} />
          <Button type="primary" htmlType="submit" loading={add.busy}>
            {t('hooks.addButton')}
          </Button>
        </Form>
      )}
    </Space>
  );
}

/** A subscription's deliveries, newest first, each with its attempts; delivered and dead ones can be sent again. */
function DeliveryLog({ webhook }: { webhook: Webhook }) {
  const t = useT();
  const lang = useLang();
  const [items, setItems] = useState<Delivery[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const fetchPage = useCallback(
    async (cursor?: string) => {
      const r = must(
        await api.GET('/api/webhooks/{id}/deliveries', { params: { path: { id: webhook.id }, query: { limit: 50, cursor } } }),
      );
      setItems((old) => (cursor ? [...(old ?? []), ...r.items] : r.items));
      setNext(r.nextCursor);
    },
    [webhook.id],
  );
  const load = useAction(fetchPage);
  const reload = load.run;
  useEffect(() => {
    void reload();
  }, [reload]);
  const replay = useAction(async (d: Delivery) => {
    const updated = must(
      await api.POST('/api/webhooks/{id}/deliveries/{deliveryId}/replay', { params: { path: { id: webhook.id, deliveryId: d.id } } }),
    );
    setItems((old) => (old ?? []).map((x) => (x.id === updated.id ? updated : x)));
  });

  const stateTag = (d: Delivery) =>
    d.state === 'delivered' ? (
      <Tag color="green">{t('hooks.delivered')}</Tag>
    ) : d.state === 'dead' ? (
      <Tag color="red">{t('hooks.dead')}</Tag>
    ) : (
      <Tag color="blue">{t('hooks.pending')}</Tag>
    );

  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid={`deliveries-${webhook.id}`}>
      <Space>
        <Typography.Text strong>{t('hooks.logTitle')}</Typography.Text>
        <Button size="small" onClick={() => void reload()} loading={load.busy}>
          {t('hooks.refresh')}
        </Button>
      </Space>
      {load.error ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          message={load.errorText(t('common.networkError'))}
          action={<Button onClick={() => void load.retry()}>{t('common.retry')}</Button>}
        />
      ) : null}
      {replay.error ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          closable
          onClose={replay.reset}
          message={replay.errorText(t('common.networkError'))}
          action={<Button onClick={() => void replay.retry()}>{t('common.retry')}</Button>}
        />
      ) : null}
      <Table<Delivery>
        rowKey="id"
        size="small"
        loading={items === null && load.busy}
        dataSource={items ?? []}
        pagination={false}
        locale={{ emptyText: t('hooks.noDeliveries') }}
        columns={[
          {
            title: t('hooks.event'),
            render: (_, d) => (
              <Space direction="vertical" size={0}>
                <span>{EVENT_LABELS[d.type][lang]}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }} copyable={{ text: d.eventId }}>
                  {d.eventId.slice(0, 16)}…
                </Typography.Text>
              </Space>
            ),
          },
          { title: t('hooks.created'), render: (_, d) => dateTime(d.createdAt, lang) },
          { title: t('clients.state'), render: (_, d) => stateTag(d) },
          {
            title: t('hooks.attempts'),
            render: (_, d) =>
              d.log.length === 0 ? (
                <Typography.Text type="secondary">{t('hooks.noAttempt')}</Typography.Text>
              ) : (
                <Space direction="vertical" size={0}>
                  {d.log.map((a, i) => (
                    <span key={i}>
                      {dateTime(a.at, lang)} —{' '}
                      {a.statusCode !== null ? (
                        <Tag color={a.statusCode < 300 ? 'green' : 'orange'}>HTTP {a.statusCode}</Tag>
                      ) : (
                        <Tag color="orange">{t('hooks.noAnswer')}</Tag>
                      )}
                      {/* An error that only repeats the status code is already said by the tag. */}
                      {a.error && a.error !== `HTTP ${a.statusCode}` ? <Typography.Text type="danger">{a.error}</Typography.Text> : null}
                      <Typography.Text type="secondary"> ({a.durationMs} ms)</Typography.Text>
                    </span>
                  ))}
                </Space>
              ),
          },
          {
            title: t('hooks.nextRetry'),
            render: (_, d) =>
              d.state === 'dead'
                ? t('hooks.deadAt', { at: d.deadAt ? dateTime(d.deadAt, lang) : '' })
                : d.nextAttemptAt
                  ? dateTime(d.nextAttemptAt, lang)
                  : '—',
          },
          {
            title: t('common.actions'),
            render: (_, d) =>
              d.state === 'pending' ? null : (
                <Button size="small" onClick={() => void replay.run(d)} loading={replay.busy}>
                  {t('hooks.replay')}
                </Button>
              ),
          },
        ]}
      />
      {next ? (
        <Button size="small" onClick={() => void load.run(next)} loading={load.busy}>
          {t('hooks.more')}
        </Button>
      ) : null}
    </Space>
  );
}

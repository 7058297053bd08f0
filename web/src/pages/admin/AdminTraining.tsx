// Training units for a province administrator: create one (a training ward, or a training province with its
// ward) seeded with sample data, add trainee accounts, and reset the unit to its seeded state with one action.
import { Alert, Button, Card, Form, Input, Popconfirm, Radio, Select, Space, Table, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api, must, type Ok } from '../../api/client';
import { useTT } from '../../i18n/training';
import { useStaff } from '../../staff/context';
import { ActionAlert } from '../../ui/ActionAlert';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useAction } from '../../ui/useAction';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { ROLE_LABELS } from '@domain/roles';
import { useLang } from '../../i18n';

type TrainingUnit = Ok<'/api/training/units', 'get'>['items'][number];
const TRAINEE_ROLES = ['reception-officer', 'specialist', 'leader', 'centre-director', 'feedback-officer'] as const;

export default function AdminTraining() {
  const tt = useTT();
  const lang = useLang();
  useDocumentTitle(tt('tr.adminTitle'));
  const { user, units } = useStaff();
  const [items, setItems] = useState<TrainingUnit[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [note, setNote] = useState<string | null>(null);
  const provinces = units.filter(
    (u) =>
      u.type === 'province' &&
      !u.training &&
      user.roles.some((g) => ['province-admin', 'system-admin'].includes(g.role) && g.unitId === u.id),
  );

  const load = useCallback(() => {
    api
      .GET('/api/training/units')
      .then((r) => setItems(must(r).items))
      .catch(setError);
  }, []);
  useEffect(load, [load]);

  // Every button here: create, reset, add a trainee; then the list again.
  const act = useAction(async (f: () => Promise<void>) => {
    setNote(null);
    await f();
    load();
  });
  const run = act.run;
  const busy = act.busy;

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={2}>{tt('tr.adminTitle')}</Typography.Title>
      <Typography.Paragraph>{tt('tr.adminIntro')}</Typography.Paragraph>
      <ErrorAlert error={error} />
      <ActionAlert action={act} />
      {note && <Alert type="success" showIcon message={note} />}
      <Card title={tt('tr.create')} size="small">
        <Form
          layout="inline"
          initialValues={{ kind: 'ward', provinceId: provinces[0]?.id }}
          onFinish={(v: { kind: 'ward' | 'province'; name: string; provinceId: string }) =>
            void run(async () => {
              must(await api.POST('/api/training/units', { body: { provinceId: v.provinceId, kind: v.kind, name: v.name } }));
            })
          }
        >
          <Form.Item name="provinceId" hidden>
            <Input />
          </Form.Item>
          <Form.Item name="kind">
            <Radio.Group>
              <Radio value="ward">{tt('tr.kindWard')}</Radio>
              <Radio value="province">{tt('tr.kindProvince')}</Radio>
            </Radio.Group>
          </Form.Item>
          <Form.Item name="name" label={tt('tr.name')} rules={[{ required: true }]}>
            <Input maxLength={150} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} disabled={!provinces.length}>
            {tt('tr.create')}
          </Button>
        </Form>
      </Card>
      {items && items.length === 0 && <Typography.Text type="secondary">{tt('tr.noUnits')}</Typography.Text>}
      {items?.map((u) => (
        <Card
          key={u.id}
          title={u.name}
          size="small"
          extra={
            <Popconfirm
              title={tt('tr.resetConfirm')}
              onConfirm={() =>
                void run(async () => {
                  must(await api.POST('/api/training/units/{id}/reset', { params: { path: { id: u.id } } }));
                  setNote(tt('tr.resetDone'));
                })
              }
            >
              <Button danger loading={busy}>
                {tt('tr.reset')}
              </Button>
            </Popconfirm>
          }
        >
          <Table
            size="small"
            pagination={false}
            rowKey="status"
            columns={[
              { title: 'Trạng thái / Status', dataIndex: 'status' },
              { title: tt('tr.dossiers'), dataIndex: 'n' },
            ]}
            dataSource={Object.entries(u.dossiers).map(([status, n]) => ({ status, n }))}
          />
          {u.type !== 'province' && (
            <Form
              layout="inline"
              style={{ marginTop: 12 }}
              initialValues={{ roles: ['reception-officer'] }}
              onFinish={(v: { username: string; fullName: string; password: string; roles: (typeof TRAINEE_ROLES)[number][] }) =>
                void run(async () => {
                  must(await api.POST('/api/training/units/{id}/trainees', { params: { path: { id: u.id } }, body: v }));
                  setNote(tt('tr.traineeAdded', { name: v.username }));
                })
              }
            >
              <Form.Item name="username" label={tt('tr.username')} rules={[{ required: true }]}>
                <Input autoComplete="off" />
              </Form.Item>
              <Form.Item name="fullName" label={tt('tr.fullName')} rules={[{ required: true }]}>
                <Input />
              </Form.Item>
              <Form.Item name="password" label={tt('tr.password')} rules={[{ required: true, min: 10 }]}>
                <Input.Password autoComplete="new-password" />
              </Form.Item>
              <Form.Item name="roles" label={tt('tr.roles')}>
                <Select
                  mode="multiple"
                  style={{ minWidth: 220 }}
                  options={TRAINEE_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r][lang] }))}
                />
              </Form.Item>
              <Button htmlType="submit" loading={busy}>
                {tt('tr.addTrainee')}
              </Button>
            </Form>
          )}
        </Card>
      ))}
    </Space>
  );
}

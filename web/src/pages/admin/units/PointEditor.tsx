// Adding or editing a reception point (with the unit whose premises host it); one useAction, retried with the same key.
import { App, Button, Form, Input, Select, Space, Switch } from 'antd';
import { useState } from 'react';
import { api, must } from '../../../api/client';
import { useT } from '../../../i18n';
import { useStaff } from '../../../staff/context';
import { ActionAlert } from '../../../ui/ActionAlert';
import { useAction } from '../../../ui/useAction';
import { newIdempotencyKey } from '../../../ui/random';
import { putUnit, sortUnits, type ReceptionPoint, type Unit } from '../../../units';

type PointForm = { name: string; address: string; hostUnitId: string; active: boolean };

export function PointEditor({ unit, point, onClose }: { unit: Unit; point: ReceptionPoint | null; onClose: () => void }) {
  const t = useT();
  const { units } = useStaff();
  const { message } = App.useApp();
  const [key] = useState(newIdempotencyKey);
  const province = unit.type === 'province' ? unit.id : unit.parentId;
  const hosts = sortUnits(units.filter((u) => u.id === province || u.parentId === province));

  const save = useAction(async (v: PointForm) => {
    const body = { name: v.name.trim(), address: v.address ?? '', hostUnitId: v.hostUnitId };
    const saved = point
      ? must(await api.PATCH('/api/reception-points/{id}', { params: { path: { id: point.id } }, body: { ...body, active: v.active } }))
      : must(
          await api.POST('/api/units/{id}/reception-points', {
            params: { path: { id: unit.id } },
            body,
            headers: { 'Idempotency-Key': key },
          }),
        );
    putUnit(saved);
    void message.success(point ? t('common.saved') : t('points.added'));
    onClose();
  });
  const busy = save.busy;
  const onFinish = (v: PointForm) => void save.run(v);

  return (
    <Form<PointForm>
      layout="vertical"
      disabled={busy}
      onFinish={onFinish}
      initialValues={{
        name: point?.name ?? '',
        address: point?.address ?? '',
        hostUnitId: point?.hostUnitId ?? unit.id,
        active: point?.active ?? true,
      }}
    >
      <ActionAlert action={save} />
      <Form.Item label={t('points.name')} name="name" rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item label={t('points.address')} name="address">
        <Input maxLength={300} />
      </Form.Item>
      <Form.Item label={t('points.host')} name="hostUnitId" extra={t('points.hostHelp')}>
        <Select options={hosts.map((u) => ({ value: u.id, label: u.name }))} showSearch optionFilterProp="label" />
      </Form.Item>
      {point && (
        <Form.Item label={t('unit.status')} name="active" valuePropName="checked">
          <Switch checkedChildren={t('common.active')} unCheckedChildren={t('common.inactive')} />
        </Form.Item>
      )}
      <Space>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('common.save')}
        </Button>
        <Button onClick={onClose} disabled={false}>
          {t('common.cancel')}
        </Button>
      </Space>
    </Form>
  );
}

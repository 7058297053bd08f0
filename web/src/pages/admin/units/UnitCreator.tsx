// Creating a commune or ward (province administrators); one useAction, retried with the same key.
import { App, Button, Form, Input, Radio, Select, Space } from 'antd';
import { useState } from 'react';
import { api, must } from '../../../api/client';
import { useT } from '../../../i18n';
import { ActionAlert } from '../../../ui/ActionAlert';
import { useAction } from '../../../ui/useAction';
import { newIdempotencyKey } from '../../../ui/random';
import { putUnit, type Unit } from '../../../units';
import { UnitContactFields } from './fields';

type NewUnitForm = {
  type: 'ward' | 'commune';
  parentId: string;
  name: string;
  slug: string;
  code: string;
  address?: string;
  phone?: string;
  email?: string;
};

export function UnitCreator({ provinces, onClose }: { provinces: Unit[]; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [key] = useState(newIdempotencyKey);

  const save = useAction(async (v: NewUnitForm) => {
    const saved = must(
      await api.POST('/api/units', {
        body: {
          type: v.type,
          parentId: v.parentId ?? provinces[0]!.id,
          name: v.name.trim(),
          slug: v.slug.trim(),
          code: v.code.trim(),
          address: v.address ?? '',
          phone: v.phone ?? '',
          email: (v.email ?? '').trim(),
        },
        headers: { 'Idempotency-Key': key },
      }),
    );
    putUnit(saved);
    void message.success(t('units.created', { name: saved.name }));
    onClose();
  });
  const busy = save.busy;
  const onFinish = (v: NewUnitForm) => void save.run(v);

  return (
    <Form<NewUnitForm> layout="vertical" disabled={busy} onFinish={onFinish} initialValues={{ type: 'ward', parentId: provinces[0]?.id }}>
      <ActionAlert action={save} />
      <Form.Item label={t('unit.type')} name="type">
        <Radio.Group
          optionType="button"
          options={[
            { value: 'ward', label: t('unit.type.ward') },
            { value: 'commune', label: t('unit.type.commune') },
          ]}
        />
      </Form.Item>
      {provinces.length > 1 && (
        <Form.Item label={t('unit.parent')} name="parentId" rules={[{ required: true, message: t('common.required') }]}>
          <Select options={provinces.map((u) => ({ value: u.id, label: u.name }))} />
        </Form.Item>
      )}
      <Form.Item label={t('unit.name')} name="name" rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
        <Input maxLength={200} placeholder="Trung tâm Phục vụ hành chính công phường …" />
      </Form.Item>
      <Form.Item
        label={t('unit.slug')}
        name="slug"
        extra={t('unit.slugHelp')}
        rules={[
          { required: true, message: t('common.required') },
          { pattern: /^[a-z0-9][a-z0-9-]{1,40}$/, message: t('unit.slugHelp') },
        ]}
      >
        <Input maxLength={41} autoCapitalize="none" spellCheck={false} />
      </Form.Item>
      <UnitContactFields />
      <Space>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('units.create')}
        </Button>
        <Button onClick={onClose} disabled={false}>
          {t('common.cancel')}
        </Button>
      </Space>
    </Form>
  );
}

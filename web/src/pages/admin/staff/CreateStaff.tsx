// Creating a staff account: details, a temporary password and roles; one useAction (retried with the same key).
import { Button, Col, Form, Input, Row } from 'antd';
import { useState } from 'react';
import { api, must } from '../../../api/client';
import { useT } from '../../../i18n';
import { ActionAlert } from '../../../ui/ActionAlert';
import { useAction } from '../../../ui/useAction';
import { newIdempotencyKey, temporaryPassword } from '../../../ui/random';
import { type Unit } from '../../../units';
import { type Staff, type Grant, PHONE, USERNAME, GrantsEditor, PasswordField } from './fields';

type CreateForm = { username: string; fullName: string; title?: string; email?: string; phone?: string; password: string; roles: Grant[] };

export function CreateStaff({ unit, onDone }: { unit: Unit; onDone: (s: Staff) => void }) {
  const t = useT();
  const [form] = Form.useForm<CreateForm>();
  const [key] = useState(newIdempotencyKey);
  const save = useAction(async (v: CreateForm) => {
    const created = must(
      await api.POST('/api/staff', {
        body: {
          username: v.username.trim(),
          fullName: v.fullName.trim(),
          title: v.title ?? '',
          email: (v.email ?? '').trim(),
          phone: v.phone ?? '',
          password: v.password,
          roles: v.roles,
        },
        headers: { 'Idempotency-Key': key },
      }),
    );
    onDone(created);
  });
  const busy = save.busy;
  const onFinish = (v: CreateForm) => void save.run(v);
  return (
    <Form<CreateForm>
      form={form}
      layout="vertical"
      disabled={busy}
      onFinish={onFinish}
      initialValues={{ roles: [{ unitId: unit.id }], password: temporaryPassword() }}
    >
      <ActionAlert action={save} />
      <Form.Item
        label={t('staffAdmin.fullName')}
        name="fullName"
        rules={[{ required: true, whitespace: true, message: t('common.required') }]}
      >
        <Input maxLength={200} autoComplete="off" />
      </Form.Item>
      <Form.Item
        label={t('staffAdmin.username')}
        name="username"
        extra={t('staffAdmin.usernameHelp')}
        rules={[
          { required: true, message: t('common.required') },
          { pattern: USERNAME, message: t('staffAdmin.usernameInvalid') },
        ]}
      >
        <Input maxLength={61} autoComplete="off" autoCapitalize="none" spellCheck={false} />
      </Form.Item>
      <Form.Item label={t('staffAdmin.jobTitle')} name="title">
        <Input maxLength={200} />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} sm={12}>
          <Form.Item label={t('staffAdmin.email')} name="email" rules={[{ type: 'email', message: t('common.invalidEmail') }]}>
            <Input maxLength={200} inputMode="email" autoComplete="off" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item label={t('staffAdmin.phone')} name="phone" rules={[{ pattern: PHONE, message: t('common.invalidPhone') }]}>
            <Input maxLength={20} inputMode="tel" autoComplete="off" />
          </Form.Item>
        </Col>
      </Row>
      <PasswordField username={() => (form.getFieldValue('username') as string | undefined) ?? ''} />
      <GrantsEditor />
      <Button type="primary" htmlType="submit" loading={busy}>
        {t('staffAdmin.create')}
      </Button>
    </Form>
  );
}

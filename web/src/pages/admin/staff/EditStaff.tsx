// Editing a staff member's details; one useAction.
import { Button, Form, Input } from 'antd';
import { api, must } from '../../../api/client';
import { useT } from '../../../i18n';
import { ActionAlert } from '../../../ui/ActionAlert';
import { useAction } from '../../../ui/useAction';
import { type Staff, PHONE } from './fields';

type EditForm = { fullName: string; title: string; email: string; phone: string };

export function EditStaff({ staff, onDone }: { staff: Staff; onDone: (s: Staff) => void }) {
  const t = useT();
  const save = useAction(async (v: EditForm) => {
    onDone(
      must(
        await api.PATCH('/api/staff/{id}', {
          params: { path: { id: staff.id } },
          body: { fullName: v.fullName.trim(), title: v.title ?? '', email: (v.email ?? '').trim(), phone: v.phone ?? '' },
        }),
      ),
    );
  });
  const busy = save.busy;
  const onFinish = (v: EditForm) => void save.run(v);
  return (
    <Form<EditForm>
      layout="vertical"
      disabled={busy}
      onFinish={onFinish}
      initialValues={{ fullName: staff.fullName, title: staff.title, email: staff.email, phone: staff.phone }}
    >
      <ActionAlert action={save} />
      <Form.Item
        label={t('staffAdmin.fullName')}
        name="fullName"
        rules={[{ required: true, whitespace: true, message: t('common.required') }]}
      >
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item label={t('staffAdmin.jobTitle')} name="title">
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item label={t('staffAdmin.email')} name="email" rules={[{ type: 'email', message: t('common.invalidEmail') }]}>
        <Input maxLength={200} inputMode="email" />
      </Form.Item>
      <Form.Item label={t('staffAdmin.phone')} name="phone" rules={[{ pattern: PHONE, message: t('common.invalidPhone') }]}>
        <Input maxLength={20} inputMode="tel" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy}>
        {t('common.save')}
      </Button>
    </Form>
  );
}

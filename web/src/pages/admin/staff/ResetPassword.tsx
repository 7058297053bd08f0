// Resetting a staff member's password to a temporary one; one useAction.
import { Button, Form } from 'antd';
import { api, must } from '../../../api/client';
import { useT } from '../../../i18n';
import { ActionAlert } from '../../../ui/ActionAlert';
import { useAction } from '../../../ui/useAction';
import { temporaryPassword } from '../../../ui/random';
import { type Staff, PasswordField } from './fields';

export function ResetPassword({ staff, onDone }: { staff: Staff; onDone: () => void }) {
  const t = useT();
  const save = useAction(async (v: { password: string }) => {
    must(await api.POST('/api/staff/{id}/password-reset', { params: { path: { id: staff.id } }, body: { password: v.password } }));
    onDone();
  });
  const busy = save.busy;
  const onFinish = (v: { password: string }) => void save.run(v);
  return (
    <Form layout="vertical" disabled={busy} onFinish={onFinish} initialValues={{ password: temporaryPassword(staff.username) }}>
      <ActionAlert action={save} />
      <PasswordField username={() => staff.username} />
      <Button type="primary" htmlType="submit" loading={busy}>
        {t('staffAdmin.resetPassword')}
      </Button>
    </Form>
  );
}

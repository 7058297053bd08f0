// Setting a staff member's roles in the units the administrator manages; one useAction.
import { Button, Form, Tag, Typography } from 'antd';
import { ROLE_LABELS } from '@domain/roles';
import { api, must } from '../../../api/client';
import { useLang, useT } from '../../../i18n';
import { shortName, useStaff } from '../../../staff/context';
import { ActionAlert } from '../../../ui/ActionAlert';
import { useAction } from '../../../ui/useAction';
import { type Staff, type Grant, useGrantable, GrantsEditor } from './fields';

export function EditRoles({ staff, onDone }: { staff: Staff; onDone: (s: Staff) => void }) {
  const t = useT();
  const lang = useLang();
  const { units } = useStaff();
  const { manages } = useGrantable();
  const mine = staff.roles.filter((g) => manages(g.unitId));
  const elsewhere = staff.roles.filter((g) => !manages(g.unitId));
  const byId = new Map(units.map((u) => [u.id, u]));
  const save = useAction(async (v: { grants: Grant[] }) => {
    onDone(must(await api.PUT('/api/staff/{id}/roles', { params: { path: { id: staff.id } }, body: { roles: v.grants ?? [] } })));
  });
  const busy = save.busy;
  const onFinish = (v: { grants: Grant[] }) => void save.run(v);
  return (
    <Form layout="vertical" disabled={busy} onFinish={onFinish} initialValues={{ grants: mine }}>
      <ActionAlert action={save} />
      <GrantsEditor name="grants" />
      {elsewhere.length > 0 && (
        <Typography.Paragraph type="secondary">
          {t('staffAdmin.rolesElsewhere')}{' '}
          {elsewhere.map((g) => (
            <Tag key={`${g.unitId}:${g.role}`}>
              {ROLE_LABELS[g.role][lang]} – {byId.get(g.unitId) ? shortName(byId.get(g.unitId)!) : '…'}
            </Tag>
          ))}
        </Typography.Paragraph>
      )}
      <Button type="primary" htmlType="submit" loading={busy}>
        {t('common.save')}
      </Button>
    </Form>
  );
}

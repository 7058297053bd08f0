// One staff member in the list: role and status tags, and the actions menu that opens a dialog.
import { App, Button, Dropdown, Space, Tag } from 'antd';
import { ROLE_LABELS } from '@domain/roles';
import { useLang, useT } from '../../../i18n';
import { type Staff } from './fields';

export type Dialog = { kind: 'create' } | { kind: 'edit' | 'roles' | 'reset'; staff: Staff } | null;

export function RoleTags({ staff, unitId }: { staff: Staff; unitId: string }) {
  const lang = useLang();
  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: 4, maxWidth: 320 }}>
      {staff.roles
        .filter((g) => g.unitId === unitId)
        .map((g) => (
          <Tag key={g.role} className="tag-info" style={{ marginInlineEnd: 0 }}>
            {ROLE_LABELS[g.role][lang]}
          </Tag>
        ))}
    </div>
  );
}

/** Only what needs attention: deactivated accounts, temporary passwords not changed yet. */
export function StatusTags({ staff }: { staff: Staff }) {
  const t = useT();
  if (staff.active && !staff.mustChangePassword) return null;
  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: 4, marginTop: 4 }}>
      {!staff.active && <Tag className="tag-muted">{t('common.inactive')}</Tag>}
      {staff.mustChangePassword && staff.active && <Tag className="tag-warn">{t('staffAdmin.mustChange')}</Tag>}
    </div>
  );
}

export function StaffActions({
  staff,
  open,
  setActive,
}: {
  staff: Staff;
  open: (d: Dialog) => void;
  setActive: (s: Staff, active: boolean) => void;
}) {
  const t = useT();
  const { modal } = App.useApp();
  return (
    <Space wrap size={8}>
      <Button onClick={() => open({ kind: 'edit', staff })} aria-label={t('staffAdmin.editTitle', { name: staff.fullName })}>
        {t('common.edit')}
      </Button>
      <Button onClick={() => open({ kind: 'roles', staff })} aria-label={t('staffAdmin.setRolesTitle', { name: staff.fullName })}>
        {t('staffAdmin.setRoles')}
      </Button>
      <Dropdown
        trigger={['click']}
        menu={{
          items: [
            { key: 'reset', label: t('staffAdmin.resetPassword'), onClick: () => open({ kind: 'reset', staff }) },
            staff.active
              ? {
                  key: 'off',
                  danger: true,
                  label: t('staffAdmin.deactivate'),
                  onClick: () =>
                    modal.confirm({
                      title: t('staffAdmin.deactivateConfirm', { name: staff.fullName }),
                      okText: t('staffAdmin.deactivate'),
                      okButtonProps: { danger: true },
                      cancelText: t('common.cancel'),
                      onOk: () => setActive(staff, false),
                    }),
                }
              : { key: 'on', label: t('staffAdmin.activate'), onClick: () => setActive(staff, true) },
          ],
        }}
      >
        <Button aria-label={t('staffAdmin.more', { name: staff.fullName })}>{t('staffAdmin.moreShort')} ▾</Button>
      </Dropdown>
    </Space>
  );
}

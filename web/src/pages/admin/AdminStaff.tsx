// Staff of the current unit: list, create with a temporary password and roles, edit, deactivate, roles (unit × role),
// password reset. The server decides who may do what; its 403 detail is shown as it is.
import { App, Button, Card, Grid, Input, Modal, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useT } from '../../i18n';
import { shortName, useStaff } from '../../staff/context';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { PlusIcon } from '../../ui/icons';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { CreateStaff } from './staff/CreateStaff';
import { EditRoles } from './staff/EditRoles';
import { EditStaff } from './staff/EditStaff';
import { ResetPassword } from './staff/ResetPassword';
import { type Dialog, RoleTags, StatusTags, StaffActions } from './staff/StaffRow';
import { type Staff } from './staff/fields';
import { useStaffList } from './staff/useStaffList';

export default function AdminStaff() {
  const t = useT();
  const { unit } = useStaff();
  const { modal, message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const narrow = screens.md === false;
  useDocumentTitle(t('nav.adminStaff'));
  const { list, rows, filter, setFilter, replace, setActive } = useStaffList(unit);
  const [dialog, setDialog] = useState<Dialog>(null);

  if (!unit) return null;

  const title =
    dialog?.kind === 'create'
      ? t('staffAdmin.create')
      : dialog?.kind === 'edit'
        ? t('staffAdmin.editTitle', { name: dialog.staff.fullName })
        : dialog?.kind === 'roles'
          ? t('staffAdmin.setRolesTitle', { name: dialog.staff.fullName })
          : dialog?.kind === 'reset'
            ? t('staffAdmin.resetTitle', { name: dialog.staff.fullName })
            : '';

  return (
    <>
      <Typography.Title level={1} className="page-title">
        {t('staffAdmin.title', { unit: shortName(unit) })}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('staffAdmin.intro')}</Typography.Paragraph>
      <ErrorAlert error={list.error} onRetry={list.reload} />
      {!list.error && (
        <>
          <Space wrap style={{ marginBottom: 16, width: '100%', justifyContent: 'space-between' }}>
            <Button type="primary" icon={<PlusIcon />} onClick={() => setDialog({ kind: 'create' })}>
              {t('staffAdmin.create')}
            </Button>
            <Input
              allowClear
              type="search"
              placeholder={t('staffAdmin.filter')}
              aria-label={t('staffAdmin.filter')}
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
              style={{ width: 320, maxWidth: '100%' }}
            />
          </Space>
          {narrow ? (
            <ul className="staff-cards" data-testid="staff-list">
              {rows.map((s) => (
                <li key={s.id}>
                  <Card size="small" styles={{ body: { padding: 16 } }}>
                    <div style={{ fontWeight: 600 }}>{s.fullName}</div>
                    <Typography.Text type="secondary" className="username">
                      {s.username}
                    </Typography.Text>
                    {s.title && <div>{s.title}</div>}
                    <div style={{ margin: '8px 0' }}>
                      <RoleTags staff={s} unitId={unit.id} />
                      <StatusTags staff={s} />
                    </div>
                    <StaffActions staff={s} open={setDialog} setActive={setActive} />
                  </Card>
                </li>
              ))}
              {!list.loading && rows.length === 0 && <Typography.Text type="secondary">{t('staffAdmin.empty')}</Typography.Text>}
            </ul>
          ) : (
            <Table<Staff>
              rowKey="id"
              loading={list.loading}
              dataSource={rows}
              locale={{ emptyText: t('staffAdmin.empty') }}
              pagination={rows.length > 50 ? { pageSize: 50 } : false}
              scroll={{ x: 'max-content' }}
              data-testid="staff-list"
              columns={[
                {
                  title: t('staffAdmin.fullName'),
                  key: 'name',
                  render: (_v, s) => (
                    <>
                      <div style={{ fontWeight: 600 }}>{s.fullName}</div>
                      <Typography.Text type="secondary" className="username">
                        {s.username}
                      </Typography.Text>
                      <StatusTags staff={s} />
                    </>
                  ),
                },
                { title: t('staffAdmin.jobTitle'), dataIndex: 'title', render: (v: string) => v || '—' },
                { title: t('staffAdmin.rolesHere'), key: 'roles', render: (_v, s) => <RoleTags staff={s} unitId={unit.id} /> },
                {
                  title: t('common.actions'),
                  key: 'a',
                  render: (_v, s) => <StaffActions staff={s} open={setDialog} setActive={setActive} />,
                },
              ]}
            />
          )}
        </>
      )}
      <Modal open={!!dialog} onCancel={() => setDialog(null)} footer={null} title={title} destroyOnHidden width={640}>
        {dialog?.kind === 'create' && (
          <CreateStaff
            unit={unit}
            onDone={(s) => {
              replace(s);
              setDialog(null);
              modal.success({ title: t('staffAdmin.created', { username: s.username }) });
            }}
          />
        )}
        {dialog?.kind === 'edit' && (
          <EditStaff
            staff={dialog.staff}
            onDone={(s) => {
              replace(s);
              setDialog(null);
              void message.success(t('common.saved'));
            }}
          />
        )}
        {dialog?.kind === 'roles' && (
          <EditRoles
            staff={dialog.staff}
            onDone={(s) => {
              replace(s);
              setDialog(null);
              void message.success(t('common.saved'));
            }}
          />
        )}
        {dialog?.kind === 'reset' && (
          <ResetPassword
            staff={dialog.staff}
            onDone={() => {
              setDialog(null);
              list.reload();
              modal.success({ title: t('staffAdmin.resetDone') });
            }}
          />
        )}
      </Modal>
    </>
  );
}

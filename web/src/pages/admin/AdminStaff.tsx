// Staff of the current unit: list, create with a temporary password and roles, edit, deactivate, roles (unit × role),
// password reset. The server decides who may do what; its 403 detail is shown as it is.
import { App, Button, Card, Col, Dropdown, Form, Grid, Input, Modal, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { policies } from '@domain/access';
import { ROLE_LABELS, ROLES, type Role } from '@domain/roles';
import { passwordAcceptable } from '@domain/password';
import { api, must, type Ok } from '../../api/client';
import { useLang, useT } from '../../i18n';
import { shortName, useStaff } from '../../staff/context';
import { ErrorAlert, errorText, FormError } from '../../ui/ErrorAlert';
import { PlusIcon } from '../../ui/icons';
import { newIdempotencyKey, temporaryPassword } from '../../ui/random';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { useLoad } from '../../ui/useLoad';
import { actorOf, sortUnits, type Unit } from '../../units';

type Staff = Ok<'/api/staff', 'get'>['items'][number];
type Grant = { unitId: string; role: Role };
const PHONE = /^[0-9+ ().-]{0,20}$/;
const USERNAME = /^[a-zA-Z0-9][a-zA-Z0-9._-]{2,60}$/;

/** Units where the signed-in user manages staff, and the roles they may grant in each. */
function useGrantable() {
  const { user, units } = useStaff();
  return useMemo(() => {
    const actor = actorOf(user);
    const manageable = sortUnits(units.filter((u) => policies.manageStaff(actor, units, u.id)));
    const rolesFor = (unitId: string) => ROLES.filter((r) => policies.grantRole(actor, units, unitId, r));
    return { manageable, rolesFor, manages: (unitId: string) => manageable.some((u) => u.id === unitId) };
  }, [user, units]);
}

function GrantsEditor({ name = 'roles' }: { name?: string }) {
  const t = useT();
  const lang = useLang();
  const { manageable, rolesFor } = useGrantable();
  return (
    <fieldset className="fieldset">
      <legend>{t('staffAdmin.roles')}</legend>
      <Form.List
        name={name}
        rules={[
          {
            validator: async (_r, v: unknown[] | undefined) => {
              if (name === 'roles' && (!v || v.length === 0)) throw new Error(t('staffAdmin.needRole'));
            },
          },
        ]}
      >
        {(fields, { add, remove }, { errors }) => (
          <>
            {fields.map((f, i) => (
              <Row key={f.key} gutter={8} align="bottom" wrap>
                <Col xs={24} sm={12}>
                  <Form.Item
                    label={`${t('staffAdmin.grantUnit')} (${i + 1})`}
                    name={[f.name, 'unitId']}
                    rules={[{ required: true, message: t('common.required') }]}
                  >
                    <Select options={manageable.map((u) => ({ value: u.id, label: shortName(u) }))} />
                  </Form.Item>
                </Col>
                <Col xs={18} sm={9}>
                  <Form.Item noStyle shouldUpdate>
                    {({ getFieldValue }) => {
                      const unitId = getFieldValue([name, f.name, 'unitId']) as string | undefined;
                      return (
                        <Form.Item
                          label={`${t('staffAdmin.grantRole')} (${i + 1})`}
                          name={[f.name, 'role']}
                          rules={[{ required: true, message: t('common.required') }]}
                        >
                          <Select
                            options={(unitId ? rolesFor(unitId) : []).map((r) => ({ value: r, label: ROLE_LABELS[r][lang] }))}
                            data-testid={`grant-role-${i}`}
                          />
                        </Form.Item>
                      );
                    }}
                  </Form.Item>
                </Col>
                <Col xs={6} sm={3}>
                  <Form.Item label={<span className="visually-hidden">{t('staffAdmin.removeGrant', { n: i + 1 })}</span>}>
                    <Button onClick={() => remove(f.name)} aria-label={t('staffAdmin.removeGrant', { n: i + 1 })} block>
                      ✕
                    </Button>
                  </Form.Item>
                </Col>
              </Row>
            ))}
            <Button icon={<PlusIcon />} onClick={() => add({ unitId: manageable.length === 1 ? manageable[0]!.id : undefined })}>
              {t('staffAdmin.addGrant')}
            </Button>
            <Form.ErrorList errors={errors} />
          </>
        )}
      </Form.List>
    </fieldset>
  );
}

function PasswordField({ username }: { username: () => string }) {
  const t = useT();
  const form = Form.useFormInstance();
  return (
    <Form.Item label={t('staffAdmin.tempPassword')} extra={t('staffAdmin.tempPasswordHelp')} required>
      <Space.Compact style={{ width: '100%' }}>
        <Form.Item
          name="password"
          noStyle
          rules={[
            { required: true, message: t('common.required') },
            {
              validator: async (_r, v: string) =>
                !v || passwordAcceptable(v, username() || '\u0000') ? undefined : Promise.reject(new Error(t('account.weak'))),
            },
          ]}
        >
          <Input
            autoComplete="new-password"
            spellCheck={false}
            aria-label={t('staffAdmin.tempPassword')}
            style={{ fontFamily: 'monospace' }}
          />
        </Form.Item>
        <Button onClick={() => form.setFieldsValue({ password: temporaryPassword(username()) })}>{t('staffAdmin.generate')}</Button>
      </Space.Compact>
    </Form.Item>
  );
}

type CreateForm = { username: string; fullName: string; title?: string; email?: string; phone?: string; password: string; roles: Grant[] };

function CreateStaff({ unit, onDone }: { unit: Unit; onDone: (s: Staff) => void }) {
  const t = useT();
  const [form] = Form.useForm<CreateForm>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [key] = useState(newIdempotencyKey);
  const onFinish = async (v: CreateForm) => {
    setBusy(true);
    setError(null);
    try {
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
    } catch (e) {
      setError(errorText(e, t('common.networkError')));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form<CreateForm>
      form={form}
      layout="vertical"
      disabled={busy}
      onFinish={onFinish}
      initialValues={{ roles: [{ unitId: unit.id }], password: temporaryPassword() }}
    >
      <FormError message={error} />
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

type EditForm = { fullName: string; title: string; email: string; phone: string };

function EditStaff({ staff, onDone }: { staff: Staff; onDone: (s: Staff) => void }) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const onFinish = async (v: EditForm) => {
    setBusy(true);
    setError(null);
    try {
      onDone(
        must(
          await api.PATCH('/api/staff/{id}', {
            params: { path: { id: staff.id } },
            body: { fullName: v.fullName.trim(), title: v.title ?? '', email: (v.email ?? '').trim(), phone: v.phone ?? '' },
          }),
        ),
      );
    } catch (e) {
      setError(errorText(e, t('common.networkError')));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form<EditForm>
      layout="vertical"
      disabled={busy}
      onFinish={onFinish}
      initialValues={{ fullName: staff.fullName, title: staff.title, email: staff.email, phone: staff.phone }}
    >
      <FormError message={error} />
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

function EditRoles({ staff, onDone }: { staff: Staff; onDone: (s: Staff) => void }) {
  const t = useT();
  const lang = useLang();
  const { units } = useStaff();
  const { manages } = useGrantable();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const mine = staff.roles.filter((g) => manages(g.unitId));
  const elsewhere = staff.roles.filter((g) => !manages(g.unitId));
  const byId = new Map(units.map((u) => [u.id, u]));
  const onFinish = async (v: { grants: Grant[] }) => {
    setBusy(true);
    setError(null);
    try {
      onDone(must(await api.PUT('/api/staff/{id}/roles', { params: { path: { id: staff.id } }, body: { roles: v.grants ?? [] } })));
    } catch (e) {
      setError(errorText(e, t('common.networkError')));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form layout="vertical" disabled={busy} onFinish={onFinish} initialValues={{ grants: mine }}>
      <FormError message={error} />
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

function ResetPassword({ staff, onDone }: { staff: Staff; onDone: () => void }) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const onFinish = async (v: { password: string }) => {
    setBusy(true);
    setError(null);
    try {
      must(await api.POST('/api/staff/{id}/password-reset', { params: { path: { id: staff.id } }, body: { password: v.password } }));
      onDone();
    } catch (e) {
      setError(errorText(e, t('common.networkError')));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form layout="vertical" disabled={busy} onFinish={onFinish} initialValues={{ password: temporaryPassword(staff.username) }}>
      <FormError message={error} />
      <PasswordField username={() => staff.username} />
      <Button type="primary" htmlType="submit" loading={busy}>
        {t('staffAdmin.resetPassword')}
      </Button>
    </Form>
  );
}

type Dialog = { kind: 'create' } | { kind: 'edit' | 'roles' | 'reset'; staff: Staff } | null;

function RoleTags({ staff, unitId }: { staff: Staff; unitId: string }) {
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
function StatusTags({ staff }: { staff: Staff }) {
  const t = useT();
  if (staff.active && !staff.mustChangePassword) return null;
  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: 4, marginTop: 4 }}>
      {!staff.active && <Tag className="tag-muted">{t('common.inactive')}</Tag>}
      {staff.mustChangePassword && staff.active && <Tag className="tag-warn">{t('staffAdmin.mustChange')}</Tag>}
    </div>
  );
}

function StaffActions({
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

export default function AdminStaff() {
  const t = useT();
  const { unit } = useStaff();
  const { modal, message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const narrow = screens.md === false;
  useDocumentTitle(t('nav.adminStaff'));
  const list = useLoad(
    async () => (unit ? must(await api.GET('/api/staff', { params: { query: { unitId: unit.id } } })).items : []),
    [unit?.id],
  );
  const [dialog, setDialog] = useState<Dialog>(null);
  const [filter, setFilter] = useState('');

  if (!unit) return null;
  const q = filter.trim().toLocaleLowerCase('vi');
  const rows = (list.data ?? [])
    .filter((s) => !q || s.fullName.toLocaleLowerCase('vi').includes(q) || s.username.includes(q))
    .sort((a, b) => Number(b.active) - Number(a.active) || a.fullName.localeCompare(b.fullName, 'vi'));

  const replace = (s: Staff) => {
    const rest = (list.data ?? []).filter((x) => x.id !== s.id);
    list.setData(s.roles.some((g) => g.unitId === unit.id) ? [...rest, s] : rest);
  };
  const setActive = async (s: Staff, active: boolean) => {
    try {
      replace(must(await api.PATCH('/api/staff/{id}', { params: { path: { id: s.id } }, body: { active } })));
      void message.success(t('common.saved'));
    } catch (e) {
      void message.error(errorText(e, t('common.networkError')));
    }
  };

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

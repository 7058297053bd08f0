// Own account: change password, choose what the public directory shows, list and close own sessions.
import { Alert, App, Button, Card, Checkbox, Col, Descriptions, Form, Input, Popconfirm, Row, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { passwordAcceptable } from '@domain/password';
import { ROLE_LABELS } from '@domain/roles';
import { api, must, type Body, type Ok } from '../../api/client';
import { refreshUser } from '../../auth/session';
import { useLang, useT } from '../../i18n';
import { ActionAlert } from '../../ui/ActionAlert';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { dateTime } from '../../ui/format';
import { useAction } from '../../ui/useAction';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { useLoad } from '../../ui/useLoad';
import { shortName, useStaff } from '../../staff/context';

type SessionRow = Ok<'/api/auth/sessions', 'get'>['items'][number];
const PHONE = /^[0-9+ ().-]{0,20}$/;

function ChangePassword() {
  const t = useT();
  const { user } = useStaff();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<{ currentPassword: string; newPassword: string; confirm: string }>();
  const wasTemporary = user.mustChangePassword;
  const change = useAction(async (v: { currentPassword: string; newPassword: string }) => {
    must(await api.PUT('/api/auth/password', { body: { currentPassword: v.currentPassword, newPassword: v.newPassword } }));
    form.resetFields();
    void message.success(t('account.passwordChanged'));
    await refreshUser();
    if (wasTemporary) void navigate('/can-bo');
  });
  const busy = change.busy;
  const onFinish = (v: { currentPassword: string; newPassword: string }) => void change.run(v);

  return (
    <Card title={<h2 className="card-title">{t('account.changePassword')}</h2>}>
      <ActionAlert action={change} />
      <Form form={form} layout="vertical" onFinish={onFinish} disabled={busy} requiredMark={false}>
        {/* Lets password managers tie the new password to the account. */}
        <input type="text" name="username" autoComplete="username" value={user.username} readOnly hidden />
        <Form.Item label={t('account.currentPassword')} name="currentPassword" rules={[{ required: true, message: t('common.required') }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          label={t('account.newPassword')}
          name="newPassword"
          extra={t('account.weak')}
          rules={[
            { required: true, message: t('common.required') },
            {
              validator: async (_r, v: string) =>
                !v || passwordAcceptable(v, user.username) ? undefined : Promise.reject(new Error(t('account.weak'))),
            },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          label={t('account.confirmPassword')}
          name="confirm"
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('common.required') },
            ({ getFieldValue }) => ({
              validator: async (_r, v: string) =>
                !v || v === getFieldValue('newPassword') ? undefined : Promise.reject(new Error(t('account.mismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('account.changePassword')}
        </Button>
      </Form>
    </Card>
  );
}

function ContactChoice() {
  const t = useT();
  const { user } = useStaff();
  const { message } = App.useApp();
  const me = useLoad(async () => must(await api.GET('/api/staff/{id}', { params: { path: { id: user.id } } })), [user.id]);
  const [form] = Form.useForm<Body<'/api/me/contact', 'put'>>();
  const publishPhone = Form.useWatch('publishPhone', form);
  const save = useAction(async (v: Body<'/api/me/contact', 'put'>) => {
    const saved = must(
      await api.PUT('/api/me/contact', {
        body: { publishEmail: !!v.publishEmail, publishPhone: !!v.publishPhone, publicPhone: v.publicPhone ?? '' },
      }),
    );
    me.setData(saved);
    void message.success(t('common.saved'));
  });
  const busy = save.busy;
  const onFinish = (v: Body<'/api/me/contact', 'put'>) => void save.run(v);

  return (
    <Card title={<h2 className="card-title">{t('account.publish')}</h2>}>
      <Typography.Paragraph type="secondary">{t('account.publishHelp')}</Typography.Paragraph>
      <ErrorAlert error={me.error} onRetry={me.reload} />
      <ActionAlert action={save} />
      {me.data && (
        <Form
          form={form}
          layout="vertical"
          disabled={busy}
          onFinish={onFinish}
          initialValues={{
            publishEmail: me.data.publishEmail,
            publishPhone: me.data.publishPhone,
            publicPhone: me.data.publicPhone || me.data.phone,
          }}
        >
          <Form.Item
            name="publishEmail"
            valuePropName="checked"
            extra={me.data.email ? undefined : t('account.noEmail')}
            style={{ marginBottom: 8 }}
          >
            <Checkbox disabled={!me.data.email && !me.data.publishEmail}>
              {t('account.publishEmail')}
              {me.data.email ? ` (${me.data.email})` : ''}
            </Checkbox>
          </Form.Item>
          <Form.Item name="publishPhone" valuePropName="checked" style={{ marginBottom: 8 }}>
            <Checkbox>{t('account.publishPhone')}</Checkbox>
          </Form.Item>
          <Form.Item
            label={t('account.publicPhone')}
            name="publicPhone"
            extra={t('account.publicPhoneHelp')}
            rules={[
              { pattern: PHONE, message: t('common.invalidPhone') },
              { required: !!publishPhone, whitespace: true, message: t('common.required') },
            ]}
          >
            <Input inputMode="tel" autoComplete="tel" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('common.save')}
          </Button>
        </Form>
      )}
    </Card>
  );
}

function Sessions() {
  const t = useT();
  const lang = useLang();
  const { message } = App.useApp();
  const list = useLoad(async () => must(await api.GET('/api/auth/sessions')).items, []);
  const revoke = useAction(async (s: SessionRow) => {
    must(await api.DELETE('/api/auth/sessions/{id}', { params: { path: { id: s.id } } }));
    void message.success(t('account.revoked'));
    list.reload();
  });

  return (
    <Card title={<h2 className="card-title">{t('account.sessions')}</h2>}>
      <Typography.Paragraph type="secondary">{t('account.sessionsHelp')}</Typography.Paragraph>
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <ActionAlert action={revoke} />
      {list.loading && !list.data && <Typography.Text type="secondary">{t('common.loading')}</Typography.Text>}
      <ul className="session-list" data-testid="session-list">
        {(list.data ?? []).map((s) => (
          <li key={s.id}>
            <div>
              <div style={{ fontWeight: 600 }} title={s.userAgent}>
                {deviceName(s.userAgent)} · {s.ip}
              </div>
              <Typography.Text type="secondary">
                {t('account.sessionStarted')}: {dateTime(s.createdAt, lang)} · {t('account.sessionLastSeen')}:{' '}
                {dateTime(s.lastSeenAt, lang)}
              </Typography.Text>
            </div>
            <Popconfirm
              title={t('account.revokeConfirm')}
              okText={t('account.revoke')}
              okButtonProps={{ danger: true }}
              cancelText={t('common.cancel')}
              onConfirm={() => revoke.run(s)}
            >
              <Button danger disabled={revoke.busy}>
                {t('account.revoke')}
              </Button>
            </Popconfirm>
          </li>
        ))}
      </ul>
    </Card>
  );
}

/** "Chrome on Windows" from a user-agent string, good enough to recognise one's own devices. */
function deviceName(ua: string): string {
  const browser = /Edg\//.test(ua)
    ? 'Edge'
    : /Firefox\//.test(ua)
      ? 'Firefox'
      : /Chrom(e|ium)\//.test(ua)
        ? 'Chrome'
        : /Safari\//.test(ua)
          ? 'Safari'
          : '';
  const os = /Android/.test(ua)
    ? 'Android'
    : /iPhone|iPad/.test(ua)
      ? 'iOS'
      : /Windows/.test(ua)
        ? 'Windows'
        : /Mac OS/.test(ua)
          ? 'macOS'
          : /Linux/.test(ua)
            ? 'Linux'
            : '';
  return [browser, os].filter(Boolean).join(' · ') || ua.slice(0, 40) || '—';
}

export default function Account() {
  const t = useT();
  const lang = useLang();
  const { user, units } = useStaff();
  useDocumentTitle(t('account.title'));
  const byId = new Map(units.map((u) => [u.id, u]));
  return (
    <>
      <Typography.Title level={1} className="page-title">
        {t('account.title')}
      </Typography.Title>
      {user.mustChangePassword && (
        <Alert type="warning" showIcon message={t('account.mustChange')} style={{ marginBottom: 16 }} role="alert" />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12} style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
          <Card title={<h2 className="card-title">{t('account.profile')}</h2>}>
            <Descriptions column={1} colon={false} styles={{ label: { fontWeight: 500 } }}>
              <Descriptions.Item label={t('staffAdmin.fullName')}>{user.fullName}</Descriptions.Item>
              <Descriptions.Item label={t('staffAdmin.username')}>{user.username}</Descriptions.Item>
              <Descriptions.Item label={t('staffAdmin.roles')}>
                <div style={{ display: 'flex', flexWrap: 'wrap', gap: 6 }}>
                  {user.roles.map((g) => (
                    <Tag key={`${g.unitId}:${g.role}`} className="tag-info">
                      {ROLE_LABELS[g.role][lang]} – {byId.get(g.unitId) ? shortName(byId.get(g.unitId)!) : g.unitId}
                    </Tag>
                  ))}
                </div>
              </Descriptions.Item>
            </Descriptions>
          </Card>
          {!user.mustChangePassword && <ContactChoice />}
        </Col>
        <Col xs={24} lg={12}>
          <ChangePassword />
        </Col>
        {!user.mustChangePassword && (
          <Col xs={24}>
            <Sessions />
          </Col>
        )}
      </Row>
    </>
  );
}

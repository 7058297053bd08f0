// Filing online with the citizen at the counter: the officer checks who the citizen is (chip of the ID card, the
// VNeID app's QR code, or a code sent to the phone the population registry holds) and then works in the citizen
// portal as the citizen for this visit. The dossier records the citizen and the officer who helped.
import { Alert, Button, Card, Form, Input, Radio, Typography } from 'antd';
import { useState } from 'react';
import { api, must, type Ok } from '../../api/client';
import { useT } from '../../i18n';
import { setCitizenHint } from '../../portal/session';
import { ActionAlert } from '../../ui/ActionAlert';
import { useAction } from '../../ui/useAction';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { useStaff } from '../../staff/context';

type Method = 'chip-id' | 'vneid-qr' | 'otp';
type Answer = Ok<'/api/assisted/verifications', 'post'>;

/** The portal, opened in the citizen's name for this visit (the hint makes it wait for the session, not show sign-in). */
const PORTAL = '/cong-dan';
function openPortal(): void {
  setCitizenHint(true);
  window.location.assign(PORTAL);
}

export default function AssistedFiling() {
  const t = useT();
  const { unit } = useStaff();
  useDocumentTitle(t('assisted.title'));
  const [form] = Form.useForm<{ idNumber: string; method: Method; evidence?: string }>();
  const method = Form.useWatch('method', form) ?? 'chip-id';
  const [pending, setPending] = useState<Answer | null>(null);
  const [code, setCode] = useState('');
  const verify = useAction(async (unitId: string, v: { idNumber: string; method: Method; evidence?: string }) => {
    const r = must(await api.POST('/api/assisted/verifications', { body: { ...v, unitId } }));
    if (r.status === 'verified') openPortal();
    else setPending(r);
  });
  const confirmCode = useAction(async (verificationId: string, code: string) => {
    must(await api.POST('/api/assisted/verifications/{id}/confirm', { params: { path: { id: verificationId } }, body: { code } }));
    openPortal();
  });
  const busy = verify.busy || confirmCode.busy;

  if (!unit) return <Alert type="info" showIcon message={t('staff.noUnit')} />;

  const start = (v: { idNumber: string; method: Method; evidence?: string }) => void verify.run(unit.id, v);
  const confirm = () => {
    if (pending) void confirmCode.run(pending.verificationId, code);
  };

  return (
    <>
      <Typography.Title level={1} className="page-title">
        {t('assisted.title')}
      </Typography.Title>
      <Typography.Paragraph style={{ maxWidth: 720 }}>{t('assisted.intro')}</Typography.Paragraph>
      <Card style={{ maxWidth: 720 }}>
        <ActionAlert action={verify} />
        <ActionAlert action={confirmCode} />
        {!pending ? (
          <Form form={form} layout="vertical" onFinish={start} disabled={busy} requiredMark={false} initialValues={{ method: 'chip-id' }}>
            <Form.Item
              label={t('assisted.idNumber')}
              name="idNumber"
              rules={[{ required: true, pattern: /^[0-9]{12}$/, message: t('assisted.idNumberRule') }]}
            >
              <Input inputMode="numeric" maxLength={12} autoFocus autoComplete="off" data-testid="assisted-id" />
            </Form.Item>
            <Form.Item label={t('assisted.method')} name="method">
              <Radio.Group>
                <Radio value="chip-id">{t('assisted.method.chip-id')}</Radio>
                <Radio value="vneid-qr">{t('assisted.method.vneid-qr')}</Radio>
                <Radio value="otp">{t('assisted.method.otp')}</Radio>
              </Radio.Group>
            </Form.Item>
            {method !== 'otp' && (
              <Form.Item
                label={t('assisted.evidence')}
                name="evidence"
                extra={t('assisted.evidenceHelp')}
                rules={[{ required: true, message: t('common.required') }]}
              >
                <Input maxLength={500} data-testid="assisted-evidence" />
              </Form.Item>
            )}
            <Button type="primary" htmlType="submit" loading={busy} size="large">
              {method === 'otp' ? t('assisted.sendCode') : t('assisted.open')}
            </Button>
          </Form>
        ) : (
          <Form layout="vertical" onFinish={confirm} disabled={busy}>
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 16 }}
              message={t('assisted.codeSent', { to: pending.otp?.destination ?? '', prefix: pending.otp?.prefix ?? '' })}
            />
            <Form.Item label={t('assisted.code')} required>
              <Input
                value={code}
                onChange={(e) => setCode(e.target.value)}
                inputMode="numeric"
                autoComplete="one-time-code"
                autoFocus
                data-testid="assisted-code"
              />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy} size="large">
              {t('assisted.open')}
            </Button>{' '}
            <Button onClick={() => setPending(null)}>{t('common.back')}</Button>
          </Form>
        )}
      </Card>
    </>
  );
}

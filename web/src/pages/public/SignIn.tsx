// Staff sign-in. Shows the server's detail for wrong credentials, locked accounts and rate limits; returns the
// user to the page they were on when the session expired; sends a user with a temporary password to the account page.
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { signIn, useSession } from '../../auth/session';
import { useT } from '../../i18n';
import { AntdRoot } from '../../ui/AntdRoot';
import { useAction } from '../../ui/useAction';
import { useDocumentTitle } from '../../ui/useDocumentTitle';

/** Only same-site paths are followed after sign-in. */
export function safeNext(next: string | null): string | null {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/dang-nhap')) return null;
  return next;
}

function SignInForm() {
  const t = useT();
  useDocumentTitle(t('signIn.title'));
  const navigate = useNavigate();
  const session = useSession();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const submit = useAction(async (v: { username: string; password: string }) => {
    const user = await signIn(v.username.trim(), v.password);
    void navigate(user.mustChangePassword ? '/tai-khoan' : (next ?? '/can-bo'), { replace: true });
  });
  const busy = submit.busy;
  const error = submit.errorText(t('common.networkError'));

  if (session.status === 'signed-in' && session.user && !busy) {
    return <Navigate to={session.user.mustChangePassword ? '/tai-khoan' : (next ?? '/can-bo')} replace />;
  }

  const onFinish = (v: { username: string; password: string }) => void submit.run(v);

  return (
    <div style={{ maxWidth: 460, margin: '0 auto' }}>
      <Card>
        <Typography.Title level={1} style={{ fontSize: '1.75rem', marginTop: 0 }}>
          {t('signIn.title')}
        </Typography.Title>
        {params.get('expired') && !error && (
          <Alert type="warning" showIcon role="status" style={{ marginBottom: 16 }} message={t('signIn.expired')} />
        )}
        {params.get('signedOut') && !error && (
          <Alert type="info" showIcon role="status" style={{ marginBottom: 16 }} message={t('signIn.signedOut')} />
        )}
        {error && <Alert type="error" showIcon role="alert" style={{ marginBottom: 16 }} message={error} data-testid="signin-error" />}
        <Form layout="vertical" requiredMark={false} onFinish={onFinish} disabled={busy}>
          <Form.Item
            label={t('signIn.username')}
            name="username"
            rules={[{ required: true, whitespace: true, message: t('common.required') }]}
          >
            <Input autoComplete="username" autoCapitalize="none" autoCorrect="off" spellCheck={false} size="large" />
          </Form.Item>
          <Form.Item label={t('signIn.password')} name="password" rules={[{ required: true, message: t('common.required') }]}>
            <Input.Password autoComplete="current-password" size="large" />
          </Form.Item>
          <Button type="primary" htmlType="submit" size="large" block loading={busy}>
            {t('signIn.submit')}
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
          {t('signIn.help')}
        </Typography.Paragraph>
      </Card>
    </div>
  );
}

export default function SignIn() {
  return (
    <AntdRoot>
      <SignInForm />
    </AntdRoot>
  );
}

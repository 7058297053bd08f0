// Warns two minutes before the idle timeout ("Phiên làm việc sắp hết hạn") and ends the session when it passes.
import { Button, Modal, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { expireNow, keepAlive, signOut, useSession } from '../auth/session';
import { useT } from '../i18n';
import { useAction } from '../ui/useAction';

export const WARN_BEFORE_MS = 2 * 60_000;

function mmss(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

export function ExpiryWatcher() {
  const t = useT();
  const session = useSession();
  const [now, setNow] = useState(() => Date.now());
  const stay = useAction(keepAlive);

  useEffect(() => {
    const id = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(id);
  }, []);

  const signedIn = session.status === 'signed-in';
  const left = session.idleDeadline - now;
  useEffect(() => {
    if (signedIn && left <= 0) void expireNow();
  }, [signedIn, left]);

  if (!signedIn) return null;
  const absolute = session.absoluteDeadline <= session.idleDeadline + 1000;
  const open = left <= WARN_BEFORE_MS && left > 0;

  const onContinue = () => void stay.run();
  const error = stay.errorText(t('common.networkError'));

  return (
    <Modal
      open={open}
      title={t('expiry.title')}
      closable={false}
      maskClosable={false}
      keyboard={!absolute}
      onCancel={absolute ? undefined : onContinue}
      footer={[
        <Button key="out" onClick={() => void signOut()}>
          {t('expiry.signOut')}
        </Button>,
        !absolute && (
          <Button key="go" type="primary" loading={stay.busy} onClick={onContinue} autoFocus>
            {t('expiry.continue')}
          </Button>
        ),
      ]}
    >
      <Typography.Paragraph role="timer" aria-live="off">
        {t(absolute ? 'expiry.absolute' : 'expiry.body', { time: mmss(left) })}
      </Typography.Paragraph>
      {error && <Typography.Paragraph type="danger">{error}</Typography.Paragraph>}
    </Modal>
  );
}

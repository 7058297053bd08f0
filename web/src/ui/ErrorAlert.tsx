import { useEffect, useRef } from 'react';
import { Alert, Button } from 'antd';
import { ApiError } from '../api/client';
import { useT } from '../i18n';

/** The server's problem `detail` (already in the UI language), or a network message. */
export function errorText(e: unknown, networkText: string): string {
  if (e instanceof ApiError) return e.problem?.detail ?? networkText;
  return networkText;
}

export function ErrorAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useT();
  if (!error) return null;
  const forbidden = error instanceof ApiError && error.status === 403;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      style={{ marginBottom: 16 }}
      message={forbidden ? t('common.forbidden') : errorText(error, t('common.networkError'))}
      description={forbidden ? errorText(error, t('common.networkError')) : undefined}
      action={onRetry && !forbidden ? <Button onClick={onRetry}>{t('common.retry')}</Button> : undefined}
    />
  );
}

/** A form's error: scrolled into view (the top of a long dialog may be out of sight) and announced. */
export function FormError({ message }: { message: string | null }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (message) ref.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [message]);
  if (!message) return null;
  return (
    <div ref={ref}>
      <Alert type="error" showIcon role="alert" message={message} style={{ marginBottom: 16 }} data-testid="form-error" />
    </div>
  );
}

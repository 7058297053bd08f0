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
      action={
        onRetry && !forbidden ? (
          <Button onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : undefined
      }
    />
  );
}

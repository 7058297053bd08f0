// An action's error on the staff and admin pages, the same everywhere: the server's refusal (already in the UI
// language), the page's own check, or the network message in the current language; a Retry button that repeats the
// last call when the call never got an answer or the server failed (a rule's refusal would only be refused again),
// and "not allowed" wording for a 403.
import { Alert, Button } from 'antd';
import { useEffect, useRef, type CSSProperties } from 'react';
import { useT } from '../i18n';
import { retryable } from './action';
import type { UseAction } from './useAction';

export function ActionAlert({
  action,
  style,
  closable,
  testId,
  networkText,
}: {
  action: Pick<UseAction<never[], unknown>, 'error' | 'errorText' | 'status' | 'retry' | 'reset'>;
  /** Space around the alert (default: 16 px below). */
  style?: CSSProperties;
  closable?: boolean;
  testId?: string;
  /** The page's own wording for "no answer" (default: common.networkError). */
  networkText?: string;
}) {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  const text = action.errorText(networkText ?? t('common.networkError'));
  // Scrolled into view (the top of a long dialog may be out of sight) and announced (role=alert).
  useEffect(() => {
    if (text) ref.current?.scrollIntoView?.({ block: 'nearest', behavior: 'smooth' });
  }, [text]);
  if (!text) return null;
  const forbidden = action.status === 403;
  return (
    <div ref={ref}>
      <Alert
        type="error"
        showIcon
        role="alert"
        data-testid={testId}
        style={{ marginBottom: 16, ...style }}
        message={forbidden ? t('common.forbidden') : text}
        description={forbidden ? text : undefined}
        action={
          action.error && retryable(action.error) ? <Button onClick={() => void action.retry()}>{t('common.retry')}</Button> : undefined
        }
        closable={closable}
        onClose={closable ? action.reset : undefined}
      />
    </div>
  );
}

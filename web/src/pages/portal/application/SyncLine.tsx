// Where the draft is: saved on the server, kept on this device, signed out, or in conflict with another device.
import { usePT } from '../../../i18n/portal';
import { useSyncState, type DraftSync } from '../../../portal/draft';
import { here, SignInButton } from '../../../portal/ui';

export function SyncLine({ sync }: { sync: DraftSync }) {
  const t = usePT();
  const s = useSyncState(sync);
  const text = {
    idle: t('p.sync.idle'),
    saving: t('p.sync.saving'),
    saved: t('p.sync.saved'),
    local: t('p.sync.local'),
    error: t('p.sync.error', { detail: s.detail ?? '' }),
    'signed-out': t('p.sync.signedOut'),
    conflict: t('p.sync.conflict'),
  }[s.status];
  // Screen readers hear the states that need attention, not every "Saving…".
  const announce = s.status === 'local' || s.status === 'error' || s.status === 'signed-out' || s.status === 'conflict';
  return (
    <div className={`p-sync p-sync-${s.status}`} data-testid="sync-status" data-status={s.status}>
      <span className="p-sync-dot" aria-hidden="true" />
      <span data-testid="sync-text">{text}</span>
      <span className="visually-hidden" role="status">
        {announce ? text : ''}
      </span>
      {s.status === 'signed-out' && <SignInButton returnTo={here()} />}
      {s.status === 'conflict' && (
        <span className="p-actions">
          <button type="button" className="btn btn-small" onClick={() => sync.resolve('mine')}>
            {t('p.sync.keepMine')}
          </button>
          <button type="button" className="btn btn-outline btn-small" onClick={() => sync.resolve('server')}>
            {t('p.sync.takeServer')}
          </button>
        </span>
      )}
    </div>
  );
}

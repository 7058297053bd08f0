// The staff shell's connection banner: online / offline / n dossiers waiting to sync, the provisional receipts
// matched with their real codes, the conflicts the officer must resolve, and app updates. Also starts the service
// worker, keeps the offline catalogue and calendar fresh, and runs the sync queue for the signed-in officer.
import { Alert, Button, Space, Tag } from 'antd';
import { useEffect } from 'react';
import { useLang } from '../i18n';
import { useOT } from '../i18n/offline';
import { appointmentText, dateTime } from '../ui/format';
import type { Unit } from '../units';
import { dismiss, markReachable, retryConflict, startSync, useOfflineState } from './sync';
import { registerOfflineShell, updateNow, useUpdateState } from './update';

export function OfflineBar({ userId, units, receptionUnitIds }: { userId: string; units: Unit[]; receptionUnitIds: string[] }) {
  const t = useOT();
  const lang = useLang();
  const s = useOfflineState();
  const update = useUpdateState();
  const unitKey = receptionUnitIds.join(',');

  useEffect(() => {
    void registerOfflineShell();
  }, []);
  useEffect(() => startSync(userId), [userId]);
  useEffect(() => {
    if (!unitKey || !navigator.onLine) return;
    const prime = async () => {
      // The first visit installs the service worker: once it controls the page, ask for the units again so its
      // cache holds them (the shell needs them to open offline).
      const sw = navigator.serviceWorker;
      if (sw && !import.meta.env.DEV) {
        await sw.ready.catch(() => undefined);
        if (!sw.controller)
          await new Promise((resolve) => {
            sw.addEventListener('controllerchange', resolve, { once: true });
            setTimeout(resolve, 15_000);
          });
        if (sw.controller) await fetch('/api/units', { credentials: 'same-origin' }).catch(() => undefined);
      }
      const { primeOffline } = await import('./receive');
      await primeOffline(units, unitKey.split(','));
    };
    void prime().then(() => markReachable(true));
  }, [unitKey, units]);

  const waiting = s.items.filter((i) => i.state === 'waiting');
  const conflicts = s.items.filter((i) => i.state === 'conflict');
  const synced = s.items.filter((i) => i.state === 'synced');
  const show = !s.online || s.items.length > 0;

  return (
    <>
      {update !== 'none' && (
        <Alert
          type={update === 'waiting' ? 'info' : 'success'}
          showIcon
          closable={update === 'updated'}
          message={update === 'waiting' ? t('off.updateReady') : t('off.updated')}
          action={
            update === 'waiting' ? (
              <Button size="small" onClick={updateNow}>
                {t('off.updateNow')}
              </Button>
            ) : undefined
          }
          style={{ marginBottom: 12 }}
          data-testid="update-banner"
        />
      )}
      {show && (
        <div className={`offline-bar ${s.online ? 'is-online' : 'is-offline'}`} role="status" data-testid="offline-banner">
          <strong data-testid="connection">{s.online ? t('off.online') : t('off.offline')}</strong>
          {waiting.length > 0 && (
            <span data-testid="waiting-count">
              {' · '}
              {s.syncing && s.online ? t('off.syncing') : t('off.waiting', { n: waiting.length })}
            </span>
          )}
          {conflicts.length > 0 && <span className="offline-conflicts"> · {t('off.conflicts', { n: conflicts.length })}</span>}
          {synced.length > 0 && <span> · {t('off.matched', { n: synced.length })}</span>}
          {s.needSignIn && <div>{t('off.signInToSync')}</div>}
          {s.items.length > 0 && (
            <details open={conflicts.length > 0} className="offline-list" data-testid="offline-list">
              <summary>{t('off.listTitle')}</summary>
              <table>
                <thead>
                  <tr>
                    <th>{t('off.provisionalNo')}</th>
                    <th>{t('off.citizen')}</th>
                    <th>{t('off.receivedAt')}</th>
                    <th>{t('off.realCode')}</th>
                    <th>{t('off.dueAt')}</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {s.items.map((i) => (
                    <tr key={i.id} data-testid="offline-item" data-state={i.state}>
                      <td data-testid="provisional-no">{i.provisionalNo}</td>
                      <td>
                        {i.citizenName}
                        <div className="muted">{i.procedureName}</div>
                      </td>
                      <td>{dateTime(i.result?.receivedAt ?? i.receivedAt, lang)}</td>
                      <td>
                        {i.result ? (
                          <strong data-testid="real-code">{i.result.code}</strong>
                        ) : (
                          <Tag className={i.state === 'conflict' ? 'tag-error' : 'tag-warn'}>
                            {i.state === 'conflict' ? t('off.stateConflict') : t('off.stateWaiting')}
                          </Tag>
                        )}
                        {i.toVerify && !i.result && <div className="muted">{t('off.toVerify')}</div>}
                        {i.result?.clockWarning && (
                          <div className="field-error">{t('off.clockWarning', { reason: i.result.clockWarning })}</div>
                        )}
                        {i.conflict && (
                          <div className="field-error" data-testid="conflict">
                            {i.conflict.detail || i.conflict.code}
                          </div>
                        )}
                      </td>
                      <td data-testid="real-due">{i.result?.dueAt ? appointmentText(i.result.dueAt, lang) : ''}</td>
                      <td>
                        <Space direction="vertical" size={4}>
                          {i.state === 'conflict' && i.conflict?.code === 'offline-procedure-changed' && (
                            <Button size="small" onClick={() => void retryConflict(i.id, true)}>
                              {t('off.resendCurrent')}
                            </Button>
                          )}
                          {i.state === 'conflict' && i.conflict?.code !== 'offline-procedure-changed' && (
                            <Button size="small" onClick={() => void retryConflict(i.id, false)}>
                              {t('off.retry')}
                            </Button>
                          )}
                          {i.state !== 'waiting' && (
                            <Button
                              size="small"
                              onClick={() => {
                                if (i.state === 'synced' || window.confirm(t('off.dismissConfirm'))) void dismiss(i.id);
                              }}
                            >
                              {t('off.dismiss')}
                            </Button>
                          )}
                        </Space>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          )}
        </div>
      )}
    </>
  );
}

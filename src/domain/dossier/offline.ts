// A dossier received at the counter while the server was unreachable arrives later with the time the device
// recorded. The law counts the deadline from receipt at the counter, so that time is used when it is plausible:
// not in the future (beyond a small clock skew) and not older than an offline period can last. Otherwise the
// server's time of first contact is used and the officer is warned. Pure: both times are parameters.

/** A device clock may run this far ahead of the server's before its time is refused. */
export const OFFLINE_CLOCK_SKEW_MS = 5 * 60_000;
/** The longest a counter may plausibly work offline before syncing. */
export const OFFLINE_MAX_AGE_MS = 7 * 24 * 60 * 60_000;

export type OfflineReceipt =
  { receivedAt: Date; deviceTimeUsed: true } | { receivedAt: Date; deviceTimeUsed: false; reason: 'in-future' | 'too-old' | 'invalid' };

/** The receipt time to record for an intake the device says it received at `deviceTime`, first seen at `serverNow`. */
export function offlineReceiptTime(deviceTime: Date, serverNow: Date): OfflineReceipt {
  const t = deviceTime.getTime();
  const now = serverNow.getTime();
  if (!Number.isFinite(t)) return { receivedAt: serverNow, deviceTimeUsed: false, reason: 'invalid' };
  if (t > now + OFFLINE_CLOCK_SKEW_MS) return { receivedAt: serverNow, deviceTimeUsed: false, reason: 'in-future' };
  if (t < now - OFFLINE_MAX_AGE_MS) return { receivedAt: serverNow, deviceTimeUsed: false, reason: 'too-old' };
  // A device slightly ahead is trusted up to the server's time: a receipt is never recorded after it reached the server.
  return { receivedAt: new Date(Math.min(t, now)), deviceTimeUsed: true };
}

import { describe, expect, it } from 'vitest';
import { OFFLINE_CLOCK_SKEW_MS, OFFLINE_MAX_AGE_MS, offlineReceiptTime } from './offline';

const now = new Date('2026-03-04T10:00:00+07:00');
const ms = (d: Date, delta: number) => new Date(d.getTime() + delta);

describe('offline receipt time', () => {
  it('uses the device time of an intake received earlier at the counter', () => {
    const at = ms(now, -3 * 60 * 60_000);
    expect(offlineReceiptTime(at, now)).toEqual({ receivedAt: at, deviceTimeUsed: true });
  });
  it('accepts a device a little ahead, recording no time after the server saw it', () => {
    expect(offlineReceiptTime(ms(now, OFFLINE_CLOCK_SKEW_MS), now)).toEqual({ receivedAt: now, deviceTimeUsed: true });
  });
  it('uses the server time when the device clock is in the future', () => {
    expect(offlineReceiptTime(ms(now, OFFLINE_CLOCK_SKEW_MS + 1), now)).toEqual({
      receivedAt: now,
      deviceTimeUsed: false,
      reason: 'in-future',
    });
  });
  it('uses the server time when the device time is older than an offline period can last', () => {
    expect(offlineReceiptTime(ms(now, -OFFLINE_MAX_AGE_MS - 1), now)).toEqual({
      receivedAt: now,
      deviceTimeUsed: false,
      reason: 'too-old',
    });
    expect(offlineReceiptTime(ms(now, -OFFLINE_MAX_AGE_MS), now).deviceTimeUsed).toBe(true);
  });
  it('uses the server time for an invalid date', () => {
    expect(offlineReceiptTime(new Date('nonsense'), now)).toEqual({ receivedAt: now, deviceTimeUsed: false, reason: 'invalid' });
  });
});

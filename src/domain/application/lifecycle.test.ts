import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  APPLICATION_ACTIONS,
  APPLICATION_ACTORS,
  APPLICATION_ALLOWED,
  APPLICATION_STATUSES,
  applicationStatusMoves,
  transition,
  type ApplicationActor,
} from './lifecycle';

const ACTORS: ApplicationActor[] = ['citizen', 'officer', 'payment'];

describe('online application lifecycle table', () => {
  it('finished applications allow nothing', () => {
    expect(APPLICATION_ALLOWED.submitted).toEqual([]);
    expect(APPLICATION_ALLOWED.cancelled).toEqual([]);
  });

  it('only the payment confirmation files an application that waits for its payment', () => {
    expect(transition('awaiting-payment', 'payment-confirmed', 'payment', 30_000)).toEqual({
      ok: true,
      from: 'awaiting-payment',
      to: 'submitted',
      filesDossier: true,
    });
    expect(transition('awaiting-payment', 'payment-confirmed', 'citizen', 30_000)).toMatchObject({ ok: false });
    expect(transition('awaiting-payment', 'save', 'citizen', 30_000)).toEqual({
      ok: false,
      problem: 'application-not-editable',
      allowed: ['start-payment'],
    });
  });

  it('the OTP confirms a citizen’s submission; the counter’s identity check confirms an officer’s', () => {
    expect(transition('awaiting-otp', 'confirm-otp', 'citizen', 0)).toMatchObject({ ok: true, to: 'submitted', filesDossier: true });
    expect(transition('awaiting-otp', 'confirm-otp', 'citizen', 50_000)).toMatchObject({
      ok: true,
      to: 'awaiting-payment',
      filesDossier: false,
    });
    expect(transition('draft', 'confirm-otp', 'citizen', 0)).toMatchObject({ ok: false, problem: 'application-not-editable' });
    expect(transition('draft', 'confirm-at-counter', 'officer', 0)).toMatchObject({ ok: true, to: 'submitted' });
    expect(transition('draft', 'confirm-at-counter', 'citizen', 0)).toMatchObject({ ok: false });
    expect(transition('draft', 'submit', 'officer', 0)).toMatchObject({ ok: false });
  });

  it('editing while the OTP is pending takes the application back to draft; a finished one is not editable', () => {
    expect(transition('awaiting-otp', 'save', 'citizen', 0)).toMatchObject({ ok: true, to: 'draft' });
    expect(transition('submitted', 'save', 'citizen', 0)).toEqual({ ok: false, problem: 'application-not-editable', allowed: [] });
  });

  it('refusals keep the API’s problem codes', () => {
    expect(transition('draft', 'resend-otp', 'citizen', 0)).toMatchObject({ ok: false, problem: 'otp-not-requested' });
    expect(transition('draft', 'start-payment', 'citizen', 0)).toMatchObject({ ok: false, problem: 'payment-not-required' });
    expect(transition('submitted', 'discard', 'citizen', 0)).toMatchObject({ ok: false, problem: 'not-found' });
  });

  it('every action is allowed somewhere and taken by someone', () => {
    for (const a of APPLICATION_ACTIONS) {
      expect(APPLICATION_STATUSES.some((s) => (APPLICATION_ALLOWED[s] as readonly string[]).includes(a))).toBe(true);
      expect(APPLICATION_ACTORS[a].length).toBeGreaterThan(0);
    }
  });

  it('any sequence of moves stays inside the table, and submitted is reached only by filing', () => {
    const moves = new Set(applicationStatusMoves().map(([f, t]) => `${f}>${t}`));
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(APPLICATION_ACTIONS.length - 1), fc.nat(2), fc.boolean()), { maxLength: 20 }), (picks) => {
        let status: (typeof APPLICATION_STATUSES)[number] = 'draft';
        for (const [a, who, hasFee] of picks) {
          const r = transition(status, APPLICATION_ACTIONS[a]!, ACTORS[who]!, hasFee ? 10_000 : 0);
          if (!r.ok) {
            expect(r.allowed.every((x) => (APPLICATION_ALLOWED[status] as readonly string[]).includes(x))).toBe(true);
            continue;
          }
          expect(moves.has(`${r.from}>${r.to}`)).toBe(true);
          if (r.to === 'submitted' && r.from !== 'submitted') expect(r.filesDossier).toBe(true);
          status = r.to;
        }
      }),
    );
  });
});

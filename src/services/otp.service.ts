// One-time confirmation codes (OTP) for the citizen portal, e.g. to confirm submitting an online application.
// A reusable service: callers name what is confirmed by `purpose` (e.g. 'application.submit') and `subjectId`
// (e.g. the application's id); each (purpose, subject) has at most one current challenge.
//
// Field problem: "codes arrive late", many users are elderly. The rules, and why:
//
// - A code is a VISIBLE two-letter prefix and six digits, "KT-482913". The prefix (A–Z without I and O, so it
//   is not read as 1 or 0) differs from every prefix sent for the same purpose and subject in the last hour,
//   so a late SMS carrying an old code is told apart: verifying an old code answers `otp-old-code` naming the
//   current prefix, and costs no attempt (the citizen is not guessing). An old code is recognised by its
//   prefix, or — when typed without it — by its digits.
// - Input is forgiving: "KT-482913", "kt 482913", "482913", full-width digits; any spaces or dashes.
//   Input that is not six digits (with or without a prefix) answers `otp-invalid` without costing an attempt.
// - Only an HMAC-SHA256 of the digits is stored, keyed with a key derived from the server secret and bound to
//   the challenge id (the same digits on another challenge hash differently).
// - Expiry: 5 minutes by default (`ttlSeconds`); the message says until when (Vietnam time), so a citizen with
//   a late SMS sees it is already stale.
// - Attempts: 5 per code (`maxAttempts`). A wrong code is counted in its OWN committed transaction, so it
//   counts even when the caller's transaction rolls back on the thrown problem. The wrong code that uses the
//   last attempt answers `otp-attempts-exceeded` (a new code is needed), earlier ones `otp-invalid` {left}.
// - Sends: every send (first code or resend) is a NEW challenge with a new code and prefix that supersedes the
//   previous one and starts with fresh attempts. After a send the next one is allowed 30 s later, then 60 s,
//   120 s, 240 s (`resendDelaysSeconds`, by the number of sends in the last hour); earlier →
//   `otp-resend-too-soon` {seconds} (429). At most 5 sends per purpose and subject in any hour
//   (`maxSendsPerHour`) → `otp-too-many-sends` {minutes} (429), whether by issue() or resend(). Fresh attempts per
//   send do not help guessing: 5 sends × 5 attempts in an hour is 25 tries at one in a million.
// - Fallback: the channel may be switched to e-mail or to the VNeID app (push) when SMS is late. Switching is
//   allowed 30 s after the current code was sent (`fallbackAfterSeconds`) even when the doubled back-off of a
//   same-channel resend is longer: by then a late SMS is plausible, and the citizen should not wait 2–4 minutes
//   more to try another way. Not at once, so that a double tap does not send the code three ways in one second.
//   The first code may go by any channel (`channel` of issue()). A channel needs its address (e-mail, personal ID
//   number for the app); the hourly limit counts every channel.
// - Replays: a verified challenge cannot be verified again (`otp-already-used`); with no challenge at all,
//   `otp-not-requested`.
// - Messages go through the outbox (SMS_TOPIC, EMAIL_TOPIC, VNEID_PUSH_TOPIC), written in the transaction of the
//   challenge row, idempotency key `otp:<challenge id>` (one send per challenge). SMS text has no diacritics
//   (as Vietnamese brand-name SMS usually is); e-mail and push have them. An outbox row holds the code in clear
//   text until the receiver has it; the code is useless after its few minutes.
//
// Transactions: issue() and resend() run in the given transaction (or open one on the given Db). verify() given
// a Db does everything in one transaction of its own (SELECT … FOR UPDATE). verify() given the CALLER's
// transaction checks the code in a short transaction of its own on the service's Db (so a wrong attempt is
// committed) and then consumes the challenge in the caller's transaction with a conditional UPDATE: if the
// caller rolls back, the code stays usable; of two concurrent verifies only one consumes it (the other waits
// for the row and answers `otp-already-used`). Such a verify needs a second pool connection for a moment, must
// see a committed challenge, and should be called once per caller transaction.
import { createHmac, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { EMAIL_TOPIC } from '../adapters/email.adapter';
import { SMS_TOPIC } from '../adapters/sms.adapter';
import { VNEID_PUSH_TOPIC } from '../adapters/vneid-push.adapter';
import type { Db } from '../db/database';
import { enqueueOutbox } from '../db/repositories/dossier.repository';
import {
  consumeChallenge,
  findCurrentChallenge,
  getChallenge,
  lockCurrentChallenge,
  lockSendsAndCurrent,
  markVerified,
  replaceChallenge,
  sendsBetween,
  setAttempts,
  setLockTimeout,
  supersededSince,
  type OtpChallengeRow,
} from '../db/repositories/otp.repository';
import type { Database } from '../db/schema';
import { Problem, type Lang } from '../domain/problems';

export const OTP_CHANNELS = ['sms', 'email', 'vneid-push'] as const;
export type OtpChannel = (typeof OTP_CHANNELS)[number];

/** A Db or a transaction on it. */
type Executor = Kysely<Database>;
type Row = OtpChallengeRow;

export type OtpOptions = {
  /** How long a code is valid. Default 300 (5 minutes). */
  ttlSeconds?: number;
  /** Wrong codes allowed per challenge. Default 5. */
  maxAttempts?: number;
  /** Wait before the next send, by the number of sends in the last hour (the last value repeats). Default 30, 60, 120, 240. */
  resendDelaysSeconds?: readonly number[];
  /** Sends per purpose and subject in any hour. Default 5. */
  maxSendsPerHour?: number;
  /** Switching to another channel is allowed this long after the current code was sent. Default 30. */
  fallbackAfterSeconds?: number;
};

export type OtpIssueInput = {
  /** What is confirmed, e.g. 'application.submit'. */
  purpose: string;
  /** The thing confirmed (uuid), e.g. the application's id. */
  subjectId: string;
  /** Mobile number for SMS. */
  phone: string;
  /** For the e-mail channel. */
  email?: string;
  /** Personal ID number (12 digits), for the VNeID app channel. */
  idNumber?: string;
  /** Language of the messages; default 'vi'. */
  lang?: Lang;
  /** Channel of this code; default 'sms'. */
  channel?: OtpChannel;
  /** Named in the message ("… cho ho so <reference>"), e.g. the application's reference; optional. */
  reference?: string;
};

export type OtpKey = { purpose: string; subjectId: string };

export type OtpIssued = {
  challengeId: string;
  prefix: string;
  expiresAt: Date;
  /** When a resend on the same channel is allowed. */
  resendAt: Date;
  channel: OtpChannel;
  /** Where the code went, masked: '09xx xxx 123', 'ng***@gmail.com', 'VNeID xxxxxxxx1234'. */
  destination: string;
};

export type OtpState = 'pending' | 'verified' | 'expired' | 'locked';

export type OtpStatus = {
  challengeId: string;
  state: OtpState;
  prefix: string;
  channel: OtpChannel;
  destination: string;
  expiresAt: Date;
  /** When a resend on the same channel is allowed (null once verified). */
  resendAt: Date | null;
  attemptsLeft: number;
  /** Sends for this purpose and subject within the hour before the current code was sent, that one included. */
  sends: number;
  /** Other channels the code can be sent by (an address is known for them). */
  fallbackChannels: OtpChannel[];
  /** When switching channel is allowed (null when verified or no other channel). */
  fallbackAt: Date | null;
  /** Switching channel is allowed now. */
  fallbackAvailable: boolean;
};

export type OtpVerified = {
  challengeId: string;
  purpose: string;
  subjectId: string;
  prefix: string;
  channel: OtpChannel;
  verifiedAt: Date;
};

const PREFIX_LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const HOUR = 3_600_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** How far back an old code is still recognised as such. */
const OLD_CODE_WINDOW_MS = 24 * HOUR;

const at = (d: Date, ms: number) => new Date(d.getTime() + ms);
const later = (a: Date, b: Date) => (a.getTime() >= b.getTime() ? a : b);
const secondsUntil = (t: Date, now: Date) => Math.max(1, Math.ceil((t.getTime() - now.getTime()) / 1000));

/** "KT-482913", "kt 482913", "482913" → prefix (if any) and digits; null when it is not a code at all. */
export function parseOtpInput(input: string): { prefix?: string; digits: string } | null {
  const s = input
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '');
  const m = /^([A-Z]{2})?([0-9]{6})$/.exec(s);
  if (!m) return null;
  return m[1] ? { prefix: m[1], digits: m[2]! } : { digits: m[2]! };
}

export function maskPhone(phone: string): string {
  const d = phone.replace(/[^0-9+]/g, '').replace(/^\+84/, '0');
  return d.length < 7 ? 'xxx' : `${d.slice(0, 2)}xx xxx ${d.slice(-3)}`;
}

export function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  return `${local.slice(0, local.length > 3 ? 2 : 1)}***@${domain}`;
}

export function maskIdNumber(idNumber: string): string {
  return `VNeID ${'x'.repeat(Math.max(0, idNumber.length - 4))}${idNumber.slice(-4)}`;
}

function destinationOf(channel: OtpChannel, c: { phone: string; email: string; id_number: string }): string {
  switch (channel) {
    case 'sms':
      return c.phone ? maskPhone(c.phone) : '';
    case 'email':
      return c.email ? maskEmail(c.email) : '';
    case 'vneid-push':
      return c.id_number ? maskIdNumber(c.id_number) : '';
  }
}

/** Without diacritics (đ → d), as brand-name SMS is sent. */
function ascii(s: string): string {
  return s
    .replace(/[đĐ]/g, (c) => (c === 'đ' ? 'd' : 'D'))
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]/g, '');
}

/** HH:MM and DD/MM/YYYY in Vietnam time (UTC+7, no daylight saving). */
function vnClock(d: Date): { time: string; date: string } {
  const iso = new Date(d.getTime() + 7 * HOUR).toISOString();
  return { time: iso.slice(11, 16), date: `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` };
}

type Contact = { phone: string; email: string; id_number: string; lang: Lang; reference: string };

/** The message of one send: topic and payload for the outbox. */
function message(
  channel: OtpChannel,
  c: Contact,
  code: string,
  expiresAt: Date,
  ttlSeconds: number,
  challengeId: string,
  purpose: string,
): { topic: string; payload: Record<string, unknown> } {
  // Purposes `assisted.*` confirm the citizen's presence at the counter: they read the code to the officer there.
  const atCounter = purpose.startsWith('assisted.');
  const minutes = Math.max(1, Math.round(ttlSeconds / 60));
  const { time, date } = vnClock(expiresAt);
  const ref = c.reference.trim();
  const vi = c.lang === 'vi';
  // Marked, so a view of the outbox can tell the payload carries a live code.
  const meta = { kind: 'otp', challengeId };
  switch (channel) {
    case 'sms': {
      const text = vi
        ? `Motcua: ma xac nhan ${code}${ref ? ` cho ho so ${ascii(ref)}` : ''}. Het han sau ${minutes} phut (luc ${time}). ${atCounter ? 'Chi doc ma nay cho can bo khi ong/ba dang o quay tiep nhan.' : 'Khong chia se ma nay voi bat ky ai.'}`
        : `Motcua: your confirmation code is ${code}${ref ? ` for ${ascii(ref)}` : ''}. It expires in ${minutes} minute${minutes === 1 ? '' : 's'} (at ${time}). ${atCounter ? 'Read it to the officer only while you are at the counter.' : 'Do not share it with anyone.'}`;
      return { topic: SMS_TOPIC, payload: { to: c.phone, text, ...meta } };
    }
    case 'vneid-push': {
      const text = vi
        ? `Motcua: mã xác nhận ${code}${ref ? ` cho hồ sơ ${ref}` : ''}. Hết hạn sau ${minutes} phút (lúc ${time}). Không chia sẻ mã này với bất kỳ ai.`
        : `Motcua: your confirmation code is ${code}${ref ? ` for ${ref}` : ''}. It expires in ${minutes} minute${minutes === 1 ? '' : 's'} (at ${time}). Do not share it with anyone.`;
      return { topic: VNEID_PUSH_TOPIC, payload: { idNumber: c.id_number, text, ...meta } };
    }
    case 'email': {
      const subject = vi ? `Mã xác nhận ${code} (Motcua)` : `Your confirmation code ${code} (Motcua)`;
      const text = vi
        ? [
            `Mã xác nhận của ông/bà là: ${code}`,
            ...(ref ? [`Dùng để xác nhận hồ sơ ${ref}.`] : []),
            `Mã hết hạn sau ${minutes} phút (lúc ${time} ngày ${date}).`,
            'Không chia sẻ mã này với bất kỳ ai, kể cả cán bộ. Nếu ông/bà không yêu cầu mã, xin bỏ qua thư này.',
            '',
            'Motcua — Trung tâm phục vụ hành chính công',
          ].join('\n')
        : [
            `Your confirmation code is: ${code}`,
            ...(ref ? [`It confirms ${ref}.`] : []),
            `It expires in ${minutes} minute${minutes === 1 ? '' : 's'} (at ${time} on ${date}, Vietnam time).`,
            'Do not share it with anyone, not even an officer. If you did not ask for a code, ignore this e-mail.',
            '',
            'Motcua — public administrative service centre',
          ].join('\n');
      return { topic: EMAIL_TOPIC, payload: { to: c.email, subject, text, ...meta } };
    }
  }
}

async function inTransaction<T>(exec: Executor, fn: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  return exec.isTransaction ? fn(exec as Transaction<Database>) : exec.transaction().execute(fn);
}

function checkKey(k: OtpKey): void {
  if (!k.purpose || k.purpose.length > 100) throw new Problem('validation-failed', { summary: 'purpose: 1 to 100 characters' });
  if (!UUID.test(k.subjectId)) throw new Problem('validation-failed', { summary: 'subjectId: a uuid' });
}

function noAddress(channel: OtpChannel): Problem {
  const what = { sms: 'a mobile number', email: 'an e-mail address', 'vneid-push': 'a personal ID number (VNeID app)' }[channel];
  return new Problem('validation-failed', { summary: `channel ${channel} needs ${what}` });
}

export class OtpService {
  private readonly key: Buffer;
  private readonly ttlSeconds: number;
  private readonly maxAttempts: number;
  private readonly delays: readonly number[];
  private readonly maxSendsPerHour: number;
  private readonly fallbackAfterSeconds: number;

  constructor(
    private readonly db: Db,
    secret: string,
    opts: OtpOptions = {},
  ) {
    // A key of its own, derived from the server secret.
    this.key = createHmac('sha256', secret).update('otp-code-v1').digest();
    this.ttlSeconds = opts.ttlSeconds ?? 300;
    this.maxAttempts = opts.maxAttempts ?? 5;
    this.delays = opts.resendDelaysSeconds?.length ? opts.resendDelaysSeconds : [30, 60, 120, 240];
    this.maxSendsPerHour = opts.maxSendsPerHour ?? 5;
    this.fallbackAfterSeconds = opts.fallbackAfterSeconds ?? 30;
  }

  /**
   * Sends a new code for (purpose, subject), superseding any earlier one; the challenge row and the outbox
   * message are written in the given transaction (or one opened on the given Db).
   */
  async issue(exec: Executor, input: OtpIssueInput, now = new Date()): Promise<OtpIssued> {
    checkKey(input);
    const phone = input.phone.trim();
    const email = (input.email ?? '').trim();
    const idNumber = (input.idNumber ?? '').trim();
    if (phone && !/^\+?[0-9][0-9 ().-]{7,18}$/.test(phone)) throw new Problem('validation-failed', { summary: 'phone: a mobile number' });
    if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new Problem('validation-failed', { summary: 'email: an e-mail address' });
    if (idNumber && !/^[0-9]{12}$/.test(idNumber)) throw new Problem('id-number-invalid');
    if ((input.reference ?? '').length > 60) throw new Problem('validation-failed', { summary: 'reference: at most 60 characters' });
    const contact: Contact = { phone, email, id_number: idNumber, lang: input.lang ?? 'vi', reference: input.reference ?? '' };
    const channel = input.channel ?? 'sms';
    if (!destinationOf(channel, contact)) throw noAddress(channel);
    return inTransaction(exec, async (trx) => {
      const current = await this.lockCurrent(trx, input);
      // A pending code keeps its back-off: calling issue() again is no way around it.
      const pending = current && !current.verified_at ? current : undefined;
      return this.send(trx, input, contact, channel, pending, current, now);
    });
  }

  /** Sends a new code (new prefix, fresh attempts) for the current challenge, on its channel or on `channel`. */
  async resend(exec: Executor, input: OtpKey & { channel?: OtpChannel }, now = new Date()): Promise<OtpIssued> {
    checkKey(input);
    return inTransaction(exec, async (trx) => {
      const current = await this.lockCurrent(trx, input);
      if (!current) throw new Problem('otp-not-requested');
      if (current.verified_at) throw new Problem('otp-already-used');
      const contact: Contact = {
        phone: current.phone,
        email: current.email,
        id_number: current.id_number,
        lang: current.lang,
        reference: current.reference,
      };
      const channel = input.channel ?? current.channel;
      if (!destinationOf(channel, contact)) throw noAddress(channel);
      return this.send(trx, input, contact, channel, current, current, now);
    });
  }

  /**
   * Checks a code (with or without its prefix) and consumes the challenge. Given a Db, in a transaction of its
   * own; given the caller's transaction, the consumption is part of it (see the file header).
   */
  async verify(exec: Executor, input: OtpKey & { code: string }, now = new Date()): Promise<OtpVerified> {
    checkKey(input);
    const given = parseOtpInput(input.code);
    const inCallerTrx = exec.isTransaction;
    // Decided and (for a wrong code) recorded in a transaction that commits before anything is thrown.
    const checkOn: Executor = inCallerTrx ? this.db : exec;
    const outcome = await checkOn
      .transaction()
      .execute(async (trx) => {
        // Given the caller's transaction, a row it holds itself (a second verify in one transaction) must not hang.
        if (inCallerTrx) await setLockTimeout(trx, '10s');
        const cur = await lockCurrentChallenge(trx, input);
        if (!cur) return { problem: new Problem('otp-not-requested') };
        const refused = this.refusal(cur, now);
        if (refused) return { problem: refused };
        const left = cur.max_attempts - cur.attempts;
        if (!given) return { problem: new Problem('otp-invalid', { left }, { attemptsLeft: left }) };
        if (given.prefix && given.prefix !== cur.prefix) {
          const old = await this.oldChallenges(trx, input, now, given.prefix);
          if (old.length > 0) return { problem: oldCode(`${given.prefix}-${given.digits}`, cur.prefix) };
          // An unknown prefix is a typo: the digits decide.
        }
        if (this.matches(cur.id, given.digits, cur.code_hash)) {
          if (!inCallerTrx) await markVerified(trx, cur.id, now);
          return { row: cur };
        }
        if (!given.prefix) {
          const old = (await this.oldChallenges(trx, input, now)).find((o) => this.matches(o.id, given.digits, o.code_hash));
          if (old) return { problem: oldCode(`${old.prefix}-${given.digits}`, cur.prefix) };
        }
        const attempts = cur.attempts + 1;
        await setAttempts(trx, cur.id, attempts);
        const stillLeft = cur.max_attempts - attempts;
        return {
          problem:
            stillLeft > 0
              ? new Problem('otp-invalid', { left: stillLeft }, { attemptsLeft: stillLeft })
              : new Problem('otp-attempts-exceeded'),
        };
      })
      .catch((e: unknown) => {
        if (e instanceof Error && 'code' in e && e.code === '55P03')
          throw new Problem('conflict', { reason: 'this code is being confirmed by another request; try again in a moment' });
        throw e;
      });
    if ('problem' in outcome) throw outcome.problem;
    const row = outcome.row;
    if (!inCallerTrx) return verifiedView(row, now);
    // Consumed in the caller's transaction, if nobody consumed or replaced it in between.
    const consumed = await consumeChallenge(exec, row.id, now);
    if (consumed) return verifiedView(consumed, now);
    const again = await getChallenge(exec, row.id);
    if (again.superseded_at) {
      const cur = await this.findCurrent(exec, input);
      throw oldCode(`${again.prefix}-${given!.digits}`, cur?.prefix ?? '');
    }
    throw this.refusal(again, now) ?? new Problem('otp-already-used');
  }

  /** The current challenge as the portal shows it, or null when no code was ever sent. */
  async status(exec: Executor, input: OtpKey, now = new Date()): Promise<OtpStatus | null> {
    checkKey(input);
    const cur = await this.findCurrent(exec, input);
    if (!cur) return null;
    const recent = await this.recentSends(exec, input, now);
    const capAt = recent.length >= this.maxSendsPerHour ? at(recent[0]!.created_at, HOUR) : null;
    const verified = cur.verified_at !== null;
    const state: OtpState = verified
      ? 'verified'
      : cur.attempts >= cur.max_attempts
        ? 'locked'
        : cur.expires_at.getTime() <= now.getTime()
          ? 'expired'
          : 'pending';
    const fallbackChannels = OTP_CHANNELS.filter((c) => c !== cur.channel && destinationOf(c, cur) !== '');
    const resendAt = verified ? null : capAt ? later(cur.next_send_at, capAt) : cur.next_send_at;
    const fallbackGate = this.fallbackGate(cur);
    const fallbackAt = verified || fallbackChannels.length === 0 ? null : capAt ? later(fallbackGate, capAt) : fallbackGate;
    return {
      challengeId: cur.id,
      state,
      prefix: cur.prefix,
      channel: cur.channel,
      destination: destinationOf(cur.channel, cur),
      expiresAt: cur.expires_at,
      resendAt,
      attemptsLeft: Math.max(0, cur.max_attempts - cur.attempts),
      sends: cur.sends,
      fallbackChannels,
      fallbackAt,
      fallbackAvailable: fallbackAt !== null && fallbackAt.getTime() <= now.getTime(),
    };
  }

  // ——— internals ———

  /** Serialises sends for one (purpose, subject) and returns its current challenge, locked. */
  private async lockCurrent(trx: Transaction<Database>, k: OtpKey): Promise<Row | undefined> {
    return lockSendsAndCurrent(trx, k);
  }

  private findCurrent(exec: Executor, k: OtpKey): Promise<Row | undefined> {
    return findCurrentChallenge(exec, k);
  }

  /** Sends within the hour before `now`, oldest first. */
  private recentSends(exec: Executor, k: OtpKey, now: Date): Promise<{ prefix: string; created_at: Date }[]> {
    return sendsBetween(exec, k, at(now, -HOUR), now);
  }

  private oldChallenges(exec: Executor, k: OtpKey, now: Date, prefix?: string): Promise<Row[]> {
    return supersededSince(exec, k, at(now, -OLD_CODE_WINDOW_MS), prefix);
  }

  /** When a send on `channel` is allowed after `current`: its back-off, or the fallback delay for another channel. */
  private gateFor(current: Row, channel: OtpChannel): Date {
    return channel === current.channel ? current.next_send_at : this.fallbackGate(current);
  }

  /** Another channel is allowed after the fallback delay, and never later than a resend on the same channel. */
  private fallbackGate(current: Row): Date {
    const fallback = at(current.created_at, this.fallbackAfterSeconds * 1000);
    return fallback.getTime() < current.next_send_at.getTime() ? fallback : current.next_send_at;
  }

  private async send(
    trx: Transaction<Database>,
    k: OtpKey,
    contact: Contact,
    channel: OtpChannel,
    gated: Row | undefined,
    current: Row | undefined,
    now: Date,
  ): Promise<OtpIssued> {
    const recent = await this.recentSends(trx, k, now);
    if (recent.length >= this.maxSendsPerHour) {
      const minutes = Math.max(1, Math.ceil((recent[0]!.created_at.getTime() + HOUR - now.getTime()) / 60_000));
      throw new Problem('otp-too-many-sends', { minutes }, { minutes });
    }
    if (gated) {
      const gate = this.gateFor(gated, channel);
      if (gate.getTime() > now.getTime()) {
        const seconds = secondsUntil(gate, now);
        throw new Problem('otp-resend-too-soon', { seconds }, { seconds });
      }
    }
    const used = new Set(recent.map((r) => r.prefix));
    if (current) used.add(current.prefix);
    let prefix: string;
    do prefix = PREFIX_LETTERS[randomInt(PREFIX_LETTERS.length)]! + PREFIX_LETTERS[randomInt(PREFIX_LETTERS.length)]!;
    while (used.has(prefix));
    const digits = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const id = randomUUID();
    const sends = recent.length + 1;
    const expiresAt = at(now, this.ttlSeconds * 1000);
    const nextSendAt = at(now, this.delays[Math.min(sends, this.delays.length) - 1]! * 1000);
    await replaceChallenge(
      trx,
      current?.id,
      {
        id,
        purpose: k.purpose,
        subject_id: k.subjectId,
        phone: contact.phone,
        email: contact.email,
        id_number: contact.id_number,
        lang: contact.lang,
        reference: contact.reference,
        prefix,
        code_hash: this.hash(id, digits),
        channel,
        sends,
        attempts: 0,
        max_attempts: this.maxAttempts,
        expires_at: expiresAt,
        next_send_at: nextSendAt,
        created_at: now,
      },
      now,
    );
    const m = message(channel, contact, `${prefix}-${digits}`, expiresAt, this.ttlSeconds, id, k.purpose);
    await enqueueOutbox(trx, m.topic, `otp:${id}`, m.payload);
    return { challengeId: id, prefix, expiresAt, resendAt: nextSendAt, channel, destination: destinationOf(channel, contact) };
  }

  private hash(challengeId: string, digits: string): string {
    return createHmac('sha256', this.key).update(`${challengeId}:${digits}`).digest('hex');
  }

  private matches(challengeId: string, digits: string, stored: string): boolean {
    const a = Buffer.from(this.hash(challengeId, digits), 'hex');
    const b = Buffer.from(stored, 'hex');
    return a.length === b.length && timingSafeEqual(a, b);
  }

  /** Why the current challenge takes no code at all, if it does not. */
  private refusal(cur: Row, now: Date): Problem | null {
    if (cur.verified_at) return new Problem('otp-already-used');
    if (cur.attempts >= cur.max_attempts) return new Problem('otp-attempts-exceeded');
    if (cur.expires_at.getTime() <= now.getTime()) return new Problem('otp-expired');
    return null;
  }
}

function oldCode(given: string, prefix: string): Problem {
  return new Problem('otp-old-code', { given, prefix }, { currentPrefix: prefix });
}

function verifiedView(r: Row, now: Date): OtpVerified {
  return {
    challengeId: r.id,
    purpose: r.purpose,
    subjectId: r.subject_id,
    prefix: r.prefix,
    channel: r.channel,
    verifiedAt: r.verified_at ?? now,
  };
}

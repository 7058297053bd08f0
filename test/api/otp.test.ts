// Confirmation codes for the citizen portal (OtpService) on a real database, with the messages going through
// the outbox to the SMS, e-mail and VNeID app push simulators: codes with a visible prefix, verified with or
// without it; old codes recognised after a resend; wrong codes counted even when the caller's transaction
// rolls back, locking after the limit; expiry; resend back-off (30 s, 60 s, 120 s, 240 s) and the hourly
// limit; the fallback to e-mail and to the VNeID app; concurrent verifies and replays; only a hash stored.
import { createHmac, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Problem } from '../../src/domain/problems';
import { sweepOutbox } from '../../src/jobs/outbox';
import { OtpService, parseOtpInput, type OtpIssueInput } from '../../src/services/otp.service';
import { citizen } from '../../src/simulators/citizens';
import { createTestApi, type Session, type TestApi } from '../support/api';

const SECRET = 'test-secret-test-secret-test-secret-0000'; // createTestApi's MOTCUA_SECRET
const PURPOSE = 'application.submit';
const S = 1000;

let t: TestApi;
let admin: Session;
let otp: OtpService;

beforeAll(async () => {
  t = await createTestApi();
  admin = await t.login('admin');
  otp = t.app.services.otp;
});
afterAll(() => t.close());

const drain = async () => {
  for (let i = 0; i < 20; i++) {
    const r = await sweepOutbox(t.app, { now: new Date(Date.now() + 1000) });
    if (r.claimed === 0) return;
  }
};
const sms = async (to: string) =>
  (await t.req(admin, { method: 'GET', url: `/api/sim/sms/messages?to=${encodeURIComponent(to)}` })).json().items as {
    to: string;
    text: string;
  }[];
const emails = async (to: string) =>
  (await t.req(admin, { method: 'GET', url: `/api/sim/email/messages?to=${encodeURIComponent(to)}` })).json().items as {
    to: string;
    subject: string;
    text: string;
  }[];
const pushes = async (idNumber: string) =>
  (await t.req(admin, { method: 'GET', url: `/api/sim/vneid/push/notifications?idNumber=${idNumber}` })).json().items as {
    idNumber: string;
    text: string;
    at: string;
  }[];
/** The code in a message: "KT-482913" → { prefix: 'KT', digits: '482913', full: 'KT-482913' }. */
const codeIn = (text: string) => {
  const m = /\b([A-Z]{2})-([0-9]{6})\b/.exec(text);
  if (!m) throw new Error(`no code in ${text}`);
  return { prefix: m[1]!, digits: m[2]!, full: m[0] };
};
const problem = async (p: Promise<unknown>): Promise<Problem> => {
  try {
    await p;
  } catch (e) {
    if (e instanceof Problem) return e;
    throw e;
  }
  throw new Error('expected a problem');
};
const codesOf = (settled: PromiseSettledResult<unknown>[]) =>
  settled
    .filter((r): r is PromiseRejectedResult => r.status === 'rejected')
    .map((r) => (r.reason instanceof Problem ? r.reason.code : String(r.reason)));
const at = (d: Date, ms: number) => new Date(d.getTime() + ms);
const row = (id: string) => t.database.db.selectFrom('otp_challenge').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

let nextCitizen = 300;
/** A synthetic citizen (own phone number, so each test reads its own messages) and a fresh subject. */
function person(withAddresses = false) {
  const c = citizen(nextCitizen++);
  const key = { purpose: PURPOSE, subjectId: randomUUID() };
  const input: OtpIssueInput = {
    ...key,
    phone: c.phone,
    ...(withAddresses ? { email: `cd${nextCitizen}@example.vn`, idNumber: c.idNumber } : {}),
  };
  return { c, key, input };
}

describe('issue and verify', () => {
  it('sends the code by SMS through the outbox, with a visible prefix, and verifies it written in several ways', async () => {
    const t0 = new Date();
    const { c, key, input } = person();
    const issued = await otp.issue(t.app.db, { ...input, reference: 'HS-2026-000123' }, t0);
    expect(issued).toEqual({
      challengeId: expect.any(String),
      prefix: expect.stringMatching(/^[A-HJ-NP-Z]{2}$/),
      channel: 'sms',
      destination: `${c.phone.slice(0, 2)}xx xxx ${c.phone.slice(-3)}`,
      expiresAt: at(t0, 300 * S),
      resendAt: at(t0, 30 * S),
    });
    // Written in the transaction of the challenge, with a key per send; nothing reaches the gateway before the sweep.
    const msg = await t.database.db
      .selectFrom('outbox')
      .selectAll()
      .where('idempotency_key', '=', `otp:${issued.challengeId}`)
      .executeTakeFirstOrThrow();
    expect(msg.topic).toBe('sms.send');
    expect(await sms(c.phone)).toEqual([]);
    await drain();
    const [text, ...more] = (await sms(c.phone)).map((m) => m.text);
    expect(more).toEqual([]);
    expect(text).toMatch(
      /^Motcua: ma xac nhan [A-Z]{2}-[0-9]{6} cho ho so HS-2026-000123\. Het han sau 5 phut \(luc [0-9]{2}:[0-9]{2}\)\. Khong chia se ma nay voi bat ky ai\.$/,
    );
    expect(text).toMatch(/^[\x20-\x7e]+$/); // no diacritics in the SMS
    const code = codeIn(text!);
    expect(code.prefix).toBe(issued.prefix);

    const ok = await otp.verify(t.app.db, { ...key, code: `${code.prefix.toLowerCase()} ${code.digits}` }, at(t0, 40 * S));
    expect(ok).toEqual({
      challengeId: issued.challengeId,
      purpose: PURPOSE,
      subjectId: key.subjectId,
      prefix: issued.prefix,
      channel: 'sms',
      verifiedAt: at(t0, 40 * S),
    });
    expect((await row(issued.challengeId)).verified_at).toEqual(at(t0, 40 * S));
  });

  it('accepts the digits alone, a dash or full-width digits; a different prefix that was never sent is a typo', async () => {
    for (const write of [
      (_p: string, d: string) => d,
      (p: string, d: string) => `${p}–${d}`,
      (p: string, d: string) => ` ${p}-${d.slice(0, 3)} ${d.slice(3)} `,
      (p: string, d: string) => `${p}${String.fromCharCode(...[...d].map((ch) => 0xff10 + Number(ch)))}`,
      (p: string, d: string) => `${p === 'ZZ' ? 'YY' : 'ZZ'}-${d}`,
    ]) {
      const { c, key, input } = person();
      const t0 = new Date();
      await otp.issue(t.app.db, input, t0);
      await drain();
      const code = codeIn((await sms(c.phone))[0]!.text);
      await expect(otp.verify(t.app.db, { ...key, code: write(code.prefix, code.digits) }, at(t0, 5 * S))).resolves.toMatchObject({
        prefix: code.prefix,
      });
    }
    expect(parseOtpInput('12345')).toBeNull();
    expect(parseOtpInput('KT-48291')).toBeNull();
    expect(parseOtpInput('kt 482 913')).toEqual({ prefix: 'KT', digits: '482913' });
  });

  it('stores only an HMAC of the code, keyed with the server secret and bound to the challenge', async () => {
    const { c, key, input } = person();
    const issued = await otp.issue(t.app.db, input);
    await drain();
    const { digits } = codeIn((await sms(c.phone))[0]!.text);
    const r = await row(issued.challengeId);
    expect(r.code_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(r.code_hash).not.toContain(digits);
    const k = createHmac('sha256', SECRET).update('otp-code-v1').digest();
    expect(r.code_hash).toBe(createHmac('sha256', k).update(`${issued.challengeId}:${digits}`).digest('hex'));
    // The same digits under another challenge id hash differently; a plain hash of the digits is not stored.
    expect(createHmac('sha256', k).update(`${randomUUID()}:${digits}`).digest('hex')).not.toBe(r.code_hash);
    const all = JSON.stringify(
      await t.database.db.selectFrom('otp_challenge').selectAll().where('subject_id', '=', key.subjectId).execute(),
    );
    expect(all).not.toContain(digits);
  });

  it('issued inside a transaction that rolls back, no challenge and no message remain', async () => {
    const { key, input } = person();
    await expect(
      t.app.db.transaction().execute(async (trx) => {
        await otp.issue(trx, input);
        throw new Error('the application could not be saved');
      }),
    ).rejects.toThrow('could not be saved');
    expect(await otp.status(t.app.db, key)).toBeNull();
    const rows = await t.database.db.selectFrom('otp_challenge').select('id').where('subject_id', '=', key.subjectId).execute();
    expect(rows).toEqual([]);
  });

  it('an old code after a resend answers otp-old-code naming the current prefix, and costs no attempt', async () => {
    const t0 = new Date();
    const { c, key, input } = person();
    const first = await otp.issue(t.app.db, input, t0);
    const second = await otp.resend(t.app.db, key, at(t0, 30 * S));
    expect(second.prefix).not.toBe(first.prefix);
    expect((await row(first.challengeId)).superseded_at).toEqual(at(t0, 30 * S));
    await drain();
    const received = (await sms(c.phone)).map((m) => codeIn(m.text));
    expect(received).toHaveLength(2);
    const older = received.find((m) => m.prefix === first.prefix);
    const newer = received.find((m) => m.prefix === second.prefix);

    const withPrefix = await problem(otp.verify(t.app.db, { ...key, code: older!.full }, at(t0, 40 * S)));
    expect(withPrefix).toMatchObject({ code: 'otp-old-code', status: 422, params: { given: older!.full, prefix: second.prefix } });
    expect(withPrefix.detail('vi')).toContain(`bắt đầu bằng ${second.prefix}`);
    // Typed without its prefix, the old code is still recognised by its digits.
    const digitsOnly = await problem(otp.verify(t.app.db, { ...key, code: older!.digits }, at(t0, 41 * S)));
    expect(digitsOnly).toMatchObject({ code: 'otp-old-code', params: { given: older!.full, prefix: second.prefix } });
    expect((await otp.status(t.app.db, key, at(t0, 42 * S)))!.attemptsLeft).toBe(5);
    await expect(otp.verify(t.app.db, { ...key, code: newer!.full }, at(t0, 43 * S))).resolves.toMatchObject({
      challengeId: second.challengeId,
    });
  });
});

describe('attempts and expiry', () => {
  it('wrong codes are counted even when the caller rolls back, and the code locks after the limit', async () => {
    const t0 = new Date();
    const { c, key, input } = person();
    const issued = await otp.issue(t.app.db, input, t0);
    await drain();
    const code = codeIn((await sms(c.phone))[0]!.text);
    const wrong = `${code.prefix}-${code.digits === '000000' ? '111111' : '000000'}`;
    const when = at(t0, 10 * S);

    const first = await problem(otp.verify(t.app.db, { ...key, code: wrong }, when));
    expect(first).toMatchObject({ code: 'otp-invalid', status: 422, params: { left: 4 }, extensions: { attemptsLeft: 4 } });
    // In the caller's transaction, which the thrown problem rolls back: the attempt still counts.
    const inTrx = await problem(t.app.db.transaction().execute((trx) => otp.verify(trx, { ...key, code: wrong }, when)));
    expect(inTrx).toMatchObject({ code: 'otp-invalid', params: { left: 3 } });
    expect((await row(issued.challengeId)).attempts).toBe(2);
    // Something that is not a code at all costs nothing.
    expect(await problem(otp.verify(t.app.db, { ...key, code: '12345' }, when))).toMatchObject({
      code: 'otp-invalid',
      params: { left: 3 },
    });
    expect(await problem(otp.verify(t.app.db, { ...key, code: wrong }, when))).toMatchObject({ params: { left: 2 } });
    expect(await problem(otp.verify(t.app.db, { ...key, code: wrong }, when))).toMatchObject({ params: { left: 1 } });
    const last = await problem(otp.verify(t.app.db, { ...key, code: wrong }, when));
    expect(last).toMatchObject({ code: 'otp-attempts-exceeded', status: 429 });
    // Locked: even the right code is refused now, and the count stays.
    expect(await problem(otp.verify(t.app.db, { ...key, code: code.full }, when))).toMatchObject({ code: 'otp-attempts-exceeded' });
    expect((await row(issued.challengeId)).attempts).toBe(5);
    expect(await otp.status(t.app.db, key, when)).toMatchObject({ state: 'locked', attemptsLeft: 0 });

    // A new code (after the back-off) starts with fresh attempts.
    await otp.resend(t.app.db, key, at(t0, 30 * S));
    await drain();
    const fresh = codeIn((await sms(c.phone))[0]!.text);
    expect(await otp.status(t.app.db, key, at(t0, 31 * S))).toMatchObject({ state: 'pending', attemptsLeft: 5, prefix: fresh.prefix });
    await expect(otp.verify(t.app.db, { ...key, code: fresh.full }, at(t0, 32 * S))).resolves.toMatchObject({ prefix: fresh.prefix });
  });

  it('a code expires after 5 minutes; the expiry is configurable and said in the message', async () => {
    const t0 = new Date();
    const { c, key, input } = person();
    await otp.issue(t.app.db, input, t0);
    await drain();
    const code = codeIn((await sms(c.phone))[0]!.text);
    expect(await problem(otp.verify(t.app.db, { ...key, code: code.full }, at(t0, 300 * S)))).toMatchObject({
      code: 'otp-expired',
      status: 422,
    });
    expect(await otp.status(t.app.db, key, at(t0, 300 * S))).toMatchObject({ state: 'expired' });

    const short = new OtpService(t.app.db, SECRET, { ttlSeconds: 60 });
    const p = person();
    const issued = await short.issue(t.app.db, { ...p.input, lang: 'en' }, t0);
    expect(issued.expiresAt).toEqual(at(t0, 60 * S));
    await drain();
    const text = (await sms(p.c.phone))[0]!.text;
    expect(text).toMatch(/^Motcua: your confirmation code is [A-Z]{2}-[0-9]{6}\. It expires in 1 minute \(at [0-9:]{5}\)\./);
    const pc = codeIn(text);
    await expect(short.verify(t.app.db, { ...p.key, code: pc.full }, at(t0, 59 * S))).resolves.toBeDefined();
  });
});

describe('resend', () => {
  it('too soon answers 429 with the seconds left; the wait doubles (30, 60, 120, 240 s); at most 5 sends an hour', async () => {
    const t0 = new Date();
    const { c, key, input } = person();
    const prefixes = [(await otp.issue(t.app.db, input, t0)).prefix];

    const soon = await problem(otp.resend(t.app.db, key, at(t0, 10 * S)));
    expect(soon).toMatchObject({ code: 'otp-resend-too-soon', status: 429, params: { seconds: 20 }, extensions: { seconds: 20 } });
    expect(soon.detail('vi')).toBe('Vui lòng chờ 20 giây trước khi gửi lại mã.');
    // Calling issue() again is no way around the wait.
    expect(await problem(otp.issue(t.app.db, input, at(t0, 10 * S)))).toMatchObject({
      code: 'otp-resend-too-soon',
      params: { seconds: 20 },
    });

    let sentAt = at(t0, 30 * S);
    for (const wait of [60, 120, 240, 240]) {
      const r = await otp.resend(t.app.db, key, sentAt);
      prefixes.push(r.prefix);
      expect(r.resendAt).toEqual(at(sentAt, wait * S));
      if (prefixes.length < 5)
        expect(await problem(otp.resend(t.app.db, key, at(r.resendAt, -1 * S)))).toMatchObject({
          code: 'otp-resend-too-soon',
          params: { seconds: 1 },
        });
      sentAt = r.resendAt;
    }
    // Five sends within the hour (t0, +30 s, +90 s, +210 s, +450 s): the sixth waits until the first is an hour old.
    expect(await otp.status(t.app.db, key, sentAt)).toMatchObject({ sends: 5, resendAt: at(t0, 3600 * S) });
    const capped = await problem(otp.resend(t.app.db, key, sentAt));
    expect(capped).toMatchObject({ code: 'otp-too-many-sends', status: 429, params: { minutes: 49 } });
    expect(await problem(otp.issue(t.app.db, input, sentAt))).toMatchObject({ code: 'otp-too-many-sends' });
    const next = await otp.resend(t.app.db, key, at(t0, 3601 * S));
    prefixes.push(next.prefix);
    // Every send had a prefix of its own, and every send reached the SMS gateway once.
    expect(new Set(prefixes).size).toBe(6);
    await drain();
    // (Sends of one sweep are delivered side by side, so in no particular order.)
    expect((await sms(c.phone)).map((m) => codeIn(m.text).prefix).sort()).toEqual([...prefixes].sort());
  });

  it('falls back to e-mail and to the VNeID app 30 s after the SMS, through the outbox to their simulators', async () => {
    const t0 = new Date();
    const { c, key, input } = person(true);
    const email = input.email!;
    await otp.issue(t.app.db, input, t0);
    expect(await otp.status(t.app.db, key, at(t0, 10 * S))).toMatchObject({
      channel: 'sms',
      fallbackChannels: ['email', 'vneid-push'],
      fallbackAt: at(t0, 30 * S),
      fallbackAvailable: false,
    });
    expect(await problem(otp.resend(t.app.db, { ...key, channel: 'email' }, at(t0, 10 * S)))).toMatchObject({
      code: 'otp-resend-too-soon',
      params: { seconds: 20 },
    });
    expect(await otp.status(t.app.db, key, at(t0, 30 * S))).toMatchObject({ fallbackAvailable: true });

    const byEmail = await otp.resend(t.app.db, { ...key, channel: 'email' }, at(t0, 30 * S));
    expect(byEmail).toMatchObject({ channel: 'email', destination: `${email.slice(0, 2)}***@example.vn`, resendAt: at(t0, 90 * S) });
    // Another channel again 30 s later, though an e-mail resend would wait 60 s.
    const byApp = await otp.resend(t.app.db, { ...key, channel: 'vneid-push' }, at(t0, 60 * S));
    expect(byApp).toMatchObject({ channel: 'vneid-push', destination: `VNeID xxxxxxxx${c.idNumber.slice(-4)}` });
    expect(await otp.status(t.app.db, key, at(t0, 61 * S))).toMatchObject({
      channel: 'vneid-push',
      fallbackChannels: ['sms', 'email'],
      sends: 3,
    });

    await drain();
    const mails = await emails(email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe(`Mã xác nhận ${codeIn(mails[0]!.text).full} (Motcua)`);
    expect(mails[0]!.text).toContain('Mã hết hạn sau 5 phút');
    const notes = await pushes(c.idNumber);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ idNumber: c.idNumber, at: expect.stringMatching(/\+07:00$/) });
    expect(notes[0]!.text).toMatch(/^Motcua: mã xác nhận [A-Z]{2}-[0-9]{6}\. Hết hạn sau 5 phút/);
    const appCode = codeIn(notes[0]!.text);
    expect(appCode.prefix).toBe(byApp.prefix);
    // The e-mail's code is old now; the app's code confirms.
    expect(await problem(otp.verify(t.app.db, { ...key, code: codeIn(mails[0]!.text).full }, at(t0, 70 * S)))).toMatchObject({
      code: 'otp-old-code',
      params: { prefix: byApp.prefix },
    });
    await expect(otp.verify(t.app.db, { ...key, code: appCode.full }, at(t0, 71 * S))).resolves.toMatchObject({ channel: 'vneid-push' });
    expect((await sms(c.phone)).length).toBe(1);
  });

  it('a channel without an address is refused', async () => {
    const { key, input } = person();
    await expect(problem(otp.issue(t.app.db, { ...input, channel: 'vneid-push' }))).resolves.toMatchObject({ code: 'validation-failed' });
    await otp.issue(t.app.db, input, new Date());
    const p = await problem(otp.resend(t.app.db, { ...key, channel: 'email' }, at(new Date(), 60 * S)));
    expect(p).toMatchObject({ code: 'validation-failed', status: 400 });
  });
});

describe('concurrency and replays', () => {
  it('of two concurrent verifies of the right code only one succeeds', async () => {
    const t0 = new Date();
    const { c, key, input } = person();
    await otp.issue(t.app.db, input, t0);
    await drain();
    const code = codeIn((await sms(c.phone))[0]!.text).full;
    const both = await Promise.allSettled([0, 1, 2].map(() => otp.verify(t.app.db, { ...key, code }, at(t0, 5 * S))));
    expect(both.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(codesOf(both)).toEqual(['otp-already-used', 'otp-already-used']);
  });

  it('in callers’ transactions too; a caller that rolls back leaves the code usable', async () => {
    const t0 = new Date();
    const { c, key, input } = person();
    await otp.issue(t.app.db, input, t0);
    await drain();
    const code = codeIn((await sms(c.phone))[0]!.text).full;
    const when = at(t0, 5 * S);
    // The caller's later step fails: the consumption is rolled back with it.
    await expect(
      t.app.db.transaction().execute(async (trx) => {
        await otp.verify(trx, { ...key, code }, when);
        throw new Error('saving the application failed');
      }),
    ).rejects.toThrow('saving the application failed');
    expect(await otp.status(t.app.db, key, when)).toMatchObject({ state: 'pending', attemptsLeft: 5 });

    const attempt = () =>
      t.app.db.transaction().execute(async (trx) => {
        const v = await otp.verify(trx, { ...key, code }, when);
        await new Promise((r) => setTimeout(r, 50)); // the caller's own work, holding the row
        return v;
      });
    const both = await Promise.allSettled([attempt(), attempt()]);
    expect(both.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(codesOf(both)).toEqual(['otp-already-used']);
    expect(await otp.status(t.app.db, key, when)).toMatchObject({ state: 'verified', resendAt: null });
  });

  it('a verified code cannot be used again; without any code, otp-not-requested', async () => {
    const t0 = new Date();
    const { c, key, input } = person();
    await otp.issue(t.app.db, input, t0);
    await drain();
    const code = codeIn((await sms(c.phone))[0]!.text).full;
    await otp.verify(t.app.db, { ...key, code }, at(t0, 5 * S));
    expect(await problem(otp.verify(t.app.db, { ...key, code }, at(t0, 6 * S)))).toMatchObject({ code: 'otp-already-used', status: 409 });
    expect(await problem(otp.resend(t.app.db, key, at(t0, 60 * S)))).toMatchObject({ code: 'otp-already-used' });
    // Confirming again later takes a new code (issue() supersedes the used one).
    const again = await otp.issue(t.app.db, input, at(t0, 7 * S));
    expect(await otp.status(t.app.db, key, at(t0, 8 * S))).toMatchObject({ state: 'pending', prefix: again.prefix, sends: 2 });

    const none = { purpose: PURPOSE, subjectId: randomUUID() };
    expect(await problem(otp.verify(t.app.db, { ...none, code: '123456' }))).toMatchObject({ code: 'otp-not-requested', status: 409 });
    expect(await problem(otp.resend(t.app.db, none))).toMatchObject({ code: 'otp-not-requested' });
    expect(await otp.status(t.app.db, none)).toBeNull();
    // Another purpose of the same subject is another challenge.
    expect(await problem(otp.verify(t.app.db, { purpose: 'payment.confirm', subjectId: key.subjectId, code }))).toMatchObject({
      code: 'otp-not-requested',
    });
  });
});

describe('VNeID app push simulator', () => {
  it('needs its bearer token, keeps a notification once per key, follows the vneid mode, lists for system-admin only', async () => {
    const idNumber = citizen(299).idNumber;
    const send = (token: string, key: string, text: string) =>
      t.server.inject({
        method: 'POST',
        url: '/api/sim/vneid/push/v1/notifications',
        headers: { authorization: `Bearer ${token}`, 'idempotency-key': key },
        payload: { idNumber, text },
      });
    expect((await send('wrong-token', 'p1', 'a')).statusCode).toBe(401);
    const token = t.app.simulators!.vneidPushToken;
    expect((await send(token, 'p1', 'first')).json()).toMatchObject({ accepted: true, duplicate: false, simulator: true });
    expect((await send(token, 'p1', 'first')).json()).toMatchObject({ duplicate: true });
    expect((await send(token, 'p2', 'second')).statusCode).toBe(200);
    expect((await pushes(idNumber)).map((n) => n.text)).toEqual(['second', 'first']);

    const mode = (m: string) => t.req(admin, { method: 'PUT', url: '/api/sim/vneid/mode', payload: { mode: m } });
    await mode('down');
    try {
      expect((await send(token, 'p3', 'third')).statusCode).toBe(503);
      // A code sent by the app while it is down waits in the outbox, and arrives when it is back.
      const { key, input } = person(true);
      await otp.issue(t.app.db, { ...input, channel: 'vneid-push' });
      expect((await sweepOutbox(t.app, { now: new Date(Date.now() + 1000) })).failed).toBeGreaterThanOrEqual(1);
      await mode('up');
      await t.database.db.updateTable('outbox').set({ available_at: new Date() }).where('delivered_at', 'is', null).execute();
      await drain();
      const received = await pushes(input.idNumber!);
      expect(received).toHaveLength(1);
      expect(codeIn(received[0]!.text).prefix).toBe((await otp.status(t.app.db, key))!.prefix);
    } finally {
      await mode('up');
    }

    const officer = await t.login('hacthanh.reception-officer');
    expect((await t.req(officer, { method: 'GET', url: '/api/sim/vneid/push/notifications' })).statusCode).toBe(403);
    expect((await t.req(null, { method: 'GET', url: '/api/sim/vneid/push/notifications' })).statusCode).toBe(401);
  });
});

describe('the outbox does not show codes to administrators', () => {
  it('an OTP message is listed with its code hidden', async () => {
    const { redactSecrets } = await import('../../src/db/repositories/outbox.repository');
    const m = redactSecrets({
      id: '1',
      topic: 'sms.send',
      idempotencyKey: 'otp:x',
      payload: { kind: 'otp', to: '0900000000', text: 'Motcua: ma xac nhan KT-482913 cho ho so' },
      attempts: 0,
      createdAt: new Date(),
      availableAt: new Date(),
      lastError: null,
      deliveredAt: null,
      deadAt: null,
    });
    expect(m.payload.text).toBe('Motcua: ma xac nhan KT-•••••• cho ho so');
  });
});

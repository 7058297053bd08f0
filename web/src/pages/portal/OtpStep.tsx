// The confirmation code step: where the code went and the prefix it starts with (so a late message with an old
// code is told apart), one input the phone can fill from the message, a countdown to "send again", and after the
// fallback delay the other ways to get it (e-mail, the VNeID app). Errors in plain words from the server.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api, must, type Ok } from '../../api/client';
import { useLang } from '../../i18n';
import { usePT, type PortalKey } from '../../i18n/portal';
import { csrfHeaders } from '../../portal/session';
import { dateTime } from '../../ui/format';
import { useAction } from '../../ui/useAction';

export type OtpInfo = NonNullable<Ok<'/api/portal/applications/{id}/otp', 'get'>['otp']>;
export type Confirmed = Ok<'/api/portal/applications/{id}/confirm', 'post'>;

/** Server time minus this browser's clock, from a response's Date header (the countdown must not trust the PC clock). */
export function clockSkew(r: Response | undefined): number {
  const d = r?.headers.get('date');
  const t = d ? Date.parse(d) : NaN;
  return Number.isFinite(t) ? t - Date.now() : 0;
}

export function OtpStep({
  applicationId,
  initial,
  initialSkew,
  onConfirmed,
  onEdit,
}: {
  applicationId: string;
  initial: OtpInfo | null;
  initialSkew: number;
  onConfirmed: (r: Confirmed) => void;
  onEdit: () => void;
}) {
  const t = usePT();
  const lang = useLang();
  const [otp, setOtp] = useState<OtpInfo | null>(initial);
  const [skew, setSkew] = useState(initialSkew);
  const [now, setNow] = useState(() => Date.now());
  const [code, setCode] = useState('');
  const [info, setInfo] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  // The full status (attempts, fallback channels) and a tick for the countdowns.
  const refresh = async () => {
    const r = await api.GET('/api/portal/applications/{id}/otp', { params: { path: { id: applicationId } } }).catch(() => null);
    if (r?.data?.otp) {
      setOtp(r.data.otp);
      setSkew(clockSkew(r.response));
    }
  };
  useEffect(() => {
    void refresh();
    headingRef.current?.focus();
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [applicationId]);

  const serverNow = now + skew;
  const secondsUntil = (iso: string | null | undefined) => (iso ? Math.max(0, Math.ceil((Date.parse(iso) - serverNow) / 1000)) : 0);
  const resendIn = secondsUntil(otp?.resendAt);
  const fallbackIn = otp?.fallbackAt ? secondsUntil(otp.fallbackAt) : null;
  const fallbackChannels = otp?.fallbackChannels ?? [];
  // Refresh once when the fallback time comes, so the server's own view of the channels is shown.
  const fallbackDue = fallbackIn === 0 && otp?.fallbackAvailable === false;
  useEffect(() => {
    if (fallbackDue) void refresh();
  }, [fallbackDue]);

  const confirming = useAction(
    async (c: string) => {
      onConfirmed(
        must(
          await api.POST('/api/portal/applications/{id}/confirm', {
            params: { path: { id: applicationId } },
            headers: csrfHeaders(),
            body: { code: c },
          }),
        ),
      );
    },
    {
      onError: (e) => {
        if (e.kind === 'refused') return;
        if (e.kind === 'problem' && ['otp-expired', 'otp-attempts-exceeded', 'otp-old-code'].includes(e.problem.code)) void refresh();
        inputRef.current?.select();
        inputRef.current?.focus();
      },
    },
  );
  const resending = useAction(
    async (channel?: 'sms' | 'email' | 'vneid-push') => {
      setInfo(null);
      const r = await api.POST('/api/portal/applications/{id}/otp/resend', {
        params: { path: { id: applicationId } },
        headers: csrfHeaders(),
        body: channel ? { channel } : {},
      });
      const sent = must(r);
      setOtp(sent.otp);
      setSkew(clockSkew(r.response));
      setInfo(t('p.otp.resent', { prefix: sent.otp.prefix }));
      setCode('');
      void refresh();
      inputRef.current?.focus();
    },
    { onError: (e) => void (e.kind !== 'network' && refresh()) },
  );
  const busy = confirming.busy || resending.busy;
  const error = confirming.errorText(t('common.networkError')) ?? resending.errorText(t('common.networkError'));

  const confirm = async (e: FormEvent) => {
    e.preventDefault();
    const c = code.trim();
    setInfo(null);
    resending.reset();
    if (!/\d{6}/.test(c.replace(/\D/g, ''))) {
      confirming.refuse(t('p.otp.empty'));
      inputRef.current?.focus();
      return;
    }
    await confirming.run(c);
  };

  const resend = async (channel?: 'sms' | 'email' | 'vneid-push') => {
    confirming.reset();
    await resending.run(channel);
  };

  const sentKey = `p.otp.sent.${otp?.channel ?? 'sms'}` as PortalKey;
  return (
    <section className="card p-step p-otp" aria-labelledby="otp-h" data-testid="otp-step">
      <h2 id="otp-h" ref={headingRef} tabIndex={-1}>
        {t('p.otp.title')}
      </h2>
      {otp && (
        <p className="p-otp-sent" data-testid="otp-sent">
          {t(sentKey, { destination: otp.destination })} <strong>{t('p.otp.prefix', { prefix: otp.prefix })}</strong>
        </p>
      )}
      <form onSubmit={(e) => void confirm(e)} noValidate>
        <div className="p-field">
          <label htmlFor="otp-code" className="p-label">
            {t('p.otp.label')}
          </label>
          {otp && (
            <span id="otp-help" className="muted p-help">
              {t('p.otp.help', { time: dateTime(otp.expiresAt, lang) })}
            </span>
          )}
          <div className="p-otp-input">
            {otp && (
              <span className="p-otp-prefix" aria-hidden="true">
                {otp.prefix}-
              </span>
            )}
            <input
              id="otp-code"
              ref={inputRef}
              value={code}
              onChange={(e) => setCode(e.target.value.slice(0, 12))}
              inputMode="numeric"
              autoComplete="one-time-code"
              spellCheck={false}
              aria-describedby={[otp ? 'otp-help' : '', error ? 'otp-error' : ''].filter(Boolean).join(' ') || undefined}
              aria-invalid={error ? true : undefined}
              data-testid="otp-input"
            />
          </div>
        </div>
        <div aria-live="assertive">
          {error && (
            <p id="otp-error" className="alert" role="alert" data-testid="otp-error">
              {error}
            </p>
          )}
        </div>
        <div aria-live="polite">
          {info && (
            <p className="p-ok" role="status">
              {info}
            </p>
          )}
        </div>
        <button type="submit" className="btn btn-big" disabled={busy}>
          {busy ? t('p.otp.confirming') : t('p.otp.confirm')}
        </button>
      </form>

      <div className="p-otp-resend">
        <h3>{t('p.otp.notArrived')}</h3>
        {resendIn > 0 ? (
          <p className="muted" data-testid="otp-countdown">
            {t('p.otp.resendIn', { n: resendIn })}
          </p>
        ) : (
          <button type="button" className="btn btn-outline" onClick={() => void resend()} disabled={busy} data-testid="otp-resend">
            {t('p.otp.resend')}
          </button>
        )}
        {fallbackChannels.length > 0 &&
          (fallbackIn !== null && fallbackIn > 0 ? (
            fallbackIn !== resendIn && <p className="muted">{t('p.otp.fallbackIn', { n: fallbackIn })}</p>
          ) : fallbackIn === 0 ? (
            <div className="p-otp-fallback">
              {fallbackChannels.map((c) => (
                <button key={c} type="button" className="btn btn-outline" onClick={() => void resend(c)} disabled={busy}>
                  {t(`p.otp.via.${c}` as PortalKey)}
                </button>
              ))}
            </div>
          ) : null)}
      </div>
      <p>
        <button type="button" className="link-like" onClick={onEdit}>
          {t('p.otp.edit')}
        </button>
      </p>
    </section>
  );
}

// The kiosk at the entrance (touch screen, large text, Vietnamese first): choose a field or find it by a
// procedure's name, declare priority, optionally a phone number; prints a ticket through the browser's print
// (number, field, position, estimated wait, a QR code to follow it). A booked citizen checks in with the QR code.
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useParams } from 'react-router-dom';
import { useQT } from '../../i18n/queue';
import { useAction } from '../../ui/useAction';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { getJson, NETWORK_TEXT, newKey, postOrThrow, PRIORITIES, type Priority } from './common';
import { TicketSlip, type Issued } from './TicketSlip';
import './queue.css';

type Info = { unitName: string; fields: { id: string; name: string; prefix: string }[] };
type Proc = { id: string; name: string; field: string };

export default function Kiosk() {
  const t = useQT();
  const { unitId = '' } = useParams();
  useDocumentTitle(t('q.kiosk.title'));
  const [info, setInfo] = useState<Info | null>(null);
  const [procs, setProcs] = useState<Proc[]>([]);
  const [q, setQ] = useState('');
  const [field, setField] = useState<Info['fields'][number] | null>(null);
  const [priority, setPriority] = useState<Priority | null>(null);
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [loadError, setLoadError] = useState<string | null>(null);
  const [ticket, setTicket] = useState<(Issued & { fieldName: string }) | null>(null);

  useEffect(() => {
    getJson<Info>(`/api/public/queue/${unitId}`).then(setInfo, () => setLoadError('Không tải được danh sách lĩnh vực.'));
    getJson<{ items: Proc[] }>(`/api/procedures?unitId=${unitId}&limit=200`).then(
      (r) => setProcs(r.items),
      () => setProcs([]),
    );
  }, [unitId]);

  const matches = useMemo(() => {
    const s = q.trim().toLowerCase();
    if (s.length < 2 || !info) return [];
    const served = new Set(info.fields.map((f) => f.name));
    return procs.filter((p) => served.has(p.field) && p.name.toLowerCase().includes(s)).slice(0, 6);
  }, [q, procs, info]);

  const reset = () => {
    setTicket(null);
    setField(null);
    setPriority(null);
    setPhone('');
    setQ('');
    setCode('');
    setLoadError(null);
    issue.reset();
    arrive.reset();
  };

  // The key is an argument: Retry after no answer asks for the same ticket, never a second one.
  const issue = useAction(async (f: Info['fields'][number], body: { priority?: Priority; phone?: string }, key: string) => {
    const r = await postOrThrow<Issued>(`/api/public/queue/${unitId}/tickets`, { fieldId: f.id, ...body }, { 'idempotency-key': key });
    setTicket({ ...r, fieldName: f.name });
  });
  const arrive = useAction(async (code: string) => {
    const r = await postOrThrow<Issued>(`/api/public/queue/${unitId}/check-in`, { code });
    setTicket({ ...r, fieldName: info?.fields.find((f) => f.id === r.fieldId)?.name ?? '' });
  });
  const busy = issue.busy || arrive.busy;
  const error = loadError ?? issue.errorText(NETWORK_TEXT) ?? arrive.errorText(NETWORK_TEXT);

  const take = async () => {
    if (!field) return;
    arrive.reset();
    await issue.run(field, { ...(priority ? { priority } : {}), ...(phone ? { phone } : {}) }, newKey());
  };

  const checkIn = async (e: FormEvent) => {
    e.preventDefault();
    issue.reset();
    await arrive.run(code.trim());
  };

  if (ticket)
    return (
      <main className="q-page">
        <TicketSlip ticket={ticket} unitName={info?.unitName ?? ''} />
        <div className="q-row" style={{ justifyContent: 'center' }}>
          <button className="q-primary" onClick={() => window.print()} data-testid="print">
            {t('q.kiosk.print')}
          </button>
          <button className="q-secondary" onClick={reset}>
            {t('q.kiosk.done')}
          </button>
        </div>
      </main>
    );

  return (
    <main className="q-page">
      <h1>
        {t('q.kiosk.title')} — {info?.unitName}
      </h1>
      {error && (
        <p className="q-error" role="alert">
          {error}
        </p>
      )}
      {!field ? (
        <>
          <h2>{t('q.kiosk.chooseField')}</h2>
          <div className="q-grid" data-testid="fields">
            {info?.fields.map((f) => (
              <button key={f.id} className="q-big" onClick={() => setField(f)}>
                <span aria-hidden="true">{f.prefix} · </span>
                {f.name}
              </button>
            ))}
          </div>
          <h2>{t('q.kiosk.orProcedure')}</h2>
          <input
            className="q-input"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            placeholder={t('q.kiosk.search')}
            aria-label={t('q.kiosk.orProcedure')}
          />
          <div className="q-grid" style={{ marginTop: 12 }}>
            {matches.map((p) => (
              <button key={p.id} className="q-big" onClick={() => setField(info!.fields.find((f) => f.name === p.field) ?? null)}>
                {p.name}
                <br />
                <small>{p.field}</small>
              </button>
            ))}
          </div>
          <form onSubmit={checkIn}>
            <h2>{t('q.kiosk.checkIn')}</h2>
            <div className="q-row" style={{ marginTop: 0 }}>
              <input
                className="q-input"
                value={code}
                onChange={(e) => setCode(e.target.value)}
                aria-label={t('q.kiosk.checkIn')}
                autoComplete="off"
              />
              <button className="q-secondary" disabled={busy || code.trim().length < 6}>
                {t('q.kiosk.checkInButton')}
              </button>
            </div>
          </form>
        </>
      ) : (
        <>
          <h2 style={{ fontSize: '2rem' }}>{field.name}</h2>
          <h2>{t('q.kiosk.priority')}</h2>
          <div className="q-grid">
            <button className="q-big" aria-pressed={priority === null} onClick={() => setPriority(null)}>
              {t('q.kiosk.none')}
            </button>
            {PRIORITIES.map((p) => (
              <button key={p} className="q-big" aria-pressed={priority === p} onClick={() => setPriority(p)}>
                {t(`q.prio.${p}`)}
              </button>
            ))}
          </div>
          <h2>
            <label htmlFor="kiosk-phone">{t('q.kiosk.phone')}</label>
          </h2>
          <input
            id="kiosk-phone"
            className="q-input"
            inputMode="numeric"
            value={phone}
            onChange={(e) => setPhone(e.target.value.replace(/\D/g, '').slice(0, 10))}
            placeholder="09xxxxxxxx"
          />
          <div className="q-row">
            <button
              className="q-primary"
              onClick={() => void take()}
              disabled={busy || (phone !== '' && !/^0\d{9}$/.test(phone))}
              data-testid="take"
            >
              {t('q.kiosk.take')}
            </button>
            <button className="q-secondary" onClick={() => setField(null)}>
              {t('q.kiosk.back')}
            </button>
          </div>
        </>
      )}
    </main>
  );
}

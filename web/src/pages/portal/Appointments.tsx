// /cong-dan/lich-hen — book an appointment at a centre (VNeID citizen): choose the centre, the field and the day
// (today to 6 days ahead), then a free time; the booking's code is shown as a QR code for the kiosk. Cancel.
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { useQT } from '../../i18n/queue';
import { CitizenPage, useCitizenData } from '../../portal/ui';
import { csrfHeaders } from '../../portal/session';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { qrSvg } from '../queue/common';
import './portal.css';

type Unit = { id: string; name: string; type: string };
type Field = { id: string; name: string };
type Slot = { start: string; end: string; free: number };
type Appt = { id: string; code: string; fieldName: string; slotStart: string; status: 'booked' | 'checked-in' | 'cancelled' };

/** A label above its select, the select as wide as the card (a long centre name must not push it past the edge on a phone). */
const FIELD = { display: 'grid', gap: 4 } as const;
const vnToday = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const dmy = (iso: string) => `${iso.slice(11, 16)} ${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

function Qr({ text }: { text: string }) {
  const [svg, setSvg] = useState('');
  useEffect(() => void qrSvg(text).then(setSvg), [text]);
  return <div style={{ width: 140, height: 140 }} dangerouslySetInnerHTML={{ __html: svg }} />;
}

export default function Appointments() {
  const t = useQT();
  useDocumentTitle(t('q.book.title'));
  const [reload, setReload] = useState(0);
  const { data, error } = useCitizenData(() => api.GET('/api/portal/appointments'), reload);
  const [units, setUnits] = useState<Unit[]>([]);
  const [unitId, setUnitId] = useState('');
  const [fields, setFields] = useState<Field[]>([]);
  const [fieldId, setFieldId] = useState('');
  const [date, setDate] = useState(vnToday());
  const [slots, setSlots] = useState<Slot[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    void fetch('/api/units')
      .then((r) => r.json() as Promise<{ items: Unit[] }>)
      .then((r) => setUnits(r.items.filter((u) => u.type !== 'province')));
  }, []);
  useEffect(() => {
    if (!unitId) return;
    void fetch(`/api/public/queue/${unitId}`)
      .then((r) => r.json() as Promise<{ fields: Field[] }>)
      .then((r) => setFields(r.fields));
  }, [unitId]);
  useEffect(() => {
    setSlots(null);
    if (!unitId || !fieldId) return;
    void fetch(`/api/public/queue/${unitId}/slots?fieldId=${fieldId}&date=${date}`)
      .then((r) => r.json() as Promise<{ slots: Slot[] }>)
      .then((r) => setSlots(r.slots.filter((s) => s.free > 0)));
  }, [unitId, fieldId, date, reload]);

  const book = async (slot: Slot) => {
    setProblem(null);
    const r = await api.POST('/api/portal/appointments', { headers: csrfHeaders(), body: { unitId, fieldId, slotStart: slot.start } });
    if (r.data) setReload((n) => n + 1);
    else setProblem((r.error as { detail?: string } | undefined)?.detail ?? 'Lỗi');
  };
  const cancel = async (id: string) => {
    await api.DELETE('/api/portal/appointments/{id}', { params: { path: { id } }, headers: csrfHeaders() });
    setReload((n) => n + 1);
  };

  const days = Array.from({ length: 7 }, (_, i) => addDays(vnToday(), i));
  return (
    <CitizenPage title={t('q.book.title')} intro={t('q.book.rules')} error={error}>
      <div className="card" style={{ display: 'grid', gap: 12, maxWidth: 640 }}>
        <label style={FIELD}>
          {t('q.book.unit')}
          <select
            className="input"
            style={{ width: '100%', minWidth: 0, fontSize: '1rem', padding: 6 }}
            value={unitId}
            onChange={(e) => setUnitId(e.target.value)}
            data-testid="book-unit"
          >
            <option value="" />
            {units.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </label>
        <label style={FIELD}>
          {t('q.book.field')}
          <select
            className="input"
            style={{ width: '100%', minWidth: 0, fontSize: '1rem', padding: 6 }}
            value={fieldId}
            onChange={(e) => setFieldId(e.target.value)}
            data-testid="book-field"
          >
            <option value="" />
            {fields.map((f) => (
              <option key={f.id} value={f.id}>
                {f.name}
              </option>
            ))}
          </select>
        </label>
        <label style={FIELD}>
          {t('q.book.date')}
          <select
            className="input"
            style={{ width: '100%', minWidth: 0, fontSize: '1rem', padding: 6 }}
            value={date}
            onChange={(e) => setDate(e.target.value)}
            data-testid="book-date"
          >
            {days.map((d) => (
              <option key={d} value={d}>
                {d.split('-').reverse().join('/')}
              </option>
            ))}
          </select>
        </label>
        {slots && (
          <div>
            <h2>{t('q.book.slots')}</h2>
            {slots.length === 0 ? (
              <p className="muted">{t('q.book.none')}</p>
            ) : (
              <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
                {slots.map((s) => (
                  <button key={s.start} className="btn" onClick={() => void book(s)}>
                    {t('q.book.book', { time: s.start.slice(11, 16) })}
                  </button>
                ))}
              </div>
            )}
          </div>
        )}
        {problem && (
          <p className="alert" role="alert">
            {problem}
          </p>
        )}
      </div>
      <h2>{t('q.book.mine')}</h2>
      <ul className="p-dossiers" data-testid="my-appointments">
        {((data?.items ?? []) as Appt[]).map((a) => (
          <li key={a.id} className="card" style={{ display: 'flex', gap: 16, alignItems: 'center' }}>
            {a.status === 'booked' && <Qr text={a.code} />}
            <div>
              <strong>{a.fieldName}</strong>
              <p>{dmy(a.slotStart)}</p>
              <p>{t(`q.status.${a.status}`)}</p>
              {a.status === 'booked' && (
                <>
                  <p className="muted">
                    {t('q.book.code')}: <code>{a.code}</code>
                  </p>
                  <button className="btn" onClick={() => void cancel(a.id)}>
                    {t('q.book.cancel')}
                  </button>
                </>
              )}
            </div>
          </li>
        ))}
      </ul>
    </CitizenPage>
  );
}

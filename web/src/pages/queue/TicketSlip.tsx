// The printed ticket (and its on-screen copy): number, field, position, estimated wait, QR code to follow it.
import { useEffect, useState } from 'react';
import { useQT } from '../../i18n/queue';
import { hhmm, qrSvg } from './common';

export type Issued = {
  id: string;
  number: string;
  fieldId: string;
  position: number;
  estimatedWaitMinutes: number;
  arrivedAt: string;
  slotStart?: string;
};

export function TicketSlip({ ticket, unitName }: { ticket: Issued & { fieldName: string }; unitName: string }) {
  const t = useQT();
  const [qr, setQr] = useState('');
  useEffect(() => {
    void qrSvg(`${location.origin}/so/${ticket.id}`).then(setQr);
  }, [ticket.id]);
  return (
    <section className="q-ticket" data-testid="ticket" aria-live="polite">
      <p>{unitName}</p>
      <p>{t('q.ticket.number')}</p>
      <div className="q-num" data-testid="ticket-number">
        {ticket.number}
      </div>
      <p>
        <strong>{ticket.fieldName}</strong>
      </p>
      {ticket.slotStart ? (
        <p>{t('q.ticket.booked', { time: hhmm(ticket.slotStart) })}</p>
      ) : (
        <>
          <p>{t('q.ticket.position', { n: ticket.position - 1 })}</p>
          <p>{t('q.ticket.wait', { n: ticket.estimatedWaitMinutes })}</p>
        </>
      )}
      <div dangerouslySetInnerHTML={{ __html: qr }} />
      <p>{t('q.ticket.scan')}</p>
      <p>
        {ticket.arrivedAt.slice(11, 16)} {ticket.arrivedAt.slice(8, 10)}/{ticket.arrivedAt.slice(5, 7)}/{ticket.arrivedAt.slice(0, 4)}
      </p>
    </section>
  );
}

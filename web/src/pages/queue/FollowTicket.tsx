// A ticket followed on the citizen's phone (from the QR code on the ticket): status, people ahead, the counter
// when called; after service, a link to rate the officer. Refreshes every 10 seconds.
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useQT } from '../../i18n/queue';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { getJson } from './common';
import './queue.css';

type Followed = { id: string; number: string; status: string; counterNumber: number | null; ahead: number };

export default function FollowTicket() {
  const t = useQT();
  const { ticketId = '' } = useParams();
  useDocumentTitle(t('q.follow.title'));
  const [tk, setTk] = useState<Followed | null>(null);
  const [error, setError] = useState(false);
  useEffect(() => {
    let stop = false;
    const load = () =>
      getJson<Followed>(`/api/public/queue/tickets/${ticketId}`).then(
        (x) => !stop && (setTk(x), setError(false)),
        () => !stop && setError(true),
      );
    void load();
    const id = setInterval(() => void load(), 10_000);
    return () => {
      stop = true;
      clearInterval(id);
    };
  }, [ticketId]);
  return (
    <main className="q-page" style={{ textAlign: 'center' }}>
      <h1>{t('q.follow.title')}</h1>
      {error && <p className="q-error">404</p>}
      {tk && (
        <>
          <div style={{ fontSize: '5rem', fontWeight: 800 }}>{tk.number}</div>
          <p style={{ fontSize: '1.6rem' }} data-testid="follow-status">
            {tk.status === 'waiting' && t('q.follow.waiting', { n: tk.ahead })}
            {tk.status === 'called' && t('q.follow.called', { counter: tk.counterNumber ?? '' })}
            {tk.status === 'serving' && t('q.follow.serving', { counter: tk.counterNumber ?? '' })}
            {tk.status === 'finished' && t('q.follow.finished')}
            {tk.status === 'missed' && t('q.follow.missed')}
          </p>
          {(tk.status === 'finished' || tk.status === 'serving') && (
            <Link className="q-primary" style={{ display: 'inline-block', textDecoration: 'none' }} to={`/danh-gia?ve=${tk.id}`}>
              {t('q.follow.rate')}
            </Link>
          )}
        </>
      )}
    </main>
  );
}

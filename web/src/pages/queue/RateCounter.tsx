// The citizen's rating right after service: a tablet at the counter (?ve=<ticket>, or ?quay=<counter> to rate
// whoever that counter just served) or a phone from the ticket's QR code. The TT 01/2018 indicators that
// apply at the counter, each Good (2) / Fair (1) / Poor (0), and a comment. Once per visit.
import { useEffect, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useQT, type QueueKey } from '../../i18n/queue';
import { refuse } from '../../ui/action';
import { useAction } from '../../ui/useAction';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { NETWORK_TEXT, newKey, postOrThrow } from './common';
import './queue.css';

const QUESTIONS = ['attitude', 'contacts', 'bodies', 'publicity'] as const;
type Answers = Partial<Record<(typeof QUESTIONS)[number], 0 | 1 | 2>>;

export default function RateCounter() {
  const t = useQT();
  useDocumentTitle(t('q.rate.title'));
  const [params] = useSearchParams();
  const ticketId = params.get('ve') ?? '';
  const [answers, setAnswers] = useState<Answers>({});
  const [comment, setComment] = useState('');
  const [done, setDone] = useState(false);
  useEffect(() => {
    setAnswers({});
    setDone(false);
    setComment('');
  }, [ticketId]);

  // The key is an argument: Retry sends the same rating, never a second one.
  const send = useAction(async (answers: Answers, comment: string, key: string) => {
    if (Object.keys(answers).length === 0) refuse(t('q.rate.answerAll'));
    await postOrThrow(
      '/api/public/ratings',
      { ticketId, answers, ...(comment.trim() ? { comment: comment.trim() } : {}) },
      { 'idempotency-key': key },
    );
    setDone(true);
  });
  const busy = send.busy;
  const error = send.errorText(NETWORK_TEXT);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void send.run(answers, comment, newKey());
  };

  if (done)
    return (
      <main className="q-page" style={{ textAlign: 'center' }}>
        <h1 data-testid="rate-thanks">{t('q.rate.thanks')}</h1>
      </main>
    );
  return (
    <main className="q-page">
      <h1>{t('q.rate.title')}</h1>
      <p style={{ fontSize: '1.2rem' }}>{t('q.rate.intro')}</p>
      <form onSubmit={submit}>
        {QUESTIONS.map((k) => (
          <fieldset key={k} className="q-question">
            <legend>{t(`q.rate.${k}` as QueueKey)}</legend>
            <div className="q-scale">
              {([2, 1, 0] as const).map((v) => (
                <button
                  type="button"
                  key={v}
                  className="q-big"
                  aria-pressed={answers[k] === v}
                  data-testid={`rate-${k}-${v}`}
                  onClick={() => setAnswers((a) => ({ ...a, [k]: v }))}
                >
                  {t(`q.rate.${v}`)}
                </button>
              ))}
            </div>
          </fieldset>
        ))}
        <label style={{ fontSize: '1.3rem', display: 'block', margin: '16px 0 8px' }} htmlFor="rate-comment">
          {t('q.rate.comment')}
        </label>
        <textarea
          id="rate-comment"
          className="q-input"
          rows={3}
          maxLength={2000}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
        />
        {error && (
          <p className="q-error" role="alert">
            {error}
          </p>
        )}
        <div className="q-row">
          <button className="q-primary" disabled={busy || !ticketId} data-testid="rate-send">
            {t('q.rate.send')}
          </button>
        </div>
      </form>
    </main>
  );
}

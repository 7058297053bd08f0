// The sender's page for one feedback (/phan-anh/:code, the link in the SMS): proven by the phone given at
// submission; shows the status, the due time, the question asked, the published answer, and the rating form
// (once, within 14 days of publication; "not satisfied" needs a reason and reopens the feedback).
import { FEEDBACK_STATUS_LABELS } from '@domain/feedback/lifecycle';
import { useState, type FormEvent } from 'react';
import { useParams } from 'react-router-dom';
import { api, must, type Ok } from '../../api/client';
import { useLang, useT } from '../../i18n';
import { dateTime } from '../../ui/format';
import { refuse } from '../../ui/action';
import { useAction } from '../../ui/useAction';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { AnswerView } from './AnswerView';
import { useFT } from './i18n';
import './feedback.css';

type View = Ok<'/api/public/feedback/{code}', 'get'>;

export default function FeedbackView() {
  const { code = '' } = useParams();
  const ft = useFT();
  const t = useT();
  const lang = useLang();
  useDocumentTitle(ft('view.title', { code }));
  const [phone, setPhone] = useState('');
  const [view, setView] = useState<View | null>(null);
  const [satisfied, setSatisfied] = useState<boolean | null>(null);
  const [reason, setReason] = useState('');

  const load = async (phone: string) => {
    const r = await api.GET('/api/public/feedback/{code}', { params: { path: { code }, query: { phone } } });
    if (r.response.status === 404) refuse(ft('view.notFound'));
    setView(must(r));
  };
  const open = useAction(load);
  const rate = useAction(async (phone: string, satisfied: boolean, reason: string) => {
    must(
      await api.POST('/api/public/feedback/{code}/rating', {
        params: { path: { code } },
        body: { phone, satisfied, ...(reason.trim() ? { reason } : {}) },
      }),
    );
    await load(phone);
  });
  const busy = open.busy || rate.busy;
  const error = open.errorText(t('common.networkError')) ?? rate.errorText(t('common.networkError'));
  const onOpen = async (e: FormEvent) => {
    e.preventDefault();
    rate.reset();
    await open.run(phone);
  };
  const onRate = async (e: FormEvent) => {
    e.preventDefault();
    if (satisfied === null) return;
    open.reset();
    await rate.run(phone, satisfied, reason);
  };

  return (
    <div className="fb-view">
      <h1 className="page-title">{ft('view.title', { code })}</h1>
      {!view && (
        <form className="card" onSubmit={(e) => void onOpen(e)} noValidate>
          <div className="field">
            <label htmlFor="fbv-phone">{ft('view.phone')}</label>
            <input id="fbv-phone" value={phone} onChange={(e) => setPhone(e.target.value)} inputMode="tel" autoComplete="tel" />
          </div>
          <button type="submit" className="btn" disabled={busy || phone.trim().length < 8}>
            {ft('view.open')}
          </button>
        </form>
      )}
      {error && (
        <div className="alert" role="alert" data-testid="feedback-view-error">
          {error}
        </div>
      )}
      {view && (
        <section className="card" data-testid="feedback-view">
          <p>
            <span className="badge badge-strong" data-testid="feedback-status">
              {FEEDBACK_STATUS_LABELS[view.status][lang]}
            </span>
          </p>
          <dl className="status-dl">
            <div>
              <dt>{ft('view.unit')}</dt>
              <dd>{view.unit.name}</dd>
            </div>
            {view.dueAt && (
              <div>
                <dt>{ft('view.due')}</dt>
                <dd>{dateTime(view.dueAt, lang)}</dd>
              </div>
            )}
            {view.question && (
              <div>
                <dt>{ft('view.question')}</dt>
                <dd>{view.question}</dd>
              </div>
            )}
            {view.refusalReason && (
              <div>
                <dt>{ft('view.refused')}</dt>
                <dd>{view.refusalReason}</dd>
              </div>
            )}
          </dl>
          {view.answer && (
            <>
              <h2 className="fb-h2">{ft('view.answer')}</h2>
              <AnswerView answer={view.answer} />
            </>
          )}
          {view.rating && <p>{ft('view.rated', { value: view.rating.satisfied ? ft('view.satisfied') : ft('view.unsatisfied') })}</p>}
          {view.canRate && (
            <form onSubmit={(e) => void onRate(e)} noValidate>
              <fieldset className="fb-kinds">
                <legend>{ft('view.rate')}</legend>
                {view.rateUntil && <p className="muted">{ft('view.rateUntil', { until: dateTime(view.rateUntil, lang) })}</p>}
                <div className="fb-rate">
                  <label className="fb-radio">
                    <input type="radio" name="rate" checked={satisfied === true} onChange={() => setSatisfied(true)} />
                    {ft('view.satisfied')}
                  </label>
                  <label className="fb-radio">
                    <input type="radio" name="rate" checked={satisfied === false} onChange={() => setSatisfied(false)} />
                    {ft('view.unsatisfied')}
                  </label>
                </div>
              </fieldset>
              {satisfied === false && (
                <div className="field fb-field">
                  <label htmlFor="fbv-reason">{ft('view.reason')}</label>
                  <textarea id="fbv-reason" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
                </div>
              )}
              <button type="submit" className="btn" disabled={busy || satisfied === null}>
                {ft('view.sendRating')}
              </button>
            </form>
          )}
        </section>
      )}
    </div>
  );
}

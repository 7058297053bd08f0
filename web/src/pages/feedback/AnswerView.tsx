// A published answer as citizens read it: outcome, legal basis, each point with its response, promised actions.
import type { Ok } from '../../api/client';
import { useLang } from '../../i18n';
import { useUnits } from '../../units';
import { useFT } from './i18n';

export type PublicAnswer = NonNullable<Ok<'/api/public/feedback/{code}', 'get'>['answer']>;

export function AnswerView({ answer }: { answer: PublicAnswer }) {
  const ft = useFT();
  const lang = useLang();
  const { units } = useUnits();
  const unitName = (id: string) => units?.find((u) => u.id === id)?.shortName ?? id;
  return (
    <dl className="fb-answer" data-testid="feedback-answer">
      <dt>{ft('answer.outcome')}</dt>
      <dd>{ft(`outcome.${answer.outcome}`)}</dd>
      {answer.legalBasis.length > 0 && (
        <>
          <dt>{ft('answer.legalBasis')}</dt>
          <dd>{answer.legalBasis.map((b) => `${b.article}, ${b.document}`).join('; ')}</dd>
        </>
      )}
      <dt>{ft('answer.points')}</dt>
      <dd>
        {answer.points.map((p, i) => (
          <div key={i} className="fb-point">
            <div className="fb-point-q">{p.point}</div>
            <div>{p.response}</div>
          </div>
        ))}
      </dd>
      {answer.actions.length > 0 && (
        <>
          <dt>{ft('answer.actions')}</dt>
          <dd>
            <ul>
              {answer.actions.map((a, i) => (
                <li key={i}>
                  {a.what} (
                  {ft('answer.by', {
                    unit: unitName(a.responsibleUnitId),
                    date: new Date(a.dueDate).toLocaleDateString(lang === 'vi' ? 'vi-VN' : 'en-GB'),
                  })}
                  )
                </li>
              ))}
            </ul>
          </dd>
        </>
      )}
    </dl>
  );
}

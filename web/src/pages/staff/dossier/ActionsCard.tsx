// The actions of the dossier page: a button for each action that may be taken now; an action a rule of the
// law forbids (a second supplement, a stop without a withdrawal request, a second extension, a result before
// the leader's approval) is shown disabled with the rule beside it. The server decides both (GET /api/dossiers/{id}
// `actions`), with the same pure rule the action itself is checked against.
import { Button, Card } from 'antd';
import type { Action } from '@domain/dossier/lifecycle';
import { ACTION_KEYS, type Dossier } from '../../../dossiers';
import { useLang, useT } from '../../../i18n';
import { ruleText } from './labels';

export function ActionsCard({ d, onPick }: { d: Dossier; onPick: (a: Action) => void }) {
  const t = useT();
  const lang = useLang();
  const open = d.actions.filter((a) => a.available);
  const forbidden = d.actions.filter((a) => !a.available);
  return (
    <Card className="actions-card" title={<h2 className="card-title">{t('dossier.actions')}</h2>}>
      {d.actions.length === 0 && <p className="muted">{t('dossier.noActions')}</p>}
      {open.length > 0 && (
        <div className="action-buttons">
          {open.map((a, i) => (
            <Button
              key={a.action}
              onClick={() => onPick(a.action)}
              type={i === 0 ? 'primary' : 'default'}
              data-testid={`action-${a.action}`}
            >
              {t(ACTION_KEYS[a.action])}
            </Button>
          ))}
        </div>
      )}
      {forbidden.length > 0 && (
        <ul className="forbidden-actions" aria-label={t('dossier.forbiddenActions')} data-testid="forbidden-actions">
          {forbidden.map((a) => (
            <li key={a.action} data-testid={`forbidden-${a.action}`}>
              <Button disabled aria-describedby={`why-${a.action}`} data-testid={`action-${a.action}`}>
                {t(ACTION_KEYS[a.action])}
              </Button>
              <span id={`why-${a.action}`} className="forbidden-reason" data-code={a.reason?.code}>
                {a.reason ? ruleText(a.reason, lang) : t('dossier.notNow')}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

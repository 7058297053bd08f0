// The dossier's papers and its progress: each component with how it was provided, and the step timeline.
import { Card, Space, Tag } from 'antd';
import type { Dossier } from '../../../dossiers';
import { useLang, useT, type MessageKey } from '../../../i18n';
import { dateTime } from '../../../ui/format';
import { roleText } from './labels';

const STEP_TAG: Record<Dossier['steps'][number]['state'], { key: MessageKey; cls: string }> = {
  'done-early': { key: 'step.done-early', cls: 'tag-ok' },
  'done-on-time': { key: 'step.done-on-time', cls: 'tag-ok' },
  'done-late': { key: 'step.done-late', cls: 'tag-error' },
  current: { key: 'step.current', cls: 'tag-info' },
  late: { key: 'step.late', cls: 'tag-error' },
  pending: { key: 'step.pending', cls: 'tag-muted' },
};

export function ComponentsCard({ d }: { d: Dossier }) {
  const t = useT();

  return (
    <Card title={<h2 className="card-title">{t('dossier.components')}</h2>}>
      <ul className="plain-list" data-testid="dossier-components">
        {d.components.map((c) => (
          <li key={c.id}>
            <div>{c.name}</div>
            <Space wrap size={4}>
              {c.mandatory ? <Tag className="tag-warn">{t('comp.mandatory')}</Tag> : <Tag className="tag-muted">{t('comp.optional')}</Tag>}
              {c.providedFromRegistry ? (
                <Tag className="tag-ok">{t('intake.lockedRegistry')}</Tag>
              ) : c.provided ? (
                <Tag className="tag-ok">{c.fileIds.length ? t('dossier.scanned', { n: c.fileIds.length }) : t('dossier.presented')}</Tag>
              ) : (
                <Tag className="tag-muted">{t('dossier.notProvided')}</Tag>
              )}
              {c.fileIds.map((f, i) => (
                <a key={f} href={`/api/files/${f}`} target="_blank" rel="noreferrer">
                  {t('dossier.file', { n: i + 1 })}
                </a>
              ))}
            </Space>
          </li>
        ))}
      </ul>
    </Card>
  );
}

export function StepsCard({ d }: { d: Dossier }) {
  const t = useT();
  const lang = useLang();
  return (
    <Card title={<h2 className="card-title">{t('dossier.steps')}</h2>}>
      <ol className="timeline" data-testid="steps">
        {d.steps.map((s, i) => (
          <li key={i} className={`tl-${s.state}`}>
            <div>
              <strong>{s.name}</strong> <span className="muted">({roleText(s.role, lang)})</span>
            </div>
            <Space wrap size={4}>
              <Tag className={STEP_TAG[s.state].cls}>{t(STEP_TAG[s.state].key)}</Tag>
              {s.dueAt && <span className="muted">{t('dossier.stepDue', { when: dateTime(s.dueAt, lang) })}</span>}
              {s.doneAt && <span className="muted">{t('dossier.stepDone', { when: dateTime(s.doneAt, lang) })}</span>}
            </Space>
          </li>
        ))}
      </ol>
    </Card>
  );
}

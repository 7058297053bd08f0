// The officer's unfinished intakes kept on the server (other than the one on screen): resume or discard each.
import { Button, Space } from 'antd';
import type { Ok } from '../../../api/client';
import { useLang, useT } from '../../../i18n';
import { dateTime } from '../../../ui/format';
import type { IntakeData } from './state';

export type ServerDraft = Ok<'/api/intake-drafts', 'get'>['items'][number];

type Props = { drafts: ServerDraft[]; onResume: (d: ServerDraft) => void; onDiscard: (id: string) => void };

export function DraftList({ drafts: otherDrafts, onResume, onDiscard }: Props) {
  const t = useT();
  const lang = useLang();
  if (otherDrafts.length === 0) return null;
  return (
    <details className="drafts" data-testid="drafts">
      <summary>{t('intake.drafts', { n: otherDrafts.length })}</summary>
      <ul>
        {otherDrafts.map((d) => {
          const dd = d.data as Partial<IntakeData>;
          return (
            <li key={d.id}>
              <span>
                <strong>{dd.citizen?.fullName || dd.idNumber || t('intake.draftEmpty')}</strong>
                {dd.procedure?.name ? ` — ${dd.procedure.name}` : ''}
                <span className="muted"> · {dateTime(d.updatedAt, lang)}</span>
              </span>
              <Space>
                <Button onClick={() => onResume(d)}>{t('intake.resume')}</Button>
                <Button danger onClick={() => onDiscard(d.id)}>
                  {t('intake.discard')}
                </Button>
              </Space>
            </li>
          );
        })}
      </ul>
    </details>
  );
}

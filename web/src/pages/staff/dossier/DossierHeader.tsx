// The top of the dossier page: code, status, national status, portal sync, rules already used, due time.
import { Space, Tag, Typography } from 'antd';
import { statusLabel, type Dossier } from '../../../dossiers';
import { useLang, useT } from '../../../i18n';
import { appointmentText, dateTime } from '../../../ui/format';

const hours = (n: number, lang: 'vi' | 'en') =>
  new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 1 }).format(n);

export function DossierHeader({ d }: { d: Dossier }) {
  const t = useT();
  const lang = useLang();
  const late = d.overdue || (d.workingHoursLeft !== null && d.workingHoursLeft < 0);
  return (
    <div className="dossier-head">
      <Typography.Title level={1} className="page-title" style={{ marginBottom: 4 }}>
        {t('dossier.heading', { code: d.code })}
      </Typography.Title>
      <Space wrap>
        <Tag className="tag-info big-tag" data-testid="status">
          {statusLabel(d.status, lang)}
        </Tag>
        <span className="muted">{t('dossier.national', { n: d.nationalStatus })}</span>
        <Tag className={d.portalSync.dead > 0 ? 'tag-warn' : d.portalSync.pending > 0 ? 'tag-muted' : 'tag-ok'} data-testid="portal-sync">
          {d.portalSync.dead > 0
            ? t('dossier.syncDead', { n: d.portalSync.dead })
            : d.portalSync.pending > 0
              ? t('dossier.syncPending', { n: d.portalSync.pending })
              : t('dossier.syncDone')}
        </Tag>
        {d.supplementRequested && <Tag className="tag-muted">{t('dossier.supplementUsed')}</Tag>}
        {d.extended && <Tag className="tag-muted">{t('dossier.extensionUsed')}</Tag>}
      </Space>
      <p className={late ? 'due due-late' : 'due'} data-testid="due">
        {d.dueAt
          ? t('dossier.due', { when: appointmentText(d.dueAt, lang) })
          : d.finishedAt
            ? t('dossier.finished', { when: dateTime(d.finishedAt, lang) })
            : t('dossier.paused')}
        {d.workingHoursLeft !== null && !d.finishedAt && (
          <span>
            {' · '}
            {d.workingHoursLeft >= 0
              ? t('dossier.hoursLeft', { n: hours(d.workingHoursLeft, lang) })
              : t('dossier.hoursLate', { n: hours(-d.workingHoursLeft, lang) })}
          </span>
        )}
        {late && (
          <Tag className="tag-error" style={{ marginInlineStart: 8 }}>
            {t('queues.overdue')}
          </Tag>
        )}
      </p>
    </div>
  );
}

// The forms that exist for the dossier (signed PDFs) and its append-only history, with roles and statuses in
// the UI's language (the citizen and the system included).
import { Card, Space, Table } from 'antd';
import { eventKey, formsFor, statusLabel, type Dossier } from '../../../dossiers';
import { useLang, useT, type MessageKey } from '../../../i18n';
import { dateTime } from '../../../ui/format';
import { roleText } from './labels';

export function FormsCard({ d }: { d: Dossier }) {
  const t = useT();

  const forms = formsFor(d);
  return (
    <Card title={<h2 className="card-title">{t('dossier.forms')}</h2>}>
      <Space wrap data-testid="forms">
        {forms.map((f) => (
          <a
            key={f}
            className="link-button"
            href={`/api/dossiers/${d.id}/forms/${f}.pdf`}
            target="_blank"
            rel="noreferrer"
            data-testid={`form-${f}`}
          >
            {t(`form.${f}` as MessageKey)}
          </a>
        ))}
      </Space>
    </Card>
  );
}

export function HistoryCard({ d }: { d: Dossier }) {
  const t = useT();
  const lang = useLang();
  return (
    <Card title={<h2 className="card-title">{t('dossier.history')}</h2>}>
      <Table
        rowKey="seq"
        size="small"
        pagination={false}
        scroll={{ x: 720 }}
        dataSource={d.events}
        data-testid="history"
        columns={[
          { title: t('dossier.when'), key: 'at', render: (_: unknown, e: Dossier['events'][number]) => dateTime(e.at, lang) },
          {
            title: t('dossier.who'),
            key: 'who',
            render: (_: unknown, e: Dossier['events'][number]) => (
              <>
                {e.actorName}
                <div className="muted small">{roleText(e.actorRole, lang)}</div>
              </>
            ),
          },
          { title: t('dossier.what'), key: 'what', render: (_: unknown, e: Dossier['events'][number]) => t(eventKey(e.action)) },
          {
            title: t('dossier.status'),
            key: 'to',
            render: (_: unknown, e: Dossier['events'][number]) => statusLabel(e.toStatus as Dossier['status'], lang),
          },
          { title: t('dossier.reason'), key: 'reason', render: (_: unknown, e: Dossier['events'][number]) => e.reason || '—' },
        ]}
      />
    </Card>
  );
}

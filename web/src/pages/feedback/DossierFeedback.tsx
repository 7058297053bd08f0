// On a dossier's staff page: the feedback naming this dossier (code, kind, status), each a link for those
// who handle feedback. Nothing shown when there is none.
import { Card, List, Tag } from 'antd';
import { FEEDBACK_KIND_LABELS, FEEDBACK_STATUS_LABELS, type FeedbackKind } from '@domain/feedback/lifecycle';
import { Link } from 'react-router-dom';
import { api, must } from '../../api/client';
import { useLang } from '../../i18n';
import { dateTime } from '../../ui/format';
import { useLoad } from '../../ui/useLoad';

export function DossierFeedback({ dossierId }: { dossierId: string }) {
  const lang = useLang();
  const { data } = useLoad(
    async () => must(await api.GET('/api/dossiers/{id}/feedback', { params: { path: { id: dossierId } } })).items,
    [dossierId],
  );
  if (!data || data.length === 0) return null;
  return (
    <Card
      title={lang === 'vi' ? 'Phản ánh, kiến nghị về hồ sơ này' : 'Feedback on this dossier'}
      style={{ marginTop: 16 }}
      data-testid="dossier-feedback"
    >
      <List
        dataSource={data}
        renderItem={(f) => (
          <List.Item>
            <Link to={`/can-bo/phan-anh/${f.id}`}>{f.code}</Link> · {f.subject} ·{' '}
            {FEEDBACK_KIND_LABELS[f.kind as FeedbackKind]?.[lang] ?? f.kind} · <Tag>{FEEDBACK_STATUS_LABELS[f.status][lang]}</Tag>{' '}
            {dateTime(f.receivedAt, lang)}
          </List.Item>
        )}
      />
    </Card>
  );
}

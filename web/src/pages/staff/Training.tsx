// Guided exercises of training mode (trainees in a training unit): pick an exercise, get a scenario on a sample
// dossier or citizen feedback, do it in the real screens, then check. A failed check says what the law says (src/domain/training.ts).
import { Alert, Button, Card, List, Space, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { api, must, type Ok } from '../../api/client';
import { useTT } from '../../i18n/training';
import { ActionAlert } from '../../ui/ActionAlert';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useAction } from '../../ui/useAction';
import { useDocumentTitle } from '../../ui/useDocumentTitle';

type Data = Ok<'/api/training/exercises', 'get'>;
type Attempt = Data['attempts'][number];

function AttemptCard({ a, onCheck, busy }: { a: Attempt; onCheck: (id: string) => void; busy: boolean }) {
  const tt = useTT();
  const to =
    a.screen === 'intake'
      ? '/can-bo/tiep-nhan'
      : a.screen === 'feedback'
        ? `/can-bo/phan-anh/${a.feedbackId ?? ''}`
        : `/can-bo/ho-so/${a.dossierId ?? ''}`;
  const open = a.screen === 'intake' ? 'tr.openIntake' : a.screen === 'feedback' ? 'tr.openFeedback' : 'tr.openDossier';
  return (
    <Card title={a.title} className="training-attempt" data-exercise={a.exercise} size="small">
      <Typography.Paragraph>
        <strong>{tt('tr.scenario')}: </strong>
        <span className="training-scenario">{a.scenario}</span>
      </Typography.Paragraph>
      <Space wrap>
        <Link to={to}>
          <Button>{tt(open)}</Button>
        </Link>
        <Button type="primary" loading={busy} onClick={() => onCheck(a.id)}>
          {tt('tr.check')}
        </Button>
      </Space>
      {a.passed !== null && (
        <div style={{ marginTop: 16 }} className="training-result">
          <Alert type={a.passed ? 'success' : 'error'} showIcon message={a.passed ? tt('tr.passed') : tt('tr.failed')} />
          <List
            size="small"
            dataSource={a.findings}
            renderItem={(f) => (
              <List.Item>
                <div>
                  <Tag color={f.ok ? 'green' : 'red'}>{f.ok ? '✓' : '✗'}</Tag>
                  {f.message}
                  {f.law && (
                    <Typography.Paragraph type="secondary" style={{ marginTop: 4, marginBottom: 0 }} className="training-law">
                      <strong>{tt('tr.law')}: </strong>
                      {f.law}
                    </Typography.Paragraph>
                  )}
                </div>
              </List.Item>
            )}
          />
        </div>
      )}
    </Card>
  );
}

export default function Training() {
  const tt = useTT();
  useDocumentTitle(tt('tr.title'));
  const [data, setData] = useState<Data | null>(null);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(() => {
    api
      .GET('/api/training/exercises')
      .then((r) => setData(must(r)))
      .catch(setError);
  }, []);
  useEffect(load, [load]);

  const starting = useAction(async (exercise: Data['exercises'][number]['key']) => {
    checking.reset();
    must(await api.POST('/api/training/attempts', { body: { exercise } }));
    load();
  });
  const checking = useAction(async (id: string) => {
    starting.reset();
    must(await api.POST('/api/training/attempts/{id}/check', { params: { path: { id } } }));
    load();
  });
  const start = starting.run;
  const check = checking.run;
  const busy = starting.pending?.[0] ?? checking.pending?.[0] ?? null;

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={2}>{tt('tr.title')}</Typography.Title>
      <Typography.Paragraph>{tt('tr.intro')}</Typography.Paragraph>
      <ErrorAlert error={error} />
      <ActionAlert action={starting} />
      <ActionAlert action={checking} />
      {data && (
        <Space wrap>
          {data.exercises.map((e) => (
            <Button key={e.key} onClick={() => void start(e.key)} loading={busy === e.key} data-start={e.key}>
              {tt('tr.start')}: {e.title}
            </Button>
          ))}
        </Space>
      )}
      <Typography.Title level={3}>{tt('tr.history')}</Typography.Title>
      {data && data.attempts.length === 0 && <Typography.Text type="secondary">{tt('tr.none')}</Typography.Text>}
      {data?.attempts.map((a) => (
        <AttemptCard key={a.id} a={a} onCheck={(id) => void check(id)} busy={busy === a.id} />
      ))}
    </Space>
  );
}

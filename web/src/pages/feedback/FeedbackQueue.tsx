// The feedback officer's queue (/can-bo/phan-anh): the unit's feedback, the step due first, late ones in red;
// a status filter. Leaders, directors and the province also get "Tổng hợp": every unit they see with counts,
// on time, late, reopened, returned drafts and answer checks failed.
import { Alert, App, Select, Table, Tabs, Tag, Typography } from 'antd';
import { FEEDBACK_KIND_LABELS, FEEDBACK_STATUS_LABELS, FEEDBACK_STATUSES, type FeedbackStatus } from '@domain/feedback/lifecycle';
import { Link, useSearchParams } from 'react-router-dom';
import { api, must, type Ok } from '../../api/client';
import { useLang } from '../../i18n';
import { useStaff } from '../../staff/context';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { dateTime } from '../../ui/format';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { useLoad } from '../../ui/useLoad';
import { FeedbackRecord } from './FeedbackRecord';
import { useFT } from './i18n';

type Item = Ok<'/api/feedback', 'get'>['items'][number];
type Row = Ok<'/api/feedback/overview', 'get'>['items'][number];

const STEP = {
  'feedback-refuse': { vi: 'Tiếp nhận/từ chối/chuyển', en: 'Accept, refuse or transfer' },
  'feedback-info': { vi: 'Đề nghị bổ sung', en: 'Ask for information' },
  feedback: { vi: 'Trả lời', en: 'Answer' },
  'feedback-publish': { vi: 'Công khai', en: 'Publish' },
} as Record<string, { vi: string; en: string }>;

export const statusColor = (s: FeedbackStatus) =>
  ({
    received: 'blue',
    transferred: 'purple',
    accepted: 'cyan',
    'awaiting-information': 'gold',
    answered: 'geekblue',
    approved: 'green',
    published: 'green',
    closed: 'default',
    refused: 'default',
    reopened: 'red',
  })[s];

export default function FeedbackQueue() {
  const ft = useFT();
  const lang = useLang();
  useDocumentTitle(ft('nav.queue'));
  const { unit, user } = useStaff();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const status = (params.get('trangThai') ?? '') as FeedbackStatus | '';
  const tab = params.get('xem') ?? 'queue';
  const list = useLoad(
    async () =>
      unit ? must(await api.GET('/api/feedback', { params: { query: { unitId: unit.id, ...(status ? { status } : {}) } } })).items : [],
    [unit?.id, status],
  );
  const overseer = user.roles.some((g) => ['leader', 'centre-director', 'province-admin', 'system-admin'].includes(g.role));
  const overview = useLoad(
    async () => (overseer ? must(await api.GET('/api/feedback/overview', { params: { query: {} } })).items : []),
    [overseer],
  );
  const L = (vi: string, en: string) => (lang === 'vi' ? vi : en);

  const recorder = user.roles.some(
    (g) => g.unitId === unit?.id && ['feedback-officer', 'reception-officer', 'centre-director'].includes(g.role),
  );
  const queue = (
    <>
      {unit && recorder && (
        <div style={{ marginBottom: 12 }}>
          <FeedbackRecord
            unitId={unit.id}
            onDone={(code) => {
              void message.success(L(`Đã ghi nhận phản ánh ${code}.`, `Feedback ${code} recorded.`));
              list.reload();
            }}
          />
        </div>
      )}
      <Select
        aria-label={L('Trạng thái', 'Status')}
        style={{ minWidth: 240, marginBottom: 16 }}
        value={status}
        onChange={(v: string) => setParams(v ? { trangThai: v } : {}, { replace: true })}
        options={[
          { value: '', label: L('Tất cả trạng thái', 'All statuses') },
          ...FEEDBACK_STATUSES.map((s) => ({ value: s, label: FEEDBACK_STATUS_LABELS[s][lang] })),
        ]}
      />
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <Table<Item>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 800 }}
        rowClassName={(r) => (r.late ? 'fb-late' : '')}
        columns={[
          { title: L('Mã', 'Code'), dataIndex: 'code', render: (c: string, r) => <Link to={`/can-bo/phan-anh/${r.id}`}>{c}</Link> },
          {
            title: L('Tiêu đề', 'Subject'),
            dataIndex: 'subject',
            render: (s: string, r) => (
              <>
                {s}
                <br />
                <Typography.Text type="secondary">
                  {FEEDBACK_KIND_LABELS[r.kind][lang]}
                  {r.dossierCode ? ` · ${r.dossierCode}` : ''}
                </Typography.Text>
              </>
            ),
          },
          {
            title: L('Trạng thái', 'Status'),
            dataIndex: 'status',
            render: (s: FeedbackStatus) => <Tag color={statusColor(s)}>{FEEDBACK_STATUS_LABELS[s][lang]}</Tag>,
          },
          {
            title: L('Việc đến hạn', 'Step due'),
            dataIndex: 'nextStep',
            render: (n: Item['nextStep'], r) =>
              n ? (
                <span style={r.late ? { color: '#a8071a', fontWeight: 600 } : undefined} data-late={r.late || undefined}>
                  {STEP[n.kind]?.[lang] ?? n.kind}: {n.dueAt ? dateTime(n.dueAt, lang) : L('tạm dừng', 'paused')}
                  {r.late ? ` — ${L('quá hạn', 'late')}` : ''}
                </span>
              ) : (
                '—'
              ),
          },
          { title: L('Nhận lúc', 'Received'), dataIndex: 'receivedAt', render: (d: string) => dateTime(d, lang) },
        ]}
      />
    </>
  );

  const summary = (
    <>
      <ErrorAlert error={overview.error} onRetry={overview.reload} />
      <Table<Row>
        rowKey="unitId"
        size="middle"
        loading={overview.loading}
        dataSource={overview.data ?? []}
        pagination={false}
        scroll={{ x: 900 }}
        columns={[
          { title: L('Đơn vị', 'Unit'), dataIndex: 'unitName' },
          { title: L('Tổng số', 'Total'), dataIndex: 'total' },
          { title: L('Đang xử lý', 'Open'), dataIndex: 'open' },
          { title: L('Quá hạn', 'Late'), dataIndex: 'lateOpen', render: (n: number) => (n ? <Tag color="red">{n}</Tag> : 0) },
          { title: L('Đã trả lời', 'Answered'), dataIndex: 'answered' },
          { title: L('Trả lời đúng hạn', 'On time'), dataIndex: 'answeredOnTime' },
          { title: L('Đã công khai', 'Published'), dataIndex: 'published' },
          { title: L('Xử lý lại', 'Reopened'), dataIndex: 'reopened' },
          { title: L('Bị trả lại', 'Returned'), dataIndex: 'returned' },
          { title: L('Không đạt kiểm tra trả lời', 'Failed answer checks'), dataIndex: 'failedChecks' },
          { title: L('Hài lòng / chưa', 'Satisfied / not'), render: (_: unknown, r) => `${r.satisfied} / ${r.unsatisfied}` },
        ]}
      />
    </>
  );

  return (
    <>
      <Typography.Title level={2}>{ft('nav.queue')}</Typography.Title>
      {!unit && <Alert type="info" message={L('Chọn đơn vị ở đầu trang.', 'Choose a unit at the top.')} />}
      {overseer ? (
        <Tabs
          activeKey={tab}
          onChange={(k) => setParams(k === 'queue' ? {} : { xem: k }, { replace: true })}
          items={[
            { key: 'queue', label: L('Hàng chờ xử lý', 'Queue'), children: queue },
            { key: 'tong-hop', label: L('Tổng hợp các đơn vị', 'All units'), children: summary },
          ]}
        />
      ) : (
        queue
      )}
    </>
  );
}

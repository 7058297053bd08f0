// One feedback for staff (/can-bo/phan-anh/:id): the sender's text and contact, the dossier or procedure it
// names, its step deadlines, the answer (drafted, returned, approved, published), the sender's rating, the
// answer checks that failed, the history, and a button for each action the server allows now.
import { Alert, App, Button, Card, Descriptions, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { FEEDBACK_KIND_LABELS, FEEDBACK_STATUS_LABELS, type FeedbackAction, type FeedbackKind } from '@domain/feedback/lifecycle';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api, must } from '../../api/client';
import { useLang } from '../../i18n';
import { useStaff } from '../../staff/context';
import { ActionAlert } from '../../ui/ActionAlert';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useAction } from '../../ui/useAction';
import { dateTime } from '../../ui/format';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { useLoad } from '../../ui/useLoad';
import { AnswerView } from './AnswerView';
import { AnswerForm } from './AnswerForm';
import { statusColor } from './FeedbackQueue';

const ACTION_LABELS: Record<FeedbackAction, { vi: string; en: string; input?: { key: string; vi: string; en: string } }> = {
  accept: { vi: 'Tiếp nhận xử lý', en: 'Accept' },
  transfer: { vi: 'Chuyển đơn vị có thẩm quyền', en: 'Transfer', input: { key: 'reason', vi: 'Lý do chuyển', en: 'Reason' } },
  refuse: { vi: 'Từ chối xử lý', en: 'Refuse', input: { key: 'reason', vi: 'Lý do từ chối', en: 'Reason' } },
  'request-information': {
    vi: 'Đề nghị bổ sung thông tin',
    en: 'Ask for information',
    input: { key: 'question', vi: 'Câu hỏi gửi người phản ánh', en: 'Question' },
  },
  'receive-information': {
    vi: 'Ghi nhận thông tin bổ sung',
    en: 'Record the information',
    input: { key: 'information', vi: 'Thông tin người phản ánh cung cấp', en: 'Information' },
  },
  answer: { vi: 'Soạn trả lời', en: 'Answer' },
  return: { vi: 'Trả lại để sửa', en: 'Return', input: { key: 'comment', vi: 'Ý kiến của lãnh đạo', en: 'Comment' } },
  approve: { vi: 'Phê duyệt câu trả lời', en: 'Approve' },
  publish: { vi: 'Công khai kết quả', en: 'Publish' },
  close: { vi: 'Kết thúc', en: 'Close' },
  reopen: { vi: 'Yêu cầu xử lý lại', en: 'Reopen', input: { key: 'reason', vi: 'Lý do', en: 'Reason' } },
};
const EVENT_LABELS: Record<string, { vi: string; en: string }> = {
  create: { vi: 'Nhận phản ánh', en: 'Received' },
  'rate-satisfied': { vi: 'Người gửi hài lòng', en: 'Sender satisfied' },
  'rate-unsatisfied': { vi: 'Người gửi chưa hài lòng', en: 'Sender not satisfied' },
};
const DEADLINE = {
  'feedback-refuse': ['Từ chối / chuyển', 'Refuse or transfer'],
  'feedback-info': ['Đề nghị bổ sung lần đầu', 'First information request'],
  feedback: ['Trả lời (đến khi duyệt)', 'Answer (until approval)'],
  'feedback-publish': ['Công khai', 'Publish'],
} as Record<string, [string, string]>;

export default function FeedbackPage() {
  const { id = '' } = useParams();
  const lang = useLang();
  const L = (vi: string, en: string) => (lang === 'vi' ? vi : en);
  const { message } = App.useApp();
  const { units } = useStaff();
  const { data: d, error, reload } = useLoad(async () => must(await api.GET('/api/feedback/{id}', { params: { path: { id } } })), [id]);
  useDocumentTitle(d ? d.code : L('Phản ánh', 'Feedback'));
  const [open, setOpen] = useState<FeedbackAction | null>(null);
  const [text, setText] = useState('');
  const [toUnit, setToUnit] = useState<string | undefined>();
  const act = useAction(async (action: FeedbackAction, body: Record<string, unknown> = {}) => {
    must(await api.POST('/api/feedback/{id}/actions/{action}', { params: { path: { id, action } }, body: body as never }));
    setOpen(null);
    setText('');
    void message.success(L('Đã cập nhật.', 'Done.'));
    reload();
  });
  const run = act.run;
  const busy = act.busy;
  const networkText = L('Lỗi kết nối.', 'Network error.');
  if (error) return <ErrorAlert error={error} onRetry={reload} />;
  if (!d) return null;
  const unitName = (uid: string) => units.find((u) => u.id === uid)?.shortName ?? uid;
  const buttons = d.allowedActions.filter((a) => a !== 'answer');
  const provinceUnits = units.map((u) => ({ id: u.id, name: u.shortName }));

  return (
    <>
      <Typography.Title level={2}>
        {d.code}{' '}
        <Tag color={statusColor(d.status)} data-testid="fb-status">
          {FEEDBACK_STATUS_LABELS[d.status][lang]}
        </Tag>
      </Typography.Title>
      <p>
        <Link to="/can-bo/phan-anh">← {L('Hàng chờ phản ánh', 'Feedback queue')}</Link>
      </p>
      <ActionAlert action={act} testId="fb-action-error" networkText={networkText} />
      <Space wrap style={{ marginBottom: 16 }}>
        {buttons.map((a) => (
          <Button
            key={a}
            type={a === 'approve' || a === 'publish' || a === 'accept' ? 'primary' : 'default'}
            loading={busy && open === null}
            onClick={() => (ACTION_LABELS[a].input ? (setOpen(a), act.reset()) : void run(a))}
            data-testid={`fb-act-${a}`}
          >
            {ACTION_LABELS[a][lang]}
          </Button>
        ))}
      </Space>
      <Card style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={L('Tiêu đề', 'Subject')}>{d.subject}</Descriptions.Item>
          <Descriptions.Item label={L('Loại', 'Kind')}>{FEEDBACK_KIND_LABELS[d.kind as FeedbackKind]?.[lang] ?? d.kind}</Descriptions.Item>
          <Descriptions.Item label={L('Đơn vị', 'Unit')}>{d.unit.name}</Descriptions.Item>
          <Descriptions.Item label={L('Kênh', 'Channel')}>{d.channel}</Descriptions.Item>
          <Descriptions.Item label={L('Người gửi', 'Sender')}>
            {d.contact.fullName} · {d.contact.phone || d.contact.address}
            {d.contact.email ? ` · ${d.contact.email}` : ''}
          </Descriptions.Item>
          <Descriptions.Item label={L('Nhận lúc', 'Received')}>{dateTime(d.receivedAt, lang)}</Descriptions.Item>
          {d.dossier && (
            <Descriptions.Item label={L('Hồ sơ', 'Dossier')}>
              <Link to={`/can-bo/ho-so/${d.dossier.id}`}>{d.dossier.code}</Link>
            </Descriptions.Item>
          )}
          {d.procedure && <Descriptions.Item label={L('Thủ tục', 'Procedure')}>{d.procedure.name}</Descriptions.Item>}
        </Descriptions>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 12 }}>{d.content}</Typography.Paragraph>
        {d.points.length > 0 && (
          <ul>
            {d.points.map((p, i) => (
              <li key={i}>{p}</li>
            ))}
          </ul>
        )}
        {d.question && <Alert type="info" message={`${L('Câu hỏi đã gửi', 'Question asked')}: ${d.question}`} />}
        {d.refusalReason && <Alert type="warning" message={`${L('Lý do từ chối', 'Refused')}: ${d.refusalReason}`} />}
        {d.rating && (
          <Alert
            style={{ marginTop: 8 }}
            type={d.rating.satisfied ? 'success' : 'error'}
            message={`${L('Người gửi đánh giá', 'Sender’s rating')}: ${d.rating.satisfied ? L('hài lòng', 'satisfied') : L('chưa hài lòng', 'not satisfied')}${d.rating.reason ? ` — ${d.rating.reason}` : ''}`}
          />
        )}
      </Card>
      {d.allowedActions.includes('answer') && <AnswerForm d={d} units={provinceUnits} onDone={reload} />}
      {d.answer && !d.allowedActions.includes('answer') && (
        <Card title={L('Câu trả lời', 'Answer')} style={{ marginBottom: 16 }}>
          <AnswerView answer={d.answer} />
        </Card>
      )}
      <Card title={L('Thời hạn (ngày làm việc)', 'Deadlines (working days)')} style={{ margin: '16px 0' }}>
        <Table
          rowKey="kind"
          size="small"
          pagination={false}
          dataSource={d.deadlines}
          columns={[
            { title: L('Bước', 'Step'), dataIndex: 'kind', render: (k: string) => DEADLINE[k]?.[lang === 'vi' ? 0 : 1] ?? k },
            {
              title: L('Hạn', 'Due'),
              dataIndex: 'dueAt',
              render: (v: string | null, r) => (v ? dateTime(v, lang) : r.paused ? L('tạm dừng (chờ người gửi)', 'paused') : '—'),
            },
            { title: L('Xong lúc', 'Done'), dataIndex: 'closedAt', render: (v: string | null) => (v ? dateTime(v, lang) : '—') },
            { title: '', dataIndex: 'late', render: (late: boolean) => (late ? <Tag color="red">{L('quá hạn', 'late')}</Tag> : null) },
          ]}
        />
      </Card>
      {d.failedChecks.length > 0 && (
        <Card title={L('Các lần trả lời không đạt kiểm tra', 'Answers refused by the checks')} style={{ marginBottom: 16 }}>
          <ul>
            {d.failedChecks.map((f, i) => (
              <li key={i}>
                {dateTime(f.at, lang)}: {f.checks.join(', ')}
              </li>
            ))}
          </ul>
        </Card>
      )}
      <Card title={L('Lịch sử', 'History')}>
        <Table
          rowKey="seq"
          size="small"
          pagination={false}
          dataSource={d.events}
          columns={[
            { title: L('Lúc', 'At'), dataIndex: 'at', render: (v: string) => dateTime(v, lang) },
            {
              title: L('Việc', 'Action'),
              dataIndex: 'action',
              render: (a: string) => (a in ACTION_LABELS ? ACTION_LABELS[a as FeedbackAction][lang] : (EVENT_LABELS[a]?.[lang] ?? a)),
            },
            { title: L('Người thực hiện', 'By'), dataIndex: 'actorName' },
            {
              title: L('Trạng thái', 'Status'),
              dataIndex: 'toStatus',
              render: (s: keyof typeof FEEDBACK_STATUS_LABELS) => FEEDBACK_STATUS_LABELS[s]?.[lang] ?? s,
            },
            { title: L('Ghi chú', 'Note'), dataIndex: 'reason' },
          ]}
        />
      </Card>
      <Modal
        open={open !== null}
        title={open ? ACTION_LABELS[open][lang] : ''}
        onCancel={() => setOpen(null)}
        okText={L('Xác nhận', 'Confirm')}
        cancelText={L('Hủy', 'Cancel')}
        confirmLoading={busy}
        okButtonProps={{ disabled: !text.trim() || (open === 'transfer' && !toUnit) }}
        onOk={() =>
          open && void run(open, { [ACTION_LABELS[open].input!.key]: text, ...(open === 'transfer' ? { toUnitId: toUnit } : {}) })
        }
      >
        <ActionAlert action={act} networkText={networkText} style={{ marginBottom: 12 }} />
        {open === 'transfer' && (
          <Select
            aria-label={L('Đơn vị nhận', 'To unit')}
            placeholder={L('Đơn vị có thẩm quyền', 'Competent unit')}
            style={{ width: '100%', marginBottom: 12 }}
            value={toUnit}
            onChange={setToUnit}
            options={d.transferUnits.map((u) => ({ value: u.id, label: unitName(u.id) }))}
          />
        )}
        {open && (
          <Input.TextArea
            aria-label={ACTION_LABELS[open].input![lang]}
            placeholder={ACTION_LABELS[open].input![lang]}
            rows={4}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
        )}
      </Modal>
    </>
  );
}

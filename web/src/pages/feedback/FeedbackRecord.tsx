// "Ghi nhận phản ánh": an officer records feedback brought to the counter, by phone or by letter (the letter's
// scan through the checked upload, /api/files). The same Decree 20/2008 Art. 7 checks; problems beside fields.
import { Button, Form, Input, Modal, Radio, Upload } from 'antd';
import { FEEDBACK_KIND_LABELS, FEEDBACK_KINDS, type FeedbackKind } from '@domain/feedback/lifecycle';
import { useRef, useState } from 'react';
import { api, must } from '../../api/client';
import { uploadFile } from '../../api/upload';
import { useLang } from '../../i18n';
import { ActionAlert } from '../../ui/ActionAlert';
import { newIdempotencyKey } from '../../ui/random';
import { useAction } from '../../ui/useAction';

type Values = {
  channel: 'counter' | 'phone' | 'letter';
  kind: FeedbackKind;
  subject: string;
  content: string;
  fullName: string;
  phone?: string;
  address?: string;
  dossierCode?: string;
  idNumber?: string;
};

export function FeedbackRecord({ unitId, onDone }: { unitId: string; onDone: (code: string) => void }) {
  const lang = useLang();
  const L = (vi: string, en: string) => (lang === 'vi' ? vi : en);
  const [open, setOpen] = useState(false);
  const [files, setFiles] = useState<{ id: string; name: string }[]>([]);
  const [form] = Form.useForm<Values>();
  const key = useRef(newIdempotencyKey());
  const fieldOf: Record<string, keyof Values> = {
    'contact.fullName': 'fullName',
    'contact.phone': 'phone',
    content: 'content',
    subject: 'subject',
  };

  // The key is kept when no answer came, so Retry (or submitting again) cannot record the feedback twice.
  const record = useAction(
    async (v: Values) => {
      const r = must(
        await api.POST('/api/feedback', {
          body: {
            unitId,
            channel: v.channel,
            kind: v.kind,
            subject: v.subject ?? '',
            content: v.content ?? '',
            contact: { fullName: v.fullName ?? '', phone: v.phone ?? '', address: v.address ?? '' },
            ...(v.dossierCode?.trim() ? { dossierCode: v.dossierCode.trim(), ...(v.idNumber ? { idNumber: v.idNumber } : {}) } : {}),
            ...(files.length ? { fileIds: files.map((f) => f.id) } : {}),
          },
          headers: { 'idempotency-key': key.current },
        }),
      );
      key.current = newIdempotencyKey();
      setOpen(false);
      form.resetFields();
      setFiles([]);
      onDone(r.code);
    },
    {
      onError: (e) => {
        if (e.kind !== 'problem') return;
        key.current = newIdempotencyKey();
        const p = e.problem;
        const errs = Array.isArray(p.errors) ? (p.errors as { field: string; message: string }[]) : [];
        form.setFields(errs.filter((x) => fieldOf[x.field]).map((x) => ({ name: fieldOf[x.field]!, errors: [x.message] })));
        if (p.code === 'feedback-dossier-not-found') form.setFields([{ name: 'dossierCode', errors: [p.detail] }]);
      },
    },
  );
  const busy = record.busy;
  const submit = (v: Values) => record.run(v);

  return (
    <>
      <Button onClick={() => setOpen(true)} data-testid="fb-record">
        {L('Ghi nhận phản ánh (tại quầy, điện thoại, thư)', 'Record feedback (counter, phone, letter)')}
      </Button>
      <Modal
        open={open}
        title={L('Ghi nhận phản ánh, kiến nghị', 'Record feedback')}
        onCancel={() => setOpen(false)}
        okText={L('Ghi nhận', 'Record')}
        cancelText={L('Hủy', 'Cancel')}
        confirmLoading={busy}
        onOk={() => form.submit()}
        width={640}
      >
        <ActionAlert action={record} networkText={L('Lỗi kết nối.', 'Network error.')} style={{ marginBottom: 12 }} />
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ channel: 'counter', kind: 'service' }}>
          <Form.Item name="channel" label={L('Kênh', 'Channel')}>
            <Radio.Group
              options={[
                { value: 'counter', label: L('Tại quầy', 'Counter') },
                { value: 'phone', label: L('Điện thoại', 'Phone') },
                { value: 'letter', label: L('Thư, đơn', 'Letter') },
              ]}
            />
          </Form.Item>
          <Form.Item name="kind" label={L('Loại', 'Kind')}>
            <Radio.Group options={FEEDBACK_KINDS.map((k) => ({ value: k, label: FEEDBACK_KIND_LABELS[k][lang] }))} />
          </Form.Item>
          <Form.Item name="subject" label={L('Tiêu đề', 'Subject')}>
            <Input maxLength={300} />
          </Form.Item>
          <Form.Item name="content" label={L('Nội dung', 'Content')}>
            <Input.TextArea rows={4} />
          </Form.Item>
          <Form.Item name="fullName" label={L('Họ và tên người phản ánh', 'Sender’s name')}>
            <Input />
          </Form.Item>
          <Form.Item name="phone" label={L('Số điện thoại', 'Phone')}>
            <Input inputMode="tel" />
          </Form.Item>
          <Form.Item name="address" label={L('Địa chỉ', 'Address')}>
            <Input />
          </Form.Item>
          <Form.Item name="dossierCode" label={L('Mã hồ sơ liên quan', 'Related dossier code')}>
            <Input />
          </Form.Item>
          <Form.Item name="idNumber" label={L('Số định danh của người đứng tên hồ sơ', 'Applicant’s ID number')}>
            <Input inputMode="numeric" maxLength={12} />
          </Form.Item>
          <Upload
            accept="application/pdf,image/jpeg,image/png"
            showUploadList={false}
            customRequest={({ file, onSuccess, onError }) => {
              uploadFile(unitId, file as File)
                .then((f) => {
                  setFiles((x) => [...x, { id: f.id, name: (file as File).name }]);
                  onSuccess?.(f);
                })
                .catch((e: unknown) => {
                  record.refuse(e instanceof Error ? e.message : L('Không tải lên được.', 'Upload failed.'));
                  onError?.(e as Error);
                });
            }}
          >
            <Button>{L('Đính kèm bản quét thư (PDF, JPG, PNG)', 'Attach the letter’s scan')}</Button>
          </Upload>
          {files.length > 0 && <p>{files.map((f) => f.name).join(', ')}</p>}
        </Form>
      </Modal>
    </>
  );
}

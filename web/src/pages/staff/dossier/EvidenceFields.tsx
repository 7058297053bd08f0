// The evidence an audited act carries, in the action dialog: the signed result file (issue-result), the scan of
// the citizen's signed withdrawal request (in person or by post), and how a result was handed over
// (return-result). The server refuses the act without it (422 with the rule); these fields let the officer give it.
import { Button, Form, Input, Radio, Upload } from 'antd';
import type { Action } from '@domain/dossier/lifecycle';
import { useState } from 'react';
import { isProblem } from '../../../api/client';
import { uploadFile } from '../../../api/upload';
import { useLang } from '../../../i18n';

export type EvidenceValues = {
  resultFileIds?: string[];
  evidenceFileIds?: string[];
  handover?: { method?: 'in-person' | 'postal' | 'electronic'; receiverName?: string; receiverIdNumber?: string; trackingNumber?: string };
};

const TEXT = {
  vi: {
    resultFile: 'Tệp kết quả đã ký (PDF hoặc ảnh quét)',
    resultHint: 'Kết quả được lưu vào hồ sơ, kho dữ liệu của công dân và đồng bộ Cổng Dịch vụ công quốc gia.',
    evidence: 'Bản quét đơn xin rút hồ sơ có chữ ký của công dân',
    choose: 'Chọn tệp…',
    uploaded: 'Đã tải lên',
    handover: 'Cách trả kết quả',
    inPerson: 'Trực tiếp',
    postal: 'Qua bưu chính',
    electronic: 'Trực tuyến',
    receiverName: 'Họ tên người nhận',
    receiverId: 'Số định danh/CCCD của người nhận',
    tracking: 'Mã vận đơn bưu chính',
    required: 'Bắt buộc',
  },
  en: {
    resultFile: 'Signed result file (PDF or scanned image)',
    resultHint: "The result is kept in the dossier, the citizen's data store and the national portal record.",
    evidence: "Scan of the citizen's signed withdrawal request",
    choose: 'Choose a file…',
    uploaded: 'Uploaded',
    handover: 'How the result was handed over',
    inPerson: 'In person',
    postal: 'By post',
    electronic: 'Electronically',
    receiverName: "Receiver's full name",
    receiverId: "Receiver's ID number",
    tracking: 'Postal tracking number',
    required: 'Required',
  },
} as const;

/** The part of the action's body these fields give. */
export function evidenceBody(action: Action, v: EvidenceValues & { channel?: string }): Record<string, unknown> {
  if (action === 'issue-result') return { resultFileIds: v.resultFileIds ?? [] };
  if (action === 'record-withdrawal-request') return { evidenceFileIds: v.evidenceFileIds ?? [] };
  if (action === 'return-result') {
    const h = v.handover ?? {};
    if (h.method === 'in-person')
      return { handover: { method: h.method, receiverName: h.receiverName ?? '', receiverIdNumber: h.receiverIdNumber ?? '' } };
    if (h.method === 'postal') return { handover: { method: h.method, trackingNumber: h.trackingNumber ?? '' } };
    return { handover: { method: h.method ?? 'electronic' } };
  }
  return {};
}

/** Uploads one file to the unit and keeps its id in the form field. */
function FileField({ name, label, unitId, testId }: { name: string; label: string; unitId: string; testId: string }) {
  const L = TEXT[useLang()];
  const form = Form.useFormInstance();
  const [names, setNames] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  return (
    <Form.Item
      label={label}
      name={name}
      rules={[{ required: true, message: L.required }]}
      extra={error}
      // The file input's own change event bubbles up to the item; only the uploaded ids are the field's value.
      getValueFromEvent={(v: unknown) => (Array.isArray(v) ? v : (form.getFieldValue(name) as unknown))}
    >
      <div>
        <Upload
          accept="application/pdf,image/jpeg,image/png"
          showUploadList={false}
          customRequest={({ file, onSuccess, onError }) => {
            uploadFile(unitId, file as File)
              .then((f) => {
                const prev: unknown = form.getFieldValue(name);
                const ids = [...(Array.isArray(prev) ? (prev as string[]) : []), f.id];
                form.setFieldValue(name, ids);
                setNames((n) => [...n, (file as File).name]);
                setError(null);
                onSuccess?.(f);
              })
              .catch((e: unknown) => {
                setError(e && typeof e === 'object' && 'problem' in e && isProblem(e.problem) ? e.problem.detail : String(e));
                onError?.(e as Error);
              });
          }}
        >
          <Button data-testid={testId}>{L.choose}</Button>
        </Upload>
        {names.length > 0 && (
          <p className="muted" data-testid={`${testId}-done`}>
            {L.uploaded}: {names.join(', ')}
          </p>
        )}
      </div>
    </Form.Item>
  );
}

export function EvidenceFields({ action, unitId, receivedUnitId }: { action: Action; unitId: string; receivedUnitId: string }) {
  const L = TEXT[useLang()];
  const channel = Form.useWatch('channel') as string | undefined;
  const method = Form.useWatch(['handover', 'method']) as string | undefined;
  if (action === 'issue-result')
    return (
      <>
        <FileField name="resultFileIds" label={L.resultFile} unitId={unitId} testId="result-file" />
        <p className="muted">{L.resultHint}</p>
      </>
    );
  if (action === 'record-withdrawal-request' && channel !== 'online')
    return <FileField name="evidenceFileIds" label={L.evidence} unitId={receivedUnitId} testId="withdrawal-scan" />;
  if (action === 'return-result')
    return (
      <>
        <Form.Item label={L.handover} name={['handover', 'method']} initialValue="in-person">
          <Radio.Group>
            <Radio value="in-person">{L.inPerson}</Radio>
            <Radio value="postal">{L.postal}</Radio>
            <Radio value="electronic">{L.electronic}</Radio>
          </Radio.Group>
        </Form.Item>
        {(method ?? 'in-person') === 'in-person' && (
          <>
            <Form.Item
              label={L.receiverName}
              name={['handover', 'receiverName']}
              rules={[{ required: true, whitespace: true, message: L.required }]}
            >
              <Input maxLength={200} data-testid="handover-name" />
            </Form.Item>
            <Form.Item
              label={L.receiverId}
              name={['handover', 'receiverIdNumber']}
              rules={[{ required: true, pattern: /^[0-9]{9,12}$/, message: L.required }]}
            >
              <Input maxLength={12} inputMode="numeric" data-testid="handover-id" />
            </Form.Item>
          </>
        )}
        {method === 'postal' && (
          <Form.Item
            label={L.tracking}
            name={['handover', 'trackingNumber']}
            rules={[{ required: true, whitespace: true, message: L.required }]}
          >
            <Input maxLength={60} data-testid="handover-tracking" />
          </Form.Item>
        )}
      </>
    );
  return null;
}

// The structured answer (outcome, legal basis, each point with its response, promised actions with unit and
// date). The server's specific-answer checks come back as `failures` with the field at fault; each is shown
// beside that field. Legal bases can be picked from the procedure's (catalogue) or typed.
import { Button, Card, DatePicker, Input, Select, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api, must, type Ok } from '../../api/client';
import { ActionAlert } from '../../ui/ActionAlert';
import { useAction } from '../../ui/useAction';
import { useLang } from '../../i18n';
import { useFT } from './i18n';

type Detail = Ok<'/api/feedback/{id}', 'get'>;
export type Failure = { check: string; field: string; detail?: string; message: string };
type Answer = {
  outcome: 'accepted' | 'explained' | 'will-be-fixed' | 'not-competent' | null;
  legalBasis: { document: string; article: string }[];
  points: { point: string; response: string }[];
  actions: { what: string; responsibleUnitId: string; dueDate: string }[];
};

const OUTCOMES = ['accepted', 'explained', 'will-be-fixed', 'not-competent'] as const;

export function AnswerForm({ d, units, onDone }: { d: Detail; units: { id: string; name: string }[]; onDone: () => void }) {
  const ft = useFT();
  const lang = useLang();
  const L = (vi: string, en: string) => (lang === 'vi' ? vi : en);
  const initial: Answer = d.answer
    ? { ...d.answer, actions: d.answer.actions }
    : {
        outcome: null,
        legalBasis: [],
        points: (d.points.length ? d.points : [d.subject]).map((p) => ({ point: p, response: '' })),
        actions: [],
      };
  const [a, setA] = useState<Answer>(initial);
  const [failures, setFailures] = useState<Failure[]>([]);
  const errs = (field: string, prefix = false) =>
    failures.filter((f) =>
      prefix ? f.field === field || f.field.startsWith(`${field}.`) || f.field.startsWith(`${field}[`) : f.field === field,
    );
  const show = (list: Failure[], testId: string) =>
    list.length ? (
      <div className="field-error" role="alert" data-testid={testId}>
        {[
          ...new Set(
            list.map((f) => f.message + (f.detail && f.check === 'point-unanswered' && f.field === 'points' ? ` (${f.detail})` : '')),
          ),
        ].join(' ')}
      </div>
    ) : null;
  const patch = (p: Partial<Answer>) => setA((x) => ({ ...x, ...p }));

  // The server's failures (by field) beside the fields; its detail above the form.
  const answer = useAction(
    async (a: Answer) => {
      setFailures([]);
      must(await api.POST('/api/feedback/{id}/actions/{action}', { params: { path: { id: d.id, action: 'answer' } }, body: a as never }));
      onDone();
    },
    { onError: (e) => void (e.kind === 'problem' && Array.isArray(e.problem.failures) && setFailures(e.problem.failures as Failure[])) },
  );
  const busy = answer.busy;
  const submit = () => answer.run(a);
  const procBases = d.procedure?.legalBasis ?? [];

  return (
    <Card title={L('Soạn câu trả lời', 'Draft the answer')} data-testid="answer-form">
      <ActionAlert action={answer} testId="answer-error" networkText={L('Lỗi kết nối.', 'Network error.')} />
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        <div>
          <Typography.Text strong>{ft('answer.outcome')}</Typography.Text>
          <Select
            aria-label={ft('answer.outcome')}
            style={{ display: 'block', maxWidth: 360 }}
            value={a.outcome ?? undefined}
            placeholder={L('Chọn kết quả', 'Choose')}
            onChange={(v) => patch({ outcome: v })}
            options={OUTCOMES.map((o) => ({ value: o, label: ft(`outcome.${o}`) }))}
            data-testid="answer-outcome"
          />
          {show(errs('outcome'), 'err-outcome')}
        </div>
        <div>
          <Typography.Text strong>{ft('answer.legalBasis')}</Typography.Text>
          {a.legalBasis.map((b, i) => (
            <Space key={i} wrap style={{ display: 'flex', marginTop: 8 }}>
              <Input
                aria-label={L('Văn bản', 'Document')}
                placeholder={L('Văn bản (VD: Nghị định 63/2010/NĐ-CP)', 'Document')}
                value={b.document}
                style={{ width: 320 }}
                onChange={(e) => patch({ legalBasis: a.legalBasis.map((x, j) => (j === i ? { ...x, document: e.target.value } : x)) })}
              />
              <Input
                aria-label={L('Điều, khoản', 'Article')}
                placeholder={L('Điều, khoản', 'Article')}
                value={b.article}
                style={{ width: 180 }}
                onChange={(e) => patch({ legalBasis: a.legalBasis.map((x, j) => (j === i ? { ...x, article: e.target.value } : x)) })}
              />
              <Button onClick={() => patch({ legalBasis: a.legalBasis.filter((_, j) => j !== i) })}>{L('Bỏ', 'Remove')}</Button>
            </Space>
          ))}
          <Space wrap style={{ display: 'flex', marginTop: 8 }}>
            {procBases.length > 0 && (
              <Select
                aria-label={L('Chọn từ căn cứ của thủ tục', 'Pick from the procedure')}
                placeholder={L('Chọn từ căn cứ pháp lý của thủ tục', 'Pick from the procedure’s legal bases')}
                style={{ minWidth: 320 }}
                value={null}
                onChange={(v: string) =>
                  patch({
                    legalBasis: [
                      ...a.legalBasis,
                      { document: `${v} ${procBases.find((b) => b.number === v)?.title ?? ''}`.trim(), article: '' },
                    ],
                  })
                }
                options={procBases.map((b) => ({ value: b.number, label: `${b.number} – ${b.title}` }))}
              />
            )}
            <Button onClick={() => patch({ legalBasis: [...a.legalBasis, { document: '', article: '' }] })} data-testid="add-basis">
              {L('Thêm căn cứ', 'Add a legal basis')}
            </Button>
          </Space>
          {show(errs('legalBasis'), 'err-legalBasis')}
        </div>
        <div>
          <Typography.Text strong>{ft('answer.points')}</Typography.Text>
          {show(errs('points'), 'err-points')}
          {a.points.map((p, i) => (
            <div key={i} style={{ marginTop: 8 }}>
              <Input
                aria-label={L(`Nội dung ${i + 1} người dân nêu`, `Point ${i + 1}`)}
                value={p.point}
                onChange={(e) => patch({ points: a.points.map((x, j) => (j === i ? { ...x, point: e.target.value } : x)) })}
              />
              <Input.TextArea
                aria-label={L(`Trả lời nội dung ${i + 1}`, `Response to point ${i + 1}`)}
                rows={3}
                style={{ marginTop: 4 }}
                value={p.response}
                status={errs(`points[${i}].response`).length ? 'error' : undefined}
                onChange={(e) => patch({ points: a.points.map((x, j) => (j === i ? { ...x, response: e.target.value } : x)) })}
                data-testid={`answer-response-${i}`}
              />
              {show(errs(`points[${i}].response`), `err-points-${i}`)}
            </div>
          ))}
          <Button style={{ marginTop: 8 }} onClick={() => patch({ points: [...a.points, { point: '', response: '' }] })}>
            {L('Thêm nội dung', 'Add a point')}
          </Button>
        </div>
        <div>
          <Typography.Text strong>{ft('answer.actions')}</Typography.Text>
          {show(errs('actions'), 'err-actions')}
          {a.actions.map((x, i) => (
            <div key={i} style={{ marginTop: 8 }}>
              <Space wrap>
                <Input
                  aria-label={L('Việc sẽ làm', 'Action')}
                  value={x.what}
                  style={{ width: 320 }}
                  onChange={(e) => patch({ actions: a.actions.map((y, j) => (j === i ? { ...y, what: e.target.value } : y)) })}
                />
                <Select
                  aria-label={L('Đơn vị chịu trách nhiệm', 'Responsible unit')}
                  placeholder={L('Đơn vị chịu trách nhiệm', 'Responsible unit')}
                  style={{ width: 260 }}
                  value={x.responsibleUnitId || undefined}
                  onChange={(v: string) => patch({ actions: a.actions.map((y, j) => (j === i ? { ...y, responsibleUnitId: v } : y)) })}
                  options={units.map((u) => ({ value: u.id, label: u.name }))}
                />
                <DatePicker
                  aria-label={L('Hạn', 'Due')}
                  format="DD/MM/YYYY"
                  value={x.dueDate ? dayjs(x.dueDate) : null}
                  onChange={(v) =>
                    patch({ actions: a.actions.map((y, j) => (j === i ? { ...y, dueDate: v ? v.format('YYYY-MM-DD') : '' } : y)) })
                  }
                />
                <Button onClick={() => patch({ actions: a.actions.filter((_, j) => j !== i) })}>{L('Bỏ', 'Remove')}</Button>
              </Space>
              {show(errs(`actions[${i}]`, true), `err-actions-${i}`)}
            </div>
          ))}
          <Button
            style={{ marginTop: 8, display: 'block' }}
            onClick={() => patch({ actions: [...a.actions, { what: '', responsibleUnitId: '', dueDate: '' }] })}
          >
            {L('Thêm việc sẽ làm', 'Add an action')}
          </Button>
        </div>
        <Button type="primary" loading={busy} onClick={() => void submit()} data-testid="answer-submit">
          {L('Lưu dự thảo trả lời', 'Save the draft answer')}
        </Button>
      </Space>
    </Card>
  );
}

// A procedure's information in the editor (every field of ProcedureInput, checked with the same zod schema the
// server uses before sending) and its versions; `toForm` gives the input form of a stored procedure.
import { ProcedureInput } from '@domain/catalogue/procedure';
import { Alert, Button, Checkbox, Col, Divider, Form, Input, InputNumber, List, Radio, Row, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, must, type Body } from '../../../api/client';
import { daysText, type Procedure } from '../../../catalogue';
import { useLang, useT } from '../../../i18n';
import { ActionAlert } from '../../../ui/ActionAlert';
import { useAction } from '../../../ui/useAction';
import { dateTime } from '../../../ui/format';
import { PlusIcon } from '../../../ui/icons';
import { useLoad } from '../../../ui/useLoad';

type ProcInput = Body<'/api/procedures/{id}', 'put'>;

type FormValues = Omit<ProcInput, 'formSchema'>;

export function toForm(p: Procedure): FormValues {
  return {
    code: p.code,
    name: p.name,
    field: p.field,
    level: p.level,
    legalBasis: p.legalBasis,
    processingDays: p.processingDays,
    cutoffTime: p.cutoffTime,
    fee: p.fee,
    components: p.components.map(({ name, mandatory, originals, copies, accepted, fromRegistry }) => ({
      name,
      mandatory,
      originals,
      copies,
      accepted: accepted as FormValues['components'][number]['accepted'],
      fromRegistry,
    })),
    steps: p.steps.map((s) => ({ ...s, role: s.role as FormValues['steps'][number]['role'] })),
    resultType: p.resultType,
    channels: p.channels,
    onlineLevel: p.onlineLevel,
    boundaryFree: p.boundaryFree,
    effectiveFrom: p.effectiveFrom ?? undefined,
    effectiveTo: p.effectiveTo ?? undefined,
    notes: p.notes,
  };
}

export function ProcedureEditor({ procedure, onSaved }: { procedure: Procedure; onSaved: (p: Procedure) => void }) {
  const t = useT();
  const lang = useLang();
  const [form] = Form.useForm<FormValues>();
  const [issues, setIssues] = useState<string[]>([]);
  const [saved, setSaved] = useState<number | null>(null);
  const versions = useLoad(
    async () => must(await api.GET('/api/procedures/{id}/versions', { params: { path: { id: procedure.id } } })).items,
    [procedure.id, saved],
  );
  const feeKind = Form.useWatch(['fee', 'kind'], form) as ProcInput['fee']['kind'] | undefined;
  const steps = (Form.useWatch('steps', form) ?? []) as { share?: number }[];
  const shareSum = steps.reduce((s, x) => s + (Number(x?.share) || 0), 0);

  const saving = useAction(async (body: ProcInput) => {
    const p = must(await api.PUT('/api/procedures/{id}', { params: { path: { id: procedure.id } }, body }));
    setSaved(p.version);
    onSaved(p);
  });
  const busy = saving.busy;

  const onFinish = async (v: FormValues) => {
    saving.reset();
    setIssues([]);
    const clean = <T,>(x: T | '' | null | undefined) => (x === '' || x === null ? undefined : x);
    const body = {
      ...v,
      effectiveFrom: clean(v.effectiveFrom),
      effectiveTo: clean(v.effectiveTo),
      legalBasis: v.legalBasis ?? [],
      ...(procedure.formSchema ? { formSchema: procedure.formSchema } : {}),
    } as ProcInput;
    // The same schema as the server: the officer sees every problem at once, by field.
    const parsed = ProcedureInput.safeParse(body);
    if (!parsed.success) {
      setIssues(parsed.error.issues.map((i) => `${i.path.join('.') || '—'}: ${i.message}`));
      return;
    }
    await saving.run(body);
  };

  const req = [{ required: true, message: t('common.required') }];
  return (
    <Form<FormValues> form={form} layout="vertical" initialValues={toForm(procedure)} onFinish={(v) => void onFinish(v)} disabled={busy}>
      <p>
        <Tag className="tag-info">{t('adminProc.versionN', { n: saved ?? procedure.version })}</Tag>
      </p>
      {saved !== null && (
        <Alert type="success" showIcon message={t('adminProc.saved', { n: saved })} style={{ marginBottom: 12 }} data-testid="proc-saved" />
      )}
      <ActionAlert action={saving} />
      {issues.length > 0 && (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 12 }}
          message={t('adminProc.invalid')}
          description={
            <ul>
              {issues.map((i) => (
                <li key={i}>{i}</li>
              ))}
            </ul>
          }
        />
      )}
      <Row gutter={12}>
        <Col xs={24} sm={8}>
          <Form.Item label={t('adminProc.code')} name="code" rules={req}>
            <Input disabled />
          </Form.Item>
        </Col>
        <Col xs={24} sm={16}>
          <Form.Item label={t('adminProc.field')} name="field" rules={req}>
            <Input maxLength={300} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label={t('adminProc.name')} name="name" rules={req}>
        <Input.TextArea autoSize maxLength={1000} />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={24} sm={8}>
          <Form.Item label={t('adminProc.level')} name="level">
            <Select
              options={[
                { value: 'commune', label: t('cat.levelCommune') },
                { value: 'province', label: t('cat.levelProvince') },
              ]}
            />
          </Form.Item>
        </Col>
        <Col xs={12} sm={8}>
          <Form.Item label={t('adminProc.days')} name="processingDays" rules={req} extra={t('adminProc.daysHelp')}>
            <InputNumber min={0} max={365} step={0.25} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={12} sm={8}>
          <Form.Item
            label={t('unit.cutoff')}
            name="cutoffTime"
            rules={[...req, { pattern: /^([01][0-9]|2[0-3]):[0-5][0-9]$/, message: 'HH:MM' }]}
          >
            <Input maxLength={5} />
          </Form.Item>
        </Col>
      </Row>

      <fieldset className="fieldset">
        <legend>{t('cat.fee')}</legend>
        <Form.Item name={['fee', 'kind']} label={t('adminProc.feeKind')}>
          <Radio.Group>
            <Radio value="free">{t('adminProc.feeFree')}</Radio>
            <Radio value="fixed">{t('adminProc.feeFixed')}</Radio>
            <Radio value="per-unit">{t('adminProc.feePerUnit')}</Radio>
          </Radio.Group>
        </Form.Item>
        {feeKind === 'fixed' && (
          <Form.Item label={t('adminProc.amount')} name={['fee', 'amount']} rules={req}>
            <InputNumber min={0} step={1000} style={{ width: 200 }} />
          </Form.Item>
        )}
        {feeKind === 'per-unit' && (
          <Row gutter={12}>
            <Col xs={12} sm={8}>
              <Form.Item label={t('adminProc.unitLabel')} name={['fee', 'unitLabel']} rules={req}>
                <Input maxLength={40} />
              </Form.Item>
            </Col>
            <Col xs={12} sm={8}>
              <Form.Item label={t('adminProc.firstUnits')} name={['fee', 'firstUnits']} rules={req}>
                <InputNumber min={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={12} sm={8}>
              <Form.Item label={t('adminProc.firstUnitPrice')} name={['fee', 'firstUnitPrice']} rules={req}>
                <InputNumber min={0} step={1000} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={12} sm={8}>
              <Form.Item label={t('adminProc.nextUnitPrice')} name={['fee', 'nextUnitPrice']} rules={req}>
                <InputNumber min={0} step={1000} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={12} sm={8}>
              <Form.Item label={t('adminProc.cap')} name={['fee', 'capPerCopy']}>
                <InputNumber min={0} step={1000} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
        )}
        <Form.Item label={t('adminProc.feeNote')} name={['fee', 'note']}>
          <Input.TextArea autoSize maxLength={2000} />
        </Form.Item>
      </fieldset>

      <fieldset className="fieldset">
        <legend>{t('adminProc.components')}</legend>
        <Form.List name="components">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <div key={f.key} className="list-row">
                  <Form.Item label={t('adminProc.componentN', { n: i + 1 })} name={[f.name, 'name']} rules={req}>
                    <Input.TextArea autoSize maxLength={1000} />
                  </Form.Item>
                  <Space wrap align="end">
                    <Form.Item name={[f.name, 'mandatory']} valuePropName="checked" style={{ marginBottom: 8 }}>
                      <Checkbox>{t('comp.mandatory')}</Checkbox>
                    </Form.Item>
                    <Form.Item name={[f.name, 'fromRegistry']} valuePropName="checked" style={{ marginBottom: 8 }}>
                      <Checkbox>{t('adminProc.fromRegistry')}</Checkbox>
                    </Form.Item>
                    <Form.Item label={t('adminProc.originals')} name={[f.name, 'originals']} style={{ marginBottom: 8 }}>
                      <InputNumber min={0} max={20} style={{ width: 90 }} />
                    </Form.Item>
                    <Form.Item label={t('adminProc.copies')} name={[f.name, 'copies']} style={{ marginBottom: 8 }}>
                      <InputNumber min={0} max={20} style={{ width: 90 }} />
                    </Form.Item>
                  </Space>
                  <Form.Item label={t('adminProc.accepted')} name={[f.name, 'accepted']} rules={req}>
                    <Checkbox.Group
                      options={[
                        { value: 'paper', label: t('adminProc.paper') },
                        { value: 'electronic', label: t('adminProc.electronic') },
                        { value: 'presented', label: t('adminProc.presented') },
                      ]}
                    />
                  </Form.Item>
                  <Button danger onClick={() => remove(f.name)} disabled={fields.length <= 1}>
                    {t('adminProc.removeComponent', { n: i + 1 })}
                  </Button>
                  <Divider />
                </div>
              ))}
              <Button
                icon={<PlusIcon />}
                onClick={() => add({ name: '', mandatory: true, originals: 1, copies: 0, accepted: ['paper'], fromRegistry: false })}
              >
                {t('adminProc.addComponent')}
              </Button>
            </>
          )}
        </Form.List>
      </fieldset>

      <fieldset className="fieldset">
        <legend>{t('adminProc.steps')}</legend>
        <Form.List name="steps">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Row key={f.key} gutter={8} align="bottom">
                  <Col xs={24} md={12}>
                    <Form.Item label={t('adminProc.stepN', { n: i + 1 })} name={[f.name, 'name']} rules={req}>
                      <Input maxLength={300} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={5}>
                    <Form.Item label={t('adminProc.role')} name={[f.name, 'role']} rules={req}>
                      <Select
                        options={(['reception-officer', 'specialist', 'leader'] as const).map((r) => ({ value: r, label: t(`role.${r}`) }))}
                        popupMatchSelectWidth={false}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={8} md={4}>
                    <Form.Item label={t('adminProc.share')} name={[f.name, 'share']} rules={req}>
                      <InputNumber min={0.0001} max={1} step={0.05} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col xs={4} md={3}>
                    <Form.Item>
                      <Button
                        onClick={() => remove(f.name)}
                        disabled={fields.length <= 1}
                        aria-label={t('adminProc.removeStep', { n: i + 1 })}
                      >
                        ✕
                      </Button>
                    </Form.Item>
                  </Col>
                </Row>
              ))}
              <Space wrap>
                <Button icon={<PlusIcon />} onClick={() => add({ name: '', role: 'specialist', share: 0 })}>
                  {t('adminProc.addStep')}
                </Button>
                <Tag className={Math.abs(shareSum - 1) < 1e-6 ? 'tag-ok' : 'tag-error'} data-testid="share-sum">
                  {t('adminProc.shareSum', { sum: shareSum.toFixed(4).replace(/\.?0+$/, '') })}
                </Tag>
              </Space>
            </>
          )}
        </Form.List>
      </fieldset>

      <Form.Item label={t('cat.result')} name="resultType" rules={req}>
        <Input maxLength={500} />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item label={t('cat.channels')} name="channels" rules={req}>
            <Checkbox.Group options={(['in-person', 'online', 'postal'] as const).map((c) => ({ value: c, label: t(`channel.${c}`) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item label={t('adminProc.onlineLevel')} name="onlineLevel">
            <Select
              options={[
                { value: 'full', label: t('adminProc.onlineFull') },
                { value: 'partial', label: t('adminProc.onlinePartial') },
                { value: 'none', label: t('adminProc.onlineNone') },
              ]}
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="boundaryFree" valuePropName="checked">
        <Checkbox>{t('adminProc.boundaryFree')}</Checkbox>
      </Form.Item>

      <fieldset className="fieldset">
        <legend>{t('cat.legal')}</legend>
        <Form.List name="legalBasis">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Row key={f.key} gutter={8} align="bottom">
                  <Col xs={12} md={5}>
                    <Form.Item label={t('adminProc.lawNumber')} name={[f.name, 'number']} rules={req}>
                      <Input maxLength={100} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={5}>
                    <Form.Item label={t('adminProc.lawDate')} name={[f.name, 'issuedOn']} rules={req}>
                      <Input type="date" />
                    </Form.Item>
                  </Col>
                  <Col xs={20} md={12}>
                    <Form.Item label={t('adminProc.lawTitle')} name={[f.name, 'title']} rules={req}>
                      <Input maxLength={1000} />
                    </Form.Item>
                  </Col>
                  <Col xs={4} md={2}>
                    <Form.Item>
                      <Button onClick={() => remove(f.name)} aria-label={t('adminProc.removeLaw', { n: i + 1 })}>
                        ✕
                      </Button>
                    </Form.Item>
                  </Col>
                </Row>
              ))}
              <Button icon={<PlusIcon />} onClick={() => add({ number: '', title: '', issuedOn: '' })}>
                {t('adminProc.addLaw')}
              </Button>
            </>
          )}
        </Form.List>
      </fieldset>
      <Row gutter={12}>
        <Col xs={12}>
          <Form.Item label={t('adminProc.effectiveFrom')} name="effectiveFrom">
            <Input type="date" />
          </Form.Item>
        </Col>
        <Col xs={12}>
          <Form.Item label={t('adminProc.effectiveTo')} name="effectiveTo">
            <Input type="date" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label={t('cat.notes')} name="notes">
        <Input.TextArea autoSize={{ minRows: 2 }} maxLength={5000} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy} size="large">
        {t('adminProc.saveVersion')}
      </Button>

      <Divider />
      <Typography.Title level={3} style={{ fontSize: '1.125rem' }}>
        {t('adminProc.versions')}
      </Typography.Title>
      <List
        size="small"
        loading={versions.loading}
        dataSource={versions.data ?? []}
        renderItem={(v) => (
          <List.Item>
            {t('adminProc.versionN', { n: v.version })} · {dateTime(v.createdAt, lang)} · {daysText(v.processingDays, t, lang)}
          </List.Item>
        )}
      />
    </Form>
  );
}

// The e-form builder of the procedure editor (province administrators): sections and fields added, moved and
// removed, their properties edited, each mistake shown at its field (domain/eform/builder.ts), a live preview at
// phone size drawn by the portal's own renderer (EForm) and as the printed declaration, JSON import and export.
// Saving makes a new draft version (versions in use never change); the publication panel reviews and publishes it.
import { Alert, App, Button, Card, Col, Empty, Input, InputNumber, Row, Select, Space, Switch, Tabs, Tag, Typography } from 'antd';
import {
  checkDefinition,
  FIELD_KINDS,
  fromSchema,
  newField,
  REGISTRY_ATTRIBUTES,
  toSchema,
  type BuilderField,
  type DefinitionIssue,
  type FieldKind,
  type FormDefinition,
} from '@domain/eform/builder';
import { useMemo, useRef, useState } from 'react';
import { api, must, type Body } from '../../api/client';
import { useLang, useT } from '../../i18n';
import { withValue, type FormValues, type SchemaNode } from '../../portal/schema';
import { useStaff } from '../../staff/context';
import { errorText } from '../../ui/ErrorAlert';
import { EForm } from '../portal/EForm';
import '../portal/portal.css';

type ProcInput = Body<'/api/procedures/{id}', 'put'>;

/** Where the selection is: a section, or a field of it, or a field of a repeating group in it. */
type Sel = { s: number; f?: number; g?: number };

const EMPTY: FormDefinition = {
  title: 'Tờ khai',
  sections: [{ key: 'nguoiKhai', title: 'Thông tin người khai', fields: [] }],
};

function freeKey(fields: BuilderField[], base: string): string {
  let i = fields.length + 1;
  while (fields.some((f) => f.key === `${base}${i}`)) i++;
  return `${base}${i}`;
}

function move<T>(list: T[], i: number, d: number): T[] {
  const j = i + d;
  if (j < 0 || j >= list.length) return list;
  const copy = [...list];
  [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  return copy;
}

export function EFormBuilder({
  procedureId,
  formSchema,
  baseInput,
  onSaved,
}: {
  procedureId: string;
  formSchema: Record<string, unknown> | null;
  baseInput: ProcInput;
  onSaved: () => void;
}) {
  const t = useT();
  const lang = useLang();
  const { message } = App.useApp();
  const { units } = useStaff();
  const unitNames = useMemo(() => units.filter((u) => u.type !== 'province').map((u) => u.name), [units]);
  const initial = useMemo(() => (formSchema ? fromSchema(formSchema) : null), [formSchema]);
  const [readOnly, setReadOnly] = useState<{ vi: string; en: string } | null>(initial && !initial.ok ? initial.reason : null);
  const [def, setDef] = useState<FormDefinition>(initial?.ok ? initial.definition : EMPTY);
  const [sel, setSel] = useState<Sel>({ s: 0 });
  const [values, setValues] = useState<FormValues>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [serverIssues, setServerIssues] = useState<DefinitionIssue[]>([]);

  const issues = useMemo(() => checkDefinition(def), [def]);
  const allIssues = issues.length ? issues : serverIssues;
  const schema = useMemo(() => toSchema(def, { units: unitNames }), [def, unitNames]);
  const issuesAt = (path: string) => allIssues.filter((i) => i.path === path);
  const text = (i: { vi: string; en: string }) => (lang === 'en' ? i.en : i.vi);

  const section = def.sections[sel.s];
  const field = section && sel.f !== undefined ? section.fields[sel.f] : undefined;
  const sub = field && sel.g !== undefined ? field.fields?.[sel.g] : undefined;
  const selPath = `sections.${sel.s}${sel.f !== undefined ? `.fields.${sel.f}` : ''}${sel.g !== undefined ? `.fields.${sel.g}` : ''}`;

  const setSections = (sections: FormDefinition['sections']) => {
    setDef({ ...def, sections });
    setServerIssues([]);
  };
  const setFields = (s: number, fields: BuilderField[]) => setSections(def.sections.map((x, i) => (i === s ? { ...x, fields } : x)));
  const updateField = (patch: Partial<BuilderField>) => {
    if (sel.f === undefined || !section) return;
    if (sel.g !== undefined && field)
      setFields(
        sel.s,
        section.fields.map((f, i) =>
          i === sel.f ? { ...f, fields: (f.fields ?? []).map((g, j) => (j === sel.g ? clean({ ...g, ...patch }) : g)) } : f,
        ),
      );
    else
      setFields(
        sel.s,
        section.fields.map((f, i) => (i === sel.f ? clean({ ...f, ...patch }) : f)),
      );
  };

  const addField = (kind: FieldKind) => {
    if (!section) return;
    if (field?.kind === 'group' && sel.g !== undefined) {
      const list = field.fields ?? [];
      const f = newField(kind === 'group' ? 'text' : kind, freeKey(list, 'truong'));
      setFields(
        sel.s,
        section.fields.map((x, i) => (i === sel.f ? { ...x, fields: [...list, f] } : x)),
      );
      setSel({ ...sel, g: list.length });
      return;
    }
    const f = newField(kind, freeKey(section.fields, kind === 'group' ? 'nhom' : 'truong'));
    setFields(sel.s, [...section.fields, f]);
    setSel({ s: sel.s, f: section.fields.length });
  };

  const save = async () => {
    setError(null);
    if (issues.length) {
      setError(t('eform.fixFirst', { n: issues.length }));
      return;
    }
    setBusy(true);
    try {
      const r = await api.POST('/api/procedures/{id}/drafts', {
        params: { path: { id: procedureId } },
        body: { ...baseInput, formSchema: schema },
      });
      if (!r.response.ok) {
        const problem = r.error as { issues?: DefinitionIssue[] } | undefined;
        if (problem?.issues) setServerIssues(problem.issues);
      }
      const v = must(r);
      message.success(t('eform.savedDraft', { n: v.version }));
      onSaved();
    } catch (e) {
      setError(errorText(e, t('common.networkError')));
    } finally {
      setBusy(false);
    }
  };

  const exportJson = () => {
    const blob = new Blob([JSON.stringify(schema, null, 2)], { type: 'application/json' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = 'bieu-mau.json';
    a.click();
    URL.revokeObjectURL(a.href);
  };
  const importJson = async (file: File) => {
    try {
      const parsed = JSON.parse(await file.text()) as unknown;
      const r = fromSchema(parsed);
      if (r.ok) {
        setDef(r.definition);
        setReadOnly(null);
        setSel({ s: 0 });
      } else setReadOnly(r.reason);
    } catch {
      setError(t('eform.notJson'));
    }
  };

  const registryPaths = useMemo(() => {
    const out = new Set<string>();
    def.sections.forEach((s) => s.fields.forEach((f) => f.registry && out.add(`${s.key}.${f.key}`)));
    return out;
  }, [def]);
  const previewValues = useMemo(() => {
    let v = values;
    def.sections.forEach((s) =>
      s.fields.forEach((f) => {
        if (f.registry) v = withValue(v, `${s.key}.${f.key}`, REGISTRY_ATTRIBUTES[f.registry]?.vi ?? '');
      }),
    );
    return v;
  }, [values, def]);

  if (readOnly)
    return (
      <div data-testid="eform-readonly">
        <Alert type="warning" showIcon message={text(readOnly)} style={{ marginBottom: 12 }} />
        <Space wrap style={{ marginBottom: 12 }}>
          <Button onClick={() => setReadOnly(null)} data-testid="eform-start-new">
            {t('eform.startNew')}
          </Button>
          <ImportButton onFile={(f) => void importJson(f)} label={t('eform.import')} />
        </Space>
        <pre className="eform-json">{JSON.stringify(formSchema, null, 2)}</pre>
      </div>
    );

  return (
    <div className="eform-builder" data-testid="eform-builder">
      <Space wrap style={{ marginBottom: 12 }}>
        <Button type="primary" loading={busy} onClick={() => void save()} data-testid="eform-save">
          {t('eform.saveDraft')}
        </Button>
        <Button onClick={exportJson}>{t('eform.export')}</Button>
        <ImportButton onFile={(f) => void importJson(f)} label={t('eform.import')} />
        {allIssues.length > 0 ? (
          <Tag color="red" data-testid="eform-issue-count">
            {t('eform.issues', { n: allIssues.length })}
          </Tag>
        ) : (
          <Tag color="green">{t('eform.noIssues')}</Tag>
        )}
      </Space>
      {error && <Alert type="error" showIcon role="alert" message={error} style={{ marginBottom: 12 }} />}
      <Row gutter={16}>
        <Col xs={24} lg={8}>
          <Card size="small" title={t('eform.outline')}>
            <label className="eform-label">
              {t('eform.formTitle')}
              <Input value={def.title} onChange={(e) => setDef({ ...def, title: e.target.value })} data-testid="eform-title" />
            </label>
            {def.sections.map((s, si) => (
              <div key={si} className={sel.s === si && sel.f === undefined ? 'eform-node eform-selected' : 'eform-node'}>
                <Space size={4} wrap>
                  <Button size="small" type="text" onClick={() => setSel({ s: si })} data-testid={`eform-section-${si}`}>
                    <strong>{s.title || s.key}</strong>
                  </Button>
                  <NodeButtons
                    onUp={() => setSections(move(def.sections, si, -1))}
                    onDown={() => setSections(move(def.sections, si, 1))}
                    onRemove={() => {
                      setSections(def.sections.filter((_, i) => i !== si));
                      setSel({ s: 0 });
                    }}
                    t={t}
                  />
                </Space>
                {issuesAt(`sections.${si}`).map((i) => (
                  <div key={i.code} className="eform-issue">
                    {text(i)}
                  </div>
                ))}
                <ul className="eform-fields">
                  {s.fields.map((f, fi) => (
                    <li key={fi}>
                      <Space size={4} wrap>
                        <Button
                          size="small"
                          type={sel.s === si && sel.f === fi && sel.g === undefined ? 'primary' : 'text'}
                          onClick={() => setSel({ s: si, f: fi })}
                          data-testid={`eform-field-${s.key}-${f.key}`}
                        >
                          {f.label || f.key}
                        </Button>
                        <Tag>{t(`eform.kind.${f.kind}`)}</Tag>
                        {f.showWhen && <Tag color="blue">{t('eform.conditional')}</Tag>}
                        {f.registry && <Tag color="green">{t('eform.fromRegistry')}</Tag>}
                        <NodeButtons
                          onUp={() => setFields(si, move(s.fields, fi, -1))}
                          onDown={() => setFields(si, move(s.fields, fi, 1))}
                          onRemove={() => {
                            setFields(
                              si,
                              s.fields.filter((_, i) => i !== fi),
                            );
                            setSel({ s: si });
                          }}
                          t={t}
                        />
                      </Space>
                      {issuesAt(`sections.${si}.fields.${fi}`).map((i) => (
                        <div key={i.code} className="eform-issue" data-testid="eform-issue">
                          {text(i)}
                        </div>
                      ))}
                      {f.kind === 'group' && (
                        <ul className="eform-fields">
                          {(f.fields ?? []).map((g, gi) => (
                            <li key={gi}>
                              <Button
                                size="small"
                                type={sel.s === si && sel.f === fi && sel.g === gi ? 'primary' : 'text'}
                                onClick={() => setSel({ s: si, f: fi, g: gi })}
                              >
                                {g.label || g.key}
                              </Button>
                              <Tag>{t(`eform.kind.${g.kind}`)}</Tag>
                              {issuesAt(`sections.${si}.fields.${fi}.fields.${gi}`).map((i) => (
                                <div key={i.code} className="eform-issue">
                                  {text(i)}
                                </div>
                              ))}
                            </li>
                          ))}
                        </ul>
                      )}
                    </li>
                  ))}
                </ul>
              </div>
            ))}
            <Space wrap style={{ marginTop: 8 }}>
              <Select<FieldKind>
                placeholder={t('eform.addField')}
                value={null as unknown as FieldKind}
                style={{ minWidth: 180 }}
                onChange={addField}
                options={FIELD_KINDS.map((k) => ({ value: k, label: t(`eform.kind.${k}`) }))}
                aria-label={t('eform.addField')}
                data-testid="eform-add-field"
              />
              <Button
                onClick={() => {
                  const key = freeKey(def.sections as unknown as BuilderField[], 'phan');
                  setSections([...def.sections, { key, title: t('eform.newSection'), fields: [] }]);
                  setSel({ s: def.sections.length });
                }}
                data-testid="eform-add-section"
              >
                {t('eform.addSection')}
              </Button>
            </Space>
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card size="small" title={t('eform.properties')} data-testid="eform-properties">
            {issuesAt(selPath).map((i) => (
              <Alert key={i.code} type="error" showIcon message={text(i)} style={{ marginBottom: 8 }} data-testid="eform-prop-issue" />
            ))}
            {section && sel.f === undefined && (
              <>
                <Prop label={t('eform.sectionTitle')}>
                  <Input
                    value={section.title}
                    onChange={(e) => setSections(def.sections.map((x, i) => (i === sel.s ? { ...x, title: e.target.value } : x)))}
                    data-testid="eform-prop-label"
                  />
                </Prop>
                <Prop label={t('eform.key')}>
                  <Input
                    value={section.key}
                    onChange={(e) => setSections(def.sections.map((x, i) => (i === sel.s ? { ...x, key: e.target.value } : x)))}
                    data-testid="eform-prop-key"
                  />
                </Prop>
              </>
            )}
            {(sub ?? field) && (
              <FieldProps f={(sub ?? field)!} siblings={sub ? (field!.fields ?? []) : section!.fields} onChange={updateField} t={t} />
            )}
            {!section && <Empty />}
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card size="small" title={t('eform.preview')}>
            <Tabs
              items={[
                {
                  key: 'phone',
                  label: t('eform.previewPhone'),
                  children: (
                    <div className="eform-phone" data-testid="eform-preview-phone">
                      <div className="portal eform-phone-screen">
                        <h2 className="p-h2">{def.title}</h2>
                        <EForm
                          schema={schema as SchemaNode}
                          values={previewValues}
                          registryPaths={registryPaths}
                          errors={new Map()}
                          onChange={(path, v) => setValues((old) => withValue(old, path, v))}
                          onBlur={() => undefined}
                        />
                      </div>
                    </div>
                  ),
                },
                {
                  key: 'print',
                  label: t('eform.previewPrint'),
                  children: <PrintedDeclaration def={def} />,
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </div>
  );
}

function clean(f: BuilderField): BuilderField {
  const o = { ...f } as Record<string, unknown>;
  for (const k of Object.keys(o)) if (o[k] === undefined || o[k] === null || o[k] === '') if (k !== 'label' && k !== 'key') delete o[k];
  return o as BuilderField;
}

function ImportButton({ onFile, label }: { onFile: (f: File) => void; label: string }) {
  const ref = useRef<HTMLInputElement>(null);
  return (
    <>
      <Button onClick={() => ref.current?.click()}>{label}</Button>
      <input
        ref={ref}
        type="file"
        accept="application/json,.json"
        data-testid="eform-import-file"
        className="visually-hidden"
        tabIndex={-1}
        aria-hidden="true"
        onChange={(e) => {
          const f = e.target.files?.[0];
          if (f) onFile(f);
          e.target.value = '';
        }}
      />
    </>
  );
}

function NodeButtons({
  onUp,
  onDown,
  onRemove,
  t,
}: {
  onUp: () => void;
  onDown: () => void;
  onRemove: () => void;
  t: ReturnType<typeof useT>;
}) {
  return (
    <>
      <Button size="small" onClick={onUp} aria-label={t('eform.up')}>
        ↑
      </Button>
      <Button size="small" onClick={onDown} aria-label={t('eform.down')}>
        ↓
      </Button>
      <Button size="small" danger onClick={onRemove} aria-label={t('eform.remove')}>
        ✕
      </Button>
    </>
  );
}

function Prop({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <label className="eform-label">
      <span>{label}</span>
      {children}
    </label>
  );
}

function FieldProps({
  f,
  siblings,
  onChange,
  t,
}: {
  f: BuilderField;
  siblings: BuilderField[];
  onChange: (p: Partial<BuilderField>) => void;
  t: ReturnType<typeof useT>;
}) {
  const earlier = siblings.slice(0, Math.max(0, siblings.indexOf(f)));
  const target = siblings.find((x) => x.key === f.showWhen?.field);
  const num = (v: number | null) => (v === null ? undefined : v);
  return (
    <>
      <Prop label={t('eform.label')}>
        <Input value={f.label} onChange={(e) => onChange({ label: e.target.value })} data-testid="eform-prop-label" />
      </Prop>
      <Prop label={t('eform.key')}>
        <Input value={f.key} onChange={(e) => onChange({ key: e.target.value })} data-testid="eform-prop-key" />
      </Prop>
      <Prop label={t('eform.help')}>
        <Input value={f.help ?? ''} onChange={(e) => onChange({ help: e.target.value })} />
      </Prop>
      <Prop label={t('eform.required')}>
        <Switch checked={f.required} onChange={(v) => onChange({ required: v })} data-testid="eform-prop-required" />
      </Prop>
      {f.kind === 'text' && (
        <>
          <Prop label={t('eform.maxLength')}>
            <InputNumber min={1} max={10000} value={f.maxLength} onChange={(v) => onChange({ maxLength: num(v) })} />
          </Prop>
          <Prop label={t('eform.pattern')}>
            <Input value={f.pattern ?? ''} onChange={(e) => onChange({ pattern: e.target.value })} />
          </Prop>
        </>
      )}
      {f.kind === 'number' && (
        <Space>
          <Prop label={t('eform.min')}>
            <InputNumber value={f.minimum} onChange={(v) => onChange({ minimum: num(v) })} />
          </Prop>
          <Prop label={t('eform.max')}>
            <InputNumber value={f.maximum} onChange={(v) => onChange({ maximum: num(v) })} />
          </Prop>
        </Space>
      )}
      {f.kind === 'date' && (
        <Prop label={t('eform.beforeToday')}>
          <Switch checked={!!f.beforeToday} onChange={(v) => onChange({ beforeToday: v || undefined })} />
        </Prop>
      )}
      {f.kind === 'choice' && (
        <Prop label={t('eform.options')}>
          <Input.TextArea
            rows={4}
            value={(f.options ?? []).join('\n')}
            onChange={(e) => onChange({ options: e.target.value.split('\n') })}
            data-testid="eform-prop-options"
          />
        </Prop>
      )}
      {f.kind === 'group' && (
        <Space>
          <Prop label={t('eform.minItems')}>
            <InputNumber min={0} max={100} value={f.minItems} onChange={(v) => onChange({ minItems: num(v) })} />
          </Prop>
          <Prop label={t('eform.maxItems')}>
            <InputNumber min={1} max={100} value={f.maxItems} onChange={(v) => onChange({ maxItems: num(v) })} />
          </Prop>
        </Space>
      )}
      {f.kind !== 'group' && f.kind !== 'address' && f.kind !== 'choice' && f.kind !== 'yesno' && f.kind !== 'number' && (
        <Prop label={t('eform.registry')}>
          <Select
            allowClear
            value={f.registry}
            onChange={(v) => onChange({ registry: v })}
            options={Object.entries(REGISTRY_ATTRIBUTES).map(([k, a]) => ({ value: k, label: a.vi }))}
            placeholder={t('eform.registryNone')}
            data-testid="eform-prop-registry"
          />
        </Prop>
      )}
      <Prop label={t('eform.showWhen')}>
        <Select
          allowClear
          value={f.showWhen?.field}
          onChange={(v?: string) => {
            const tg = siblings.find((x) => x.key === v);
            onChange({ showWhen: v ? { field: v, equals: tg?.kind === 'yesno' ? true : (tg?.options?.[0] ?? '') } : undefined });
          }}
          options={earlier.map((x) => ({ value: x.key, label: x.label || x.key }))}
          placeholder={t('eform.always')}
          data-testid="eform-prop-showwhen"
        />
      </Prop>
      {f.showWhen && target && (
        <Prop label={t('eform.equals')}>
          {target.kind === 'yesno' ? (
            <Select
              value={String(f.showWhen.equals)}
              onChange={(v) => onChange({ showWhen: { field: target.key, equals: v === 'true' } })}
              options={[
                { value: 'true', label: 'Có' },
                { value: 'false', label: 'Không' },
              ]}
              data-testid="eform-prop-equals"
            />
          ) : target.kind === 'choice' ? (
            <Select
              value={String(f.showWhen.equals)}
              onChange={(v) => onChange({ showWhen: { field: target.key, equals: v } })}
              options={(target.options ?? []).map((o) => ({ value: o, label: o }))}
              data-testid="eform-prop-equals"
            />
          ) : (
            <Input
              value={String(f.showWhen.equals)}
              onChange={(e) => onChange({ showWhen: { field: target.key, equals: e.target.value } })}
              data-testid="eform-prop-equals"
            />
          )}
        </Prop>
      )}
    </>
  );
}

/** The declaration as printed: the form's title, each section, each field's label with room to write. */
function PrintedDeclaration({ def }: { def: FormDefinition }) {
  return (
    <div className="eform-print" data-testid="eform-preview-print">
      <p className="eform-print-head">
        CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
        <br />
        Độc lập - Tự do - Hạnh phúc
      </p>
      <Typography.Title level={5} style={{ textAlign: 'center', textTransform: 'uppercase' }}>
        {def.title}
      </Typography.Title>
      {def.sections.map((s) => (
        <div key={s.key}>
          <strong>{s.title}</strong>
          {s.fields.map((f) => (
            <div key={f.key} className="eform-print-line">
              {f.label}
              {f.showWhen ? ' (nếu có)' : ''}:{' '}
              {f.kind === 'choice'
                ? (f.options ?? []).map((o) => `☐ ${o}`).join('  ')
                : f.kind === 'yesno'
                  ? '☐ Có  ☐ Không'
                  : '…'.repeat(20)}
              {f.kind === 'group' && (
                <table className="eform-print-table">
                  <thead>
                    <tr>
                      <th>STT</th>
                      {(f.fields ?? []).map((g) => (
                        <th key={g.key}>{g.label}</th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {[1, 2, 3].map((n) => (
                      <tr key={n}>
                        <td>{n}</td>
                        {(f.fields ?? []).map((g) => (
                          <td key={g.key} />
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </div>
          ))}
        </div>
      ))}
    </div>
  );
}

// The e-form builder of the procedure editor (province administrators): sections and fields added, moved and
// removed, their properties edited, each mistake shown at its field (domain/eform/builder.ts), a live preview at
// phone size drawn by the portal's own renderer (EForm) and as the printed declaration, JSON import and export.
// Saving makes a new draft version (versions in use never change); the publication panel reviews and publishes it.
// The state is one pure reducer (eform/state.ts, unit-tested); the outline, properties and preview sit beside it.
import { checkDefinition, toSchema, type DefinitionIssue } from '@domain/eform/builder';
import { Alert, App, Button, Card, Col, Empty, Input, Row, Space, Tag } from 'antd';
import { useMemo, useReducer } from 'react';
import { api, must, type Body } from '../../api/client';
import { useLang, useT } from '../../i18n';
import { useStaff } from '../../staff/context';
import { refuse } from '../../ui/action';
import { ActionAlert } from '../../ui/ActionAlert';
import { useAction } from '../../ui/useAction';
import { FieldProps } from './eform/FieldProperties';
import { Outline } from './eform/Outline';
import { ImportButton, Prop } from './eform/parts';
import { Preview } from './eform/Preview';
import { builderReducer, initialState, selPath } from './eform/state';

type ProcInput = Body<'/api/procedures/{id}', 'put'>;

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
  const unitNames = useMemo(() => units.filter((u) => u.type !== 'province').map((u) => u.shortName), [units]);
  const [st, dispatch] = useReducer(builderReducer, formSchema, initialState);
  const { def, sel } = st;

  const issues = useMemo(() => checkDefinition(def), [def]);
  const allIssues = issues.length ? issues : st.serverIssues;
  const schema = useMemo(() => toSchema(def, { units: unitNames }), [def, unitNames]);
  const issuesAt = (path: string) => allIssues.filter((i) => i.path === path);
  const text = (i: { vi: string; en: string }) => (lang === 'en' ? i.en : i.vi);

  const section = def.sections[sel.s];
  const field = section && sel.f !== undefined ? section.fields[sel.f] : undefined;
  const sub = field && sel.g !== undefined ? field.fields?.[sel.g] : undefined;

  const saving = useAction(async () => {
    if (issues.length) refuse(t('eform.fixFirst', { n: issues.length }));
    const r = await api.POST('/api/procedures/{id}/drafts', {
      params: { path: { id: procedureId } },
      body: { ...baseInput, formSchema: schema },
    });
    if (!r.response.ok) {
      const problem = r.error as { issues?: DefinitionIssue[] } | undefined;
      if (problem?.issues) dispatch({ type: 'serverIssues', issues: problem.issues });
    }
    const v = must(r);
    message.success(t('eform.savedDraft', { n: v.version }));
    onSaved();
  });
  const save = saving.run;
  const busy = saving.busy;

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
      dispatch({ type: 'imported', schema: JSON.parse(await file.text()) as unknown });
    } catch {
      saving.refuse(t('eform.notJson'));
    }
  };

  if (st.readOnly)
    return (
      <div data-testid="eform-readonly">
        <Alert type="warning" showIcon message={text(st.readOnly)} style={{ marginBottom: 12 }} />
        <Space wrap style={{ marginBottom: 12 }}>
          <Button onClick={() => dispatch({ type: 'startNew' })} data-testid="eform-start-new">
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
      <ActionAlert action={saving} style={{ marginBottom: 12 }} />
      <Row gutter={16}>
        <Col xs={24} lg={8}>
          <Outline st={st} dispatch={dispatch} issuesAt={issuesAt} text={text} t={t} />
        </Col>
        <Col xs={24} lg={8}>
          <Card size="small" title={t('eform.properties')} data-testid="eform-properties">
            {issuesAt(selPath(sel)).map((i) => (
              <Alert key={i.code} type="error" showIcon message={text(i)} style={{ marginBottom: 8 }} data-testid="eform-prop-issue" />
            ))}
            {section && sel.f === undefined && (
              <>
                <Prop label={t('eform.sectionTitle')}>
                  <Input
                    value={section.title}
                    onChange={(e) => dispatch({ type: 'setSection', s: sel.s, patch: { title: e.target.value } })}
                    data-testid="eform-prop-label"
                  />
                </Prop>
                <Prop label={t('eform.key')}>
                  <Input
                    value={section.key}
                    onChange={(e) => dispatch({ type: 'setSection', s: sel.s, patch: { key: e.target.value } })}
                    data-testid="eform-prop-key"
                  />
                </Prop>
              </>
            )}
            {(sub ?? field) && (
              <FieldProps
                f={(sub ?? field)!}
                siblings={sub ? (field!.fields ?? []) : section!.fields}
                onChange={(patch) => dispatch({ type: 'updateField', patch })}
                t={t}
              />
            )}
            {!section && <Empty />}
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Preview def={def} schema={schema} t={t} />
        </Col>
      </Row>
    </div>
  );
}

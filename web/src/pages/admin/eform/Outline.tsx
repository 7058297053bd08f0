// The outline of the form being built: its title, sections and their fields (a group's fields beneath it), each
// with its kind, condition and registry tags, move/remove buttons and the mistakes found at it; adding fields and
// sections.
import { FIELD_KINDS, type DefinitionIssue, type FieldKind } from '@domain/eform/builder';
import { Button, Card, Input, Select, Space, Tag } from 'antd';
import type { Dispatch } from 'react';
import { NodeButtons, type T } from './parts';
import type { BuilderAction, BuilderState } from './state';

export function Outline({
  st,
  dispatch,
  issuesAt,
  text,
  t,
}: {
  st: BuilderState;
  dispatch: Dispatch<BuilderAction>;
  issuesAt: (path: string) => DefinitionIssue[];
  text: (i: { vi: string; en: string }) => string;
  t: T;
}) {
  const { def, sel } = st;
  return (
    <Card size="small" title={t('eform.outline')}>
      <label className="eform-label">
        {t('eform.formTitle')}
        <Input value={def.title} onChange={(e) => dispatch({ type: 'setTitle', title: e.target.value })} data-testid="eform-title" />
      </label>
      {def.sections.map((s, si) => (
        <div key={si} className={sel.s === si && sel.f === undefined ? 'eform-node eform-selected' : 'eform-node'}>
          <Space size={4} wrap>
            <Button
              size="small"
              type="text"
              onClick={() => dispatch({ type: 'select', sel: { s: si } })}
              data-testid={`eform-section-${si}`}
            >
              <strong>{s.title || s.key}</strong>
            </Button>
            <NodeButtons
              onUp={() => dispatch({ type: 'moveSection', s: si, by: -1 })}
              onDown={() => dispatch({ type: 'moveSection', s: si, by: 1 })}
              onRemove={() => dispatch({ type: 'removeSection', s: si })}
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
                    onClick={() => dispatch({ type: 'select', sel: { s: si, f: fi } })}
                    data-testid={`eform-field-${s.key}-${f.key}`}
                  >
                    {f.label || f.key}
                  </Button>
                  <Tag>{t(`eform.kind.${f.kind}`)}</Tag>
                  {f.showWhen && <Tag color="blue">{t('eform.conditional')}</Tag>}
                  {f.registry && <Tag color="green">{t('eform.fromRegistry')}</Tag>}
                  <NodeButtons
                    onUp={() => dispatch({ type: 'moveField', s: si, f: fi, by: -1 })}
                    onDown={() => dispatch({ type: 'moveField', s: si, f: fi, by: 1 })}
                    onRemove={() => dispatch({ type: 'removeField', s: si, f: fi })}
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
                          onClick={() => dispatch({ type: 'select', sel: { s: si, f: fi, g: gi } })}
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
          onChange={(kind) => dispatch({ type: 'addField', kind })}
          options={FIELD_KINDS.map((k) => ({ value: k, label: t(`eform.kind.${k}`) }))}
          aria-label={t('eform.addField')}
          data-testid="eform-add-field"
        />
        <Button onClick={() => dispatch({ type: 'addSection', title: t('eform.newSection') })} data-testid="eform-add-section">
          {t('eform.addSection')}
        </Button>
      </Space>
    </Card>
  );
}

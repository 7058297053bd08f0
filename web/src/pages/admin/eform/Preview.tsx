// The live preview: the portal's own renderer (EForm) at phone size, registry-mapped fields shown as filled from
// the registry, and the declaration as printed.
import { REGISTRY_ATTRIBUTES, type FormDefinition } from '@domain/eform/builder';
import { Card, Tabs } from 'antd';
import { useMemo, useState } from 'react';
import { withValue, type FormValues, type SchemaNode } from '../../../portal/schema';
import { EForm } from '../../portal/EForm';
import '../../portal/portal.css';
import type { T } from './parts';
import { PrintedDeclaration } from './PrintedDeclaration';

export function Preview({ def, schema, t }: { def: FormDefinition; schema: Record<string, unknown>; t: T }) {
  const [values, setValues] = useState<FormValues>({});
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
  return (
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
          { key: 'print', label: t('eform.previewPrint'), children: <PrintedDeclaration def={def} /> },
        ]}
      />
    </Card>
  );
}

// The properties of the selected field: label, key, help, required, the rules of its kind (lengths, pattern, range,
// dates before today, options, rows of a group), registry mapping and the condition it is shown under.
import { REGISTRY_ATTRIBUTES, type BuilderField } from '@domain/eform/builder';
import { Input, InputNumber, Select, Space, Switch } from 'antd';
import { Prop, type T } from './parts';

export function FieldProps({
  f,
  siblings,
  onChange,
  t,
}: {
  f: BuilderField;
  siblings: BuilderField[];
  onChange: (p: Partial<BuilderField>) => void;
  t: T;
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

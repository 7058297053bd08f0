// The procedure's e-form drawn from its JSON Schema: each object a fieldset with its title as legend; strings as
// text boxes (a numeric keyboard for digit-only fields), lists as radio buttons (few choices) or a drop-down,
// dates as date pickers, numbers and yes/no boxes. Fields the population registry fills are shown as text with
// where they come from, never asked. Errors appear under their field, tied to it for screen readers.
import { useEffect, useState, type ReactNode } from 'react';
import { usePT } from '../../i18n/portal';
import {
  digitsOnly,
  fieldId,
  getPath,
  isRequired,
  isShown,
  kindOf,
  propertiesOf,
  type FormValues,
  type SchemaNode,
} from '../../portal/schema';
import { dateOnly } from '../../ui/format';

type Props = {
  schema: SchemaNode;
  values: FormValues;
  registryPaths: ReadonlySet<string>;
  /** Messages to show, by field path. */
  errors: ReadonlyMap<string, string>;
  onChange: (path: string, value: unknown) => void;
  onBlur: (path: string) => void;
};

const RADIO_MAX = 4;

export function EForm(props: Props) {
  return <>{renderChildren(props, props.schema, '', 2)}</>;
}

function renderChildren(p: Props, node: SchemaNode, prefix: string, depth: number): ReactNode[] {
  return propertiesOf(node).map(([name, child]) => {
    const path = prefix ? `${prefix}.${name}` : name;
    // A field shown on a condition (e-form builder): only when its sibling has the answer.
    if (!isShown(child, p.values, prefix)) return null;
    if (kindOf(child) === 'array') return <Repeat key={path} p={p} node={child} path={path} depth={depth} />;
    if (kindOf(child) === 'object') return <Group key={path} p={p} node={child} path={path} depth={depth} />;
    return <Field key={path} p={p} node={child} path={path} />;
  });
}

/** A repeating group (children, parties to a contract): one fieldset per entry, add and remove buttons. */
function Repeat({ p, node, path, depth }: { p: Props; node: SchemaNode; path: string; depth: number }) {
  const t = usePT();
  const raw = getPath(p.values, path);
  const list = Array.isArray(raw) ? (raw as FormValues[]) : [];
  const error = p.errors.get(path) ?? null;
  const title = node.title ?? path;
  const canAdd = node.maxItems === undefined || list.length < node.maxItems;
  return (
    <fieldset className={error ? 'p-group has-error' : 'p-group'} data-path={path} id={fieldId(path)} tabIndex={-1}>
      <legend className={depth > 2 ? 'p-legend p-legend-sub' : 'p-legend'}>{title}</legend>
      {node.description && <p className="muted">{node.description}</p>}
      {error && (
        <span className="p-error">
          <span aria-hidden="true">⚠ </span>
          {error}
        </span>
      )}
      {list.map((_, i) => (
        <fieldset key={i} className="p-group p-repeat-item" data-path={`${path}.${i}`}>
          <legend className="p-legend p-legend-sub">
            {title} {i + 1}
          </legend>
          {renderChildren(p, node.items!, `${path}.${i}`, depth + 1)}
          <button
            type="button"
            className="btn btn-outline btn-small"
            onClick={() =>
              p.onChange(
                path,
                list.filter((__, j) => j !== i),
              )
            }
            aria-label={`${t('p.form.removeEntry')} ${title} ${i + 1}`}
          >
            {t('p.form.removeEntry')}
          </button>
        </fieldset>
      ))}
      {canAdd && (
        <button type="button" className="btn btn-outline btn-small" onClick={() => p.onChange(path, [...list, {}])}>
          + {t('p.form.addEntry')} {title.toLocaleLowerCase('vi')}
        </button>
      )}
    </fieldset>
  );
}

function Group({ p, node, path, depth }: { p: Props; node: SchemaNode; path: string; depth: number }) {
  return (
    <fieldset className="p-group" data-path={path}>
      <legend className={depth > 2 ? 'p-legend p-legend-sub' : 'p-legend'}>{node.title ?? path}</legend>
      {node.description && <p className="muted">{node.description}</p>}
      {renderChildren(p, node, path, depth + 1)}
    </fieldset>
  );
}

function RequiredMark() {
  const t = usePT();
  return (
    <>
      <span className="p-req" aria-hidden="true">
        {' '}
        *
      </span>
      <span className="visually-hidden"> ({t('p.form.required')})</span>
    </>
  );
}

function Field({ p, node, path }: { p: Props; node: SchemaNode; path: string }) {
  const t = usePT();
  const id = fieldId(path);
  const title = node.title ?? path.split('.').at(-1)!;
  const value = getPath(p.values, path);
  const error = p.errors.get(path) ?? null;
  const errId = `${id}-err`;
  const helpId = `${id}-help`;
  const required = isRequired(p.schema, path);
  const kind = kindOf(node);

  if (p.registryPaths.has(path)) {
    const shown = typeof value === 'string' && kind === 'date' ? dateOnly(value) : String(value ?? '');
    return (
      <div className="p-field p-registry" data-path={path}>
        <span className="p-label" id={`${id}-label`}>
          {title}
        </span>
        <span className="p-value" aria-labelledby={`${id}-label`} data-testid={`registry-${path}`}>
          {shown}
        </span>
        <span className="p-source">
          <span aria-hidden="true">✓ </span>
          {t('p.form.registry')}
        </span>
      </div>
    );
  }

  const describedBy = [node.description ? helpId : '', error ? errId : ''].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy,
    'aria-required': required || undefined,
    onBlur: () => p.onBlur(path),
  } as const;
  const help = node.description && (
    <span id={helpId} className="muted p-help">
      {node.description}
    </span>
  );
  const err = error && (
    <span id={errId} className="p-error">
      <span aria-hidden="true">⚠ </span>
      {error}
    </span>
  );

  if (kind === 'enum') {
    const options = node.enum!.map((o) => String(o));
    if (options.length <= RADIO_MAX)
      return (
        // A radio group (not a bare fieldset): aria-required is allowed on a radiogroup only.
        <fieldset
          role="radiogroup"
          className={error ? 'p-field p-radios has-error' : 'p-field p-radios'}
          data-path={path}
          id={id}
          tabIndex={-1}
          aria-describedby={error ? errId : undefined}
          aria-required={required || undefined}
        >
          <legend className="p-label">
            {title}
            {required && <RequiredMark />}
          </legend>
          {err}
          <div className="p-radio-list">
            {options.map((o, i) => (
              <label key={o} className="p-radio">
                <input
                  type="radio"
                  name={id}
                  value={o}
                  checked={value === node.enum![i]}
                  onChange={() => p.onChange(path, node.enum![i])}
                  onBlur={() => p.onBlur(path)}
                />
                <span>{o}</span>
              </label>
            ))}
          </div>
        </fieldset>
      );
    return (
      <div className={error ? 'p-field has-error' : 'p-field'} data-path={path}>
        <label htmlFor={id} className="p-label">
          {title}
          {required && <RequiredMark />}
        </label>
        {err}
        <select
          {...common}
          value={value === undefined ? '' : String(value)}
          onChange={(e) => {
            const i = options.indexOf(e.target.value);
            p.onChange(path, i >= 0 ? node.enum![i] : undefined);
          }}
        >
          <option value="">{t('p.form.choose')}</option>
          {options.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      </div>
    );
  }

  if (kind === 'boolean')
    return (
      <div className={error ? 'p-field has-error' : 'p-field'} data-path={path}>
        {err}
        <label className="p-check">
          <input {...common} type="checkbox" checked={value === true} onChange={(e) => p.onChange(path, e.target.checked)} />
          <span>
            {title}
            {required && <RequiredMark />}
          </span>
        </label>
      </div>
    );

  if (kind === 'date')
    return (
      <DateField
        id={id}
        path={path}
        title={title}
        value={value}
        required={required}
        error={error}
        onChange={(v) => p.onChange(path, v)}
        onBlur={() => p.onBlur(path)}
      />
    );

  const numeric = kind === 'number' || kind === 'integer';
  return (
    <div className={error ? 'p-field has-error' : 'p-field'} data-path={path}>
      <label htmlFor={id} className="p-label">
        {title}
        {required && <RequiredMark />}
      </label>
      {help}
      {err}
      <input
        {...common}
        type={digitsOnly(node.pattern) && /điện thoại|phone/i.test(title) ? 'tel' : 'text'}
        inputMode={numeric || digitsOnly(node.pattern) ? 'numeric' : undefined}
        autoComplete={/điện thoại/i.test(title) ? 'tel' : 'off'}
        maxLength={node.maxLength}
        value={value === undefined || value === null ? '' : String(value)}
        onChange={(e) => {
          const v = e.target.value;
          if (numeric && v.trim() !== '' && Number.isFinite(Number(v.replace(',', '.')))) p.onChange(path, Number(v.replace(',', '.')));
          else p.onChange(path, v);
        }}
      />
    </div>
  );
}

type DateParts = { d: string; m: string; y: string };
const parseDate = (v: unknown): DateParts => {
  const m = typeof v === 'string' ? /^(\d*)-(\d*)-(\d*)$/.exec(v) : null;
  return m ? { y: m[1]!, m: m[2]!, d: m[3]! } : { d: '', m: '', y: '' };
};
/** yyyy-mm-dd once complete; what was typed so far (invalid, so the check says so) before; nothing when empty. */
const composeDate = (p: DateParts): string | undefined => {
  if (!p.d && !p.m && !p.y) return undefined;
  const pad = (x: string) => (x.length === 1 ? `0${x}` : x);
  return `${p.y}-${pad(p.m)}-${pad(p.d)}`;
};

/**
 * A date as three boxes (day, month, year) in the Vietnamese order: clearer for older people than a date picker,
 * and not shown month-first by a browser set to English.
 */
function DateField({
  id,
  path,
  title,
  value,
  required,
  error,
  onChange,
  onBlur,
}: {
  id: string;
  path: string;
  title: string;
  value: unknown;
  required: boolean;
  error: string | null;
  onChange: (v: string | undefined) => void;
  onBlur: () => void;
}) {
  const t = usePT();
  const [parts, setParts] = useState<DateParts>(() => parseDate(value));
  // Another copy of the draft was taken (another device): show its value.
  useEffect(() => {
    if ((composeDate(parts) ?? '') !== (typeof value === 'string' ? value : '')) setParts(parseDate(value));
  }, [value]);
  const errId = `${id}-err`;
  const set = (k: keyof DateParts, raw: string) => {
    const next = { ...parts, [k]: raw.replace(/\D/g, '').slice(0, k === 'y' ? 4 : 2) };
    setParts(next);
    onChange(composeDate(next));
  };
  const box = (k: keyof DateParts, label: string, cls: string) => (
    <div className={`p-date-part ${cls}`}>
      <label htmlFor={`${id}-${k === 'd' ? 'day' : k === 'm' ? 'month' : 'year'}`}>{label}</label>
      <input
        id={`${id}-${k === 'd' ? 'day' : k === 'm' ? 'month' : 'year'}`}
        value={parts[k]}
        inputMode="numeric"
        autoComplete="off"
        maxLength={k === 'y' ? 4 : 2}
        aria-invalid={error ? true : undefined}
        aria-describedby={[`${id}-help`, error ? errId : ''].filter(Boolean).join(' ')}
        onChange={(e) => set(k, e.target.value)}
        onBlur={onBlur}
      />
    </div>
  );
  return (
    <fieldset className={error ? 'p-field p-date has-error' : 'p-field p-date'} data-path={path} id={id} tabIndex={-1}>
      <legend className="p-label">
        {title}
        {required && <RequiredMark />}
      </legend>
      <span id={`${id}-help`} className="muted p-help">
        {t('p.form.dateHelp')}
      </span>
      {error && (
        <span id={errId} className="p-error">
          <span aria-hidden="true">⚠ </span>
          {error}
        </span>
      )}
      <div className="p-date-boxes">
        {box('d', t('p.form.day'), 'p-date-2')}
        {box('m', t('p.form.month'), 'p-date-2')}
        {box('y', t('p.form.year'), 'p-date-4')}
      </div>
    </fieldset>
  );
}

// The e-form step's sections below the form itself: the error summary at the top, the documents, where to file and
// receive the result, and the fee.
import type { RefObject } from 'react';
import { useLang } from '../../../i18n';
import { usePT } from '../../../i18n/portal';
import type { FileMeta, LocalDraft } from '../../../portal/draft';
import { vnd } from '../../../portal/ui';
import { ComponentFiles } from '../ComponentFiles';
import type { FormInfo, ProcedureInfo } from './flow';

type Component = ProcedureInfo['components'][number];

export function ErrorSummary({
  items,
  summaryRef,
}: {
  items: { href: string; text: string }[];
  summaryRef: RefObject<HTMLDivElement | null>;
}) {
  const t = usePT();
  return (
    <div ref={summaryRef} tabIndex={-1} className={items.length ? 'p-summary' : undefined} data-testid="error-summary">
      {items.length > 0 && (
        <>
          <h2>{t('p.err.summary', { n: items.length })}</h2>
          <ul>
            {items.map((s) => (
              <li key={s.href}>
                <a
                  href={s.href}
                  onClick={(e) => {
                    e.preventDefault();
                    const el = document.querySelector<HTMLElement>(s.href);
                    el?.scrollIntoView({ block: 'center' });
                    (el?.matches('input, select, textarea')
                      ? el
                      : el?.querySelector<HTMLElement>('input, select, textarea, button, label')
                    )?.focus();
                  }}
                >
                  {s.text}
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

export function ComponentsSection({
  proc,
  draft,
  registryFound,
  componentErrors,
  onAdd,
  onRemove,
  onBusy,
}: {
  proc: ProcedureInfo;
  draft: LocalDraft;
  registryFound: boolean;
  componentErrors: ReadonlyMap<string, string>;
  onAdd: (componentId: string, f: FileMeta) => void;
  onRemove: (componentId: string, fileId: string) => void;
  onBusy: (componentId: string, busy: boolean) => void;
}) {
  const t = usePT();
  const needsUpload = (c: Component) => !c.fromRegistry || !registryFound;
  // Mandatory documents (and those the registry holds) first; the optional ones behind one line.
  const asked = [
    ...proc.components.filter((c) => c.mandatory && needsUpload(c)),
    ...proc.components.filter((c) => c.mandatory && !needsUpload(c)),
  ];
  const optional = proc.components.filter((c) => !c.mandatory);
  const renderComponent = (c: Component) => (
    <li
      key={c.id}
      id={`comp-${c.id}`}
      tabIndex={-1}
      className={componentErrors.has(c.id) ? 'p-comp has-error' : 'p-comp'}
      data-testid={`comp-${c.id}`}
    >
      <p className="p-comp-name">
        <span className={c.mandatory ? 'badge badge-strong' : 'badge'}>{c.mandatory ? t('comp.mandatory') : t('comp.optional')}</span>{' '}
        {c.name}
      </p>
      {!needsUpload(c) ? (
        <p className="ok-note">
          <span aria-hidden="true">✓ </span>
          {t('p.comp.fromRegistry')}
        </p>
      ) : (
        <ComponentFiles
          componentId={c.id}
          name={c.name}
          files={draft.files[c.id] ?? []}
          onAdd={(f) => onAdd(c.id, f)}
          onRemove={(fid) => onRemove(c.id, fid)}
          onBusy={onBusy}
          error={componentErrors.get(c.id) ?? null}
          keep={{ citizenId: draft.citizenId, applicationId: draft.id }}
        />
      )}
    </li>
  );
  return (
    <section className="p-section" aria-labelledby="sec-comp">
      <h2 id="sec-comp">{t('p.form.sectionComponents')}</h2>
      <p className="muted">{t('p.comp.uploadHelp')}</p>
      <ol className="p-comp-list">{asked.map(renderComponent)}</ol>
      {optional.length > 0 && (
        <details className="p-optional" open={optional.some((c) => (draft.files[c.id] ?? []).length > 0 || componentErrors.has(c.id))}>
          <summary>{t('p.comp.optional', { n: optional.length })}</summary>
          <ol className="p-comp-list">{optional.map(renderComponent)}</ol>
        </details>
      )}
    </section>
  );
}

export function UnitSection({
  info,
  draft,
  onUnit,
  onReturnPoint,
}: {
  info: FormInfo;
  draft: LocalDraft;
  onUnit: (unitId: string, returnPointId: string | null) => void;
  onReturnPoint: (id: string) => void;
}) {
  const t = usePT();
  const unit = info.units.find((u) => u.id === draft.unitId) ?? info.units[0];
  return (
    <section className="p-section" aria-labelledby="sec-unit">
      <h2 id="sec-unit">{t('p.form.sectionUnit')}</h2>
      <div className="p-field">
        <label htmlFor="p-unit" className="p-label">
          {t('p.unit.label')}
        </label>
        <select
          id="p-unit"
          value={draft.unitId}
          onChange={(e) => {
            const u = info.units.find((x) => x.id === e.target.value);
            onUnit(e.target.value, u?.returnPoints[0]?.id ?? null);
          }}
        >
          {info.units.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </select>
      </div>
      {unit && unit.returnPoints.length > 0 && (
        <fieldset className="p-field p-radios">
          <legend className="p-label">{t('p.unit.returnPoint')}</legend>
          <span className="muted p-help">{t('p.unit.returnHelp')}</span>
          <div className="p-radio-list">
            {unit.returnPoints.map((rp) => (
              <label key={rp.id} className="p-radio">
                <input
                  type="radio"
                  name="return-point"
                  value={rp.id}
                  checked={draft.returnPointId === rp.id}
                  onChange={() => onReturnPoint(rp.id)}
                />
                <span>
                  {rp.name}
                  {rp.address && <span className="muted"> — {rp.address}</span>}
                </span>
              </label>
            ))}
          </div>
        </fieldset>
      )}
    </section>
  );
}

export function FeeSection({ fee }: { fee: number }) {
  const t = usePT();
  const lang = useLang();
  return (
    <section className="p-section" aria-labelledby="sec-fee">
      <h2 id="sec-fee">{t('p.form.sectionFee')}</h2>
      {fee > 0 ? (
        <>
          <p className="p-fee" data-testid="fee">
            {t('p.fee.amount', { amount: vnd(fee, lang) })}
          </p>
          <p className="muted">{t('p.fee.payLater')}</p>
        </>
      ) : (
        <p className="p-fee">{t('p.fee.free')}</p>
      )}
    </section>
  );
}

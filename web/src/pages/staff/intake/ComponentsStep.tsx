// Step 3 of the counter intake: the papers received (ticked, or scanned and attached), those the registry stands
// for shown as such and never ticked, and the fee.
import { Button, Card, Checkbox, Input, InputNumber, Space, Tag, type CheckboxRef } from 'antd';
import type { Dispatch, MutableRefObject } from 'react';
import { componentForms, computeFee, feeText, money } from '../../../catalogue';
import { useLang, useT } from '../../../i18n';
import { fileSize } from '../../../ui/format';
import { lockedFromRegistry, registryFailed, type IntakeAction, type IntakeData } from './state';

type Props = {
  data: IntakeData;
  dispatch: Dispatch<IntakeAction>;
  compRefs: MutableRefObject<Map<string, CheckboxRef>>;
  missing: string[];
  onChecked: (componentId: string) => void;
  uploading: Record<string, boolean>;
  uploadErrors: Record<string, string>;
  onFile: (componentId: string, file: File | undefined) => void;
};

export function ComponentsStep({ data, dispatch, compRefs, missing, onChecked, uploading, uploadErrors, onFile }: Props) {
  const t = useT();
  const lang = useLang();
  const p = data.procedure;
  const fee = p ? computeFee(p.fee, { units: data.pages, copies: data.copies }) : 0;
  return (
    <Card title={<h2 className="card-title">{t('intake.step3')}</h2>} className="step-card">
      {!p && <p className="muted">{t('intake.pickFirst')}</p>}
      {p && (
        <ol className="checklist" data-testid="checklist">
          {p.components.map((c) => {
            const locked = lockedFromRegistry(c, data.lookup);
            const files = data.files[c.id] ?? [];
            const isMissing = missing.includes(c.id);
            const presentedOnly = c.accepted.includes('presented') && !c.accepted.includes('paper');
            return (
              <li key={c.id} className={isMissing ? 'missing' : undefined} data-testid="component">
                <div className="check-row">
                  <Checkbox
                    ref={(r) => {
                      if (r) compRefs.current.set(c.id, r);
                      else compRefs.current.delete(c.id);
                    }}
                    checked={locked || !!data.checked[c.id]}
                    disabled={locked}
                    onChange={(e) => {
                      const on = e.target.checked;
                      dispatch({ type: 'component-checked', componentId: c.id, checked: on });
                      if (on) onChecked(c.id);
                    }}
                    aria-describedby={`comp-${c.id}-meta`}
                  >
                    <span className="comp-label">{c.name}</span>
                  </Checkbox>
                </div>
                <div className="comp-meta" id={`comp-${c.id}-meta`}>
                  {c.mandatory ? (
                    <Tag className="tag-warn">{t('comp.mandatory')}</Tag>
                  ) : (
                    <Tag className="tag-muted">{t('comp.optional')}</Tag>
                  )}
                  {locked ? (
                    <Tag className="tag-ok">{t(data.lookup === 'found' ? 'intake.lockedRegistry' : 'intake.registryPending')}</Tag>
                  ) : (
                    <span className="muted">
                      {presentedOnly ? t('intake.presented') : t('intake.received')}
                      {componentForms(c, t, { skipPresented: true }) ? ` · ${componentForms(c, t, { skipPresented: true })}` : ''}
                    </span>
                  )}
                  {c.fromRegistry && registryFailed(data.lookup) && (
                    <Tag className="tag-warn" data-testid="registry-failed-component">
                      {t('intake.registryFailedComponent')}
                    </Tag>
                  )}
                  {isMissing && <Tag className="tag-error">{t('intake.missing')}</Tag>}
                </div>
                {!locked && (
                  <div className="comp-files">
                    {files.map((f) => (
                      <span key={f.id} className="file-chip">
                        <a href={`/api/files/${f.id}`} target="_blank" rel="noreferrer">
                          {f.name}
                        </a>{' '}
                        <span className="muted">
                          · {t('intake.pages', { n: f.pages })} · {fileSize(f.sizeBytes)}
                        </span>
                        <Button
                          type="text"
                          size="small"
                          aria-label={t('intake.removeFile', { name: f.name })}
                          onClick={() => dispatch({ type: 'file-removed', componentId: c.id, fileId: f.id })}
                        >
                          ✕
                        </Button>
                      </span>
                    ))}
                    <label className="upload-btn">
                      <input
                        type="file"
                        accept="application/pdf,image/jpeg,image/png"
                        className="visually-hidden"
                        onChange={(e) => {
                          onFile(c.id, e.target.files?.[0]);
                          e.target.value = '';
                        }}
                        aria-label={t('intake.uploadFor', { name: c.name.slice(0, 60) })}
                      />
                      <span aria-hidden="true">{uploading[c.id] ? t('common.loading') : t('intake.upload')}</span>
                    </label>
                    {uploadErrors[c.id] && (
                      <div className="field-error" role="alert">
                        {uploadErrors[c.id]}
                      </div>
                    )}
                  </div>
                )}
              </li>
            );
          })}
        </ol>
      )}
      {p && (
        <div className="fee-box" data-testid="fee-box">
          <div>
            <strong>{t('intake.fee')}:</strong> {feeText(p.fee, t, lang)}
          </div>
          {p.fee.kind === 'per-unit' && (
            <Space wrap style={{ marginTop: 8 }}>
              <label htmlFor="intake-pages">{t('intake.pagesLabel', { unit: p.fee.unitLabel })}</label>
              <InputNumber
                id="intake-pages"
                min={1}
                max={10000}
                value={data.pages}
                onChange={(v) => dispatch({ type: 'pages-set', pages: Number(v) })}
              />
              <label htmlFor="intake-copies">{t('intake.copiesLabel')}</label>
              <InputNumber
                id="intake-copies"
                min={1}
                max={100}
                value={data.copies}
                onChange={(v) => dispatch({ type: 'copies-set', copies: Number(v) })}
              />
            </Space>
          )}
          <div className="fee-total">
            {t('intake.feeTotal')}: <strong data-testid="fee-total">{money(fee, lang)}</strong>
          </div>
          {fee > 0 && (
            <div style={{ marginTop: 8 }}>
              <label htmlFor="intake-receipt" className="field-label">
                {t('intake.receiptNo')}
              </label>
              <Input
                id="intake-receipt"
                value={data.receiptNo}
                maxLength={60}
                onChange={(e) => dispatch({ type: 'receipt-no-set', receiptNo: e.target.value })}
              />
            </div>
          )}
        </div>
      )}
    </Card>
  );
}

// Step 2 of the counter intake: the procedure, searched as typed (the server folds diacritics; arrows and Enter
// pick), the competent unit, the reception point and where the result is returned.
import { Card, Col, Input, Row, Select, type InputRef } from 'antd';
import { useMemo, type Dispatch, type KeyboardEvent as ReactKeyboardEvent, type RefObject } from 'react';
import { daysText, money, type ProcedureItem } from '../../../catalogue';
import { useLang, useT } from '../../../i18n';
import { shortName, useStaff } from '../../../staff/context';
import { sortUnits, type Unit } from '../../../units';
import type { IntakeAction, IntakeData } from './state';

type Props = {
  unit: Unit;
  data: IntakeData;
  dispatch: Dispatch<IntakeAction>;
  procRef: RefObject<InputRef | null>;
  procQuery: string;
  results: { q: string; items: ProcedureItem[] } | null;
  active: number;
  onQuery: (q: string) => void;
  onProcKey: (e: ReactKeyboardEvent<HTMLInputElement>) => void;
  pick: (p: ProcedureItem) => void;
  /** Remembers the officer's reception point for the next intake. */
  onPoint: (pointId: string) => void;
};

export function ProcedureStep({ unit, data, dispatch, procRef, procQuery, results, active, onQuery, onProcKey, pick, onPoint }: Props) {
  const t = useT();
  const lang = useLang();
  const { units } = useStaff();
  const p = data.procedure;
  const points = unit.receptionPoints.filter((rp) => rp.active);
  const competent = units.find((u) => u.id === data.competentUnitId) ?? unit;
  const otherUnit = competent.id !== unit.id;
  const returnOptions = useMemo(() => {
    const ids = new Set([unit.id, competent.id]);
    return sortUnits(units.filter((u) => ids.has(u.id))).flatMap((u) =>
      u.receptionPoints.filter((rp) => rp.active).map((rp) => ({ value: rp.id, label: `${rp.name} (${shortName(u)})` })),
    );
  }, [units, unit.id, competent.id]);

  const procList = results && procQuery.trim() && (
    <ul className="proc-results" role="listbox" id="proc-results" aria-label={t('intake.procResults')}>
      {results.items.length === 0 && <li className="muted">{t('intake.procNone')}</li>}
      {results.items.map((it, i) => (
        <li
          key={it.id}
          id={`proc-opt-${i}`}
          role="option"
          aria-selected={i === active}
          className={i === active ? 'active' : undefined}
          onMouseDown={(e) => {
            e.preventDefault();
            pick(it);
          }}
        >
          <span className="proc-name">{it.name}</span>
          <span className="muted">
            {it.code} · {daysText(it.processingDays, t, lang)} · {it.fee.kind === 'free' ? t('fee.free') : money(it.feeFrom, lang)}
          </span>
        </li>
      ))}
    </ul>
  );

  return (
    <Card title={<h2 className="card-title">{t('intake.step2')}</h2>} className="step-card" style={{ marginTop: 16 }}>
      <label htmlFor="intake-proc" className="field-label">
        {t('intake.procSearch')}
      </label>
      <div className="proc-search">
        <Input
          id="intake-proc"
          ref={procRef}
          value={procQuery}
          autoComplete="off"
          spellCheck={false}
          role="combobox"
          aria-expanded={!!procList}
          aria-controls="proc-results"
          aria-autocomplete="list"
          aria-activedescendant={results?.items.length ? `proc-opt-${active}` : undefined}
          placeholder={t('intake.procPlaceholder')}
          onChange={(e) => onQuery(e.target.value)}
          onKeyDown={onProcKey}
          data-testid="proc-input"
        />
        {procList}
      </div>
      {p && (
        <div className="chosen-proc" data-testid="chosen-proc">
          <strong>{p.name}</strong>
          <div className="muted">
            {p.code} · {daysText(p.processingDays, t, lang)}
            {p.boundaryFree ? ` · ${t('cat.boundaryFreeShort')}` : ''}
          </div>
        </div>
      )}
      <Row gutter={12} style={{ marginTop: 12 }}>
        <Col xs={24} md={12}>
          <label htmlFor="intake-competent" className="field-label">
            {t('intake.competentUnit')}
          </label>
          <Select
            id="intake-competent"
            style={{ width: '100%' }}
            value={competent.id}
            showSearch
            optionFilterProp="label"
            options={sortUnits(units).map((u) => ({ value: u.id, label: shortName(u) }))}
            onChange={(v: string) => dispatch({ type: 'competent-unit-chosen', unitId: v, ownUnitId: unit.id })}
          />
        </Col>
        <Col xs={24} md={12}>
          <label htmlFor="intake-point" className="field-label">
            {t('intake.receptionPoint')}
          </label>
          <Select
            id="intake-point"
            style={{ width: '100%' }}
            value={data.receptionPointId || undefined}
            options={points.map((rp) => ({ value: rp.id, label: rp.name }))}
            onChange={(v: string) => {
              onPoint(v);
              dispatch({ type: 'reception-point-chosen', pointId: v });
            }}
          />
        </Col>
        <Col xs={24}>
          <label htmlFor="intake-return" className="field-label">
            {t('intake.returnPoint')}
          </label>
          <Select
            id="intake-return"
            style={{ width: '100%' }}
            value={data.returnPointId}
            options={[{ value: '', label: t('intake.returnSame') }, ...returnOptions.filter((o) => o.value !== data.receptionPointId)]}
            onChange={(v: string) => dispatch({ type: 'return-point-chosen', pointId: v })}
          />
        </Col>
      </Row>
      {otherUnit && <p className="muted">{t('intake.otherUnitNote', { unit: shortName(competent) })}</p>}
    </Card>
  );
}

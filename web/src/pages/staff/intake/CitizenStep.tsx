// Step 1 of the counter intake: the citizen's ID number, looked up in the population registry (shown, not typed),
// or typed in when the registry cannot answer.
import { Alert, Button, Card, Col, Input, Row, Space, Tag, type InputRef } from 'antd';
import type { Dispatch, RefObject } from 'react';
import { useT } from '../../../i18n';
import { dateOnly } from '../../../ui/format';
import type { IntakeAction, IntakeData } from './state';

type Props = {
  data: IntakeData;
  dispatch: Dispatch<IntakeAction>;
  idRef: RefObject<InputRef | null>;
  nameRef: RefObject<InputRef | null>;
  idError: string | null;
  looking: boolean;
  onLookup: () => void;
};

export function CitizenStep({ data, dispatch, idRef, nameRef, idError, looking, onLookup }: Props) {
  const t = useT();
  return (
    <Card title={<h2 className="card-title">{t('intake.step1')}</h2>} className="step-card">
      <label htmlFor="intake-id" className="field-label">
        {t('intake.idNumber')}
      </label>
      <Space.Compact style={{ width: '100%' }}>
        <Input
          id="intake-id"
          ref={idRef}
          value={data.idNumber}
          inputMode="numeric"
          autoComplete="off"
          maxLength={12}
          status={idError ? 'error' : undefined}
          aria-describedby="intake-id-help"
          onChange={(e) => dispatch({ type: 'id-typed', idNumber: e.target.value.replace(/\D/g, '').slice(0, 12) })}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey) {
              e.preventDefault();
              onLookup();
            }
          }}
          data-testid="id-input"
        />
        <Button onClick={onLookup} loading={looking}>
          {t('intake.lookup')}
        </Button>
      </Space.Compact>
      <div id="intake-id-help" className={idError ? 'field-error' : 'muted'}>
        {idError ?? t('intake.idHelp')}
      </div>
      {data.lookup === 'found' && (
        <div className="citizen" data-testid="citizen">
          <Tag className="tag-ok">{t('intake.fromRegistry')}</Tag>
          <dl className="citizen-dl">
            <dt>{t('intake.fullName')}</dt>
            <dd data-testid="citizen-name">{data.citizen.fullName}</dd>
            <dt>{t('intake.dob')}</dt>
            <dd>{data.citizen.dateOfBirth ? dateOnly(data.citizen.dateOfBirth) : '—'}</dd>
            <dt>{t('intake.address')}</dt>
            <dd>{data.citizen.address || '—'}</dd>
          </dl>
          <PhoneField id="intake-phone" value={data.citizen.phone} dispatch={dispatch} />
        </div>
      )}
      {(data.lookup === 'not-found' || data.lookup === 'unavailable') && (
        <div className="citizen" data-testid="citizen-manual">
          <Alert type="warning" showIcon message={t('intake.registryFailed')} style={{ marginBottom: 12 }} role="alert" />
          <label htmlFor="intake-name" className="field-label">
            {t('intake.fullName')} *
          </label>
          <Input
            id="intake-name"
            ref={nameRef}
            value={data.citizen.fullName}
            maxLength={200}
            onChange={(e) => dispatch({ type: 'citizen-edited', patch: { fullName: e.target.value } })}
          />
          <Row gutter={12}>
            <Col xs={24} sm={12}>
              <label htmlFor="intake-dob" className="field-label">
                {t('intake.dob')}
              </label>
              <Input
                id="intake-dob"
                type="date"
                value={data.citizen.dateOfBirth}
                onChange={(e) => dispatch({ type: 'citizen-edited', patch: { dateOfBirth: e.target.value } })}
              />
            </Col>
            <Col xs={24} sm={12}>
              <PhoneField id="intake-phone2" value={data.citizen.phone} dispatch={dispatch} />
            </Col>
          </Row>
          <label htmlFor="intake-address" className="field-label">
            {t('intake.address')}
          </label>
          <Input
            id="intake-address"
            value={data.citizen.address}
            maxLength={500}
            onChange={(e) => dispatch({ type: 'citizen-edited', patch: { address: e.target.value } })}
          />
        </div>
      )}
    </Card>
  );
}

/** The citizen's phone, as typed (digits and the usual separators only); shown both after a lookup and without one. */
function PhoneField({ id, value, dispatch }: { id: string; value: string; dispatch: Dispatch<IntakeAction> }) {
  const t = useT();
  return (
    <>
      <label htmlFor={id} className="field-label">
        {t('intake.phone')}
      </label>
      <Input
        id={id}
        value={value}
        inputMode="tel"
        maxLength={20}
        onChange={(e) => dispatch({ type: 'citizen-edited', patch: { phone: e.target.value.replace(/[^0-9+ ().-]/g, '') } })}
      />
    </>
  );
}

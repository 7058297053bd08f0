// The provisional receipt (BIÊN NHẬN TẠM) of a dossier received while the server was unreachable: clearly marked,
// with the device's provisional number, the citizen, the components received and the appointment computed on the
// cached calendar. Printed from the browser (styles.css prints only the receipt); the real code follows by SMS.
import { Alert, Button, Card, Space } from 'antd';
import { useEffect, useRef } from 'react';
import { useLang } from '../i18n';
import { useOT } from '../i18n/offline';
import { appointmentText, dateTime } from '../ui/format';
import type { QueuedIntake } from './store';

export function ProvisionalReceipt({
  item,
  unitName,
  officerName,
  onNew,
}: {
  item: QueuedIntake;
  unitName: string;
  officerName: string;
  onNew: () => void;
}) {
  const t = useOT();
  const lang = useLang();
  const printRef = useRef<HTMLButtonElement>(null);
  useEffect(() => printRef.current?.focus(), []);
  return (
    <div className="intake-done" data-testid="provisional-done">
      <Alert type="warning" showIcon message={t('off.kept')} style={{ marginBottom: 12 }} className="no-print" />
      <Card className="provisional-receipt" data-testid="provisional-receipt">
        <h1 className="provisional-title">{t('off.receiptTitle')}</h1>
        <p className="provisional-sub">{t('off.receiptSub')}</p>
        <dl className="citizen-dl">
          <dt>{t('off.provisionalNo')}</dt>
          <dd>
            <strong data-testid="provisional-number">{item.provisionalNo}</strong>
          </dd>
          <dt>{t('off.unit')}</dt>
          <dd>{unitName}</dd>
          <dt>{t('off.receivedAt')}</dt>
          <dd>{dateTime(item.receivedAt, lang)}</dd>
          <dt>{t('off.citizen')}</dt>
          <dd data-testid="provisional-citizen">{item.citizenName}</dd>
          <dt>{t('off.idNumber')}</dt>
          <dd>{item.body.applicant.idNumber}</dd>
          <dt>{t('off.procedure')}</dt>
          <dd>{item.procedureName}</dd>
          <dt>{t('off.appointment')}</dt>
          <dd data-testid="provisional-due">{item.provisionalDueAt ? appointmentText(item.provisionalDueAt, lang) : '—'}</dd>
          <dt>{t('off.officer')}</dt>
          <dd>{officerName}</dd>
        </dl>
        <h2 className="card-title">{t('off.components')}</h2>
        <ol data-testid="provisional-components">
          {item.componentLines.map((c, i) => (
            <li key={i}>
              {c.name} — {c.scans > 0 ? t('off.scans', { n: c.scans }) : t('off.presented')}
            </li>
          ))}
        </ol>
        {item.toVerify && <p className="field-error">{t('off.toVerify')}</p>}
        <p className="muted">{t('off.receiptNote')}</p>
      </Card>
      <Space wrap size="middle" style={{ marginTop: 16 }} className="no-print">
        <Button ref={printRef} type="primary" size="large" onClick={() => window.print()} data-testid="print-provisional">
          {t('off.print')}
        </Button>
        <Button size="large" onClick={onNew} data-testid="new-intake">
          {t('off.newIntake')}
        </Button>
      </Space>
    </div>
  );
}

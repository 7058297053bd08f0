// The counter intake's last screen: the dossier code, the due time in words, the receipt to print (focused, so
// Enter prints) and a new intake (Alt+N or Esc).
import { Button, Card, Space, Typography } from 'antd';
import type { RefObject } from 'react';
import { Link } from 'react-router-dom';
import { money } from '../../../catalogue';
import { useLang, useT } from '../../../i18n';
import { appointmentText } from '../../../ui/format';
import type { IntakeResult } from './state';

type Props = { result: IntakeResult; printRef: RefObject<HTMLButtonElement | null>; onNew: () => void };

export function IntakeDone({ result: r, printRef, onNew }: Props) {
  const t = useT();
  const lang = useLang();
  const openReceipt = () => window.open(`/api/dossiers/${r.id}/forms/receipt.pdf`, '_blank', 'noopener');
  return (
    <div className="intake-done" data-testid="intake-done">
      <Typography.Title level={1} className="page-title">
        {t('intake.doneTitle')}
      </Typography.Title>
      <Card>
        <p className="done-code">
          {t('intake.code')}: <strong data-testid="dossier-code">{r.code}</strong>
        </p>
        {r.dueAt && (
          <p className="done-due" data-testid="due-text">
            {t('intake.dueText', { when: appointmentText(r.dueAt, lang) })}
          </p>
        )}
        <p>
          {t('intake.feeCharged')}: {money(r.fee, lang)}
        </p>
        <Space wrap size="middle">
          <Button ref={printRef} type="primary" size="large" onClick={openReceipt} className="big-button" data-testid="print-receipt">
            {t('intake.printReceipt')}
          </Button>
          <Button size="large" onClick={onNew} data-testid="new-intake">
            {t('intake.newIntake')}
          </Button>
          <Link to={`/can-bo/ho-so/${r.id}`}>{t('intake.openDossier')}</Link>
        </Space>
        <p className="kbd-help">{t('intake.doneHelp')}</p>
      </Card>
    </div>
  );
}

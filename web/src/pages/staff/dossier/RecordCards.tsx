// The record of the dossier page: who applied (with what the portal verified) and for which procedure, where and when.
import { Card, Descriptions, Space, Tag } from 'antd';
import { Link } from 'react-router-dom';
import type { Dossier } from '../../../dossiers';
import { useLang, useT } from '../../../i18n';
import { dateOnly, dateTime } from '../../../ui/format';

export function ApplicantCard({ d }: { d: Dossier }) {
  const t = useT();

  return (
    <Card
      title={<h2 className="card-title">{t('dossier.applicant')}</h2>}
      extra={d.registryUsed ? <Tag className="tag-ok">{t('dossier.registryData')}</Tag> : null}
    >
      <Descriptions column={1} size="small" colon={false} styles={{ label: { width: '36%', fontWeight: 500 } }}>
        <Descriptions.Item label={t('intake.fullName')}>{d.applicant.fullName}</Descriptions.Item>
        <Descriptions.Item label={t('intake.idNumber')}>{d.applicant.idNumber}</Descriptions.Item>
        <Descriptions.Item label={t('intake.dob')}>{d.applicant.dateOfBirth ? dateOnly(d.applicant.dateOfBirth) : '—'}</Descriptions.Item>
        <Descriptions.Item label={t('intake.address')}>{d.applicant.address || '—'}</Descriptions.Item>
        <Descriptions.Item label={t('intake.phone')}>{d.applicant.phone || '—'}</Descriptions.Item>
        {d.online.viaPortal && (
          <Descriptions.Item label={t('dossier.online')}>
            <Space wrap size={4} data-testid="online-badges">
              {d.online.verifiedVneid && <Tag className="tag-ok">{t('dossier.online.vneid')}</Tag>}
              {d.online.paidOnline && <Tag className="tag-ok">{t('dossier.online.paid')}</Tag>}
              {d.online.assistedBy && <Tag>{t('dossier.online.assisted', { name: d.online.assistedBy.fullName })}</Tag>}
            </Space>
          </Descriptions.Item>
        )}
      </Descriptions>
    </Card>
  );
}

export function ProcedureCard({ d }: { d: Dossier }) {
  const t = useT();
  const lang = useLang();
  return (
    <Card title={<h2 className="card-title">{t('dossier.procedure')}</h2>}>
      <Descriptions column={1} size="small" colon={false} styles={{ label: { width: '36%', fontWeight: 500 } }}>
        <Descriptions.Item label={t('dossier.procedure')}>
          <div>
            <Link to={`/thu-tuc/${d.procedure.id}`}>{d.procedure.name}</Link>
            <div className="muted">
              {d.procedure.code} · {t('cat.version', { n: d.procedure.version })}
            </div>
          </div>
        </Descriptions.Item>
        <Descriptions.Item label={t('dossier.receivedAt')}>{dateTime(d.receivedAt, lang)}</Descriptions.Item>
        <Descriptions.Item label={t('dossier.countedFrom')}>{dateTime(d.countedFrom, lang)}</Descriptions.Item>
        <Descriptions.Item label={t('dossier.receptionPoint')}>{d.receptionPoint.name}</Descriptions.Item>
        <Descriptions.Item label={t('dossier.returnPoint')}>{d.returnPoint.name}</Descriptions.Item>
        <Descriptions.Item label={t('dossier.assignee')}>{d.assignee?.fullName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('intake.fee')}>
          {new Intl.NumberFormat('vi-VN').format(d.fee)} đ{d.feeReceiptNo ? ` · ${t('intake.receiptNo')}: ${d.feeReceiptNo}` : ''}
        </Descriptions.Item>
        {d.returnedAt && <Descriptions.Item label={t('lookup.returnedAt')}>{dateTime(d.returnedAt, lang)}</Descriptions.Item>}
      </Descriptions>
    </Card>
  );
}

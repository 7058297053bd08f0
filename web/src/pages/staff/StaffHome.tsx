// Staff home: the current unit's details, the user's roles there and its reception points.
// Work queues come with the dossier module; until then a short note says so (no fake data).
import { lazy, Suspense } from 'react';
import { Alert, Card, Col, Descriptions, Empty, Row, Tag, Typography } from 'antd';
import { ROLE_LABELS } from '@domain/roles';
import { useLang, useT } from '../../i18n';
import { sessionsText, weekdaysText } from '../../ui/format';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { rolesIn } from '../../units';
import { useStaff } from '../../staff/context';

// The dashboards and their charting library load only for the roles that see them.
const DirectorDashboard = lazy(() => import('./dashboard/DirectorDashboard'));
const ProvinceDashboard = lazy(() => import('./dashboard/ProvinceDashboard'));
const OVERSIGHT = ['centre-director', 'leader', 'province-admin', 'system-admin'];

export default function StaffHome() {
  const t = useT();
  const lang = useLang();
  const { user, unit, units, setUnit } = useStaff();
  useDocumentTitle(t('nav.staffHome'));

  if (!unit) {
    return (
      <>
        <Typography.Title level={1} className="page-title">
          {t('staff.greeting', { name: user.fullName })}
        </Typography.Title>
        <Alert type="info" showIcon message={t('staff.noUnit')} />
      </>
    );
  }
  const roles = rolesIn(user, unit, units);
  const byId = new Map(units.map((u) => [u.id, u]));
  const points = unit.receptionPoints.filter((p) => p.active);

  return (
    <>
      <Typography.Title level={1} className="page-title" style={{ marginBottom: 4 }}>
        {t('staff.greeting', { name: user.fullName })}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ fontSize: '1.125em' }} data-testid="current-unit-name">
        {unit.name}
      </Typography.Paragraph>
      {roles.some((r) => OVERSIGHT.includes(r.role)) && (
        <Suspense fallback={null}>
          {unit.type === 'province' ? (
            <ProvinceDashboard provinceId={unit.id} openUnit={setUnit} />
          ) : (
            <DirectorDashboard unitId={unit.id} />
          )}
        </Suspense>
      )}
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} xl={14}>
          <Card title={<h2 className="card-title">{t('staff.unitDetails')}</h2>}>
            <Descriptions column={1} size="middle" colon={false} styles={{ label: { width: '38%', fontWeight: 500 } }}>
              <Descriptions.Item label={t('unit.name')}>{unit.name}</Descriptions.Item>
              <Descriptions.Item label={t('unit.type')}>{t(`unit.type.${unit.type}`)}</Descriptions.Item>
              <Descriptions.Item label={t('unit.code')}>{unit.code}</Descriptions.Item>
              <Descriptions.Item label={t('unit.address')}>{unit.address || '—'}</Descriptions.Item>
              <Descriptions.Item label={t('unit.phone')}>{unit.phone || '—'}</Descriptions.Item>
              <Descriptions.Item label={t('unit.email')}>{unit.email || '—'}</Descriptions.Item>
              <Descriptions.Item label={t('unit.sessions')}>{sessionsText(unit.officeSessions)}</Descriptions.Item>
              <Descriptions.Item label={t('unit.weekdays')}>{weekdaysText(unit.workingWeekdays, t)}</Descriptions.Item>
              <Descriptions.Item label={t('unit.cutoff')}>{unit.cutoffTime}</Descriptions.Item>
              <Descriptions.Item label={t('unit.saturday')}>{unit.saturdayReception ? t('common.yes') : t('common.no')}</Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Row gutter={[16, 16]}>
            <Col span={24}>
              <Card title={<h2 className="card-title">{t('staff.yourRoles')}</h2>}>
                <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }} data-testid="my-roles">
                  {roles.map((r) => (
                    <Tag key={r.role} className="tag-info" style={{ fontSize: '1em', padding: '4px 10px', marginInlineEnd: 0 }}>
                      {ROLE_LABELS[r.role][lang]}
                      {r.inherited ? ` (${t('staff.provinceWide')})` : ''}
                    </Tag>
                  ))}
                </div>
              </Card>
            </Col>
            <Col span={24}>
              <Card title={<h2 className="card-title">{t('staff.points')}</h2>}>
                {points.length === 0 ? (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('staff.noPoints')} />
                ) : (
                  // A plain list: antd's List.Item.Meta titles are <h4>, which would skip a heading level.
                  <ul className="plain-list">
                    {points.map((p) => {
                      const host = p.hostUnitId !== unit.id ? byId.get(p.hostUnitId) : undefined;
                      return (
                        <li key={p.id}>
                          <strong>{p.name}</strong>
                          {p.address && <div className="muted">{p.address}</div>}
                          {host && (
                            <Tag className="tag-warn" style={{ marginTop: 4 }}>
                              {t('staff.hostedAt', { unit: host.name })}
                            </Tag>
                          )}
                        </li>
                      );
                    })}
                  </ul>
                )}
              </Card>
            </Col>
            <Col span={24}>
              <Alert type="info" showIcon message={t('staff.comingTitle')} description={t('staff.coming')} />
            </Col>
          </Row>
        </Col>
      </Row>
    </>
  );
}

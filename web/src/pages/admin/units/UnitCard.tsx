// One unit on the page: its details and its reception points ((de)activating one through useAction).
import { App, Button, Card, Col, Descriptions, Popconfirm, Row, Space, Tag, Typography } from 'antd';
import { api, must } from '../../../api/client';
import { useT } from '../../../i18n';
import { shortName, useStaff } from '../../../staff/context';
import { actionErrorText } from '../../../ui/action';
import { useAction } from '../../../ui/useAction';
import { sessionsText, weekdaysText } from '../../../ui/format';
import { PlusIcon } from '../../../ui/icons';
import { putUnit, type ReceptionPoint, type Unit } from '../../../units';

function Points({ unit, onEdit }: { unit: Unit; onEdit: (p: ReceptionPoint | null) => void }) {
  const t = useT();
  const { units } = useStaff();
  const { message } = App.useApp();
  const byId = new Map(units.map((u) => [u.id, u]));
  // (De)activating a point answers in a message, as before.
  const activation = useAction(
    async (p: ReceptionPoint, active: boolean) => {
      putUnit(must(await api.PATCH('/api/reception-points/{id}', { params: { path: { id: p.id } }, body: { active } })));
      void message.success(t('common.saved'));
    },
    { onError: (e) => void message.error(actionErrorText(e, t('common.networkError'))) },
  );
  const setActive = (p: ReceptionPoint, active: boolean) => activation.run(p, active);
  return (
    <section aria-label={`${t('units.points')} – ${shortName(unit)}`}>
      <Typography.Title level={3} style={{ fontSize: '1.0625rem', marginTop: 0 }}>
        {t('units.points')}
      </Typography.Title>
      <ul className="point-list">
        {unit.receptionPoints.map((p) => {
          const host = p.hostUnitId !== unit.id ? byId.get(p.hostUnitId) : undefined;
          return (
            <li key={p.id} className={p.active ? undefined : 'inactive'}>
              <div className="point-main">
                <div style={{ fontWeight: 600 }}>{p.name}</div>
                {p.address && <div>{p.address}</div>}
                <div style={{ display: 'flex', flexWrap: 'wrap', gap: 4, marginTop: 4 }}>
                  {host && <Tag className="tag-warn">{t('staff.hostedAt', { unit: host.name })}</Tag>}
                  {!p.active && <Tag className="tag-muted">{t('common.inactive')}</Tag>}
                </div>
              </div>
              <Space wrap>
                <Button onClick={() => onEdit(p)} aria-label={`${t('common.edit')}: ${p.name}`}>
                  {t('common.edit')}
                </Button>
                {p.active ? (
                  <Popconfirm
                    title={t('points.deactivateConfirm', { name: p.name })}
                    okText={t('points.deactivate')}
                    okButtonProps={{ danger: true }}
                    cancelText={t('common.cancel')}
                    onConfirm={() => setActive(p, false)}
                  >
                    <Button danger aria-label={`${t('points.deactivate')}: ${p.name}`}>
                      {t('points.deactivate')}
                    </Button>
                  </Popconfirm>
                ) : (
                  <Button onClick={() => setActive(p, true)} aria-label={`${t('points.activate')}: ${p.name}`}>
                    {t('points.activate')}
                  </Button>
                )}
              </Space>
            </li>
          );
        })}
      </ul>
      <Button icon={<PlusIcon />} onClick={() => onEdit(null)} style={{ marginTop: 12 }}>
        {t('points.add')}
      </Button>
    </section>
  );
}

export function UnitCard({ unit, onEdit, onPoint }: { unit: Unit; onEdit: () => void; onPoint: (p: ReceptionPoint | null) => void }) {
  const t = useT();
  return (
    <Card
      title={
        <div style={{ whiteSpace: 'normal', padding: '8px 0' }}>
          <h2 className="card-title">{unit.name}</h2>
          <Typography.Text type="secondary" style={{ fontWeight: 400 }}>
            {t(`unit.type.${unit.type}`)} · {unit.code}
          </Typography.Text>
        </div>
      }
      extra={
        <Button type="primary" ghost onClick={onEdit} aria-label={t('units.edit', { name: unit.name })}>
          {t('common.edit')}
        </Button>
      }
      data-testid={`unit-${unit.slug}`}
    >
      <Row gutter={[24, 16]}>
        <Col xs={24} lg={11}>
          <Descriptions column={1} size="small" colon={false} styles={{ label: { fontWeight: 500, width: '42%' } }}>
            <Descriptions.Item label={t('unit.sessions')}>{sessionsText(unit.officeSessions)}</Descriptions.Item>
            <Descriptions.Item label={t('unit.weekdays')}>{weekdaysText(unit.workingWeekdays, t)}</Descriptions.Item>
            <Descriptions.Item label={t('unit.cutoff')}>{unit.cutoffTime}</Descriptions.Item>
            <Descriptions.Item label={t('unit.saturday')}>{unit.saturdayReception ? t('common.yes') : t('common.no')}</Descriptions.Item>
            <Descriptions.Item label={t('unit.address')}>{unit.address || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('unit.phone')}>{unit.phone || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('unit.email')}>
              <span style={{ overflowWrap: 'anywhere' }}>{unit.email || '—'}</span>
            </Descriptions.Item>
          </Descriptions>
        </Col>
        <Col xs={24} lg={13}>
          <Points unit={unit} onEdit={onPoint} />
        </Col>
      </Row>
    </Card>
  );
}

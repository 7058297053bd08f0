// Administration of units: details, office sessions, working days, cut-off, Saturday reception; reception points
// (with the unit whose premises host them); creating a commune or ward (province administrators).
import { Alert, Button, Drawer, Input, List, Modal, Space, Typography } from 'antd';
import { useT } from '../../i18n';
import { shortName } from '../../staff/context';
import { PlusIcon } from '../../ui/icons';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import type { Unit } from '../../units';
import { PointEditor } from './units/PointEditor';
import { UnitCard } from './units/UnitCard';
import { UnitCreator } from './units/UnitCreator';
import { UnitEditor } from './units/UnitEditor';
import { useUnitsPage } from './units/useUnitsPage';

export default function AdminUnits() {
  const t = useT();
  useDocumentTitle(t('units.title'));
  const { mine, provinces, shown, filter, setFilter, editing, point, creating, open, close } = useUnitsPage();

  return (
    <>
      <Typography.Title level={1} className="page-title">
        {t('units.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('units.intro')}</Typography.Paragraph>
      {mine.length === 0 ? (
        <Alert type="warning" showIcon message={t('common.forbidden')} description={t('units.none')} />
      ) : (
        <>
          {(provinces.length > 0 || mine.length > 3) && (
            <Space wrap style={{ marginBottom: 16, width: '100%', justifyContent: 'space-between' }}>
              {provinces.length > 0 ? (
                <Button type="primary" icon={<PlusIcon />} onClick={() => open({ kind: 'create' })}>
                  {t('units.create')}
                </Button>
              ) : (
                <span />
              )}
              {mine.length > 3 && (
                <Input
                  allowClear
                  type="search"
                  placeholder={t('units.filter')}
                  aria-label={t('units.filter')}
                  value={filter}
                  onChange={(e) => setFilter(e.target.value)}
                  style={{ width: 320, maxWidth: '100%' }}
                />
              )}
            </Space>
          )}
          <List<Unit>
            dataSource={shown}
            rowKey="id"
            split={false}
            pagination={shown.length > 10 ? { pageSize: 10, showSizeChanger: false, align: 'center' } : false}
            renderItem={(u) => (
              <List.Item style={{ display: 'block', padding: '0 0 16px' }}>
                <UnitCard
                  unit={u}
                  onEdit={() => open({ kind: 'edit', unit: u })}
                  onPoint={(p) => open({ kind: 'point', unit: u, point: p })}
                />
              </List.Item>
            )}
          />
        </>
      )}
      <Drawer
        open={!!editing}
        onClose={() => close()}
        title={editing ? t('units.edit', { name: shortName(editing) }) : ''}
        width={560}
        destroyOnHidden
      >
        {editing && <UnitEditor unit={editing} onClose={() => close()} />}
      </Drawer>
      <Modal
        open={!!point}
        onCancel={() => close()}
        footer={null}
        title={point?.point ? t('points.edit') : point ? t('points.addTo', { unit: shortName(point.unit) }) : ''}
        destroyOnHidden
      >
        {point && <PointEditor unit={point.unit} point={point.point} onClose={() => close()} />}
      </Modal>
      <Modal open={creating} onCancel={() => close()} footer={null} title={t('units.create')} destroyOnHidden width={600}>
        {creating && <UnitCreator provinces={provinces} onClose={() => close()} />}
      </Modal>
    </>
  );
}

// Administration of units: details, office sessions, working days, cut-off, Saturday reception; reception points
// (with the unit whose premises host them); creating a commune or ward (province administrators).
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Descriptions,
  Drawer,
  Form,
  Input,
  List,
  Modal,
  Popconfirm,
  Radio,
  Row,
  Select,
  Space,
  Switch,
  Tag,
  TimePicker,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { policies, unitsWhere } from '@domain/access';
import { api, must, type Body } from '../../api/client';
import { useT } from '../../i18n';
import { shortName, useStaff } from '../../staff/context';
import { errorText, FormError } from '../../ui/ErrorAlert';
import { sessionsText, weekdaysText } from '../../ui/format';
import { PlusIcon } from '../../ui/icons';
import { newIdempotencyKey } from '../../ui/random';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { actorOf, ADMIN_ROLES, putUnit, sortUnits, type ReceptionPoint, type Unit } from '../../units';

const HHMM = 'HH:mm';
const toDayjs = (s: string): Dayjs => {
  const [h, m] = s.split(':').map(Number);
  return dayjs()
    .hour(h ?? 0)
    .minute(m ?? 0)
    .second(0)
    .millisecond(0);
};
const fromDayjs = (d: Dayjs | null | undefined): string => (d ? d.format(HHMM) : '');
const PHONE = /^[0-9+ ().-]{0,40}$/;

type UnitForm = {
  name: string;
  code: string;
  address: string;
  phone: string;
  email: string;
  sessions: { start: Dayjs | null; end: Dayjs | null }[];
  workingWeekdays: number[];
  cutoff: Dayjs | null;
  saturdayReception: boolean;
};

function UnitEditor({ unit, onClose }: { unit: Unit; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<UnitForm>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const onFinish = async (v: UnitForm) => {
    setBusy(true);
    setError(null);
    try {
      const body: Body<'/api/units/{id}', 'patch'> = {
        name: v.name.trim(),
        code: v.code.trim(),
        address: v.address ?? '',
        phone: v.phone ?? '',
        email: (v.email ?? '').trim(),
        officeSessions: v.sessions.map((s) => ({ start: fromDayjs(s.start), end: fromDayjs(s.end) })),
        workingWeekdays: [...v.workingWeekdays].sort((a, b) => a - b),
        cutoffTime: fromDayjs(v.cutoff),
        saturdayReception: v.saturdayReception,
      };
      const saved = must(await api.PATCH('/api/units/{id}', { params: { path: { id: unit.id } }, body }));
      putUnit(saved);
      void message.success(t('common.saved'));
      onClose();
    } catch (e) {
      setError(errorText(e, t('common.networkError')));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form<UnitForm>
      form={form}
      layout="vertical"
      disabled={busy}
      onFinish={onFinish}
      initialValues={{
        name: unit.name,
        code: unit.code,
        address: unit.address,
        phone: unit.phone,
        email: unit.email,
        sessions: unit.officeSessions.map((s) => ({ start: toDayjs(s.start), end: toDayjs(s.end) })),
        workingWeekdays: unit.workingWeekdays,
        cutoff: toDayjs(unit.cutoffTime),
        saturdayReception: unit.saturdayReception,
      }}
    >
      <FormError message={error} />
      <Form.Item label={t('unit.name')} name="name" rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
        <Input maxLength={200} />
      </Form.Item>
      <UnitContactFields />
      <fieldset className="fieldset">
        <legend>{t('unit.sessions')}</legend>
        <Form.List name="sessions">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Space key={f.key} align="end" wrap style={{ marginBottom: 8 }}>
                  <Form.Item
                    label={t('unit.sessionStart', { n: i + 1 })}
                    name={[f.name, 'start']}
                    rules={[{ required: true, message: t('common.required') }]}
                    style={{ marginBottom: 0 }}
                  >
                    <TimePicker format={HHMM} minuteStep={5} needConfirm={false} inputReadOnly={false} allowClear={false} />
                  </Form.Item>
                  <Form.Item
                    label={t('unit.sessionEnd', { n: i + 1 })}
                    name={[f.name, 'end']}
                    dependencies={[['sessions', f.name, 'start']]}
                    rules={[
                      { required: true, message: t('common.required') },
                      ({ getFieldValue }) => ({
                        validator: async (_r, v: Dayjs | null) => {
                          const start = getFieldValue(['sessions', f.name, 'start']) as Dayjs | null;
                          if (v && start && fromDayjs(v) <= fromDayjs(start)) throw new Error(t('unit.sessionOrder'));
                        },
                      }),
                    ]}
                    style={{ marginBottom: 0 }}
                  >
                    <TimePicker format={HHMM} minuteStep={5} needConfirm={false} allowClear={false} />
                  </Form.Item>
                  {fields.length > 1 && (
                    <Button onClick={() => remove(f.name)} aria-label={t('unit.removeSession', { n: i + 1 })}>
                      ✕
                    </Button>
                  )}
                </Space>
              ))}
              {fields.length < 4 && (
                <div>
                  <Button onClick={() => add({ start: toDayjs('13:00'), end: toDayjs('17:00') })} icon={<PlusIcon />}>
                    {t('unit.addSession')}
                  </Button>
                </div>
              )}
            </>
          )}
        </Form.List>
      </fieldset>
      <Form.Item label={t('unit.weekdays')} name="workingWeekdays" rules={[{ required: true, message: t('common.required') }]}>
        <Checkbox.Group
          options={[1, 2, 3, 4, 5, 6, 7].map((d) => ({ value: d, label: t(`wd.${d}` as 'wd.1') }))}
          className="weekday-group"
        />
      </Form.Item>
      <Form.Item
        label={t('unit.cutoff')}
        name="cutoff"
        extra={t('unit.cutoffHelp')}
        rules={[{ required: true, message: t('common.required') }]}
      >
        <TimePicker format={HHMM} minuteStep={5} needConfirm={false} allowClear={false} />
      </Form.Item>
      <Form.Item name="saturdayReception" valuePropName="checked">
        <Checkbox>{t('unit.saturday')}</Checkbox>
      </Form.Item>
      <Space>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('common.save')}
        </Button>
        <Button onClick={onClose} disabled={false}>
          {t('common.cancel')}
        </Button>
      </Space>
    </Form>
  );
}

type PointForm = { name: string; address: string; hostUnitId: string; active: boolean };

function PointEditor({ unit, point, onClose }: { unit: Unit; point: ReceptionPoint | null; onClose: () => void }) {
  const t = useT();
  const { units } = useStaff();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [key] = useState(newIdempotencyKey);
  const province = unit.type === 'province' ? unit.id : unit.parentId;
  const hosts = sortUnits(units.filter((u) => u.id === province || u.parentId === province));

  const onFinish = async (v: PointForm) => {
    setBusy(true);
    setError(null);
    try {
      const body = { name: v.name.trim(), address: v.address ?? '', hostUnitId: v.hostUnitId };
      const saved = point
        ? must(await api.PATCH('/api/reception-points/{id}', { params: { path: { id: point.id } }, body: { ...body, active: v.active } }))
        : must(
            await api.POST('/api/units/{id}/reception-points', {
              params: { path: { id: unit.id } },
              body,
              headers: { 'Idempotency-Key': key },
            }),
          );
      putUnit(saved);
      void message.success(point ? t('common.saved') : t('points.added'));
      onClose();
    } catch (e) {
      setError(errorText(e, t('common.networkError')));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form<PointForm>
      layout="vertical"
      disabled={busy}
      onFinish={onFinish}
      initialValues={{
        name: point?.name ?? '',
        address: point?.address ?? '',
        hostUnitId: point?.hostUnitId ?? unit.id,
        active: point?.active ?? true,
      }}
    >
      <FormError message={error} />
      <Form.Item label={t('points.name')} name="name" rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item label={t('points.address')} name="address">
        <Input maxLength={300} />
      </Form.Item>
      <Form.Item label={t('points.host')} name="hostUnitId" extra={t('points.hostHelp')}>
        <Select options={hosts.map((u) => ({ value: u.id, label: u.name }))} showSearch optionFilterProp="label" />
      </Form.Item>
      {point && (
        <Form.Item label={t('unit.status')} name="active" valuePropName="checked">
          <Switch checkedChildren={t('common.active')} unCheckedChildren={t('common.inactive')} />
        </Form.Item>
      )}
      <Space>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('common.save')}
        </Button>
        <Button onClick={onClose} disabled={false}>
          {t('common.cancel')}
        </Button>
      </Space>
    </Form>
  );
}

type NewUnitForm = {
  type: 'ward' | 'commune';
  parentId: string;
  name: string;
  slug: string;
  code: string;
  address?: string;
  phone?: string;
  email?: string;
};

function UnitCreator({ provinces, onClose }: { provinces: Unit[]; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [key] = useState(newIdempotencyKey);

  const onFinish = async (v: NewUnitForm) => {
    setBusy(true);
    setError(null);
    try {
      const saved = must(
        await api.POST('/api/units', {
          body: {
            type: v.type,
            parentId: v.parentId ?? provinces[0]!.id,
            name: v.name.trim(),
            slug: v.slug.trim(),
            code: v.code.trim(),
            address: v.address ?? '',
            phone: v.phone ?? '',
            email: (v.email ?? '').trim(),
          },
          headers: { 'Idempotency-Key': key },
        }),
      );
      putUnit(saved);
      void message.success(t('units.created', { name: saved.name }));
      onClose();
    } catch (e) {
      setError(errorText(e, t('common.networkError')));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form<NewUnitForm> layout="vertical" disabled={busy} onFinish={onFinish} initialValues={{ type: 'ward', parentId: provinces[0]?.id }}>
      <FormError message={error} />
      <Form.Item label={t('unit.type')} name="type">
        <Radio.Group
          optionType="button"
          options={[
            { value: 'ward', label: t('unit.type.ward') },
            { value: 'commune', label: t('unit.type.commune') },
          ]}
        />
      </Form.Item>
      {provinces.length > 1 && (
        <Form.Item label={t('unit.parent')} name="parentId" rules={[{ required: true, message: t('common.required') }]}>
          <Select options={provinces.map((u) => ({ value: u.id, label: u.name }))} />
        </Form.Item>
      )}
      <Form.Item label={t('unit.name')} name="name" rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
        <Input maxLength={200} placeholder="Trung tâm Phục vụ hành chính công phường …" />
      </Form.Item>
      <Form.Item
        label={t('unit.slug')}
        name="slug"
        extra={t('unit.slugHelp')}
        rules={[
          { required: true, message: t('common.required') },
          { pattern: /^[a-z0-9][a-z0-9-]{1,40}$/, message: t('unit.slugHelp') },
        ]}
      >
        <Input maxLength={41} autoCapitalize="none" spellCheck={false} />
      </Form.Item>
      <UnitContactFields />
      <Space>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('units.create')}
        </Button>
        <Button onClick={onClose} disabled={false}>
          {t('common.cancel')}
        </Button>
      </Space>
    </Form>
  );
}

function Points({ unit, onEdit }: { unit: Unit; onEdit: (p: ReceptionPoint | null) => void }) {
  const t = useT();
  const { units } = useStaff();
  const { message } = App.useApp();
  const byId = new Map(units.map((u) => [u.id, u]));
  const setActive = async (p: ReceptionPoint, active: boolean) => {
    try {
      putUnit(must(await api.PATCH('/api/reception-points/{id}', { params: { path: { id: p.id } }, body: { active } })));
      void message.success(t('common.saved'));
    } catch (e) {
      void message.error(errorText(e, t('common.networkError')));
    }
  };
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

function UnitCard({ unit, onEdit, onPoint }: { unit: Unit; onEdit: () => void; onPoint: (p: ReceptionPoint | null) => void }) {
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

export default function AdminUnits() {
  const t = useT();
  const { user, units, unit: current } = useStaff();
  useDocumentTitle(t('units.title'));
  const actor = useMemo(() => actorOf(user), [user]);
  const mine = useMemo(() => {
    const ids = unitsWhere(actor, units, ADMIN_ROLES);
    const list = sortUnits(units.filter((u) => ids.has(u.id)));
    // The unit chosen in the header first.
    return current && ids.has(current.id) ? [current, ...list.filter((u) => u.id !== current.id)] : list;
  }, [actor, units, current]);
  const provinces = units.filter((u) => u.type === 'province' && policies.createUnit(actor, units, u.id));
  const [editing, setEditing] = useState<Unit | null>(null);
  const [point, setPoint] = useState<{ unit: Unit; point: ReceptionPoint | null } | null>(null);
  const [creating, setCreating] = useState(false);
  const [filter, setFilter] = useState('');
  const q = filter.trim().toLocaleLowerCase('vi');
  const shown = q ? mine.filter((u) => u.name.toLocaleLowerCase('vi').includes(q) || u.code.toLowerCase().includes(q)) : mine;

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
                <Button type="primary" icon={<PlusIcon />} onClick={() => setCreating(true)}>
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
                <UnitCard unit={u} onEdit={() => setEditing(u)} onPoint={(p) => setPoint({ unit: u, point: p })} />
              </List.Item>
            )}
          />
        </>
      )}
      <Drawer
        open={!!editing}
        onClose={() => setEditing(null)}
        title={editing ? t('units.edit', { name: shortName(editing) }) : ''}
        width={560}
        destroyOnHidden
      >
        {editing && <UnitEditor unit={editing} onClose={() => setEditing(null)} />}
      </Drawer>
      <Modal
        open={!!point}
        onCancel={() => setPoint(null)}
        footer={null}
        title={point?.point ? t('points.edit') : point ? t('points.addTo', { unit: shortName(point.unit) }) : ''}
        destroyOnHidden
      >
        {point && <PointEditor unit={point.unit} point={point.point} onClose={() => setPoint(null)} />}
      </Modal>
      <Modal open={creating} onCancel={() => setCreating(false)} footer={null} title={t('units.create')} destroyOnHidden width={600}>
        {creating && <UnitCreator provinces={provinces} onClose={() => setCreating(false)} />}
      </Modal>
    </>
  );
}

/** Agency code, address, phone and e-mail: the same fields when a unit is created and when it is edited. */
function UnitContactFields() {
  const t = useT();
  return (
    <>
      <Form.Item
        label={t('unit.code')}
        name="code"
        extra={t('unit.codeHelp')}
        rules={[
          { required: true, message: t('common.required') },
          { pattern: /^[0-9A-Z.]{3,40}$/, message: t('unit.codeHelp') },
        ]}
      >
        <Input maxLength={40} autoCapitalize="characters" spellCheck={false} />
      </Form.Item>
      <Form.Item label={t('unit.address')} name="address">
        <Input maxLength={300} autoComplete="street-address" />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} sm={12}>
          <Form.Item label={t('unit.phone')} name="phone" rules={[{ pattern: PHONE, message: t('common.invalidPhone') }]}>
            <Input maxLength={40} inputMode="tel" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item label={t('unit.email')} name="email" rules={[{ type: 'email', message: t('common.invalidEmail') }]}>
            <Input maxLength={200} inputMode="email" />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}

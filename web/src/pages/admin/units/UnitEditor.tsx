// Editing a unit: details, office sessions, working days, cut-off, Saturday reception; one useAction.
import { App, Button, Checkbox, Form, Input, Space, TimePicker } from 'antd';
import { type Dayjs } from 'dayjs';
import { api, must, type Body } from '../../../api/client';
import { useT } from '../../../i18n';
import { ActionAlert } from '../../../ui/ActionAlert';
import { useAction } from '../../../ui/useAction';
import { PlusIcon } from '../../../ui/icons';
import { putUnit, type Unit } from '../../../units';
import { HHMM, toDayjs, fromDayjs, UnitContactFields } from './fields';

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

export function UnitEditor({ unit, onClose }: { unit: Unit; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<UnitForm>();

  const save = useAction(async (v: UnitForm) => {
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
  });
  const busy = save.busy;
  const onFinish = (v: UnitForm) => void save.run(v);

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
      <ActionAlert action={save} />
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

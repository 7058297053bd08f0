// The working-day calendar: a year's holidays and swapped working days (generated from the Labour Code until an
// administrator enters the official days), saved with the recomputation of open deadlines; and a small deadline
// calculator that answers exactly as the dossiers' due times are computed.
import { Alert, App, Button, Card, Col, DatePicker, Descriptions, Input, InputNumber, Row, Select, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { api, must, type Ok } from '../../api/client';
import { useLang, useT } from '../../i18n';
import { shortName, useStaff } from '../../staff/context';
import { ActionAlert } from '../../ui/ActionAlert';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { appointmentText, dateOnly, dateTime } from '../../ui/format';
import { useAction } from '../../ui/useAction';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { useLoad } from '../../ui/useLoad';
import { sortUnits } from '../../units';

type Year = Ok<'/api/calendar/years/{year}', 'get'>;
const WEEKDAY_VI = ['CN', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7'];

function DayList({
  label,
  days,
  year,
  editable,
  onChange,
  testId,
}: {
  label: string;
  days: string[];
  year: number;
  editable: boolean;
  onChange: (d: string[]) => void;
  testId: string;
}) {
  const t = useT();
  const [pick, setPick] = useState<Dayjs | null>(null);
  const sorted = [...days].sort();
  return (
    <div data-testid={testId}>
      <div className="day-tags">
        {sorted.length === 0 && <span className="muted">{t('cal.none')}</span>}
        {sorted.map((d) => (
          <Tag
            key={d}
            className="tag-info day-tag"
            closable={editable}
            onClose={(e) => {
              e.preventDefault();
              onChange(days.filter((x) => x !== d));
            }}
            closeIcon={editable ? <span aria-label={t('cal.remove', { date: dateOnly(d) })}>✕</span> : undefined}
          >
            {WEEKDAY_VI[dayjs(d).day()]} {dateOnly(d)}
          </Tag>
        ))}
      </div>
      {editable && (
        <Space wrap style={{ marginTop: 8 }}>
          <DatePicker
            value={pick}
            onChange={setPick}
            format="DD/MM/YYYY"
            placeholder="dd/mm/yyyy"
            aria-label={t('cal.addTo', { list: label })}
            disabledDate={(d) => d.year() !== year}
            defaultPickerValue={dayjs(`${year}-01-01`)}
          />
          <Button
            disabled={!pick}
            onClick={() => {
              if (!pick) return;
              const iso = pick.format('YYYY-MM-DD');
              if (!days.includes(iso)) onChange([...days, iso]);
              setPick(null);
            }}
          >
            {t('cal.add')}
          </Button>
        </Space>
      )}
    </div>
  );
}

export default function AdminCalendar() {
  const t = useT();
  const { message } = App.useApp();
  useDocumentTitle(t('cal.title'));
  const { user } = useStaff();
  const editor = user.roles.some((g) => g.role === 'system-admin' || g.role === 'province-admin');
  const [year, setYear] = useState(new Date().getFullYear());
  const { data, error, reload, setData } = useLoad(
    async () => must(await api.GET('/api/calendar/years/{year}', { params: { path: { year } } })),
    [year],
  );
  const [draft, setDraft] = useState<Year | null>(null);
  const [source, setSource] = useState('');
  const [recomputed, setRecomputed] = useState<number | null>(null);

  useEffect(() => {
    setDraft(data);
    setSource(data && !data.generated ? data.source : '');
  }, [data]);
  const saving = useAction(async (draft: Year, source: string) => {
    const r = must(
      await api.PUT('/api/calendar/years/{year}', {
        params: { path: { year: draft.year } },
        body: {
          holidays: [...draft.holidays].sort(),
          workingDays: [...draft.workingDays].sort(),
          ...(source.trim() ? { source: source.trim() } : {}),
        },
      }),
    );
    setRecomputed(r.recomputed);
    const { recomputed: _n, ...rest } = r;
    setData(rest);
    void message.success(t('cal.saved'));
  });
  const busy = saving.busy;
  const resetSave = saving.reset;
  useEffect(() => {
    setRecomputed(null);
    resetSave();
  }, [year, resetSave]);

  const dirty =
    !!draft &&
    !!data &&
    (draft.holidays.join() !== data.holidays.join() ||
      draft.workingDays.join() !== data.workingDays.join() ||
      source !== (data.generated ? '' : data.source));

  const save = async () => {
    if (draft) await saving.run(draft, source);
  };

  return (
    <>
      <Typography.Title level={1} className="page-title">
        {t('cal.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('cal.intro')}</Typography.Paragraph>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card
            title={
              <Space wrap>
                <label htmlFor="cal-year" className="card-title">
                  {t('cal.year')}
                </label>
                <InputNumber
                  id="cal-year"
                  min={2000}
                  max={2199}
                  value={year}
                  onChange={(v) => v && setYear(Number(v))}
                  style={{ width: 120 }}
                />
              </Space>
            }
          >
            <ErrorAlert error={error} onRetry={reload} />
            {draft && (
              <>
                <p>
                  {draft.generated ? (
                    <Tag className="tag-warn" data-testid="generated">
                      {t('cal.generated')}
                    </Tag>
                  ) : (
                    <Tag className="tag-ok">{t('cal.official', { source: draft.source })}</Tag>
                  )}
                </p>
                <Typography.Title level={3} style={{ fontSize: '1.0625rem' }}>
                  {t('cal.holidays', { n: draft.holidays.length })}
                </Typography.Title>
                <DayList
                  label={t('cal.holidaysLabel')}
                  days={draft.holidays}
                  year={year}
                  editable={editor}
                  onChange={(holidays) => setDraft({ ...draft, holidays })}
                  testId="holidays"
                />
                <Typography.Title level={3} style={{ fontSize: '1.0625rem', marginTop: 16 }}>
                  {t('cal.workingDays', { n: draft.workingDays.length })}
                </Typography.Title>
                <DayList
                  label={t('cal.workingDaysLabel')}
                  days={draft.workingDays}
                  year={year}
                  editable={editor}
                  onChange={(workingDays) => setDraft({ ...draft, workingDays })}
                  testId="working-days"
                />
                {editor && (
                  <div style={{ marginTop: 16 }}>
                    <label htmlFor="cal-source" className="field-label">
                      {t('cal.source')}
                    </label>
                    <Input
                      id="cal-source"
                      value={source}
                      onChange={(e) => setSource(e.target.value)}
                      maxLength={500}
                      placeholder={t('cal.sourcePlaceholder')}
                    />
                    <ActionAlert action={saving} />
                    {recomputed !== null && (
                      <Alert
                        type="success"
                        showIcon
                        style={{ marginTop: 12 }}
                        message={t('cal.recomputed', { n: recomputed })}
                        data-testid="recomputed"
                      />
                    )}
                    <Space style={{ marginTop: 12 }}>
                      <Button type="primary" onClick={() => void save()} loading={busy} disabled={!dirty && !draft.generated}>
                        {t('common.save')}
                      </Button>
                      <Button onClick={() => data && setDraft(data)} disabled={!dirty}>
                        {t('common.cancel')}
                      </Button>
                    </Space>
                  </div>
                )}
              </>
            )}
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <DeadlineCalculator />
        </Col>
      </Row>
    </>
  );
}

function DeadlineCalculator() {
  const t = useT();
  const lang = useLang();
  const { units, unit } = useStaff();
  const [receivedAt, setReceivedAt] = useState<Dayjs | null>(() => dayjs().second(0).millisecond(0));
  const [days, setDays] = useState<number>(3);
  const [unitId, setUnitId] = useState<string>(unit?.id ?? '');
  const [result, setResult] = useState<Ok<'/api/calendar/deadline', 'post'> | null>(null);
  const calc = useAction(async (receivedAt: Dayjs, days: number, unitId: string) => {
    setResult(null);
    const r = must(
      await api.POST('/api/calendar/deadline', {
        body: { receivedAt: `${receivedAt.format('YYYY-MM-DDTHH:mm')}:00+07:00`, workingDays: days, ...(unitId ? { unitId } : {}) },
      }),
    );
    setResult(r);
  });
  const compute = async () => {
    if (receivedAt) await calc.run(receivedAt, days, unitId);
  };

  return (
    <Card title={<h2 className="card-title">{t('cal.calculator')}</h2>}>
      <label htmlFor="calc-received" className="field-label">
        {t('cal.receivedAt')}
      </label>
      <DatePicker
        id="calc-received"
        showTime={{ format: 'HH:mm' }}
        format="DD/MM/YYYY HH:mm"
        value={receivedAt}
        onChange={setReceivedAt}
        style={{ width: '100%' }}
      />
      <Row gutter={12} style={{ marginTop: 8 }}>
        <Col xs={10}>
          <label htmlFor="calc-days" className="field-label">
            {t('cal.days')}
          </label>
          <InputNumber
            id="calc-days"
            min={0}
            max={365}
            step={0.25}
            value={days}
            onChange={(v) => setDays(Number(v) || 0)}
            style={{ width: '100%' }}
          />
        </Col>
        <Col xs={14}>
          <label htmlFor="calc-unit" className="field-label">
            {t('cal.unit')}
          </label>
          <Select
            id="calc-unit"
            value={unitId}
            onChange={setUnitId}
            style={{ width: '100%' }}
            options={sortUnits(units).map((u) => ({ value: u.id, label: shortName(u) }))}
          />
        </Col>
      </Row>
      <Button type="primary" onClick={() => void compute()} loading={calc.busy} style={{ marginTop: 12 }}>
        {t('cal.compute')}
      </Button>
      <ActionAlert action={calc} style={{ marginTop: 12 }} />
      {result && (
        <Descriptions column={1} size="small" style={{ marginTop: 12 }} data-testid="deadline-result">
          <Descriptions.Item label={t('dossier.countedFrom')}>{dateTime(result.countedFrom, lang)}</Descriptions.Item>
          <Descriptions.Item label={t('cal.dueAt')}>
            <strong>{appointmentText(result.dueAt, lang)}</strong>
          </Descriptions.Item>
        </Descriptions>
      )}
    </Card>
  );
}

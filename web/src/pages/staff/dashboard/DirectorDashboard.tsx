// The centre director's home: today's intake, due-soon and late dossiers with their officers, the on-time
// rate this month against last, the unit's Decision 766 score and where points are lost, compliance signals
// linking to the dossiers, monthly trends. Polls every minute while open.
import { Alert, Card, Col, Row, Table, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { api, must } from '../../../api/client';
import { useLang, useT } from '../../../i18n';
import { BarsChart, LinesChart } from './Charts';
import { compliance, indicators, lastMonths, monthStart, num, openAlerts, pct, usePolling, vnToday, type Watch } from './data';
import { OpenAlerts, PointsLost, Signals, Tile } from './parts';

type Item = Watch['overdue'][number];

function DossierTable({ rows, testId }: { rows: Item[]; testId: string }) {
  const t = useT();
  return (
    <Table
      size="small"
      rowKey="id"
      data-testid={testId}
      pagination={rows.length > 8 ? { pageSize: 8 } : false}
      locale={{ emptyText: t('dash.noDossiers') }}
      dataSource={rows}
      columns={[
        { title: t('dash.dossier'), key: 'c', render: (_: unknown, r: Item) => <Link to={`/can-bo/ho-so/${r.id}`}>{r.code}</Link> },
        { title: t('dash.procedure'), dataIndex: 'procedureName', key: 'p', ellipsis: true },
        { title: t('dash.officer'), key: 'o', render: (_: unknown, r: Item) => r.assigneeName ?? t('dash.unassigned') },
        { title: t('dash.due'), key: 'd', render: (_: unknown, r: Item) => r.dueAt.slice(0, 16).replace('T', ' ') },
      ]}
    />
  );
}

export default function DirectorDashboard({ unitId }: { unitId: string }) {
  const t = useT();
  const lang = useLang();
  const today = vnToday();
  const months = lastMonths(today, 6);
  const state = usePolling(async () => {
    const [todayI, month, last, signals, watch, trend, alerts] = await Promise.all([
      indicators(unitId, today, today),
      indicators(unitId, monthStart(today), today),
      indicators(unitId, months[4]!.from, months[4]!.to),
      compliance(unitId, monthStart(today), today),
      api.GET('/api/units/{id}/watch', { params: { path: { id: unitId } } }).then(must),
      Promise.all(months.map((m) => indicators(unitId, m.from, m.to))),
      openAlerts(unitId),
    ]);
    return { todayI, month, last, signals, watch, trend, alerts };
  }, [unitId, today]);
  const d = state.data;
  if (!d) return state.error ? <Alert type="warning" showIcon message={t('dash.loadError')} /> : null;
  const onTime = (x: typeof d.month) => x.indicators.find((i) => i.key === 'on-time-rate')!;
  const received = d.todayI.indicators.find((i) => i.key === 'synced-rate')!.denominator;
  const trendRows = months.map((m, i) => ({
    label: m.label,
    onTime: onTime(d.trend[i]!).value === null ? null : Math.round(onTime(d.trend[i]!).value! * 1000) / 10,
    total: d.trend[i]!.total,
  }));
  const groupRows = d.month.groups.map((g) => ({ label: g.name[lang], score: g.score, lost: Math.round((g.max - g.score) * 100) / 100 }));
  const late = [...d.watch.overdue].sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  return (
    <section aria-labelledby="dash-title" data-testid="director-dashboard">
      <Typography.Title level={2} id="dash-title" className="card-title" style={{ marginTop: 8 }}>
        {t('dash.director')}
      </Typography.Title>
      {state.error && <Alert type="warning" showIcon message={t('dash.loadError')} style={{ marginBottom: 12 }} />}
      <OpenAlerts data={d.alerts} />
      <Row gutter={[16, 16]}>
        <Col xs={12} lg={6}>
          <Tile title={t('dash.todayIntake')} value={received} testId="tile-today" />
        </Col>
        <Col xs={12} lg={6}>
          <Tile title={t('dash.late')} value={late.length} note={`${t('dash.dueSoon')}: ${d.watch.dueSoon.length}`} testId="tile-late" />
        </Col>
        <Col xs={12} lg={6}>
          <Tile
            title={t('dash.onTimeMonth')}
            value={pct(onTime(d.month).value)}
            raw={onTime(d.month).value}
            note={t('dash.onTimeLastMonth', { value: pct(onTime(d.last).value) })}
            testId="tile-on-time"
          />
        </Col>
        <Col xs={12} lg={6}>
          <Tile
            title={t('dash.score')}
            value={num(d.month.total)}
            raw={d.month.total}
            note={t('dash.scoreOf', { score: num(d.month.total), available: d.month.available })}
            testId="tile-score"
          />
        </Col>
        <Col xs={24} xl={12}>
          <Card title={<h3 className="card-title">{t('dash.late')}</h3>}>
            <DossierTable rows={late} testId="late-table" />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={<h3 className="card-title">{t('dash.dueSoon')}</h3>}>
            <DossierTable rows={d.watch.dueSoon} testId="due-soon-table" />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={<h3 className="card-title">{t('dash.pointsLost')}</h3>}>
            <PointsLost data={d.month} />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={<h3 className="card-title">{t('dash.groups')}</h3>}>
            <BarsChart
              caption={t('dash.groups')}
              label={t('dash.group')}
              rows={groupRows}
              stacked
              series={[
                { key: 'score', name: t('dash.points'), color: '#1f6feb' },
                { key: 'lost', name: t('dash.lost'), color: '#f0b4ae' },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={<h3 className="card-title">{t('dash.trend')}</h3>}>
            <LinesChart
              caption={t('dash.trend')}
              label={t('dash.month')}
              rows={trendRows}
              testId="trend-chart"
              series={[
                { key: 'onTime', name: t('dash.onTime'), color: '#1a7f37' },
                { key: 'total', name: t('dash.total'), color: '#1f6feb' },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card
            title={<h3 className="card-title">{t('dash.signals')}</h3>}
            extra={
              <span>
                <a
                  href={`/api/reports/form-06?unitId=${unitId}&from=${monthStart(today)}&to=${today}&format=xlsx`}
                  data-testid="form06-link"
                  download
                >
                  {t('dash.form06')}
                </a>
                {' · '}
                <a
                  href={`/api/reports/form-06?unitId=${unitId}&from=${monthStart(today)}&to=${today}&format=pdf`}
                  data-testid="form06-pdf-link"
                  download
                >
                  {t('dash.form06Pdf')}
                </a>
                {' · '}
                <Link to={`/can-bo/danh-gia?unitId=${unitId}`} data-testid="ratings-link">
                  {t('dash.ratings')}
                </Link>
              </span>
            }
          >
            <Signals data={d.signals} testId="director-signals" />
          </Card>
        </Col>
      </Row>
      {state.at && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          {t('dash.updated', { time: state.at.toLocaleTimeString('vi-VN') })}
        </Typography.Paragraph>
      )}
    </section>
  );
}

// The province's home: every unit ranked by total score and by group, monthly trends of the province, the
// worst compliance signals first, and one click to a unit's own dashboard. Polls every minute while open.
import { Alert, Button, Card, Col, Row, Table, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { api, must } from '../../../api/client';
import { useLang, useT } from '../../../i18n';
import { BarsChart, LinesChart } from './Charts';
import { compliance, indicators, lastMonths, monthStart, num, openAlerts, pct, usePolling, vnToday, type Ranking } from './data';
import { OpenAlerts, Signals } from './parts';

type Unit = Ranking['items'][number];

export default function ProvinceDashboard({ provinceId, openUnit }: { provinceId: string; openUnit: (id: string) => void }) {
  const t = useT();
  const lang = useLang();
  const today = vnToday();
  const months = lastMonths(today, 6);
  const state = usePolling(async () => {
    const [ranking, signals, trend, alerts] = await Promise.all([
      api.GET('/api/indicators/ranking', { params: { query: { unitId: provinceId, from: monthStart(today), to: today } } }).then(must),
      compliance(provinceId, monthStart(today), today),
      Promise.all(months.map((m) => indicators(provinceId, m.from, m.to))),
      openAlerts(provinceId),
    ]);
    return { ranking, signals, trend, alerts };
  }, [provinceId, today]);
  const d = state.data;
  if (!d) return state.error ? <Alert type="warning" showIcon message={t('dash.loadError')} /> : null;
  const groups = d.ranking.items[0]?.groups ?? [];
  const onTime = (u: { indicators: { key: string; value: number | null }[] }) => u.indicators.find((i) => i.key === 'on-time-rate')!.value;
  const short = (name: string) => name.replace(/^Trung tâm Phục vụ hành chính công\s+/i, '');
  const trendRows = months.map((m, i) => ({
    label: m.label,
    onTime: onTime(d.trend[i]!) === null ? null : Math.round(onTime(d.trend[i]!)! * 1000) / 10,
    total: d.trend[i]!.total,
  }));
  return (
    <section aria-labelledby="pdash-title" data-testid="province-dashboard">
      <Typography.Title level={2} id="pdash-title" className="card-title" style={{ marginTop: 8 }}>
        {t('dash.province')}
      </Typography.Title>
      <p>
        <Link to={`/can-bo/danh-gia?unitId=${provinceId}`} data-testid="ratings-link">
          {t('dash.ratings')}
        </Link>
      </p>
      {state.error && <Alert type="warning" showIcon message={t('dash.loadError')} style={{ marginBottom: 12 }} />}
      <OpenAlerts data={d.alerts} showUnit />
      <Row gutter={[16, 16]}>
        <Col span={24}>
          <Card title={<h3 className="card-title">{t('dash.ranking')}</h3>}>
            <Table
              size="small"
              rowKey="unitId"
              pagination={false}
              data-testid="ranking-table"
              dataSource={d.ranking.items}
              scroll={{ x: true }}
              columns={[
                { title: t('dash.rank'), key: 'r', width: 60, render: (_: unknown, _u: Unit, i: number) => i + 1 },
                {
                  title: t('dash.unit'),
                  key: 'n',
                  render: (_: unknown, u: Unit) => (
                    <Button
                      type="link"
                      style={{ padding: 0 }}
                      onClick={() => openUnit(u.unitId)}
                      data-testid="open-unit"
                      data-unit-id={u.unitId}
                    >
                      {short(u.name)}
                    </Button>
                  ),
                },
                {
                  title: t('dash.total'),
                  key: 't',
                  align: 'right',
                  sorter: (a: Unit, b: Unit) => a.total - b.total,
                  render: (_: unknown, u: Unit) => (
                    <strong data-testid="unit-total" data-unit-id={u.unitId} data-value={u.total}>
                      {num(u.total)}
                    </strong>
                  ),
                },
                {
                  title: t('dash.onTime'),
                  key: 'o',
                  align: 'right',
                  sorter: (a: Unit, b: Unit) => (onTime(a) ?? -1) - (onTime(b) ?? -1),
                  render: (_: unknown, u: Unit) => pct(onTime(u)),
                },
                ...groups.map((g, gi) => ({
                  title: `${g.id}. ${g.name[lang]} (${g.max})`,
                  key: `g${g.id}`,
                  align: 'right' as const,
                  sorter: (a: Unit, b: Unit) => a.groups[gi]!.score - b.groups[gi]!.score,
                  render: (_: unknown, u: Unit) => num(u.groups[gi]!.score),
                })),
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={<h3 className="card-title">{t('dash.total')}</h3>}>
            <BarsChart
              caption={t('dash.ranking')}
              label={t('dash.unit')}
              rows={d.ranking.items.map((u) => ({
                label: short(u.name),
                ...Object.fromEntries(u.groups.map((g) => [`g${g.id}`, g.score])),
              }))}
              stacked
              testId="ranking-chart"
              series={groups.map((g, i) => ({
                key: `g${g.id}`,
                name: `${g.id}. ${g.name[lang]}`,
                color: ['#1f6feb', '#1a7f37', '#8250df', '#bf8700', '#cf222e'][i % 5]!,
              }))}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={<h3 className="card-title">{t('dash.trend')}</h3>}>
            <LinesChart
              caption={t('dash.trend')}
              label={t('dash.month')}
              rows={trendRows}
              series={[
                { key: 'onTime', name: t('dash.onTime'), color: '#1a7f37' },
                { key: 'total', name: t('dash.total'), color: '#1f6feb' },
              ]}
            />
          </Card>
        </Col>
        <Col span={24}>
          <Card title={<h3 className="card-title">{t('dash.signals')}</h3>}>
            <Signals data={d.signals} testId="province-signals" />
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

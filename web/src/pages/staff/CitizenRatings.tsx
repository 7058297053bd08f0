// The TT 01/2018 citizen-rating report: officer and unit scores for a quarter (or the year), for the director's
// unit or — for the province — every unit. The numbers are the API's; an XLSX of the same rows downloads.
import { Alert, Card, InputNumber, Select, Space, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { api, must } from '../../api/client';
import { useT, type MessageKey } from '../../i18n';
import { useStaff } from '../../staff/context';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useDocumentTitle } from '../../ui/useDocumentTitle';

type Levels = { '2': number; '1': number; '0': number };
type Base = {
  name: string;
  ratings: number;
  levels: Levels;
  likes: number;
  dislikes: number;
  scores: Record<string, number>;
  total: number | null;
  band: string | null;
};
type Report = {
  from: string;
  to: string;
  indicators: { n: number; key: string; name: string; officer: boolean }[];
  maxima: { officer: number; unit: number };
  units: (Base & { unitId: string; feedbackSatisfied: number; feedbackUnsatisfied: number })[];
  officers: (Base & { officerId: string; unitName: string })[];
};

export default function CitizenRatings() {
  const t = useT();
  useDocumentTitle(t('rating.title'));
  const { unit } = useStaff();
  const [params] = useSearchParams();
  const unitId = params.get('unitId') ?? unit?.id ?? '';
  const now = new Date(Date.now() + 7 * 3_600_000);
  const [year, setYear] = useState(now.getUTCFullYear());
  const [quarter, setQuarter] = useState<number>(Math.floor(now.getUTCMonth() / 3) + 1);
  const [data, setData] = useState<Report | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (!unitId) return;
    setError(null);
    api
      .GET('/api/reports/citizen-ratings', {
        params: { query: { unitId, year, ...(quarter ? { quarter } : {}), format: 'json' } },
      })
      .then((r) => setData(must(r) as Report))
      .catch((e: unknown) => {
        setData(null);
        setError(e);
      });
  }, [unitId, year, quarter]);

  const ind = (officer: boolean) => (data?.indicators ?? []).filter((i) => !officer || i.officer);
  const scoreCols = (officer: boolean) =>
    ind(officer).map((i) => ({
      title: <abbr title={i.name}>{`${t('rating.ind')} ${i.n}`}</abbr>,
      key: i.key,
      align: 'right' as const,
      render: (_: unknown, r: Base) => r.scores[i.key] ?? '—',
    }));
  const common = [
    { title: t('rating.ratings'), dataIndex: 'ratings', key: 'ratings', align: 'right' as const },
    {
      title: t('rating.levels'),
      key: 'levels',
      render: (_: unknown, r: Base) => `${r.levels['2']} / ${r.levels['1']} / ${r.levels['0']}`,
    },
    { title: t('rating.likes'), key: 'likes', render: (_: unknown, r: Base) => `${r.likes} / ${r.dislikes}` },
  ];
  const total = (max: number) => ({
    title: t('rating.total', { max }),
    key: 'total',
    align: 'right' as const,
    render: (_: unknown, r: Base) => <strong data-testid="rating-total">{r.total ?? '—'}</strong>,
  });
  const band = {
    title: t('rating.band'),
    key: 'band',
    render: (_: unknown, r: Base) => (r.band ? t(`rating.band.${r.band}` as MessageKey) : t('rating.noData')),
  };
  const xlsx = `/api/reports/citizen-ratings?unitId=${unitId}&year=${year}${quarter ? `&quarter=${quarter}` : ''}&format=xlsx`;

  return (
    <>
      <Typography.Title level={1} className="page-title">
        {t('rating.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('rating.intro')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        <label>
          {t('rating.year')}{' '}
          <InputNumber aria-label={t('rating.year')} min={2018} max={2100} value={year} onChange={(v) => v && setYear(v)} />
        </label>
        <label>
          {t('rating.period')}{' '}
          <Select
            aria-label={t('rating.period')}
            style={{ width: 140 }}
            value={quarter}
            onChange={setQuarter}
            options={[1, 2, 3, 4]
              .map((q) => ({ value: q, label: t('rating.quarter', { q }) }))
              .concat([{ value: 0, label: t('rating.wholeYear') }])}
          />
        </label>
        <a href={xlsx} download data-testid="ratings-xlsx">
          {t('rating.xlsx')}
        </a>
      </Space>
      {error ? <ErrorAlert error={error} /> : null}
      {data && (
        <>
          <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('rating.periodLine', { from: data.from, to: data.to })} />
          <Card title={<h2 className="card-title">{t('rating.units')}</h2>} style={{ marginBottom: 16 }}>
            <Table
              size="small"
              rowKey="unitId"
              data-testid="rating-units"
              pagination={false}
              scroll={{ x: true }}
              dataSource={data.units}
              columns={[
                { title: t('rating.unit'), dataIndex: 'name', key: 'name' },
                ...common,
                ...scoreCols(false),
                total(data.maxima.unit),
                band,
              ]}
            />
          </Card>
          <Card title={<h2 className="card-title">{t('rating.officers')}</h2>}>
            <Table
              size="small"
              rowKey={(r) => `${r.officerId}-${r.unitName}`}
              data-testid="rating-officers"
              pagination={data.officers.length > 20 ? { pageSize: 20 } : false}
              scroll={{ x: true }}
              locale={{ emptyText: t('rating.noData') }}
              dataSource={data.officers}
              columns={[
                { title: t('rating.officer'), dataIndex: 'name', key: 'name' },
                { title: t('rating.unit'), dataIndex: 'unitName', key: 'unit' },
                ...common,
                ...scoreCols(true),
                total(data.maxima.officer),
                band,
              ]}
            />
          </Card>
          <ul className="rating-legend">
            {data.indicators.map((i) => (
              <li key={i.key}>{`${t('rating.ind')} ${i.n}: ${i.name}`}</li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

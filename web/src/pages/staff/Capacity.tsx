// The director's capacity view: per weekday and hour, counters needed (Erlang C, 80 % called within 15 minutes)
// against counters staffed, as a heat map (red: short of counters, green: enough), and a recommended roster.
// Officer and unit scores of the counter ratings (TT 01/2018 Arts 14–15) for the quarter.
import { Alert, Card, DatePicker, InputNumber, Space, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { api, must } from '../../api/client';
import { useQT, type QueueKey } from '../../i18n/queue';
import { useStaff } from '../../staff/context';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useDocumentTitle } from '../../ui/useDocumentTitle';

type Cell = {
  weekday: number;
  hour: number;
  arrivals: number;
  averageHandlingMinutes: number;
  countersNeeded: number;
  countersStaffed: number;
};
type Capacity = { cells: Cell[]; roster: { weekday: number; peakCounters: number; staff: number }[] };
type Scores = {
  ratings: number;
  unit: { total: number | null; band: string | null };
  officers: { officerId: string; name: string; ratings: number; total: number | null; band: string | null }[];
};

function tone(c: Cell): string {
  const gap = c.countersNeeded - c.countersStaffed;
  if (gap >= 2) return '#ff7875';
  if (gap > 0) return '#ffc069';
  if (gap > -2) return '#b7eb8f';
  return '#d9f7be';
}

export default function Capacity() {
  const qt = useQT();
  useDocumentTitle(qt('q.cap.docTitle'));
  const weekday = (d: number) => qt(`q.cap.wd.${d}` as QueueKey);
  const band = (b: string) => qt(`q.cap.band.${b}` as QueueKey);
  const { unit } = useStaff();
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().subtract(90, 'day'), dayjs()]);
  const [target, setTarget] = useState(15);
  const [data, setData] = useState<Capacity | null>(null);
  const [scores, setScores] = useState<Scores | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (!unit) return;
    const from = range[0].format('YYYY-MM-DD');
    const to = range[1].format('YYYY-MM-DD');
    setError(null);
    api
      .GET('/api/capacity', { params: { query: { unitId: unit.id, from, to, targetWaitMinutes: target, serviceLevel: 0.8 } } })
      .then((r) => setData(must(r) as Capacity))
      .catch(setError);
    const q = Math.floor(dayjs().month() / 3);
    const qFrom = dayjs()
      .month(q * 3)
      .date(1);
    api
      .GET('/api/queue/ratings', {
        params: { query: { unitId: unit.id, from: qFrom.format('YYYY-MM-DD'), to: dayjs().format('YYYY-MM-DD') } },
      })
      .then((r) => setScores(must(r) as Scores))
      .catch(() => setScores(null));
  }, [unit, range, target]);

  const hours = [...new Set(data?.cells.map((c) => c.hour) ?? [])].sort((a, b) => a - b);
  const days = [...new Set(data?.cells.map((c) => c.weekday) ?? [])].sort((a, b) => a - b);
  return (
    <>
      <Typography.Title level={1} className="page-title">
        {qt('q.cap.title')}
      </Typography.Title>
      <Space wrap style={{ marginBottom: 16 }}>
        <DatePicker.RangePicker value={range} onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])} format="DD/MM/YYYY" />
        <span>{qt('q.cap.targetBefore')}</span>
        <InputNumber
          min={1}
          max={120}
          value={target}
          onChange={(v) => v && setTarget(v)}
          addonAfter={qt('q.cap.minutes')}
          aria-label={qt('q.cap.target')}
        />
      </Space>
      <ErrorAlert error={error} />
      {data && data.cells.length === 0 && <Alert type="info" message={qt('q.cap.empty')} />}
      {data && data.cells.length > 0 && (
        <Card title={qt('q.cap.heatmap')} style={{ marginBottom: 16, overflowX: 'auto' }}>
          <table className="heatmap" data-testid="heatmap" style={{ borderCollapse: 'collapse', width: '100%' }}>
            <thead>
              <tr>
                <th />
                {hours.map((h) => (
                  <th key={h} style={{ padding: 6 }}>
                    {h}h
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {days.map((d) => (
                <tr key={d}>
                  <th style={{ textAlign: 'left', padding: 6, whiteSpace: 'nowrap' }}>{weekday(d)}</th>
                  {hours.map((h) => {
                    const c = data.cells.find((x) => x.weekday === d && x.hour === h);
                    return (
                      <td
                        key={h}
                        style={{
                          background: c ? tone(c) : '#fafafa',
                          textAlign: 'center',
                          padding: 6,
                          border: '1px solid #fff',
                          minWidth: 64,
                        }}
                        title={c ? qt('q.cap.cellTitle', { n: c.arrivals, m: c.averageHandlingMinutes }) : ''}
                      >
                        {c ? (
                          <>
                            <strong>{c.countersNeeded}</strong> / {c.countersStaffed}
                            <br />
                            <small>{qt('q.cap.arrivals', { n: c.arrivals })}</small>
                          </>
                        ) : (
                          ''
                        )}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
            {qt('q.cap.legend')}
          </Typography.Paragraph>
        </Card>
      )}
      {data && data.roster.length > 0 && (
        <Card title={qt('q.cap.roster')} style={{ marginBottom: 16 }}>
          <Table
            size="small"
            pagination={false}
            rowKey="weekday"
            dataSource={data.roster}
            columns={[
              { title: qt('q.cap.weekday'), dataIndex: 'weekday', render: (d: number) => weekday(d) },
              { title: qt('q.cap.peakCounters'), dataIndex: 'peakCounters' },
              { title: qt('q.cap.staff'), dataIndex: 'staff' },
            ]}
          />
        </Card>
      )}
      {scores && (
        <Card
          title={`${qt('q.cap.scores', { n: scores.ratings, total: scores.unit.total ?? '—' })}${scores.unit.band ? ` (${band(scores.unit.band)})` : ''}`}
        >
          <Table
            size="small"
            pagination={false}
            rowKey="officerId"
            dataSource={scores.officers}
            columns={[
              { title: qt('q.cap.officer'), dataIndex: 'name' },
              { title: qt('q.cap.ratings'), dataIndex: 'ratings' },
              { title: qt('q.cap.points'), dataIndex: 'total' },
              { title: qt('q.cap.result'), dataIndex: 'band', render: (b: string | null) => (b ? band(b) : '—') },
            ]}
          />
        </Card>
      )}
    </>
  );
}

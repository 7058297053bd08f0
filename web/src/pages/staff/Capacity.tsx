// The director's capacity view: per weekday and hour, counters needed (Erlang C, 80 % called within 15 minutes)
// against counters staffed, as a heat map (red: short of counters, green: enough), and a recommended roster.
// Officer and unit scores of the counter ratings (TT 01/2018 Arts 14–15) for the quarter.
import { Alert, Card, DatePicker, InputNumber, Space, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { api, must } from '../../api/client';
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

const WEEKDAYS = ['', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy', 'Chủ nhật'];
const BANDS: Record<string, string> = {
  full: 'Hoàn thành 100%',
  partial: 'Hoàn thành 70–100%',
  'under-70': 'Dưới 70%',
  excellent: 'Xuất sắc',
  good: 'Tốt',
  fair: 'Khá',
  average: 'Trung bình',
  weak: 'Yếu',
};

function tone(c: Cell): string {
  const gap = c.countersNeeded - c.countersStaffed;
  if (gap >= 2) return '#ff7875';
  if (gap > 0) return '#ffc069';
  if (gap > -2) return '#b7eb8f';
  return '#d9f7be';
}

export default function Capacity() {
  useDocumentTitle('Công suất quầy');
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
        Công suất quầy và lịch trực đề xuất
      </Typography.Title>
      <Space wrap style={{ marginBottom: 16 }}>
        <DatePicker.RangePicker value={range} onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])} format="DD/MM/YYYY" />
        <span>80% được gọi trong</span>
        <InputNumber
          min={1}
          max={120}
          value={target}
          onChange={(v) => v && setTarget(v)}
          addonAfter="phút"
          aria-label="Thời gian chờ mục tiêu"
        />
      </Space>
      <ErrorAlert error={error} />
      {data && data.cells.length === 0 && <Alert type="info" message="Chưa có số thứ tự nào trong khoảng thời gian này." />}
      {data && data.cells.length > 0 && (
        <Card title="Số quầy cần (Erlang C) / số quầy đã mở, theo thứ và giờ" style={{ marginBottom: 16, overflowX: 'auto' }}>
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
                  <th style={{ textAlign: 'left', padding: 6, whiteSpace: 'nowrap' }}>{WEEKDAYS[d]}</th>
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
                        title={c ? `${c.arrivals} lượt/giờ, xử lý TB ${c.averageHandlingMinutes} phút` : ''}
                      >
                        {c ? (
                          <>
                            <strong>{c.countersNeeded}</strong> / {c.countersStaffed}
                            <br />
                            <small>{c.arrivals} lượt</small>
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
            Đỏ: thiếu từ 2 quầy; cam: thiếu 1 quầy; xanh: đủ. Ô ghi “cần / đã mở” và số lượt đến trung bình mỗi giờ.
          </Typography.Paragraph>
        </Card>
      )}
      {data && data.roster.length > 0 && (
        <Card title="Lịch trực đề xuất (theo giờ cao điểm, trừ 30% thời gian nghỉ, họp, nghỉ phép)" style={{ marginBottom: 16 }}>
          <Table
            size="small"
            pagination={false}
            rowKey="weekday"
            dataSource={data.roster}
            columns={[
              { title: 'Thứ', dataIndex: 'weekday', render: (d: number) => WEEKDAYS[d] },
              { title: 'Quầy mở giờ cao điểm', dataIndex: 'peakCounters' },
              { title: 'Cán bộ cần bố trí', dataIndex: 'staff' },
            ]}
          />
        </Card>
      )}
      {scores && (
        <Card
          title={`Đánh giá tại quầy quý này (TT 01/2018): ${scores.ratings} lượt — đơn vị ${scores.unit.total ?? '—'} điểm ${scores.unit.band ? `(${BANDS[scores.unit.band]})` : ''}`}
        >
          <Table
            size="small"
            pagination={false}
            rowKey="officerId"
            dataSource={scores.officers}
            columns={[
              { title: 'Cán bộ', dataIndex: 'name' },
              { title: 'Lượt đánh giá', dataIndex: 'ratings' },
              { title: 'Điểm (tiêu chí 1, 2, 3, 4, 7)', dataIndex: 'total' },
              { title: 'Kết quả', dataIndex: 'band', render: (b: string | null) => (b ? BANDS[b] : '—') },
            ]}
          />
        </Card>
      )}
    </>
  );
}

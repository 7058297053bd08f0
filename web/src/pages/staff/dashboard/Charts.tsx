// Charts (recharts, loaded only with the dashboards). Each chart is hidden from screen readers and followed
// by a table with the same numbers, visually hidden, so nothing is only in the picture.
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useT } from '../../../i18n';

export type Series = { key: string; name: string; color: string };

function DataTable({
  caption,
  rows,
  label,
  series,
}: {
  caption: string;
  rows: Record<string, unknown>[];
  label: string;
  series: Series[];
}) {
  return (
    <table className="visually-hidden">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{label}</th>
          {series.map((s) => (
            <th key={s.key} scope="col">
              {s.name}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={i}>
            <th scope="row">{String(r.label)}</th>
            {series.map((s) => (
              <td key={s.key}>{r[s.key] === null || r[s.key] === undefined ? '—' : String(r[s.key])}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function BarsChart(p: {
  caption: string;
  label: string;
  rows: Record<string, unknown>[];
  series: Series[];
  height?: number;
  stacked?: boolean;
  testId?: string;
}) {
  const t = useT();
  return (
    <figure style={{ margin: 0 }} data-testid={p.testId}>
      <div aria-hidden="true" style={{ width: '100%', height: p.height ?? 260 }}>
        <ResponsiveContainer>
          <BarChart data={p.rows} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="label" tick={{ fontSize: 12 }} interval={0} />
            <YAxis tick={{ fontSize: 12 }} />
            <Tooltip />
            <Legend />
            {p.series.map((s) => (
              <Bar
                key={s.key}
                dataKey={s.key}
                name={s.name}
                fill={s.color}
                stackId={p.stacked ? 'a' : undefined}
                isAnimationActive={false}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <DataTable caption={`${p.caption} — ${t('dash.chartTable')}`} rows={p.rows} label={p.label} series={p.series} />
    </figure>
  );
}

export function LinesChart(p: {
  caption: string;
  label: string;
  rows: Record<string, unknown>[];
  series: Series[];
  height?: number;
  testId?: string;
}) {
  const t = useT();
  return (
    <figure style={{ margin: 0 }} data-testid={p.testId}>
      <div aria-hidden="true" style={{ width: '100%', height: p.height ?? 240 }}>
        <ResponsiveContainer>
          <LineChart data={p.rows} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="label" tick={{ fontSize: 12 }} />
            <YAxis tick={{ fontSize: 12 }} domain={[0, 100]} />
            <Tooltip />
            <Legend />
            {p.series.map((s) => (
              <Line key={s.key} dataKey={s.key} name={s.name} stroke={s.color} strokeWidth={2} isAnimationActive={false} connectNulls />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
      <DataTable caption={`${p.caption} — ${t('dash.chartTable')}`} rows={p.rows} label={p.label} series={p.series} />
    </figure>
  );
}

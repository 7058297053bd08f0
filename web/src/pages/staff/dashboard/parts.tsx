// Pieces shared by the dashboards: stat tiles, the "where points are lost" table, the signal list.
import { Alert, Button, Card, Empty, Statistic, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useLang, useT } from '../../../i18n';
import { acknowledgeAlert, num, pct, type Alerts, type Compliance, type Indicators } from './data';

export function Tile({
  title,
  value,
  raw,
  suffix,
  note,
  testId,
}: {
  title: string;
  value: string | number;
  /** The number behind the shown text, for tests and tools (data-value). */
  raw?: number | null;
  suffix?: string;
  note?: string;
  testId: string;
}) {
  return (
    <Card size="small" style={{ height: '100%' }}>
      <Statistic
        title={<span style={{ fontSize: '1rem' }}>{title}</span>}
        value={value}
        suffix={suffix}
        valueStyle={{ fontSize: '1.9rem' }}
      />
      <div data-testid={testId} data-value={String(raw === undefined ? value : raw)} className="visually-hidden">
        {value}
      </div>
      {note && <Typography.Text type="secondary">{note}</Typography.Text>}
    </Card>
  );
}

export function PointsLost({ data }: { data: Indicators }) {
  const t = useT();
  const lang = useLang();
  const rows = data.indicators
    .filter((i) => i.max > 0)
    .map((i) => ({ ...i, lost: i.score === null ? null : Math.round((i.max - i.score) * 100) / 100 }))
    .sort((a, b) => (b.lost ?? -1) - (a.lost ?? -1));
  return (
    <Table
      size="small"
      pagination={false}
      rowKey="id"
      data-testid="points-lost"
      dataSource={rows}
      columns={[
        { title: t('dash.indicator'), key: 'n', render: (_: unknown, r: (typeof rows)[number]) => `${r.id} ${r.name[lang]}` },
        {
          title: t('dash.value'),
          key: 'v',
          align: 'right',
          render: (_: unknown, r: (typeof rows)[number]) => (r.value === null ? <Tag>{t('dash.noData')}</Tag> : pct(r.value)),
        },
        {
          title: t('dash.points'),
          key: 's',
          align: 'right',
          render: (_: unknown, r: (typeof rows)[number]) => (r.score === null ? '—' : `${num(r.score)}/${r.max}`),
        },
        {
          title: t('dash.lost'),
          key: 'l',
          align: 'right',
          render: (_: unknown, r: (typeof rows)[number]) =>
            r.lost === null ? '—' : <strong style={{ color: r.lost > 0 ? '#b42318' : undefined }}>{num(r.lost)}</strong>,
        },
      ]}
    />
  );
}

export function Signals({ data, testId }: { data: Compliance; testId: string }) {
  const t = useT();
  const items = data.items.filter((i) => i.count > 0);
  if (!items.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dash.signalsNone')} />;
  return (
    <ul className="plain-list" data-testid={testId}>
      {items.map((i) => (
        <li key={i.kind} data-kind={i.kind} data-count={i.count}>
          <strong>{t(`signal.${i.kind}` as never)}</strong>: {i.count}
          {i.examples.length > 0 && (
            <div>
              {i.examples.map((e) => (
                <span key={e.feedbackId ?? e.dossierId} style={{ marginInlineEnd: 12 }}>
                  <Link to={e.feedbackId ? `/can-bo/phan-anh/${e.feedbackId}` : `/can-bo/ho-so/${e.dossierId}`}>{e.code}</Link>{' '}
                  <span className="muted">{e.detail}</span>
                </span>
              ))}
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}

/** Open threshold crossings (compliance alerts): what, where, how many against the province's limit; acknowledge. */
export function OpenAlerts({ data, showUnit }: { data: Alerts; showUnit?: boolean }) {
  const t = useT();
  const [done, setDone] = useState<Set<string>>(new Set());
  const key = (a: Alerts['items'][number]) => `${a.unitId}|${a.kind}|${a.month}`;
  const items = data.items.filter((a) => !done.has(key(a)));
  if (!items.length) return null;
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="open-alerts"
      message={t('dash.alerts', { n: items.length })}
      description={
        <ul className="plain-list">
          {items.map((a) => (
            <li key={key(a)} data-kind={a.kind} data-unit={a.unitId}>
              {showUnit && <strong>{a.unitName}: </strong>}
              {t(`signal.${a.kind}` as never)} — {t('dash.alertCount', { count: a.count, threshold: a.threshold, month: a.month })}{' '}
              <Button
                size="small"
                onClick={() =>
                  void acknowledgeAlert({ unitId: a.unitId, kind: a.kind, month: a.month }).then(() => setDone(new Set([...done, key(a)])))
                }
              >
                {t('dash.acknowledge')}
              </Button>
            </li>
          ))}
        </ul>
      }
    />
  );
}

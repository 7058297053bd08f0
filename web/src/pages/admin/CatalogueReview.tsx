// The catalogue review (province admin, reviewer): per procedure, what its version under review changes against
// the previous published version (elements and e-form fields), where the province's units handle it differently,
// missing elements and a processing time unlike the law's; the law's time is recorded here, and the reviewer signs
// off (who and when are shown; the server records them with what the review showed).
import { Alert, App, Button, Card, Descriptions, Input, InputNumber, Space, Table, Tag, Typography } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { api, must, type Ok } from '../../api/client';
import { useLang, useT } from '../../i18n';
import { ErrorAlert, errorText } from '../../ui/ErrorAlert';
import { dateTime } from '../../ui/format';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { useLoad } from '../../ui/useLoad';

type Item = Ok<'/api/catalogue/review', 'get'>['items'][number];

function Flags({ item }: { item: Item }) {
  const t = useT();
  const unitsDiffer = item.units.filter((u) => u.differs.length).length;
  return (
    <Space size={4} wrap data-testid="review-flags">
      {item.missing.length > 0 && <Tag color="red">{t('review.flag.missing', { n: item.missing.length })}</Tag>}
      {item.time.differs && <Tag color="orange">{t('review.flag.time')}</Tag>}
      {unitsDiffer > 0 && <Tag color="gold">{t('review.flag.units', { n: unitsDiffer })}</Tag>}
      {item.elements.length + item.fields.length > 0 && (
        <Tag color="blue">{t('review.flag.changes', { n: item.elements.length + item.fields.length })}</Tag>
      )}
      {item.flags === 0 && item.elements.length + item.fields.length === 0 && <Tag color="green">{t('review.flag.none')}</Tag>}
    </Space>
  );
}

function LegalTime({ item, onSaved }: { item: Item; onSaved: (i: Item) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [days, setDays] = useState<number | null>(item.time.legalDays);
  const [source, setSource] = useState(item.time.legalSource ?? '');
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    setError(null);
    try {
      const r = must(
        await api.PUT('/api/procedures/{id}/legal-time', {
          params: { path: { id: item.procedureId } },
          body: { days: days ?? -1, source },
        }),
      );
      message.success(t('review.legal.saved'));
      onSaved(r);
    } catch (e) {
      setError(errorText(e, t('common.networkError')));
    }
  };
  return (
    <div data-testid="review-time">
      <Typography.Paragraph>
        {t('review.time.now', { n: item.time.processingDays })}{' '}
        {item.time.legalDays === null
          ? t('review.time.unknown')
          : t('review.time.legal', { n: item.time.legalDays, source: item.time.legalSource ?? '' })}
      </Typography.Paragraph>
      {item.time.differs && (
        <Alert
          type="warning"
          showIcon
          data-testid="review-time-differs"
          message={t(item.time.longer ? 'review.time.longer' : 'review.time.shorter')}
          style={{ marginBottom: 8 }}
        />
      )}
      <Space wrap>
        <label>
          {t('review.legal.days')}{' '}
          <InputNumber min={0} max={365} step={0.5} value={days} onChange={(v) => setDays(v)} data-testid="legal-days" />
        </label>
        <Input
          style={{ width: 280 }}
          placeholder={t('review.legal.source')}
          aria-label={t('review.legal.source')}
          value={source}
          onChange={(e) => setSource(e.target.value)}
          data-testid="legal-source"
        />
        <Button onClick={() => void save()} disabled={days === null || !source.trim()} data-testid="legal-save">
          {t('review.legal.save')}
        </Button>
      </Space>
      {error && <Alert type="error" showIcon role="alert" message={error} style={{ marginTop: 8 }} />}
    </div>
  );
}

function ReviewDetail({ item, onChanged }: { item: Item; onChanged: (i: Item) => void }) {
  const t = useT();
  const lang = useLang();
  const { message } = App.useApp();
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const signOff = async () => {
    setError(null);
    try {
      const r = must(
        await api.POST('/api/procedures/{id}/review-sign-offs', {
          params: { path: { id: item.procedureId } },
          body: { versionId: item.versionId, ...(note.trim() ? { note: note.trim() } : {}) },
        }),
      );
      message.success(t('review.signed'));
      setNote('');
      onChanged(r);
    } catch (e) {
      setError(errorText(e, t('common.networkError')));
    }
  };
  return (
    <div data-testid={`review-detail-${item.code}`} style={{ display: 'grid', gap: 12 }}>
      <Card size="small" title={item.against ? t('review.against', { n: item.version, against: item.against.version }) : t('review.first')}>
        {item.against && item.elements.length === 0 && item.fields.length === 0 && <span className="muted">{t('review.noChanges')}</span>}
        {item.elements.length > 0 && (
          <Table
            size="small"
            pagination={false}
            rowKey="element"
            data-testid="review-elements"
            dataSource={item.elements}
            columns={[
              { title: t('review.element'), key: 'e', render: (_: unknown, e: Item['elements'][number]) => e[lang] },
              { title: t('review.before'), dataIndex: 'before' },
              { title: t('review.now'), dataIndex: 'now' },
            ]}
          />
        )}
        {item.fields.length > 0 && (
          <ul data-testid="review-fields" style={{ marginTop: 8 }}>
            {item.fields.map((f) => (
              <li key={f.path}>
                <Tag>{t(`pub.change.${f.change}`)}</Tag> {f.label}
                {f.now ? `: ${f.now}` : ''}
              </li>
            ))}
          </ul>
        )}
      </Card>
      {item.missing.length > 0 && (
        <Alert
          type="error"
          showIcon
          data-testid="review-missing"
          message={t('pub.missing')}
          description={item.missing.map((m) => m[lang]).join('; ')}
        />
      )}
      <Card size="small" title={t('review.time.title')}>
        <LegalTime item={item} onSaved={onChanged} />
      </Card>
      <Card size="small" title={t('review.units.title')}>
        <Table
          size="small"
          pagination={false}
          rowKey="unitId"
          data-testid="review-units"
          dataSource={item.units}
          scroll={{ x: true }}
          columns={[
            { title: t('review.units.unit'), dataIndex: 'name' },
            {
              title: t('review.units.handles'),
              key: 'h',
              render: (_: unknown, u: Item['units'][number]) => (u.handles ? t('common.yes') : t('common.no')),
            },
            {
              title: t('review.units.fee'),
              key: 'f',
              align: 'right',
              render: (_: unknown, u: Item['units'][number]) => (u.feeCharged === null ? '—' : u.feeCharged.toLocaleString('vi-VN')),
            },
            { title: t('review.units.cutoff'), dataIndex: 'cutoffTime' },
            {
              title: t('review.units.saturday'),
              key: 's',
              render: (_: unknown, u: Item['units'][number]) => (u.saturdayReception ? t('common.yes') : t('common.no')),
            },
            { title: t('review.units.points'), dataIndex: 'receptionPoints', align: 'right' },
            {
              title: t('review.units.differs'),
              key: 'd',
              render: (_: unknown, u: Item['units'][number]) => (
                <Space size={4} wrap>
                  {u.differs.map((d) => (
                    <Tag key={d} color="gold">
                      {t(`review.differs.${d}`)}
                    </Tag>
                  ))}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <Card size="small" title={t('review.signOff.title')}>
        {item.signOff && (
          <Descriptions size="small" column={1} data-testid="review-signoff">
            <Descriptions.Item label={t('review.signOff.by')}>
              {item.signOff.by} — {dateTime(item.signOff.at, lang)}
            </Descriptions.Item>
            <Descriptions.Item label={t('review.signOff.version')}>
              {t('cat.version', { n: item.signOff.version })}{' '}
              {item.signOff.current ? <Tag color="green">{t('review.signOff.current')}</Tag> : <Tag>{t('review.signOff.older')}</Tag>}
            </Descriptions.Item>
            {item.signOff.note && <Descriptions.Item label={t('review.signOff.note')}>{item.signOff.note}</Descriptions.Item>}
          </Descriptions>
        )}
        <Space.Compact style={{ width: '100%', marginTop: 8 }}>
          <Input
            placeholder={t('review.signOff.note')}
            aria-label={t('review.signOff.note')}
            value={note}
            maxLength={2000}
            onChange={(e) => setNote(e.target.value)}
            data-testid="signoff-note"
          />
          <Button type="primary" onClick={() => void signOff()} data-testid="signoff">
            {t('review.signOff.do', { n: item.version })}
          </Button>
        </Space.Compact>
        {error && <Alert type="error" showIcon role="alert" message={error} style={{ marginTop: 8 }} data-testid="signoff-error" />}
      </Card>
    </div>
  );
}

export default function CatalogueReview() {
  const t = useT();
  useDocumentTitle(t('review.title'));
  const [q, setQ] = useState('');
  const list = useLoad(async () => must(await api.GET('/api/catalogue/review')).items, []);
  const replace = (i: Item) => list.setData((list.data ?? []).map((x) => (x.procedureId === i.procedureId ? i : x)));
  const shown = (list.data ?? []).filter((i) => !q.trim() || `${i.code} ${i.name}`.toLowerCase().includes(q.trim().toLowerCase()));
  return (
    <div data-testid="catalogue-review">
      <Typography.Title level={2}>{t('review.title')}</Typography.Title>
      <Typography.Paragraph className="muted">{t('review.intro')}</Typography.Paragraph>
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <Input.Search
        allowClear
        placeholder={t('review.search')}
        aria-label={t('review.search')}
        value={q}
        onChange={(e) => setQ(e.target.value)}
        style={{ maxWidth: 360, marginBottom: 12 }}
        data-testid="review-search"
      />
      <Table
        loading={list.loading}
        rowKey="procedureId"
        dataSource={shown}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        expandable={{ expandedRowRender: (i: Item) => <ReviewDetail item={i} onChanged={replace} />, expandRowByClick: true }}
        onRow={(i: Item) => ({ 'data-testid': `review-row-${i.code}` }) as HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('review.code'), dataIndex: 'code', width: 110 },
          {
            title: t('review.procedure'),
            key: 'n',
            render: (_: unknown, i: Item) => (
              <div>
                <div>{i.name}</div>
                <span className="muted small">
                  {t('cat.version', { n: i.version })} · {t(`pub.status.${i.status}`)}
                </span>
              </div>
            ),
          },
          { title: t('review.flags'), key: 'f', render: (_: unknown, i: Item) => <Flags item={i} /> },
          {
            title: t('review.signOff.title'),
            key: 's',
            render: (_: unknown, i: Item) =>
              i.signOff ? (
                <Tag color={i.signOff.current ? 'green' : 'default'}>
                  {i.signOff.current ? t('review.signOff.current') : t('review.signOff.older')}
                </Tag>
              ) : (
                <Tag>{t('review.signOff.none')}</Tag>
              ),
          },
        ]}
      />
    </div>
  );
}

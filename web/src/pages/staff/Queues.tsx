// Work queues: one tab per queue the user's roles in the current unit work from, a search (code, ID number, or
// name with or without diacritics), due times coloured by urgency, and keyset paging ("Tải thêm").
import { Alert, Button, Input, Table, Tabs, Tag, Typography } from 'antd';
import type { Role } from '@domain/roles';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { api, must } from '../../api/client';
import { dueTone, queuesFor, statusLabel, type DossierListItem, type Queue } from '../../dossiers';
import { useLang, useT, type MessageKey } from '../../i18n';
import { useStaff } from '../../staff/context';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { dateTime } from '../../ui/format';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { rolesIn } from '../../units';

export default function Queues() {
  const t = useT();
  const lang = useLang();
  useDocumentTitle(t('queues.title'));
  const { user, unit, units } = useStaff();
  const [params, setParams] = useSearchParams();
  const roles: Role[] = unit ? rolesIn(user, unit, units).map((r) => r.role) : [];
  const queues = queuesFor(roles);
  // "Tất cả" (every dossier of the unit, due first) opens by default; the role's queues follow.
  const tab = params.get('hang') ?? 'all';
  const queue = (queues.find((q) => q === tab) ?? null) as Queue | null;
  const [text, setText] = useState(params.get('q') ?? '');
  const [q, setQ] = useState(text.trim());
  const [items, setItems] = useState<DossierListItem[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const h = setTimeout(() => setQ(text.trim()), 300);
    return () => clearTimeout(h);
  }, [text]);

  const unitId = unit?.id;
  // The tracking book (form 07) of this year in Vietnam time.
  const bookYear = new Date(Date.now() + 7 * 3_600_000).getUTCFullYear();
  const load = async (after: string | null) => {
    if (!unitId) return;
    setLoading(true);
    setError(null);
    try {
      const r = must(
        await api.GET('/api/dossiers', {
          params: { query: { unitId, ...(q ? { q } : { queue: queue ?? undefined }), limit: 50, ...(after ? { cursor: after } : {}) } },
        }),
      );
      setItems((prev) => (after && prev ? [...prev, ...r.items] : r.items));
      setCursor(r.nextCursor);
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
    }
  };
  useEffect(() => {
    setItems(null);
    void load(null);
    // `load` reads the same values listed here.
  }, [unitId, queue, q, attempt]);

  if (!unit) return <Alert type="info" showIcon message={t('staff.noUnit')} />;

  const columns = [
    {
      title: t('queues.code'),
      dataIndex: 'code',
      key: 'code',
      render: (_: unknown, d: DossierListItem) => (
        <Link to={`/can-bo/ho-so/${d.id}`} data-testid="queue-link">
          {d.code}
        </Link>
      ),
    },
    {
      title: t('queues.applicant'),
      key: 'applicant',
      render: (_: unknown, d: DossierListItem) => (
        <>
          <div>{d.applicantName}</div>
          <div className="muted small">{d.procedureName}</div>
        </>
      ),
    },
    {
      title: t('queues.status'),
      key: 'status',
      render: (_: unknown, d: DossierListItem) => <Tag className="tag-info">{statusLabel(d.status, lang)}</Tag>,
    },
    { title: t('queues.assignee'), key: 'assignee', render: (_: unknown, d: DossierListItem) => d.assigneeName ?? '—' },
    {
      title: t('queues.due'),
      key: 'due',
      render: (_: unknown, d: DossierListItem) => {
        const tone = dueTone(d.dueAt, d.finishedAt, d.overdue);
        return (
          <span className={`due due-${tone}`}>
            {d.dueAt ? dateTime(d.dueAt, lang) : t('queues.paused')}
            {tone === 'late' && (
              <Tag className="tag-error" style={{ marginInlineStart: 6 }}>
                {t('queues.overdue')}
              </Tag>
            )}
          </span>
        );
      },
    },
  ];

  return (
    <>
      <Typography.Title level={1} className="page-title">
        {t('queues.title')}
      </Typography.Title>
      {unitId && (
        <p className="queue-book">
          {t('queues.book', { year: String(bookYear) })}:{' '}
          <a
            className="link-button"
            href={`/api/units/${unitId}/tracking-book?year=${bookYear}&format=pdf`}
            target="_blank"
            rel="noreferrer"
          >
            PDF
          </a>{' '}
          <a className="link-button" href={`/api/units/${unitId}/tracking-book?year=${bookYear}&format=xlsx`}>
            XLSX
          </a>
        </p>
      )}
      <div className="queue-tools">
        <label htmlFor="queue-search" className="visually-hidden">
          {t('queues.search')}
        </label>
        <Input.Search
          id="queue-search"
          allowClear
          value={text}
          onChange={(e) => setText(e.target.value)}
          onSearch={(v) => {
            setText(v);
            setQ(v.trim());
            setParams((p) => {
              const n = new URLSearchParams(p);
              if (v.trim()) n.set('q', v.trim());
              else n.delete('q');
              return n;
            });
          }}
          placeholder={t('queues.search')}
          style={{ maxWidth: 520 }}
        />
      </div>
      {queues.length === 0 ? (
        <Alert type="info" showIcon message={t('queues.noRole')} />
      ) : (
        !q && (
          <Tabs
            activeKey={queue ?? 'all'}
            onChange={(k) => setParams(k === 'all' ? {} : { hang: k })}
            items={[{ key: 'all', label: t('queue.all') }, ...queues.map((k) => ({ key: k, label: t(`queue.${k}` as MessageKey) }))]}
          />
        )
      )}
      {q && <p className="muted">{t('queues.searchAll', { q })}</p>}
      <ErrorAlert error={error} onRetry={() => setAttempt((n) => n + 1)} />
      <Table<DossierListItem>
        rowKey="id"
        columns={columns}
        dataSource={items ?? []}
        loading={loading && !items}
        pagination={false}
        scroll={{ x: 760 }}
        locale={{ emptyText: t('queues.empty') }}
        data-testid="queue-table"
      />
      {cursor && (
        <div style={{ textAlign: 'center', marginTop: 16 }}>
          <Button onClick={() => void load(cursor)} loading={loading}>
            {t('queues.more')}
          </Button>
        </div>
      )}
    </>
  );
}

// Publication of a procedure's versions: each version with its status, missing elements (Decree 63/2010 Art. 8(2),
// fees, legal basis) and deciding document; review a draft, publish a reviewed one with the decision number, its
// date and the effective date; what the version changes in the e-form and who stays on older versions.
import { isoDayToVn } from '@domain/calendar/display';
import { Alert, App, Button, Input, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, must } from '../../api/client';
import { useLang, useT } from '../../i18n';
import { errorText } from '../../ui/ErrorAlert';
import { dateTime } from '../../ui/format';
import { useLoad } from '../../ui/useLoad';

const STATUS_COLOR: Record<string, string> = {
  draft: 'default',
  reviewed: 'blue',
  published: 'green',
  withdrawn: 'default',
  legacy: 'green',
};

export function PublicationPanel({
  procedureId,
  reloadKey,
  onPublished,
}: {
  procedureId: string;
  reloadKey: number;
  onPublished: () => void;
}) {
  const t = useT();
  const lang = useLang();
  const { message } = App.useApp();
  const [tick, setTick] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [decision, setDecision] = useState({ decisionNumber: '', decisionDate: '', effectiveDate: '' });
  const [changes, setChanges] = useState<Awaited<ReturnType<typeof loadChanges>> | null>(null);
  const list = useLoad(
    async () => must(await api.GET('/api/procedures/{id}/publication', { params: { path: { id: procedureId } } })).items,
    [procedureId, reloadKey, tick],
  );
  const loadChanges = async (versionId: string) =>
    must(await api.GET('/api/procedure-versions/{id}/changes', { params: { path: { id: versionId } } }));

  const run = async (fn: () => Promise<unknown>, done: string) => {
    setError(null);
    try {
      await fn();
      message.success(done);
      setTick((x) => x + 1);
    } catch (e) {
      setError(errorText(e, t('common.networkError')));
    }
  };

  /** Marks a version reviewed, or returns it to its author. */
  const review = (versionId: string, action: 'review' | 'return') =>
    run(
      async () => must(await api.POST('/api/procedure-versions/{id}/review', { params: { path: { id: versionId } }, body: { action } })),
      t(action === 'review' ? 'pub.reviewed' : 'pub.returned'),
    );

  return (
    <div data-testid="publication-panel">
      {error && <Alert type="error" showIcon role="alert" message={error} style={{ marginBottom: 12 }} data-testid="publication-error" />}
      <List
        loading={list.loading}
        dataSource={list.data ?? []}
        renderItem={(v) => (
          <List.Item data-testid={`version-${v.version}`}>
            <div style={{ width: '100%' }}>
              <Space wrap>
                <strong>{t('cat.version', { n: v.version })}</strong>
                <Tag color={STATUS_COLOR[v.status]} data-testid="version-status">
                  {t(`pub.status.${v.status}`)}
                </Tag>
                {v.current && <Tag color="gold">{t('pub.current')}</Tag>}
                <span className="muted small">{dateTime(v.createdAt, lang)}</span>
              </Space>
              {v.decisionNumber && (
                <div className="small">
                  {t('pub.decision', {
                    number: v.decisionNumber,
                    date: isoDayToVn(v.decisionDate),
                    effective: isoDayToVn(v.effectiveDate),
                    at: v.publishedAt ? dateTime(v.publishedAt, lang) : '',
                  })}
                </div>
              )}
              {(v.status === 'draft' || v.status === 'reviewed') && v.missing.length > 0 && (
                <Alert
                  type="warning"
                  showIcon
                  style={{ marginTop: 8 }}
                  message={t('pub.missing')}
                  description={
                    <ul>
                      {v.missing.map((m) => (
                        <li key={m.element}>{lang === 'en' ? m.en : m.vi}</li>
                      ))}
                    </ul>
                  }
                  data-testid="missing-elements"
                />
              )}
              {(v.status === 'draft' || v.status === 'reviewed') && (
                <Space wrap style={{ marginTop: 8 }}>
                  <Button
                    onClick={() => void loadChanges(v.versionId).then(setChanges, (e) => setError(errorText(e, '')))}
                    data-testid="show-changes"
                  >
                    {t('pub.changes')}
                  </Button>
                  {v.status === 'draft' && (
                    <Button type="primary" data-testid="review" onClick={() => void review(v.versionId, 'review')}>
                      {t('pub.review')}
                    </Button>
                  )}
                  {v.status === 'reviewed' && <Button onClick={() => void review(v.versionId, 'return')}>{t('pub.return')}</Button>}
                </Space>
              )}
              {v.status === 'reviewed' && (
                <div className="pub-form" style={{ marginTop: 8 }}>
                  <Space wrap align="end">
                    <label>
                      <div className="small">{t('pub.decisionNumber')}</div>
                      <Input
                        value={decision.decisionNumber}
                        onChange={(e) => setDecision({ ...decision, decisionNumber: e.target.value })}
                        data-testid="decision-number"
                      />
                    </label>
                    <label>
                      <div className="small">{t('pub.decisionDate')}</div>
                      <Input
                        type="date"
                        value={decision.decisionDate}
                        onChange={(e) => setDecision({ ...decision, decisionDate: e.target.value })}
                        data-testid="decision-date"
                      />
                    </label>
                    <label>
                      <div className="small">{t('pub.effectiveDate')}</div>
                      <Input
                        type="date"
                        value={decision.effectiveDate}
                        onChange={(e) => setDecision({ ...decision, effectiveDate: e.target.value })}
                        data-testid="effective-date"
                      />
                    </label>
                    <Button
                      type="primary"
                      data-testid="publish"
                      onClick={() =>
                        void run(async () => {
                          must(
                            await api.POST('/api/procedure-versions/{id}/publish', {
                              params: { path: { id: v.versionId } },
                              body: decision,
                            }),
                          );
                          onPublished();
                        }, t('pub.published'))
                      }
                    >
                      {t('pub.publish')}
                    </Button>
                  </Space>
                </div>
              )}
            </div>
          </List.Item>
        )}
      />
      {changes && (
        <div data-testid="changes">
          <Typography.Title level={5}>
            {t('pub.changesTitle', { n: changes.version, against: changes.against ? changes.against.version : '—' })}
          </Typography.Title>
          {changes.fields.length === 0 ? (
            <p className="muted">{t('pub.noFieldChanges')}</p>
          ) : (
            <ul>
              {changes.fields.map((c) => (
                <li key={`${c.change}:${c.path}`}>
                  <Tag color={c.change === 'added' ? 'green' : c.change === 'removed' ? 'red' : 'blue'}>{t(`pub.change.${c.change}`)}</Tag>
                  {c.label}
                  {c.change === 'changed' ? ` — ${c.before} → ${c.now}` : c.change === 'added' ? ` — ${c.now}` : ''}
                </li>
              ))}
            </ul>
          )}
          <p>
            {changes.stayOnOlder.length === 0
              ? t('pub.noneOpen')
              : changes.stayOnOlder.map((u) => t('pub.stay', { n: u.version, apps: u.applications, dossiers: u.dossiers })).join(' ')}
          </p>
        </div>
      )}
    </div>
  );
}

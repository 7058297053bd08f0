// The province's catalogue for administrators: search, edit a procedure (procedures/ProcedureDrawer.tsx: its
// information, e-form and publication), import (JSON or CSV, all or nothing, errors by row and field) and export.
// Centre directors enable or disable procedures at their unit. The page's state is one pure reducer
// (procedures/state.ts, unit-tested).
import { Alert, App, Button, Input, Space, Switch, Table, Typography } from 'antd';
import { policies } from '@domain/access';
import { useEffect, useReducer, useState } from 'react';
import { api, ApiError, must } from '../../api/client';
import { postRaw } from '../../api/upload';
import { daysText, type ProcedureItem } from '../../catalogue';
import { useLang, useT } from '../../i18n';
import { shortName, useStaff } from '../../staff/context';
import { ErrorAlert, errorText } from '../../ui/ErrorAlert';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { useLoad } from '../../ui/useLoad';
import { actorOf } from '../../units';
import { ProcedureDrawer } from './procedures/ProcedureDrawer';
import { catalogueReducer, importFailure, INITIAL, withEnabled, withSaved } from './procedures/state';

export default function AdminProcedures() {
  const t = useT();
  const lang = useLang();
  useDocumentTitle(t('adminProc.title'));
  const { message } = App.useApp();
  const { user, unit, units } = useStaff();
  const actor = actorOf(user);
  const editor = user.roles.some((g) => g.role === 'system-admin' || g.role === 'province-admin');
  const canEnable = unit ? policies.administerUnit(actor, units, unit.id) : false;
  const [st, dispatch] = useReducer(catalogueReducer, INITIAL);
  const { text, editing, importResult, importErrors, importing, draftsSaved } = st;
  const [q, setQ] = useState('');

  useEffect(() => {
    const h = setTimeout(() => setQ(text.trim()), 250);
    return () => clearTimeout(h);
  }, [text]);
  const { data, error, loading, reload, setData } = useLoad(
    async () => must(await api.GET('/api/procedures', { params: { query: { ...(q ? { q } : {}), limit: 500 } } })).items,
    [q],
  );

  const setEnabled = async (p: ProcedureItem, enabled: boolean) => {
    if (!unit) return;
    try {
      const r = await api.PUT('/api/units/{id}/procedures/{procedureId}', {
        params: { path: { id: unit.id, procedureId: p.id } },
        body: { enabled },
      });
      if (!r.response.ok) throw new ApiError(null, r.response.status);
      setData(withEnabled(data ?? [], p.id, unit.id, enabled));
      void message.success(
        enabled ? t('adminProc.enabled', { unit: shortName(unit) }) : t('adminProc.disabled', { unit: shortName(unit) }),
      );
    } catch (e) {
      void message.error(errorText(e, t('common.networkError')));
    }
  };

  const onImport = async (file: File | undefined) => {
    if (!file) return;
    dispatch({ type: 'importStarted' });
    try {
      const text = await file.text();
      const csv = /\.csv$/i.test(file.name) || file.type === 'text/csv';
      if (!csv) JSON.parse(text);
      const r = await postRaw<{ created: number; updated: number; unchanged: number }>(
        '/api/procedures/import',
        text,
        csv ? 'text/csv' : 'application/json',
      );
      dispatch({ type: 'imported', result: t('adminProc.imported', { created: r.created, updated: r.updated, unchanged: r.unchanged }) });
      reload();
    } catch (e) {
      const f = importFailure(e, { badJson: t('adminProc.badJson'), network: t('common.networkError') }, (x) =>
        x instanceof ApiError && x.problem ? x.problem : null,
      );
      dispatch({ type: 'importFailed', ...f });
    }
  };

  if (!editor && !canEnable) return <Alert type="warning" showIcon message={t('common.forbidden')} />;

  return (
    <>
      <Typography.Title level={1} className="page-title">
        {t('adminProc.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        {editor ? t('adminProc.intro') : t('adminProc.introDirector', { unit: unit ? shortName(unit) : '' })}
      </Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        <label htmlFor="proc-filter" className="visually-hidden">
          {t('adminProc.search')}
        </label>
        <Input.Search
          id="proc-filter"
          allowClear
          value={text}
          onChange={(e) => dispatch({ type: 'typed', text: e.target.value })}
          placeholder={t('adminProc.search')}
          style={{ width: 360, maxWidth: '100%' }}
        />
        {editor && (
          <>
            <label className="link-button upload-label">
              <input
                type="file"
                accept=".json,.csv,application/json,text/csv"
                className="visually-hidden"
                onChange={(e) => {
                  void onImport(e.target.files?.[0]);
                  e.target.value = '';
                }}
                aria-label={t('adminProc.import')}
                data-testid="import-file"
              />
              <span aria-hidden="true">{importing ? t('common.loading') : t('adminProc.import')}</span>
            </label>
            <a className="link-button" href="/api/procedures/export?format=json" download>
              {t('adminProc.exportJson')}
            </a>
            <a className="link-button" href="/api/procedures/export?format=csv" download>
              {t('adminProc.exportCsv')}
            </a>
          </>
        )}
      </Space>
      {importResult && <Alert type="success" showIcon message={importResult} closable style={{ marginBottom: 16 }} />}
      {importErrors && (
        <Alert
          type="error"
          showIcon
          role="alert"
          closable
          style={{ marginBottom: 16 }}
          message={importErrors.detail}
          data-testid="import-errors"
          description={
            importErrors.errors.length > 0 && (
              <Table
                size="small"
                rowKey={(r) => `${r.row}:${r.field}:${r.message}`}
                pagination={importErrors.errors.length > 10 ? { pageSize: 10 } : false}
                dataSource={importErrors.errors}
                columns={[
                  { title: t('adminProc.row'), dataIndex: 'row', key: 'row', width: 80 },
                  { title: t('adminProc.errField'), dataIndex: 'field', key: 'field' },
                  { title: t('adminProc.message'), dataIndex: 'message', key: 'message' },
                ]}
              />
            )
          }
        />
      )}
      <ErrorAlert error={error} onRetry={reload} />
      <Table<ProcedureItem>
        rowKey="id"
        loading={loading}
        dataSource={data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 800 }}
        columns={[
          { title: t('adminProc.code'), dataIndex: 'code', key: 'code', width: 110 },
          {
            title: t('adminProc.name'),
            key: 'name',
            render: (_: unknown, p: ProcedureItem) => (
              <>
                <div>{p.name}</div>
                <div className="muted small">
                  {p.field} · {t('cat.version', { n: p.version })}
                </div>
              </>
            ),
          },
          { title: t('cat.time'), key: 'days', width: 150, render: (_: unknown, p: ProcedureItem) => daysText(p.processingDays, t, lang) },
          ...(canEnable && unit
            ? [
                {
                  title: t('adminProc.atUnit', { unit: shortName(unit) }),
                  key: 'enabled',
                  width: 160,
                  render: (_: unknown, p: ProcedureItem) => (
                    <Switch
                      checked={p.unitIds.includes(unit.id)}
                      onChange={(v) => void setEnabled(p, v)}
                      aria-label={t('adminProc.enableAt', { name: p.name.slice(0, 60), unit: shortName(unit) })}
                    />
                  ),
                },
              ]
            : []),
          ...(editor
            ? [
                {
                  title: t('common.actions'),
                  key: 'edit',
                  width: 100,
                  render: (_: unknown, p: ProcedureItem) => (
                    <Button
                      onClick={() => dispatch({ type: 'edit', procedure: p })}
                      aria-label={t('adminProc.editName', { name: p.name.slice(0, 60) })}
                    >
                      {t('common.edit')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      <ProcedureDrawer
        editing={editing}
        draftsSaved={draftsSaved}
        onClose={() => dispatch({ type: 'edit', procedure: null })}
        onSaved={(p) => {
          setData(withSaved(data ?? [], p));
          dispatch({ type: 'edit', procedure: p });
        }}
        onChanged={(p) => setData(withSaved(data ?? [], p))}
        onDraftSaved={() => dispatch({ type: 'draftSaved' })}
      />
    </>
  );
}

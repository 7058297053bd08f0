// The counter officer's queue panel, beside the intake screen: pick and open a counter, then work from the
// keyboard — N call next, R recall, S start, F finish (linking the dossier just received, by its code),
// M missed (after 3 calls), T transfer. Errors show beside the buttons, in the server's words.
import { Button, Card, Descriptions, Input, Select, Space, Tag, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { api, must } from '../../api/client';
import { useT } from '../../i18n';
import { useQT } from '../../i18n/queue';
import { useStaff } from '../../staff/context';
import { refuse } from '../../ui/action';
import { ActionAlert } from '../../ui/ActionAlert';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useAction } from '../../ui/useAction';
import { useDocumentTitle } from '../../ui/useDocumentTitle';

type Counter = {
  id: string;
  name: string;
  number: number;
  receptionPointId: string;
  fieldIds: string[];
  officerName: string | null;
  mine: boolean;
};
type Listing = { fields: { id: string; name: string }[]; receptionPoints: { id: string; name: string }[]; counters: Counter[] };
type Ticket = {
  id: string;
  number: string;
  status: string;
  callCount: number;
  priority: string | null;
  fieldId: string;
  slotStart: string | null;
  allowedActions: string[];
};

const KEYS: Record<string, 'call-next' | 'recall' | 'start' | 'finish' | 'miss' | 'transfer'> = {
  n: 'call-next',
  r: 'recall',
  s: 'start',
  f: 'finish',
  m: 'miss',
  t: 'transfer',
};

export default function CounterPanel() {
  const t = useT();
  const qt = useQT();
  useDocumentTitle(qt('q.panel.title'));
  const { unit } = useStaff();
  const [list, setList] = useState<Listing | null>(null);
  const [counterId, setCounterId] = useState<string | null>(null);
  const [ticket, setTicket] = useState<Ticket | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [dossierCode, setDossierCode] = useState('');
  const [transferTo, setTransferTo] = useState<string | null>(null);
  const codeRef = useRef<HTMLInputElement>(null);

  const load = useCallback(async () => {
    if (!unit) return;
    const r = must(await api.GET('/api/queue/units/{unitId}/counters', { params: { path: { unitId: unit.id } } })) as Listing;
    setList(r);
    const mine = r.counters.find((c) => c.mine);
    if (mine) setCounterId(mine.id);
  }, [unit]);
  useEffect(() => {
    load().catch(setError);
  }, [load]);
  useEffect(() => {
    if (!counterId || !list?.counters.find((c) => c.id === counterId)?.mine) return;
    api
      .GET('/api/queue/counters/{counterId}/current', { params: { path: { counterId } } })
      .then((r) => setTicket((r.data?.ticket as Ticket) ?? null), setError);
  }, [counterId, list]);

  const counter = list?.counters.find((c) => c.id === counterId) ?? null;
  const opening = useAction(async (counterId: string) => {
    setError(null);
    must(await api.POST('/api/queue/counters/{counterId}/open', { params: { path: { counterId } } }));
    await load();
  });
  const open = async () => {
    if (counterId) await opening.run(counterId);
  };

  // Call next, recall, serve, finish, miss, transfer: one at a time (a second key press meanwhile is ignored).
  const acting = useAction(async (counterId: string, action: (typeof KEYS)[string]) => {
    setError(null);
    let body: Record<string, string> = {};
    if (action === 'finish' && dossierCode.trim()) {
      const found = must(await api.GET('/api/dossiers', { params: { query: { unitId: unit!.id, q: dossierCode.trim(), limit: 1 } } }));
      const d = found.items[0];
      if (!d) refuse(qt('q.panel.dossierNotFound', { code: dossierCode.trim() }));
      body = { dossierId: d.id };
    }
    if (action === 'transfer') {
      if (!transferTo) refuse(qt('q.panel.chooseTransfer'));
      body = { counterId: transferTo };
    }
    const path = `/api/queue/counters/{counterId}/${action}` as '/api/queue/counters/{counterId}/recall';
    const r = must(await api.POST(path, { params: { path: { counterId } }, body: body as never })) as Ticket;
    setTicket(['finished', 'missed', 'waiting'].includes(r.status) ? null : r);
    if (action === 'finish') setDossierCode('');
  });
  const busy = acting.busy;
  const act = async (action: (typeof KEYS)[string]) => {
    if (counterId) await acting.run(counterId, action);
  };

  // Keyboard first: single letters act unless the officer is typing in a field.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const el = e.target as HTMLElement;
      if (e.ctrlKey || e.metaKey || e.altKey || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName) || el.isContentEditable) return;
      const a = KEYS[e.key.toLowerCase()];
      if (a && counter?.mine) {
        e.preventDefault();
        if (a === 'finish' && ticket?.status === 'serving' && !dossierCode) codeRef.current?.focus();
        else void act(a);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const fieldName = (id: string) => list?.fields.find((f) => f.id === id)?.name ?? '';
  const enabled = (a: (typeof KEYS)[string]) => (a === 'call-next' ? !ticket : !!ticket && ticket.allowedActions.includes(a));
  return (
    <>
      <Typography.Title level={1} className="page-title">
        {qt('q.panel.title')}
      </Typography.Title>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          style={{ minWidth: 320 }}
          placeholder={qt('q.panel.chooseCounter')}
          value={counterId ?? undefined}
          onChange={setCounterId}
          aria-label={qt('q.panel.counter')}
          options={list?.counters.map((c) => ({
            value: c.id,
            label: `${c.name} — ${list.receptionPoints.find((p) => p.id === c.receptionPointId)?.name ?? ''}${c.officerName ? ` (${c.officerName})` : ''}`,
          }))}
        />
        {counter && !counter.mine && (
          <Button type="primary" onClick={() => void open()} data-testid="open-counter">
            {qt('q.panel.open')}
          </Button>
        )}
        {counter?.mine && <Tag color="green">{qt('q.panel.youAreAt', { name: counter.name })}</Tag>}
        <Link to="/can-bo/tiep-nhan">{t('nav.intake')}</Link>
      </Space>
      {counter?.mine && (
        <Card>
          <Descriptions column={1} size="small" style={{ marginBottom: 16 }}>
            <Descriptions.Item label={qt('q.panel.fields')}>{counter.fieldIds.map(fieldName).join(', ')}</Descriptions.Item>
            <Descriptions.Item label={qt('q.panel.current')}>
              {ticket ? (
                <span data-testid="current-ticket" style={{ fontSize: 28, fontWeight: 700 }}>
                  {ticket.number}{' '}
                  <Tag>{ticket.status === 'called' ? qt('q.panel.calledTimes', { n: ticket.callCount }) : qt('q.panel.serving')}</Tag>
                  {ticket.priority && <Tag color="orange">{qt('q.panel.priority')}</Tag>}
                  {ticket.slotStart && <Tag color="blue">{qt('q.panel.appointment', { time: ticket.slotStart.slice(11, 16) })}</Tag>}
                  <span style={{ fontSize: 14, fontWeight: 400 }}> {fieldName(ticket.fieldId)}</span>
                </span>
              ) : (
                qt('q.panel.none')
              )}
            </Descriptions.Item>
          </Descriptions>
          <Space wrap>
            {(['call-next', 'recall', 'start'] as const).map((a) => (
              <Button
                key={a}
                type={a === 'call-next' ? 'primary' : 'default'}
                size="large"
                disabled={!enabled(a) || busy}
                onClick={() => void act(a)}
                data-testid={`q-${a}`}
              >
                {qt(`q.panel.${a}`)}
              </Button>
            ))}
            <Input
              ref={(el) => {
                codeRef.current = el?.input ?? null;
              }}
              style={{ width: 260 }}
              size="large"
              placeholder={qt('q.panel.dossierCode')}
              aria-label={qt('q.panel.dossierCode')}
              value={dossierCode}
              onChange={(e) => setDossierCode(e.target.value)}
              onPressEnter={() => void act('finish')}
              data-testid="q-dossier-code"
            />
            <Button size="large" disabled={!enabled('finish') || busy} onClick={() => void act('finish')} data-testid="q-finish">
              {qt('q.panel.finish')}
            </Button>
            <Button size="large" danger disabled={!enabled('miss') || busy} onClick={() => void act('miss')} data-testid="q-miss">
              {qt('q.panel.miss')}
            </Button>
            <Select
              style={{ width: 160 }}
              size="large"
              placeholder={qt('q.panel.transferTo')}
              aria-label={qt('q.panel.transferToLabel')}
              value={transferTo ?? undefined}
              onChange={setTransferTo}
              options={list?.counters
                .filter((c) => c.id !== counterId && c.receptionPointId === counter.receptionPointId)
                .map((c) => ({ value: c.id, label: c.name }))}
            />
            <Button size="large" disabled={!enabled('transfer') || busy} onClick={() => void act('transfer')} data-testid="q-transfer">
              {qt('q.panel.transfer')}
            </Button>
          </Space>
          <ActionAlert action={acting} style={{ marginTop: 16, marginBottom: 0 }} />
          {error ? <ErrorAlert error={error} /> : null}
          {ticket && (
            <Typography.Paragraph style={{ marginTop: 16 }}>
              {qt('q.panel.tablet')}{' '}
              <a href={`/danh-gia?ve=${ticket.id}`} target="_blank" rel="noreferrer">
                /danh-gia?ve={ticket.id.slice(0, 8)}…
              </a>
            </Typography.Paragraph>
          )}
        </Card>
      )}
      {!counter?.mine && <ErrorAlert error={error} />}
      {!counter?.mine && <ActionAlert action={opening} />}
    </>
  );
}

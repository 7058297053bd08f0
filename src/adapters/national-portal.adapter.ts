// The National Public Service Portal (Cổng Dịch vụ công quốc gia), behind one adapter. TT 04/2025/TT-VPCP
// governs the exchange but publishes no field-level spec, so this adapter sends the fields seen in practice
// (reception, appointment and end-of-processing times, channel, national status code, result code and file
// link, paid online, digitised components, data taken from national databases, account verified with
// VNeID) as a JSON POST, signed with HMAC-SHA256 over the exact body, with the change's idempotency key.
import { createHmac } from 'node:crypto';
import { formatVnIso } from '../domain/calendar/index';
import { defaultFetch, postJson, type DeliveryResult } from './delivery';
import type { FetchLike } from './registry.adapter';

export const PORTAL_TOPIC = 'national-portal.status';
export const FEEDBACK_PORTAL_TOPIC = 'national-portal.feedback';
export const SIGNATURE_HEADER = 'x-motcua-signature';

/** The portal's channel codes: 1 in person, 2 online, 3 postal. */
export const PORTAL_CHANNEL = { 'in-person': 1, online: 2, postal: 3 } as const;

export type PortalStatusMessage = {
  code: string;
  nationalStatus: number;
  receivedAt: string;
  appointmentAt: string | null;
  finishedAt: string | null;
  channel: number;
  resultCode?: string;
  resultFileLink?: string;
  /** SHA-256 of the signed result file the link points to. */
  resultFileSha256?: string;
  /** The e-form answers (tờ khai điện tử) as labelled lines, on the dossier's first record. */
  eForm?: { title: string; items: { label: string; value: string | null }[] };
  paidOnline: boolean;
  hasDigitisedComponents: boolean;
  dataFromNationalDatabases: boolean;
  verifiedWithVNeID: boolean;
};

const time = (v: unknown): string | null => (typeof v === 'string' || v instanceof Date ? formatVnIso(new Date(v)) : null);

function sha256Of(files: unknown, id: string | undefined): string | undefined {
  if (!id || !Array.isArray(files)) return undefined;
  const f = (files as { id?: unknown; sha256?: unknown }[]).find((x) => x.id === id);
  return typeof f?.sha256 === 'string' ? f.sha256 : undefined;
}

function eFormOf(v: unknown): PortalStatusMessage['eForm'] | undefined {
  if (!v || typeof v !== 'object') return undefined;
  const f = v as { title?: unknown; items?: unknown };
  if (typeof f.title !== 'string' || !Array.isArray(f.items)) return undefined;
  return {
    title: f.title,
    items: (f.items as { label?: unknown; value?: unknown }[]).map((i) => ({
      label: String(i.label ?? ''),
      value: typeof i.value === 'string' ? i.value : null,
    })),
  };
}

/** The portal's message for one status change, from the outbox payload written with the change. Deterministic: a retry sends the same bytes. */
export function portalMessage(payload: Record<string, unknown>, publicUrl?: string): PortalStatusMessage {
  const channel = PORTAL_CHANNEL[payload.channel as keyof typeof PORTAL_CHANNEL] ?? 1;
  const files = Array.isArray(payload.resultFileIds) ? (payload.resultFileIds as string[]) : [];
  return {
    code: String(payload.code),
    nationalStatus: Number(payload.nationalStatus),
    receivedAt: time(payload.receivedAt)!,
    appointmentAt: time(payload.dueAt),
    finishedAt: time(payload.finishedAt),
    channel,
    ...(typeof payload.resultCode === 'string' ? { resultCode: payload.resultCode } : {}),
    ...(files[0] ? { resultFileLink: `${publicUrl ?? ''}/api/files/${files[0]}` } : {}),
    ...(sha256Of(payload.resultFiles, files[0]) ? { resultFileSha256: sha256Of(payload.resultFiles, files[0])! } : {}),
    ...(eFormOf(payload.eForm) ? { eForm: eFormOf(payload.eForm)! } : {}),
    paidOnline: payload.paidOnline === true,
    hasDigitisedComponents: payload.hasDigitisedComponents === true,
    dataFromNationalDatabases: payload.registryUsed === true,
    verifiedWithVNeID: payload.verifiedWithVNeID === true,
  };
}

export type PortalFeedbackMessage = {
  code: string;
  seq: number;
  status: string;
  unitCode: string;
  kind: string;
  receivedAt: string;
  dueAt: string | null;
  answer?: unknown;
  rating?: { satisfied: boolean };
};

/** The portal's message for one feedback change (no contact details ever leave). Deterministic. */
export function feedbackMessage(p: Record<string, unknown>): PortalFeedbackMessage {
  return {
    code: String(p.code),
    seq: Number(p.seq),
    status: String(p.status),
    unitCode: String(p.unitCode ?? ''),
    kind: String(p.kind ?? ''),
    receivedAt: time(p.receivedAt)!,
    dueAt: time(p.dueAt),
    ...(p.answer ? { answer: p.answer } : {}),
    ...(p.rating ? { rating: p.rating as { satisfied: boolean } } : {}),
  };
}

export function signBody(secret: string, body: string): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}

export class NationalPortal {
  constructor(
    private readonly baseUrl: string,
    private readonly secret: string,
    private readonly fetchImpl: FetchLike = defaultFetch,
    private readonly publicUrl?: string,
    private readonly timeoutMs = 10_000,
  ) {}

  /**
   * Sends one change of a feedback (phản ánh, kiến nghị): its status, due time and, once published, the answer
   * with personal data removed. Never throws; the outbox retries on `ok: false`.
   */
  async sendFeedback(payload: Record<string, unknown>, idempotencyKey: string): Promise<DeliveryResult> {
    const body = JSON.stringify(feedbackMessage(payload));
    return postJson(
      this.fetchImpl,
      `${this.baseUrl}/v1/feedback`,
      body,
      { 'idempotency-key': idempotencyKey, [SIGNATURE_HEADER]: `sha256=${signBody(this.secret, body)}` },
      this.timeoutMs,
    );
  }

  /** Sends one status change. Never throws; the outbox retries on `ok: false`. */
  async sendStatus(payload: Record<string, unknown>, idempotencyKey: string): Promise<DeliveryResult> {
    const body = JSON.stringify(portalMessage(payload, this.publicUrl));
    return postJson(
      this.fetchImpl,
      `${this.baseUrl}/v1/status`,
      body,
      { 'idempotency-key': idempotencyKey, [SIGNATURE_HEADER]: `sha256=${signBody(this.secret, body)}` },
      this.timeoutMs,
    );
  }
}

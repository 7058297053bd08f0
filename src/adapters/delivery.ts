// What delivering one outbox message to an outside system answers. Adapters never throw for the other
// side's failures: the outbox decides about retries from `ok` and records `reason`.
import type { FetchLike } from './registry.adapter';

export type DeliveryResult =
  | { ok: true; duplicate: boolean }
  /** `permanent`: retrying cannot help (a disabled webhook, a refused address): the message is dead at once. */
  | { ok: false; reason: string; permanent?: boolean };

/** POSTs a JSON body; 2xx is delivered (`duplicate` when the receiver says it had this key already). */
export async function postJson(
  fetchImpl: FetchLike,
  url: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<DeliveryResult> {
  try {
    const res = await fetchImpl(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (res.status >= 200 && res.status < 300) {
      const answer = (await res.json().catch(() => ({}))) as { duplicate?: unknown };
      return { ok: true, duplicate: answer.duplicate === true };
    }
    return { ok: false, reason: `HTTP ${res.status}` };
  } catch (e) {
    return { ok: false, reason: e instanceof Error && e.name === 'TimeoutError' ? 'timeout' : 'unreachable' };
  }
}

export const defaultFetch: FetchLike = async (url, init) => {
  const res = await fetch(url, init);
  return { status: res.status, json: () => res.json() };
};

/** A message gateway reached by JSON POSTs with a bearer token and each message's idempotency key. */
export abstract class BearerJsonGateway {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
    private readonly fetchImpl: FetchLike = defaultFetch,
    private readonly timeoutMs = 10_000,
  ) {}

  protected post(path: string, body: unknown, idempotencyKey: string): Promise<DeliveryResult> {
    return postJson(
      this.fetchImpl,
      `${this.baseUrl}${path}`,
      JSON.stringify(body),
      { authorization: `Bearer ${this.token}`, 'idempotency-key': idempotencyKey },
      this.timeoutMs,
    );
  }
}

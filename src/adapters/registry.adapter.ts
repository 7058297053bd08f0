// The National Population Database (CSDL quốc gia về dân cư), behind one adapter. The real interface is
// reached through the provincial data-sharing platform; no public field-level spec exists, so this adapter
// speaks a small JSON-over-HTTPS API with a bearer token, which the shipped simulator implements.
export type RegistryCitizen = { idNumber: string; fullName: string; dateOfBirth: string; sex: string; address: string; phone: string };
export type LookupResult =
  { status: 'found'; citizen: RegistryCitizen } | { status: 'not-found' } | { status: 'unavailable'; reason: string };

export type FetchLike = (
  url: string,
  init: { method?: 'GET' | 'POST'; headers: Record<string, string>; body?: string; signal: AbortSignal },
) => Promise<{ status: number; json: () => Promise<unknown> }>;

export class PopulationRegistry {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
    private readonly fetchImpl: FetchLike = (u, i) => fetch(u, i),
    private readonly timeoutMs = 5_000,
  ) {}

  /** Never throws: a slow or broken registry is "unavailable", and the officer may then ask for paper. */
  async lookup(idNumber: string): Promise<LookupResult> {
    try {
      const res = await this.fetchImpl(`${this.baseUrl}/v1/citizens/${encodeURIComponent(idNumber)}`, {
        headers: { authorization: `Bearer ${this.token}`, accept: 'application/json' },
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      if (res.status === 404) return { status: 'not-found' };
      if (res.status !== 200) return { status: 'unavailable', reason: `HTTP ${res.status}` };
      const body = (await res.json()) as { citizen?: RegistryCitizen };
      if (!body.citizen?.idNumber) return { status: 'unavailable', reason: 'malformed answer' };
      return { status: 'found', citizen: body.citizen };
    } catch (e) {
      return { status: 'unavailable', reason: e instanceof Error && e.name === 'TimeoutError' ? 'timeout' : 'unreachable' };
    }
  }
}

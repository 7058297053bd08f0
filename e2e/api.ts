// A signed-in HTTP client for the browser tests' setup steps (demo citizens, dossiers to act on), so the tests
// spend their time in the UI under test rather than in preparation screens.
export type ApiClient = {
  get: <T>(path: string) => Promise<T>;
  send: <T>(method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<{ status: number; body: T }>;
  /** Uploads a one-page PDF (a scan or a signed result) to a unit; answers the stored file's id. */
  uploadPdf: (unitSlug: string, name: string) => Promise<string>;
};

export async function apiLogin(baseUrl: string, username: string, password: string): Promise<ApiClient> {
  const r = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!r.ok) throw new Error(`login ${username}: ${r.status} ${await r.text()}`);
  const cookie = r.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken } = (await r.json()) as { csrfToken: string };
  const send = async <T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
  };
  const uploadPdf = async (unitSlug: string, name: string) => {
    const units = (await (await fetch(`${baseUrl}/api/units`)).json()) as { items: { id: string; slug: string }[] };
    const unitId = units.items.find((u) => u.slug === unitSlug)!.id;
    const { PDFDocument } = await import('pdf-lib');
    const doc = await PDFDocument.create();
    doc.addPage();
    const res = await fetch(`${baseUrl}/api/files?unitId=${unitId}&name=${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/pdf' },
      body: Buffer.from(await doc.save()),
    });
    if (res.status !== 201) throw new Error(`upload ${name}: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { id: string }).id;
  };
  return {
    send,
    uploadPdf,
    get: async <T>(path: string) => {
      const res = await send<T>('GET', path);
      if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    },
  };
}

export type Citizen = { idNumber: string; fullName: string };
export type Unit = { id: string; slug: string; receptionPoints: { id: string; name: string }[] };
export type Procedure = { id: string; name: string; components: { id: string; mandatory: boolean; fromRegistry: boolean }[] };

/** Synthetic citizens of the population-registry simulator (system-admin only). */
export async function demoCitizens(baseUrl: string, password: string, limit = 20): Promise<Citizen[]> {
  const admin = await apiLogin(baseUrl, 'admin', password);
  return (await admin.get<{ items: Citizen[] }>(`/api/sim/registry/citizens?limit=${limit}`)).items;
}

/** Creates a routine dossier (marital-status confirmation) at Hạc Thành through the API, as its reception officer. */
export async function createDossier(
  officer: ApiClient,
  citizen: Citizen,
  query = 'xac nhan tinh trang hon nhan',
): Promise<{ id: string; code: string }> {
  const units = (await officer.get<{ items: Unit[] }>('/api/units')).items;
  const unit = units.find((u) => u.slug === 'hacthanh')!;
  const proc = (await officer.get<{ items: Procedure[] }>(`/api/procedures?unitId=${unit.id}&q=${encodeURIComponent(query)}`)).items[0]!;
  const r = await officer.send<{ id: string; code: string }>('POST', '/api/dossiers', {
    procedureId: proc.id,
    competentUnitId: unit.id,
    receptionPointId: unit.receptionPoints[0]!.id,
    channel: 'in-person',
    applicant: { idNumber: citizen.idNumber, fullName: citizen.fullName },
    components: proc.components.filter((c) => c.mandatory && !c.fromRegistry).map((c) => ({ componentId: c.id, presented: true })),
  });
  if (r.status !== 201) throw new Error(`create dossier: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

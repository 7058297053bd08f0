// Every operation of the API, read from the OpenAPI document the server serves, and requests for them built
// from their schemas: the authorization matrix (test/api/authz-matrix.scopes.test.ts) and the fuzz test
// (test/api/fuzz.test.ts) send each operation a request valid by its schema, with ids of the caller's own
// unit or of another unit, or hostile values in place of one parameter or field.
import { randomUUID } from 'node:crypto';
import type { InjectOptions } from 'fastify';
import { PDFDocument } from 'pdf-lib';
import { citizen as syntheticCitizen } from '../../src/simulators/citizens';
import type { Role } from '../../src/domain/roles';
import type { DemoSlug, TestApi } from './api';
import { citizenSession, type CitizenSession } from './citizen';

export type JsonSchema = {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  minimum?: number;
  exclusiveMinimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  pattern?: string;
  default?: unknown;
  additionalProperties?: boolean | JsonSchema;
};

export type Parameter = { in: 'path' | 'query' | 'header'; name: string; required?: boolean; schema: JsonSchema };

export type Operation = {
  method: string;
  /** The OpenAPI path, e.g. /api/dossiers/{id}. */
  path: string;
  /** "METHOD /path", what the tables of the tests match. */
  key: string;
  tags: string[];
  parameters: Parameter[];
  body: JsonSchema | null;
};

/** Every operation of the served OpenAPI document. */
export function operationsOf(doc: { paths: Record<string, Record<string, unknown>> }): Operation[] {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, raw] of Object.entries(methods)) {
      const o = raw as { tags?: string[]; parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema: JsonSchema }> } };
      ops.push({
        method: method.toUpperCase(),
        path,
        key: `${method.toUpperCase()} ${path}`,
        tags: o.tags ?? [],
        parameters: o.parameters ?? [],
        body: o.requestBody?.content?.['application/json']?.schema ?? null,
      });
    }
  }
  return ops;
}

/** Ids of one side of the matrix: a ward's resources (own or other unit) and a citizen's. */
export type Target = {
  unitId: string;
  receptionPointId: string;
  staffId: string;
  dossierId: string;
  dossierCode: string;
  fileId: string;
  draftId: string;
  uploadId: string;
  idNumber: string;
  /** A webhook of an API client of the unit (a public https address: nothing is ever delivered in the tests). */
  webhookId: string;
};

export type Fixtures = {
  procedureId: string;
  /** The procedure as the catalogue exports it: a valid body for creating or editing one. */
  procedureInput: Record<string, unknown>;
  procedureVersionId: string;
  provinceId: string;
  own: Target;
  other: Target;
  citizenA: CitizenSession;
  citizenB: CitizenSession;
};

/** A staff account with the given roles and the demo password (the password hash of `admin` copied). */
export async function addStaff(t: TestApi, username: string, grants: { slug: DemoSlug; role: Role }[]): Promise<string> {
  const db = t.database.db;
  const { password_hash } = await db
    .selectFrom('staff_user')
    .select('password_hash')
    .where('username', '=', 'admin')
    .executeTakeFirstOrThrow();
  const { id } = await db
    .insertInto('staff_user')
    .values({ username, full_name: `Thử ${username}`, title: '', email: `${username}@example.vn`, phone: '', password_hash })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const g of grants) await db.insertInto('user_role').values({ user_id: id, unit_id: t.units[g.slug], role: g.role }).execute();
  return id;
}

const onePagePdf = async () => {
  const doc = await PDFDocument.create();
  doc.addPage();
  return Buffer.from(await doc.save());
};

/**
 * Resources in hacthanh (own) and nguyetvien (other): a dossier whose applicant is citizen A (own) or a
 * stranger (other), a stored file, an intake draft, a staff account nobody signs in as; citizen A's upload.
 */
export async function createFixtures(t: TestApi): Promise<Fixtures> {
  const [citizenA, citizenB] = await Promise.all([citizenSession(t, 31), citizenSession(t, 32)]);
  const proc = (await t.req(null, { method: 'GET', url: '/api/procedures?q=1.004873' })).json().items[0] as {
    id: string;
    versionId: string;
    components: { id: string; mandatory: boolean; fromRegistry: boolean }[];
  };
  const units = (await t.req(null, { method: 'GET', url: '/api/units' })).json().items as {
    id: string;
    slug: string;
    receptionPoints: { id: string }[];
  }[];
  const pointOf = (slug: string) => units.find((u) => u.slug === slug)!.receptionPoints[0]!.id;
  const side = async (slug: 'hacthanh' | 'nguyetvien', idNumber: string, upload: boolean): Promise<Target> => {
    const officer = await t.login(`${slug}.reception-officer`);
    const unitId = t.units[slug];
    const d = await t.req(officer, {
      method: 'POST',
      url: '/api/dossiers',
      payload: {
        procedureId: proc.id,
        competentUnitId: unitId,
        receptionPointId: pointOf(slug),
        channel: 'in-person',
        applicant: { idNumber, fullName: 'Người nộp' },
        components: proc.components.filter((c) => c.mandatory && !c.fromRegistry).map((c) => ({ componentId: c.id, presented: true })),
      },
    });
    if (d.statusCode !== 201) throw new Error(`fixture dossier: ${d.statusCode} ${d.body}`);
    const f = await t.req(officer, {
      method: 'POST',
      url: `/api/files?unitId=${unitId}&name=scan.pdf`,
      headers: { 'content-type': 'application/pdf' },
      payload: await onePagePdf(),
    });
    if (f.statusCode !== 201) throw new Error(`fixture file: ${f.statusCode} ${f.body}`);
    const draftId = randomUUID();
    const draft = await t.req(officer, { method: 'PUT', url: `/api/intake-drafts/${draftId}`, payload: { unitId, revision: 1, data: {} } });
    if (draft.statusCode !== 200) throw new Error(`fixture draft: ${draft.statusCode} ${draft.body}`);
    const staffId = await addStaff(t, `${slug}.victim`, [{ slug, role: 'specialist' }]);
    let uploadId: string = randomUUID();
    if (upload) {
      const u = await t.req(
        { ...citizenA, userId: '' },
        {
          method: 'POST',
          url: '/api/uploads',
          payload: { fileName: 'a.pdf', sizeBytes: 1000, sha256: 'a'.repeat(64) },
        },
      );
      uploadId = (u.json() as { id: string }).id;
    }
    const director = { ...(await t.login(`${slug}.centre-director`)), userId: '' };
    const client = await t.req(director, {
      method: 'POST',
      url: '/api/api-clients',
      payload: { unitId, name: `Fixture ${slug}`, scopes: ['dossiers:read'] },
    });
    if (client.statusCode !== 201) throw new Error(`fixture API client: ${client.statusCode} ${client.body}`);
    const hook = await t.req(director, {
      method: 'POST',
      url: '/api/webhooks',
      payload: { clientId: client.json().clientId, url: 'https://93.184.216.34/motcua', events: ['dossier.status-changed'] },
    });
    if (hook.statusCode !== 201) throw new Error(`fixture webhook: ${hook.statusCode} ${hook.body}`);
    return {
      webhookId: hook.json().webhook.id as string,
      unitId,
      receptionPointId: pointOf(slug),
      staffId,
      dossierId: d.json().id as string,
      dossierCode: d.json().code as string,
      fileId: f.json().id as string,
      draftId,
      uploadId,
      idNumber,
    };
  };
  const own = await side('hacthanh', citizenA.idNumber, true);
  const other = await side('nguyetvien', syntheticCitizen(33).idNumber, false);
  const exported = (await t.req(null, { method: 'GET', url: '/api/procedures/export' })).json() as { code: string }[];
  const procedureInput = exported.find((p) => p.code === '1.004873') as Record<string, unknown>;
  return {
    procedureId: proc.id,
    procedureInput,
    procedureVersionId: proc.versionId,
    provinceId: t.units.tinh,
    own,
    other,
    citizenA,
    citizenB,
  };
}

/** A value valid by `schema`: the smallest one that meets it (required members only, the first enum value). */
export function sample(schema: JsonSchema | undefined, name: string, ids: (name: string) => string | undefined): unknown {
  if (!schema) return null;
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return schema.enum[0];
  if (schema.default !== undefined) return schema.default;
  const alt = schema.anyOf ?? schema.oneOf;
  if (alt?.length) return sample(alt.find((s) => s.type !== 'null') ?? alt[0], name, ids);
  if (schema.allOf?.length) return sample(schema.allOf[0], name, ids);
  const type = Array.isArray(schema.type) ? schema.type.find((x) => x !== 'null') : schema.type;
  switch (type ?? 'null') {
    case 'object': {
      const o: Record<string, unknown> = {};
      for (const k of schema.required ?? []) o[k] = sample(schema.properties?.[k], k, ids);
      return o;
    }
    case 'array':
      return Array.from({ length: schema.minItems ?? 0 }, () => sample(schema.items, name, ids));
    case 'integer':
    case 'number':
      return schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : 1);
    case 'boolean':
      return false;
    case 'string': {
      const id = ids(name);
      if (schema.format === 'uuid') return id ?? randomUUID();
      if (schema.format === 'date') return '2026-03-02';
      if (schema.format === 'date-time') return '2026-03-02T09:00:00+07:00';
      if (schema.format === 'email') return 'a@example.vn';
      if (schema.pattern === '^\\d{12}$' || /idNumber/i.test(name)) return id ?? '001090000001';
      if (schema.pattern) return id ?? 'x'.repeat(Math.max(1, schema.minLength ?? 1));
      return id ?? 'x'.repeat(Math.max(1, schema.minLength ?? 1));
    }
    default:
      return null;
  }
}

/** Which fixture id a parameter or field named `name` of `path` takes on `target`. */
export function idFor(f: Fixtures, target: Target, path: string, name: string): string | undefined {
  if (name === 'id') {
    if (path.startsWith('/api/units/')) return target.unitId;
    if (path.startsWith('/api/reception-points/')) return target.receptionPointId;
    if (path.startsWith('/api/staff/')) return target.staffId;
    if (path.startsWith('/api/procedures/') || path.startsWith('/api/portal/procedures/')) return f.procedureId;
    if (path.startsWith('/api/procedure-versions/')) return f.procedureVersionId;
    if (path.startsWith('/api/dossiers/') || path.startsWith('/api/portal/dossiers/')) return target.dossierId;
    if (path.startsWith('/api/files/')) return target.fileId;
    if (path.startsWith('/api/intake-drafts/')) return target.draftId;
    if (path.startsWith('/api/uploads/')) return target.uploadId;
    if (path.startsWith('/api/admin/outbox/')) return '1';
    if (path.startsWith('/api/webhooks/')) return target.webhookId;
    if (path.startsWith('/api/auth/sessions/')) return '0123456789abcdef';
    return randomUUID();
  }
  if (name === 'unitId' || name === 'competentUnitId') return target.unitId;
  if (name === 'provinceId') return f.provinceId;
  if (name === 'deliveryId') return '1';
  if (name === 'receptionPointId') return target.receptionPointId;
  if (name === 'procedureId') return f.procedureId;
  if (name === 'code' && path.startsWith('/api/public/dossiers/')) return target.dossierCode;
  if (name === 'idNumber') return target.idNumber;
  if (name === 'year') return '2026';
  if (name === 'fileIds' || name === 'fileId' || name === 'storedFileId') return target.fileId;
  return undefined;
}

/** A path segment, percent-encoded; a lone surrogate goes as the invalid UTF-8 bytes it would be (hostile on purpose). */
function pathSegment(v: string): string {
  try {
    return encodeURIComponent(v);
  } catch {
    return v.replace(/[\uD800-\uDFFF]|[^\uD800-\uDFFF]+/g, (part) =>
      part.length === 1 && /[\uD800-\uDFFF]/.test(part) ? '%ED%BF%BF' : encodeURIComponent(part),
    );
  }
}

/** A request for `op` valid by its schema, on `target`'s resources; `override` replaces one parameter or body field. */
export function requestFor(
  op: Operation,
  f: Fixtures,
  target: Target,
  override?: { where: 'path' | 'query' | 'body'; name: string; value: unknown },
): InjectOptions & { url: string } {
  const ids = (name: string) => idFor(f, target, op.path, name);
  let url = op.path;
  const query = new URLSearchParams();
  const headers: Record<string, string> = {};
  for (const p of op.parameters) {
    const over = override && override.where === p.in && override.name === p.name;
    if (p.in === 'path') {
      const v = over ? override.value : (ids(p.name) ?? sample(p.schema, p.name, ids));
      url = url.replace(`{${p.name}}`, pathSegment(String(v)));
    } else if (p.in === 'query' && (p.required || over || ['unitId', 'year'].includes(p.name))) {
      query.set(p.name, String(over ? override.value : (ids(p.name) ?? sample(p.schema, p.name, ids))));
    } else if (p.in === 'header' && p.required) headers[p.name] = String(sample(p.schema, p.name, ids));
  }
  const qs = query.toString();
  url += qs ? `?${qs}` : '';
  // Raw-body routes take their own content types.
  if (op.key === 'POST /api/files' || op.key === 'POST /api/forms/verify')
    return { method: op.method as 'POST', url, headers: { ...headers, 'content-type': 'application/pdf' }, payload: '%PDF-1.7\n%%EOF\n' };
  if (op.key === 'PATCH /api/uploads/{id}')
    return {
      method: 'PATCH',
      url,
      headers: { ...headers, 'content-type': 'application/offset+octet-stream', 'upload-offset': '0' },
      payload: Buffer.alloc(10),
    };
  if (!op.body) return { method: op.method as 'GET', url, headers };
  let body = examples(f, target)[op.key] ?? sample(op.body, '', ids);
  if (override?.where === 'body') body = setPath(body, override.name, override.value);
  return { method: op.method as 'POST', url, headers, payload: body as Record<string, unknown> };
}

/** Bodies valid by rules the JSON Schema cannot say (patterns with meaning, one-of-two members). */
function examples(f: Fixtures, target: Target): Record<string, unknown> {
  return {
    'POST /api/units': { slug: 'thu-nghiem', type: 'ward', parentId: f.provinceId, code: '000.00.04.G99', name: 'Phường Thử' },
    'POST /api/staff': {
      username: 'thu.nghiem',
      fullName: 'Thử Nghiệm',
      password: 'Mat-khau-thu-2026!',
      roles: [{ unitId: target.unitId, role: 'specialist' }],
    },
    'POST /api/training/units/{id}/trainees': {
      username: 'hv.thu-nghiem',
      fullName: 'Học viên Thử',
      password: 'Mat-khau-thu-2026!',
      roles: ['reception-officer'],
    },
    'POST /api/procedures': { ...f.procedureInput, code: '9.999999' },
    'PUT /api/procedures/{id}': f.procedureInput,
    'POST /api/procedures/{id}/drafts': f.procedureInput,
    'POST /api/procedure-versions/{id}/publish': { decisionNumber: '1/QĐ-UBND', decisionDate: '2026-03-02', effectiveDate: '2026-03-16' },
    'POST /api/portal/applications/{id}/confirm': { code: '123456' },
    'POST /api/assisted/verifications/{id}/confirm': { code: '123456' },
    'POST /api/uploads': { fileName: 'giay-to.pdf', sizeBytes: 1000, sha256: 'b'.repeat(64) },
    'POST /api/portal/documents': { title: 'Giấy tờ', uploadId: target.uploadId },
  };
}

/** Paths of every field the schema describes ("a.b", "list.0.c"), for the fuzz test. */
export function fieldsOf(schema: JsonSchema | null, prefix = '', depth = 0): string[] {
  if (!schema || depth > 3) return [];
  const alt = schema.anyOf ?? schema.oneOf;
  if (alt?.length) return fieldsOf(alt.find((s) => s.type !== 'null') ?? alt[0]!, prefix, depth);
  if (schema.properties) {
    return Object.entries(schema.properties).flatMap(([k, s]) => {
      const p = prefix ? `${prefix}.${k}` : k;
      return [p, ...fieldsOf(s, p, depth + 1)];
    });
  }
  return [];
}

function setPath(body: unknown, path: string, value: unknown): unknown {
  const root = (body && typeof body === 'object' ? structuredClone(body) : {}) as Record<string, unknown>;
  const keys = path.split('.');
  let at = root;
  for (const k of keys.slice(0, -1)) {
    if (!at[k] || typeof at[k] !== 'object') at[k] = {};
    at = at[k] as Record<string, unknown>;
  }
  at[keys[keys.length - 1]!] = value;
  return root;
}

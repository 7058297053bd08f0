// The province's procedure catalogue: publish, version, enable per unit, import and export.
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { Transform, type Readable } from 'node:stream';
import { parse as parseCsvStream } from 'csv-parse';
import { parserStream as jsonTokens } from 'stream-json';
import streamArray from 'stream-json/streamers/stream-array.js';
import { parse as parseCsv } from 'csv-parse/sync';
import { stringify as toCsv } from 'csv-stringify/sync';
import { policies, unitScope, unitsWhere } from '../domain/access';
import { CATALOGUE_KEEPERS } from '../domain/catalogue/notes';
import { ProcedureInput } from '../domain/catalogue/procedure';
import { Problem } from '../domain/problems';
import type { Db } from '../db/database';
import { appendAudit, canonicalJson } from '../db/repositories/audit.repository';
import {
  findProcedures,
  insertProcedure,
  insertVersion,
  listProcedureVersions,
  lockNextVersion,
  procedureCodeTaken,
  procedureProvince,
  setUnitProcedure,
  toInput,
  versionUsedBy,
  type ProcedureView,
} from '../db/repositories/procedure.repository';
import { listUnitTree } from '../db/repositories/unit.repository';
import { requireActor, roleIn, type ServiceContext } from './context';

export type ImportError = { row: number; field: string; message: string };
export type ImportResult = { created: number; updated: number; unchanged: number };

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);
// The first compile also compiles Ajv's meta-schema (over 100 ms of CPU): done once here, at start-up, so no request
// (a catalogue import, a procedure saved) holds the event loop for it.
ajv.compile({ type: 'object' });

/**
 * An e-form schema must compile: it is what both server and browser validate citizens' forms with. The compiled
 * function is dropped again (Ajv would otherwise keep every imported schema, and refuse a second import of a
 * schema with an `$id`); the outcome is remembered by the schema's text, so a re-import compiles only what changed.
 */
export function formSchemaError(schema: Record<string, unknown> | undefined): string | null {
  if (!schema) return null;
  const key = JSON.stringify(schema);
  const known = schemaOutcomes.get(key);
  if (known !== undefined) return known;
  let error: string | null = null;
  try {
    ajv.compile(schema);
  } catch (e) {
    error = e instanceof Error ? e.message : String(e);
  } finally {
    ajv.removeSchema(schema);
  }
  if (schemaOutcomes.size >= SCHEMA_OUTCOMES_KEPT) schemaOutcomes.delete(schemaOutcomes.keys().next().value!);
  schemaOutcomes.set(key, error);
  return error;
}
const SCHEMA_OUTCOMES_KEPT = 5000;
const schemaOutcomes = new Map<string, string | null>();

/** The longest the import's validation runs before letting other requests in (issue 10: none waits 100 ms). */
const IMPORT_SLICE_MS = 10;

/** CSV: one row per procedure; structured columns hold JSON, lists are separated by "|". Round-trips exactly. */
const CSV_COLUMNS = [
  'code',
  'name',
  'field',
  'level',
  'processingDays',
  'cutoffTime',
  'resultType',
  'channels',
  'onlineLevel',
  'boundaryFree',
  'effectiveFrom',
  'effectiveTo',
  'notes',
  'fee',
  'legalBasis',
  'components',
  'steps',
  'formSchema',
] as const;
const JSON_COLUMNS = new Set(['fee', 'legalBasis', 'components', 'steps', 'formSchema']);

export function proceduresToCsv(items: ProcedureInput[]): string {
  return toCsv(
    items.map((p) =>
      CSV_COLUMNS.map((c) => {
        const v = (p as Record<string, unknown>)[c];
        if (v === undefined) return '';
        if (JSON_COLUMNS.has(c)) return JSON.stringify(v);
        if (c === 'channels') return (v as string[]).join('|');
        return String(v);
      }),
    ),
    { header: true, columns: [...CSV_COLUMNS], bom: true },
  );
}

export function csvToObjects(text: string): { items: unknown[]; errors: ImportError[] } {
  let records: Record<string, string>[];
  try {
    records = parseCsv(text, CSV_PARSE_OPTIONS);
  } catch (e) {
    return { items: [], errors: [csvError(e)] };
  }
  return recordsToObjects(records);
}

/** How import CSV is read (also by the streaming reader of POST /api/procedures/import). */
export const CSV_PARSE_OPTIONS = { columns: true, bom: true, skip_empty_lines: true, relax_column_count: false } as const;

/** A CSV that could not be read, as an import error naming its line. */
export function csvError(e: unknown): ImportError {
  const line = (e as { lines?: number }).lines ?? 0;
  return { row: line, field: '', message: e instanceof Error ? e.message : 'CSV could not be read' };
}

/** What one import may hold: rows (procedures) and bytes of its body. */
export const IMPORT_LIMITS = { rows: 5000, bytes: 20 * 1024 * 1024 };

/**
 * Reads an import CSV as it arrives, chunk by chunk (the event loop is never held by one big parse), and stops
 * at the first row or byte past the limits with 413 `import-too-large` (the rest of the body is drained unread).
 * A CSV that cannot be read is not thrown: it comes back as an import error naming its line.
 */
export function readCsvStream(
  input: Readable,
  limits: { rows: number; bytes: number } = IMPORT_LIMITS,
): Promise<{ records: Record<string, string>[]; errors: ImportError[] }> {
  return new Promise((resolve, reject) => {
    const parser = parseCsvStream(CSV_PARSE_OPTIONS);
    const records: Record<string, string>[] = [];
    let bytes = 0;
    let settled = false;
    const stop = () => {
      settled = true;
      input.unpipe(parser);
      parser.destroy();
      input.resume();
    };
    const tooLarge = () => {
      if (settled) return;
      stop();
      reject(new Problem('import-too-large', { rows: limits.rows, bytes: limits.bytes }));
    };
    input.on('data', (chunk: Buffer | string) => {
      bytes += chunk.length;
      if (bytes > limits.bytes) tooLarge();
    });
    input.on('error', (e) => {
      if (settled) return;
      stop();
      reject(e);
    });
    parser.on('readable', () => {
      let r: Record<string, string> | null;
      while (!settled && (r = parser.read() as Record<string, string> | null) !== null) {
        records.push(r);
        if (records.length > limits.rows) tooLarge();
      }
    });
    parser.on('error', (e) => {
      if (settled) return;
      stop();
      resolve({ records: [], errors: [csvError(e)] });
    });
    parser.on('end', () => {
      if (settled) return;
      settled = true;
      resolve({ records, errors: [] });
    });
    input.pipe(parser);
  });
}

/** How deep a procedure in an import JSON may nest (a procedure needs 4: array, procedure, fee, tiers). */
export const IMPORT_JSON_DEPTH = 16;

/**
 * Reads an import JSON (an array of procedures) as it arrives, token by token with stream-json, so one big body
 * never holds the event loop. Stops at the first byte or procedure past the limits with 413 `import-too-large`
 * (the rest of the body is drained unread). JSON that cannot be read, is not an array or nests deeper than
 * IMPORT_JSON_DEPTH is not thrown: it comes back as an import error naming the procedure (row) it was in.
 */
export function readJsonArrayStream(
  input: Readable,
  limits: { rows: number; bytes: number } = IMPORT_LIMITS,
): Promise<{ items: unknown[]; errors: ImportError[] }> {
  return new Promise((resolve, reject) => {
    const items: unknown[] = [];
    let bytes = 0;
    let depth = 0;
    let first = true;
    let settled = false;
    const tokens = jsonTokens();
    // The shape is checked on the tokens, before anything is assembled: an array at the top, bounded nesting.
    const shape = new Transform({
      objectMode: true,
      transform(tok: { name: string }, _enc, done) {
        if (first && tok.name !== 'startArray') return done(new Error('expected an array of procedures'));
        first = false;
        if (tok.name === 'startObject' || tok.name === 'startArray') depth++;
        else if (tok.name === 'endObject' || tok.name === 'endArray') depth--;
        if (depth > IMPORT_JSON_DEPTH) return done(new Error(`nested deeper than ${IMPORT_JSON_DEPTH} levels`));
        done(null, tok);
      },
    });
    const elements = streamArray.asStream();
    const stop = () => {
      settled = true;
      input.unpipe(tokens);
      for (const s of [tokens, shape, elements]) s.destroy();
      input.resume();
    };
    const tooLarge = () => {
      if (settled) return;
      stop();
      reject(new Problem('import-too-large', { rows: limits.rows, bytes: limits.bytes }));
    };
    const unreadable = (e: unknown) => {
      if (settled) return;
      stop();
      const message = e instanceof Error ? e.message : 'JSON could not be read';
      resolve({ items: [], errors: [{ row: items.length + 1, field: '', message: `JSON could not be read: ${message}` }] });
    };
    input.on('data', (chunk: Buffer | string) => {
      bytes += chunk.length;
      if (bytes > limits.bytes) tooLarge();
    });
    input.on('error', (e) => {
      if (settled) return;
      stop();
      reject(e);
    });
    for (const s of [tokens, shape, elements]) s.on('error', unreadable);
    elements.on('data', (item: { value: unknown }) => {
      if (settled) return;
      items.push(item.value);
      if (items.length > limits.rows) tooLarge();
    });
    elements.on('end', () => {
      if (settled) return;
      settled = true;
      if (first) resolve({ items: [], errors: [{ row: 0, field: '', message: 'the body is empty: expected an array of procedures' }] });
      else resolve({ items, errors: [] });
    });
    input.pipe(tokens).pipe(shape).pipe(elements);
  });
}

/** CSV records (one object of strings per row) as the procedures they describe. */
export function recordsToObjects(records: Record<string, string>[]): { items: unknown[]; errors: ImportError[] } {
  const errors: ImportError[] = [];
  const items = records.map((r, i) => {
    const o: Record<string, unknown> = {};
    for (const [k, raw] of Object.entries(r)) {
      if (raw === '') continue;
      if (JSON_COLUMNS.has(k)) {
        try {
          o[k] = JSON.parse(raw);
        } catch {
          errors.push({ row: i + 1, field: k, message: 'not valid JSON' });
        }
      } else if (k === 'channels') o[k] = raw.split('|');
      else if (k === 'processingDays') o[k] = Number(raw);
      else if (k === 'boundaryFree') o[k] = raw === 'true' ? true : raw === 'false' ? false : raw;
      else o[k] = raw;
    }
    return o;
  });
  return { items, errors };
}

export class CatalogueService {
  constructor(
    private readonly db: Db,
    private readonly provinceOf: (unitId?: string) => Promise<string>,
  ) {}

  /** Public search of the catalogue; `q` matches with or without diacritics. */
  list(f: { q?: string; unitId?: string; limit?: number }): Promise<ProcedureView[]> {
    return findProcedures(this.db, f);
  }

  async get(id: string): Promise<ProcedureView> {
    const [p] = await findProcedures(this.db, { ids: [id] });
    if (!p) throw new Problem('not-found', { what: 'procedure' });
    return p;
  }

  /**
   * One exact version: what a dossier received under it still sees, whatever was edited since. A version that is not
   * published (draft, reviewed, withdrawn) is read only by the province's catalogue keepers and by whoever has it in
   * use (the citizen's own applications and dossiers, staff of the units holding a dossier on it); to anyone else it
   * does not exist (404), so a draft never leaks before its decision.
   */
  async getVersion(ctx: ServiceContext, versionId: string): Promise<ProcedureView> {
    const [p] = await findProcedures(this.db, { versionIds: [versionId] });
    if (!p) throw new Problem('not-found', { what: 'procedure version' });
    if (!p.publication || p.publication.status === 'published') return p;
    if (ctx.actor) {
      const tree = await listUnitTree(this.db);
      const provinceId = await procedureProvince(this.db, p.id);
      if (provinceId && unitsWhere(ctx.actor, tree, CATALOGUE_KEEPERS).has(provinceId)) return p;
      if (await versionUsedBy(this.db, versionId, { unitIds: [...unitScope(ctx.actor, tree)] })) return p;
    }
    if (ctx.citizen && (await versionUsedBy(this.db, versionId, { citizenId: ctx.citizen.citizenId }))) return p;
    throw new Problem('not-found', { what: 'procedure version' });
  }

  async versions(id: string) {
    const rows = await listProcedureVersions(this.db, id);
    if (rows.length === 0) throw new Problem('not-found', { what: 'procedure' });
    return rows.map((r) => ({
      versionId: r.id,
      version: r.version,
      name: r.name,
      createdAt: r.created_at,
      processingDays: Number(r.processing_days),
    }));
  }

  /** Who may import: checked before the import's body is read (POST /api/procedures/import). */
  async assertMayImport(ctx: ServiceContext): Promise<void> {
    await this.assertProvinceAdmin(ctx);
  }

  private async assertProvinceAdmin(ctx: ServiceContext): Promise<{ provinceId: string; actor: ReturnType<typeof requireActor> }> {
    const actor = requireActor(ctx);
    const provinceId = await this.provinceOf();
    const tree = await listUnitTree(this.db);
    if (!policies.createUnit(actor, tree, provinceId)) throw new Problem('forbidden');
    return { provinceId, actor };
  }

  async create(ctx: ServiceContext, input: ProcedureInput): Promise<ProcedureView> {
    const { provinceId, actor } = await this.assertProvinceAdmin(ctx);
    const err = formSchemaError(input.formSchema);
    if (err) throw new Problem('form-schema-invalid', { message: err });
    const exists = await procedureCodeTaken(this.db, provinceId, input.code);
    if (exists) throw new Problem('procedure-code-exists', { code: input.code });
    const id = await this.db.transaction().execute(async (trx) => {
      const p = { id: await insertProcedure(trx, provinceId, input.code) };
      await insertVersion(trx, p.id, 1, input, actor.userId);
      await appendAudit(trx, {
        actorId: actor.userId,
        actorName: actor.username,
        actorRole: roleIn(actor, provinceId),
        unitId: provinceId,
        action: 'procedure.create',
        subjectType: 'procedure',
        subjectId: p.id,
        requestId: ctx.requestId,
        details: { code: input.code, name: input.name },
      });
      return p.id;
    });
    return this.get(id);
  }

  /** Editing makes a new version; the previous one stays for the dossiers received under it. */
  async update(ctx: ServiceContext, id: string, input: ProcedureInput): Promise<ProcedureView> {
    const { provinceId, actor } = await this.assertProvinceAdmin(ctx);
    const current = await this.get(id);
    if (current.code !== input.code) throw new Problem('validation-failed', { summary: 'code: a procedure keeps its national code' });
    const err = formSchemaError(input.formSchema);
    if (err) throw new Problem('form-schema-invalid', { message: err });
    if (canonicalJson(toInput(current)) === canonicalJson(input)) return current;
    await this.db.transaction().execute(async (trx) => {
      // Lock the procedure row: two editors at once get versions n+1 and n+2, never two n+1.
      const version = await lockNextVersion(trx, id);
      await insertVersion(trx, id, version, input, actor.userId);
      await appendAudit(trx, {
        actorId: actor.userId,
        actorName: actor.username,
        actorRole: roleIn(actor, provinceId),
        unitId: provinceId,
        action: 'procedure.new-version',
        subjectType: 'procedure',
        subjectId: id,
        requestId: ctx.requestId,
        details: { code: input.code, version },
      });
    });
    return this.get(id);
  }

  /** A unit enables the procedures it handles (its director, or the province). */
  async setEnabled(ctx: ServiceContext, unitId: string, procedureId: string, enabled: boolean): Promise<void> {
    const actor = requireActor(ctx);
    const tree = await listUnitTree(this.db);
    if (!tree.some((u) => u.id === unitId)) throw new Problem('not-found', { what: 'unit' });
    if (!policies.administerUnit(actor, tree, unitId)) throw new Problem('forbidden');
    await this.get(procedureId);
    await this.db.transaction().execute(async (trx) => {
      await setUnitProcedure(trx, unitId, procedureId, enabled);
      await appendAudit(trx, {
        actorId: actor.userId,
        actorName: actor.username,
        actorRole: roleIn(actor, unitId),
        unitId,
        action: enabled ? 'procedure.enable' : 'procedure.disable',
        subjectType: 'procedure',
        subjectId: procedureId,
        requestId: ctx.requestId,
      });
    });
  }

  /**
   * Validates every item first; any error rejects the whole file with each row and field at fault. Compiling an
   * e-form schema takes milliseconds, so a catalogue of thousands takes seconds: the work yields to the event loop
   * every few milliseconds, and other requests are served meanwhile.
   */
  async validateImport(items: unknown[]): Promise<{ valid: ProcedureInput[]; errors: ImportError[] }> {
    const errors: ImportError[] = [];
    const valid: ProcedureInput[] = [];
    const seen = new Map<string, number>();
    let slice = performance.now();
    for (const [i, raw] of items.entries()) {
      if (performance.now() - slice > IMPORT_SLICE_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        slice = performance.now();
      }
      const row = i + 1;
      const r = ProcedureInput.safeParse(raw);
      if (!r.success) {
        for (const issue of r.error.issues) errors.push({ row, field: issue.path.join('.') || '(row)', message: issue.message });
        continue;
      }
      const err = formSchemaError(r.data.formSchema);
      if (err) errors.push({ row, field: 'formSchema', message: err });
      const dup = seen.get(r.data.code);
      if (dup) errors.push({ row, field: 'code', message: `same code as row ${dup}` });
      seen.set(r.data.code, row);
      valid.push(r.data);
    }
    return { valid, errors };
  }

  async import(ctx: ServiceContext, items: unknown[], preErrors: ImportError[] = []): Promise<ImportResult> {
    const { provinceId, actor } = await this.assertProvinceAdmin(ctx);
    const { valid, errors } = await this.validateImport(items);
    const all = [...preErrors, ...errors];
    if (all.length) {
      const first = all[0]!;
      throw new Problem(
        'import-invalid',
        { count: all.length, row: first.row, field: first.field, message: first.message },
        { errors: all.slice(0, 200) },
      );
    }
    const result: ImportResult = { created: 0, updated: 0, unchanged: 0 };
    await this.db.transaction().execute(async (trx) => {
      const existing = await findProcedures(trx, { provinceId });
      const byCode = new Map(existing.map((p) => [p.code, p]));
      for (const input of valid) {
        const current = byCode.get(input.code);
        if (!current) {
          const p = { id: await insertProcedure(trx, provinceId, input.code) };
          await insertVersion(trx, p.id, 1, input, actor.userId);
          result.created++;
        } else if (canonicalJson(toInput(current)) === canonicalJson(input)) {
          result.unchanged++;
        } else {
          await insertVersion(trx, current.id, await lockNextVersion(trx, current.id), input, actor.userId);
          result.updated++;
        }
      }
      await appendAudit(trx, {
        actorId: actor.userId,
        actorName: actor.username,
        actorRole: roleIn(actor, provinceId),
        unitId: provinceId,
        action: 'procedure.import',
        subjectType: 'catalogue',
        subjectId: provinceId,
        requestId: ctx.requestId,
        details: { ...result },
      });
    });
    return result;
  }

  async export(): Promise<ProcedureInput[]> {
    const provinceId = await this.provinceOf();
    return (await findProcedures(this.db, { provinceId })).map(toInput);
  }
}

export type { ProcedureView } from '../db/repositories/procedure.repository';

// Property-based fuzzing of every operation of the OpenAPI document: one parameter or body field at a time gets a
// hostile value (fast-check) while the rest of the request stays valid, sent as a caller who may do nearly
// everything (every role of a ward and system-admin of the province) or as the citizen. Whatever comes back:
// never a 5xx, a 4xx is problem+json with a code, and a refused call wrote nothing (the audit log, which every
// change writes in its transaction, did not grow — but for the records of refusals themselves).
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../../src/domain/roles';
import { createTestApi, type TestApi } from '../support/api';
import { addStaff, createFixtures, fieldsOf, operationsOf, requestFor, type Fixtures, type Operation } from '../support/operations';

// Value classes another change (issue 10a: input hygiene at the edge, Fastify errors as problem+json) makes
// safe. While `true`, these values are not sent and a 414 need not be problem+json; once that work is in main,
// set each to `false` so the fuzz test covers them.
const PENDING_EDGE_HYGIENE = {
  /** NUL characters in text (PostgreSQL cannot store them: a 500 before the fix). */
  nul: false,
  /** Integers beyond their column (cursor=9999999999999999999, revision 2147483648). */
  integerOverflow: false,
  /** Errors Fastify answers itself without problem+json: 414 (path or query too long), 400 for a path that is not
   * valid UTF-8 (FST_ERR_BAD_URL). */
  fastifyErrors: false,
};

/** How many hostile values each parameter or field gets. */
const RUNS_PER_FIELD = 4;

let t: TestApi;
let f: Fixtures;
let ops: Operation[];
let staff: { cookie: string; csrf: string; userId: string };
const LAST = /^(POST \/api\/auth\/logout|POST \/api\/portal\/auth\/logout|PUT \/api\/auth\/password|DELETE \/api\/auth\/sessions)/;

beforeAll(async () => {
  t = await createTestApi();
  f = await createFixtures(t);
  ops = operationsOf(t.server.swagger() as never);
  await addStaff(t, 'fuzz.all', [
    ...ROLES.filter((r) => r !== 'system-admin' && r !== 'province-admin').map((role) => ({ slug: 'hacthanh' as const, role })),
    { slug: 'tinh', role: 'system-admin' },
  ]);
  staff = await t.login('fuzz.all');
});
afterAll(() => t.close());

/** A JSON object nested `depth` levels deep. */
const deep = (depth: number): unknown => {
  let o: unknown = { x: 1 };
  for (let i = 0; i < depth; i++) o = { a: o };
  return o;
};

function hostile(fx: Fixtures): fc.Arbitrary<unknown> {
  const strings = fc.oneof(
    fc.constant('x'.repeat(100_000)),
    fc.constantFrom(
      '',
      ' ',
      '\uD800',
      '\uDFFF',
      '\u202Eabc',
      '\uFEFF',
      '\u200B',
      'e\u0301',
      '𝕏🇻🇳',
      '\u0007\u001b[31m',
      "'; DROP TABLE dossier; --",
      '../../etc/passwd',
      '%00',
      '%',
      '<script>alert(1)</script>',
      '${7*7}',
      '0x10',
      '1e999',
      'null',
      'true',
      '-0',
    ),
    fc.string({ unit: 'grapheme', maxLength: 50 }),
  );
  const numbers = fc.oneof(
    fc.constantFrom(-1, 0, 0.5, -0.000001, 1e308, -1e308, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
  );
  const wrongTypes = fc.constantFrom<unknown>(
    null,
    true,
    false,
    [],
    {},
    [1, 'a', null],
    deep(64),
    Array.from({ length: 10_000 }, () => 'a'),
    {
      __proto__: { admin: true },
    },
  );
  const otherIds = fc.constantFrom(
    fx.other.unitId,
    fx.other.dossierId,
    fx.other.fileId,
    fx.other.staffId,
    fx.other.receptionPointId,
    fx.other.uploadId,
  );
  const pending: fc.Arbitrary<unknown>[] = [];
  if (!PENDING_EDGE_HYGIENE.nul)
    pending.push(
      fc.constantFrom('\u0000', 'abc\u0000def'),
      fc.string().map((s) => `${s}\u0000`),
    );
  if (!PENDING_EDGE_HYGIENE.integerOverflow)
    pending.push(fc.constantFrom(2 ** 31, -(2 ** 31) - 1, 2 ** 53 + 2, 1e19, '9999999999999999999', 2 ** 63));
  return fc.oneof(strings, numbers, wrongTypes, otherIds, ...pending);
}

/** Where a hostile value can go in one operation's request: each path/query parameter and each body field. */
function locations(op: Operation): { where: 'path' | 'query' | 'body'; name: string }[] {
  const params = op.parameters
    .filter((p) => p.in === 'path' || p.in === 'query')
    .map((p) => ({ where: p.in as 'path' | 'query', name: p.name }));
  const raw = ['POST /api/files', 'POST /api/forms/verify', 'PATCH /api/uploads/{id}'].includes(op.key);
  const body = raw ? [] : fieldsOf(op.body).map((name) => ({ where: 'body' as const, name }));
  return [...params, ...body];
}

/** Who sends the request: the citizen for the portal's operations, else the all-roles staff account. */
function callerOf(op: Operation) {
  const citizen = /^\/api\/(portal|uploads)\b/.test(op.path) && !op.path.startsWith('/api/portal/auth/vneid');
  return citizen ? { ...f.citizenA, userId: '' } : staff;
}

const auditCount = async () =>
  Number(
    (
      await t.database.db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

// Audit rows that record a refusal itself (a failed sign-in, a refused upload or callback) are not writes.
const REFUSAL_ACTIONS = /refused|mismatch|login|locked|sign-in|failed/;

describe('fuzzing every operation with hostile values', () => {
  it('never a 5xx; every 4xx is problem+json with a code; a refused call writes nothing', async () => {
    const failures: string[] = [];
    const arbitrary = hostile(f);
    let sent = 0;
    const ordered = [...ops.filter((op) => !LAST.test(op.key)), ...ops.filter((op) => LAST.test(op.key))];
    for (const [i, op] of ordered.entries()) {
      for (const [j, loc] of locations(op).entries()) {
        await fc.assert(
          fc.asyncProperty(arbitrary, async (value) => {
            const request = requestFor(op, f, f.own, { ...loc, value });
            const before = await auditCount();
            const res = await t.req(callerOf(op), request);
            sent++;
            const where = `${op.key} ${loc.where}.${loc.name}=${JSON.stringify(value)?.slice(0, 80)} → ${res.statusCode}`;
            if (res.statusCode >= 500) failures.push(`${where}: ${res.body.slice(0, 200)}`);
            if (res.statusCode >= 400 && res.statusCode < 500) {
              const isProblem =
                String(res.headers['content-type']).includes('application/problem+json') &&
                typeof (res.json() as { code?: unknown }).code === 'string';
              if (!isProblem && !PENDING_EDGE_HYGIENE.fastifyErrors) failures.push(`${where}: not problem+json`);
              if ((await auditCount()) > before) {
                const rows = await t.database.db
                  .selectFrom('audit_log')
                  .select('action')
                  .orderBy('id', 'desc')
                  .limit((await auditCount()) - before)
                  .execute();
                const writes = rows.filter((r) => !REFUSAL_ACTIONS.test(r.action));
                if (writes.length) failures.push(`${where}: refused but wrote ${writes.map((r) => r.action).join(', ')}`);
              }
            }
          }),
          { numRuns: RUNS_PER_FIELD, seed: 10_000 + i * 100 + j, endOnFailure: true },
        );
      }
    }
    expect(sent).toBeGreaterThan(500);
    expect(failures).toEqual([]);
  }, 900_000);
});

// The record the law relies on (issue 11): papers the registry holds are never requested, results are
// digitised, supplements and withdrawals carry their evidence, and a bad request writes nothing.
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfText } from '../../src/forms/test-support';
import { citizen } from '../../src/simulators/citizens';
import { createTestApi, type Session, type TestApi } from '../support/api';

let t: TestApi;
let officer: Session;
let specialist: Session;
let leader: Session;
let director: Session;
type Proc = { id: string; code: string; components: { id: string; name: string; mandatory: boolean; fromRegistry: boolean }[] };
let marital: Proc;
let pointId: string;

beforeAll(async () => {
  t = await createTestApi();
  [officer, specialist, leader, director] = await Promise.all([
    t.login('hacthanh.reception-officer'),
    t.login('hacthanh.specialist'),
    t.login('hacthanh.leader'),
    t.login('hacthanh.centre-director'),
  ]);
  marital = ((await t.req(null, { method: 'GET', url: '/api/procedures?q=1.004873' })).json().items as Proc[])[0]!;
  const units = (await t.req(null, { method: 'GET', url: '/api/units' })).json().items as {
    slug: string;
    receptionPoints: { id: string }[];
  }[];
  pointId = units.find((u) => u.slug === 'hacthanh')!.receptionPoints[0]!.id;
});
afterAll(() => t.close());

const person = citizen(77);
const nonRegistry = () =>
  marital.components.filter((c) => c.mandatory && !c.fromRegistry).map((c) => ({ componentId: c.id, presented: true }));
const registryHeld = () => marital.components.find((c) => c.fromRegistry && c.mandatory)!;
const intake = async (idNumber = person.idNumber, components: unknown[] = nonRegistry()) => {
  const r = await t.req(officer, {
    method: 'POST',
    url: '/api/dossiers',
    payload: {
      procedureId: marital.id,
      competentUnitId: t.units.hacthanh,
      receptionPointId: pointId,
      channel: 'in-person',
      applicant: { idNumber, fullName: 'x' },
      components,
    },
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json() as { id: string; code: string; dueAt: string };
};
const act = (as: Session, id: string, action: string, payload: Record<string, unknown> = {}) =>
  t.req(as, { method: 'POST', url: `/api/dossiers/${id}/actions/${action}`, payload });
const uploadPdf = async (as: Session, name = 'scan.pdf'): Promise<string> => {
  const doc = await PDFDocument.create();
  doc.addPage();
  const r = await t.req(as, {
    method: 'POST',
    url: `/api/files?unitId=${t.units.hacthanh}&name=${name}`,
    headers: { 'content-type': 'application/pdf' },
    payload: Buffer.from(await doc.save()),
  });
  expect(r.statusCode).toBe(201);
  return r.json().id as string;
};
const events = async (id: string) =>
  t.database.db.selectFrom('dossier_event').select(['action', 'data']).where('dossier_id', '=', id).orderBy('seq').execute();
/** A 422 with the rule's code, a Vietnamese sentence citing the law, and nothing written. */
const refusedWithRule = async (r: { statusCode: number; json: () => Record<string, unknown> }, code: string, id: string, n: number) => {
  expect(r.statusCode).toBe(422);
  expect(r.json().code).toBe(code);
  expect(String(r.json().detail)).toMatch(/Nghị định|Thông tư|Quyết định/);
  expect(await events(id)).toHaveLength(n);
};
const toApproved = async (id: string) => {
  await act(director, id, 'assign', {});
  await act(specialist, id, 'submit-for-approval', {});
  expect((await act(leader, id, 'approve', {})).json().status).toBe('approved');
};

describe('papers the population registry holds are never requested', () => {
  it('a supplement request naming a registry-held component is 422 registry-component-not-requestable; nothing is written', async () => {
    const { id } = await intake();
    const r = await act(officer, id, 'request-supplement', {
      reason: 'Thiếu giấy tờ',
      items: [{ componentId: registryHeld().id, reason: 'Nộp bản sao căn cước' }],
    });
    await refusedWithRule(r, 'registry-component-not-requestable', id, 1);
    expect(String(r.json().detail)).toContain('Điều 18');
    expect((await t.database.db.selectFrom('dossier').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status).toBe(
      'received',
    );
  });

  it('a refusal naming a registry-held component is refused the same way', async () => {
    const { id } = await intake();
    const r = await act(officer, id, 'refuse', {
      reason: 'Thiếu giấy tờ',
      items: [{ componentId: registryHeld().id, reason: 'Không có giấy xác nhận cư trú' }],
    });
    await refusedWithRule(r, 'registry-component-not-requestable', id, 1);
  });

  it('when the registry lookup failed the paper may be requested, and the request says why', async () => {
    const admin = await t.login('admin');
    await t.req(admin, { method: 'PUT', url: '/api/sim/registry/mode', payload: { mode: 'down' } });
    const other = citizen(78);
    const all = marital.components.filter((c) => c.mandatory).map((c) => ({ componentId: c.id, presented: true }));
    const { id } = await intake(other.idNumber, all);
    await t.req(admin, { method: 'PUT', url: '/api/sim/registry/mode', payload: { mode: 'up' } });
    const r = await act(officer, id, 'request-supplement', {
      reason: 'Bản sao mờ',
      items: [{ componentId: registryHeld().id, reason: 'Nộp lại bản sao rõ nét' }],
    });
    expect(r.statusCode).toBe(200);
    const last = (await events(id)).at(-1)!;
    const item = (last.data.items as { registryFailed?: boolean; reason: string }[])[0]!;
    expect(item.registryFailed).toBe(true);
    expect(item.reason).toContain('Tra cứu Cơ sở dữ liệu quốc gia về dân cư không thành công');
    // The receipt lists that paper with why it was taken on paper.
    const receipt = await t.req(officer, { method: 'GET', url: `/api/dossiers/${id}/forms/receipt.pdf` });
    expect(receipt.statusCode).toBe(200);
    const text = (await pdfText(receipt.rawPayload)).pages
      .map((p) => p.text)
      .join(' ')
      .replace(/\s+/g, ' ');
    expect(text).toContain('nộp giấy vì tra cứu CSDL quốc gia về dân cư không thành công');
  });

  it('the intake checklist cannot take a registry-held paper when the registry answered: 422, no dossier written', async () => {
    const other = citizen(79);
    const before = await t.database.db
      .selectFrom('dossier')
      .select((e) => e.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    for (const given of [{ presented: true }, { fileIds: [await uploadPdf(officer)] }]) {
      const r = await t.req(officer, {
        method: 'POST',
        url: '/api/dossiers',
        payload: {
          procedureId: marital.id,
          competentUnitId: t.units.hacthanh,
          receptionPointId: pointId,
          channel: 'in-person',
          applicant: { idNumber: other.idNumber, fullName: 'x' },
          components: [...nonRegistry(), { componentId: registryHeld().id, ...given }],
        },
      });
      expect(r.statusCode, r.body).toBe(422);
      expect(r.json().code).toBe('registry-component-not-requestable');
      expect(String(r.json().detail)).toContain(registryHeld().name);
      expect(String(r.json().detail)).toContain('Điều 18');
    }
    const after = await t.database.db
      .selectFrom('dossier')
      .select((e) => e.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
    // The receipt of a dossier whose registry answered lists the paper as taken from the registry.
    const { id } = await intake(other.idNumber);
    const receipt = await t.req(officer, { method: 'GET', url: `/api/dossiers/${id}/forms/receipt.pdf` });
    const text = (await pdfText(receipt.rawPayload)).pages
      .map((p) => p.text)
      .join(' ')
      .replace(/\s+/g, ' ');
    expect(text).toContain('(lấy từ CSDL quốc gia về dân cư)');
    expect(text).not.toContain('không thành công');
  });
});

describe('evidence for the acts the province audits', () => {
  it('receive-supplement with nothing received, or a component with neither files nor "presented", is 422', async () => {
    const { id } = await intake();
    const item = marital.components.find((c) => !c.mandatory)!;
    await act(officer, id, 'request-supplement', { reason: 'x', items: [{ componentId: item.id, reason: 'Cần bản án ly hôn' }] });
    await refusedWithRule(await act(officer, id, 'receive-supplement', { components: [] }), 'supplement-nothing-received', id, 2);
    await refusedWithRule(
      await act(officer, id, 'receive-supplement', { components: [{ componentId: item.id }] }),
      'supplement-nothing-received',
      id,
      2,
    );
    const scan = await uploadPdf(officer, 'ban-an.pdf');
    const ok = await act(officer, id, 'receive-supplement', { components: [{ componentId: item.id, fileIds: [scan] }] });
    expect(ok.json().status).toBe('received');
    expect((await events(id)).at(-1)!.data.received).toEqual([
      { componentId: item.id, name: item.name, presented: false, fileIds: [scan] },
    ]);
  });

  it('an in-person or postal withdrawal request without the scan of the signed request is 422; an officer cannot record an online one', async () => {
    const { id } = await intake();
    for (const channel of ['in-person', 'postal', 'online'])
      await refusedWithRule(
        await act(officer, id, 'record-withdrawal-request', { channel, reason: 'Công dân xin rút' }),
        'withdrawal-evidence-required',
        id,
        1,
      );
    const scan = await uploadPdf(officer, 'don-xin-rut.pdf');
    const ok = await act(officer, id, 'record-withdrawal-request', {
      channel: 'in-person',
      reason: 'Tôi xin rút hồ sơ để nộp lại sau',
      evidenceFileIds: [scan],
    });
    expect(ok.json().status).toBe('withdrawal-requested');
    const data = (await events(id)).at(-1)!.data;
    expect(data).toMatchObject({ channel: 'in-person', request: 'Tôi xin rút hồ sơ để nộp lại sau' });
    expect((data.evidenceFiles as { id: string; sha256: string }[])[0]).toMatchObject({
      id: scan,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    // The stop notice (form 05) quotes the request.
    await act(leader, id, 'stop', { reason: 'Theo đơn xin rút hồ sơ' });
    const pdf = await t.req(officer, { method: 'GET', url: `/api/dossiers/${id}/forms/stop-notice.pdf` });
    expect(pdf.statusCode).toBe(200);
    const text = (await pdfText(pdf.rawPayload)).pages.map((p) => p.text).join(' ');
    expect(text).toContain('Tôi xin rút hồ sơ để nộp lại sau');
  });

  it('the database refuses a withdrawal-request event without evidence, even written directly', async () => {
    const { id } = await intake();
    await expect(
      t.database.db
        .insertInto('dossier_event')
        .values({
          dossier_id: id,
          seq: 2,
          action: 'record-withdrawal-request',
          from_status: 'received',
          to_status: 'withdrawal-requested',
          actor_name: 'x',
          actor_role: 'reception-officer',
          unit_id: t.units.hacthanh,
          reason: 'x',
          data: JSON.stringify({ channel: 'in-person' }),
          at: new Date(),
        } as never)
        .execute(),
    ).rejects.toThrow(/dossier_event_withdrawal_evidence/);
  });
});

describe('electronic results', () => {
  it('issuing a result without a file is 422 result-file-required; nothing is written', async () => {
    const { id } = await intake();
    await toApproved(id);
    await refusedWithRule(await act(specialist, id, 'issue-result', {}), 'result-file-required', id, 4);
    await refusedWithRule(await act(specialist, id, 'issue-result', { resultFileIds: [] }), 'result-file-required', id, 4);
    const foreign = await act(specialist, id, 'issue-result', { resultFileIds: ['00000000-0000-4000-8000-00000000abcd'] });
    expect(foreign.statusCode).toBe(422);
    expect(foreign.json().code).toBe('file-invalid');
  });

  it('the signed result goes to the dossier (hashed), the portal sync record and the citizen data store; return records the handover', async () => {
    const other = citizen(79);
    // The applicant has a portal account (signed in once with VNeID) although the dossier was filed at the counter.
    const c = await t.database.db
      .insertInto('citizen')
      .values({ id_number: other.idNumber, full_name: other.fullName })
      .returning('id')
      .executeTakeFirstOrThrow();
    const { id } = await intake(other.idNumber);
    await toApproved(id);
    const file = await uploadPdf(specialist, 'giay-xac-nhan.pdf');
    expect((await act(specialist, id, 'issue-result', { resultFileIds: [file] })).json().status).toBe('result-ready');
    const issued = (await events(id)).at(-1)!.data;
    const sha = (await t.database.db.selectFrom('stored_file').select('sha256').where('id', '=', file).executeTakeFirstOrThrow()).sha256;
    expect(issued.resultFiles).toEqual([{ id: file, sha256: sha, mime: 'application/pdf', pages: 1 }]);
    const store = await t.database.db.selectFrom('citizen_document').selectAll().where('citizen_id', '=', c.id).execute();
    expect(store.map((d) => [d.stored_file_id, d.kind])).toEqual([[file, 'result']]);
    const sync = await t.database.db
      .selectFrom('outbox')
      .select('payload')
      .where('idempotency_key', 'like', `${id}:%`)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(sync.payload).toMatchObject({ nationalStatus: 9, resultFileIds: [file], resultFiles: [{ id: file, sha256: sha }] });

    // Return: how it was handed over.
    await refusedWithRule(await act(officer, id, 'return-result', {}), 'handover-details-required', id, 5);
    const noId = await act(officer, id, 'return-result', { handover: { method: 'in-person', receiverName: 'Lê Văn Nhận' } });
    expect(noId.statusCode).toBe(422);
    expect(noId.json().field).toBe('handover.receiverIdNumber');
    const post = await act(officer, id, 'return-result', { handover: { method: 'postal' } });
    expect(post.json().field).toBe('handover.trackingNumber');
    const ok = await act(officer, id, 'return-result', { handover: { method: 'postal', trackingNumber: 'EV123456789VN' } });
    expect(ok.json().status).toBe('returned');
    expect((await events(id)).at(-1)!.data.handover).toEqual({ method: 'postal', trackingNumber: 'EV123456789VN' });
  });
});

describe('apology', () => {
  it('a new date before the old one is 422 extension-date-invalid citing the rule; nothing is written', async () => {
    const { id, dueAt } = await intake();
    const before = new Date(new Date(dueAt).getTime() - 3_600_000).toISOString();
    await refusedWithRule(
      await act(leader, id, 'apologize-and-extend', { reason: 'x', newDueAt: before }),
      'extension-date-invalid',
      id,
      1,
    );
    const row = await t.database.db
      .selectFrom('dossier')
      .select(['due_at', 'extension_count'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.extension_count).toBe(0);
    expect(row.due_at!.toISOString()).toBe(new Date(dueAt).toISOString());
  });
});

describe('messages and public pages read right', () => {
  it('status SMS carry an absolute link and the due time as HH:mm dd/mm/yyyy', async () => {
    const { id } = await intake();
    expect((await act(director, id, 'assign', {})).statusCode).toBe(200);
    const sms = await t.database.db
      .selectFrom('outbox')
      .select('payload')
      .where('idempotency_key', '=', `status-sms:${id}:2`)
      .executeTakeFirstOrThrow();
    const text = (sms.payload as { text: string }).text;
    expect(text).toMatch(/https?:\/\/[^\s]+\/tra-cuu\?ma=/);
    expect(text).toMatch(/Hen tra: \d{2}:\d{2} \d{2}\/\d{2}\/\d{4}\./);
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it('the demo data’s "unconfirmed:" notes are not in public procedure answers; administrators still see them', async () => {
    const publicItems = (await t.req(null, { method: 'GET', url: '/api/procedures?limit=500' })).json().items as {
      notes: string;
      fee: { note?: string };
    }[];
    expect(publicItems.length).toBeGreaterThan(10);
    for (const p of publicItems) {
      expect(p.notes).not.toMatch(/unconfirmed/i);
      expect(p.fee.note ?? '').not.toMatch(/unconfirmed/i);
    }
    const admin = await t.login('admin');
    const adminItems = (await t.req(admin, { method: 'GET', url: '/api/procedures?limit=500' })).json().items as { notes: string }[];
    expect(adminItems.some((p) => /unconfirmed/i.test(p.notes))).toBe(true);
  });
});

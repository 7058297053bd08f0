// The SQL of the dossier repository, snapshotted: a changed query shows in review as a changed snapshot
// (test/db/sql/__snapshots__). Update with `npx vitest run test/db/sql -u` and read the diff.
import { describe, expect, it, vi } from 'vitest';
import type { DossierEffect } from '../../../src/domain/dossier/effects';
import { appendEvent, enqueueOutbox, logPersonalDataAccess, nextDailyNumber } from '../../../src/db/repositories/dossier.repository';
import {
  citizenHasDossierAt,
  FRAGMENT_NAMES_MAX,
  findDossierPage,
  findPublicStatus,
  findWorkQueue,
} from '../../../src/db/repositories/dossier-queries.repository';
import {
  findByIntakeKey,
  findCitizen,
  findCompetentUnit,
  findDossierCode,
  findOnlineDesk,
  findReceptionPoint,
  findReturnPoint,
  insertDossier,
} from '../../../src/db/repositories/dossier-intake.repository';
import {
  findActionContext,
  findAssignee,
  findCitizenIdByNumber,
  findDossierForUpdate,
  findFilesOfUnits,
  findTransferTarget,
  writeActionEffect,
} from '../../../src/db/repositories/dossier-actions.repository';
import { GENERIC_ROW, recordingDb } from '../../support/sql-recorder';

const D = '20000000-0000-4000-8000-000000000001';
const UNIT = '20000000-0000-4000-8000-000000000002';
const USER = '20000000-0000-4000-8000-000000000003';
const AT = new Date('2026-03-02T01:00:00.000Z');
const DUE = new Date('2026-03-09T10:00:00.000Z');

describe('dossier repository SQL: reads', () => {
  const { record } = recordingDb(() => [{ ...GENERIC_ROW, events_json: [], components_json: [], portal_sync_json: null }]);

  it('the dossier page in one query', async () => {
    expect(await record((trx) => findDossierPage(trx, D))).toMatchSnapshot();
  });

  it('work queues: the unit’s, what it received for others, by status, mine, overdue, due soon, by term, after a cursor', async () => {
    const base = { units: [UNIT], received: false, limit: 51 };
    expect(await record((trx) => findWorkQueue(trx, base))).toMatchSnapshot();
    expect(await record((trx) => findWorkQueue(trx, { ...base, received: true, statuses: ['result-ready'] }))).toMatchSnapshot();
    expect(await record((trx) => findWorkQueue(trx, { ...base, assigneeId: USER, overdueAt: AT }))).toMatchSnapshot();
    expect(await record((trx) => findWorkQueue(trx, { ...base, dueBetween: [AT, DUE], q: 'Nguyễn Văn' }))).toMatchSnapshot();
    expect(await record((trx) => findWorkQueue(trx, { ...base, q: '001234567890', cursor: { dueAt: DUE, id: D } }))).toMatchSnapshot();
    expect(await record((trx) => findWorkQueue(trx, { ...base, q: 'xa-260302-0001', cursor: { dueAt: null, id: D } }))).toMatchSnapshot();
    // A name after a cursor: the "no name starts with it" test has the queue's conditions but not the cursor.
    expect(
      await record((trx) => findWorkQueue(trx, { ...base, statuses: ['in-progress'], q: 'hùng', cursor: { dueAt: DUE, id: D } })),
    ).toMatchSnapshot();
  });

  it('work queues by a fragment of a name: the dictionary, then the names through the B-tree, or a filter when too many', async () => {
    const base = { units: [UNIT], received: false, limit: 51, q: 'van hung' };
    // No name starts with the term (the prefix read answers nothing); the dictionary answers a few names.
    const few = recordingDb((q) =>
      q.sql.includes('from "applicant_name"') ? [{ folded: 'nguyen van hung' }, { folded: 'le van hung' }] : [],
    );
    expect(await few.record((trx) => findWorkQueue(trx, base))).toMatchSnapshot();
    // A later page: first whether any name of the queue starts with the term (none here).
    expect(await few.record((trx) => findWorkQueue(trx, { ...base, cursor: { dueAt: DUE, id: D } }))).toMatchSnapshot();
    // More names than the dictionary path takes: the queue read with the fragment as a filter.
    const many = recordingDb((q) =>
      q.sql.includes('from "applicant_name"')
        ? Array.from({ length: FRAGMENT_NAMES_MAX + 1 }, (_, i) => ({ folded: `x van hung ${i}` }))
        : [],
    );
    const queries = await many.record((trx) => findWorkQueue(trx, base));
    expect(queries.map((q) => q.sql)).toMatchSnapshot();
  });

  it('the public status, a citizen’s dossier at a unit', async () => {
    expect(await record((trx) => findPublicStatus(trx, 'X-260302-0001'))).toMatchSnapshot();
    expect(await record((trx) => citizenHasDossierAt(trx, '001234567890', UNIT))).toMatchSnapshot();
  });

  it('personal-data access and outbox rows', async () => {
    expect(
      await record((trx) =>
        logPersonalDataAccess(trx, {
          actorId: USER,
          actorName: 'officer',
          unitId: UNIT,
          idNumber: '001234567890',
          subjectType: 'dossier',
          subjectId: D,
          purpose: 'dossier page',
          requestId: 'req-1',
        }),
      ),
    ).toMatchSnapshot();
    expect(await record((trx) => enqueueOutbox(trx, 'sms.send', `status-sms:${D}:2`, { to: '0900000000' }, DUE))).toMatchSnapshot();
  });
});

describe('dossier repository SQL: intake', () => {
  const { record } = recordingDb();

  it('the reads before a dossier is written', async () => {
    expect(
      await record(async (trx) => {
        await findReceptionPoint(trx, UNIT);
        await findCompetentUnit(trx, UNIT);
        await findReturnPoint(trx, UNIT);
        await findOnlineDesk(trx, UNIT);
        await findByIntakeKey(trx, `${USER}:key-1`);
        await findDossierCode(trx, D);
        await findCitizen(trx, USER);
      }),
    ).toMatchSnapshot();
  });

  it('a new dossier: number of the day, row, components, first event, deadline, audit, messages', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: AT });
    expect(
      await record(async (trx) => {
        await nextDailyNumber(trx, UNIT, '2026-03-02');
        await insertDossier(trx, {
          row: {
            code: 'X-260302-0001',
            unit_id: UNIT,
            received_unit_id: UNIT,
            reception_point_id: UNIT,
            return_point_id: UNIT,
            procedure_id: UNIT,
            procedure_version_id: UNIT,
            channel: 'in-person',
            status: 'received',
            applicant: { idNumber: '001234567890', fullName: 'Nguyễn Văn A' },
            registry_used: true,
            fee: 0,
            fee_receipt_no: null,
            received_by: USER,
            intake_key: null,
            citizen_id: null,
            assisted_by: null,
            paid_online: false,
            verified_vneid: false,
            received_at: AT,
            counted_from: AT,
            due_at: DUE,
            form_answers: null,
          },
          components: [{ component_id: 'c1', presented: true, from_registry: false, file_ids: [] }],
          event: {
            action: 'create',
            actorId: USER,
            actorName: 'Officer',
            actorRole: 'reception-officer',
            unitId: UNIT,
            data: { channel: 'in-person' },
          },
          deadline: { unitId: UNIT, receivedAt: AT, workingDays: 5, mode: 'pause', countedFrom: AT, dueAt: DUE },
          audit: {
            actorId: USER,
            actorName: 'officer',
            actorRole: 'reception-officer',
            unitId: UNIT,
            requestId: 'req-1',
            details: { code: 'X-260302-0001' },
          },
          messages: (id) => [{ channel: 'portal', key: `${id}:1`, payload: { code: 'X-260302-0001', nationalStatus: 2 } }],
        });
      }),
    ).toMatchSnapshot();
    vi.useRealTimers();
  });
});

describe('dossier repository SQL: an action', () => {
  const { record } = recordingDb();

  it('the load: the row locked, what hangs on it, the assignee, files, result owner, transfer target', async () => {
    expect(
      await record(async (trx) => {
        await findDossierForUpdate(trx, D);
        await findActionContext(trx, { id: D, return_point_id: UNIT, citizen_id: USER });
        await findAssignee(trx, UNIT, USER);
        await findAssignee(trx, UNIT);
        await findFilesOfUnits(trx, [D], [UNIT]);
        await findCitizenIdByNumber(trx, '001234567890');
        await findTransferTarget(trx, UNIT, D);
      }),
    ).toMatchSnapshot();
    expect(await record((trx) => findFilesOfUnits(trx, [], [UNIT]))).toEqual([]);
  });

  it('the write: components, row, deadline, event, audit, messages', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: AT });
    const effect: DossierEffect = {
      dossierId: D,
      from: 'awaiting-supplement',
      to: 'in-progress',
      seq: 4,
      dossier: { due_at: DUE, counted_from: AT },
      deadline: { pauses: [{ from: AT.toISOString(), to: AT.toISOString() }], due_at: DUE, counted_from: AT },
      components: [{ componentId: 'c1', presented: false, fileIds: [D] }],
      event: { action: 'receive-supplement', reason: '', data: { components: ['c1'] }, unitId: UNIT },
      audit: { action: 'dossier.receive-supplement', unitId: UNIT, details: { code: 'X-260302-0001' } },
      citizenDocument: null,
      messages: [
        { channel: 'portal', key: `${D}:4`, payload: { nationalStatus: 4 } },
        { channel: 'sms', key: `status-sms:${D}:4`, payload: { to: '0900000000' } },
      ],
      dueAt: DUE,
    };
    expect(
      await record((trx) =>
        writeActionEffect(trx, effect, {
          deadlineId: UNIT,
          by: { id: USER, name: 'Officer', username: 'officer' },
          role: 'specialist',
          requestId: 'req-1',
          now: AT,
        }),
      ),
    ).toMatchSnapshot();
    vi.useRealTimers();
  });

  it('appendEvent alone', async () => {
    expect(
      await record((trx) =>
        appendEvent(trx, {
          dossierId: D,
          seq: 2,
          action: 'accept',
          fromStatus: 'submitted',
          toStatus: 'received',
          actorId: USER,
          actorName: 'Officer',
          actorRole: 'reception-officer',
          unitId: UNIT,
          at: AT,
        }),
      ),
    ).toMatchSnapshot();
  });
});

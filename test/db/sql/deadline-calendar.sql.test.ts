// The SQL of the deadline and calendar repositories, snapshotted: a changed query shows in review as a changed
// snapshot (test/db/sql/__snapshots__). Update with `npx vitest run test/db/sql -u` and read the diff.
import { describe, expect, it, vi } from 'vitest';
import {
  findCalendarYear,
  findCalendarYears,
  findFirstProvinceId,
  findProvinceUnitSchedules,
  findUnitClock,
  listUnitSchedules,
  lockProvinceCalendar,
  upsertCalendarYear,
} from '../../../src/db/repositories/calendar.repository';
import {
  applyRecomputedDeadlines,
  findDeadlineForUpdate,
  findDossiersDueBefore,
  findDossiersWaiting,
  findDueDossiersWithNames,
  findOpenDeadlines,
  insertDeadline,
  updateDeadline,
} from '../../../src/db/repositories/deadline.repository';
import { recordingDb } from '../../support/sql-recorder';

const UNIT = '10000000-0000-4000-8000-000000000001';
const PROVINCE = '10000000-0000-4000-8000-000000000002';
const SUBJECT = '10000000-0000-4000-8000-000000000003';
const AT = new Date('2026-03-02T01:00:00.000Z');
const DUE = new Date('2026-03-09T10:00:00.000Z');

describe('deadline repository SQL', () => {
  const { record } = recordingDb();

  it('insertDeadline', async () => {
    expect(
      await record((trx) =>
        insertDeadline(trx, {
          unitId: UNIT,
          subjectType: 'dossier',
          subjectId: SUBJECT,
          receivedAt: AT,
          workingDays: 5,
          mode: 'pause',
          countedFrom: AT,
          dueAt: DUE,
        }),
      ),
    ).toMatchSnapshot();
  });

  it('findDeadlineForUpdate', async () => {
    expect(await record((trx) => findDeadlineForUpdate(trx, 'dossier', SUBJECT))).toMatchSnapshot();
  });

  it('updateDeadline: a pause, then nothing when nothing changed', async () => {
    expect(
      await record((trx) => updateDeadline(trx, SUBJECT, { pauses: [{ from: AT.toISOString() }], due_at: null }, AT)),
    ).toMatchSnapshot();
    expect(await record((trx) => updateDeadline(trx, SUBJECT, {}, AT))).toEqual([]);
  });

  it('findOpenDeadlines', async () => {
    expect(await record((trx) => findOpenDeadlines(trx, [UNIT, PROVINCE], '00000000-0000-0000-0000-000000000000', 5000))).toMatchSnapshot();
  });

  it('applyRecomputedDeadlines: deadlines, the dossiers beside them, and the change log', async () => {
    const updates = [
      { id: SUBJECT, subjectType: 'dossier', subjectId: UNIT, countedFrom: AT, dueAt: DUE, oldCountedFrom: AT, oldDueAt: null },
      { id: PROVINCE, subjectType: 'feedback', subjectId: UNIT, countedFrom: AT, dueAt: null, oldCountedFrom: AT, oldDueAt: DUE },
    ];
    expect(await record((trx) => applyRecomputedDeadlines(trx, updates, 'calendar 2026 changed', null))).toMatchSnapshot();
    expect(await record((trx) => applyRecomputedDeadlines(trx, [], 'nothing', null))).toEqual([]);
  });

  it('the watch: due before a horizon, waiting on the citizen, the director’s view', async () => {
    expect(await record((trx) => findDossiersDueBefore(trx, UNIT, DUE))).toMatchSnapshot();
    expect(await record((trx) => findDossiersWaiting(trx, UNIT))).toMatchSnapshot();
    expect(await record((trx) => findDueDossiersWithNames(trx, UNIT, DUE))).toMatchSnapshot();
  });
});

describe('calendar repository SQL', () => {
  const { record } = recordingDb();

  it('reads a province’s years, one year, the first province, unit clocks', async () => {
    expect(await record((trx) => findCalendarYears(trx, PROVINCE))).toMatchSnapshot();
    expect(await record((trx) => findCalendarYear(trx, PROVINCE, 2026))).toMatchSnapshot();
    expect(await record((trx) => findFirstProvinceId(trx))).toMatchSnapshot();
    expect(await record((trx) => findProvinceUnitSchedules(trx, PROVINCE))).toMatchSnapshot();
    expect(await record((trx) => listUnitSchedules(trx))).toMatchSnapshot();
    expect(await record((trx) => findUnitClock(trx, UNIT))).toMatchSnapshot();
  });

  it('replaces a year under the province’s lock', async () => {
    // The upsert stamps updated_at with the server's clock: fixed here so the snapshot is stable.
    vi.useFakeTimers({ toFake: ['Date'], now: AT });
    expect(
      await record(async (trx) => {
        await lockProvinceCalendar(trx, PROVINCE);
        await upsertCalendarYear(trx, {
          provinceId: PROVINCE,
          year: 2026,
          holidays: ['2026-09-02'],
          workingDays: ['2026-05-09'],
          source: 'QĐ 1/2026',
          updatedBy: UNIT,
        });
      }),
    ).toMatchSnapshot();
    vi.useRealTimers();
  });
});

// The SQL of the deadline repository, snapshotted (see dossier.sql.test.ts).
import { describe, expect, it } from 'vitest';
import {
  applyRecomputedDeadlines,
  closeDeadline,
  findDeadlineForUpdate,
  findDossiersDueBefore,
  findDossiersWaiting,
  findDueDossiersWithNames,
  findFeedbackStepsDueBefore,
  findOpenDeadlines,
  findOpenSubjectDeadlines,
  findSubjectDeadlines,
  insertDeadline,
  openDeadline,
  startOrRestartDeadline,
  updateDeadline,
} from '../../../src/db/repositories/deadline.repository';
import { GENERIC_ROW, recordingDb } from '../../support/sql-recorder';

const DL = '7b000000-0000-4000-8000-000000000001';
const DL2 = '7b000000-0000-4000-8000-000000000002';
const UNIT = '7b000000-0000-4000-8000-000000000003';
const D = '7b000000-0000-4000-8000-000000000004';
const F = '7b000000-0000-4000-8000-000000000005';
const F2 = '7b000000-0000-4000-8000-000000000006';
const USER = '7b000000-0000-4000-8000-000000000007';
const RECEIVED = new Date('2026-03-02T01:00:00.000Z');
const DUE = new Date('2026-03-09T10:00:00.000Z');
const NEW_DUE = new Date('2026-03-10T10:00:00.000Z');
const NOW = new Date('2026-03-03T02:00:00.000Z');
const HORIZON = new Date('2026-03-05T10:00:00.000Z');
const FEEDBACK_STEPS = ['feedback-answer', 'feedback-publish'];
const CLOCK = {
  subjectType: 'feedback-answer',
  subjectId: F,
  unitId: UNIT,
  receivedAt: RECEIVED,
  workingDays: 10,
  countedFrom: RECEIVED,
  dueAt: DUE,
};

describe('deadline repository SQL', () => {
  const { record } = recordingDb();

  it('a dossier received: its clock stored (with the dossier’s mode, or the default)', async () => {
    expect(
      await record(async (trx) => {
        const n = {
          unitId: UNIT,
          subjectType: 'dossier',
          subjectId: D,
          receivedAt: RECEIVED,
          workingDays: 5,
          countedFrom: RECEIVED,
          dueAt: DUE,
        };
        await insertDeadline(trx, { ...n, mode: 'restart' });
        await insertDeadline(trx, n);
      }),
    ).toMatchSnapshot();
  });

  it('a dossier action: its clock locked, then changed (pauses, due time), or left when nothing changed', async () => {
    expect(
      await record(async (trx) => {
        await findDeadlineForUpdate(trx, 'dossier', D);
        await updateDeadline(trx, DL, { pauses: [{ from: '2026-03-03T02:00:00.000Z' }], due_at: null }, NOW);
        await updateDeadline(trx, DL, { counted_from: RECEIVED, due_at: NEW_DUE, override_due_at: NEW_DUE }, NOW);
        await updateDeadline(trx, DL, {}, NOW);
      }),
    ).toMatchSnapshot();
  });

  it('a calendar change: the open clocks of the units in batches, recomputed in bulk with the dossiers’ due times', async () => {
    expect(
      await record(async (trx) => {
        await findOpenDeadlines(trx, [UNIT], '00000000-0000-0000-0000-000000000000', 500);
        await applyRecomputedDeadlines(
          trx,
          [
            {
              id: DL,
              subjectType: 'dossier',
              subjectId: D,
              countedFrom: RECEIVED,
              dueAt: NEW_DUE,
              oldCountedFrom: RECEIVED,
              oldDueAt: DUE,
            },
            {
              id: DL2,
              subjectType: 'feedback-answer',
              subjectId: F,
              countedFrom: RECEIVED,
              dueAt: null,
              oldCountedFrom: RECEIVED,
              oldDueAt: DUE,
            },
          ],
          'holiday added',
          USER,
        );
        // Only feedback clocks: the dossiers are not touched.
        await applyRecomputedDeadlines(
          trx,
          [
            {
              id: DL2,
              subjectType: 'feedback-answer',
              subjectId: F,
              countedFrom: RECEIVED,
              dueAt: NEW_DUE,
              oldCountedFrom: RECEIVED,
              oldDueAt: DUE,
            },
          ],
          'holiday removed',
          null,
        );
      }),
    ).toMatchSnapshot();
  });

  it('the watch and the director’s view: dossiers due soon, dossiers waiting, with names; feedback steps due soon', async () => {
    expect(
      await record(async (trx) => {
        await findDossiersDueBefore(trx, UNIT, HORIZON);
        await findDossiersWaiting(trx, UNIT);
        await findDueDossiersWithNames(trx, UNIT, HORIZON);
        await findFeedbackStepsDueBefore(trx, UNIT, HORIZON, FEEDBACK_STEPS);
      }),
    ).toMatchSnapshot();
  });

  it('a feedback step clock: started (no row yet) or restarted with a change row, opened again, closed', async () => {
    const none = recordingDb(() => []);
    expect(
      await none.record(async (trx) => {
        await startOrRestartDeadline(trx, CLOCK, { reason: 'received', actorId: USER });
        await openDeadline(trx, { ...CLOCK, subjectType: 'feedback-publish' });
        await closeDeadline(trx, 'feedback-answer', F, NOW);
      }),
    ).toMatchSnapshot();
    const existing = recordingDb(() => [{ ...GENERIC_ROW, id: DL, counted_from: RECEIVED, due_at: DUE }]);
    expect(
      await existing.record((trx) =>
        startOrRestartDeadline(trx, { ...CLOCK, receivedAt: NOW, countedFrom: NOW }, { reason: 'transferred', actorId: USER }),
      ),
    ).toMatchSnapshot();
  });

  it('a feedback’s clocks: all of one, the open ones of several (soonest first)', async () => {
    expect(
      await record(async (trx) => {
        await findSubjectDeadlines(trx, F, FEEDBACK_STEPS);
        await findOpenSubjectDeadlines(trx, [F, F2], FEEDBACK_STEPS);
      }),
    ).toMatchSnapshot();
  });
});

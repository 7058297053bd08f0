// The SQL of the feedback repository and of the feedback's step deadlines (deadline repository), snapshotted:
// a changed query shows in review as a changed snapshot (test/db/sql/__snapshots__). Update with
// `npx vitest run test/db/sql -u` and read the diff.
import { describe, expect, it } from 'vitest';
import {
  closeDeadline,
  findFeedbackStepsDueBefore,
  findOpenSubjectDeadlines,
  findSubjectDeadlines,
  openDeadline,
  startOrRestartDeadline,
} from '../../../src/db/repositories/deadline.repository';
import {
  appendFeedbackEvent,
  feedbackOverview,
  findCurrentProcedure,
  findDossierByCodeForFeedback,
  findFeedback,
  findFeedbackAlerts,
  findFeedbackByIntakeKey,
  findFeedbackList,
  findFeedbackOfDossier,
  findPublishedFeedback,
  findStoredFiles,
  findTransferUnits,
  findUnitDirectors,
  findVagueAnswers,
  hasAskedQuestion,
  insertCheckFailure,
  insertFeedback,
  insertFeedbackAlert,
  nextFeedbackNumber,
  updateFeedback,
  upsertFeedbackSetting,
} from '../../../src/db/repositories/feedback.repository';
import { FEEDBACK_DEADLINE_KINDS } from '../../../src/domain/feedback/rules';
import { GENERIC_ROW, recordingDb } from '../../support/sql-recorder';

const F = '30000000-0000-4000-8000-000000000001';
const UNIT = '30000000-0000-4000-8000-000000000002';
const PROVINCE = '30000000-0000-4000-8000-000000000003';
const USER = '30000000-0000-4000-8000-000000000004';
const AT = new Date('2026-03-02T01:00:00.000Z');
const DUE = new Date('2026-03-09T10:00:00.000Z');
const DUTY = [FEEDBACK_DEADLINE_KINDS.refuse, FEEDBACK_DEADLINE_KINDS.answer, FEEDBACK_DEADLINE_KINDS.publish];

describe('feedback repository SQL: intake and the workflow', () => {
  const { record } = recordingDb();

  it('settings, the code of the day, the row, an event', async () => {
    expect(
      await record(async (trx) => {
        await upsertFeedbackSetting(trx, PROVINCE, {
          refuse_days: 2,
          info_days: 5,
          answer_days: 10,
          publish_days: 2,
          boilerplate: null,
          min_answer_chars: 80,
          updated_by: USER,
          updated_at: AT,
        });
        await nextFeedbackNumber(trx, UNIT, '2026-03-02');
        await insertFeedback(trx, {
          code: 'PA-X-260302-0001',
          unit_id: UNIT,
          received_unit_id: UNIT,
          kind: 'service',
          channel: 'web',
          subject: 'Chậm trả kết quả',
          content: 'Hồ sơ trễ hạn',
          contact_name: 'Nguyễn Văn A',
          citizen_id: null,
          dossier_id: null,
          procedure_id: null,
          status: 'received',
          received_at: AT,
          due_at: DUE,
        });
        await appendFeedbackEvent(trx, {
          feedbackId: F,
          seq: 1,
          action: 'create',
          fromStatus: null,
          toStatus: 'received',
          by: { id: null, name: 'Nguyễn Văn A', role: 'citizen' },
          unitId: UNIT,
          reason: '',
          data: { channel: 'web' },
          at: AT,
        });
      }),
    ).toMatchSnapshot();
  });

  it('the reads before intake and an action, the locked load, the write, a failed check, the alert', async () => {
    expect(
      await record(async (trx) => {
        await findDossierByCodeForFeedback(trx, 'X-260302-0001');
        await findStoredFiles(trx, [F]);
        await findFeedbackByIntakeKey(trx, 'public:key-1');
        await findFeedback(trx, F, true);
        await hasAskedQuestion(trx, F);
        await updateFeedback(trx, F, { status: 'accepted', event_count: 2, updated_at: AT });
        await insertCheckFailure(trx, { feedbackId: F, unitId: UNIT, at: AT, actorId: USER, stage: 'answer', checks: ['too-short'] });
        await findUnitDirectors(trx, UNIT);
        await insertFeedbackAlert(trx, {
          feedbackId: F,
          unitId: UNIT,
          kind: 'overdue',
          deadlineKind: 'feedback',
          at: AT,
          dueAt: DUE,
          recipients: [{ userId: USER, name: 'Giám đốc', role: 'centre-director' }],
        });
        await findFeedbackAlerts(trx, [F]);
      }),
    ).toMatchSnapshot();
    expect(await record((trx) => findStoredFiles(trx, []))).toEqual([]);
  });
});

describe('feedback repository SQL: lists and views', () => {
  const { record } = recordingDb();

  it('the officers’ list, a dossier’s feedback, the page’s procedure and transfer targets', async () => {
    expect(
      await record(async (trx) => {
        await findFeedbackList(trx, { unitIds: [UNIT, PROVINCE], limit: 200 });
        await findFeedbackList(trx, { unitIds: [UNIT], status: 'received', limit: 500 });
        await findFeedbackOfDossier(trx, F);
        await findCurrentProcedure(trx, F);
        await findTransferUnits(trx, PROVINCE, UNIT);
      }),
    ).toMatchSnapshot();
  });

  it('published answers: all, a unit’s, searched folded (LIKE escaped)', async () => {
    expect(
      await record(async (trx) => {
        await findPublishedFeedback(trx, { limit: 50 });
        await findPublishedFeedback(trx, { unitId: UNIT, folded: 'cham tra 100%_', limit: 200 });
      }),
    ).toMatchSnapshot();
  });

  it('the overview and the vague-answer signal', async () => {
    expect(
      await record(async (trx) => {
        await feedbackOverview(trx, { unitIds: [UNIT, PROVINCE], from: new Date(0), to: DUE, now: AT });
        await findVagueAnswers(trx, { unitIds: [UNIT], from: AT, to: DUE });
        await findVagueAnswers(trx, { from: AT, to: DUE });
      }),
    ).toMatchSnapshot();
  });
});

describe('deadline repository SQL: a feedback’s step clocks', () => {
  // The clock being restarted had counted from a week before: its old times go into the change row.
  const { record } = recordingDb(() => [{ ...GENERIC_ROW, counted_from: new Date('2026-02-23T01:00:00.000Z'), due_at: AT }]);
  const clock = {
    subjectType: FEEDBACK_DEADLINE_KINDS.answer,
    subjectId: F,
    unitId: UNIT,
    receivedAt: AT,
    workingDays: 10,
    countedFrom: AT,
    dueAt: DUE,
  };

  it('start or restart (with the change row), open the publish clock, close a step', async () => {
    expect(
      await record(async (trx) => {
        await startOrRestartDeadline(trx, clock, { reason: 'transfer: wrong unit', actorId: USER });
        await openDeadline(trx, { ...clock, subjectType: FEEDBACK_DEADLINE_KINDS.publish, workingDays: 2 });
        await closeDeadline(trx, FEEDBACK_DEADLINE_KINDS.refuse, F, AT);
      }),
    ).toMatchSnapshot();
  });

  it('a first start writes no change row', async () => {
    const { record: recordEmpty } = recordingDb((q) => (q.sql.startsWith('select') ? [] : [{}]));
    expect(await recordEmpty((trx) => startOrRestartDeadline(trx, clock, { reason: 'restart', actorId: null }))).toMatchSnapshot();
  });

  it('a feedback’s clocks, the open ones of a list, the watch', async () => {
    expect(
      await record(async (trx) => {
        await findSubjectDeadlines(trx, F, Object.values(FEEDBACK_DEADLINE_KINDS));
        await findOpenSubjectDeadlines(trx, [F, UNIT], DUTY);
        await findFeedbackStepsDueBefore(trx, UNIT, DUE, DUTY);
      }),
    ).toMatchSnapshot();
    expect(await record((trx) => findOpenSubjectDeadlines(trx, [], DUTY))).toEqual([]);
  });
});

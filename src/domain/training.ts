// Training mode: training units live inside the real installation, and the two worlds never meet. Pure: the
// caller passes the unit tree, the actor and the record's history.
//
// - A unit is training when it was created as one or under one (unit.training, fixed by migration 0027).
// - An account holds roles in training units only (a trainee) or real units only; scopes never cross
//   (`unitsWhere` in access.ts leaves training units out of a real province's reach and real ones out of a
//   training province's). Reaching across answers 403 `training-boundary` (`crossesTrainingBoundary`).
// - Synthetic citizens of training carry ID numbers starting 000 (no province has code 000), which the registry
//   adapter answers from the simulator only.
// - Guided exercises: a scenario, the trainee does it in the real screens, `checkExercise` says whether it was
//   done right and, when not, what the law says (shared/domain.md).
import type { Actor, UnitNode } from './access';
import { ANSWER_CHECK_LABELS, checkAnswer, type AnswerCheck, type FeedbackAnswer } from './feedback/answer-checks';
import type { Role } from './roles';

/** ID numbers reserved for training citizens: province code 000 does not exist. */
export const TRAINING_ID_PREFIX = '000';

export function isTrainingIdNumber(idNumber: string): boolean {
  return /^[0-9]{12}$/.test(idNumber) && idNumber.startsWith(TRAINING_ID_PREFIX);
}

export function isTrainingUnit(tree: readonly UnitNode[], unitId: string): boolean {
  return tree.find((u) => u.id === unitId)?.training === true;
}

/** Which world an actor works in: by the units of its roles (an account never holds both, migration 0027). */
export function worldOf(actor: Actor, tree: readonly UnitNode[]): 'training' | 'real' | 'none' {
  if (actor.roles.length === 0) return 'none';
  return actor.roles.some((g) => isTrainingUnit(tree, g.unitId)) ? 'training' : 'real';
}

/**
 * Whether the actor would cross between training and real data by reaching these units (the units a request
 * names or the record it names belongs to). Unknown ids are not a crossing (the service answers 404).
 */
export function crossesTrainingBoundary(
  actor: Actor,
  tree: readonly UnitNode[],
  unitIds: readonly string[],
): 'training-to-real' | 'real-to-training' | null {
  const world = worldOf(actor, tree);
  if (world === 'none') return null;
  for (const id of unitIds) {
    const u = tree.find((x) => x.id === id);
    if (!u) continue;
    if (world === 'training' && !u.training) return 'training-to-real';
    if (world === 'real' && u.training) return 'real-to-training';
  }
  return null;
}

/** Roles a trainee may hold (never an administrator of the system or a real province). */
export const TRAINEE_ROLES: readonly Role[] = ['reception-officer', 'specialist', 'leader', 'centre-director', 'feedback-officer'];

// ---------------------------------------------------------------------------------------------------------------
// Guided exercises

export const EXERCISES = ['routine-intake', 'supplement-request', 'return-result', 'withdrawal-on-request', 'feedback-answer'] as const;
export type Exercise = (typeof EXERCISES)[number];

type Text = { vi: string; en: string };

export type ExerciseDefinition = {
  key: Exercise;
  title: Text;
  /** What the trainee is told; {code}, {citizen} and {idNumber} are filled from the scenario. */
  scenario: Text;
  /** The status the sample dossier must be in (none for intake: the trainee creates it; none for feedback). */
  sampleStatus: 'received' | 'in-progress' | 'result-ready' | null;
  /** Where in the staff app the trainee does it (feedback: the staff feedback page of the sample feedback). */
  screen: 'intake' | 'dossier' | 'feedback';
};

export const EXERCISE_DEFINITIONS: Readonly<Record<Exercise, ExerciseDefinition>> = {
  'routine-intake': {
    key: 'routine-intake',
    title: { vi: 'Tiếp nhận hồ sơ thông thường', en: 'Routine intake' },
    scenario: {
      vi: 'Công dân {citizen} (số định danh {idNumber}) nộp trực tiếp hồ sơ Đăng ký khai sinh đầy đủ giấy tờ. Hãy tra cứu công dân trên CSDL dân cư và tiếp nhận hồ sơ tại quầy.',
      en: 'Citizen {citizen} (ID number {idNumber}) hands in a complete birth registration dossier in person. Look the citizen up in the population registry and receive the dossier at the counter.',
    },
    sampleStatus: null,
    screen: 'intake',
  },
  'supplement-request': {
    key: 'supplement-request',
    title: { vi: 'Yêu cầu bổ sung hồ sơ', en: 'Supplement request' },
    scenario: {
      vi: 'Hồ sơ {code} của công dân {citizen} thiếu giấy tờ. Hãy yêu cầu bổ sung: một lần, bằng văn bản, nêu rõ từng giấy tờ cần bổ sung và lý do.',
      en: 'Dossier {code} of {citizen} lacks papers. Request a supplement: once, in writing, listing each paper needed and why.',
    },
    sampleStatus: 'received',
    screen: 'dossier',
  },
  'return-result': {
    key: 'return-result',
    title: { vi: 'Trả kết quả', en: 'Return of the result' },
    scenario: {
      vi: 'Công dân {citizen} đến nhận kết quả hồ sơ {code}. Hãy trả kết quả và ghi nhận việc bàn giao.',
      en: 'Citizen {citizen} comes for the result of dossier {code}. Return the result and record the handover.',
    },
    sampleStatus: 'result-ready',
    screen: 'dossier',
  },
  'withdrawal-on-request': {
    key: 'withdrawal-on-request',
    title: { vi: 'Rút hồ sơ theo yêu cầu của công dân', en: 'Withdrawal on the citizen’s request' },
    scenario: {
      vi: 'Công dân {citizen} nộp đơn đề nghị rút hồ sơ {code}. Hãy ghi nhận yêu cầu rút hồ sơ của công dân trước khi dừng xử lý.',
      en: 'Citizen {citizen} hands in a written request to withdraw dossier {code}. Record the citizen’s withdrawal request before stopping the processing.',
    },
    sampleStatus: 'in-progress',
    screen: 'dossier',
  },
  'feedback-answer': {
    key: 'feedback-answer',
    title: { vi: 'Trả lời phản ánh, kiến nghị', en: 'Answering citizen feedback' },
    scenario: {
      vi: 'Công dân {citizen} gửi phản ánh {code}, đã được tiếp nhận và đang chờ trả lời. Hãy trả lời cụ thể: nêu kết quả xử lý, căn cứ pháp lý (văn bản, điều khoản), trả lời từng nội dung công dân nêu, việc sẽ làm có đơn vị chịu trách nhiệm và thời hạn; trình lãnh đạo duyệt rồi công khai kết quả.',
      en: 'Citizen {citizen} sent feedback {code}; it was accepted and awaits an answer. Answer specifically: the outcome, the legal basis (document and article), a response to each point raised, any promised action with its responsible unit and date; have a leader approve it, then publish it.',
    },
    sampleStatus: null,
    screen: 'feedback',
  },
};

/** What the law says, cited from shared/domain.md, for each finding the check can make. */
export const LAW: Readonly<Record<string, Text>> = {
  'intake-one-outcome': {
    vi: 'Khi tiếp nhận trực tiếp, cán bộ đối chiếu thành phần hồ sơ theo thủ tục và ban hành đúng một trong: phiếu tiếp nhận và hẹn trả kết quả (hồ sơ đủ), yêu cầu bổ sung có lý do, hoặc từ chối có lý do (TT 03/2025, mẫu 01–03).',
    en: 'At in-person intake the officer checks the components against the procedure and issues exactly one of: receipt and appointment slip (complete), supplement request with reasons, or refusal with reasons (TT 03/2025, forms 01–03).',
  },
  'registry-once': {
    vi: 'Công dân chỉ cung cấp thông tin một lần: lấy thông tin từ CSDL quốc gia về dân cư, không yêu cầu giấy tờ mà CSDL đã có (Nghị định 224/2026, Điều 15).',
    en: 'Citizens give information only once: take it from the National Population Database, never ask for papers it holds (Decree 224/2026 Art. 15).',
  },
  'supplement-once': {
    vi: 'Chỉ yêu cầu bổ sung, hoàn thiện hồ sơ một lần (Nghị định 118, Điều 11), bằng văn bản (mẫu 02) nêu rõ giấy tờ cần bổ sung và lý do.',
    en: 'A supplement may be requested only once (Decree 118 Art. 11), in writing (form 02), naming each paper needed and why.',
  },
  'return-recorded': {
    vi: 'Thời điểm trả kết quả được ghi đến phút, cùng nơi và cách nhận kết quả (TT 03/2025); kết quả chỉ trả khi hồ sơ đã có kết quả.',
    en: 'The time of return is recorded to the minute, with where and how the result was collected (TT 03/2025); a result is returned only once it is issued.',
  },
  'withdrawal-on-request': {
    vi: 'Chỉ rút hồ sơ khi công dân có yêu cầu (trực tiếp, qua bưu chính hoặc trực tuyến); nếu chưa có kết quả, Trung tâm ban hành thông báo dừng xử lý (TT 03/2025, Điều 7, mẫu 05).',
    en: 'A dossier is withdrawn only at the citizen’s request (in person, by post or online); if no result was issued, the centre issues a notice of stopping (TT 03/2025 Art. 7, form 05).',
  },
  'feedback-answer-specific': {
    vi: 'Pháp luật chưa định nghĩa câu trả lời "cụ thể, rõ ràng"; bảng kiểm áp dụng: câu trả lời phản ánh phải nêu kết quả xử lý; dẫn căn cứ pháp lý (văn bản và điều khoản); nêu việc sẽ làm, đơn vị chịu trách nhiệm và thời hạn; trả lời mọi nội dung người dân nêu; được xem xét trước khi công khai. Người dân đánh giá "thời gian và chất lượng ý kiến giải trình" (Nghị định 61, Điều 31(1)(g)); tỉnh đã ghi nhận câu trả lời "chung chung, không cụ thể".',
    en: 'The law does not define a "specific, clear" answer; the checklist applied: a feedback answer must state the outcome; cite the legal basis (document and article); name the action, the responsible unit and a date; answer every point raised; be reviewed before publication. Citizens rate the "timeliness and quality of the explanation" (Decree 61 Art. 31(1)(g)); the province found answers "vague and not specific".',
  },
  'feedback-answer-process': {
    vi: 'Phản ánh được trả lời rồi chuyển sang "chờ công khai" trong 15 ngày làm việc và công khai trong 2 ngày làm việc sau đó (Hệ thống PAKN quốc gia, F766 mục 5.2); câu trả lời được lãnh đạo xem xét trước khi công khai.',
    en: 'Feedback is answered and reaches "awaiting publication" within 15 working days, then is published within 2 working days (national feedback system, F766 §5.2); the answer is reviewed by a leader before publication.',
  },
};

/** One event of the dossier's history, as the check sees it. */
export type CheckEvent = {
  action: string;
  actorId: string | null;
  at: Date;
  reason: string;
  data: Record<string, unknown>;
};

export type CheckInput = {
  exercise: Exercise;
  trainee: string;
  startedAt: Date;
  /** The dossier the exercise is about (for intake: the one the trainee created for the scenario's citizen). */
  dossier: { status: string; applicantIdNumber: string; registryUsed: boolean; receivedBy: string | null; receivedAt: Date } | null;
  events: readonly CheckEvent[];
  /** The scenario's citizen (intake). */
  idNumber: string;
  /** The sample feedback (feedback answer): its state, stored answer, history and the answers refused as vague. */
  feedback?: {
    status: string;
    answer: FeedbackAnswer | null;
    points: readonly string[];
    events: readonly CheckEvent[];
    refused: readonly { actorId: string | null; at: Date; checks: readonly string[] }[];
  } | null;
};

export type Finding = { rule: string; ok: boolean; message: Text; law: Text | null };

const finding = (rule: string, ok: boolean, message: Text, lawKey: string): Finding => ({
  rule,
  ok,
  message,
  law: ok ? null : (LAW[lawKey] ?? null),
});

/** Whether the trainee did the exercise right; each failed finding carries what the law says. */
export function checkExercise(input: CheckInput): { passed: boolean; findings: Finding[] } {
  const mine = input.events.filter((e) => e.actorId === input.trainee && e.at.getTime() >= input.startedAt.getTime());
  const d = input.dossier;
  const findings: Finding[] = [];
  switch (input.exercise) {
    case 'routine-intake': {
      const created = !!d && d.receivedBy === input.trainee && d.receivedAt.getTime() >= input.startedAt.getTime();
      findings.push(
        finding(
          'intake-created',
          created,
          created
            ? { vi: 'Đã tiếp nhận hồ sơ và cấp phiếu tiếp nhận, hẹn trả kết quả.', en: 'The dossier was received and a receipt issued.' }
            : { vi: 'Chưa có hồ sơ nào được tiếp nhận cho công dân này.', en: 'No dossier was received for this citizen.' },
          'intake-one-outcome',
        ),
      );
      if (created) {
        const received = !['refused', 'awaiting-supplement'].includes(d.status);
        findings.push(
          finding(
            'intake-complete',
            received,
            received
              ? {
                  vi: 'Hồ sơ đầy đủ được tiếp nhận, không từ chối hay yêu cầu bổ sung.',
                  en: 'The complete dossier was received, not refused nor sent back.',
                }
              : {
                  vi: 'Hồ sơ đầy đủ không được từ chối hoặc yêu cầu bổ sung.',
                  en: 'A complete dossier must not be refused or sent back for a supplement.',
                },
            'intake-one-outcome',
          ),
          finding(
            'intake-registry',
            d.registryUsed,
            d.registryUsed
              ? { vi: 'Thông tin công dân lấy từ CSDL dân cư.', en: 'The citizen’s data came from the population registry.' }
              : {
                  vi: 'Không tra cứu CSDL dân cư: công dân phải khai lại thông tin.',
                  en: 'The registry was not used: the citizen had to give the data again.',
                },
            'registry-once',
          ),
        );
      }
      break;
    }
    case 'supplement-request': {
      const requests = mine.filter((e) => e.action === 'request-supplement');
      const one = requests.length === 1;
      findings.push(
        finding(
          'supplement-once',
          one,
          one
            ? { vi: 'Đã yêu cầu bổ sung một lần.', en: 'The supplement was requested once.' }
            : requests.length === 0
              ? { vi: 'Chưa gửi yêu cầu bổ sung.', en: 'No supplement request was sent.' }
              : { vi: 'Yêu cầu bổ sung nhiều hơn một lần.', en: 'More than one supplement request.' },
          'supplement-once',
        ),
      );
      if (requests.length > 0) {
        const items = (requests[0]!.data.items as { reason?: unknown }[] | undefined) ?? [];
        const listed = items.length > 0 && items.every((i) => typeof i.reason === 'string' && i.reason.trim().length >= 5);
        findings.push(
          finding(
            'supplement-written-list',
            listed,
            listed
              ? { vi: 'Văn bản nêu rõ từng giấy tờ cần bổ sung và lý do.', en: 'The request lists each paper needed with its reason.' }
              : {
                  vi: 'Văn bản chưa nêu rõ từng giấy tờ cần bổ sung và lý do (mỗi lý do ít nhất 5 ký tự).',
                  en: 'The request does not list each paper with its reason (at least 5 characters each).',
                },
            'supplement-once',
          ),
        );
      }
      break;
    }
    case 'return-result': {
      const ret = mine.find((e) => e.action === 'return-result');
      findings.push(
        finding(
          'return-recorded',
          !!ret && d?.status === 'returned',
          ret
            ? { vi: 'Đã trả kết quả, thời điểm trả được ghi nhận.', en: 'The result was returned and its time recorded.' }
            : { vi: 'Chưa ghi nhận việc trả kết quả.', en: 'The return of the result was not recorded.' },
          'return-recorded',
        ),
      );
      break;
    }
    case 'withdrawal-on-request': {
      const req = mine.find((e) => e.action === 'record-withdrawal-request');
      const stop = mine.find((e) => e.action === 'stop');
      const ordered = !!req && (!stop || req.at.getTime() <= stop.at.getTime());
      findings.push(
        finding(
          'withdrawal-request-recorded',
          ordered,
          ordered
            ? { vi: 'Đã ghi nhận đơn đề nghị rút hồ sơ của công dân.', en: 'The citizen’s withdrawal request is on record.' }
            : { vi: 'Chưa ghi nhận đơn đề nghị rút hồ sơ của công dân.', en: 'The citizen’s withdrawal request is not on record.' },
          'withdrawal-on-request',
        ),
      );
      break;
    }
    case 'feedback-answer':
      findings.push(...checkFeedbackAnswer(input));
      break;
  }
  return { passed: findings.length > 0 && findings.every((f) => f.ok), findings };
}

const since = (input: CheckInput, e: { actorId: string | null; at: Date }) =>
  e.actorId === input.trainee && e.at.getTime() >= input.startedAt.getTime();

/** The feedback answer: by the trainee, specific (answer-checks.ts), reviewed by a leader, then published. */
function checkFeedbackAnswer(input: CheckInput): Finding[] {
  const f = input.feedback;
  const label = (checks: readonly string[], lang: 'vi' | 'en') =>
    [...new Set(checks)].map((c) => ANSWER_CHECK_LABELS[c as AnswerCheck]?.[lang] ?? c).join(' ');
  const answers = (f?.events ?? []).filter((e) => e.action === 'answer' && since(input, e));
  const refused = (f?.refused ?? []).filter((r) => since(input, r));
  if (!f || answers.length === 0) {
    const vague = refused.flatMap((r) => r.checks);
    return [
      vague.length > 0
        ? finding(
            'feedback-answer-specific',
            false,
            {
              vi: `Câu trả lời bị từ chối vì chưa cụ thể: ${label(vague, 'vi')}`,
              en: `The answer was refused as not specific: ${label(vague, 'en')}`,
            },
            'feedback-answer-specific',
          )
        : finding(
            'feedback-answered',
            false,
            { vi: 'Chưa trả lời phản ánh.', en: 'The feedback was not answered.' },
            'feedback-answer-process',
          ),
    ];
  }
  const failed = f.answer ? checkAnswer(f.answer, f.points).map((x) => x.check) : ['no-outcome'];
  const out: Finding[] = [
    finding(
      'feedback-answer-specific',
      failed.length === 0,
      failed.length === 0
        ? {
            vi: 'Câu trả lời cụ thể: nêu kết quả, căn cứ, trả lời từng nội dung.',
            en: 'The answer is specific: outcome, basis, each point answered.',
          }
        : { vi: `Câu trả lời chưa cụ thể: ${label(failed, 'vi')}`, en: `The answer is not specific: ${label(failed, 'en')}` },
      'feedback-answer-specific',
    ),
  ];
  // As the process requires: reviewed (approved by a leader) after the last answer, then published.
  const all = f.events.filter((e) => e.at.getTime() >= input.startedAt.getTime());
  const lastAnswer = Math.max(...answers.map((e) => e.at.getTime()));
  const approve = all.find((e) => e.action === 'approve' && e.at.getTime() >= lastAnswer);
  const publish = all.find((e) => e.action === 'publish' && approve && e.at.getTime() >= approve.at.getTime());
  const published = !!publish && ['published', 'closed'].includes(f.status);
  out.push(
    finding(
      'feedback-published',
      published,
      published
        ? { vi: 'Câu trả lời đã được lãnh đạo duyệt và công khai.', en: 'The answer was approved by a leader and published.' }
        : approve
          ? { vi: 'Câu trả lời đã được duyệt nhưng chưa công khai.', en: 'The answer was approved but not published.' }
          : {
              vi: 'Câu trả lời chưa được lãnh đạo duyệt và công khai.',
              en: 'The answer was not approved by a leader and published.',
            },
      'feedback-answer-process',
    ),
  );
  return out;
}

/** The scenario's text with its blanks filled. */
export function scenarioText(exercise: Exercise, lang: 'vi' | 'en', fill: { code?: string; citizen: string; idNumber: string }): string {
  return EXERCISE_DEFINITIONS[exercise].scenario[lang]
    .replace('{code}', fill.code ?? '')
    .replace('{citizen}', fill.citizen)
    .replace('{idNumber}', fill.idNumber);
}

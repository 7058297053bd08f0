// Training mode (src/domain/training.ts): a province administrator creates training units (a ward under the real
// province, or a whole training province with its ward), gives trainees accounts there, and resets the units to
// their seeded state with one action. The seed goes through the same use cases as real work (DossierService), as
// an instructor account of the unit, so every seeded dossier is one a real officer could have made.
// Trainees take guided exercises: a scenario on a sample dossier, done in the real screens, then checked.
import { randomBytes, randomUUID } from 'node:crypto';
import { unitsWhere, type Actor, type UnitNode } from '../domain/access';
import { passwordAcceptable } from '../domain/password';
import { Problem } from '../domain/problems';
import type { Role } from '../domain/roles';
import {
  checkExercise,
  crossesTrainingBoundary,
  EXERCISE_DEFINITIONS,
  EXERCISES,
  scenarioText,
  TRAINEE_ROLES,
  worldOf,
  type Exercise,
  type Finding,
} from '../domain/training';
import type { Db } from '../db/database';
import { appendAudit } from '../db/repositories/audit.repository';
import { findProcedures } from '../db/repositories/procedure.repository';
import {
  copyCalendar,
  dossierForCheck,
  equipTrainingWard,
  feedbackForCheck,
  firstReceptionPoint,
  findAttempt,
  findInstructor,
  findSampleDossier,
  findSampleFeedback,
  insertAttempt,
  insertTrainingAccount,
  insertTrainingUnit,
  listAttempts,
  listTrainingUnits,
  purgeTrainingUnits,
  recordCheck,
  statusCounts,
  unitsOfRecords,
  usernameTaken,
  type TrainingUnitRow,
} from '../db/repositories/training.repository';
import { forgetUnitTree, listUnitTree } from '../db/repositories/unit.repository';
import { trainingCitizen } from '../simulators/training-citizens';
import { hashPassword } from './auth.service';
import type { FeedbackAnswer } from '../domain/feedback/answer-checks';
import type { DossierService, ActionBody } from './dossier.service';
import type { FeedbackService } from './feedback.service';
import type { FileService } from './file.service';
import { requireActor, type ServiceContext } from './context';

const ADMIN_ROLES: Role[] = ['province-admin', 'system-admin'];
const INSTRUCTOR_ROLES: Role[] = ['reception-officer', 'specialist', 'leader', 'centre-director', 'feedback-officer'];
/** A 1×1 PNG: the synthetic scan of seeded results and withdrawal requests. */
const SAMPLE_SCAN = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

type Step = { action: string; body?: 'assign' | 'supplement' | 'result' | 'return' | 'withdrawal' | 'reason' };
/** The seeded dossiers of each training ward: every state a counter meets, and samples for the exercises. */
const SEED_PATHS: { status: string; steps: Step[]; copies: number }[] = [
  { status: 'received', steps: [], copies: 4 },
  { status: 'in-progress', steps: [{ action: 'assign', body: 'assign' }], copies: 4 },
  { status: 'awaiting-approval', steps: [{ action: 'assign', body: 'assign' }, { action: 'submit-for-approval' }], copies: 1 },
  {
    status: 'approved',
    steps: [{ action: 'assign', body: 'assign' }, { action: 'submit-for-approval' }, { action: 'approve' }],
    copies: 1,
  },
  {
    status: 'result-ready',
    steps: [
      { action: 'assign', body: 'assign' },
      { action: 'submit-for-approval' },
      { action: 'approve' },
      { action: 'issue-result', body: 'result' },
    ],
    copies: 4,
  },
  {
    status: 'returned',
    steps: [
      { action: 'assign', body: 'assign' },
      { action: 'submit-for-approval' },
      { action: 'approve' },
      { action: 'issue-result', body: 'result' },
      { action: 'return-result', body: 'return' },
    ],
    copies: 1,
  },
  { status: 'awaiting-supplement', steps: [{ action: 'request-supplement', body: 'supplement' }], copies: 1 },
  { status: 'withdrawal-requested', steps: [{ action: 'record-withdrawal-request', body: 'withdrawal' }], copies: 1 },
  {
    status: 'stopped',
    steps: [
      { action: 'record-withdrawal-request', body: 'withdrawal' },
      { action: 'stop', body: 'reason' },
    ],
    copies: 1,
  },
  { status: 'refused', steps: [{ action: 'refuse', body: 'reason' }], copies: 1 },
];
export const SEEDED_PER_WARD = SEED_PATHS.reduce((n, p) => n + p.copies, 0);
/** Seeded citizen feedback per ward, accepted and awaiting an answer (samples of the feedback-answer exercise). */
export const SEEDED_FEEDBACK_PER_WARD = 3;
/** The points the sample feedback raises (the answer must respond to each). */
const SAMPLE_FEEDBACK_POINTS = ['Hồ sơ đăng ký khai sinh bị trả chậm so với ngày hẹn', 'Cán bộ không giải thích lý do chậm'];

export type TrainingUnitView = TrainingUnitRow & { dossiers: Record<string, number> };

export type AttemptView = {
  id: string;
  exercise: Exercise;
  title: string;
  scenario: string;
  unitId: string;
  dossierId: string | null;
  /** The sample feedback (feedback answer). */
  feedbackId: string | null;
  screen: 'intake' | 'dossier' | 'feedback';
  startedAt: Date;
  checkedAt: Date | null;
  passed: boolean | null;
  findings: { rule: string; ok: boolean; message: string; law: string | null }[];
};

export class TrainingService {
  constructor(
    private readonly db: Db,
    private readonly dossiers: DossierService,
    private readonly files: FileService,
    private readonly feedback: FeedbackService,
  ) {}

  /** The real provinces the actor administers (where it may create and reset training units). */
  private administered(actor: Actor, tree: readonly UnitNode[]): Set<string> {
    return new Set([...unitsWhere(actor, tree, ADMIN_ROLES)].filter((id) => tree.find((u) => u.id === id)?.type === 'province'));
  }

  private async requireOwner(
    ctx: ServiceContext,
    unitId: string,
  ): Promise<{ actor: Actor; unit: TrainingUnitRow; family: TrainingUnitRow[] }> {
    const actor = requireActor(ctx);
    const tree = await listUnitTree(this.db);
    const all = await listTrainingUnits(this.db);
    const unit = all.find((u) => u.id === unitId);
    if (!unit) {
      if (tree.some((u) => u.id === unitId)) throw new Problem('training-unit-required');
      throw new Problem('not-found', { what: 'unit' });
    }
    if (!this.administered(actor, tree).has(unit.ownerId)) throw new Problem('forbidden');
    // The unit and, for a training province, its wards.
    const family = all.filter((u) => u.id === unit.id || u.parentId === unit.id);
    return { actor, unit, family };
  }

  /** Training units the actor administers (province roles of the owner province) or trains in. */
  async list(ctx: ServiceContext): Promise<TrainingUnitView[]> {
    const actor = requireActor(ctx);
    const tree = await listUnitTree(this.db);
    const owned = this.administered(actor, tree);
    const mine = unitsWhere(actor, tree);
    const units = (await listTrainingUnits(this.db)).filter((u) => owned.has(u.ownerId) || mine.has(u.id));
    return Promise.all(units.map(async (u) => ({ ...u, dossiers: await statusCounts(this.db, [u.id]) })));
  }

  /**
   * Creates a training ward under the real province, or a training province with one training ward, seeded.
   * 201 with the units created.
   */
  async create(
    ctx: ServiceContext,
    input: { provinceId: string; kind: 'ward' | 'province'; name: string },
    now = new Date(),
  ): Promise<TrainingUnitView[]> {
    const actor = requireActor(ctx);
    const tree = await listUnitTree(this.db);
    const province = tree.find((u) => u.id === input.provinceId);
    if (!province || province.type !== 'province' || province.training) throw new Problem('not-found', { what: 'province' });
    if (!this.administered(actor, tree).has(province.id)) throw new Problem('forbidden');
    const tag = randomBytes(3).toString('hex');
    const wards: string[] = [];
    const created: string[] = [];
    await this.db.transaction().execute(async (trx) => {
      let parentId = province.id;
      if (input.kind === 'province') {
        parentId = await insertTrainingUnit(trx, {
          slug: `dao-tao-${tag}`,
          code: `000.DT.${tag.toUpperCase()}`,
          name: `${input.name} (ĐÀO TẠO)`,
          type: 'province',
          parentId: null,
          ownerId: province.id,
        });
        await copyCalendar(trx, parentId, province.id);
        created.push(parentId);
      }
      const wardId = await insertTrainingUnit(trx, {
        slug: `dao-tao-${tag}${input.kind === 'province' ? '-1' : ''}`,
        code: `000.DT.${tag.toUpperCase()}${input.kind === 'province' ? '.1' : ''}`,
        name: input.kind === 'province' ? `Phường Đào tạo 1 (ĐÀO TẠO)` : `${input.name} (ĐÀO TẠO)`,
        type: 'ward',
        parentId,
        ownerId: province.id,
      });
      await equipTrainingWard(trx, wardId, province.id);
      await insertTrainingAccount(trx, {
        username: `huong-dan.${tag}${input.kind === 'province' ? '-1' : ''}`,
        fullName: 'Người hướng dẫn (ĐÀO TẠO)',
        passwordHash: await hashPassword(randomBytes(24).toString('base64url')),
        mustChange: false,
        unitId: wardId,
        roles: INSTRUCTOR_ROLES,
      });
      wards.push(wardId);
      created.push(wardId);
      await appendAudit(trx, {
        actorId: actor.userId,
        actorName: actor.username,
        actorRole: 'province-admin',
        unitId: created[0]!,
        action: 'training.create',
        subjectType: 'unit',
        subjectId: created[0]!,
        requestId: ctx.requestId,
        details: { kind: input.kind, name: input.name, units: created },
      });
    });
    forgetUnitTree(this.db);
    for (const w of wards) await this.seedWard(w, now);
    const all = await listTrainingUnits(this.db);
    return Promise.all(
      all.filter((u) => created.includes(u.id)).map(async (u) => ({ ...u, dossiers: await statusCounts(this.db, [u.id]) })),
    );
  }

  /** A trainee account holding working roles in one training ward; must change the password at first sign-in. */
  async createTrainee(
    ctx: ServiceContext,
    unitId: string,
    input: { username: string; fullName: string; password: string; roles: Role[] },
  ): Promise<{ id: string; username: string; unitId: string; roles: Role[] }> {
    const { actor, unit } = await this.requireOwner(ctx, unitId);
    if (unit.type === 'province') throw new Problem('training-unit-required');
    input = { ...input, roles: [...new Set(input.roles)] };
    const bad = input.roles.find((r) => !TRAINEE_ROLES.includes(r));
    if (bad) throw new Problem('training-role-invalid', { role: bad });
    if (!passwordAcceptable(input.password, input.username)) throw new Problem('password-too-weak');
    const taken = await usernameTaken(this.db, input.username);
    if (taken) throw new Problem('conflict', { reason: `username ${input.username} exists` });
    const passwordHash = await hashPassword(input.password);
    const id = await this.db.transaction().execute(async (trx) => {
      const userId = await insertTrainingAccount(trx, { ...input, passwordHash, mustChange: false, unitId, roles: input.roles });
      await appendAudit(trx, {
        actorId: actor.userId,
        actorName: actor.username,
        actorRole: 'province-admin',
        unitId,
        action: 'training.trainee-create',
        subjectType: 'staff',
        subjectId: userId,
        requestId: ctx.requestId,
        details: { username: input.username, roles: input.roles },
      });
      return userId;
    });
    return { id, username: input.username, unitId, roles: input.roles };
  }

  /** One action: every dossier of the training unit (and its wards) goes, and the seed is made again. */
  async reset(ctx: ServiceContext, unitId: string, now = new Date()): Promise<TrainingUnitView[]> {
    const { actor, family } = await this.requireOwner(ctx, unitId);
    const ids = family.map((u) => u.id);
    await this.db.transaction().execute(async (trx) => {
      const removed = await purgeTrainingUnits(trx, ids);
      await appendAudit(trx, {
        actorId: actor.userId,
        actorName: actor.username,
        actorRole: 'province-admin',
        unitId,
        action: 'training.reset',
        subjectType: 'unit',
        subjectId: unitId,
        requestId: ctx.requestId,
        details: { units: ids, dossiersRemoved: removed },
      });
    });
    for (const u of family) if (u.type !== 'province') await this.seedWard(u.id, now);
    return Promise.all(family.map(async (u) => ({ ...u, dossiers: await statusCounts(this.db, [u.id]) })));
  }

  /** The seed of one training ward, through the real use cases, as the ward's instructor. */
  private async seedWard(unitId: string, now: Date): Promise<void> {
    const instructor = await findInstructor(this.db, unitId);
    if (!instructor) return;
    const ctx: ServiceContext = {
      actor: {
        userId: instructor.id,
        username: instructor.username,
        fullName: instructor.fullName,
        roles: INSTRUCTOR_ROLES.map((role) => ({ unitId, role })),
      },
      requestId: `training-seed-${randomUUID()}`,
      lang: 'vi',
      ip: '127.0.0.1',
    };
    const procs = await findProcedures(this.db, { unitId, limit: 200 });
    const proc =
      procs.find((p) => p.channels.includes('in-person') && p.components.some((c) => !c.mandatory && !c.fromRegistry)) ??
      procs.find((p) => p.channels.includes('in-person'));
    if (!proc) return;
    const point = await firstReceptionPoint(this.db, unitId);
    const optional = proc.components.find((c) => !c.mandatory && !c.fromRegistry) ?? proc.components[0]!;
    const scan = await this.files.upload(ctx, unitId, SAMPLE_SCAN, 'mau-dao-tao.png');
    const bodies: Record<NonNullable<Step['body']>, ActionBody> = {
      assign: { assigneeId: instructor.id },
      supplement: {
        reason: 'Thiếu giấy tờ (mẫu đào tạo)',
        items: [{ componentId: optional.id, reason: 'Bản sao chưa chứng thực (mẫu đào tạo)' }],
      },
      result: { resultFileIds: [scan.id] },
      return: { handover: { method: 'electronic' } },
      withdrawal: { channel: 'in-person', reason: 'Công dân nộp đơn đề nghị rút hồ sơ (mẫu đào tạo)', evidenceFileIds: [scan.id] },
      reason: { reason: 'Lý do mẫu của dữ liệu đào tạo' },
    };
    let i = 0;
    for (const path of SEED_PATHS)
      for (let k = 0; k < path.copies; k++) {
        const c = trainingCitizen(i++);
        const d = await this.dossiers.create(
          ctx,
          {
            procedureId: proc.id,
            competentUnitId: unitId,
            receptionPointId: point.id,
            channel: 'in-person',
            applicant: { idNumber: c.idNumber, fullName: c.fullName, phone: c.phone, address: c.address },
            components: proc.components.filter((x) => x.mandatory && !x.fromRegistry).map((x) => ({ componentId: x.id, presented: true })),
          },
          now,
        );
        for (const s of path.steps)
          await this.dossiers.act(ctx, d.id, s.action as Parameters<DossierService['act']>[2], s.body ? bodies[s.body] : {}, now);
      }
    // Citizen feedback brought to the counter, accepted with its points: it awaits an answer.
    for (let k = 0; k < SEEDED_FEEDBACK_PER_WARD; k++) {
      const c = trainingCitizen(i++);
      const f = await this.feedback.submit(
        ctx,
        {
          unitId,
          kind: 'service',
          channel: 'counter',
          subject: 'Hồ sơ trả chậm, không được giải thích (mẫu đào tạo)',
          content:
            'Tôi nộp hồ sơ đăng ký khai sinh cho con, hẹn trả sau 3 ngày nhưng đến hẹn chưa có kết quả, cán bộ không giải thích lý do. Đề nghị trả lời rõ. (Dữ liệu đào tạo)',
          points: SAMPLE_FEEDBACK_POINTS,
          contact: { fullName: c.fullName, phone: c.phone, address: c.address },
        },
        now,
      );
      await this.feedback.act(ctx, f.id, 'accept', { points: SAMPLE_FEEDBACK_POINTS }, now);
    }
  }

  // -------------------------------------------------------------------------------------------------------------
  // Guided exercises

  private async trainee(ctx: ServiceContext): Promise<{ actor: Actor; unitId: string }> {
    const actor = requireActor(ctx);
    const tree = await listUnitTree(this.db);
    if (worldOf(actor, tree) !== 'training') throw new Problem('training-boundary', {}, { direction: 'real-to-training' });
    const unitId = actor.roles.find((g) => tree.find((u) => u.id === g.unitId && u.type !== 'province'))?.unitId;
    if (!unitId) throw new Problem('training-unit-required');
    return { actor, unitId };
  }

  async exercises(
    ctx: ServiceContext,
  ): Promise<{ exercises: { key: Exercise; title: string; screen: string }[]; attempts: AttemptView[] }> {
    const { actor } = await this.trainee(ctx);
    const rows = await listAttempts(this.db, actor.userId);
    return {
      exercises: EXERCISES.map((k) => ({ key: k, title: EXERCISE_DEFINITIONS[k].title[ctx.lang], screen: EXERCISE_DEFINITIONS[k].screen })),
      attempts: rows.map((r) => this.view(r, ctx.lang)),
    };
  }

  /** Starts an exercise: a sample dossier in the right state (or, for intake, a citizen) becomes the scenario. */
  async start(ctx: ServiceContext, exercise: Exercise, now = new Date()): Promise<AttemptView> {
    const { actor, unitId } = await this.trainee(ctx);
    const def = EXERCISE_DEFINITIONS[exercise];
    const instructor = await findInstructor(this.db, unitId);
    let subject: { id: string | null; code: string; citizen: string; idNumber: string };
    if (exercise === 'feedback-answer') {
      const f = await findSampleFeedback(this.db, unitId);
      if (!f) throw new Problem('training-exercise-unavailable');
      subject = { id: f.id, code: f.code, citizen: f.contact_name, idNumber: '' };
    } else if (def.sampleStatus) {
      const d = instructor ? await findSampleDossier(this.db, unitId, def.sampleStatus, instructor.id) : undefined;
      if (!d) throw new Problem('training-exercise-unavailable');
      subject = { id: d.id, code: d.code, citizen: d.applicant_name, idNumber: d.applicant_id_number };
    } else {
      // A citizen the unit has no dossier for yet: 100 + a number spread by the clock, so trainees differ.
      const c = trainingCitizen(100 + (Math.floor(now.getTime() / 1000) % 100));
      subject = { id: null, code: '', citizen: c.fullName, idNumber: c.idNumber };
    }
    const row = await insertAttempt(this.db, {
      userId: actor.userId,
      unitId,
      exercise,
      subjectId: subject.id,
      startedAt: now,
      scenario: { code: subject.code, citizen: subject.citizen, idNumber: subject.idNumber },
    });
    const a = await findAttempt(this.db, row.id, actor.userId);
    return this.view(a!, ctx.lang);
  }

  /** Checks the attempt against what the trainee did since it started; failed findings cite the law. */
  async check(ctx: ServiceContext, attemptId: string, now = new Date()): Promise<AttemptView> {
    const { actor } = await this.trainee(ctx);
    const a = await findAttempt(this.db, attemptId, actor.userId);
    if (!a) throw new Problem('not-found', { what: 'exercise' });
    const scenario = this.scenarioOf(a.findings);
    const exercise = a.exercise as Exercise;
    const fb = exercise === 'feedback-answer' && a.subject_id ? await feedbackForCheck(this.db, a.subject_id) : null;
    const got =
      exercise === 'feedback-answer'
        ? { dossier: null, events: [] }
        : await dossierForCheck(this.db, { id: a.subject_id, unitId: a.unit_id, idNumber: scenario.idNumber, since: a.started_at });
    const result = checkExercise({
      exercise,
      trainee: actor.userId,
      startedAt: a.started_at,
      dossier: got.dossier,
      events: got.events,
      idNumber: scenario.idNumber,
      feedback: fb ? { ...fb, answer: fb.answer as FeedbackAnswer | null } : null,
    });
    await recordCheck(this.db, a.id, now, result.passed, [{ scenario }, ...result.findings]);
    return this.view((await findAttempt(this.db, a.id, actor.userId))!, ctx.lang);
  }

  private scenarioOf(findings: unknown[]): { code: string; citizen: string; idNumber: string } {
    const first = (findings[0] ?? {}) as { scenario?: { code?: string; citizen?: string; idNumber?: string } };
    return { code: first.scenario?.code ?? '', citizen: first.scenario?.citizen ?? '', idNumber: first.scenario?.idNumber ?? '' };
  }

  private view(
    r: {
      id: string;
      exercise: string;
      unit_id: string;
      subject_id: string | null;
      started_at: Date;
      checked_at: Date | null;
      passed: boolean | null;
      findings: unknown[];
    },
    lang: 'vi' | 'en',
  ): AttemptView {
    const exercise = r.exercise as Exercise;
    const scenario = this.scenarioOf(r.findings);
    const findings = (r.findings.slice(1) as Finding[]).map((f) => ({
      rule: f.rule,
      ok: f.ok,
      message: f.message[lang],
      law: f.law ? f.law[lang] : null,
    }));
    return {
      id: r.id,
      exercise,
      title: EXERCISE_DEFINITIONS[exercise].title[lang],
      scenario: scenarioText(exercise, lang, scenario),
      unitId: r.unit_id,
      dossierId: exercise === 'feedback-answer' ? null : r.subject_id,
      feedbackId: exercise === 'feedback-answer' ? r.subject_id : null,
      screen: EXERCISE_DEFINITIONS[exercise].screen,
      startedAt: r.started_at,
      checkedAt: r.checked_at,
      passed: r.passed,
      findings,
    };
  }

  // -------------------------------------------------------------------------------------------------------------
  // The boundary

  /** 403 `training-boundary` when a request would reach across between training and real units or records. */
  async assertSameWorld(ctx: ServiceContext, names: { unitIds: string[]; dossierIds: string[]; feedbackIds: string[] }): Promise<void> {
    const actor = ctx.actor;
    if (!actor) return;
    const tree = await listUnitTree(this.db);
    if (!tree.some((u) => u.training)) return;
    const unitIds = [...names.unitIds, ...(await unitsOfRecords(this.db, names))];
    const crossing = crossesTrainingBoundary(actor, tree, unitIds);
    if (crossing) throw new Problem('training-boundary', {}, { direction: crossing });
  }
}

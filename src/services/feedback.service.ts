// Feedback (phản ánh, kiến nghị) from every channel to the citizen's verdict, in four services
// (src/services/feedback/):
//   intake.service.ts   from the public site, the portal, an officer (counter, phone, letter), a dossier's
//                       dislike and a low counter rating;
//   actions.service.ts  the answer workflow (accept, refuse, transfer, the question, answer, return, approve,
//                       publish, close, reopen), the sender's rating, the province's step limits;
//   queries.service.ts  the officers' list and page, a dossier's feedback, the overview, the vague-answer signal;
//   public.service.ts   the sender's view and the published answers.
// Every query is in src/db/repositories/feedback.repository.ts; the step deadlines (refuse, information,
// answer, publish) in src/db/repositories/deadline.repository.ts on the pure clock src/domain/calendar/clock.ts.
// This facade keeps the one `FeedbackService` its callers (routes, portal, ratings, training, seed, tests) were
// written against; new code may take the service it needs.
import type { Config } from '../config';
import type { Actor } from '../domain/access';
import type { FeedbackAction, FeedbackStatus } from '../domain/feedback/lifecycle';
import type { FeedbackDeadlines } from '../domain/feedback/rules';
import type { Db } from '../db/database';
import type { CalendarService } from './calendar.service';
import type { ServiceContext } from './context';
import { FeedbackActionService } from './feedback/actions.service';
import { feedbackSettings, type FeedbackActionBody, type FeedbackDeps, type FeedbackSettings, type Trx } from './feedback/common';
import { FeedbackIntakeService, type FeedbackInput } from './feedback/intake.service';
import { FeedbackPublicService } from './feedback/public.service';
import { FeedbackQueryService } from './feedback/queries.service';

export type { FeedbackActionBody } from './feedback/common';
export type { FeedbackInput } from './feedback/intake.service';

export class FeedbackService {
  readonly intake: FeedbackIntakeService;
  readonly actions: FeedbackActionService;
  readonly queries: FeedbackQueryService;
  readonly public: FeedbackPublicService;
  private readonly db: Db;

  constructor(db: Db, config: Pick<Config, 'publicUrl'>, calendar: CalendarService) {
    const deps: FeedbackDeps = { db, config, calendar };
    this.db = db;
    this.intake = new FeedbackIntakeService(deps);
    this.actions = new FeedbackActionService(deps);
    this.queries = new FeedbackQueryService(deps);
    this.public = new FeedbackPublicService(deps);
  }

  // ——— settings ———

  settings(provinceId: string, db: Db | Trx = this.db): Promise<FeedbackSettings> {
    return feedbackSettings(db, provinceId);
  }

  putSettings(
    ctx: ServiceContext,
    provinceId: string,
    body: FeedbackDeadlines & { boilerplate?: string[] | null; minAnswerChars?: number },
  ): Promise<FeedbackSettings> {
    return this.actions.putSettings(ctx, provinceId, body);
  }

  // ——— receiving ———

  submit(
    ctx: ServiceContext,
    input: FeedbackInput,
    now = new Date(),
  ): Promise<{ id: string; code: string; status: FeedbackStatus; dueAt: Date | null }> {
    return this.intake.submit(ctx, input, now);
  }

  fromDossierDislike(trx: Trx, dossierId: string, citizenId: string, reason: string, now = new Date()): Promise<string> {
    return this.intake.fromDossierDislike(trx, dossierId, citizenId, reason, now);
  }

  fromCounterRating(
    r: { ratingId: string; unitId: string; officerId: string | null; dossierId: string | null; comment: string },
    now = new Date(),
  ): Promise<string> {
    return this.intake.fromCounterRating(r, now);
  }

  // ——— reading ———

  load(db: Db | Trx, id: string, lock = false) {
    return this.queries.load(db, id, lock);
  }

  readableUnits(actor: Actor): Promise<Set<string>> {
    return this.queries.readableUnits(actor);
  }

  list(ctx: ServiceContext, q: Parameters<FeedbackQueryService['list']>[1], now = new Date()) {
    return this.queries.list(ctx, q, now);
  }

  get(ctx: ServiceContext, id: string, now = new Date()) {
    return this.queries.get(ctx, id, now);
  }

  forDossier(ctx: ServiceContext, dossierId: string) {
    return this.queries.forDossier(ctx, dossierId);
  }

  overview(ctx: ServiceContext, q: Parameters<FeedbackQueryService['overview']>[1], now = new Date()) {
    return this.queries.overview(ctx, q, now);
  }

  vagueAnswerSignal(ctx: ServiceContext, q: Parameters<FeedbackQueryService['vagueAnswerSignal']>[1]) {
    return this.queries.vagueAnswerSignal(ctx, q);
  }

  // ——— acting ———

  act(ctx: ServiceContext, id: string, action: FeedbackAction, body: FeedbackActionBody, now = new Date()) {
    return this.actions.act(ctx, id, action, body, now);
  }

  rate(ctx: ServiceContext, code: string, body: Parameters<FeedbackActionService['rate']>[2], now = new Date()) {
    return this.actions.rate(ctx, code, body, now);
  }

  // ——— the public page ———

  senderView(ctx: ServiceContext, code: string, phone?: string) {
    return this.public.senderView(ctx, code, phone);
  }

  published(q: Parameters<FeedbackPublicService['published']>[0]) {
    return this.public.published(q);
  }
}

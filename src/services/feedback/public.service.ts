// The public page: the sender's view of their feedback (by phone number or portal session) and the published
// answers of a unit, personal data removed, searched with or without diacritics. Every query is in
// src/db/repositories/feedback.repository.ts.
import { foldVietnamese } from '../../domain/catalogue/procedure';
import type { FeedbackStatus } from '../../domain/feedback/lifecycle';
import { ratingWindowOpen, redact, RATING_WINDOW_DAYS } from '../../domain/feedback/rules';
import { Problem } from '../../domain/problems';
import type { FeedbackAnswerJson } from '../../db/schema';
import { findFeedbackByCode, findFeedbackUnit, findPublishedFeedback } from '../../db/repositories/feedback.repository';
import type { ServiceContext } from '../context';
import { publicAnswer, senderMatches, type FeedbackDeps } from './common';

export class FeedbackPublicService {
  constructor(private readonly deps: FeedbackDeps) {}

  private get db() {
    return this.deps.db;
  }

  /** The sender's view: status, unit, due times, the question, the published answer. */
  async senderView(ctx: ServiceContext, code: string, phone?: string) {
    const f = await findFeedbackByCode(this.db, code);
    if (!f || !senderMatches(f, ctx.citizen, phone)) throw new Problem('not-found', { what: 'feedback' });
    const u = await findFeedbackUnit(this.db, f.unit_id);
    if (!u) throw new Problem('not-found', { what: 'feedback' });
    const now = new Date();
    return {
      code: f.code,
      status: f.status as FeedbackStatus,
      kind: f.kind,
      subject: f.subject,
      unit: { id: u.id, name: u.name },
      receivedAt: f.received_at,
      dueAt: f.due_at,
      question: f.status === 'awaiting-information' ? f.question : null,
      refusalReason: f.refusal_reason,
      publishedAt: f.published_at,
      answer: f.published_at && f.answer && f.status !== 'reopened' ? publicAnswer(f.answer as FeedbackAnswerJson) : null,
      rating: f.rated_at ? { satisfied: !!f.rating_satisfied, reason: f.rating_reason ?? '' } : null,
      canRate: f.status === 'published' && !f.rated_at && ratingWindowOpen(f.published_at, now),
      rateUntil: f.published_at ? new Date(f.published_at.getTime() + RATING_WINDOW_DAYS * 86_400_000) : null,
    };
  }

  /** Published answers of a unit (or all), personal data removed; `q` matches with or without diacritics. */
  async published(q: { unitId?: string; q?: string; limit?: number }) {
    const needle = q.q?.trim() ? foldVietnamese(q.q.trim()) : '';
    const rows = await findPublishedFeedback(this.db, {
      unitId: q.unitId,
      folded: needle || undefined,
      limit: Math.min(q.limit ?? 50, 200),
    });
    return rows.map((r) => ({
      code: r.code,
      kind: r.kind,
      unitId: r.unit_id,
      unitName: r.unit_name,
      subject: redact(r.subject, [r.contact_name]),
      content: redact(r.content, [r.contact_name]),
      answer: publicAnswer(r.answer as FeedbackAnswerJson),
      publishedAt: r.published_at!,
      satisfied: r.rating_satisfied,
    }));
  }
}

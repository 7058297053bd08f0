// The catalogue review (issue 17): the province's reviewer sees, per procedure, what its version under review
// changes against the previous published version (e-form fields and elements), where the province's units handle
// it differently (fees charged, reception), the elements still missing and a processing time that differs from
// the law's; records the law's time; and signs off (who, when, what the review showed then; audited).
import { policies } from '../domain/access';
import { diffFormFields, ELEMENT_LABELS, missingElements, type Element, type FieldChange } from '../domain/catalogue/publication';
import {
  checkTime,
  diffElements,
  unitDifferences,
  UNIT_DIFFERENCE_LABELS,
  type ElementChange,
  type TimeCheck,
  type UnitDifference,
  type UnitPractice,
} from '../domain/catalogue/review';
import { Problem } from '../domain/problems';
import type { Db } from '../db/database';
import { appendAudit } from '../db/repositories/audit.repository';
import {
  handledBy,
  insertSignOff,
  latestSignOffs,
  legalTimes,
  provinceUnits,
  provinceVersions,
  setLegalTime,
  usualFees,
} from '../db/repositories/catalogue-review.repository';
import { findProcedures, type ProcedureView } from '../db/repositories/procedure.repository';
import { listUnitTree } from '../db/repositories/unit.repository';
import { requireActor, roleIn, type ServiceContext } from './context';

/** How far back the fees units charge are read (their dossiers of the procedure). */
export const FEE_WINDOW_DAYS = 90;

export type ReviewItem = {
  procedureId: string;
  code: string;
  name: string;
  /** The version reviewed: the draft or reviewed version being prepared, else the one in force. */
  versionId: string;
  version: number;
  status: 'draft' | 'reviewed' | 'published' | 'withdrawn' | 'legacy';
  against: { versionId: string; version: number } | null;
  fields: FieldChange[];
  elements: ElementChange[];
  missing: { element: Element; vi: string; en: string }[];
  time: TimeCheck & { legalSource: string | null };
  units: (UnitPractice & { differs: UnitDifference[] })[];
  /** How many things the review flags: missing elements, a time unlike the law's, units that differ. */
  flags: number;
  signOff: { versionId: string; version: number; by: string; at: Date; note: string; current: boolean } | null;
};

export class CatalogueReviewService {
  constructor(
    private readonly db: Db,
    private readonly provinceOf: (unitId?: string) => Promise<string>,
  ) {}

  private async assertReviewer(ctx: ServiceContext) {
    const actor = requireActor(ctx);
    const provinceId = await this.provinceOf();
    const tree = await listUnitTree(this.db);
    if (!policies.createUnit(actor, tree, provinceId)) throw new Problem('forbidden');
    return { provinceId, actor };
  }

  /** The review of every procedure of the province (or of the given ones), most flags first. */
  async list(ctx: ServiceContext, q: { procedureIds?: string[]; now?: Date } = {}): Promise<ReviewItem[]> {
    const { provinceId } = await this.assertReviewer(ctx);
    return this.build(provinceId, q.procedureIds, q.now ?? new Date());
  }

  private async build(provinceId: string, only: string[] | undefined, now: Date): Promise<ReviewItem[]> {
    const versions = (await provinceVersions(this.db, provinceId)).filter((v) => !only || only.includes(v.procedureId));
    const byProcedure = new Map<string, typeof versions>();
    for (const v of versions) byProcedure.set(v.procedureId, [...(byProcedure.get(v.procedureId) ?? []), v]);
    // Per procedure: the version under review, and the published version before it.
    const picks = [...byProcedure.entries()].map(([procedureId, vs]) => {
      const open = vs.find((v) => v.status === 'draft' || v.status === 'reviewed');
      const reviewed = open ?? vs.find((v) => v.versionId === v.currentVersionId) ?? vs[0]!;
      const previous = vs.find((v) => v.version < reviewed.version && (v.status === null || v.status === 'published')) ?? null;
      return { procedureId, reviewed, previous };
    });
    const ids = [...new Set(picks.flatMap((p) => [p.reviewed.versionId, ...(p.previous ? [p.previous.versionId] : [])]))];
    const views = new Map<string, ProcedureView>(
      (ids.length ? await findProcedures(this.db, { versionIds: ids, limit: ids.length }) : []).map((v) => [v.versionId, v]),
    );
    const units = await provinceUnits(this.db, provinceId);
    const unitIds = units.map((u) => u.id);
    const handled = new Set((await handledBy(this.db, unitIds)).map((h) => `${h.unitId}:${h.procedureId}`));
    const fees = new Map(
      (await usualFees(this.db, unitIds, new Date(now.getTime() - FEE_WINDOW_DAYS * 86_400_000))).map((f) => [
        `${f.unitId}:${f.procedureId}`,
        f.fee,
      ]),
    );
    const procedureIds = picks.map((p) => p.procedureId);
    const legal = new Map((await legalTimes(this.db, procedureIds)).map((l) => [l.procedureId, l]));
    const signed = new Map((await latestSignOffs(this.db, procedureIds)).map((s) => [s.procedureId, s]));
    const items: ReviewItem[] = [];
    for (const p of picks) {
      const view = views.get(p.reviewed.versionId);
      if (!view) continue;
      const before = p.previous ? (views.get(p.previous.versionId) ?? null) : null;
      const practice = unitDifferences(
        units.map((u) => ({
          unitId: u.id,
          name: u.name,
          handles: handled.has(`${u.id}:${p.procedureId}`),
          feeCharged: fees.get(`${u.id}:${p.procedureId}`) ?? null,
          cutoffTime: u.cutoffTime,
          saturdayReception: u.saturdayReception,
          receptionPoints: u.receptionPoints,
        })),
        view.fee,
      );
      const law = legal.get(p.procedureId);
      const time = checkTime(view.processingDays, law?.legalDays ?? null);
      const missing = missingElements(view).map((e) => ({ element: e, vi: ELEMENT_LABELS[e].vi, en: ELEMENT_LABELS[e].en }));
      const s = signed.get(p.procedureId);
      items.push({
        procedureId: p.procedureId,
        code: view.code,
        name: view.name,
        versionId: view.versionId,
        version: view.version,
        status: p.reviewed.status ?? 'legacy',
        against: before ? { versionId: before.versionId, version: before.version } : null,
        fields: before ? diffFormFields(before.formSchema, view.formSchema) : [],
        elements: diffElements(before, view),
        missing,
        time: { ...time, legalSource: law?.source ?? null },
        units: practice,
        flags: missing.length + (time.differs ? 1 : 0) + practice.filter((u) => u.differs.length).length,
        signOff: s ? { ...s, at: s.signedAt, current: s.versionId === view.versionId } : null,
      });
    }
    items.sort((a, b) => b.flags - a.flags || a.code.localeCompare(b.code));
    return items;
  }

  /** Records the time limit the law sets for a procedure (and where it says so). */
  async setLegalTime(ctx: ServiceContext, procedureId: string, body: { days: number; source: string }): Promise<ReviewItem> {
    const { provinceId, actor } = await this.assertReviewer(ctx);
    const [p] = await findProcedures(this.db, { ids: [procedureId], provinceId });
    if (!p) throw new Problem('not-found', { what: 'procedure' });
    await this.db.transaction().execute(async (trx) => {
      await setLegalTime(trx, procedureId, body.days, body.source.trim(), actor.userId);
      await appendAudit(trx, {
        actorId: actor.userId,
        actorName: actor.username,
        actorRole: roleIn(actor, provinceId),
        unitId: provinceId,
        action: 'procedure.legal-time',
        subjectType: 'procedure',
        subjectId: procedureId,
        requestId: ctx.requestId,
        details: { days: body.days, source: body.source.trim() },
      });
    });
    return (await this.build(provinceId, [procedureId], new Date()))[0]!;
  }

  /**
   * The reviewer signs off the version under review: recorded with who and when, and what the review showed then
   * (the findings), in the audit log too. Only the version the review shows may be signed off (a stale screen is
   * refused with 409, naming the version now under review).
   */
  async signOff(ctx: ServiceContext, procedureId: string, body: { versionId: string; note?: string }): Promise<ReviewItem> {
    const { provinceId, actor } = await this.assertReviewer(ctx);
    const [item] = await this.build(provinceId, [procedureId], new Date());
    if (!item) throw new Problem('not-found', { what: 'procedure' });
    if (item.versionId !== body.versionId) throw new Problem('review-version-stale', { version: item.version });
    const findings = {
      version: item.version,
      against: item.against?.version ?? null,
      fields: item.fields.length,
      elements: item.elements.map((e) => e.element),
      missing: item.missing.map((m) => m.element),
      time: item.time,
      units: item.units.filter((u) => u.differs.length).map((u) => ({ unit: u.name, differs: u.differs })),
    };
    await this.db.transaction().execute(async (trx) => {
      await insertSignOff(trx, { procedureId, versionId: item.versionId, actorId: actor.userId, note: body.note?.trim() ?? '', findings });
      await appendAudit(trx, {
        actorId: actor.userId,
        actorName: actor.username,
        actorRole: roleIn(actor, provinceId),
        unitId: provinceId,
        action: 'procedure.review-sign-off',
        subjectType: 'procedure',
        subjectId: procedureId,
        requestId: ctx.requestId,
        details: findings,
      });
    });
    return (await this.build(provinceId, [procedureId], new Date()))[0]!;
  }
}

export { UNIT_DIFFERENCE_LABELS };

// Publishing procedure versions (issue 17): the e-form builder and the editor save a new draft version (versions
// in use never change), a province administrator reviews it and publishes it with the deciding document; before
// publishing, the procedure's elements are checked. Also the readable diff of e-form fields against the version
// in force and which open applications and dossiers stay on older versions.
import { policies } from '../domain/access';
import { ProcedureInput } from '../domain/catalogue/procedure';
import {
  checkDecision,
  diffFormFields,
  ELEMENT_LABELS,
  missingElements,
  nextStatus,
  type Decision,
  type Element,
  type FieldChange,
  type PublicationAction,
} from '../domain/catalogue/publication';
import { OPEN_STATUSES } from '../domain/dossier/lifecycle';
import { checkDefinition, fromSchema, type DefinitionIssue } from '../domain/eform/builder';
import { Problem } from '../domain/problems';
import type { Db } from '../db/database';
import { appendAudit } from '../db/repositories/audit.repository';
import {
  findProcedures,
  insertDraftPublication,
  insertVersion,
  listVersionsWithPublication,
  lockNextVersion,
  lockPublication,
  openUseByVersion,
  publishVersion,
  setPublicationStatus,
  withdrawOpenDraft,
  type ProcedureView,
} from '../db/repositories/procedure.repository';
import { listUnitTree } from '../db/repositories/unit.repository';
import { formSchemaError } from './catalogue.service';
import { requireActor, roleIn, type ServiceContext } from './context';

export type VersionPublication = {
  versionId: string;
  version: number;
  /** `legacy`: published directly, before the workflow (no record). */
  status: 'draft' | 'reviewed' | 'published' | 'withdrawn' | 'legacy';
  current: boolean;
  createdAt: Date;
  reviewedAt: Date | null;
  decisionNumber: string | null;
  decisionDate: string | null;
  effectiveDate: string | null;
  publishedAt: Date | null;
  missing: { element: Element; field: string; vi: string; en: string }[];
};

export type VersionChanges = {
  versionId: string;
  version: number;
  against: { versionId: string; version: number } | null;
  fields: FieldChange[];
  /** Open applications and dossiers on other versions: they continue on their version. */
  stayOnOlder: { versionId: string; version: number; applications: number; dossiers: number }[];
};

const ACTION_WORDS: Record<PublicationAction, { vi: string; en: string }> = {
  review: { vi: 'duyệt', en: 'reviewed' },
  return: { vi: 'trả lại', en: 'returned' },
  publish: { vi: 'công bố', en: 'published' },
  replace: { vi: 'thay thế', en: 'replaced' },
};

/** The builder's checks, when the e-form is one the builder made: any mistake refuses the save, at its field. */
export function formDefinitionIssues(schema: Record<string, unknown> | undefined): DefinitionIssue[] {
  if (!schema) return [];
  const read = fromSchema(schema);
  return read.ok ? checkDefinition(read.definition) : [];
}

export class PublicationService {
  constructor(
    private readonly db: Db,
    private readonly provinceOf: (unitId?: string) => Promise<string>,
  ) {}

  private async assertProvinceAdmin(ctx: ServiceContext) {
    const actor = requireActor(ctx);
    const provinceId = await this.provinceOf();
    const tree = await listUnitTree(this.db);
    if (!policies.createUnit(actor, tree, provinceId)) throw new Problem('forbidden');
    return { provinceId, actor };
  }

  private async version(versionId: string): Promise<ProcedureView> {
    const [p] = await findProcedures(this.db, { versionIds: [versionId] });
    if (!p) throw new Problem('not-found', { what: 'procedure version' });
    return p;
  }

  /** Saves an edit as a new draft version; the version in force and every version in use stay as they are. */
  async saveDraft(ctx: ServiceContext, procedureId: string, raw: ProcedureInput): Promise<VersionPublication> {
    const { provinceId, actor } = await this.assertProvinceAdmin(ctx);
    const input = ProcedureInput.parse(raw);
    const [current] = await findProcedures(this.db, { ids: [procedureId], provinceId });
    if (!current) throw new Problem('not-found', { what: 'procedure' });
    if (current.code !== input.code) throw new Problem('validation-failed', { summary: 'code: a procedure keeps its national code' });
    const err = formSchemaError(input.formSchema);
    if (err) throw new Problem('form-schema-invalid', { message: err });
    const issues = formDefinitionIssues(input.formSchema);
    if (issues.length)
      throw new Problem(
        'form-definition-invalid',
        { count: issues.length, key: issues[0]!.key, first: issues[0]!.vi, firstEn: issues[0]!.en },
        { issues },
      );
    const versionId = await this.db.transaction().execute(async (trx) => {
      const version = await lockNextVersion(trx, procedureId);
      const withdrawn = await withdrawOpenDraft(trx, procedureId);
      const id = await insertVersion(trx, procedureId, version, input, actor.userId, false);
      await insertDraftPublication(trx, procedureId, id, actor.userId);
      await appendAudit(trx, {
        actorId: actor.userId,
        actorName: actor.username,
        actorRole: roleIn(actor, provinceId),
        unitId: provinceId,
        action: 'procedure.draft',
        subjectType: 'procedure',
        subjectId: procedureId,
        requestId: ctx.requestId,
        details: { code: input.code, version, ...(withdrawn ? { withdrawn } : {}) },
      });
      return id;
    });
    return this.one(procedureId, versionId);
  }

  /** Every version of a procedure with its publication status, dates and missing elements (province admin). */
  async list(ctx: ServiceContext, procedureId: string): Promise<VersionPublication[]> {
    const { provinceId } = await this.assertProvinceAdmin(ctx);
    const rows = await listVersionsWithPublication(this.db, procedureId);
    if (!rows.length) throw new Problem('not-found', { what: 'procedure' });
    const views = await findProcedures(this.db, { versionIds: rows.map((r) => r.versionId), provinceId });
    if (!views.length) throw new Problem('not-found', { what: 'procedure' });
    return rows.map((r) => {
      const view = views.find((v) => v.versionId === r.versionId);
      return {
        versionId: r.versionId,
        version: r.version,
        status: r.status ?? 'legacy',
        current: r.currentVersionId === r.versionId,
        createdAt: r.createdAt,
        reviewedAt: r.reviewedAt,
        decisionNumber: r.decisionNumber,
        decisionDate: r.decisionDate,
        effectiveDate: r.effectiveDate,
        publishedAt: r.publishedAt,
        missing: view ? missingElements(view).map((e) => ({ element: e, ...ELEMENT_LABELS[e] })) : [],
      };
    });
  }

  private async one(procedureId: string, versionId: string): Promise<VersionPublication> {
    const rows = await listVersionsWithPublication(this.db, procedureId);
    const r = rows.find((x) => x.versionId === versionId)!;
    const view = await this.version(versionId);
    return {
      versionId,
      version: r.version,
      status: r.status ?? 'legacy',
      current: r.currentVersionId === versionId,
      createdAt: r.createdAt,
      reviewedAt: r.reviewedAt,
      decisionNumber: r.decisionNumber,
      decisionDate: r.decisionDate,
      effectiveDate: r.effectiveDate,
      publishedAt: r.publishedAt,
      missing: missingElements(view).map((e) => ({ element: e, ...ELEMENT_LABELS[e] })),
    };
  }

  /** draft → reviewed, or reviewed → back to draft. */
  async review(ctx: ServiceContext, versionId: string, action: 'review' | 'return'): Promise<VersionPublication> {
    const { provinceId, actor } = await this.assertProvinceAdmin(ctx);
    const view = await this.version(versionId);
    await this.db.transaction().execute(async (trx) => {
      const row = await lockPublication(trx, versionId);
      const to = row ? nextStatus(row.status, action) : null;
      if (!row || !to || to === 'published' || to === 'withdrawn')
        throw new Problem('publication-transition', { status: row?.status ?? 'published', action: ACTION_WORDS[action].vi });
      await setPublicationStatus(trx, versionId, to, actor.userId);
      await appendAudit(trx, {
        actorId: actor.userId,
        actorName: actor.username,
        actorRole: roleIn(actor, provinceId),
        unitId: provinceId,
        action: `procedure.${action}`,
        subjectType: 'procedure',
        subjectId: view.id,
        requestId: ctx.requestId,
        details: { version: view.version },
      });
    });
    return this.one(view.id, versionId);
  }

  /**
   * Publishes a reviewed version with its deciding document: refused while an element is missing or the effective
   * date is before the decision. The version becomes the one in force; open applications and dossiers stay on theirs.
   */
  async publish(ctx: ServiceContext, versionId: string, d: Decision): Promise<VersionPublication> {
    const { provinceId, actor } = await this.assertProvinceAdmin(ctx);
    const view = await this.version(versionId);
    const decisionIssues = checkDecision(d);
    if (decisionIssues.length)
      throw new Problem(
        'publication-decision-invalid',
        { message: decisionIssues.map((i) => i.vi).join(' '), messageEn: decisionIssues.map((i) => i.en).join(' ') },
        { issues: decisionIssues },
      );
    const missing = missingElements(view);
    if (missing.length)
      throw new Problem(
        'publication-elements-missing',
        { list: missing.map((e) => ELEMENT_LABELS[e].vi).join('; '), listEn: missing.map((e) => ELEMENT_LABELS[e].en).join('; ') },
        { missing: missing.map((e) => ({ element: e, ...ELEMENT_LABELS[e] })) },
      );
    await this.db.transaction().execute(async (trx) => {
      await lockNextVersion(trx, view.id);
      const row = await lockPublication(trx, versionId);
      if (!row || nextStatus(row.status, 'publish') !== 'published')
        throw new Problem('publication-transition', { status: row?.status ?? 'published', action: ACTION_WORDS.publish.vi });
      const at = await publishVersion(trx, row, d, actor.userId);
      await appendAudit(trx, {
        actorId: actor.userId,
        actorName: actor.username,
        actorRole: roleIn(actor, provinceId),
        unitId: provinceId,
        action: 'procedure.publish',
        subjectType: 'procedure',
        subjectId: view.id,
        requestId: ctx.requestId,
        details: { version: view.version, ...d, publishedAt: at.toISOString() },
      });
    });
    return this.one(view.id, versionId);
  }

  /** What a version changes in the e-form against the version in force, and who stays on older versions. */
  async changes(ctx: ServiceContext, versionId: string): Promise<VersionChanges> {
    const { provinceId } = await this.assertProvinceAdmin(ctx);
    const view = await this.version(versionId);
    const [current] = await findProcedures(this.db, { ids: [view.id], provinceId });
    if (!current) throw new Problem('not-found', { what: 'procedure version' });
    let against: ProcedureView | null = current.versionId === versionId ? null : current;
    if (!against && view.version > 1) {
      const rows = await listVersionsWithPublication(this.db, view.id);
      const prev = rows.find((r) => r.version < view.version && (r.status === null || r.status === 'published'));
      if (prev) against = await this.version(prev.versionId);
    }
    const use = await openUseByVersion(this.db, view.id, OPEN_STATUSES);
    return {
      versionId,
      version: view.version,
      against: against ? { versionId: against.versionId, version: against.version } : null,
      fields: diffFormFields(against?.formSchema ?? null, view.formSchema),
      stayOnOlder: use.filter((u) => u.versionId !== versionId),
    };
  }
}

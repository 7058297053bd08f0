// The legal forms of a dossier (TT 03/2025: 01 receipt, 02 supplement request, 03 refusal, 04 apology,
// 05 stop notice, 06 control slip) and the unit's tracking book (07), rendered from the dossier's record
// and history and signed with the unit's key.
import { createHmac } from 'node:crypto';
import type { Config } from '../config';
import { Problem } from '../domain/problems';
import type { Db } from '../db/database';
import { eventActorTitle } from '../db/repositories/dossier-queries.repository';
import { findUnitKey, insertUnitKeyOnce } from '../db/repositories/signing-key.repository';
import { unitLetterhead, unitNameAndCode } from '../db/repositories/unit.repository';
import {
  generateUnitKey,
  renderSignedForm,
  type FormDossier,
  type FormInput,
  type FormUnit,
  type UnitKey,
  type Verification,
} from '../forms/index';
import { signerTitle, type UnitKind } from '../forms/titles';
import type { ServiceContext } from './context';
import type { DossierService } from './dossier.service';
import type { TrackingBookService } from './tracking-book.service';
import type { UntrustedContent } from './untrusted/pool';

export const DOSSIER_FORMS = ['receipt', 'declaration', 'supplement-request', 'refusal', 'apology', 'stop-notice', 'control-slip'] as const;
export type DossierForm = (typeof DOSSIER_FORMS)[number];

const ABBR: Record<DossierForm, string> = {
  receipt: 'TNHS',
  declaration: 'TK',
  'supplement-request': 'YCBS',
  refusal: 'TCHS',
  apology: 'XL',
  'stop-notice': 'DXL',
  'control-slip': 'KSQT',
};

/** "Trung tâm … phường Hạc Thành" → "UBND PHƯỜNG HẠC THÀNH": the line above the issuing unit in the header. */
export function parentLine(unitName: string): string {
  const m = unitName.match(/(tỉnh|thành phố|phường|xã|đặc khu)\s+(.+)$/i);
  return m ? `UBND ${m[1]!.toUpperCase()} ${m[2]!.toUpperCase()}` : unitName.toUpperCase();
}

export class FormsService {
  constructor(
    private readonly db: Db,
    private readonly config: Pick<Config, 'demo' | 'simulators' | 'publicUrl' | 'port'>,
    private readonly secret: string,
    private readonly dossiers: DossierService,
    private readonly book: TrackingBookService,
    private readonly untrusted: UntrustedContent,
  ) {}

  private passphrase(unitId: string): string {
    return createHmac('sha256', this.secret).update(`unit-key:${unitId}`).digest('hex');
  }

  /** The unit's key; demo installations generate a self-signed one on first use, others must load a real one. */
  async keyFor(unitId: string): Promise<UnitKey> {
    let row = await findUnitKey(this.db, unitId);
    if (!row) {
      if (!this.config.demo && !this.config.simulators) throw new Problem('signature-required');
      const unit = await unitNameAndCode(this.db, unitId);
      const k = generateUnitKey({
        unitName: unit.name,
        unitCode: unit.code,
        validFrom: new Date(),
        years: 3,
        passphrase: this.passphrase(unitId),
      });
      await insertUnitKeyOnce(this.db, { unitId, p12: k.p12, certificatePem: k.certificatePem, fingerprint: k.fingerprint, demo: true });
      row = await findUnitKey(this.db, unitId);
      if (!row) throw new Error(`no signing key stored for unit ${unitId}`);
    }
    return { p12: row.p12, passphrase: this.passphrase(unitId) };
  }

  private async formUnit(unitId: string): Promise<FormUnit & { kind: UnitKind }> {
    const u = await unitLetterhead(this.db, unitId);
    return { name: u.name, parentName: parentLine(u.name), code: u.code, address: u.address, phone: u.phone, kind: u.type };
  }

  private statusUrl(code: string): string {
    const base = this.config.publicUrl ?? `http://localhost:${this.config.port}`;
    return `${base}/tra-cuu?ma=${encodeURIComponent(code)}`;
  }

  async dossierForm(ctx: ServiceContext, dossierId: string, form: DossierForm): Promise<Buffer> {
    const d = await this.dossiers.get(ctx, dossierId);
    const receivedBy = d.events[0]?.actorName ?? '';
    const dossier: FormDossier = {
      code: d.code,
      procedureName: d.procedure.name,
      procedureCode: d.procedure.code,
      applicant: d.applicant,
      channel: d.channel as FormDossier['channel'],
      components: d.components
        // The declaration an e-form stands for is printed as the e-form's own line.
        .filter((c) => c.provided && !(d.formAnswers && !c.fileIds.length && /^\s*tờ khai/iu.test(c.name)))
        .map((c) => ({
          name: c.name,
          originals: c.originals,
          copies: c.copies,
          presented: c.presented,
          fromRegistry: c.providedFromRegistry,
          registryFailed: c.fromRegistry && !c.providedFromRegistry && !d.registryUsed,
        })),
      receivedAt: d.receivedAt,
      countedFrom: d.countedFrom,
      dueAt: d.dueAt,
      processingDays: d.procedure.processingDays,
      receivedBy,
      receptionPoint: d.receptionPoint.name,
      returnPoint: d.returnPoint.name,
      fee: d.fee,
      statusUrl: this.statusUrl(d.code),
      formAnswers: d.formAnswers,
    };
    const event = (action: string) => [...d.events].reverse().find((e) => e.action === action);
    const unit = await this.formUnit(form === 'receipt' || form === 'declaration' ? d.receivedUnitId : d.unitId);
    const number = `${d.code}/${ABBR[form]}`;
    // The signer is the officer who took the action (by id, not by name), titled from the role they acted in and the unit.
    const signerOf = async (e: { seq: number; actorName: string; actorRole: string }) => {
      const row = { title: await eventActorTitle(this.db, d.id, e.seq) };
      return { fullName: e.actorName, title: signerTitle(e.actorRole, row.title ?? '', { kind: unit.kind, name: unit.name }) };
    };
    const missing = () => new Problem('not-found', { what: `form ${form} (nothing of that kind was issued for this dossier)` });
    let input: FormInput;
    switch (form) {
      case 'receipt':
        input = { kind: 'receipt', number, unit, dossier, issuedAt: d.receivedAt };
        break;
      case 'declaration': {
        if (!d.formAnswers) throw missing();
        input = { kind: 'declaration', number, unit, dossier: { ...dossier, formAnswers: d.formAnswers }, issuedAt: d.receivedAt };
        break;
      }
      case 'supplement-request': {
        const e = event('request-supplement');
        if (!e) throw missing();
        const items = (e.data.items as { name: string; reason: string }[] | undefined) ?? [];
        input = {
          kind: 'supplement-request',
          number,
          unit,
          dossier,
          issuedAt: e.at,
          reason: e.reason,
          items: items.map((i) => ({ componentName: i.name, reason: i.reason })),
          officer: e.actorName,
        };
        break;
      }
      case 'refusal': {
        const e = event('refuse');
        if (!e) throw missing();
        input = { kind: 'refusal', number, unit, dossier, issuedAt: e.at, reason: e.reason, officer: e.actorName };
        break;
      }
      case 'apology': {
        const e = event('apologize-and-extend');
        if (!e) throw missing();
        input = {
          kind: 'apology',
          number,
          unit,
          dossier,
          issuedAt: e.at,
          reason: e.reason,
          originalDueAt: typeof e.data.oldDueAt === 'string' ? new Date(e.data.oldDueAt) : null,
          newDueAt: new Date(String(e.data.newDueAt)),
          afterDeadline: e.data.afterDeadline === true,
          signer: await signerOf(e),
        };
        break;
      }
      case 'stop-notice': {
        const e = event('stop');
        const w = event('record-withdrawal-request');
        if (!e || !w) throw missing();
        input = {
          kind: 'stop-notice',
          number,
          unit,
          dossier,
          issuedAt: e.at,
          reason: e.reason,
          withdrawal: {
            channel: w.data.channel as FormDossier['channel'],
            receivedAt: w.at,
            // The citizen's own words, as recorded with the scan of their signed request.
            reason: typeof w.data.request === 'string' && w.data.request ? w.data.request : w.reason,
          },
          signer: await signerOf(e),
        };
        break;
      }
      case 'control-slip':
        input = { kind: 'control-slip', number, unit, dossier, issuedAt: new Date(), handoffs: d.handoffs };
        break;
    }
    return renderSignedForm(input, await this.keyFor(form === 'receipt' || form === 'declaration' ? d.receivedUnitId : d.unitId));
  }

  async trackingBook(ctx: ServiceContext, unitId: string, year: number): Promise<Buffer> {
    const { rows } = await this.book.rows(ctx, unitId, year);
    return renderSignedForm(
      { kind: 'tracking-book', unit: await this.formUnit(unitId), year, issuedAt: new Date(), rows },
      await this.keyFor(unitId),
    );
  }

  /** Form 06 (II.06a) of a unit or province for a window, signed with the unit's key (the figures come from the indicator service). */
  async form06(unitId: string, data: Omit<Extract<FormInput, { kind: 'form-06' }>, 'kind' | 'unit'>): Promise<Buffer> {
    return renderSignedForm({ kind: 'form-06', unit: await this.formUnit(unitId), ...data }, await this.keyFor(unitId));
  }

  /** Checks a form's signature in a worker thread, within time and size limits (src/services/untrusted). */
  verify(pdf: Buffer): Promise<Verification> {
    return this.untrusted.verifySignature(pdf);
  }
}

// Filing online with the citizen at the counter: for elderly citizens, those without a smartphone or a VNeID
// level-2 account, or who forgot its password. The reception officer checks who the citizen is — reads the chip
// of their ID card, checks the VNeID app's QR code, or sends a code to the phone the population registry holds —
// and then works in the portal as the citizen for one visit (30 minutes). The dossier records both the citizen
// and the officer who helped; the officer's check takes the place of the submission OTP.
import { Problem } from '../domain/problems';
import type { Db } from '../db/database';
import { findAssistedVerification, insertAssistedVerification, markAssistedVerified } from '../db/repositories/assisted.repository';
import { appendAudit } from '../db/repositories/audit.repository';
import type { CitizenAuthService, CitizenSessionInfo } from './citizen-auth.service';
import { requireActor, type ServiceContext } from './context';
import type { DossierService } from './dossier.service';
import type { OtpIssued, OtpService } from './otp.service';

export const ASSISTED_OTP = 'assisted.identity';
export type AssistedMethod = 'chip-id' | 'vneid-qr' | 'otp';

export type AssistedStart =
  | { verificationId: string; status: 'verified'; token: string; session: CitizenSessionInfo }
  | { verificationId: string; status: 'awaiting-otp'; otp: OtpIssued };

export class AssistedFilingService {
  constructor(
    private readonly db: Db,
    private readonly dossiers: DossierService,
    private readonly citizenAuth: CitizenAuthService,
    private readonly otp: OtpService,
  ) {}

  async start(
    ctx: ServiceContext,
    input: { idNumber: string; unitId: string; method: AssistedMethod; evidence?: string },
    meta: { ip?: string; userAgent?: string } = {},
  ): Promise<AssistedStart> {
    const actor = requireActor(ctx);
    if (!actor.roles.some((g) => g.unitId === input.unitId && g.role === 'reception-officer')) throw new Problem('forbidden');
    const evidence = (input.evidence ?? '').trim();
    if (input.method !== 'otp' && !evidence)
      throw new Problem('validation-failed', { summary: 'evidence: say what was checked (chip read, QR code checked)' });
    const lookup = await this.dossiers.lookupCitizen(ctx, input.idNumber, 'assisted online filing: identity check', input.unitId);
    if (lookup.status === 'unavailable') throw new Problem('service-unavailable');
    if (lookup.status !== 'found') throw new Problem('not-found', { what: 'citizen in the population registry' });
    const p = lookup.citizen;
    const { id: citizenId } = await this.citizenAuth.upsertCitizen({
      idNumber: p.idNumber,
      fullName: p.fullName,
      dateOfBirth: p.dateOfBirth,
      address: p.address,
      phone: p.phone,
    });
    const v = await this.db.transaction().execute(async (trx) => {
      const row = {
        id: await insertAssistedVerification(trx, {
          staffId: actor.userId,
          unitId: input.unitId,
          citizenId,
          method: input.method,
          evidence: evidence.slice(0, 500),
          verifiedAt: input.method === 'otp' ? null : new Date(),
        }),
      };
      await appendAudit(trx, {
        actorId: actor.userId,
        actorName: actor.username,
        actorRole: 'reception-officer',
        unitId: input.unitId,
        action: 'citizen.assisted-verification',
        subjectType: 'citizen',
        subjectId: citizenId,
        requestId: ctx.requestId,
        details: { method: input.method, verificationId: row.id },
      });
      if (input.method !== 'otp') return { id: row.id, otp: null };
      if (!p.phone)
        throw new Problem('validation-failed', {
          summary: 'the registry holds no phone number: check the chip ID or the VNeID QR code instead',
        });
      const otp = await this.otp.issue(trx, {
        purpose: ASSISTED_OTP,
        subjectId: row.id,
        phone: p.phone,
        idNumber: p.idNumber,
        lang: ctx.lang,
      });
      return { id: row.id, otp };
    });
    if (v.otp) return { verificationId: v.id, status: 'awaiting-otp', otp: v.otp };
    return { verificationId: v.id, status: 'verified', ...(await this.open(ctx, v.id, meta)) };
  }

  /** The code the citizen reads out from their phone. */
  async confirm(ctx: ServiceContext, verificationId: string, code: string, meta: { ip?: string; userAgent?: string } = {}) {
    const actor = requireActor(ctx);
    const v = await findAssistedVerification(this.db, verificationId);
    if (!v || v.staff_id !== actor.userId || v.method !== 'otp') throw new Problem('not-found', { what: 'verification' });
    if (!v.verified_at) {
      await this.otp.verify(this.db, { purpose: ASSISTED_OTP, subjectId: v.id, code });
      await markAssistedVerified(this.db, v.id, new Date());
    }
    return { verificationId, status: 'verified' as const, ...(await this.open(ctx, v.id, meta)) };
  }

  private async open(ctx: ServiceContext, verificationId: string, meta: { ip?: string; userAgent?: string }) {
    const actor = requireActor(ctx);
    const v = await findAssistedVerification(this.db, verificationId);
    if (!v) throw new Problem('not-found', { what: 'verification' });
    // Checked in person by an officer: as strong as a level-2 account.
    return this.citizenAuth.createSession(v.citizen_id, 2, {
      ...meta,
      requestId: ctx.requestId,
      assisted: { userId: actor.userId, fullName: actor.fullName, username: actor.username, method: v.method, verificationId },
    });
  }
}

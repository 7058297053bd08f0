// Where the outbox delivers messages from training units (src/jobs/outbox.ts): the simulators' own records, in
// process, whatever the configuration says about real gateways. Text messages and e-mails land in the SMS and
// mail simulators' tables (readable at /api/sim/…/messages); portal, push and other messages are kept in the
// outbox only (marked training and delivered), so nothing leaves the installation.
import type { DeliveryResult } from '../adapters/delivery';
import { EMAIL_TOPIC } from '../adapters/email.adapter';
import { SMS_TOPIC } from '../adapters/sms.adapter';
import type { Db } from '../db/database';

export async function deliverToSimulator(db: Db, topic: string, payload: Record<string, unknown>, key: string): Promise<DeliveryResult> {
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  if (topic === SMS_TOPIC)
    await db
      .insertInto('sim_sms_message')
      .values({ idempotency_key: `training:${key}`, to_number: text(payload.to).slice(0, 20), text: `[ĐÀO TẠO] ${text(payload.text)}` })
      .onConflict((oc) => oc.column('idempotency_key').doNothing())
      .execute();
  else if (topic === EMAIL_TOPIC)
    await db
      .insertInto('sim_email_message')
      .values({
        idempotency_key: `training:${key}`,
        to_address: text(payload.to),
        subject: `[ĐÀO TẠO] ${text(payload.subject)}`,
        text: text(payload.text),
      })
      .onConflict((oc) => oc.column('idempotency_key').doNothing())
      .execute();
  return { ok: true, duplicate: false };
}

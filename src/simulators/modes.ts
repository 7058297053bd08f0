// Each simulated national system can be told to be up, down (503) or slow (answers after several seconds).
import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { problems } from '../api/http';
import { Problem } from '../domain/problems';

export const SIMULATED_SYSTEMS = ['national-portal', 'sms', 'email', 'payment', 'registry', 'vneid'] as const;
export type SimulatedSystem = (typeof SIMULATED_SYSTEMS)[number];
export type SimMode = 'up' | 'down' | 'slow';

export class SimulatorModes {
  private modes = new Map<SimulatedSystem, SimMode>();
  constructor(readonly slowMs = 4_000) {}
  get(s: SimulatedSystem): SimMode {
    return this.modes.get(s) ?? 'up';
  }
  set(s: SimulatedSystem, m: SimMode): void {
    this.modes.set(s, m);
  }
}

/** Answers as the simulated system's mode says: down throws 503, slow waits before answering. */
export async function gate(modes: SimulatorModes, system: SimulatedSystem): Promise<void> {
  const mode = modes.get(system);
  if (mode === 'down') throw new Problem('service-unavailable');
  if (mode === 'slow') await new Promise((r) => setTimeout(r, modes.slowMs));
}

/** Administration calls of the simulators are for system-admin only. */
export { requireSystemAdmin } from '../services/context';

/** Server-to-server calls carry `Authorization: Bearer <token>`, compared in constant time. */
export function requireBearer(req: FastifyRequest, token: string): void {
  const given = Buffer.from(String(req.headers.authorization ?? '').replace(/^Bearer /, ''));
  const want = Buffer.from(token);
  if (given.length !== want.length || !timingSafeEqual(given, want)) throw new Problem('not-signed-in');
}

/** The Idempotency-Key the simulated receiver keeps each message once by. */
export function requireIdempotencyKey(req: FastifyRequest): string {
  const key = req.headers['idempotency-key'];
  if (typeof key !== 'string' || key.length < 1 || key.length > 200)
    throw new Problem('validation-failed', { summary: 'Idempotency-Key header is required' });
  return key;
}

/** The answers of a simulated message gateway's send call. */
export const AcceptedAnswers = {
  200: z.object({ accepted: z.literal(true), duplicate: z.boolean(), simulator: z.literal(true) }),
  ...problems(400, 401, 503),
};

/**
 * A simulated gateway's send call: bearer token, Idempotency-Key, the system's mode, then `insert` keeps the
 * message once per key (answering the new row, or nothing when the key was seen before).
 */
export async function acceptOnce(
  req: FastifyRequest,
  token: string,
  modes: SimulatorModes,
  system: SimulatedSystem,
  insert: (idempotencyKey: string) => Promise<unknown>,
): Promise<{ accepted: true; duplicate: boolean; simulator: true }> {
  requireBearer(req, token);
  const key = requireIdempotencyKey(req);
  await gate(modes, system);
  const inserted = await insert(key);
  return { accepted: true, duplicate: !inserted, simulator: true };
}

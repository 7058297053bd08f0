// The waiting room's clock as the server reads it. In production it is the wall clock. Where the simulators
// are served (demo mode, tests), a system-admin can set it to a fixed instant (`PUT /api/sim/queue-clock`) so a
// browser test can play a day at the counter — walk-ins at 07:30, a booked slot at 09:00 — without waiting for
// those hours; the services already take `now` as a parameter (the same seam the service tests and the simulated
// month use). Only the queue and appointment routes read it; deadlines, sessions and audit keep the wall clock.
export class QueueClock {
  private fixed: Date | null = null;

  now(): Date {
    return this.fixed ? new Date(this.fixed) : new Date();
  }

  /** A fixed instant, or null for the wall clock again. */
  set(at: Date | null): void {
    this.fixed = at ? new Date(at) : null;
  }

  get isFixed(): boolean {
    return this.fixed !== null;
  }
}

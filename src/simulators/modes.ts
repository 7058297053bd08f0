// Each simulated national system can be told to be up, down (503) or slow (answers after several seconds).
export const SIMULATED_SYSTEMS = ['national-portal', 'sms', 'payment', 'registry', 'vneid'] as const;
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

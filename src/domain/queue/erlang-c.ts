// Erlang C (the M/M/c queue): how many counters an hour needs so that a target share of citizens is
// called within a target wait. Pure and numerically stable: the probability of waiting comes from the
// Erlang B recursion B(k) = A·B(k−1) / (k + A·B(k−1)), which never forms A^c or c! (no overflow at
// hundreds of counters), then C = c·B / (c − A·(1 − B)).
// Sources: domain-2 §5 (pyworkforce, CRAN ErlangC `calculate_agents`); the worked example for Hạc Thành.

/** Offered load in Erlangs: arrivals per hour × average handling time in hours. */
export function trafficIntensity(arrivalsPerHour: number, ahtMinutes: number): number {
  return (arrivalsPerHour * ahtMinutes) / 60;
}

/** Erlang B blocking probability for `servers` servers and `load` Erlangs (iterative, stable). */
export function erlangB(servers: number, load: number): number {
  if (!Number.isInteger(servers) || servers < 0) throw new RangeError('servers must be a non-negative integer');
  if (!(load >= 0)) throw new RangeError('load must be ≥ 0');
  let b = 1;
  for (let k = 1; k <= servers; k++) b = (load * b) / (k + load * b);
  return b;
}

/** Probability that an arriving citizen waits (Erlang C). 1 when the counters cannot keep up (load ≥ servers). */
export function probabilityOfWaiting(servers: number, load: number): number {
  if (load === 0) return 0;
  if (servers <= load) return 1;
  const b = erlangB(servers, load);
  return (servers * b) / (servers - load * (1 - b));
}

/** Share of citizens called within `targetMinutes`. */
export function serviceLevel(servers: number, load: number, ahtMinutes: number, targetMinutes: number): number {
  if (load === 0) return 1;
  if (servers <= load) return 0;
  const pw = probabilityOfWaiting(servers, load);
  return 1 - pw * Math.exp((-(servers - load) * targetMinutes) / ahtMinutes);
}

/** Average speed of answer: the mean wait in minutes over all citizens (those who wait and those who do not). */
export function averageWaitMinutes(servers: number, load: number, ahtMinutes: number): number {
  if (load === 0) return 0;
  if (servers <= load) return Infinity;
  return (probabilityOfWaiting(servers, load) * ahtMinutes) / (servers - load);
}

/** Share of time counters are busy. */
export function occupancy(servers: number, load: number): number {
  return servers === 0 ? (load > 0 ? Infinity : 0) : load / servers;
}

export type CapacityTarget = {
  arrivalsPerHour: number;
  ahtMinutes: number;
  /** e.g. 15: called within 15 minutes … */
  targetWaitMinutes: number;
  /** … for this share of citizens, e.g. 0.8. */
  serviceLevel: number;
  /** Counters busier than this burn out (domain-2 §5: about 0.85). */
  maxOccupancy?: number;
};

export type CapacityAnswer = {
  counters: number;
  load: number;
  serviceLevel: number;
  averageWaitMinutes: number;
  probabilityOfWaiting: number;
  occupancy: number;
};

/** The smallest number of counters meeting the service level and the occupancy cap. 0 when nobody comes. */
export function countersNeeded(t: CapacityTarget): CapacityAnswer {
  const maxOcc = t.maxOccupancy ?? 0.85;
  if (!(t.arrivalsPerHour >= 0) || !(t.ahtMinutes > 0) || !(t.targetWaitMinutes >= 0)) throw new RangeError('invalid capacity target');
  if (!(t.serviceLevel > 0 && t.serviceLevel < 1)) throw new RangeError('serviceLevel must be between 0 and 1');
  if (!(maxOcc > 0 && maxOcc <= 1)) throw new RangeError('maxOccupancy must be in (0, 1]');
  const load = trafficIntensity(t.arrivalsPerHour, t.ahtMinutes);
  const answer = (c: number): CapacityAnswer => ({
    counters: c,
    load,
    serviceLevel: serviceLevel(c, load, t.ahtMinutes, t.targetWaitMinutes),
    averageWaitMinutes: averageWaitMinutes(c, load, t.ahtMinutes),
    probabilityOfWaiting: probabilityOfWaiting(c, load),
    occupancy: occupancy(c, load),
  });
  if (load === 0) return answer(0);
  let c = Math.max(1, Math.floor(load) + 1, Math.ceil(load / maxOcc - 1e-12));
  for (; c < 100_000; c++) {
    const a = answer(c);
    if (a.serviceLevel >= t.serviceLevel && a.occupancy <= maxOcc + 1e-12) return a;
  }
  throw new RangeError('load too large');
}

/** Staff to roster for `counters` counters when a share of paid time is lost to breaks, leave, training (shrinkage). */
export function rosteredStaff(counters: number, shrinkage = 0.3): number {
  if (!(shrinkage >= 0 && shrinkage < 1)) throw new RangeError('shrinkage must be in [0, 1)');
  return Math.ceil(counters / (1 - shrinkage) - 1e-9);
}

// How long the server's own code holds the event loop, measured so a loaded machine does not change the answer.
//
// A timer every 10 ms reads the wall clock and the main thread's CPU time (Linux: utime + stime of
// /proc/self/task/<pid>/stat, in clock ticks). When the loop is held, the next tick comes late; the CPU the main
// thread spent in that gap is the holding itself. Waiting for a core on a busy machine, or being paused by the
// scheduler, makes the gap long but adds no CPU time, so `cpuMs` is the server's doing whatever else runs, while
// `wallMs` (what monitorEventLoopDelay also reports) includes the machine's load. Worker threads (piscina, the
// libuv pool for argon2 and zlib) are other tasks and do not count: work moved off the loop is not holding it.
// Known limits: Linux only (elsewhere cpuMs is reported as null); the CPU clock ticks every 10 ms, so a value is
// ±10 ms; the main thread's part of garbage collection counts, as it should (it holds the loop too).
import fs from 'node:fs';
import { isMainThread } from 'node:worker_threads';

const TICK_MS = 10; // USER_HZ is 100 on every Linux architecture Node runs on
const STAT = `/proc/self/task/${process.pid}/stat`;

function mainThreadCpuMs(): number | null {
  try {
    const stat = fs.readFileSync(STAT, 'latin1');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After the name: state is field 3 of proc(5), so utime (14) and stime (15) are at 11 and 12 here.
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return null;
  }
}

export type LoopBlocking = {
  /** The longest gap between two ticks, in ms of wall time (includes waiting for a core). */
  wallMs: number;
  /** The most main-thread CPU spent inside one gap, in ms (null where the CPU clock cannot be read). */
  cpuMs: number | null;
};

/** Starts sampling; `stop()` answers the worst gap seen since. Only meaningful on the thread that runs the server. */
export function watchLoopBlocking(): { stop: () => LoopBlocking } {
  if (!isMainThread) throw new Error('watchLoopBlocking reads the main thread’s CPU time: run the server on the main thread');
  let lastWall = performance.now();
  let lastCpu = mainThreadCpuMs();
  let wallMs = 0;
  let cpuMs: number | null = lastCpu === null ? null : 0;
  const sample = () => {
    const wall = performance.now();
    const cpu = mainThreadCpuMs();
    wallMs = Math.max(wallMs, wall - lastWall);
    if (cpu !== null && lastCpu !== null && cpuMs !== null) cpuMs = Math.max(cpuMs, cpu - lastCpu);
    lastWall = wall;
    lastCpu = cpu;
  };
  const timer = setInterval(sample, TICK_MS);
  return {
    stop: () => {
      sample();
      clearInterval(timer);
      return { wallMs, cpuMs };
    },
  };
}

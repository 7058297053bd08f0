// Times computeDeadline on random receipts 2025–2030 and random processing times.
// Run: npx tsx bench/calendar.bench.ts   (prints a markdown table)
import { availableParallelism, cpus } from 'node:os';

import { Calendar, DEFAULT_SCHEDULE, OFFICIAL_YEARS, computeDeadline, parseVnDate } from '../src/domain/calendar/index';

const CALLS = 100_000;
const BATCH = 100;
const WARM_UP = 20_000;
const TYPICAL_DAYS = [0, 0.25, 0.5, 1, 1.5, 2, 3, 5, 7, 10, 12, 15, 20, 30];

// Seeded (mulberry32) so runs compare like with like.
let seed = 0x6d6f7463;
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
}

const first = parseVnDate('2025-01-01').getTime();
const last = parseVnDate('2030-12-01').getTime();

function makeInputs(n: number) {
  return Array.from({ length: n }, () => ({
    receivedAt: new Date(first + Math.floor(random() * (last - first))),
    // Half typical values, half any fraction up to 30 days.
    workingDays: random() < 0.5 ? TYPICAL_DAYS[Math.floor(random() * TYPICAL_DAYS.length)]! : Math.round(random() * 30 * 480) / 480,
  }));
}

const calendar = new Calendar(OFFICIAL_YEARS);
let sink = 0; // keeps the results alive

function runBatch(inputs: ReturnType<typeof makeInputs>, from: number, to: number): void {
  for (let i = from; i < to; i++) {
    const input = inputs[i]!;
    sink += computeDeadline({
      receivedAt: input.receivedAt,
      workingDays: input.workingDays,
      schedule: DEFAULT_SCHEDULE,
      calendar,
    }).dueAt.getTime();
  }
}

const warm = makeInputs(WARM_UP);
runBatch(warm, 0, WARM_UP); // JIT, and generating 2027–2030 once

const inputs = makeInputs(CALLS);
const batchNs: number[] = [];
const started = process.hrtime.bigint();
for (let from = 0; from < CALLS; from += BATCH) {
  const t0 = process.hrtime.bigint();
  runBatch(inputs, from, from + BATCH);
  batchNs.push(Number(process.hrtime.bigint() - t0) / BATCH);
}
const totalNs = Number(process.hrtime.bigint() - started);

batchNs.sort((a, b) => a - b);
const pct = (p: number) => batchNs[Math.min(batchNs.length - 1, Math.floor((p / 100) * batchNs.length))]!;
const f = (ns: number) => ns.toFixed(0);

console.log(`computeDeadline, ${CALLS.toLocaleString('en')} calls in batches of ${BATCH}`);
console.log(`node ${process.version}, ${availableParallelism()} CPUs, ${cpus()[0]?.model ?? 'unknown CPU'}`);
console.log('');
console.log('| calls | total ms | ns/call (mean) | ns/call p50 of batches | ns/call p99 of batches | worst batch ns/call |');
console.log('|---:|---:|---:|---:|---:|---:|');
console.log(
  `| ${CALLS} | ${(totalNs / 1e6).toFixed(1)} | ${f(totalNs / CALLS)} | ${f(pct(50))} | ${f(pct(99))} | ${f(batchNs[batchNs.length - 1]!)} |`,
);
if (sink === 0) console.log('(sink)');

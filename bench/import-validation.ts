// How long validating a 5,000-procedure import takes, and how long it holds the event loop (issue 10: no request
// may delay the others by more than 100 ms). The demo catalogue's procedures repeated under 5,000 distinct codes
// (with their e-form schemas, which each compile with Ajv); validation only, no database.
// Run: npx tsx bench/import-validation.ts [rounds=3] [count=5000]
import os from 'node:os';
import { CatalogueService } from '../src/services/catalogue.service';
import demoProcedures from '../src/seed/demo-procedures.json' with { type: 'json' };
import { watchLoopBlocking } from '../test/support/loop-block';

const ROUNDS = Number(process.argv[2] ?? 3);
const COUNT = Number(process.argv[3] ?? 5000);
const base = demoProcedures as Record<string, unknown>[];

// Each round gets fresh objects with schemas that differ from every other round's (a title carries the round), so
// no compile is reused across rounds; inside a round, the demo's schemas repeat as they would not in a real file.
function items(round: number) {
  return Array.from({ length: COUNT }, (_, i) => {
    const p = structuredClone(base[i % base.length]!);
    p.code = `9.${String(i).padStart(6, '0')}`;
    const schema = p.formSchema as Record<string, unknown> | undefined;
    if (schema) p.formSchema = { ...schema, title: `${String(schema.title ?? '')} ${round}-${i}` };
    return p;
  });
}

const validate = CatalogueService.prototype.validateImport as (xs: unknown[]) => Promise<{ valid: unknown[]; errors: unknown[] }>;
console.log(
  `${os.cpus().length} CPUs, load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}; ${COUNT} procedures`,
);
for (let r = 1; r <= ROUNDS; r++) {
  const xs = items(r);
  const schemas = xs.filter((p) => p.formSchema).length;
  const watch = watchLoopBlocking();
  const t0 = performance.now();
  const out = await validate.call({}, xs);
  const ms = performance.now() - t0;
  const held = watch.stop();
  console.log(
    `round ${r}: ${schemas} e-form schemas; validated in ${(ms / 1000).toFixed(1)} s (${out.valid.length} valid, ${out.errors.length} errors); ` +
      `longest loop stall ${held.wallMs.toFixed(0)} ms wall, ${held.cpuMs ?? 'n/a'} ms main-thread CPU`,
  );
}

// The `motcua` command: start | worker | migrate | seed --demo | audit verify | indicators rebuild | openapi | help.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, type Config } from '../config';
import { createDb } from '../db/database';
import { EmbeddedStartError } from '../db/embedded';
import type { Worker } from '../jobs/worker';
import { demoPassword, openDatabase, prepare } from '../runtime';

// The server, the jobs and the demo data are loaded by the commands that use them, so the commands that only
// need the database (migrate, audit verify, deadline) start in a fraction of the time.
const lazy = {
  app: () => import('../app'),
  server: () => import('../api/server'),
  http: () => import('../api/http'),
  worker: () => import('../jobs/worker'),
  seed: () => import('../seed/demo'),
  audit: () => import('../db/repositories/audit.repository'),
};

const HELP = `motcua — one-stop public administrative service centres

  motcua start            run the server (demo mode on an embedded PostgreSQL when DATABASE_URL is unset);
                          with MOTCUA_WORKER=true (default) it also runs the background jobs
  motcua worker           run only the background jobs (outbox delivery, deadline watch); several may run
  motcua migrate          apply database migrations
  motcua seed --demo      seed the demo province into the configured database
  motcua audit verify     check the audit log's hash chain; exit 1 if a row was changed or deleted
  motcua openapi          print the OpenAPI document
  motcua indicators rebuild
                          recompute every dossier's indicator facts and the rollups from the event history
  motcua deadline --received <ISO time> --days <n> [--unit <slug>]
                          print when a dossier is due, as POST /api/calendar/deadline answers
`;

const log = (m: string) => console.error(m);

async function ensureWebBuilt(): Promise<void> {
  if (fs.existsSync(path.resolve('web/dist/index.html'))) return;
  log('Building the web app (first start only)…');
  const { build } = await import('vite');
  await build({ configFile: path.resolve('web/vite.config.ts'), logLevel: 'warn' });
}

async function start(config: Config): Promise<void> {
  if (config.buildWeb) await ensureWebBuilt();
  const { app, database } = await prepare(config, log);
  const { buildServer } = await lazy.server();
  const { startWorker } = await lazy.worker();
  const server = await buildServer(app);
  try {
    await server.listen({ port: config.port, host: config.host });
  } catch (e) {
    await database.close();
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new StartError(`Port ${config.port} is already in use; set PORT to a free port.`);
    if (code === 'EACCES') throw new StartError(`Not allowed to listen on port ${config.port}; set PORT to a port above 1024.`);
    throw e;
  }
  // Background jobs in this process (always in demo mode); a worker that cannot start does not stop the server.
  let worker: Worker | null = null;
  if (config.worker || config.demo) {
    try {
      worker = await startWorker(app, database.url, { log });
    } catch (e) {
      log(`Background jobs not started: ${e instanceof Error ? e.message : String(e)}; run \`motcua worker\` separately.`);
    }
  }
  // One inspection thread started now, so the first upload does not wait for it (its start loads pdf-lib).
  app.untrusted.warm();
  const address = server.addresses()[0];
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${typeof address === 'object' && address ? address.port : config.port}`;
  console.log(`\nMotcua is running at ${url}  (API docs: ${url}/api/docs)`);
  if (config.demo) {
    console.log(`Demo mode${database.embedded ? ` — embedded PostgreSQL, data in ${database.embedded.dataDir}` : ''}.`);
    console.log(`Demo accounts: admin, and <unit>.<role> for units tinh, hacthanh, nguyetvien, dongtien`);
    console.log(`  e.g. hacthanh.reception-officer, nguyetvien.specialist, tinh.province-admin`);
    console.log(`Password for every demo account: ${demoPassword(config)}\n`);
  }

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: finishing requests in flight, then stopping…`);
    // close() stops accepting connections and waits for requests in flight to finish.
    await server.close();
    await worker?.stop().catch((e: unknown) => log(`worker stop: ${String(e)}`));
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

class StartError extends Error {}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help') {
    console.log(HELP);
    return 0;
  }
  if (command === 'openapi') {
    // The document needs no database: the pool connects lazily and is never used here.
    const config = loadConfig({ ...process.env, DATABASE_URL: 'postgres://openapi@127.0.0.1:1/none', LOG_LEVEL: 'silent' });
    const db = createDb(config.databaseUrl!);
    const [{ createApp }, { buildServer }] = await Promise.all([lazy.app(), lazy.server()]);
    const server = await buildServer(createApp(config, db), { logger: false });
    await server.ready();
    console.log(JSON.stringify(server.swagger(), null, 2));
    await server.close();
    await db.destroy();
    return 0;
  }
  const config = loadConfig();
  switch (command) {
    case 'start':
      await start(config);
      return -1; // keep running
    case 'worker': {
      const { app, database } = await prepare({ ...config, demo: false }, log);
      const { startWorker } = await lazy.worker();
      const worker = await startWorker(app, database.url, { log });
      console.log('Motcua worker running: outbox delivery and deadline watch.');
      let stopping = false;
      const shutdown = async (signal: string) => {
        if (stopping) return;
        stopping = true;
        log(`${signal}: finishing the job in flight, then stopping…`);
        await worker.stop().catch((e: unknown) => log(`worker stop: ${String(e)}`));
        await database.close();
        process.exit(0);
      };
      process.on('SIGINT', () => void shutdown('SIGINT'));
      process.on('SIGTERM', () => void shutdown('SIGTERM'));
      return -1;
    }
    case 'migrate': {
      const database = await openDatabase(config, log);
      await database.close();
      console.log('Migrations applied.');
      return 0;
    }
    case 'seed': {
      const { values } = parseArgs({ args: rest, options: { demo: { type: 'boolean' } } });
      if (!values.demo) throw new StartError('Usage: motcua seed --demo');
      const database = await openDatabase(config, log);
      try {
        const { demoUsernames, seedDemo } = await lazy.seed();
        const pw = demoPassword(config);
        const seeded = await seedDemo(database.db, pw);
        console.log(seeded ? `Demo province seeded. Accounts: ${demoUsernames().length}; password: ${pw}` : 'Demo data already present.');
      } finally {
        await database.close();
      }
      return 0;
    }
    case 'deadline': {
      const { values } = parseArgs({
        args: rest,
        options: { received: { type: 'string' }, days: { type: 'string' }, unit: { type: 'string' } },
      });
      const received = values.received ? new Date(values.received) : new Date(NaN);
      const days = Number(values.days);
      if (Number.isNaN(received.getTime()) || !/[zZ]|[+-]\d\d:?\d\d$/.test(values.received ?? '') || !(days >= 0))
        throw new StartError('Usage: motcua deadline --received 2026-03-02T09:00:00+07:00 --days 1.5 [--unit hacthanh]');
      const database = await openDatabase(config, log);
      try {
        const [{ CalendarService }, { vnIso }] = await Promise.all([import('../services/calendar.service'), lazy.http()]);
        const calendar = new CalendarService(database.db);
        let unitId: string | undefined;
        if (values.unit) {
          const u = await database.db.selectFrom('unit').select('id').where('slug', '=', values.unit).executeTakeFirst();
          if (!u) throw new StartError(`No unit with slug "${values.unit}".`);
          unitId = u.id;
        }
        const r = await calendar.deadline(received, days, unitId);
        console.log(JSON.stringify({ countedFrom: vnIso(r.countedFrom), dueAt: vnIso(r.dueAt) }));
      } finally {
        await database.close();
      }
      return 0;
    }
    case 'indicators': {
      if (rest[0] !== 'rebuild') throw new StartError('Usage: motcua indicators rebuild');
      const database = await openDatabase(config, log);
      try {
        const started = Date.now();
        const { rebuild: rebuildIndicators } = await import('../db/repositories/indicator.repository');
        const n = await rebuildIndicators(database.db);
        console.log(`Indicator rollups rebuilt from ${n} dossiers in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
      } finally {
        await database.close();
      }
      return 0;
    }
    case 'audit': {
      if (rest[0] !== 'verify') throw new StartError('Usage: motcua audit verify');
      const database = await openDatabase(config, log);
      try {
        const { verifyAuditChain } = await lazy.audit();
        const verdict = await verifyAuditChain(database.db);
        if (verdict.ok) console.log(`Audit log intact: ${verdict.rows} rows verified.`);
        else {
          console.log(`Audit log TAMPERED: ${verdict.problems.length} problem(s) in ${verdict.rows} rows:`);
          for (const p of verdict.problems) console.log(`  row ${p.id}: ${p.problem}`);
        }
        return verdict.ok ? 0 : 1;
      } finally {
        await database.close();
      }
    }
    default:
      throw new StartError(`Unknown command "${command}".\n${HELP}`);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (e: unknown) => {
    if (e instanceof ConfigError || e instanceof StartError || e instanceof EmbeddedStartError) console.error(e.message);
    else console.error(e);
    process.exit(1);
  },
);

// Starts one PostgreSQL for the whole run (embedded, or MOTCUA_TEST_DATABASE_URL for a server such as
// Debian's PostgreSQL 15 in CI) and builds a template database: migrated and seeded with the demo
// province. Each test file then copies the template into a fresh database of its own (test/support/db.ts).
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { createDb } from '../../src/db/database';
import { startEmbedded, type EmbeddedHandle } from '../../src/db/embedded';
import { migrateToLatest } from '../../src/db/migrate';
import { seedDemo } from '../../src/seed/demo';

export const TEST_PASSWORD = 'DemoPass2026x';
const TEMPLATE = 'motcua_test_template';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgTemplate: string;
  }
}

let embedded: EmbeddedHandle | null = null;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export default async function setup(project: TestProject) {
  let adminUrl = process.env.MOTCUA_TEST_DATABASE_URL;
  let dataDir: string | null = null;
  if (!adminUrl) {
    // A cluster per run (several runs may go on at once on one checkout); leftovers of dead runs are removed.
    const root = path.resolve('var/test');
    fs.mkdirSync(root, { recursive: true });
    for (const d of fs.readdirSync(root)) {
      const pid = Number(d.replace('run-', ''));
      if (!pid || !alive(pid)) fs.rmSync(path.join(root, d), { recursive: true, force: true });
    }
    dataDir = path.join(root, `run-${process.pid}`);
    embedded = await startEmbedded({ dataDir, unsafeFast: true, log: () => {} });
    adminUrl = embedded.url('postgres');
  }
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const version = (await admin.query('SHOW server_version')).rows[0].server_version as string;
  console.log(`Tests run on PostgreSQL ${version}${embedded ? ' (embedded)' : ` at ${new URL(adminUrl).host}`}`);
  // Leftovers of an interrupted run would pile up; drop them.
  const old = await admin.query(`SELECT datname FROM pg_database WHERE datname LIKE 'motcua_t_%' OR datname = $1`, [TEMPLATE]);
  for (const r of old.rows) await admin.query(`DROP DATABASE IF EXISTS "${r.datname}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${TEMPLATE}" ENCODING 'UTF8' TEMPLATE template0`);
  const db = createDb(withDatabase(adminUrl, TEMPLATE));
  await migrateToLatest(db);
  await seedDemo(db, TEST_PASSWORD);
  await db.destroy();
  await admin.end();
  project.provide('pgAdminUrl', adminUrl);
  project.provide('pgTemplate', TEMPLATE);
  return async () => {
    await embedded?.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  };
}

// Bringing Motcua up and down: database (embedded or DATABASE_URL), migrations, demo data, HTTP server.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { Config } from './config';
import type { App } from './app';
import { createDb, type Db } from './db/database';
import { checkWritable, startEmbedded, type EmbeddedHandle } from './db/embedded';
import { migrateToLatest } from './db/migrate';

export type Database = {
  url: string;
  db: Db;
  /** The read replica's handle (DATABASE_READ_URL), or `db` itself when there is none. */
  readDb: Db;
  embedded: EmbeddedHandle | null;
  close: () => Promise<void>;
};

async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const r = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (r.rowCount === 0) await client.query(`CREATE DATABASE "${name}" ENCODING 'UTF8' TEMPLATE template0`);
  } finally {
    await client.end();
  }
}

/** Opens the configured database (starting the embedded one when no DATABASE_URL is set) and migrates it. */
export async function openDatabase(config: Config, log: (m: string) => void): Promise<Database> {
  let embedded: EmbeddedHandle | null = null;
  let url = config.databaseUrl;
  if (!url) {
    embedded = await startEmbedded({ dataDir: config.dataDir, port: config.embeddedPgPort, log });
    await ensureDatabase(embedded.url('postgres'), 'motcua');
    url = embedded.url('motcua');
  }
  const db = createDb(url, {
    onError: (e) => log(`database connection lost: ${e.message}`),
    accessLogFlushMs: config.accessLogFlushMs,
  });
  await migrateToLatest(db);
  const readDb = config.readDatabaseUrl
    ? createDb(config.readDatabaseUrl, { onError: (e) => log(`read replica connection lost: ${e.message}`) })
    : db;
  return {
    url,
    db,
    readDb,
    embedded,
    close: async () => {
      if (readDb !== db) await readDb.destroy();
      await db.destroy();
      await embedded?.stop();
    },
  };
}

/** The demo password: MOTCUA_DEMO_PASSWORD, else one generated at first start and kept in the data folder. */
export function demoPassword(config: Config): string {
  if (config.demoPassword) return config.demoPassword;
  const file = path.join(config.dataDir, 'demo-password.txt');
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    // Upper, lower and digits so it passes the password rules.
    const pw = `Demo-${randomBytes(6).toString('hex')}-Mc${Math.floor(Math.random() * 90 + 10)}`;
    fs.mkdirSync(config.dataDir, { recursive: true });
    fs.writeFileSync(file, `${pw}\n`, { mode: 0o600 });
    return pw;
  }
}

/** MOTCUA_SECRET, else a key generated once into the data folder (set MOTCUA_SECRET when running several instances). */
export function serverSecret(config: Config): string {
  if (config.secret) return config.secret;
  const file = path.join(config.dataDir, 'secret');
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    const key = randomBytes(32).toString('hex');
    fs.mkdirSync(config.dataDir, { recursive: true });
    fs.writeFileSync(file, `${key}\n`, { mode: 0o600 });
    return key;
  }
}

export async function prepare(config: Config, log: (m: string) => void): Promise<{ app: App; database: Database }> {
  checkWritable(config.dataDir);
  config = { ...config, secret: serverSecret(config) };
  const database = await openDatabase(config, log);
  try {
    if (config.demo) {
      const { seedDemo } = await import('./seed/demo');
      await seedDemo(database.db, demoPassword(config));
      if (config.demoHistory) {
        const { seedDemoHistory } = await import('./seed/history');
        const n = await seedDemoHistory(database.db);
        if (n) log(`Demo history seeded: ${n} dossiers over the last year.`);
      }
    }
  } catch (e) {
    await database.close();
    throw e;
  }
  // Loaded here, not at the top: CLI commands that only need the database (migrate, audit verify) start faster.
  const { createApp } = await import('./app');
  return { app: createApp(config, database.db, { databaseUrl: database.url, readDb: database.readDb }), database };
}

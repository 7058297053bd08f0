import pg from 'pg';
const c = new pg.Client({ host: '127.0.0.1', port: Number(process.argv[2]), user: 'postgres', password: 'motcua-embedded', database: 'postgres' });
await c.connect();
const r = await c.query(process.argv[3]);
console.table(r.rows);
await c.end();

// Province scale: a generated 10,000-task plan imported through the service (answer returned),
// its acknowledgement ladders derived by a real worker after the answer, its cycle opened, and a
// worker started on a database of 100,000 tasks (health answering; the queue re-derived behind).
// Each figure is printed with its target and a bare baseline from the same run.
// Run: npm run bench:import   (BENCH_TASKS, BENCH_DB_TASKS change the sizes)
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { CyclesService, DocumentsImportService, seedUnitRegistry } from '@tracker/services';
import { ChildWorker, ClockFile, spawnWorker } from '../test/support/child-worker';
import { largeDocumentText, shapeFor } from '../test/support/large-document';
import { SmtpSink } from '../test/support/smtp-sink';
import { givenBulkDocument } from '../test/support/supervision-fixtures';
import { dropDatabase, PG, scratchDatabase, servicesContext } from './supervision-support';

const TASKS = Number(process.env.BENCH_TASKS ?? 10_000);
const DB_TASKS = Number(process.env.BENCH_DB_TASKS ?? 100_000);
const REDIS = { host: '127.0.0.1', port: 6379 };

const seconds = (t0: bigint): number => Number(process.hrtime.bigint() - t0) / 1e9;

async function waitFor(check: () => Promise<boolean>, timeoutMs = 600_000): Promise<void> {
  const stop = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > stop) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

async function healthy(port: number): Promise<boolean> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/`);
    return res.status === 200;
  } catch {
    return false;
  }
}

/** The same rows as the import wrote, as bare multi-row INSERTs (1,000 a statement) into copies of the tables. */
async function bareInsert(db: string, documentId: string): Promise<number> {
  const pg = new Client({ ...PG, database: db });
  await pg.connect();
  try {
    await pg.query(`CREATE TABLE bare_tasks (LIKE tasks INCLUDING DEFAULTS INCLUDING INDEXES)`);
    await pg.query(
      `CREATE TABLE bare_assignments (LIKE assignments INCLUDING DEFAULTS INCLUDING INDEXES)`,
    );
    const tasks = (
      await pg.query(
        `SELECT id, document_id, parent_id, path, path_key, ordinal, heading, body, is_task, units_source,
                deadline_text, deadline_on::text, targets::text FROM tasks WHERE document_id = $1 ORDER BY ordinal`,
        [documentId],
      )
    ).rows as Record<string, unknown>[];
    const assignments = (
      await pg.query(
        `SELECT a.task_id, a.unit_id, a.group_id, a.role, a.ordinal, a.created_at FROM assignments a
           JOIN tasks t ON t.id = a.task_id WHERE t.document_id = $1`,
        [documentId],
      )
    ).rows as Record<string, unknown>[];
    const insert = async (table: string, rows: Record<string, unknown>[]): Promise<void> => {
      const cols = Object.keys(rows[0]);
      for (let i = 0; i < rows.length; i += 1_000) {
        const chunk = rows.slice(i, i + 1_000);
        const values: unknown[] = [];
        const tuples = chunk.map((r) => `(${cols.map((c) => `$${values.push(r[c])}`).join(', ')})`);
        await pg.query(
          `INSERT INTO ${table} (${cols.join(', ')}) VALUES ${tuples.join(', ')}`,
          values,
        );
      }
    };
    const t0 = process.hrtime.bigint();
    await pg.query('BEGIN');
    await insert('bare_tasks', tasks);
    await insert('bare_assignments', assignments);
    await pg.query('COMMIT');
    return seconds(t0);
  } finally {
    await pg.query(`DROP TABLE IF EXISTS bare_tasks, bare_assignments`);
    await pg.end();
  }
}

/** A bare INSERT … SELECT of the cycle's report rows into a copy of the table. */
async function bareReports(db: string, cycleId: string): Promise<number> {
  const pg = new Client({ ...PG, database: db });
  await pg.connect();
  try {
    await pg.query(
      `CREATE TABLE bare_reports (LIKE status_reports INCLUDING DEFAULTS INCLUDING INDEXES)`,
    );
    const t0 = process.hrtime.bigint();
    await pg.query(
      `INSERT INTO bare_reports (cycle_id, task_id, unit_id, due_at, updated_at)
       SELECT cycle_id, task_id, unit_id, due_at, updated_at FROM status_reports WHERE cycle_id = $1`,
      [cycleId],
    );
    return seconds(t0);
  } finally {
    await pg.query(`DROP TABLE IF EXISTS bare_reports`);
    await pg.end();
  }
}

/** A bare node process that loads pg and bullmq, asks PostgreSQL and Redis once, and exits. */
async function bareProcess(db: string): Promise<number> {
  const script = `
    const { Client } = require('pg'); const { Queue } = require('bullmq');
    (async () => {
      const pg = new Client({ host: '127.0.0.1', user: 'postgres', database: process.argv[1] });
      await pg.connect(); await pg.query('SELECT 1'); await pg.end();
      const q = new Queue('bare-start', { connection: { host: '127.0.0.1', port: 6379 } });
      await q.waitUntilReady(); await q.close();
    })().then(() => process.exit(0), () => process.exit(1));`;
  const t0 = process.hrtime.bigint();
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', script, db], { stdio: 'ignore' });
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`bare start ${code}`)),
    );
  });
  return seconds(t0);
}

async function main(): Promise<void> {
  const db = await scratchDatabase('import');
  const prefix = `bench-${randomBytes(3).toString('hex')}`;
  const smtp = new SmtpSink();
  await smtp.start();
  const env = {
    ...smtp.env(),
    PUBLIC_URL: 'https://tracker.bench',
    NODE_ENV: 'test',
    DB_NAME: db,
    QUEUE_PREFIX: prefix,
    LOG_LEVEL: 'silent',
    DB_POOL_SIZE: '10',
  };
  const clock = new ClockFile('2020-07-01T10:00:00+08:00');
  const app = await servicesContext(env, { now: () => clock.now() });
  const ds = app.get(DataSource);
  await ds.transaction((em) => seedUnitRegistry(em));
  const workers: ChildWorker[] = [];
  const line = (k: string, v: string, target = ''): void => {
    console.log(`${k.padEnd(52)} ${v.padStart(12)}  ${target}`);
  };
  const ladder = new Queue('ladder', { prefix, connection: REDIS });
  try {
    const first = spawnWorker(env, clock);
    workers.push(first);
    await first.ready;

    const text = largeDocumentText(shapeFor(TASKS), prefix);
    console.log(
      `document: ${(Buffer.byteLength(text) / 1024 / 1024).toFixed(1)} MiB of text, a worker as a child process, same PostgreSQL and Redis`,
    );
    const importer = app.get(DocumentsImportService);
    let t0 = process.hrtime.bigint();
    const result = await importer.import({ fileName: 'province-scale.txt', text }, null);
    const importS = seconds(t0);
    const [{ acks }] = await ds.query(
      `SELECT count(*)::int AS acks FROM assignments a JOIN tasks t ON t.id = a.task_id
        WHERE t.document_id = $1 AND a.role = 'support'`,
      [result.documentId],
    );
    const bareS = await bareInsert(db, result.documentId);
    line(
      `import of ${result.tasks} tasks, ${result.assignments} assignments (answer)`,
      `${importS.toFixed(2)} s`,
      `target < 15 s: ${importS < 15 ? 'MET' : 'NOT MET'}`,
    );
    line('  bare multi-row INSERT of the same rows (pg)', `${bareS.toFixed(2)} s`, 'baseline');
    // After the answer: the worker derives one ack-step job per supporting assignment.
    await waitFor(
      async () =>
        (await ladder.getJobCountByTypes('waiting', 'active', 'delayed', 'completed', 'failed')) >=
        acks,
    );
    line(
      `  ${acks} acknowledgement ladders queued after the answer`,
      `${seconds(t0).toFixed(2)} s`,
      'from the import start',
    );

    t0 = process.hrtime.bigint();
    const opened = await app.get(CyclesService).open(null, result.documentId, '2020-Q3');
    const openS = seconds(t0);
    const bareOpenS = await bareReports(db, opened.id);
    line(
      `cycle opening, ${opened.reports} reports (answer)`,
      `${openS.toFixed(2)} s`,
      `target < 3 s: ${openS < 3 ? 'MET' : 'NOT MET'}`,
    );
    line('  bare INSERT … SELECT of the same report rows', `${bareOpenS.toFixed(2)} s`, 'baseline');
    // The cycle's job sleeps until its first rung (then raises it for all and fans out the ladders),
    // or, past it, has done so and waits for them.
    const cycleJobs = new Queue('cycles', { prefix, connection: REDIS });
    await waitFor(async () =>
      ['delayed', 'waiting-children'].includes(
        await cycleJobs.getJobState(`cycle-run/${opened.id}`),
      ),
    );
    await cycleJobs.close();
    line(
      "  its cycle's job asleep for its first rung (or fanned out)",
      `${seconds(t0).toFixed(2)} s`,
      'from the open',
    );
    await first.kill('SIGTERM');

    // A database of DB_TASKS tasks: the rest as a bulk document with two supporting units a task
    // and an open cycle, so the start has reports to reconcile and acknowledgements to derive.
    const rest = DB_TASKS - result.tasks;
    if (rest > 0) {
      const bulk = await givenBulkDocument(ds, rest, 50);
      await ds.query(
        `WITH u AS (SELECT array_agg(id ORDER BY id) AS ids FROM units WHERE name LIKE '批量单位%')
         INSERT INTO assignments (task_id, unit_id, role, ordinal, created_at)
         SELECT t.id, u.ids[1 + (t.ordinal + k * 7) % 50], 'support', k, '2020-07-01T09:00:00+08:00'
           FROM tasks t CROSS JOIN generate_series(1, 2) k CROSS JOIN u
          WHERE t.document_id = $1
         ON CONFLICT DO NOTHING`,
        [bulk],
      );
      await app.get(CyclesService).open(null, bulk, '2020-Q3');
    }
    const [{ tasks: dbTasks, pending }] = await ds.query(
      `SELECT (SELECT count(*)::int FROM tasks) AS tasks,
              (SELECT count(*)::int FROM assignments WHERE role = 'support' AND state = 'pending') AS pending`,
    );
    const port = await freePort();
    const bareConnectS = await bareProcess(db);
    t0 = process.hrtime.bigint();
    const second = spawnWorker(env, clock, { WORKER_HEALTH_PORT: String(port) });
    workers.push(second);
    await waitFor(() => healthy(port), 300_000);
    const healthS = seconds(t0);
    await second.ready;
    const rederivedS = seconds(t0);
    line(
      `worker start on ${dbTasks} tasks, ${pending} pending acks: health 200`,
      `${healthS.toFixed(2)} s`,
      `target < 15 s: ${healthS < 15 ? 'MET' : 'NOT MET'}`,
    );
    line('  queue re-derived from PostgreSQL (background)', `${rederivedS.toFixed(2)} s`);
    line(
      '  bare node process: load pg + bullmq, connect, exit',
      `${bareConnectS.toFixed(2)} s`,
      'baseline',
    );
  } finally {
    await ladder.close();
    for (const w of workers) await w.kill('SIGTERM');
    await app.close();
    await smtp.stop();
    const { deleteRedisKeys } = await import('../test/support/test-env');
    await deleteRedisKeys(`${prefix}:*`);
    await dropDatabase(db);
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);

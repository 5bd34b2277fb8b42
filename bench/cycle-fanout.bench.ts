// Opens a cycle of 10,000 tasks on a real worker process, then raises its first rung (reminder
// notices with their inbox entries and mail, every unit member having an address) and has each
// report's ladder job asleep for its next rung. Fan-out plus first rung is compared with bare
// BullMQ jobs that each do one PostgreSQL round trip (target: at least 0.8 of them; measured
// before and after the product, in the same process, once the worker is ready), the rung's
// notices written within 10 s and its mail queued within 30 s; and the worker's peak memory. The
// mail queue is paused while the rung runs, so "queued" is counted exactly (nothing is sent here).
import { randomBytes } from 'node:crypto';
import { Queue, Worker } from 'bullmq';
import { Pool } from 'pg';
import { CyclesService } from '@tracker/services';
import { ClockFile, spawnWorker } from '../test/support/child-worker';
import { SmtpSink } from '../test/support/smtp-sink';
import { givenBulkDocument } from '../test/support/supervision-fixtures';
import { DataSource } from 'typeorm';
import { PG, dropDatabase, peakRss, scratchDatabase, servicesContext } from './supervision-support';

const N = Number(process.env.BENCH_TASKS ?? 10_000);
const REDIS = { host: '127.0.0.1', port: 6379 };

async function waitFor(check: () => Promise<boolean>, timeoutMs = 300_000): Promise<void> {
  const stop = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > stop) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * Bare BullMQ: N jobs added in bulk and processed at concurrency 50 on the same Redis; each job
 * either does nothing or one PostgreSQL round trip (`SELECT 1` on a pool of 10), the honest floor
 * for a ladder step, which must at least read and write its report.
 */
async function bare(prefix: string, db: string, roundTrip: boolean): Promise<number> {
  const queue = new Queue('bare', { prefix, connection: REDIS });
  const pool = new Pool({ ...PG, database: db, max: 10 });
  let done = 0;
  const worker = new Worker(
    'bare',
    async () => {
      if (roundTrip) await pool.query('SELECT 1');
      return 'ok';
    },
    {
      prefix,
      connection: { ...REDIS, maxRetriesPerRequest: null },
      concurrency: 50,
      autorun: false,
    },
  );
  worker.on('completed', () => (done += 1));
  await worker.waitUntilReady();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < N; i += 1000) {
    await queue.addBulk(
      Array.from({ length: Math.min(1000, N - i) }, (_, k) => ({
        name: 'noop',
        data: { i: i + k },
        opts: { jobId: `noop/${i + k}`, removeOnComplete: true },
      })),
    );
  }
  void worker.run();
  await waitFor(async () => done >= N);
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  await pool.end();
  return N / s;
}

async function main(): Promise<void> {
  const db = await scratchDatabase('fanout');
  const prefix = `bench-${randomBytes(3).toString('hex')}`;
  // The worker mails the first rung's reminders: a real SMTP server in this process takes them.
  const smtp = new SmtpSink();
  const smtpPort = await smtp.start();
  const env = {
    NODE_ENV: 'test',
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(smtpPort),
    PUBLIC_URL: 'https://tracker.bench',
    DB_NAME: db,
    QUEUE_PREFIX: prefix,
    LOG_LEVEL: 'silent',
    DB_POOL_SIZE: '10',
  };
  const clock = new ClockFile('2020-07-01T10:00:00+08:00');
  const app = await servicesContext(env, { now: () => clock.now() });
  const worker = spawnWorker(env, clock);
  try {
    // The bare baselines run once the worker is up, so neither side pays for its boot.
    await worker.ready;
    const bareRate = await bare(`${prefix}-bare`, db, false);
    const bareDbRate = await bare(`${prefix}-bare-db`, db, true);
    const ds = app.get(DataSource);
    const documentId = await givenBulkDocument(ds, N, 50);
    // Every member and head of the bulk units has an address: two reminder mails a report.
    await ds.query(
      `UPDATE users SET email = 'b' || substr(md5(id::text), 1, 12) || '@example.gov.cn' WHERE email IS NULL`,
    );
    const ladder = new Queue('ladder', { prefix, connection: REDIS });
    const cycles = new Queue('cycles', { prefix, connection: REDIS });
    const mail = new Queue('mail', { prefix, connection: REDIS });
    const pid = worker.proc.pid as number;
    const count = async (sql: string): Promise<number> => Number((await ds.query(sql))[0].n);
    const quiet = async (q: Queue): Promise<boolean> => {
      const c = await q.getJobCounts('waiting', 'active', 'prioritized');
      return (c.waiting ?? 0) + (c.active ?? 0) + (c.prioritized ?? 0) === 0;
    };

    // Open: the report rows and the cycle's job; it fans out its ladders at once or at its first
    // rung, whichever the engine does (so before and after can be compared on one bench).
    let cycleId = '';
    const open = await peakRss(pid, async () => {
      const t0 = process.hrtime.bigint();
      cycleId = (await app.get(CyclesService).open(null, documentId, '2020-Q3')).id;
      await waitFor(async () => {
        const job = await cycles.getJob(`cycle-run/${cycleId}`);
        const state = job ? await job.getState() : 'unknown';
        return (
          (state === 'delayed' || state === 'waiting-children') &&
          (await quiet(cycles)) &&
          (await quiet(ladder))
        );
      });
      return Number(process.hrtime.bigint() - t0) / 1e9;
    });

    // The first rung for everyone: every due job promoted (the cycle's own, or one per report).
    await mail.pause();
    clock.set('2020-10-08T00:00:00+08:00');
    const marks = { written: 0, mailed: 0 };
    const step = await peakRss(pid, async () => {
      const t0 = process.hrtime.bigint();
      const since = (): number => Number(process.hrtime.bigint() - t0) / 1e9;
      const parent = await cycles.getJob(`cycle-run/${cycleId}`);
      if (parent && (await parent.isDelayed())) await parent.promote();
      await ladder.promoteJobs();
      await waitFor(async () => {
        if (!marks.written) {
          const n = await count(`SELECT count(*)::int AS n FROM notices WHERE kind = 'reminder'`);
          if (n >= N) marks.written = since();
        }
        if (marks.written && !marks.mailed) {
          const owed = await count(
            `SELECT count(*)::int AS n FROM notice_deliveries WHERE channel = 'email'`,
          );
          const c = await mail.getJobCounts('waiting', 'prioritized', 'delayed', 'active');
          const queued = Object.values(c).reduce((a, b) => a + b, 0);
          if (owed >= 2 * N && queued >= owed) marks.mailed = since();
        }
        return (
          marks.written > 0 &&
          marks.mailed > 0 &&
          (await quiet(ladder)) &&
          (await quiet(cycles)) &&
          (await ladder.getDelayedCount()) >= N
        );
      });
      return since();
    });
    const combined = N / (open.result + step.result);
    // The one-round-trip baseline again, after the product: the machine's load moves between runs.
    await mail.obliterate({ force: true });
    const bareDbAfter = await bare(`${prefix}-bare-db2`, db, true);
    const bareDb = (bareDbRate + bareDbAfter) / 2;

    const line = (k: string, v: string, target = ''): void =>
      console.log(`${k.padEnd(52)} ${v.padStart(14)}  ${target}`);
    console.log(
      `cycle of ${N} tasks (one lead report each, two unit members with mail), worker as a child process, same Redis`,
    );
    line('bare BullMQ no-op jobs (add + process, c=50)', `${bareRate.toFixed(0)} jobs/s`);
    line(
      'bare BullMQ jobs with one PostgreSQL round trip',
      `${bareDb.toFixed(0)} jobs/s`,
      `mean of ${bareDbRate.toFixed(0)} before and ${bareDbAfter.toFixed(0)} after`,
    );
    line('cycle open (report rows + the cycle job)', `${open.result.toFixed(2)} s`);
    line(
      'first rung: reminders written',
      `${marks.written.toFixed(2)} s`,
      `target < 10 s: ${marks.written < 10 ? 'MET' : 'NOT MET'}`,
    );
    line(
      `first rung: its ${2 * N} mails queued`,
      `${marks.mailed.toFixed(2)} s`,
      `target < 30 s: ${marks.mailed < 30 ? 'MET' : 'NOT MET'}`,
    );
    line('first rung: every ladder job asleep for its next', `${step.result.toFixed(2)} s`);
    line(
      'fan-out + first rung (open to every ladder asleep)',
      `${combined.toFixed(0)} reports/s`,
      `target >= ${(bareDb * 0.8).toFixed(0)} (0.8 of one-round-trip jobs): ${combined >= bareDb * 0.8 ? 'MET' : 'NOT MET'}`,
    );
    line('  ratio to one-round-trip jobs', `${(combined / bareDb).toFixed(2)}`);
    line('worker peak RSS during open', `${open.peakMb.toFixed(0)} MB`);
    line('worker peak RSS during first rung', `${step.peakMb.toFixed(0)} MB`);
    await Promise.all([cycles.close(), mail.close()]);
    await ladder.close();
  } finally {
    await worker.kill('SIGTERM');
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

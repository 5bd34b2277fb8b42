// Opens and fans out a cycle of 10,000 tasks on a real worker process and compares its jobs per
// second with bare BullMQ no-op jobs of the same count on the same Redis (target: at least half);
// then the first rung for all 10,000 (reminder notices with their deliveries) against bare BullMQ
// jobs that each do one PostgreSQL round trip (target: at least 0.8 of them); and the worker's
// peak memory. Both baselines run in the same process after the worker is ready.
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
    const documentId = await givenBulkDocument(app.get(DataSource), N, 50);
    const ladder = new Queue('ladder', { prefix, connection: REDIS });
    const pid = worker.proc.pid as number;

    const fan = await peakRss(pid, async () => {
      const t0 = process.hrtime.bigint();
      await app.get(CyclesService).open(null, documentId, '2020-Q3');
      await waitFor(async () => (await ladder.getDelayedCount()) >= N);
      return Number(process.hrtime.bigint() - t0) / 1e9;
    });
    const fanRate = N / fan.result;

    // The first rung for everyone: 10,000 ladder steps each raising a reminder with its deliveries.
    clock.set('2020-10-08T00:00:00+08:00');
    const step = await peakRss(pid, async () => {
      const t0 = process.hrtime.bigint();
      await ladder.promoteJobs();
      const ds = app.get(DataSource);
      await waitFor(async () => {
        const [{ n }] = await ds.query(
          `SELECT count(*)::int AS n FROM notices WHERE kind = 'reminder'`,
        );
        return n >= N && (await ladder.getJobCounts('active', 'waiting')).waiting === 0;
      });
      return Number(process.hrtime.bigint() - t0) / 1e9;
    });
    const stepRate = N / step.result;

    const line = (k: string, v: string, target = ''): void =>
      console.log(`${k.padEnd(48)} ${v.padStart(14)}  ${target}`);
    console.log(
      `cycle of ${N} tasks (one lead report each), worker as a child process, same Redis`,
    );
    line('bare BullMQ no-op jobs (add + process, c=50)', `${bareRate.toFixed(0)} jobs/s`);
    line(
      'cycle open + fan-out (report rows + ladder jobs)',
      `${fanRate.toFixed(0)} jobs/s`,
      `target >= ${(bareRate / 2).toFixed(0)} (half of bare): ${fanRate >= bareRate / 2 ? 'MET' : 'NOT MET'}`,
    );
    line('  ratio to bare', `${(fanRate / bareRate).toFixed(2)}`);
    line('bare BullMQ jobs with one PostgreSQL round trip', `${bareDbRate.toFixed(0)} jobs/s`);
    line(
      'first rung for all (reminder + deliveries, c=20)',
      `${stepRate.toFixed(0)} steps/s`,
      `target >= ${(bareDbRate * 0.8).toFixed(0)} (0.8 of one-round-trip jobs): ${stepRate >= bareDbRate * 0.8 ? 'MET' : 'NOT MET'} (${step.result.toFixed(2)} s)`,
    );
    line('  ratio to one-round-trip jobs', `${(stepRate / bareDbRate).toFixed(2)}`);
    line('worker peak RSS during fan-out', `${fan.peakMb.toFixed(0)} MB`);
    line('worker peak RSS during first rung', `${step.peakMb.toFixed(0)} MB`);
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

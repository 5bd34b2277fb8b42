// One rung for a whole cycle with one worker process and with several: the same database, Redis
// and SMTP server, rounds interleaved (1, 3, 1, 3 …) so the machine's noise falls on both sides.
// Each round imports a fresh document of BENCH_TASKS tasks, opens its cycle, moves the clock to
// its overdue rung and times (a) every report's notice written and (b) every mail of it sent.
// BENCH_TASKS, BENCH_WORKERS (e.g. "1,3"), BENCH_ROUNDS, BENCH_SMTP_DELAY_MS (the relay's latency).
import { randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { CyclesService } from '@tracker/services';
import { ChildWorker, ClockFile, spawnWorker } from '../test/support/child-worker';
import { drainQueues } from '../test/support/drain';
import { SmtpSink } from '../test/support/smtp-sink';
import { givenBulkDocument } from '../test/support/supervision-fixtures';
import { deleteRedisKeys } from '../test/support/test-env';
import { dropDatabase, scratchDatabase, servicesContext } from './supervision-support';

const N = Number(process.env.BENCH_TASKS ?? 2_000);
const COUNTS = (process.env.BENCH_WORKERS ?? '1,3').split(',').map(Number);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
// How long the SMTP server takes to answer each message: a real relay's latency (0: at once).
const SMTP_DELAY_MS = Number(process.env.BENCH_SMTP_DELAY_MS ?? 0);
const REDIS = { host: '127.0.0.1', port: 6379 };

async function until(check: () => Promise<boolean>, timeoutMs = 600_000): Promise<void> {
  const stop = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > stop) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

async function main(): Promise<void> {
  const db = await scratchDatabase('workers');
  const prefix = `bench-${randomBytes(3).toString('hex')}`;
  const smtp = new SmtpSink();
  smtp.answerDelayMs = SMTP_DELAY_MS;
  const env = {
    NODE_ENV: 'test',
    ...(await smtp.start().then(() => smtp.env())),
    PUBLIC_URL: 'https://tracker.bench',
    DB_NAME: db,
    QUEUE_PREFIX: prefix,
    LOG_LEVEL: 'silent',
    DB_POOL_SIZE: '10',
  };
  const clock = new ClockFile('2020-07-01T10:00:00+08:00');
  const app = await servicesContext(env, { now: () => clock.now() });
  const ds = app.get(DataSource);
  const ladder = new Queue('ladder', { prefix, connection: REDIS });
  const results = new Map<number, { rung: number[]; mail: number[] }>(
    COUNTS.map((k) => [k, { rung: [], mail: [] }]),
  );
  const count = async (sql: string, cycleId: string): Promise<number> =>
    ((await ds.query(sql, [cycleId])) as { n: number }[])[0].n;
  try {
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const k of COUNTS) {
        clock.set('2020-07-01T10:00:00+08:00');
        const workers: ChildWorker[] = Array.from({ length: k }, () => spawnWorker(env, clock));
        await Promise.all(workers.map((w) => w.ready));
        const documentId = await givenBulkDocument(ds, N, 50);
        await ds.query(
          `UPDATE users SET email = 'b' || substr(md5(id::text), 1, 12) || '@example.gov.cn' WHERE email IS NULL`,
        );
        const cycle = await app.get(CyclesService).open(null, documentId, '2020-Q3');
        await drainQueues({ queuePrefix: prefix, now: () => clock.now() }, 600_000);

        clock.set('2020-10-12T00:00:00+08:00');
        const t0 = process.hrtime.bigint();
        const mine = (await ladder.getDelayed()).filter((j) => j?.data?.cycleId === cycle.id);
        await Promise.all(mine.map((j) => j.promote()));
        await until(
          async () =>
            (await count(
              `SELECT count(*)::int AS n FROM notices WHERE cycle_id = $1 AND kind = 'overdue'`,
              cycle.id,
            )) >= N,
        );
        const rung = Number(process.hrtime.bigint() - t0) / 1e9;
        await until(
          async () =>
            (await count(
              `SELECT count(*)::int AS n FROM notice_deliveries d JOIN notices n ON n.id = d.notice_id
                WHERE n.cycle_id = $1 AND d.channel = 'email' AND d.sent_at IS NULL`,
              cycle.id,
            )) === 0,
        );
        const mail = Number(process.hrtime.bigint() - t0) / 1e9;
        const mails = await count(
          `SELECT count(*)::int AS n FROM notice_deliveries d JOIN notices n ON n.id = d.notice_id
            WHERE n.cycle_id = $1 AND d.channel = 'email'`,
          cycle.id,
        );
        results.get(k)!.rung.push(rung);
        results.get(k)!.mail.push(mail);
        console.log(
          `round ${round + 1}, ${k} worker(s): ${N} overdue notices in ${rung.toFixed(2)} s (${(N / rung).toFixed(0)}/s), ${mails} mails sent by ${mail.toFixed(2)} s (${(mails / mail).toFixed(0)}/s)`,
        );
        await Promise.all(workers.map((w) => w.kill('SIGTERM')));
      }
    }
    // Paired within a round (the same minutes of the machine's load), then the median of the pairs.
    const base = results.get(COUNTS[0])!;
    console.log(
      `\n${N} reports, 2 mails each, SMTP answer after ${SMTP_DELAY_MS} ms, machine: ${cpus().length} cores; speed-up over ${COUNTS[0]} worker(s), per round:`,
    );
    for (const k of COUNTS.slice(1)) {
      const r = results.get(k)!;
      const rung = r.rung.map((t, i) => base.rung[i] / t);
      const mail = r.mail.map((t, i) => base.mail[i] / t);
      const list = (xs: number[]): string => xs.map((x) => `${x.toFixed(2)}×`).join(' ');
      console.log(
        `${String(k).padStart(2)} worker(s): rung ${list(rung)} (median ${median(rung).toFixed(2)}×), mail ${list(mail)} (median ${median(mail).toFixed(2)}×)`,
      );
    }

    // What the rows of these rounds take on disk (tables with their indexes): a sizing basis.
    console.log('\non disk after the rounds (table with its indexes, per row):');
    for (const table of [
      'tasks',
      'assignments',
      'status_reports',
      'notices',
      'notice_deliveries',
      'escalations',
    ]) {
      const [row] = (await ds.query(
        `SELECT count(*)::int AS n, pg_total_relation_size($1::regclass)::bigint AS bytes FROM ${table}`,
        [table],
      )) as { n: number; bytes: string }[];
      console.log(
        `${table.padEnd(18)} ${String(row.n).padStart(8)} rows ${(Number(row.bytes) / 1048576).toFixed(1).padStart(7)} MB` +
          (row.n ? ` ${(Number(row.bytes) / row.n).toFixed(0).padStart(6)} B/row` : ''),
      );
    }
  } finally {
    await ladder.close();
    await app.close();
    await smtp.stop();
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

// A province's quarter: 50 documents, 20,000 tasks, 300 units and 1,000 accounts, seeded in bulk;
// the real API and the real worker each in a process of their own on one business clock (a clock
// file), an SMTP server in this process. The office opens the quarter's cycles through the API;
// the clock then moves to each rung of the ladder (times from libs/domain's rules) and the bench
// measures until PostgreSQL holds the rung's notices and the SMTP sink has every mail PostgreSQL
// says is owed; between the reminder and the due time a share of the units files its reports and
// the office accepts them through the API; the leading-group rung completes the cycles and the
// worker compiles their bulletins. Worker and API memory are sampled from /proc throughout.
// Every figure stands beside its target (where the issue gives one) and a bare baseline from the
// same run.
// Run: npm run bench:province   (BENCH_DOCS, BENCH_TASKS, BENCH_UNITS, BENCH_ACCOUNTS for smaller runs;
// BENCH_FILE_SHARE, BENCH_CONCURRENCY, BENCH_MEMBER_MAIL=immediate|daily)
import { randomBytes } from 'node:crypto';
import { createTransport } from 'nodemailer';
import { Pool } from 'pg';
import { reportDueAt, reportLadder, withDefaults, LadderStep } from '@tracker/domain';
import { spawnApi } from '../test/support/child-api';
import { ClockFile, spawnWorker } from '../test/support/child-worker';
import { drainQueues, pendingMail, promoteDue } from '../test/support/drain';
import { SmtpSink } from '../test/support/smtp-sink';
import { deleteRedisKeys } from '../test/support/test-env';
import {
  headOf,
  OFFICE_USER,
  PROVINCE_PASSWORD,
  ProvinceSize,
  seedProvinceQuarter,
} from './province-seed';
import { dropDatabase, PG, rssMb, scratchDatabase } from './supervision-support';

const SIZE: ProvinceSize = {
  documents: Number(process.env.BENCH_DOCS ?? 50),
  tasks: Number(process.env.BENCH_TASKS ?? 20_000),
  units: Number(process.env.BENCH_UNITS ?? 300),
  accounts: Number(process.env.BENCH_ACCOUNTS ?? 1_000),
};
/** The share of units that file their reports before the due time (the office accepts them). */
const FILE_SHARE = Number(process.env.BENCH_FILE_SHARE ?? 0.4);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const MEMBER_MAIL = (process.env.BENCH_MEMBER_MAIL ?? 'daily') as 'immediate' | 'daily';
const PERIOD = '2025-Q3';
const QUIET_MS = 1_800_000;

const seconds = (t0: bigint): number => Number(process.hrtime.bigint() - t0) / 1e9;

/** Polls a condition PostgreSQL or the sink answers; ends on the first true, fails after the timeout. */
async function waitFor(check: () => Promise<boolean>, timeoutMs = QUIET_MS): Promise<void> {
  const stop = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > stop) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}

const line = (k: string, v: string, note = ''): void =>
  console.log(`${k.padEnd(58)} ${v.padStart(13)}  ${note}`);
const met = (ok: boolean): string => (ok ? 'MET' : 'NOT MET');

/** Worker and API resident memory, sampled every 200 ms: overall maximum, per phase, and the last. */
class RssSampler {
  private readonly max: Record<string, number> = {};
  private readonly phaseMax: Record<string, number> = {};
  readonly last: Record<string, number> = {};
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly pids: Record<string, number>) {
    this.timer = setInterval(() => this.sample(), 200);
  }

  sample(): void {
    for (const [name, pid] of Object.entries(this.pids)) {
      const mb = rssMb(pid);
      if (mb === null) continue;
      this.last[name] = mb;
      this.max[name] = Math.max(this.max[name] ?? 0, mb);
      this.phaseMax[name] = Math.max(this.phaseMax[name] ?? 0, mb);
    }
  }

  /** The phase's peaks (then starts the next phase). */
  phase(): string {
    this.sample();
    const out = Object.entries(this.phaseMax)
      .map(([k, v]) => `${k} ${v.toFixed(0)} MB`)
      .join(', ');
    for (const k of Object.keys(this.phaseMax)) delete this.phaseMax[k];
    return out;
  }

  stop(): Record<string, { max: number; end: number }> {
    this.sample();
    clearInterval(this.timer);
    return Object.fromEntries(
      Object.keys(this.pids).map((k) => [k, { max: this.max[k] ?? 0, end: this.last[k] ?? 0 }]),
    );
  }
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Copies rows into an empty table shaped like `table` with one INSERT … SELECT; its time in seconds. */
async function bareCopy(
  pool: Pool,
  table: string,
  select: string,
  params: unknown[],
): Promise<number> {
  const bare = `bare_${table}`;
  const c = await pool.connect();
  try {
    await c.query(`SET statement_timeout = 0`);
    await c.query(`CREATE TABLE ${bare} (LIKE ${table} INCLUDING DEFAULTS INCLUDING INDEXES)`);
    const t0 = process.hrtime.bigint();
    await c.query(`INSERT INTO ${bare} ${select}`, params);
    return seconds(t0);
  } finally {
    await c.query(`DROP TABLE IF EXISTS ${bare}`);
    c.release();
  }
}

class Api {
  constructor(readonly base: string) {}

  async login(username: string): Promise<string> {
    const res = await fetch(`${this.base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: PROVINCE_PASSWORD }),
    });
    if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { accessToken: string }).accessToken;
  }

  async post(
    token: string,
    path: string,
    body: unknown,
  ): Promise<{ status: number; ms: number; json: unknown }> {
    const t0 = process.hrtime.bigint();
    const res = await fetch(`${this.base}/api${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
    const json: unknown = await res.json().catch(() => null);
    return { status: res.status, ms: seconds(t0) * 1000, json };
  }
}

/** Runs `work` over `items` with `concurrency` loops; the answers' latencies and failures. */
async function drive<T>(
  items: T[],
  concurrency: number,
  work: (item: T) => Promise<{ status: number; ms: number; json?: unknown }[]>,
): Promise<{ seconds: number; requests: number; latencies: number[]; failures: string[] }> {
  const latencies: number[] = [];
  const failures: string[] = [];
  let next = 0;
  const t0 = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const item = items[next++];
        for (const r of await work(item)) {
          latencies.push(r.ms);
          if (r.status < 200 || r.status >= 300)
            failures.push(`${r.status} ${JSON.stringify(r.json).slice(0, 200)}`);
        }
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return { seconds: seconds(t0), requests: latencies.length, latencies, failures };
}

/** Raw SMTP: `count` messages of the given size through a pool of `connections` to the sink. */
async function rawSmtp(
  port: number,
  count: number,
  connections: number,
  text: string,
  html: string,
): Promise<number> {
  const transport = createTransport({
    host: '127.0.0.1',
    port,
    secure: false,
    ignoreTLS: true,
    pool: true,
    maxConnections: connections,
    maxMessages: Infinity,
  });
  const t0 = process.hrtime.bigint();
  let next = 0;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (next < count) {
        const i = next++;
        await transport.sendMail({
          from: 'office@tracker.test',
          to: `raw-${i}@province.bench`,
          subject: `基线邮件 ${i}`,
          text,
          html,
        });
      }
    }),
  );
  const s = seconds(t0);
  transport.close();
  return s;
}

async function main(): Promise<void> {
  const db = await scratchDatabase('province');
  const prefix = `bench-province-${randomBytes(3).toString('hex')}`;
  const pool = new Pool({ ...PG, database: db, max: 4 });
  const q = async <R>(sql: string, params: unknown[] = []): Promise<R[]> =>
    (await pool.query(sql, params)).rows as R[];
  const count = async (sql: string, params: unknown[] = []): Promise<number> =>
    Number(Object.values((await q<Record<string, unknown>>(sql, params))[0])[0]);

  let t0 = process.hrtime.bigint();
  const seeded = await seedProvinceQuarter(db, SIZE, MEMBER_MAIL);
  console.log(
    `province: ${seeded.policy_documents} documents, ${seeded.tasks} tasks, ${seeded.units} units, ` +
      `${seeded.users} accounts, ${seeded.assignments} assignments (seeded in bulk in ${seconds(t0).toFixed(1)} s); ` +
      `members' reminders and chases: ${MEMBER_MAIL}`,
  );
  console.log('api and worker as child processes, same PostgreSQL, Redis and in-process SMTP sink');

  const smtp = new SmtpSink();
  await smtp.start();
  const rules = withDefaults({});
  const dueAt = reportDueAt(PERIOD, rules);
  const ladder = reportLadder(dueAt, rules);
  const clock = new ClockFile('2025-07-01T10:00:00+08:00');
  const env = {
    ...smtp.env(),
    NODE_ENV: 'test',
    PUBLIC_URL: 'https://tracker.bench',
    DB_NAME: db,
    QUEUE_PREFIX: prefix,
    LOG_LEVEL: 'silent',
    DB_POOL_SIZE: '10',
  };
  const target = { queuePrefix: prefix, now: () => clock.now() };
  const worker = spawnWorker(env, clock);
  const apiChild = await spawnApi({ ...env, TRACKER_CLOCK_FILE: clock.file });
  const api = new Api(apiChild.base);
  const cleanUp = async (): Promise<void> => {
    await apiChild.stop();
    await worker.kill('SIGTERM');
    await smtp.stop();
    await pool.end();
    await deleteRedisKeys(`${prefix}:*`);
    await dropDatabase(db);
  };
  // Interrupted (Ctrl-C): the children, the scratch database and the Redis keys go all the same.
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => void cleanUp().finally(() => process.exit(130)));
  try {
    await worker.ready;
    const rss = new RssSampler({
      worker: worker.proc.pid as number,
      api: apiChild.proc.pid as number,
    });
    line('memory at start', rss.phase());

    // Opening: the office opens each document's cycle through the API.
    const office = await api.login(OFFICE_USER);
    const documents = await q<{ id: string }>(`SELECT id FROM policy_documents ORDER BY title`);
    t0 = process.hrtime.bigint();
    const opened = await drive(documents, 2, async (d) => [
      await api.post(office, '/cycles', { documentId: d.id, period: PERIOD }),
    ]);
    const openS = seconds(t0);
    if (opened.failures.length) throw new Error(`opening failed: ${opened.failures.join(', ')}`);
    await drainQueues(target, QUIET_MS);
    const fannedS = seconds(t0);
    const cycles = (
      await q<{ id: string }>(`SELECT id FROM reporting_cycles WHERE period = $1`, [PERIOD])
    ).map((r) => r.id);
    const reports = await count(`SELECT count(*) FROM status_reports WHERE cycle_id = ANY($1)`, [
      cycles,
    ]);
    const bareOpenS = await bareCopy(
      pool,
      'status_reports',
      `(cycle_id, task_id, unit_id, due_at, updated_at) SELECT cycle_id, task_id, unit_id, due_at, updated_at FROM status_reports WHERE cycle_id = ANY($1)`,
      [cycles],
    );
    line(
      `open ${cycles.length} cycles through the API (${reports} reports)`,
      `${openS.toFixed(2)} s`,
      `p95 ${percentile(opened.latencies, 95).toFixed(0)} ms a cycle; target < 3 s a 10,000-task cycle: ${met(percentile(opened.latencies, 100) < 3000)} (slowest ${(percentile(opened.latencies, 100) / 1000).toFixed(2)} s)`,
    );
    line('  bare INSERT … SELECT of the same report rows', `${bareOpenS.toFixed(2)} s`, 'baseline');
    line(
      '  until the queues are quiet (ladders fanned out, asleep)',
      `${fannedS.toFixed(2)} s`,
      'from the first request',
    );
    line('  memory (peak)', '', rss.phase());

    let rawDone = false;
    const rung = async (step: LadderStep, last: boolean): Promise<void> => {
      const expected = await count(
        `SELECT count(*) FROM status_reports WHERE cycle_id = ANY($1) AND state NOT IN ('submitted', 'accepted')`,
        [cycles],
      );
      // Mail owed for the move: every email delivery written after it (the last rung's bulletins
      // notify everyone too), not only the rung's own.
      const emailRows = `SELECT count(*) FROM notice_deliveries WHERE channel = 'email'`;
      const emailsBefore = await count(emailRows);
      smtp.clear();
      clock.set(step.at);
      const t = process.hrtime.bigint();
      const bulletins = last
        ? waitFor(
            async () =>
              (await count(`SELECT count(*) FROM bulletins WHERE cycle_id = ANY($1)`, [cycles])) >=
              cycles.length,
          ).then(() => seconds(t))
        : null;
      // The delayed jobs whose business time has come: what wall time would do in production.
      const promoted = await promoteDue(target);
      const promoteS = seconds(t);
      const ofRung = `FROM notices n WHERE n.kind = $1 AND n.cycle_id = ANY($2)`;
      await waitFor(
        async () => (await count(`SELECT count(*) ${ofRung}`, [step.rung, cycles])) >= expected,
      );
      const writtenS = seconds(t);
      const rungEmails = await count(
        `SELECT count(*) FROM notice_deliveries d JOIN notices n ON n.id = d.notice_id
          WHERE d.channel = 'email' AND n.kind = $1 AND n.cycle_id = ANY($2)`,
        [step.rung, cycles],
      );
      const bulletinS = bulletins ? await bulletins : null;
      let emails = (await count(emailRows)) - emailsBefore;
      const inapp = await count(
        `SELECT count(*) FROM notice_deliveries d JOIN notices n ON n.id = d.notice_id
          WHERE d.channel = 'inapp' AND n.kind = $1 AND n.cycle_id = ANY($2)`,
        [step.rung, cycles],
      );
      await waitFor(
        async () =>
          smtp.messages.length >= emails &&
          (await pendingMail({ query: (sql: string) => q(sql) })) === 0,
      );
      const mailedS = seconds(t);
      // Nothing more on its way: the queues quiet, the ladders asleep until their next rung.
      await drainQueues(target, QUIET_MS);
      await smtp.settle();
      const quietS = seconds(t);
      emails = (await count(emailRows)) - emailsBefore;
      const received = smtp.messages.length;
      const notices = await count(`SELECT count(*) ${ofRung}`, [step.rung, cycles]);
      const sample = smtp.messages[0];
      smtp.clear();
      const bareNoticesS = await bareCopy(pool, 'notices', `SELECT * ${ofRung}`, [
        step.rung,
        cycles,
      ]);
      const bareDeliveriesS = await bareCopy(
        pool,
        'notice_deliveries',
        `SELECT d.* FROM notice_deliveries d JOIN notices n ON n.id = d.notice_id WHERE n.kind = $1 AND n.cycle_id = ANY($2)`,
        [step.rung, cycles],
      );
      const scaled = (perTenThousand: number): number =>
        (perTenThousand * Math.max(expected, 1)) / 10_000;
      console.log(
        `rung ${step.rung} (level ${step.level}) at ${step.at.toISOString()}, ${expected} reports due for it`,
      );
      line(
        `  notices written (${notices}, ${inapp} inbox rows)`,
        `${writtenS.toFixed(2)} s`,
        step === ladder[0]
          ? `target < 10 s a 10,000-task cycle (${scaled(10).toFixed(1)} s for ${expected}): ${met(writtenS < scaled(10))}`
          : '',
      );
      line(
        `    delayed jobs promoted on the business clock (${promoted})`,
        `${promoteS.toFixed(2)} s`,
        'the stand-in for wall time',
      );
      line(
        '    bare INSERT … SELECT of the same notices + deliveries',
        `${(bareNoticesS + bareDeliveriesS).toFixed(2)} s`,
        `baseline (notices ${bareNoticesS.toFixed(2)} s, deliveries ${bareDeliveriesS.toFixed(2)} s)`,
      );
      line(
        `  every mail at the SMTP sink (${received} of ${emails} owed, ${rungEmails} the rung's)`,
        `${mailedS.toFixed(2)} s`,
        `${(emails / Math.max(mailedS, 1e-9)).toFixed(0)} mails/s` +
          (step === ladder[0]
            ? `; mail queued (its delivery rows written) target < 30 s a 10,000-task cycle (${scaled(30).toFixed(1)} s): ${met(writtenS < scaled(30))}`
            : ''),
      );
      if (received !== emails)
        throw new Error(`the sink received ${received} mails, PostgreSQL owed ${emails}`);
      if (!rawDone && sample && emails > 0) {
        rawDone = true;
        // Three connections: the worker's mail concurrency.
        const rawS = await rawSmtp(smtp.port, emails, 3, sample.text, sample.html);
        await smtp.settle();
        const rawReceived = smtp.messages.length;
        smtp.clear();
        line(
          `    raw SMTP: ${rawReceived} sends of the same size, 3 connections`,
          `${rawS.toFixed(2)} s`,
          `baseline ${(emails / rawS).toFixed(0)} mails/s; ratio ${(emails / mailedS / (emails / rawS)).toFixed(2)}`,
        );
      }
      line('  until the queues are quiet', `${quietS.toFixed(2)} s`);
      if (bulletinS !== null) {
        const bareS = await bareCopy(
          pool,
          'status_reports',
          `SELECT * FROM status_reports WHERE cycle_id = ANY($1)`,
          [cycles],
        );
        line(
          `  ${cycles.length} bulletins compiled by the worker`,
          `${bulletinS.toFixed(2)} s`,
          `from the clock move; ${(bulletinS - writtenS).toFixed(2)} s after the rung's last notice`,
        );
        line(
          '    bare INSERT … SELECT of every report of the cycles',
          `${bareS.toFixed(2)} s`,
          'baseline (reads what a compile reads)',
        );
      }
      line('  memory (peak)', '', rss.phase());
    };

    await rung(ladder[0], false);

    // Before the due time, a share of the units files its reports; the office accepts each.
    // Access tokens expire on the business clock: the office signs in again after the move.
    const reviewer = await api.login(OFFICE_USER);
    const filing = Math.ceil(SIZE.units * FILE_SHARE);
    const files: { token: string; id: string }[] = [];
    for (let k = 1; k <= filing; k += 1) {
      const rows = await q<{ id: string }>(
        `SELECT r.id FROM status_reports r JOIN users u ON u.unit_id = r.unit_id
          WHERE u.username = $1 AND r.cycle_id = ANY($2) ORDER BY r.id`,
        [headOf(k), cycles],
      );
      if (rows.length === 0) continue;
      const token = await api.login(headOf(k));
      for (const r of rows) files.push({ token, id: r.id });
    }
    const filed = await drive(files, CONCURRENCY, async (f) => {
      const submit = await api.post(f.token, `/reports/${f.id}/submit`, {
        progressStatus: 'on_track',
        progressPercent: 60,
        narrative: '按计划推进，本季度完成阶段目标。',
      });
      const accept = await api.post(reviewer, `/reports/${f.id}/accept`, { comment: '同意。' });
      return [submit, accept];
    });
    await drainQueues(target, QUIET_MS);
    const accepted = await count(
      `SELECT count(*) FROM status_reports WHERE cycle_id = ANY($1) AND state = 'accepted'`,
      [cycles],
    );
    line(
      `${files.length} reports of ${filing} units filed + accepted (API, c=${CONCURRENCY})`,
      `${(filed.requests / filed.seconds).toFixed(0)} req/s`,
      `${filed.requests} requests in ${filed.seconds.toFixed(1)} s; p50 ${percentile(filed.latencies, 50).toFixed(0)} ms, p95 ${percentile(filed.latencies, 95).toFixed(0)} ms; non-2xx ${filed.failures.length}; accepted in PostgreSQL ${accepted}`,
    );
    if (filed.failures.length)
      console.log(`  first failures: ${filed.failures.slice(0, 3).join(' | ')}`);
    line('  memory (peak)', '', rss.phase());

    for (let i = 1; i < ladder.length; i += 1) await rung(ladder[i], i === ladder.length - 1);

    const mem = rss.stop();
    for (const [name, m] of Object.entries(mem))
      line(`${name} RSS over the run`, `max ${m.max.toFixed(0)} MB`, `end ${m.end.toFixed(0)} MB`);
  } finally {
    await cleanUp();
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);

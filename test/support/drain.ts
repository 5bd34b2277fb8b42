import { Queue } from 'bullmq';
import { QUEUE_NAMES } from '@tracker/queue';
import { REDIS } from './test-env';

export interface DrainTarget {
  queuePrefix: string;
  /** Business time (the TestClock, or the file a child worker reads). */
  now(): Date;
}

export type QueueCounts = Record<string, Record<string, number>>;

const BUSY = ['waiting', 'active', 'prioritized'] as const;

async function counts(queues: Queue[]): Promise<QueueCounts> {
  const out: QueueCounts = {};
  for (const q of queues)
    out[q.name] = await q.getJobCounts(
      'waiting',
      'active',
      'prioritized',
      'delayed',
      'waiting-children',
      'completed',
      'failed',
    );
  return out;
}

/** Promotes the delayed jobs whose business time has come (or that wait out a retry backoff); returns how many. */
async function promoteDueIn(queues: Queue[], now: number): Promise<number> {
  let promoted = 0;
  for (const q of queues) {
    for (const job of await q.getDelayed()) {
      if (!job || job.repeatJobKey) continue;
      const notBefore = (job.data as { notBefore?: string } | undefined)?.notBefore;
      const due = notBefore ? Date.parse(notBefore) <= now : job.attemptsMade > 0;
      if (!due) continue;
      try {
        await job.promote();
        promoted += 1;
      } catch {
        // Left the delayed set meanwhile.
      }
    }
  }
  return promoted;
}

/** Promotes what is due on the test's clock without waiting for the work (a burst to crash into). */
export async function promoteDue(target: DrainTarget): Promise<number> {
  const queues = QUEUE_NAMES.map(
    (name) => new Queue(name, { prefix: target.queuePrefix, connection: { ...REDIS } }),
  );
  try {
    return await promoteDueIn(queues, target.now().getTime());
  } finally {
    await Promise.all(queues.map((q) => q.close()));
  }
}

/**
 * Promotes every delayed job whose business time (`data.notBefore`) has come on the test's clock
 * (and retries waiting out a backoff), then waits until no queue has waiting or active jobs and
 * nothing more is due. Scheduler jobs run on wall time and are left alone. Fails with the
 * per-queue counts if the queues do not go quiet in time.
 */
export async function drainQueues(target: DrainTarget, timeoutMs = 30_000): Promise<QueueCounts> {
  const queues = QUEUE_NAMES.map(
    (name) => new Queue(name, { prefix: target.queuePrefix, connection: { ...REDIS } }),
  );
  try {
    const stopAt = Date.now() + timeoutMs;
    let quietRounds = 0;
    for (;;) {
      const promoted = await promoteDueIn(queues, target.now().getTime());
      const c = await counts(queues);
      const busy = Object.values(c).reduce(
        (n, q) => n + BUSY.reduce((m, k) => m + (q[k] ?? 0), 0),
        0,
      );
      quietRounds = busy === 0 && promoted === 0 ? quietRounds + 1 : 0;
      if (quietRounds >= 3) return c;
      if (Date.now() > stopAt)
        throw new Error(`Queues did not go quiet within ${timeoutMs} ms: ${JSON.stringify(c)}`);
      await new Promise((resolve) => setTimeout(resolve, 40));
    }
  } finally {
    await Promise.all(queues.map((q) => q.close()));
  }
}

/** Unsent mail PostgreSQL still owes: email deliveries and digests neither sent nor given up. */
export async function pendingMail(ds: {
  query: (sql: string) => Promise<unknown>;
}): Promise<number> {
  const [row] = (await ds.query(
    `SELECT (SELECT count(*) FROM notice_deliveries WHERE channel = 'email' AND sent_at IS NULL AND failed_at IS NULL)
          + (SELECT count(*) FROM digests WHERE sent_at IS NULL AND failed_at IS NULL)
          + (SELECT count(*) FROM subtask_mails WHERE sent_at IS NULL AND failed_at IS NULL) AS n`,
  )) as { n: string }[];
  return Number(row.n);
}

/**
 * Drain-then-count for mail: drains the queues until no delivery is pending in PostgreSQL (a mail
 * job may be mid-retry), then waits for the sink to finish parsing. After this, a count of the
 * sink's messages is final: nothing more is on its way.
 */
export async function drainMail(
  target: DrainTarget,
  ds: { query: (sql: string) => Promise<unknown> },
  sink?: { settle(): Promise<void> },
  timeoutMs = 60_000,
): Promise<void> {
  const stopAt = Date.now() + timeoutMs;
  for (;;) {
    await drainQueues(target, Math.max(1_000, stopAt - Date.now()));
    const pending = await pendingMail(ds);
    if (pending === 0) break;
    if (Date.now() > stopAt)
      throw new Error(`${pending} mail(s) still pending in PostgreSQL after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await sink?.settle();
}

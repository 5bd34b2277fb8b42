import { hostname } from 'node:os';
import { QueueName } from './queue-names';

/**
 * This process's name on every job it takes (BullMQ's `processedBy`, shown on the queue
 * dashboard) and on the heartbeats it records: with several workers, which one ran a job.
 */
export const WORKER_NAME = `${hostname()}#${process.pid}`;

/** What a queue's worker runs with: concurrency and how it notices a worker that died mid-job. */
export interface QueueWorkerOptions {
  name: string;
  concurrency: number;
  lockDuration: number;
  stalledInterval: number;
  maxStalledCount: number;
}

// The same lock and stall settings on every queue, and the process's name on every job.
const EVERY_QUEUE = {
  name: WORKER_NAME,
  lockDuration: 10_000,
  stalledInterval: 5_000,
  maxStalledCount: 5,
} as const;

/**
 * Stalled-job settings per queue. A running job's lock is renewed every lockDuration / 2 while the
 * event loop turns, so lockDuration bounds how long the loop may block, not how long a job may
 * take; a worker killed mid-job leaves its jobs to be picked up after about lockDuration +
 * stalledInterval (NOTES §5: ~60 s with BullMQ's defaults). Our jobs are short (a ladder step
 * or a digest run well under a second, one SMTP send at most MAIL_SEND_TIMEOUT_MS, a cycle's
 * fan-out of 10,000 reports a few seconds in 500-row chunks), so 10 s locks leave ample margin.
 *
 * maxStalledCount is how many crashes a job survives before BullMQ fails it for good ("job stalled
 * more than allowable limit"). Every job here is safe to run again (PostgreSQL unique keys, the
 * mail row lock and sent_at), so a job caught by a crash loop is allowed several stalls; one that
 * fails anyway is re-created by the reconcile or the mail relay, which treat a failed job like a
 * missing one.
 */
export const WORKER_OPTIONS: Record<QueueName, QueueWorkerOptions> = {
  maintenance: { concurrency: 2, ...EVERY_QUEUE },
  cycles: { concurrency: 4, ...EVERY_QUEUE },
  ladder: { concurrency: 20, ...EVERY_QUEUE },
  // A send that hangs is cut by MAIL_SEND_TIMEOUT_MS; the lock keeps being renewed meanwhile.
  mail: { concurrency: 3, ...EVERY_QUEUE },
  digests: { concurrency: 1, ...EVERY_QUEUE },
};

import { JobsOptions } from 'bullmq';
import { JobName } from './job-payloads';

const RETENTION: Pick<JobsOptions, 'removeOnComplete' | 'removeOnFail'> = {
  removeOnComplete: { age: 86_400, count: 1_000 },
  removeOnFail: { age: 30 * 86_400 },
};

/** One table of options per job name. */
export const JOB_OPTIONS: Record<JobName, JobsOptions> = {
  heartbeat: { attempts: 3, backoff: { type: 'exponential', delay: 1_000 }, ...RETENTION },
  'cycle-run': { attempts: 5, backoff: { type: 'exponential', delay: 5_000 }, ...RETENTION },
  'cycles-open-due': { attempts: 5, backoff: { type: 'exponential', delay: 5_000 }, ...RETENTION },
  'cycles-reconcile': { attempts: 3, backoff: { type: 'exponential', delay: 5_000 }, ...RETENTION },
  'ack-ladders': { attempts: 5, backoff: { type: 'exponential', delay: 5_000 }, ...RETENTION },
  'deadline-sweep': { attempts: 5, backoff: { type: 'exponential', delay: 5_000 }, ...RETENTION },
  // A child that fails for good must not leave the cycle's parent in waiting-children (NOTES §3);
  // the parent re-checks PostgreSQL before it compiles, and reconcile re-derives the child.
  'ladder-step': {
    attempts: 5,
    backoff: { type: 'exponential', delay: 5_000 },
    ignoreDependencyOnFailure: true,
    ...RETENTION,
  },
  'ack-step': { attempts: 5, backoff: { type: 'exponential', delay: 5_000 }, ...RETENTION },
  // SMTP may be down for a while: 8 attempts from 30 s spans about two hours. The producer may
  // shorten the first delay from config (MAIL_RETRY_DELAY_MS), e.g. in tests.
  'mail-deliver': { attempts: 8, backoff: { type: 'exponential', delay: 30_000 }, ...RETENTION },
  'digest-deliver': { attempts: 8, backoff: { type: 'exponential', delay: 30_000 }, ...RETENTION },
  'invitation-deliver': {
    attempts: 8,
    backoff: { type: 'exponential', delay: 30_000 },
    ...RETENTION,
  },
  'subtask-mail-deliver': {
    attempts: 8,
    backoff: { type: 'exponential', delay: 30_000 },
    ...RETENTION,
  },
  'mail-relay': { attempts: 3, backoff: { type: 'exponential', delay: 5_000 }, ...RETENTION },
  'digest-run': { attempts: 5, backoff: { type: 'exponential', delay: 10_000 }, ...RETENTION },
};

/**
 * BullMQ schedules on wall time while the tracker reads business time from the Clock: a delay is
 * computed from the Clock (`at - clock.now()`) and turned into BullMQ's wall-clock timestamp here.
 */
export function wallClockTimestamp(delayMs: number): number {
  return Date.now() + Math.max(0, delayMs);
}

/**
 * The template options of a job scheduler (upsertJobScheduler): the same attempts, backoff and
 * retention as a job of that name enqueued by hand, from the one table above.
 */
export function schedulerTemplateOptions(
  name: JobName,
): Omit<JobsOptions, 'jobId' | 'repeat' | 'delay' | 'deduplication' | 'debounce'> {
  const { attempts, backoff, removeOnComplete, removeOnFail } = JOB_OPTIONS[name];
  return { attempts, backoff, removeOnComplete, removeOnFail };
}

/** How long ago (wall time) BullMQ stamped a job (`finishedOn`, `processedOn`): BullMQ's clock, not business time. */
export function wallClockAge(timestamp: number): number {
  return Date.now() - timestamp;
}

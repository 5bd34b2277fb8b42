import { Clock } from '@tracker/domain';
import { takeWakeRequest, wallClockTimestamp } from '@tracker/queue';
import { DelayedError, Job, Worker } from 'bullmq';

/**
 * Puts the running job back to sleep until `at` (business time). `notBefore` goes into its data so
 * tests (drainQueues) can tell which delayed jobs are due on the TestClock. Throws DelayedError,
 * which BullMQ treats as "not failed, not an attempt".
 */
export async function sleepUntil(
  worker: Worker,
  job: Job,
  token: string | undefined,
  at: Date,
  clock: Clock,
): Promise<never> {
  await job.updateData({ ...(job.data as object), notBefore: at.toISOString() });
  await job.moveToDelayed(wallClockTimestamp(at.getTime() - clock.now().getTime()), token);
  // Woken while it ran (a filing or an acceptance after this run read the row): run again now,
  // instead of sleeping until the next rung (job-wake.ts explains the ordering).
  if (await takeWakeRequest(await worker.backend.client, job)) {
    await job.promote().catch(() => undefined);
  }
  throw new DelayedError();
}

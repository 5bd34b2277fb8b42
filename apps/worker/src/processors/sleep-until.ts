import { Clock } from '@tracker/domain';
import { wallClockTimestamp } from '@tracker/queue';
import { DelayedError, Job } from 'bullmq';

/**
 * Puts the running job back to sleep until `at` (business time). `notBefore` goes into its data so
 * tests (drainQueues) can tell which delayed jobs are due on the TestClock. Throws DelayedError,
 * which BullMQ treats as "not failed, not an attempt".
 */
export async function sleepUntil(job: Job, token: string | undefined, at: Date, clock: Clock): Promise<never> {
  await job.updateData({ ...(job.data as object), notBefore: at.toISOString() });
  await job.moveToDelayed(wallClockTimestamp(at.getTime() - clock.now().getTime()), token);
  throw new DelayedError();
}

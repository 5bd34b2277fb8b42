import { Job, Queue } from 'bullmq';

/** A wake request outlives any job run by far; it only has to bridge one run's tail. */
const WAKE_TTL_MS = 10 * 60_000;

type KeyValueClient = {
  get(key: string): Promise<string | null>;
  set(key: string, value: string, options?: { PX?: number }): Promise<unknown>;
  del(...keys: string[]): Promise<number>;
};

const wakeKey = (queueQualifiedName: string, jobId: string): string =>
  `${queueQualifiedName}:wake:${jobId}`;

/**
 * Wakes a job that sleeps in the delayed set (a step job waiting for its next rung) so it runs now.
 *
 * A job that is running cannot be promoted, and when it goes back to sleep it would sleep through
 * the change that woke it (a filing, an acceptance). So the request is written first, then the
 * promote is tried; the job, after it has moved itself to delayed, takes the request and promotes
 * itself (`takeWakeRequest`). Redis orders the commands: either this side sees the job delayed and
 * promotes it, or the job's check comes after the request was written.
 */
export async function wakeJob(queue: Queue, job: Job): Promise<void> {
  const client = (await queue.backend.client) as unknown as KeyValueClient;
  await client.set(wakeKey(queue.qualifiedName, job.id as string), '1', { PX: WAKE_TTL_MS });
  try {
    if (await job.isDelayed()) await job.promote();
  } catch {
    // It left the delayed set between the check and the promote: it is running or done already.
  }
}

/** For a job that has just moved itself to delayed: was it woken meanwhile? (The request is consumed.) */
export async function takeWakeRequest(client: unknown, job: Job): Promise<boolean> {
  const kv = client as KeyValueClient;
  const key = wakeKey(job.queueQualifiedName, job.id as string);
  if ((await kv.get(key)) === null) return false;
  await kv.del(key);
  return true;
}

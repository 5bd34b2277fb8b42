import { QUEUES, QueueName } from './queue-names';

/** Every job name with its payload: ids and ISO strings only (BullMQ keeps data in clear text). */
export type JobPayloads = {
  heartbeat: { token: string; requestedAt: string };
};
export type JobName = keyof JobPayloads;

/** Which queue carries each job name. */
export const JOB_QUEUE: Record<JobName, QueueName> = {
  heartbeat: QUEUES.maintenance,
};

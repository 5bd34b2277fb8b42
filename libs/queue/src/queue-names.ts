/** Queues by workload, each with its own concurrency and failure domain. */
export const QUEUES = {
  cycles: 'cycles',
  ladder: 'ladder',
  mail: 'mail',
  digests: 'digests',
  maintenance: 'maintenance',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];
export const QUEUE_NAMES = Object.values(QUEUES);

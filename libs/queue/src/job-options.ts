import { JobsOptions } from 'bullmq';
import { JobName } from './job-payloads';

const RETENTION: Pick<JobsOptions, 'removeOnComplete' | 'removeOnFail'> = {
  removeOnComplete: { age: 86_400, count: 1_000 },
  removeOnFail: { age: 30 * 86_400 },
};

/** One table of options per job name. */
export const JOB_OPTIONS: Record<JobName, JobsOptions> = {
  heartbeat: { attempts: 3, backoff: { type: 'exponential', delay: 1_000 }, ...RETENTION },
};

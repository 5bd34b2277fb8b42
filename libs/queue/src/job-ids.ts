import { JobName, JobPayloads } from './job-payloads';

// Deterministic ids from the business key: a retried enqueue never makes a second job.
// BullMQ forbids ":" in custom ids, and a bare integer would clash with its own ids.
export const JOB_IDS: { [N in JobName]: (data: JobPayloads[N]) => string } = {
  heartbeat: (d) => `heartbeat/${d.token}`,
};

export function jobId<N extends JobName>(name: N, data: JobPayloads[N]): string {
  const id = JOB_IDS[name](data);
  if (id.includes(':') || /^\d+$/.test(id)) throw new Error(`Job id ${id} is not allowed by BullMQ`);
  return id;
}

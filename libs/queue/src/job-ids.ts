import { JobName, JobPayloads } from './job-payloads';

// Deterministic ids from the business key: a retried enqueue never makes a second job.
// BullMQ forbids ":" in custom ids, and a bare integer would clash with its own ids.
export const JOB_IDS: { [N in JobName]: (data: JobPayloads[N]) => string } = {
  heartbeat: (d) => `heartbeat/${d.token}`,
  'cycle-run': (d) => `cycle-run/${d.cycleId}`,
  'cycles-open-due': (d) => `cycles-open-due/${Date.parse(d.requestedAt)}`,
  'cycles-reconcile': (d) => `cycles-reconcile/${Date.parse(d.requestedAt)}`,
  'ack-ladders': (d) => `ack-ladders/${d.documentId}/${d.cause}`,
  'deadline-sweep': (d) => `deadline-sweep/${Date.parse(d.requestedAt)}`,
  // The epoch is part of the id: after an extension the ladder for the new due time is a new job.
  'ladder-step': (d) => `ladder-step/${d.reportId}/e${d.epoch}`,
  'ack-step': (d) => `ack-step/${d.assignmentId}`,
  'mail-deliver': (d) => `mail-deliver/${d.deliveryId}`,
  'digest-deliver': (d) => `digest-deliver/${d.digestId}`,
  'invitation-deliver': (d) => `invitation-deliver/${d.invitationId}`,
  'subtask-mail-deliver': (d) => `subtask-mail-deliver/${d.mailId}`,
  'mail-relay': (d) => `mail-relay/${Date.parse(d.requestedAt)}`,
  'digest-run': (d) => `digest-run/${d.cadence}/${d.periodEnd.replace(/:/g, '')}`,
};

/** Job scheduler ids (upsertJobScheduler): one per recurring job, stable across deploys. */
export const SCHEDULER_IDS = {
  openDueCycles: 'scheduler/cycles-open-due',
  reconcile: 'scheduler/cycles-reconcile',
  deadlineSweep: 'scheduler/deadline-sweep',
  mailRelay: 'scheduler/mail-relay',
  dailyDigest: 'scheduler/digest-daily',
  weeklyDigest: 'scheduler/digest-weekly',
} as const;

/**
 * A plain key the worker writes under the queue prefix once the schedulers are registered. If it
 * is gone, Redis lost its data (a flush, a restart without persistence) and the schedulers with it.
 */
export const schedulerSentinelKey = (prefix: string): string => `${prefix}:scheduler-sentinel`;

export function jobId<N extends JobName>(name: N, data: JobPayloads[N]): string {
  const id = JOB_IDS[name](data);
  if (id.includes(':') || /^\d+$/.test(id))
    throw new Error(`Job id ${id} is not allowed by BullMQ`);
  return id;
}

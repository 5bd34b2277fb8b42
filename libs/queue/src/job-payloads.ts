import { QUEUES, QueueName } from './queue-names';

/** Every job name with its payload: ids and ISO strings only (BullMQ keeps data in clear text). */
export type JobPayloads = {
  heartbeat: { token: string; requestedAt: string };
  /** A cycle's parent job: fans out one ladder child per report, then compiles the bulletin. */
  'cycle-run': { cycleId: string; step: 'fanout' | 'compile'; notBefore?: string };
  /** Opens every document's cycle whose period has begun (job scheduler, daily). */
  'cycles-open-due': { requestedAt: string };
  /** Re-derives cycle jobs, ladder steps and acknowledgement ladders from PostgreSQL. */
  'cycles-reconcile': { requestedAt: string };
  /**
   * Starts the acknowledgement ladders of one document's pending supporting assignments, after the
   * import (or cycle opening) that needs them has answered; `cause` names that change.
   */
  'ack-ladders': { documentId: string; cause: string };
  /** Set-based sweep of tasks past their own final deadline (job scheduler, daily). */
  'deadline-sweep': { requestedAt: string };
  /** One report's ladder for one due time (epoch): reminder → overdue → supervision → leading group. */
  'ladder-step': { cycleId: string; reportId: string; epoch: number; notBefore?: string };
  /** A supporting assignment's acknowledgement ladder. */
  'ack-step': { assignmentId: string; notBefore?: string };
  /** Sends one email notice delivery (a notice_deliveries row); the handler reloads and renders it. */
  'mail-deliver': { deliveryId: string };
  /** Sends one compiled digest (a digests row). */
  'digest-deliver': { digestId: string };
  /** Sends one account invitation (an account_invitations row). */
  'invitation-deliver': { invitationId: string };
  /** Sends one sub-task's mail to its owner (a subtask_mails row). */
  'subtask-mail-deliver': { mailId: string };
  /** Re-derives mail jobs from unsent rows in PostgreSQL (the outbox relay). */
  'mail-relay': { requestedAt: string };
  /** Compiles the daily or weekly digests for everyone; `periodEnd` 'scheduled' means now on the Clock. */
  'digest-run': { cadence: 'daily' | 'weekly'; periodEnd: string };
};
export type JobName = keyof JobPayloads;

/** Which queue carries each job name. */
export const JOB_QUEUE = {
  heartbeat: QUEUES.maintenance,
  'cycle-run': QUEUES.cycles,
  'cycles-open-due': QUEUES.cycles,
  'cycles-reconcile': QUEUES.cycles,
  'ack-ladders': QUEUES.cycles,
  'deadline-sweep': QUEUES.cycles,
  'ladder-step': QUEUES.ladder,
  'ack-step': QUEUES.ladder,
  'mail-deliver': QUEUES.mail,
  'digest-deliver': QUEUES.mail,
  'invitation-deliver': QUEUES.mail,
  'subtask-mail-deliver': QUEUES.mail,
  'mail-relay': QUEUES.digests,
  'digest-run': QUEUES.digests,
} as const satisfies Record<JobName, QueueName>;

/** The job names a queue carries: a processor must handle exactly these. */
export type JobsOn<Q extends QueueName> = {
  [N in JobName]: (typeof JOB_QUEUE)[N] extends Q ? N : never;
}[JobName];

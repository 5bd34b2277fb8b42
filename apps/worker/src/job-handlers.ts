import { WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { JOB_QUEUE, JobName, JobPayloads, JobsOn, QueueName } from '@tracker/queue';
import { Job, UnrecoverableError } from 'bullmq';

/** Runs one job of name N; returns its outcome for the log ('done', 'skipped', …). */
export type JobHandler<N extends JobName> = (
  job: Job<JobPayloads[N], string, N>,
  token: string | undefined,
) => Promise<string>;

/** One handler for every job name a queue carries: a name added to JOB_QUEUE without one fails to compile. */
export type QueueHandlers<Q extends QueueName> = { [N in JobsOn<Q>]: JobHandler<N> };

/** The worker's whole handler map, derived from the job map: one handler per job name. */
export type JobHandlers = { [N in JobName]: JobHandler<N> };

/**
 * A queue's processor: dispatches on the job name through its handler map and logs queue, name,
 * job id, attempt, outcome and duration (STYLE §10).
 */
export abstract class QueueProcessor<Q extends QueueName> extends WorkerHost {
  abstract readonly queue: Q;
  abstract readonly handlers: QueueHandlers<Q>;
  protected readonly log = new Logger(this.constructor.name);
  /** Ladder steps run by the thousand: their lines go to debug. */
  protected readonly logLevel: 'log' | 'debug' = 'log';

  async process(job: Job, token?: string): Promise<string> {
    const started = performance.now();
    const handler = (this.handlers as unknown as Partial<Record<string, JobHandler<JobName>>>)[
      job.name
    ];
    if (!handler) throw new UnrecoverableError(`No handler for job ${job.name} on ${this.queue}`);
    const outcome = await handler(job as Job<never, string, JobName>, token);
    this.log[this.logLevel]({
      queue: this.queue,
      jobName: job.name,
      jobId: job.id,
      attempt: job.attemptsMade + 1,
      outcome,
      ms: Math.round(performance.now() - started),
    });
    return outcome;
  }
}

/**
 * The worker refuses to start if a job name has no handler, or its handler sits on a processor of
 * another queue (a cast or plain JavaScript can get past the types).
 */
export interface HandlingProcessor {
  readonly queue: QueueName;
  readonly handlers: object;
}

export function assertEveryJobHandled(processors: readonly HandlingProcessor[]): JobHandlers {
  const map: Partial<Record<JobName, unknown>> = {};
  const problems: string[] = [];
  for (const p of processors) {
    for (const [name, handler] of Object.entries(p.handlers)) {
      if (typeof handler !== 'function') continue;
      if (JOB_QUEUE[name as JobName] !== p.queue)
        problems.push(
          `${name} is handled on ${p.queue}, but its jobs go to ${JOB_QUEUE[name as JobName] ?? 'no queue'}`,
        );
      if (map[name as JobName]) problems.push(`${name} has two handlers`);
      map[name as JobName] = handler;
    }
  }
  for (const name of Object.keys(JOB_QUEUE) as JobName[]) {
    if (typeof map[name] !== 'function')
      problems.push(`${name} (queue ${JOB_QUEUE[name]}) has no handler`);
  }
  if (problems.length) throw new Error(`The worker cannot start: ${problems.join('; ')}`);
  return map as JobHandlers;
}

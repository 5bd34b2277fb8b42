import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { JobPayloads, QUEUES } from '@tracker/queue';
import { DigestsService, MailOutboxService } from '@tracker/services';
import { Job, UnrecoverableError } from 'bullmq';

type DigestsJobName = 'digest-run' | 'mail-relay';
type DigestsJob = { [N in DigestsJobName]: Job<JobPayloads[N], string, N> }[DigestsJobName];

/** Compiles digests on their schedule and relays unsent mail rows from PostgreSQL to the mail queue. */
@Processor(QUEUES.digests, { concurrency: 1 })
export class DigestsProcessor extends WorkerHost {
  private readonly logger = new Logger(DigestsProcessor.name);

  constructor(
    private readonly digests: DigestsService,
    private readonly outbox: MailOutboxService,
  ) {
    super();
  }

  async process(job: DigestsJob): Promise<string> {
    const started = performance.now();
    let outcome: string;
    switch (job.name) {
      case 'digest-run': {
        const d = job.data as JobPayloads['digest-run'];
        // Scheduler jobs carry 'scheduled': the period ends now on the Clock.
        const end = d.periodEnd === 'scheduled' ? undefined : new Date(d.periodEnd);
        if (end && Number.isNaN(end.getTime())) throw new UnrecoverableError(`digest-run periodEnd ${d.periodEnd} is not a date`);
        const r = await this.digests.run(d.cadence, end);
        outcome = r.created ? 'done' : 'skipped';
        break;
      }
      case 'mail-relay':
        outcome = (await this.outbox.relay()) ? 'done' : 'skipped';
        break;
      default: {
        const unknown: never = job;
        throw new UnrecoverableError(`No handler for job ${(unknown as Job).name} on ${QUEUES.digests}`);
      }
    }
    this.logger.log({ queue: QUEUES.digests, jobName: job.name, jobId: job.id, attempt: job.attemptsMade + 1, outcome, ms: Math.round(performance.now() - started) });
    return outcome;
  }
}

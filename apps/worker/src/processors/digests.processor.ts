import { Processor } from '@nestjs/bullmq';
import { JobPayloads, QUEUES, WORKER_OPTIONS } from '@tracker/queue';
import { DigestsService, MailOutboxService } from '@tracker/services';
import { UnrecoverableError } from 'bullmq';
import { QueueHandlers, QueueProcessor } from '../job-handlers';

/** Compiles digests on their schedule and relays unsent mail rows from PostgreSQL to the mail queue. */
@Processor(QUEUES.digests, WORKER_OPTIONS.digests)
export class DigestsProcessor extends QueueProcessor<'digests'> {
  readonly queue = QUEUES.digests;
  readonly handlers: QueueHandlers<'digests'> = {
    'digest-run': (job) => this.runDigests(job.data),
    'mail-relay': async () => ((await this.outbox.relay()) ? 'done' : 'skipped'),
  };

  constructor(
    private readonly digests: DigestsService,
    private readonly outbox: MailOutboxService,
  ) {
    super();
  }

  private async runDigests(d: JobPayloads['digest-run']): Promise<string> {
    // Scheduler jobs carry 'scheduled': the period ends now on the Clock.
    const end = d.periodEnd === 'scheduled' ? undefined : new Date(d.periodEnd);
    if (end && Number.isNaN(end.getTime()))
      throw new UnrecoverableError(`digest-run periodEnd ${d.periodEnd} is not a date`);
    const r = await this.digests.run(d.cadence, end);
    return r.created ? 'done' : 'skipped';
  }
}

import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { JobPayloads, QUEUES } from '@tracker/queue';
import { AttemptInfo, DeliveryOutcome, MailDeliveryService } from '@tracker/services';
import { Job, UnrecoverableError } from 'bullmq';

type MailJobName = 'mail-deliver' | 'digest-deliver';
type MailJob = { [N in MailJobName]: Job<JobPayloads[N], DeliveryOutcome, N> }[MailJobName];

/** Sends mail: one job per email delivery or digest; SMTP failures throw and BullMQ retries with backoff. */
@Processor(QUEUES.mail, { concurrency: 3 })
export class MailProcessor extends WorkerHost {
  private readonly logger = new Logger(MailProcessor.name);

  constructor(private readonly mail: MailDeliveryService) {
    super();
  }

  async process(job: MailJob): Promise<DeliveryOutcome> {
    const started = performance.now();
    const attempt: AttemptInfo = { attempt: job.attemptsMade + 1, isLast: job.attemptsMade + 1 >= (job.opts.attempts ?? 1) };
    let outcome: DeliveryOutcome;
    switch (job.name) {
      case 'mail-deliver':
        outcome = await this.mail.deliverNotice((job.data as JobPayloads['mail-deliver']).deliveryId, attempt);
        break;
      case 'digest-deliver':
        outcome = await this.mail.deliverDigest((job.data as JobPayloads['digest-deliver']).digestId, attempt);
        break;
      default: {
        const unknown: never = job;
        throw new UnrecoverableError(`No handler for job ${(unknown as Job).name} on ${QUEUES.mail}`);
      }
    }
    this.logger.log({ queue: QUEUES.mail, jobName: job.name, jobId: job.id, attempt: attempt.attempt, outcome, ms: Math.round(performance.now() - started) });
    return outcome;
  }
}

import { Processor } from '@nestjs/bullmq';
import { QUEUES, WORKER_OPTIONS } from '@tracker/queue';
import { AttemptInfo, MailDeliveryService } from '@tracker/services';
import { Job } from 'bullmq';
import { QueueHandlers, QueueProcessor } from '../job-handlers';

const attemptOf = (job: Job): AttemptInfo => ({
  attempt: job.attemptsMade + 1,
  isLast: job.attemptsMade + 1 >= (job.opts.attempts ?? 1),
});

/** Sends mail: one job per email delivery, digest, account invitation or sub-task mail; SMTP failures throw and BullMQ retries with backoff. */
@Processor(QUEUES.mail, WORKER_OPTIONS.mail)
export class MailProcessor extends QueueProcessor<'mail'> {
  readonly queue = QUEUES.mail;
  readonly handlers: QueueHandlers<'mail'> = {
    'mail-deliver': (job) => this.mail.deliverNotice(job.data.deliveryId, attemptOf(job)),
    'digest-deliver': (job) => this.mail.deliverDigest(job.data.digestId, attemptOf(job)),
    'invitation-deliver': (job) =>
      this.mail.deliverInvitation(job.data.invitationId, attemptOf(job)),
    'subtask-mail-deliver': (job) => this.mail.deliverSubtaskMail(job.data.mailId, attemptOf(job)),
  };

  constructor(private readonly mail: MailDeliveryService) {
    super();
  }
}

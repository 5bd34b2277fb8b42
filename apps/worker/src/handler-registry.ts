import { Injectable } from '@nestjs/common';
import { QueueName } from '@tracker/queue';
import { assertEveryJobHandled, JobHandlers, QueueProcessor } from './job-handlers';
import { CyclesProcessor } from './processors/cycles.processor';
import { DigestsProcessor } from './processors/digests.processor';
import { LadderProcessor } from './processors/ladder.processor';
import { MailProcessor } from './processors/mail.processor';
import { MaintenanceProcessor } from './processors/maintenance.processor';

/** One processor per queue: a queue added to QUEUES without one fails to compile here. */
export type QueueProcessors = { [Q in QueueName]: QueueProcessor<Q> };

/** The whole handler map, typed from the job map: a job name without a handler fails to compile. */
export function workerHandlers(p: QueueProcessors): JobHandlers {
  return {
    ...p.maintenance.handlers,
    ...p.cycles.handlers,
    ...p.ladder.handlers,
    ...p.mail.handlers,
    ...p.digests.handlers,
  };
}

/**
 * Checked while the worker's providers are built, before any BullMQ worker starts consuming: the
 * worker refuses to start if a job name has no handler (or two, or one on the wrong queue).
 */
@Injectable()
export class HandlerRegistry {
  readonly handlers: JobHandlers;

  constructor(
    maintenance: MaintenanceProcessor,
    cycles: CyclesProcessor,
    ladder: LadderProcessor,
    mail: MailProcessor,
    digests: DigestsProcessor,
  ) {
    const processors: QueueProcessors = { maintenance, cycles, ladder, mail, digests };
    workerHandlers(processors);
    this.handlers = assertEveryJobHandled(Object.values(processors));
  }
}

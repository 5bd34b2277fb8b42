import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { JobPayloads, QUEUES } from '@tracker/queue';
import { MaintenanceService } from '@tracker/services';

type MaintenanceJob = Job<JobPayloads['heartbeat'], 'done' | 'skipped', 'heartbeat'>;

@Processor(QUEUES.maintenance, { concurrency: 2 })
export class MaintenanceProcessor extends WorkerHost {
  private readonly logger = new Logger(MaintenanceProcessor.name);

  constructor(private readonly maintenance: MaintenanceService) {
    super();
  }

  async process(job: MaintenanceJob): Promise<'done' | 'skipped'> {
    const started = performance.now();
    let outcome: 'done' | 'skipped';
    switch (job.name) {
      case 'heartbeat':
        outcome = await this.maintenance.recordHeartbeat(job.data);
        break;
      default:
        throw new UnrecoverableError(`No handler for job ${String(job.name)} on ${QUEUES.maintenance}`);
    }
    this.logger.log({ queue: QUEUES.maintenance, jobName: job.name, jobId: job.id, attempt: job.attemptsMade + 1, outcome, ms: Math.round(performance.now() - started) });
    return outcome;
  }
}

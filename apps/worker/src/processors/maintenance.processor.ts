import { Processor } from '@nestjs/bullmq';
import { QUEUES, WORKER_OPTIONS } from '@tracker/queue';
import { MaintenanceService } from '@tracker/services';
import { QueueHandlers, QueueProcessor } from '../job-handlers';

/** The heartbeat: proves a job goes from the api through Redis to a worker and PostgreSQL. */
@Processor(QUEUES.maintenance, WORKER_OPTIONS.maintenance)
export class MaintenanceProcessor extends QueueProcessor<'maintenance'> {
  readonly queue = QUEUES.maintenance;
  readonly handlers: QueueHandlers<'maintenance'> = {
    heartbeat: (job) => this.maintenance.recordHeartbeat(job.data),
  };

  constructor(private readonly maintenance: MaintenanceService) {
    super();
  }
}

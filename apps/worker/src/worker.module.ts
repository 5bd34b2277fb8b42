import { Module } from '@nestjs/common';
import { TrackerLoggingModule } from '@tracker/common';
import { ServicesModule } from '@tracker/services';
import { CyclesProcessor } from './processors/cycles.processor';
import { DigestsProcessor } from './processors/digests.processor';
import { LadderProcessor } from './processors/ladder.processor';
import { MailProcessor } from './processors/mail.processor';
import { MaintenanceProcessor } from './processors/maintenance.processor';
import { Schedulers } from './schedulers';
import { HandlerRegistry } from './handler-registry';
import { WorkerHealth } from './worker-health';

/** ServicesModule plus the queue processors; no HTTP routes. */
@Module({
  imports: [TrackerLoggingModule, ServicesModule],
  providers: [
    MaintenanceProcessor,
    CyclesProcessor,
    LadderProcessor,
    MailProcessor,
    DigestsProcessor,
    HandlerRegistry,
    Schedulers,
    WorkerHealth,
  ],
})
export class WorkerModule {}

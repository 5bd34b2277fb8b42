import { Module } from '@nestjs/common';
import { TrackerLoggingModule } from '@tracker/common';
import { ServicesModule } from '@tracker/services';
import { MaintenanceProcessor } from './processors/maintenance.processor';

/** ServicesModule plus the queue processors; no HTTP routes. */
@Module({
  imports: [TrackerLoggingModule, ServicesModule],
  providers: [MaintenanceProcessor],
})
export class WorkerModule {}

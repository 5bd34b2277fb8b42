import { Module } from '@nestjs/common';
import { ClockModule, TrackerConfigModule } from '@tracker/common';
import { DatabaseModule } from '@tracker/database';
import { QueueModule } from '@tracker/queue';
import { AuditService } from './audit/audit.service';
import { MaintenanceService } from './maintenance/maintenance.service';

const SERVICES = [AuditService, MaintenanceService];

/** The use cases, shared by the api and the worker. */
@Module({
  imports: [TrackerConfigModule, ClockModule, DatabaseModule, QueueModule],
  providers: SERVICES,
  exports: [...SERVICES, DatabaseModule, QueueModule],
})
export class ServicesModule {}

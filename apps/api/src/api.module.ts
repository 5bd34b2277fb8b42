import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ErrorFilter, TrackerLoggingModule } from '@tracker/common';
import { ServicesModule } from '@tracker/services';
import { HealthModule } from './health/health.module';
import { MaintenanceController } from './maintenance/maintenance.controller';

@Module({
  imports: [TrackerLoggingModule, ServicesModule, HealthModule],
  controllers: [MaintenanceController],
  providers: [{ provide: APP_FILTER, useClass: ErrorFilter }],
})
export class ApiModule {}

import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ErrorFilter, TrackerLoggingModule } from '@tracker/common';
import { ServicesModule } from '@tracker/services';
import { AuthModule } from './auth/auth.module';
import { SupervisionRoutesModule } from './cycles/supervision-routes.module';
import { DocumentsModule } from './documents/documents.module';
import { HealthModule } from './health/health.module';
import { MailRoutesModule } from './inbox/mail-routes.module';
import { QueuesDashboardModule } from './queues-dashboard/queues-dashboard.module';
import { PublicRateLimitModule } from './security/public-rate-limit';
import { MaintenanceController } from './maintenance/maintenance.controller';
import { TasksModule } from './tasks/tasks.module';
import { WebModule } from './web/web.module';
import { LifecycleRoutesModule } from './lifecycle/lifecycle-routes.module';
import { ToolkitRoutesModule } from './toolkit/toolkit-routes.module';
import { SubtasksRoutesModule } from './subtasks/subtasks-routes.module';

@Module({
  imports: [
    TrackerLoggingModule,
    ServicesModule,
    HealthModule,
    AuthModule,
    TasksModule,
    SupervisionRoutesModule,
    DocumentsModule,
    QueuesDashboardModule,
    WebModule,
    MailRoutesModule,
    PublicRateLimitModule,
    LifecycleRoutesModule,
    ToolkitRoutesModule,
    SubtasksRoutesModule,
  ],
  controllers: [MaintenanceController],
  providers: [{ provide: APP_FILTER, useClass: ErrorFilter }],
})
export class ApiModule {}

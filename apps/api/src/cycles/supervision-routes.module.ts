import { Module } from '@nestjs/common';
import { ServicesModule } from '@tracker/services';
import { BulletinsController } from '../bulletins/bulletins.controller';
import { EscalationsController } from '../escalations/escalations.controller';
import { ExtensionsController } from '../extensions/extensions.controller';
import { ReportsController } from '../reports/reports.controller';
import { CyclesController } from './cycles.controller';

/** The supervision routes: cycles and profiles, reports, escalations, extensions, bulletins. */
@Module({
  imports: [ServicesModule],
  controllers: [
    CyclesController,
    ReportsController,
    EscalationsController,
    ExtensionsController,
    BulletinsController,
  ],
})
export class SupervisionRoutesModule {}

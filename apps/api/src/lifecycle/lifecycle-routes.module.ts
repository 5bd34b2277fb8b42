import { Module } from '@nestjs/common';
import { ServicesModule } from '@tracker/services';
import { PlansController } from './plans.controller';

/** Routes of a task's and a plan's life: plan horizon and archive, cycle previews, closing tasks, batched acknowledgement. */
@Module({
  imports: [ServicesModule],
  controllers: [PlansController],
})
export class LifecycleRoutesModule {}

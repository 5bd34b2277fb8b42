import { Module } from '@nestjs/common';
import { ServicesModule } from '@tracker/services';
import { AckBatchController } from './ack-batch.controller';
import { CompletionController } from './completion.controller';
import { DevClockController } from './dev-clock.controller';
import { PlansController } from './plans.controller';

/** Routes of a task's and a plan's life: plan horizon and archive, cycle previews, closing tasks, batched acknowledgement. */
@Module({
  imports: [ServicesModule],
  controllers: [PlansController, CompletionController, DevClockController, AckBatchController],
})
export class LifecycleRoutesModule {}

// A task's and a plan's whole life: closing tasks, plan horizons and archiving, previews of late cycles,
// batched acknowledgements, the development business clock. One list so services.module.ts needs one line.
import { AckBatchService } from './assignments/ack-batch.service';
import { CyclePreviewService } from './cycles/cycle-preview.service';
import { DevClockService } from './dev/dev-clock.service';
import { PlansService } from './plans/plans.service';
import { TaskClosingService } from './tasks/task-closing.service';

export const LIFECYCLE_SERVICES = [
  PlansService,
  CyclePreviewService,
  TaskClosingService,
  DevClockService,
  AckBatchService,
];

export { AckBatchService, CyclePreviewService, DevClockService, PlansService, TaskClosingService };
export type { AckBatchResult } from './assignments/ack-batch.service';
export type { DevClockView } from './dev/dev-clock.service';
export type { TaskCompletionView } from './tasks/task-closing.service';
export * from './tasks/task-closing.errors';
export type { CyclePreview } from './cycles/cycle-preview.service';
export type { PlanState } from './plans/plan-state';
export * from './plans/plans.errors';

import { Processor } from '@nestjs/bullmq';
import { Inject } from '@nestjs/common';
import { Clock, CLOCK } from '@tracker/domain';
import { QUEUES, WORKER_OPTIONS } from '@tracker/queue';
import { LadderJobsService, LadderService, StepResult } from '@tracker/services';
import { Job } from 'bullmq';
import { QueueHandlers, QueueProcessor } from '../job-handlers';
import { sleepUntil } from './sleep-until';

/** Ladder steps: each job wakes at its next rung, raises what is due, and sleeps again or finishes. */
@Processor(QUEUES.ladder, WORKER_OPTIONS.ladder)
export class LadderProcessor extends QueueProcessor<'ladder'> {
  readonly queue = QUEUES.ladder;
  protected override readonly logLevel = 'debug';
  readonly handlers: QueueHandlers<'ladder'> = {
    'ladder-step': (job, token) => this.after(job, token, this.ladder.runReportStep(job.data)),
    'ack-step': (job, token) => this.after(job, token, this.ladder.runAckStep(job.data)),
  };

  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly ladder: LadderService,
    private readonly ladderJobs: LadderJobsService,
  ) {
    super();
  }

  private async after(
    job: Job,
    token: string | undefined,
    run: Promise<StepResult>,
  ): Promise<string> {
    const result = await run;
    if (result.outcome === 'wait')
      return sleepUntil(this.worker, job, token, result.nextAt, this.clock);
    // A ladder outside its cycle's flow (re-timed or re-derived) wakes the cycle itself.
    if (
      result.cycleId &&
      !job.parentKey &&
      (result.reason === 'accepted' || result.reason === 'escalated')
    ) {
      await this.ladderJobs.nudgeCycle(result.cycleId);
    }
    return `${result.outcome}: ${result.reason}`;
  }
}

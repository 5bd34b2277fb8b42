import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger } from '@nestjs/common';
import { Clock, CLOCK } from '@tracker/domain';
import { JobPayloads, QUEUES } from '@tracker/queue';
import { LadderJobsService, LadderService, StepResult } from '@tracker/services';
import { Job, UnrecoverableError } from 'bullmq';
import { sleepUntil } from './sleep-until';

type LadderJobName = 'ladder-step' | 'ack-step';
type LadderJob = { [N in LadderJobName]: Job<JobPayloads[N], string, N> }[LadderJobName];

/** Ladder steps: each job wakes at its next rung, raises what is due, and sleeps again or finishes. */
@Processor(QUEUES.ladder, { concurrency: 20 })
export class LadderProcessor extends WorkerHost {
  private readonly logger = new Logger(LadderProcessor.name);

  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly ladder: LadderService,
    private readonly ladderJobs: LadderJobsService,
  ) {
    super();
  }

  async process(job: LadderJob, token?: string): Promise<string> {
    const started = performance.now();
    let result: StepResult;
    switch (job.name) {
      case 'ladder-step':
        result = await this.ladder.runReportStep(job.data as JobPayloads['ladder-step']);
        break;
      case 'ack-step':
        result = await this.ladder.runAckStep(job.data as JobPayloads['ack-step']);
        break;
      default: {
        const unknown: never = job;
        throw new UnrecoverableError(`No handler for job ${(unknown as Job).name} on ${QUEUES.ladder}`);
      }
    }
    if (result.outcome === 'wait') return sleepUntil(this.worker, job, token, result.nextAt, this.clock);
    // A ladder outside its cycle's flow (re-timed or re-derived) wakes the cycle itself.
    if (result.cycleId && !job.parentKey && (result.reason === 'accepted' || result.reason === 'escalated')) {
      await this.ladderJobs.nudgeCycle(result.cycleId);
    }
    this.logger.debug({ queue: QUEUES.ladder, jobName: job.name, jobId: job.id, attempt: job.attemptsMade + 1, outcome: result.outcome, reason: result.reason, ms: Math.round(performance.now() - started) });
    return `${result.outcome}: ${result.reason}`;
  }
}

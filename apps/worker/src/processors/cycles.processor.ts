import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger } from '@nestjs/common';
import { Clock, CLOCK, DAY } from '@tracker/domain';
import { JobPayloads, QUEUES } from '@tracker/queue';
import { BulletinsService, CyclesService, DeadlineSweepService, LadderJobsService } from '@tracker/services';
import { Job, UnrecoverableError, WaitingChildrenError } from 'bullmq';
import { sleepUntil } from './sleep-until';

type CyclesJobName = 'cycle-run' | 'cycles-open-due' | 'cycles-reconcile' | 'deadline-sweep';
type CyclesJob = { [N in CyclesJobName]: Job<JobPayloads[N], string, N> }[CyclesJobName];

/** Cycle jobs: the cycle's parent (fan-out, then bulletin), opening, reconciling, the deadline sweep. */
// lockDuration 10 s: a fan-out killed with its worker is picked up by another in ~10 s, not 60 (NOTES §5).
@Processor(QUEUES.cycles, { concurrency: 4, lockDuration: 10_000, stalledInterval: 5_000, maxStalledCount: 2 })
export class CyclesProcessor extends WorkerHost {
  private readonly logger = new Logger(CyclesProcessor.name);

  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly cycles: CyclesService,
    private readonly ladderJobs: LadderJobsService,
    private readonly bulletins: BulletinsService,
    private readonly sweep: DeadlineSweepService,
  ) {
    super();
  }

  async process(job: CyclesJob, token?: string): Promise<string> {
    const started = performance.now();
    let outcome: string;
    switch (job.name) {
      case 'cycle-run':
        outcome = await this.runCycle(job as Job<JobPayloads['cycle-run']>, token);
        break;
      case 'cycles-open-due':
        outcome = `opened ${(await this.cycles.openDue()).length}`;
        break;
      case 'cycles-reconcile': {
        const r = await this.ladderJobs.reconcileCycles();
        const acks = await this.ladderJobs.ensureAckLadders();
        outcome = `cycles ${r.cycles}, ladders ${r.ladders}, acks ${acks}`;
        break;
      }
      case 'deadline-sweep': {
        const r = await this.sweep.sweep();
        outcome = `notices ${r.notices}, escalations ${r.escalations}`;
        break;
      }
      default: {
        const unknown: never = job;
        throw new UnrecoverableError(`No handler for job ${(unknown as Job).name} on ${QUEUES.cycles}`);
      }
    }
    this.logger.log({ queue: QUEUES.cycles, jobName: job.name, jobId: job.id, attempt: job.attemptsMade + 1, outcome, ms: Math.round(performance.now() - started) });
    return outcome;
  }

  // The process-step pattern (WaitingChildrenError): children are added from the running parent in
  // chunks, then it waits for them; a retried fan-out re-adds only missing children (job ids).
  private async runCycle(job: Job<JobPayloads['cycle-run']>, token?: string): Promise<string> {
    const { cycleId } = job.data;
    if (job.data.step === 'fanout') {
      const added = await this.ladderJobs.fanOut(cycleId, { id: job.id as string, queue: job.queueQualifiedName });
      await job.updateData({ cycleId, step: 'compile' });
      this.logger.log({ cycleId, children: added }, 'cycle fanned out');
      if (await job.moveToWaitingChildren(token as string)) throw new WaitingChildrenError();
    }
    const result = await this.bulletins.compileIfComplete(cycleId);
    if (result.compiled) return 'bulletin compiled';
    if (result.outstanding === 0) return 'skipped';
    // PostgreSQL says reports are still outstanding (a child failed for good, or a report was
    // re-timed after its ladder ended): sleep; an acceptance or level-3 rung wakes it earlier.
    return sleepUntil(this.worker, job, token, new Date(this.clock.now().getTime() + DAY), this.clock);
  }
}

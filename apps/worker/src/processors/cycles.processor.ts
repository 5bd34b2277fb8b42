import { Processor } from '@nestjs/bullmq';
import { Inject } from '@nestjs/common';
import { Clock, CLOCK, DAY } from '@tracker/domain';
import { JobPayloads, QUEUES, WORKER_OPTIONS } from '@tracker/queue';
import {
  BulletinsService,
  CyclesService,
  DeadlineSweepService,
  LadderJobsService,
  LadderService,
} from '@tracker/services';
import { Job, WaitingChildrenError } from 'bullmq';
import { QueueHandlers, QueueProcessor } from '../job-handlers';
import { sleepUntil } from './sleep-until';

/** Cycle jobs: the cycle's parent (fan-out, then bulletin), opening, reconciling, the deadline sweep. */
// Stalled-job settings (WORKER_OPTIONS): a fan-out killed with its worker is picked up by another in ~15 s, not 60 (NOTES §5).
@Processor(QUEUES.cycles, WORKER_OPTIONS.cycles)
export class CyclesProcessor extends QueueProcessor<'cycles'> {
  readonly queue = QUEUES.cycles;
  readonly handlers: QueueHandlers<'cycles'> = {
    'cycle-run': (job, token) => this.runCycle(job, token),
    'cycles-open-due': async () => `opened ${(await this.cycles.openDue()).length}`,
    'cycles-reconcile': async () => {
      const r = await this.ladderJobs.reconcileCycles();
      const acks = await this.ladderJobs.ensureAckLadders();
      return `cycles ${r.cycles}, ladders ${r.ladders}, acks ${acks}`;
    },
    'ack-ladders': async (job) =>
      `acks ${await this.ladderJobs.ensureAckLadders(job.data.documentId)}`,
    'deadline-sweep': async () => {
      const r = await this.sweep.sweep();
      return `notices ${r.notices}, escalations ${r.escalations}`;
    },
  };

  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly cycles: CyclesService,
    private readonly ladderJobs: LadderJobsService,
    private readonly ladder: LadderService,
    private readonly bulletins: BulletinsService,
    private readonly sweep: DeadlineSweepService,
  ) {
    super();
  }

  // The process-step pattern (WaitingChildrenError): the parent sleeps until the cycle's first rung,
  // raises it for every report set-based, then adds the children in chunks (each timed for its next
  // rung) and waits for them; a retried step resumes the batch (notice keys) and re-adds only
  // missing children (job ids).
  private async runCycle(job: Job<JobPayloads['cycle-run']>, token?: string): Promise<string> {
    const { cycleId } = job.data;
    if (job.data.step === 'fanout') {
      const plan = await this.ladder.cycleRungPlan(cycleId);
      if (!plan.due && plan.wakeAt)
        return sleepUntil(this.worker, job, token, plan.wakeAt, this.clock);
      const parent = { id: job.id as string, queue: job.queueQualifiedName };
      // The children of the reports each page raised are added behind its commit; then the rest.
      const handled = new Set<string>();
      const raised = await this.ladder.raiseCycleRung(cycleId, {
        afterPage: async (rows) => {
          for (const id of await this.ladderJobs.addRaisedChildren(cycleId, rows, parent))
            handled.add(id);
        },
      });
      const added = handled.size + (await this.ladderJobs.fanOut(cycleId, parent, handled));
      await job.updateData({ cycleId, step: 'compile' });
      this.log.log({ cycleId, ...raised, children: added }, 'cycle rung raised and fanned out');
      if (await job.moveToWaitingChildren(token as string)) throw new WaitingChildrenError();
    }
    const result = await this.bulletins.compileIfComplete(cycleId);
    if (result.compiled) return 'bulletin compiled';
    if (result.outstanding === 0) return 'skipped';
    // PostgreSQL says reports are still outstanding (a child failed for good, or a report was
    // re-timed after its ladder ended): sleep; an acceptance or level-3 rung wakes it earlier.
    return sleepUntil(
      this.worker,
      job,
      token,
      new Date(this.clock.now().getTime() + DAY),
      this.clock,
    );
  }
}

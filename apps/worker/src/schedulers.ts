import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { JOB_OPTIONS, JobProducer, SCHEDULER_IDS } from '@tracker/queue';
import { CyclesService, LadderJobsService } from '@tracker/services';

const TZ = 'Asia/Shanghai';

/**
 * Registers the recurring jobs (idempotent: upsert by scheduler id, so a redeploy keeps one
 * scheduler each) and re-derives the queue from PostgreSQL at start: Redis may have lost it.
 */
@Injectable()
export class Schedulers implements OnApplicationBootstrap {
  private readonly logger = new Logger(Schedulers.name);

  constructor(
    private readonly jobs: JobProducer,
    private readonly cycles: CyclesService,
    private readonly ladderJobs: LadderJobsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const cycles = this.jobs.queueFor('cycles-open-due');
    const { removeOnComplete, removeOnFail } = JOB_OPTIONS['cycles-open-due'];
    // Cycles open on their period's first day (DESIGN: cadence); 00:05 leaves midnight to the clock.
    await cycles.upsertJobScheduler(SCHEDULER_IDS.openDueCycles, { pattern: '5 0 * * *', tz: TZ }, {
      name: 'cycles-open-due', data: { requestedAt: 'scheduled' }, opts: { removeOnComplete, removeOnFail },
    });
    await cycles.upsertJobScheduler(SCHEDULER_IDS.reconcile, { pattern: '*/10 * * * *', tz: TZ }, {
      name: 'cycles-reconcile', data: { requestedAt: 'scheduled' }, opts: { removeOnComplete, removeOnFail },
    });
    await cycles.upsertJobScheduler(SCHEDULER_IDS.deadlineSweep, { pattern: '30 1 * * *', tz: TZ }, {
      name: 'deadline-sweep', data: { requestedAt: 'scheduled' }, opts: { removeOnComplete, removeOnFail },
    });
    try {
      await this.cycles.openDue();
      const r = await this.ladderJobs.reconcileCycles();
      const acks = await this.ladderJobs.ensureAckLadders();
      this.logger.log({ ...r, acks }, 'queue re-derived from PostgreSQL at start');
    } catch (error: unknown) {
      // The scheduled reconcile retries within minutes; a start must not fail on it.
      this.logger.error({ err: error }, 'start-up reconcile failed');
    }
  }
}

import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { JOB_OPTIONS, JobProducer, SCHEDULER_IDS } from '@tracker/queue';
import { CyclesService, LadderJobsService, MailOutboxService } from '@tracker/services';

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
    private readonly mailOutbox: MailOutboxService,
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
    // Mail (issue 6): the relay re-derives lost mail jobs from PostgreSQL; digests at 08:00 Beijing
    // time, daily for the office and leaders, Mondays for the agencies' weekly digest.
    const digests = this.jobs.queueFor('digest-run');
    const digestOpts = { removeOnComplete: JOB_OPTIONS['digest-run'].removeOnComplete, removeOnFail: JOB_OPTIONS['digest-run'].removeOnFail };
    await digests.upsertJobScheduler(SCHEDULER_IDS.mailRelay, { pattern: '*/5 * * * *', tz: TZ }, {
      name: 'mail-relay', data: { requestedAt: 'scheduled' }, opts: digestOpts,
    });
    await digests.upsertJobScheduler(SCHEDULER_IDS.dailyDigest, { pattern: '0 8 * * *', tz: TZ }, {
      name: 'digest-run', data: { cadence: 'daily', periodEnd: 'scheduled' }, opts: digestOpts,
    });
    await digests.upsertJobScheduler(SCHEDULER_IDS.weeklyDigest, { pattern: '0 8 * * 1', tz: TZ }, {
      name: 'digest-run', data: { cadence: 'weekly', periodEnd: 'scheduled' }, opts: digestOpts,
    });
    try {
      await this.cycles.openDue();
      const r = await this.ladderJobs.reconcileCycles();
      const acks = await this.ladderJobs.ensureAckLadders();
      const mail = await this.mailOutbox.relay();
      this.logger.log({ ...r, acks, mail }, 'queue re-derived from PostgreSQL at start');
    } catch (error: unknown) {
      // The scheduled reconcile retries within minutes; a start must not fail on it.
      this.logger.error({ err: error }, 'start-up reconcile failed');
    }
  }
}

import {
  Inject,
  Injectable,
  Logger,
  BeforeApplicationShutdown,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { redisConfig, RedisConfig } from '@tracker/common';
import {
  JobProducer,
  SCHEDULER_IDS,
  schedulerSentinelKey,
  schedulerTemplateOptions,
} from '@tracker/queue';
import { CyclesService, LadderJobsService, MailOutboxService } from '@tracker/services';

const TZ = 'Asia/Shanghai';

/**
 * Registers the recurring jobs (idempotent: upsert by scheduler id, so a redeploy keeps one
 * scheduler each) and re-derives the queue from PostgreSQL: at start, and whenever Redis turns
 * out to have lost its data while the worker kept running (the sentinel key is gone).
 */
@Injectable()
export class Schedulers
  implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown
{
  private readonly logger = new Logger(Schedulers.name);
  private watchdog?: NodeJS.Timeout;
  private restoring?: Promise<void>;
  private started: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    @Inject(redisConfig.KEY) private readonly redis: RedisConfig,
    private readonly jobs: JobProducer,
    private readonly cycles: CyclesService,
    private readonly ladderJobs: LadderJobsService,
    private readonly mailOutbox: MailOutboxService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // The schedulers are registered before the worker reports started; re-deriving the queue from
    // PostgreSQL (keyset pages, pipelined lookups) runs behind it, so health answers at once even
    // on a database of 100,000 tasks. Every step of it is idempotent, and jobs that arrive meanwhile
    // are the same jobs under the same ids.
    await this.registerSchedulers();
    await this.writeSentinel();
    this.restoring = this.rederive('start').finally(() => (this.restoring = undefined));
    this.started = this.restoring;
    const client = await this.jobs.queueFor('cycles-open-due').backend.client;
    // ioredis emits 'ready' on every reconnect: a Redis that restarted without persistence is empty.
    client.on('ready', () => void this.checkSentinel('reconnect'));
    // A liveness check, not a scheduling loop: once Redis has lost its keys the job schedulers are
    // gone too, so BullMQ cannot schedule its own recovery, and a flush (or a failover to an empty
    // replica) need not drop the connection. One unref'd timer per worker process; the work it
    // triggers is the idempotent re-derivation below.
    this.watchdog = setInterval(() => void this.checkSentinel('watchdog'), this.redis.watchdogMs);
    this.watchdog.unref();
  }

  /** A re-derivation still running finishes before the connections close (it never rejects). */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.watchdog) clearInterval(this.watchdog);
    await this.restoring;
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    if (this.watchdog) clearInterval(this.watchdog);
  }

  private async checkSentinel(trigger: 'reconnect' | 'watchdog'): Promise<void> {
    if (this.stopped || this.restoring) return;
    try {
      const client = await this.jobs.queueFor('cycles-open-due').backend.client;
      if ((await client.get(schedulerSentinelKey(this.redis.prefix))) !== null) return;
      this.logger.warn(
        { trigger },
        'Redis lost the job schedulers: re-registering them and re-deriving the queue',
      );
      await this.restore(trigger);
    } catch (error: unknown) {
      // Redis is unreachable: the next tick or the reconnect's 'ready' tries again.
      this.logger.warn(
        { trigger, err: error instanceof Error ? error.message : String(error) },
        'Redis sentinel check failed',
      );
    }
  }

  /** One restore at a time: a reconnect and a watchdog tick may notice the loss together. */
  private restore(trigger: 'start' | 'reconnect' | 'watchdog'): Promise<void> {
    this.restoring ??= this.registerAndRederive(trigger).finally(
      () => (this.restoring = undefined),
    );
    return this.restoring;
  }

  /** Resolves once the start's re-derivation has run (tests and benches wait for it). */
  rederivedAtStart(): Promise<void> {
    return this.started;
  }

  private async registerAndRederive(trigger: string): Promise<void> {
    await this.registerSchedulers();
    await this.writeSentinel();
    await this.rederive(trigger);
  }

  /** Written once the schedulers exist: its absence means Redis lost them. */
  private async writeSentinel(): Promise<void> {
    const client = await this.jobs.queueFor('cycles-open-due').backend.client;
    await client.set(
      schedulerSentinelKey(this.redis.prefix),
      `registered by worker ${process.pid}`,
    );
  }

  private async rederive(trigger: string): Promise<void> {
    try {
      await this.cycles.openDue();
      const r = await this.ladderJobs.reconcileCycles();
      const acks = await this.ladderJobs.ensureAckLadders();
      const mail = await this.mailOutbox.relay();
      this.logger.log({ trigger, ...r, acks, mail }, 'queue re-derived from PostgreSQL');
    } catch (error: unknown) {
      // The scheduled reconcile retries within minutes; a start must not fail on it.
      this.logger.error({ err: error, trigger }, 're-deriving the queue failed');
    }
  }

  private async registerSchedulers(): Promise<void> {
    const cycles = this.jobs.queueFor('cycles-open-due');
    // Templates carry attempts, backoff and retention from JOB_OPTIONS, like a job enqueued by hand.
    // Cycles open on their period's first day (DESIGN: cadence); 00:05 leaves midnight to the clock.
    await cycles.upsertJobScheduler(
      SCHEDULER_IDS.openDueCycles,
      { pattern: '5 0 * * *', tz: TZ },
      {
        name: 'cycles-open-due',
        data: { requestedAt: 'scheduled' },
        opts: schedulerTemplateOptions('cycles-open-due'),
      },
    );
    await cycles.upsertJobScheduler(
      SCHEDULER_IDS.reconcile,
      { pattern: '*/10 * * * *', tz: TZ },
      {
        name: 'cycles-reconcile',
        data: { requestedAt: 'scheduled' },
        opts: schedulerTemplateOptions('cycles-reconcile'),
      },
    );
    await cycles.upsertJobScheduler(
      SCHEDULER_IDS.deadlineSweep,
      { pattern: '30 1 * * *', tz: TZ },
      {
        name: 'deadline-sweep',
        data: { requestedAt: 'scheduled' },
        opts: schedulerTemplateOptions('deadline-sweep'),
      },
    );
    // The relay re-derives lost or failed mail jobs from PostgreSQL; digests at 08:00 Beijing
    // time, daily for the office and leaders, Mondays for the agencies' weekly digest.
    const digests = this.jobs.queueFor('digest-run');
    await digests.upsertJobScheduler(
      SCHEDULER_IDS.mailRelay,
      { pattern: '*/5 * * * *', tz: TZ },
      {
        name: 'mail-relay',
        data: { requestedAt: 'scheduled' },
        opts: schedulerTemplateOptions('mail-relay'),
      },
    );
    await digests.upsertJobScheduler(
      SCHEDULER_IDS.dailyDigest,
      { pattern: '0 8 * * *', tz: TZ },
      {
        name: 'digest-run',
        data: { cadence: 'daily', periodEnd: 'scheduled' },
        opts: schedulerTemplateOptions('digest-run'),
      },
    );
    await digests.upsertJobScheduler(
      SCHEDULER_IDS.weeklyDigest,
      { pattern: '0 8 * * 1', tz: TZ },
      {
        name: 'digest-run',
        data: { cadence: 'weekly', periodEnd: 'scheduled' },
        opts: schedulerTemplateOptions('digest-run'),
      },
    );
  }
}

import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { mailConfig, MailConfig } from '@tracker/common';
import { MailOutboxRepository, UnitAccountsRepository } from '@tracker/database';
import { jobId, JobProducer } from '@tracker/queue';
import { CommitChain } from '../commit-chain';
import {
  DataSource,
  EntityManager,
  EntitySubscriberInterface,
  TransactionCommitEvent,
  TransactionRollbackEvent,
} from 'typeorm';

/**
 * `replace`: a job of the same id that has finished (failed, or completed without sending) or waits
 * for its next backoff is removed first, so the send starts again with all its attempts (the office's retry).
 */
export type MailJob = (
  | { name: 'mail-deliver'; deliveryId: string }
  | { name: 'digest-deliver'; digestId: string }
  | { name: 'invitation-deliver'; invitationId: string }
  | { name: 'subtask-mail-deliver'; mailId: string }
) & { replace?: boolean };

const PENDING = 'mailOutbox';
const BEHIND = 'mailOutboxBehind';

const RELAY_BATCH = 1_000;
/** An enqueue must not hold up the committing request for long: the relay picks up what it missed. */
const ENQUEUE_WAIT_MS = 2_000;
/** Mail jobs per bulk add. */
const ENQUEUE_CHUNK = 1_000;

/**
 * The outbox for mail: PostgreSQL rows (email deliveries, digests) are the truth; jobs are
 * enqueued only after the transaction that wrote them commits (a TypeORM transaction subscriber),
 * and `relay` re-derives any job that was lost (enqueue failed, Redis flushed, worker crashed).
 */
@Injectable()
export class MailOutboxService implements OnModuleInit, EntitySubscriberInterface {
  private readonly logger = new Logger(MailOutboxService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(mailConfig.KEY) private readonly config: MailConfig,
    private readonly jobs: JobProducer,
  ) {}

  onModuleInit(): void {
    if (!this.dataSource.subscribers.includes(this)) this.dataSource.subscribers.push(this);
  }

  /** Enqueues these jobs once `em`'s transaction commits (at once when there is none). */
  async afterCommit(em: EntityManager, jobs: MailJob[]): Promise<void> {
    if (jobs.length === 0) return;
    const qr = em.queryRunner;
    if (qr?.isTransactionActive) {
      const data = qr.data as Record<string, MailJob[] | undefined>;
      data[PENDING] = [...(data[PENDING] ?? []), ...jobs];
      return;
    }
    await this.enqueueSoon(jobs);
  }

  /** The mail jobs of `em`'s transaction go on `chain` after its commit instead of holding up the commit's caller. */
  enqueueBehind(em: EntityManager, chain: CommitChain): void {
    const qr = em.queryRunner;
    if (qr?.isTransactionActive) (qr.data as Record<string, unknown>)[BEHIND] = chain;
  }

  async afterTransactionCommit(event: TransactionCommitEvent): Promise<void> {
    // A released savepoint is not the commit: wait for the outermost transaction.
    if (event.queryRunner.isTransactionActive) return;
    const data = event.queryRunner.data as Record<string, unknown>;
    const jobs = data[PENDING] as MailJob[] | undefined;
    const chain = data[BEHIND] as CommitChain | undefined;
    delete data[BEHIND];
    if (!jobs?.length) return;
    delete data[PENDING];
    if (chain) chain.push(() => this.enqueueLogged(jobs));
    else await this.enqueueSoon(jobs);
  }

  private async enqueueLogged(jobs: MailJob[]): Promise<void> {
    try {
      await this.enqueue(jobs);
    } catch (error: unknown) {
      this.logger.warn(
        { err: (error as Error).message, jobs: jobs.length },
        'mail enqueue failed; the relay will retry',
      );
    }
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    if (event.queryRunner.isTransactionActive) return;
    delete (event.queryRunner.data as Record<string, unknown>)[PENDING];
    delete (event.queryRunner.data as Record<string, unknown>)[BEHIND];
  }

  /** Never throws: the rows are committed, and the relay enqueues whatever this misses. */
  private async enqueueSoon(jobs: MailJob[]): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.enqueue(jobs),
        new Promise((resolve) => (timer = setTimeout(resolve, ENQUEUE_WAIT_MS))),
      ]);
    } catch (error: unknown) {
      this.logger.warn(
        { err: (error as Error).message, jobs: jobs.length },
        'mail enqueue failed; the relay will retry',
      );
    } finally {
      clearTimeout(timer);
    }
  }

  async enqueue(jobs: MailJob[]): Promise<void> {
    // The first retry delay comes from config so tests can shorten the 30 s of production.
    const backoff = { type: 'exponential', delay: this.config.retryDelayMs };
    // New notice mail (a rung raised for a whole cycle) goes in bulk: one round trip per chunk.
    const fresh = jobs.filter((j) => j.name === 'mail-deliver' && !j.replace);
    for (let i = 0; i < fresh.length; i += ENQUEUE_CHUNK)
      await this.jobs.addBulk(
        'mail-deliver',
        fresh.slice(i, i + ENQUEUE_CHUNK).map((j) => ({
          data: { deliveryId: (j as { deliveryId: string }).deliveryId },
          extra: { backoff },
        })),
      );
    for (const j of jobs) {
      if (j.name === 'mail-deliver' && !j.replace) continue;
      if (j.replace) await this.removeFinished(j);
      if (j.name === 'mail-deliver')
        await this.jobs.add('mail-deliver', { deliveryId: j.deliveryId }, { backoff });
      else if (j.name === 'digest-deliver')
        await this.jobs.add('digest-deliver', { digestId: j.digestId }, { backoff });
      else if (j.name === 'subtask-mail-deliver')
        await this.jobs.add('subtask-mail-deliver', { mailId: j.mailId }, { backoff });
      else await this.jobs.add('invitation-deliver', { invitationId: j.invitationId }, { backoff });
    }
  }

  /** Deterministic ids would make an add of a finished job a no-op: remove it (a running or waiting job stays). */
  private async removeFinished(j: MailJob): Promise<void> {
    const id =
      j.name === 'mail-deliver'
        ? jobId(j.name, { deliveryId: j.deliveryId })
        : j.name === 'digest-deliver'
          ? jobId(j.name, { digestId: j.digestId })
          : j.name === 'subtask-mail-deliver'
            ? jobId(j.name, { mailId: j.mailId })
            : jobId(j.name, { invitationId: j.invitationId });
    const queue = this.jobs.queueFor(j.name);
    const state = await queue.getJobState(id);
    if (state !== 'failed' && state !== 'completed' && state !== 'delayed') return;
    // If it became active meanwhile (locked), that attempt reads the reset row anyway.
    await this.jobs.removeQuietly(queue, id);
  }

  /**
   * Re-derives mail jobs from unsent rows whose job Redis lost or failed for good (a crash loop
   * can fail a job "stalled more than allowable limit" while its row still has attempts left);
   * returns how many it added.
   */
  async relay(): Promise<number> {
    const outbox = new MailOutboxRepository(this.dataSource.manager);
    const deliveries = await outbox.unsentDeliveryIds(RELAY_BATCH);
    const digests = await outbox.unsentDigestIds(RELAY_BATCH);
    const invitations = await new UnitAccountsRepository(this.dataSource.manager).unsentIds(
      RELAY_BATCH,
    );
    const backoff = { type: 'exponential', delay: this.config.retryDelayMs };
    const invitationJobs = await this.jobs.ensure(
      'invitation-deliver',
      invitations.map((id) => ({ data: { invitationId: id }, extra: { backoff } })),
    );
    const notices = await this.jobs.ensure(
      'mail-deliver',
      deliveries.map((id) => ({ data: { deliveryId: id }, extra: { backoff } })),
    );
    const digestJobs = await this.jobs.ensure(
      'digest-deliver',
      digests.map((id) => ({ data: { digestId: id }, extra: { backoff } })),
    );
    const subtaskJobs = await this.jobs.ensure(
      'subtask-mail-deliver',
      (await outbox.unsentSubtaskMailIds(RELAY_BATCH)).map((id) => ({
        data: { mailId: id },
        extra: { backoff },
      })),
    );
    const added = [...notices, ...digestJobs, ...invitationJobs, ...subtaskJobs].filter(
      (o) => o !== 'present',
    ).length;
    if (added) this.logger.log({ added }, 'mail jobs re-derived from PostgreSQL');
    return added;
  }
}

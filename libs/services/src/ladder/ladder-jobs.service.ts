import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ackLadder,
  Clock,
  CLOCK,
  LADDER_RUNGS,
  reportLadder,
  SupervisionRules,
} from '@tracker/domain';
import { jobId, JobProducer, JobSpec, wakeJob } from '@tracker/queue';
import { Job, Queue } from 'bullmq';
import { FannedReport, LadderRepository } from '@tracker/database';
import { DataSource } from 'typeorm';
import { afterCommit } from '../queue-deadline';
import { effectiveRules, ladderChoice } from './report-row';

export interface ParentRef {
  id: string;
  queue: string;
}

export interface LadderTarget {
  id: string;
  cycleId: string;
  ladderEpoch: number;
  dueAt: Date;
  rules: SupervisionRules;
}

const CHUNK = 500;

/**
 * The queue side of the supervision ladder. The queue is derived from PostgreSQL: every method
 * here can be re-run (deterministic job ids), and `reconcile` rebuilds what Redis lost.
 */
@Injectable()
export class LadderJobsService {
  private readonly logger = new Logger(LadderJobsService.name);

  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: JobProducer,
  ) {}

  private get cycles(): Queue {
    return this.jobs.queueFor('cycle-run');
  }

  /** Whether Redis answers within `timeoutMs` (see `requireQueue`). */
  reachable(timeoutMs: number): Promise<boolean> {
    return this.jobs.reachable(timeoutMs);
  }

  /** Enqueues a cycle's parent job (idempotent: one id per cycle). */
  async startCycle(cycleId: string): Promise<void> {
    await this.jobs.add('cycle-run', { cycleId, step: 'fanout' });
  }

  private ladderJob(t: LadderTarget, parent?: ParentRef): JobSpec<'ladder-step'> {
    const first = reportLadder(t.dueAt, t.rules)[0].at;
    return {
      data: {
        cycleId: t.cycleId,
        reportId: t.id,
        epoch: t.ladderEpoch,
        notBefore: first.toISOString(),
      },
      extra: {
        delay: Math.max(0, first.getTime() - this.clock.now().getTime()),
        ...(parent ? { parent } : {}),
      },
    };
  }

  /**
   * A fan-out child, woken when its ladder next has work: at once if its current rung (the domain's
   * rule) is due and not yet raised for a report still to chase, else at its next rung. After the
   * cycle's batch has raised the current rung for all, that is the next rung; a report re-timed
   * meanwhile (new epoch, no notice yet) still wakes at once. Run early anyway, the keys make it a no-op.
   */
  private childJob(
    r: FannedReport,
    cycleId: string,
    rules: Required<SupervisionRules>,
    parent: ParentRef,
  ): JobSpec<'ladder-step'> {
    const now = this.clock.now();
    const { raise, nextAt } = ladderChoice(r.dueAt, rules, now);
    const owed = raise !== null && !r.raised.includes(raise.rung) && r.state !== 'submitted';
    const wake = owed || !nextAt ? now : nextAt;
    return {
      data: { cycleId, reportId: r.id, epoch: r.ladderEpoch, notBefore: wake.toISOString() },
      extra: { delay: Math.max(0, wake.getTime() - now.getTime()), parent },
    };
  }

  /**
   * Adds one ladder child per report still to chase, in chunks (one atomic add of 10k+ children
   * blocks Redis: NOTES §6), each timed by `childJob`. Runs after the cycle's rung batch
   * (`LadderService.raiseCycleRung`). Re-running it after a crash adds only the children that are missing.
   */
  async fanOut(cycleId: string, parent: ParentRef, skip?: ReadonlySet<string>): Promise<number> {
    const ladder = new LadderRepository(this.dataSource.manager);
    const doc = await ladder.supervisionOfCycle(cycleId);
    if (!doc) return 0;
    const rules = effectiveRules(doc.profile, doc.clauses);
    let after = '00000000-0000-0000-0000-000000000000';
    let added = 0;
    for (;;) {
      const rows = await ladder.reportsToFanOut(cycleId, after, CHUNK, LADDER_RUNGS);
      if (rows.length === 0) break;
      const rest = skip ? rows.filter((r) => !skip.has(r.id)) : rows;
      await this.jobs.addBulk(
        'ladder-step',
        rest.map((r) => this.childJob(r, cycleId, rules, parent)),
      );
      added += rest.length;
      after = rows[rows.length - 1].id;
      if (rows.length < CHUNK) break;
    }
    return added;
  }

  /**
   * The children of reports whose rung the cycle's batch has just raised, each asleep until its
   * next rung (a ladder that has ended gets none); `fanOut` then adds the others, skipping these.
   */
  async addRaisedChildren(
    cycleId: string,
    raised: { reportId: string; epoch: number; wakeAt: Date | null }[],
    parent: ParentRef,
  ): Promise<string[]> {
    const now = this.clock.now();
    const live = raised.filter((r) => r.wakeAt !== null);
    for (let i = 0; i < live.length; i += CHUNK)
      await this.jobs.addBulk(
        'ladder-step',
        live.slice(i, i + CHUNK).map((r) => {
          const wake = r.wakeAt as Date;
          return {
            data: { cycleId, reportId: r.reportId, epoch: r.epoch, notBefore: wake.toISOString() },
            extra: { delay: Math.max(0, wake.getTime() - now.getTime()), parent },
          };
        }),
      );
    return live.map((r) => r.reportId);
  }

  /** The cycle's job, if Redis holds one. */
  private cycleJob(cycleId: string): Promise<Job | undefined> {
    return this.jobs.get('cycle-run', { cycleId, step: 'fanout' });
  }

  /**
   * The cycle's job asleep before its fan-out: it wakes at the cycle's first rung, raises it for
   * every report and adds their ladders itself.
   */
  private async beforeFanOut(job: Job | undefined): Promise<boolean> {
    if (!job || (job.data as { step?: string }).step !== 'fanout') return false;
    return (await job.getState()) === 'delayed';
  }

  /** The cycle job as a parent, if it is still waiting for its children. */
  private async waitingParent(cycleId: string, job?: Job): Promise<ParentRef | undefined> {
    const id = jobId('cycle-run', { cycleId, step: 'fanout' });
    job ??= await this.cycleJob(cycleId);
    if (!job) return undefined;
    const state = await job.getState();
    return state === 'waiting-children' ? { id, queue: this.cycles.qualifiedName } : undefined;
  }

  /** Makes sure a live ladder job for a report's current epoch exists (under its cycle if it can). */
  async ensureReportLadder(t: LadderTarget): Promise<void> {
    const state = await this.jobs.state('ladder-step', {
      cycleId: t.cycleId,
      reportId: t.id,
      epoch: t.ladderEpoch,
    });
    if (state !== 'unknown' && state !== 'failed') return;
    const cycle = await this.cycleJob(t.cycleId);
    // Asleep before its first rung: its fan-out will add this ladder (under it, for this epoch).
    if (await this.beforeFanOut(cycle)) return;
    await this.jobs.ensure('ladder-step', [
      this.ladderJob(t, await this.waitingParent(t.cycleId, cycle)),
    ]);
  }

  /** Wakes a report's ladder job now (a filing, an acceptance); recreates it if Redis lost it or it failed. */
  async nudgeReport(t: LadderTarget): Promise<void> {
    const job = await this.jobs.get('ladder-step', {
      cycleId: t.cycleId,
      reportId: t.id,
      epoch: t.ladderEpoch,
    });
    if (!job || (await job.isFailed())) return this.ensureReportLadder(t);
    // If the job is running right now it re-runs once it has gone back to sleep (job-wake.ts).
    await wakeJob(this.jobs.queueFor('ladder-step'), job);
  }

  /** After the due time moved: the new epoch's job first (so the cycle keeps waiting), then wake the old one to finish. */
  async retime(t: LadderTarget, oldEpoch: number): Promise<void> {
    await this.ensureReportLadder(t);
    const old = await this.jobs.get('ladder-step', {
      cycleId: t.cycleId,
      reportId: t.id,
      epoch: oldEpoch,
    });
    if (old) await wakeJob(this.jobs.queueFor('ladder-step'), old);
  }

  /** Wakes a cycle job that sleeps after finding reports still outstanding. */
  async nudgeCycle(cycleId: string): Promise<void> {
    const job = await this.jobs.get('cycle-run', { cycleId, step: 'fanout' });
    if (job) await wakeJob(this.cycles, job);
  }

  /** Asks the worker to run `ensureAckLadders(documentId)`; one job per document and cause. */
  async queueAckLadders(documentId: string, cause: string): Promise<void> {
    await this.jobs.add('ack-ladders', { documentId, cause });
  }

  /** One acknowledgement-ladder job per pending supporting assignment whose ladder is unfinished. */
  async ensureAckLadders(documentId?: string): Promise<number> {
    let after = '00000000-0000-0000-0000-000000000000';
    let added = 0;
    for (;;) {
      const { rows, last } = await new LadderRepository(this.dataSource.manager).pendingAcks(
        after,
        CHUNK,
        documentId,
      );
      const now = this.clock.now().getTime();
      const outcomes = await this.jobs.ensure(
        'ack-step',
        rows.map((r): JobSpec<'ack-step'> => {
          const first = ackLadder(r.createdAt, effectiveRules(r.profile, r.clauses))[0].at;
          return {
            data: { assignmentId: r.id, notBefore: first.toISOString() },
            extra: { delay: Math.max(0, first.getTime() - now) },
          };
        }),
      );
      added += outcomes.filter((o) => o !== 'present').length;
      if (last === null) break;
      after = last;
    }
    return added;
  }

  /**
   * Rebuilds the queue from PostgreSQL: a cycle job for every open cycle without a bulletin (its
   * fan-out re-adds the children) and the ladder job of every report still being chased.
   */
  async reconcileCycles(): Promise<{ cycles: number; ladders: number }> {
    const cycles = await new LadderRepository(this.dataSource.manager).cyclesInProgress();
    let restarted = 0;
    let ladders = 0;
    for (const cycleId of cycles) {
      // A parent Redis never saw, or one that failed for good, fans out again (only missing children).
      const [parent0] = await this.jobs.ensure('cycle-run', [
        { data: { cycleId, step: 'fanout' } },
      ]);
      if (parent0 !== 'present') {
        restarted += 1;
        continue;
      }
      const job = await this.cycleJob(cycleId);
      // Before its fan-out the cycle's job owns its ladders: it adds them after its first rung.
      if ((job?.data as { step?: string } | undefined)?.step === 'fanout') continue;
      const parent = await this.waitingParent(cycleId, job);
      ladders += await this.ensureMissingLadders(cycleId, parent);
    }
    if (restarted || ladders)
      this.logger.log({ restarted, ladders }, 'reconciled cycle jobs from PostgreSQL');
    return { cycles: restarted, ladders };
  }

  private async ensureMissingLadders(
    cycleId: string,
    parent: ParentRef | undefined,
  ): Promise<number> {
    const ladder = new LadderRepository(this.dataSource.manager);
    const doc = await ladder.supervisionOfCycle(cycleId);
    if (!doc) return 0;
    const rules = effectiveRules(doc.profile, doc.clauses);
    let after = '00000000-0000-0000-0000-000000000000';
    let added = 0;
    for (;;) {
      const rows = await ladder.reportsToChase(cycleId, after, CHUNK, true);
      if (rows.length === 0) break;
      const targets = rows.map((r) => ({ ...r, cycleId, rules }));
      // Missing or failed for good (a crash loop): PostgreSQL says the report is still owed its rungs.
      const outcomes = await this.jobs.ensure(
        'ladder-step',
        targets.map((t) => this.ladderJob(t, parent)),
      );
      added += outcomes.filter((o) => o !== 'present').length;
      after = rows[rows.length - 1].id;
      if (rows.length < CHUNK) break;
    }
    return added;
  }
}

/**
 * Queues the start of a document's acknowledgement ladders: one small job after the commit (the
 * worker then derives the ladders from PostgreSQL in pages), so a 20,000-assignment import answers
 * without waiting for 20,000 enqueues. Lost with the process (a crash right after the commit), the
 * worker's start and its scheduled reconcile derive the same ladders from the same rows; the
 * notices' unique keys keep each request to one. Waits for Redis no longer than `afterCommit` does.
 */
export async function startAckLadders(
  ladderJobs: LadderJobsService | undefined,
  logger: Pick<Logger, 'warn'>,
  documentId: string,
  cause: string,
): Promise<void> {
  if (!ladderJobs) return;
  await afterCommit(logger, 'acknowledgement ladders', () =>
    ladderJobs.queueAckLadders(documentId, cause),
  );
}

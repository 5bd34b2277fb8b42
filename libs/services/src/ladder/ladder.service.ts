import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ackLadder,
  citeClause,
  Clock,
  CLOCK,
  DAY,
  LadderStep,
  SupervisionRules,
} from '@tracker/domain';
import {
  AckRow,
  EscalationsRepository,
  LadderRepository,
  NewEscalation,
  ReportsRepository,
  rungNoticeKey,
} from '@tracker/database';
import { ACK_BATCH_TEXT, ACK_TEXT, RUNG_TEXT } from '@tracker/notify';
import { JobPayloads } from '@tracker/queue';
import { DataSource, EntityManager } from 'typeorm';
import { CommitChain } from '../commit-chain';
import { MailOutboxService } from '../mail/mail-outbox.service';
import { NoticeSpec, NoticesService, Recipients } from '../notices/notices.service';
import {
  cite,
  effectiveRules,
  isChased,
  ladderChoice,
  loadReport,
  reportContext,
  ReportRow,
  rulesOf,
} from './report-row';
import { escalationKey } from './escalation-key';

/** What a step job does next: finish, or sleep until `nextAt` (business time). */
export type StepResult =
  | { outcome: 'done' | 'skipped'; reason: string; cycleId?: string }
  | { outcome: 'wait'; nextAt: Date };

/** A filed report waits for review; the review promotes the job, this is only the safety net. */
const REVIEW_RECHECK_MS = DAY;

/** Reports per transaction when a cycle's rung is raised for all of them at once. */
export const RUNG_BATCH = 500;

/** Such transactions at once (the pool holds DB_POOL_SIZE connections; the ladder jobs share it). */
const RUNG_LANES = 2;

/** A report whose rung the cycle's batch raised, and when its ladder next wakes (null: it has ended). */
export interface RaisedRung {
  reportId: string;
  epoch: number;
  wakeAt: Date | null;
}

/** When a cycle's ladders first have a rung to raise: now (`due`), or at `wakeAt` (null: never). */
export interface CycleRungPlan {
  due: boolean;
  wakeAt: Date | null;
}

const RUNG_RECIPIENTS = (r: ReportRow, step: LadderStep): Recipients => {
  switch (step.rung) {
    case 'reminder':
    case 'overdue':
      return { unitMembers: [r.unitId] };
    case 'supervision':
      return { unitHeads: [r.unitId], roles: ['office'] };
    case 'leading_group':
      return { unitHeads: [r.unitId], roles: ['office', 'leader'] };
  }
};

const RUNG_PURPOSE = {
  reminder: 'report',
  overdue: 'chase',
  supervision: 'supervision',
  leading_group: 'leading_group',
} as const;

/**
 * Runs one wake-up of a report's ladder or of a supporting unit's acknowledgement ladder. Each
 * wake-up is one transaction holding the row lock; every rung is raised under a unique key, so a
 * job that runs twice, early, or on two workers raises each rung once.
 */
@Injectable()
export class LadderService {
  private readonly logger = new Logger(LadderService.name);

  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notices: NoticesService,
    private readonly outbox: MailOutboxService,
  ) {}

  async runReportStep(data: JobPayloads['ladder-step']): Promise<StepResult> {
    return this.dataSource.transaction(async (em) => {
      const r = await loadReport(em, data.reportId, true);
      if (!r) return { outcome: 'skipped', reason: 'report gone' };
      // A job timed for an older due time does nothing: the new epoch has its own job.
      if (r.ladderEpoch !== data.epoch)
        return { outcome: 'skipped', reason: 'superseded', cycleId: r.cycleId };
      if (r.state === 'accepted')
        return { outcome: 'done', reason: 'accepted', cycleId: r.cycleId };
      if (r.taskState !== 'open' || r.cycleState === 'closed')
        return { outcome: 'skipped', reason: 'not open', cycleId: r.cycleId };
      // Its unit no longer leads the task (an amendment removed it): nobody is chased for it.
      if (!r.owed) return { outcome: 'skipped', reason: 'lead removed', cycleId: r.cycleId };
      const now = this.clock.now();
      if (r.state === 'submitted')
        return { outcome: 'wait', nextAt: new Date(now.getTime() + REVIEW_RECHECK_MS) };

      // Only the current rung: a ladder woken late (a past cycle opened, a worker that was down) does not replay the lower ones.
      const { raise, nextAt } = ladderChoice(r.dueAt, rulesOf(r), now);
      if (raise) await this.raiseRung(em, r, raise);
      if (raise?.rung === 'leading_group')
        return { outcome: 'done', reason: 'escalated', cycleId: r.cycleId };
      return nextAt
        ? { outcome: 'wait', nextAt }
        : { outcome: 'done', reason: 'ladder exhausted', cycleId: r.cycleId };
    });
  }

  private raiseAckBatch(em: EntityManager, a: AckRow): Promise<boolean> {
    return raiseAckBatchIn(em, this.notices, a, a.documentId);
  }

  private async raiseRung(em: EntityManager, r: ReportRow, step: LadderStep): Promise<void> {
    const notice = await this.notices.raise(em, this.rungNotice(r, step));
    if (!step.escalates) return;
    const inserted = await new EscalationsRepository(em).insert(
      this.rungEscalation(r, step, notice.id),
    );
    if (inserted)
      this.logger.log(
        { reportId: r.id, level: step.level, epoch: r.ladderEpoch },
        'escalation raised',
      );
  }

  /** The notice of a report's rung: one definition for the per-report step and the batch. */
  private rungNotice(r: ReportRow, step: LadderStep): NoticeSpec {
    const clause = cite(r, RUNG_PURPOSE[step.rung]);
    return {
      dedupKey: rungNoticeKey(step.rung, r.id, r.ladderEpoch),
      kind: step.rung,
      level: step.level,
      colour: step.colour,
      text: RUNG_TEXT[step.rung](reportContext(r), clause),
      clause,
      recipients: RUNG_RECIPIENTS(r, step),
      taskId: r.taskId,
      unitId: r.unitId,
      cycleId: r.cycleId,
      reportId: r.id,
    };
  }

  private rungEscalation(r: ReportRow, step: LadderStep, noticeId: string): NewEscalation {
    return {
      dedupKey: escalationKey(r.id, r.ladderEpoch, step.level),
      taskId: r.taskId,
      unitId: r.unitId,
      cycleId: r.cycleId,
      reportId: r.id,
      noticeId,
      level: step.level,
      colour: step.colour,
      clause: cite(r, RUNG_PURPOSE[step.rung]),
      reason:
        step.rung === 'supervision' ? 'report_overdue_supervision' : 'report_overdue_leading_group',
      raisedAt: this.clock.now(),
    };
  }

  /** The cycle's rules and the distinct due times of its reports still being chased. */
  private async cycleLadder(
    cycleId: string,
  ): Promise<{ rules: Required<SupervisionRules>; dueTimes: Date[] } | null> {
    const ladder = new LadderRepository(this.dataSource.manager);
    const doc = await ladder.supervisionOfCycle(cycleId);
    if (!doc) return null;
    return {
      rules: effectiveRules(doc.profile, doc.clauses),
      dueTimes: await ladder.dueTimesToChase(cycleId),
    };
  }

  /**
   * Whether any of the cycle's ladders has a rung due now (the domain's rule per due time) and, if
   * none has, when the first one will: the cycle's job sleeps until then and raises it for all.
   */
  async cycleRungPlan(cycleId: string): Promise<CycleRungPlan> {
    const cycle = await this.cycleLadder(cycleId);
    if (!cycle) return { due: false, wakeAt: null };
    const now = this.clock.now();
    let wakeAt: Date | null = null;
    for (const dueAt of cycle.dueTimes) {
      const { raise, nextAt } = ladderChoice(dueAt, cycle.rules, now);
      if (raise) return { due: true, wakeAt: now };
      if (nextAt && (!wakeAt || nextAt < wakeAt)) wakeAt = nextAt;
    }
    return { due: false, wakeAt };
  }

  /**
   * Raises the current rung of every report of the cycle that is owed one, set-based: one
   * statement chooses the reports whose rung is due and not yet raised (a pre-filter by due time;
   * the domain's rule decides each row); then, per page of `batchSize`, they are locked and
   * re-checked, the notice service records and mails them in one call, the escalations go in one
   * statement, and the page commits. A re-run (a retry, a worker killed mid-batch) chooses only
   * what the committed pages left; a rung raised by a report's own step meanwhile is found by its key.
   */
  async raiseCycleRung(
    cycleId: string,
    options: {
      batchSize?: number;
      /** Run after each page's commit, behind its mail, while the next page is written. */
      afterPage?: (raised: RaisedRung[]) => Promise<void>;
    } = {},
  ): Promise<{ notices: number; escalations: number }> {
    const batchSize = options.batchSize ?? RUNG_BATCH;
    const total = { notices: 0, escalations: 0 };
    const cycle = await this.cycleLadder(cycleId);
    if (!cycle) return total;
    const now = this.clock.now();
    const owed = cycle.dueTimes.flatMap((dueAt) => {
      const { raise } = ladderChoice(dueAt, cycle.rules, now);
      return raise ? [{ dueAt, rung: raise.rung }] : [];
    });
    if (owed.length === 0) return total;
    const ids = await new ReportsRepository(this.dataSource.manager).owedRung(cycleId, owed);
    // Each page's mail (and `afterPage`) runs after its commit while the next pages are written.
    const chain = new CommitChain();
    const raisePage = async (pageIds: string[]): Promise<void> => {
      const page = await this.dataSource.transaction(async (em) => {
        this.outbox.enqueueBehind(em, chain);
        const rows = await new ReportsRepository(em).lockOwedRung(pageIds, owed);
        const due = rows.flatMap((r) => {
          const { raise } = ladderChoice(r.dueAt, cycle.rules, now);
          return isChased(r) && raise ? [{ r, step: raise }] : [];
        });
        const raised = await this.notices.raiseMany(
          em,
          due.map(({ r, step }) => this.rungNotice(r, step)),
        );
        const escalations = await new EscalationsRepository(em).insertMany(
          due
            .map((d, k) => ({ ...d, noticeId: raised[k].id }))
            .filter(({ step }) => step.escalates)
            .map(({ r, step, noticeId }) => this.rungEscalation(r, step, noticeId)),
        );
        return {
          notices: raised.filter((n) => n.created).length,
          escalations,
          raised: due.map(({ r }) => ({
            reportId: r.id,
            epoch: r.ladderEpoch,
            wakeAt: ladderChoice(r.dueAt, cycle.rules, now).nextAt,
          })),
        };
      });
      total.notices += page.notices;
      total.escalations += page.escalations;
      const { afterPage } = options;
      if (afterPage) chain.push(() => afterPage(page.raised));
    };
    // Pages hold disjoint reports (their rows, notices and deliveries): a few run at once.
    let next = 0;
    let failed = false;
    const lane = async (): Promise<void> => {
      while (!failed && next < ids.length) {
        const from = next;
        next += batchSize;
        try {
          await raisePage(ids.slice(from, from + batchSize));
        } catch (error: unknown) {
          failed = true;
          throw error;
        }
      }
    };
    const lanes = await Promise.allSettled(Array.from({ length: RUNG_LANES }, lane));
    const failure = lanes.find((l) => l.status === 'rejected');
    if (failure) throw (failure as PromiseRejectedResult).reason;
    await chain.done();
    if (total.notices || total.escalations)
      this.logger.log({ cycleId, ...total }, 'cycle rung raised');
    return total;
  }

  async runAckStep(data: JobPayloads['ack-step']): Promise<StepResult> {
    return this.dataSource.transaction(async (em) => {
      const a = await new LadderRepository(em).lockAck(data.assignmentId);
      if (!a || a.role !== 'support')
        return { outcome: 'skipped', reason: 'no supporting assignment' };
      if (a.state !== 'pending' || a.taskState !== 'open')
        return { outcome: 'done', reason: a.state };
      if (a.archivedAt) return { outcome: 'skipped', reason: 'document archived' };
      if (a.isPreexisting) return { outcome: 'skipped', reason: 'pre-existing assignment' };
      const rules = effectiveRules(a.profile, a.clauses);
      const now = this.clock.now();
      const steps = ackLadder(a.createdAt, rules);
      const due = steps.filter((s) => s.at.getTime() <= now.getTime());
      // A request first seen when the reminder is due too (a worker that was down for days) is
      // stale: the reminder carries the same acknowledge link.
      for (const step of due.filter((s) => !(s.rung === 'ack_request' && due.length > 1))) {
        const clause = citeClause(a.documentTitle, a.clauses, 'acknowledge');
        if (step.rung === 'ack_request' && (await this.raiseAckBatch(em, a))) continue;
        await this.notices.raise(em, {
          dedupKey: `${step.rung}/${a.id}`,
          kind: step.rung,
          level: step.level,
          colour: step.colour,
          text: ACK_TEXT[step.rung](
            {
              documentTitle: a.documentTitle,
              taskLabel: a.taskPath.join(''),
              taskHeading: a.taskHeading,
              supportUnitName: a.unitName,
              assignedAt: a.createdAt,
            },
            clause,
          ),
          clause,
          recipients:
            step.rung === 'ack_overdue'
              ? { unitMembers: a.leadUnitIds, roles: ['office'] }
              : { unitMembers: [a.unitId] },
          taskId: a.taskId,
          unitId: a.unitId,
          assignmentId: a.id,
        });
      }
      const next = steps.find((s) => s.at.getTime() > now.getTime());
      return next
        ? { outcome: 'wait', nextAt: next.at }
        : { outcome: 'done', reason: 'ack ladder exhausted' };
    });
  }
}

/**
 * One import gives a unit many supporting tasks of one document: it gets one request listing them
 * all, not a mail per task. The first ack job of the unit and document raises it (the unit's row
 * lock serialises them) and records each task it lists under the task's own request key, without
 * recipients, so the other jobs raise nothing. False when there is only this task: the usual
 * request, with its one-click acknowledge link, goes out instead.
 */
async function raiseAckBatchIn(
  em: EntityManager,
  notices: NoticesService,
  a: AckRow,
  documentId: string,
): Promise<boolean> {
  const ladder = new LadderRepository(em);
  await ladder.lockUnit(a.unitId);
  if (await ladder.noticeExists(`ack_request/${a.id}`)) return true;
  const tasks = await ladder.unrequestedAcks(a.unitId, documentId);
  if (tasks.length <= 1) return false;
  const text = ACK_BATCH_TEXT({
    documentTitle: a.documentTitle,
    supportUnitName: a.unitName,
    assignedAt: a.createdAt,
    tasks: tasks.map((t) => ({ label: t.taskPath.join(''), heading: t.taskHeading })),
  });
  const clause = citeClause(a.documentTitle, a.clauses, 'acknowledge');
  await notices.raise(em, {
    dedupKey: `ack_request/batch/${documentId}/${a.unitId}/${tasks[0].id}`,
    kind: 'ack_request',
    level: 0,
    colour: 'blue',
    text,
    clause,
    recipients: { unitMembers: [a.unitId] },
    unitId: a.unitId,
  });
  // Each task's own record carries its own request text, not the whole list: a unit supporting
  // 3,000 tasks of one plan would otherwise store the 3,000-line list 3,000 times. Written in
  // chunks of a few statements each, not one round trip per task.
  const records = tasks.map((t) => ({
    dedupKey: `ack_request/${t.id}`,
    kind: 'ack_request' as const,
    level: 0,
    colour: 'blue' as const,
    text: ACK_TEXT.ack_request(
      {
        documentTitle: a.documentTitle,
        taskLabel: t.taskPath.join(''),
        taskHeading: t.taskHeading,
        supportUnitName: a.unitName,
        assignedAt: a.createdAt,
      },
      clause,
    ),
    clause,
    recipients: {},
    taskId: t.taskId,
    unitId: a.unitId,
    assignmentId: t.id,
  }));
  for (let i = 0; i < records.length; i += 500)
    await notices.raiseMany(em, records.slice(i, i + 500));
  return true;
}

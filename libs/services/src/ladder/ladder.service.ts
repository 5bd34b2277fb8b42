import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ackLadder,
  citeClause,
  Clock,
  CLOCK,
  ClauseText,
  chooseRungs,
  DAY,
  LadderStep,
  reportLadder,
  SupervisionRules,
} from '@tracker/domain';
import { ACK_BATCH_TEXT, ACK_TEXT, RUNG_TEXT } from '@tracker/notify';
import { JobPayloads } from '@tracker/queue';
import { DataSource, EntityManager } from 'typeorm';
import { NoticesService, Recipients } from '../notices/notices.service';
import { cite, effectiveRules, loadReport, reportContext, ReportRow, rulesOf } from './report-row';
import { escalationKey } from './escalation-key';

/** What a step job does next: finish, or sleep until `nextAt` (business time). */
export type StepResult =
  | { outcome: 'done' | 'skipped'; reason: string; cycleId?: string }
  | { outcome: 'wait'; nextAt: Date };

/** A filed report waits for review; the review promotes the job, this is only the safety net. */
const REVIEW_RECHECK_MS = DAY;

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

const RUNG_PURPOSE = { reminder: 'report', overdue: 'chase', supervision: 'supervision', leading_group: 'leading_group' } as const;

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
  ) {}

  async runReportStep(data: JobPayloads['ladder-step']): Promise<StepResult> {
    return this.dataSource.transaction(async (em) => {
      const r = await loadReport(em, data.reportId, true);
      if (!r) return { outcome: 'skipped', reason: 'report gone' };
      // A job timed for an older due time does nothing: the new epoch has its own job.
      if (r.ladderEpoch !== data.epoch) return { outcome: 'skipped', reason: 'superseded', cycleId: r.cycleId };
      if (r.state === 'accepted') return { outcome: 'done', reason: 'accepted', cycleId: r.cycleId };
      if (r.taskState !== 'open' || r.cycleState === 'closed') return { outcome: 'skipped', reason: 'not open', cycleId: r.cycleId };
      const now = this.clock.now();
      if (r.state === 'submitted') return { outcome: 'wait', nextAt: new Date(now.getTime() + REVIEW_RECHECK_MS) };

      // Only the current rung: a ladder woken late (a past cycle opened, a worker that was down) does not replay the lower ones.
      const { raise, nextAt } = chooseRungs(reportLadder(r.dueAt, rulesOf(r)), r.dueAt, now);
      if (raise) await this.raiseRung(em, r, raise);
      if (raise?.rung === 'leading_group') return { outcome: 'done', reason: 'escalated', cycleId: r.cycleId };
      return nextAt ? { outcome: 'wait', nextAt } : { outcome: 'done', reason: 'ladder exhausted', cycleId: r.cycleId };
    });
  }

  private raiseAckBatch(em: EntityManager, a: AckRow): Promise<boolean> {
    return raiseAckBatchIn(em, this.notices, a, a.document_id);
  }

  private async raiseRung(em: EntityManager, r: ReportRow, step: LadderStep): Promise<void> {
    const clause = cite(r, RUNG_PURPOSE[step.rung]);
    const notice = await this.notices.raise(em, {
      dedupKey: `${step.rung}/${r.id}/e${r.ladderEpoch}`,
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
    });
    if (!step.escalates) return;
    const inserted: unknown[] = await em.query(
      `INSERT INTO escalations (dedup_key, task_id, unit_id, cycle_id, report_id, notice_id, level, colour, clause, reason, raised_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (dedup_key) DO NOTHING RETURNING id`,
      [
        escalationKey(r.id, r.ladderEpoch, step.level), r.taskId, r.unitId, r.cycleId, r.id, notice.id, step.level,
        step.colour, clause ? JSON.stringify(clause) : null,
        step.rung === 'supervision' ? 'report_overdue_supervision' : 'report_overdue_leading_group', this.clock.now(),
      ],
    );
    if (inserted.length) this.logger.log({ reportId: r.id, level: step.level, epoch: r.ladderEpoch }, 'escalation raised');
  }

  async runAckStep(data: JobPayloads['ack-step']): Promise<StepResult> {
    return this.dataSource.transaction(async (em) => {
      const rows: AckRow[] = await em.query(
        `SELECT a.id, a.unit_id, a.role, a.state, a.created_at, a.is_preexisting, a.task_id, t.path, t.heading, t.state AS task_state,
                d.id AS document_id, d.title, d.archived_at, d.supervision_profile AS profile, d.supervision_clauses AS clauses, u.name AS unit_name,
                (SELECT array_agg(l.unit_id) FROM assignments l WHERE l.task_id = a.task_id AND l.role = 'lead') AS lead_units
           FROM assignments a JOIN tasks t ON t.id = a.task_id JOIN policy_documents d ON d.id = t.document_id
           JOIN units u ON u.id = a.unit_id
          WHERE a.id = $1 FOR UPDATE OF a`,
        [data.assignmentId],
      );
      const a = rows[0];
      if (!a || a.role !== 'support') return { outcome: 'skipped', reason: 'no supporting assignment' };
      if (a.state !== 'pending' || a.task_state !== 'open') return { outcome: 'done', reason: a.state };
      if (a.archived_at) return { outcome: 'skipped', reason: 'document archived' };
      if (a.is_preexisting) return { outcome: 'skipped', reason: 'pre-existing assignment' };
      const rules = effectiveRules(a.profile, a.clauses ?? []);
      const now = this.clock.now();
      const steps = ackLadder(a.created_at, rules);
      const due = steps.filter((s) => s.at.getTime() <= now.getTime());
      // A request first seen when the reminder is due too (a worker that was down for days) is
      // stale: the reminder carries the same acknowledge link.
      for (const step of due.filter((s) => !(s.rung === 'ack_request' && due.length > 1))) {
        const clause = citeClause(a.title, a.clauses ?? [], 'acknowledge');
        if (step.rung === 'ack_request' && (await this.raiseAckBatch(em, a))) continue;
        await this.notices.raise(em, {
          dedupKey: `${step.rung}/${a.id}`,
          kind: step.rung,
          level: step.level,
          colour: step.colour,
          text: ACK_TEXT[step.rung](
            { documentTitle: a.title, taskLabel: a.path.join(''), taskHeading: a.heading, supportUnitName: a.unit_name, assignedAt: a.created_at },
            clause,
          ),
          clause,
          recipients:
            step.rung === 'ack_overdue'
              ? { unitMembers: a.lead_units ?? [], roles: ['office'] }
              : { unitMembers: [a.unit_id] },
          taskId: a.task_id,
          unitId: a.unit_id,
          assignmentId: a.id,
        });
      }
      const next = steps.find((s) => s.at.getTime() > now.getTime());
      return next ? { outcome: 'wait', nextAt: next.at } : { outcome: 'done', reason: 'ack ladder exhausted' };
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
async function raiseAckBatchIn(em: EntityManager, notices: NoticesService, a: AckRow, documentId: string): Promise<boolean> {
  await em.query(`SELECT id FROM units WHERE id = $1 FOR UPDATE`, [a.unit_id]);
  if (((await em.query(`SELECT 1 FROM notices WHERE dedup_key = $1`, [`ack_request/${a.id}`])) as unknown[]).length) return true;
  const tasks: { id: string; task_id: string; path: string[]; heading: string }[] = await em.query(
    `SELECT a.id, a.task_id, t.path, t.heading FROM assignments a JOIN tasks t ON t.id = a.task_id
      WHERE a.unit_id = $1 AND t.document_id = $2 AND a.role = 'support' AND a.state = 'pending' AND NOT a.is_preexisting
        AND t.state = 'open' AND NOT EXISTS (SELECT 1 FROM notices n WHERE n.dedup_key = 'ack_request/' || a.id)
      ORDER BY t.ordinal, t.path_key`,
    [a.unit_id, documentId],
  );
  if (tasks.length <= 1) return false;
  const text = ACK_BATCH_TEXT({
    documentTitle: a.title, supportUnitName: a.unit_name, assignedAt: a.created_at,
    tasks: tasks.map((t) => ({ label: t.path.join(''), heading: t.heading })),
  });
  const clause = citeClause(a.title, a.clauses ?? [], 'acknowledge');
  await notices.raise(em, {
    dedupKey: `ack_request/batch/${documentId}/${a.unit_id}/${tasks[0].id}`, kind: 'ack_request', level: 0, colour: 'blue',
    text, clause, recipients: { unitMembers: [a.unit_id] }, unitId: a.unit_id,
  });
  for (const t of tasks) {
    await notices.raise(em, {
      dedupKey: `ack_request/${t.id}`, kind: 'ack_request', level: 0, colour: 'blue', text, clause,
      recipients: {}, taskId: t.task_id, unitId: a.unit_id, assignmentId: t.id,
    });
  }
  return true;
}

interface AckRow {
  id: string;
  unit_id: string;
  role: string;
  state: string;
  created_at: Date;
  is_preexisting: boolean;
  task_id: string;
  path: string[];
  heading: string;
  task_state: string;
  document_id: string;
  title: string | null;
  archived_at: Date | null;
  profile: Partial<SupervisionRules> | null;
  clauses: ClauseText[] | null;
  unit_name: string;
  lead_units: string[] | null;
}

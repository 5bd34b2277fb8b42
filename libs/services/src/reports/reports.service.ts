import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Clock, CLOCK, ProgressStatus, ReportState, shiftInstant } from '@tracker/domain';
import { TargetValue } from '@tracker/database';
import { REVIEW_TEXT } from '@tracker/notify';
import { DataSource, EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service';
import { Actor, hasRole } from '../access/actor';
import { AuditService } from '../audit/audit.service';
import { LadderJobsService } from '../ladder/ladder-jobs.service';
import { ladderTarget, moveReportDue, returnedRows } from '../ladder/report-deadline';
import { loadReport, reportContext, ReportRow, rulesOf } from '../ladder/report-row';
import { NoticesService } from '../notices/notices.service';
import { holdsLead, holdsLeadSql } from './lead-holder';
import { ReportError } from './reports.errors';
import { afterCommit, requireQueue } from '../queue-deadline';

export interface ReportContent {
  progressStatus?: ProgressStatus;
  progressPercent?: number;
  narrative?: string;
  targetValues?: TargetValue[];
  problems?: string;
  nextSteps?: string;
}

export interface ReportView {
  id: string;
  cycleId: string;
  period: string;
  taskId: string;
  taskLabel: string;
  taskHeading: string;
  unitId: string;
  unitName: string;
  state: ReportState;
  dueAt: Date;
  ladderEpoch: number;
  progressStatus: ProgressStatus | null;
  progressPercent: number | null;
  narrative: string | null;
  targetValues: TargetValue[];
  problems: string | null;
  nextSteps: string | null;
  revision: number;
  submittedAt: Date | null;
  firstSubmittedAt: Date | null;
  reviewComment: string | null;
  contributions: { unitId: string; unitName: string; text: string; updatedAt: Date }[];
}

const FILEABLE: ReportState[] = ['pending', 'draft', 'returned'];

/** Lead units draft and submit; supporting units contribute; the office accepts or returns. */
@Injectable()
export class ReportsService {
  private readonly logger = new Logger(ReportsService.name);

  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly notices: NoticesService,
    private readonly ladderJobs: LadderJobsService,
    private readonly access: AccessService,
  ) {}

  /**
   * Missing and not yours give the same 404. Yours: led by the actor's unit or by a former name of
   * it (units.successor_id), as for reading tasks, and still holding the lead assignment (a
   * declined or reassigned lead gets the same 404).
   */
  private async requireLead(em: EntityManager, actor: Actor, id: string, lock = true): Promise<ReportRow> {
    const r = await loadReport(em, id, lock);
    if (!r || !(await this.access.unitChain(em, actor)).includes(r.unitId) || !(await holdsLead(em, r.taskId, r.unitId))) throw notFound(id);
    return r;
  }

  private async requireOffice(em: EntityManager, actor: Actor, id: string): Promise<ReportRow> {
    const r = await loadReport(em, id, true);
    if (!r || !hasRole(actor, 'office')) throw notFound(id);
    return r;
  }

  async saveDraft(actor: Actor, id: string, content: ReportContent): Promise<ReportView> {
    await this.dataSource.transaction(async (em) => {
      const r = await this.requireLead(em, actor, id);
      if (!FILEABLE.includes(r.state)) throw conflict(r, 'save a draft of');
      await this.writeContent(em, id, content, r.state === 'returned' ? 'returned' : 'draft');
    });
    return this.get(actor, id);
  }

  /** Files the report (a new revision each time) and stops its ladder at once. */
  async submit(actor: Actor, id: string, content: ReportContent = {}): Promise<ReportView> {
    await requireQueue(this.ladderJobs, 'report.submit');
    const r = await this.dataSource.transaction(async (em) => {
      const report = await this.requireLead(em, actor, id);
      if (!FILEABLE.includes(report.state)) throw conflict(report, 'submit');
      const now = this.clock.now();
      await this.writeContent(em, id, content, 'submitted');
      const [row] = returnedRows<Record<string, unknown>>(
        await em.query(
          `UPDATE status_reports SET submitted_at = $2, first_submitted_at = COALESCE(first_submitted_at, $2), revision = revision + 1
            WHERE id = $1 RETURNING revision, progress_status, progress_percent, narrative, target_values, problems, next_steps`,
          [id, now],
        ),
      );
      await em.query(
        `INSERT INTO status_report_revisions (report_id, revision, snapshot, author_id, created_at) VALUES ($1, $2, $3, $4, $5)`,
        [id, row.revision, JSON.stringify({ ...row, submittedAt: now.toISOString() }), actor.id, now],
      );
      await this.recordAudit(em, actor, 'report.submit', id, { revision: row.revision });
      return report;
    });
    await afterCommit(this.logger, 'report.submit', () => this.ladderJobs.nudgeReport(ladderTarget(r)));
    return this.get(actor, id);
  }

  private async writeContent(em: EntityManager, id: string, c: ReportContent, state: ReportState): Promise<void> {
    if (c.progressPercent !== undefined && (c.progressPercent < 0 || c.progressPercent > 100)) {
      throw new ReportError('VALIDATION_FAILED', 'progressPercent must be 0..100', { fields: { progressPercent: ['must be 0..100'] } });
    }
    if (c.targetValues) {
      const [task] = await em.query(`SELECT t.targets FROM tasks t JOIN status_reports r ON r.task_id = t.id WHERE r.id = $1`, [id]);
      c = { ...c, targetValues: keyTargetValues(c.targetValues, (task?.targets ?? []) as { text: string }[]) };
    }
    await em.query(
      `UPDATE status_reports SET state = $2,
              progress_status = COALESCE($3, progress_status), progress_percent = COALESCE($4, progress_percent),
              narrative = COALESCE($5, narrative), target_values = COALESCE($6::jsonb, target_values),
              problems = COALESCE($7, problems), next_steps = COALESCE($8, next_steps), updated_at = $9
        WHERE id = $1`,
      [
        id, state, c.progressStatus ?? null, c.progressPercent ?? null, c.narrative ?? null,
        c.targetValues ? JSON.stringify(c.targetValues) : null, c.problems ?? null, c.nextSteps ?? null, this.clock.now(),
      ],
    );
  }

  /** A supporting unit adds (or replaces) its part of the lead unit's report. */
  async contribute(actor: Actor, id: string, text: string): Promise<ReportView> {
    await this.dataSource.transaction(async (em) => {
      // Locked like submit locks it: a contribution and the lead's filing cannot interleave.
      const r = await loadReport(em, id, true);
      const chain = r ? await this.access.unitChain(em, actor) : [];
      const supports =
        r && chain.length
          ? ((await em.query(
              `SELECT 1 FROM assignments WHERE task_id = $1 AND unit_id = ANY($2::uuid[]) AND role = 'support' AND state IN ('pending', 'acknowledged')`,
              [r.taskId, chain],
            )) as unknown[]).length > 0
          : false;
      if (!r || !supports) throw notFound(id);
      // Frozen once the lead unit files: what the office reviews is what was submitted. A return
      // for revision opens the report, and the contributions with it, again.
      if (!FILEABLE.includes(r.state)) {
        throw new ReportError('CONTRIBUTION_FROZEN', `Report ${r.id} is ${r.state}: contributions can change again only if it is returned for revision`, { state: r.state });
      }
      await em.query(
        `INSERT INTO report_contributions (report_id, unit_id, author_id, text, updated_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (report_id, unit_id) DO UPDATE SET text = EXCLUDED.text, author_id = EXCLUDED.author_id, updated_at = EXCLUDED.updated_at`,
        [id, actor.unitId, actor.id, text, this.clock.now()],
      );
      await this.recordAudit(em, actor, 'report.contribute', id, { unitId: actor.unitId });
    });
    return this.get(actor, id);
  }

  async accept(actor: Actor, id: string, comment?: string): Promise<ReportView> {
    await requireQueue(this.ladderJobs, 'report.accept');
    const r = await this.dataSource.transaction(async (em) => {
      const report = await this.requireOffice(em, actor, id);
      if (report.state !== 'submitted') throw conflict(report, 'accept');
      await em.query(
        `UPDATE status_reports SET state = 'accepted', reviewed_at = $2, reviewed_by = $3, review_comment = $4, updated_at = $2 WHERE id = $1`,
        [id, this.clock.now(), actor.id, comment ?? null],
      );
      await this.recordAudit(em, actor, 'report.accept', id, { comment: comment ?? null });
      return report;
    });
    // The ladder job finishes as 'accepted'; its cycle compiles the bulletin once nothing is outstanding.
    await afterCommit(this.logger, 'report.accept', async () => {
      await this.ladderJobs.nudgeReport(ladderTarget(r));
      await this.ladderJobs.nudgeCycle(r.cycleId);
    });
    return this.get(actor, id);
  }

  /** Returned for revision: a fresh due time (revisionDays, never earlier than the current one) and a new ladder epoch. */
  async returnForRevision(actor: Actor, id: string, comment: string): Promise<ReportView> {
    await requireQueue(this.ladderJobs, 'report.return');
    const moved = await this.dataSource.transaction(async (em) => {
      const report = await this.requireOffice(em, actor, id);
      if (report.state !== 'submitted') throw conflict(report, 'return');
      const now = this.clock.now();
      const rules = rulesOf(report);
      const revisionDue = shiftInstant(now, rules.revisionDays, rules.countWorkingDays);
      const dueAt = revisionDue > report.dueAt ? revisionDue : report.dueAt;
      await em.query(
        `UPDATE status_reports SET state = 'returned', reviewed_at = $2, reviewed_by = $3, review_comment = $4 WHERE id = $1`,
        [id, now, actor.id, comment],
      );
      const result = await moveReportDue(em, report, dueAt, now);
      await this.notices.raise(em, {
        dedupKey: `report_returned/${id}/e${result.target.ladderEpoch}`,
        kind: 'report_returned',
        level: 0,
        colour: 'blue',
        text: REVIEW_TEXT.returned({ ...reportContext(report), dueAt }, comment),
        clause: null,
        recipients: { unitMembers: [report.unitId] },
        taskId: report.taskId,
        unitId: report.unitId,
        cycleId: report.cycleId,
        reportId: id,
      });
      await this.recordAudit(em, actor, 'report.return', id, { comment, dueAt: dueAt.toISOString() });
      return result;
    });
    await afterCommit(this.logger, 'report.return', () => this.ladderJobs.retime(moved.target, moved.oldEpoch));
    return this.get(actor, id);
  }

  async get(actor: Actor, id: string): Promise<ReportView> {
    const views = await this.query(actor, `r.id = $1`, [id]);
    if (!views[0]) throw notFound(id);
    return views[0];
  }

  /** Reports the actor may see in a cycle (office/leaders: all; an agency: those it leads or supports). */
  async listForCycle(actor: Actor, cycleId: string): Promise<ReportView[]> {
    return this.query(actor, `r.cycle_id = $1`, [cycleId]);
  }

  async revisions(actor: Actor, id: string): Promise<{ revision: number; snapshot: Record<string, unknown>; createdAt: Date }[]> {
    await this.get(actor, id);
    const rows: { revision: number; snapshot: Record<string, unknown>; created_at: Date }[] = await this.dataSource.query(
      `SELECT revision, snapshot, created_at FROM status_report_revisions WHERE report_id = $1 ORDER BY revision`,
      [id],
    );
    return rows.map((r) => ({ revision: r.revision, snapshot: r.snapshot, createdAt: r.created_at }));
  }

  private async query(actor: Actor, where: string, params: unknown[]): Promise<ReportView[]> {
    const all = hasRole(actor, 'office', 'leader', 'admin');
    const p = params.length;
    const scope = all
      ? ''
      : `AND ((r.unit_id = ANY($${p + 1}::uuid[]) AND ${holdsLeadSql('r')}) OR EXISTS (SELECT 1 FROM assignments a WHERE a.task_id = r.task_id
             AND a.unit_id = ANY($${p + 1}::uuid[]) AND a.role = 'support' AND a.state IN ('pending', 'acknowledged')))`;
    const chain = all ? [] : await this.access.unitChain(this.dataSource.manager, actor);
    if (!all && chain.length === 0) return [];
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT r.*, c.period, t.path, t.heading, u.name AS unit_name,
              COALESCE((SELECT json_agg(json_build_object('unitId', rc.unit_id, 'unitName', cu.name, 'text', rc.text, 'updatedAt', rc.updated_at) ORDER BY cu.name)
                          FROM report_contributions rc JOIN units cu ON cu.id = rc.unit_id WHERE rc.report_id = r.id), '[]') AS contributions
         FROM status_reports r JOIN reporting_cycles c ON c.id = r.cycle_id JOIN tasks t ON t.id = r.task_id
         JOIN units u ON u.id = r.unit_id
        WHERE ${where} ${scope} ORDER BY t.ordinal, t.path_key, u.name`,
      all ? params : [...params, chain],
    );
    return rows.map(toView);
  }

  private recordAudit(em: EntityManager, actor: Actor, action: string, id: string, after: Record<string, unknown>): Promise<void> {
    return this.audit.record(em, {
      actorId: actor.id, actorUnitId: actor.unitId, action, targetType: 'status_report', targetId: id, after,
      channel: actor.channel ?? 'api', requestId: actor.requestId ?? null,
    });
  }
}

/**
 * Each value names its target by position in the task's targets (`index`); two targets of one
 * sentence share their text, so the text alone cannot tell them apart. A value without an index
 * (older clients) takes the first target with its text not yet given a value.
 */
export function keyTargetValues(values: TargetValue[], targets: { text: string }[]): TargetValue[] {
  const used = new Set<number>();
  const bad = (i: number, why: string): ReportError =>
    new ReportError('VALIDATION_FAILED', `targetValues[${i}]: ${why}`, { fields: { [`targetValues.${i}`]: [why] } });
  return values.map((v, i) => {
    const index = v.index ?? targets.findIndex((t, k) => t.text === v.target && !used.has(k));
    if (index < 0 || index >= targets.length) throw bad(i, v.index === undefined ? 'names no target of this task' : 'index is not a target of this task');
    if (used.has(index)) throw bad(i, 'gives a second value for the same target');
    used.add(index);
    return { index, target: targets[index].text, value: v.value, ...(v.note !== undefined ? { note: v.note } : {}) };
  });
}

const notFound = (id: string): ReportError => new ReportError('REPORT_NOT_FOUND', `Report ${id} not found`);
const conflict = (r: ReportRow, verb: string): ReportError =>
  new ReportError('REPORT_STATE_CONFLICT', `Cannot ${verb} report ${r.id}: it is ${r.state}`, { state: r.state });

function toView(r: Record<string, unknown>): ReportView {
  return {
    id: r.id as string,
    cycleId: r.cycle_id as string,
    period: r.period as string,
    taskId: r.task_id as string,
    taskLabel: (r.path as string[]).join(''),
    taskHeading: r.heading as string,
    unitId: r.unit_id as string,
    unitName: r.unit_name as string,
    state: r.state as ReportState,
    dueAt: r.due_at as Date,
    ladderEpoch: r.ladder_epoch as number,
    progressStatus: (r.progress_status as ProgressStatus | null) ?? null,
    progressPercent: (r.progress_percent as number | null) ?? null,
    narrative: (r.narrative as string | null) ?? null,
    targetValues: (r.target_values as TargetValue[]) ?? [],
    problems: (r.problems as string | null) ?? null,
    nextSteps: (r.next_steps as string | null) ?? null,
    revision: r.revision as number,
    submittedAt: (r.submitted_at as Date | null) ?? null,
    firstSubmittedAt: (r.first_submitted_at as Date | null) ?? null,
    reviewComment: (r.review_comment as string | null) ?? null,
    contributions: (r.contributions as ReportView['contributions']) ?? [],
  };
}

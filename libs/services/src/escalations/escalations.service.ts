import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Citation, Clock, CLOCK, EscalationState, RungColour } from '@tracker/domain';
import { REVIEW_TEXT } from '@tracker/notify';
import { DataSource, EntityManager } from 'typeorm';
import { Actor } from '../access/actor';
import { AuditService } from '../audit/audit.service';
import { ExtensionsService } from '../extensions/extensions.service';
import { LadderJobsService } from '../ladder/ladder-jobs.service';
import { cite, loadReport, reportContext } from '../ladder/report-row';
import { NoticesService } from '../notices/notices.service';
import { EscalationError } from './escalations.errors';
import { afterCommit, requireQueue } from '../queue-deadline';

export interface EscalationFilter {
  level?: number;
  state?: EscalationState;
  cycleId?: string;
  unitId?: string;
  documentId?: string;
  period?: string;
  /** Every escalation ever raised; by default a report shows once, at its current (latest, highest) level. */
  history?: boolean;
}

export interface EscalationView {
  id: string;
  level: number;
  colour: RungColour;
  state: EscalationState;
  reason: string;
  clause: Citation | null;
  taskId: string;
  taskLabel: string;
  taskHeading: string;
  unitId: string;
  unitName: string;
  cycleId: string | null;
  period: string | null;
  reportId: string | null;
  noticeId: string | null;
  raisedAt: Date;
  reviewedAt: Date | null;
  reviewComment: string | null;
  resolvedAt: Date | null;
}

/** The office's review of escalations: list, grant an extension, issue a supervision order, resolve. */
@Injectable()
export class EscalationsService {
  private readonly logger = new Logger(EscalationsService.name);

  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly notices: NoticesService,
    private readonly extensions: ExtensionsService,
    private readonly ladderJobs: LadderJobsService,
  ) {}

  async list(filter: EscalationFilter = {}, id?: string): Promise<EscalationView[]> {
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT e.*, t.path, t.heading, u.name AS unit_name, c.period
         FROM escalations e JOIN tasks t ON t.id = e.task_id JOIN units u ON u.id = e.unit_id
         LEFT JOIN reporting_cycles c ON c.id = e.cycle_id
        WHERE ($1::int IS NULL OR e.level = $1::int) AND ($2::text IS NULL OR e.state = $2::text)
          AND ($3::uuid IS NULL OR e.cycle_id = $3::uuid) AND ($4::uuid IS NULL OR e.unit_id = $4::uuid)
          AND ($5::uuid IS NULL OR t.document_id = $5::uuid) AND ($6::text IS NULL OR c.period = $6::text)
          AND ($7::uuid IS NULL OR e.id = $7::uuid)
          AND (NOT $8::boolean OR NOT EXISTS (
                SELECT 1 FROM escalations h
                 WHERE h.id <> e.id AND (h.raised_at, h.level) > (e.raised_at, e.level)
                   AND (h.report_id = e.report_id
                        OR (e.report_id IS NULL AND h.report_id IS NULL AND h.task_id = e.task_id AND h.unit_id = e.unit_id))))
        ORDER BY e.level DESC, e.raised_at DESC LIMIT 1000`,
      [filter.level ?? null, filter.state ?? null, filter.cycleId ?? null, filter.unitId ?? null, filter.documentId ?? null, filter.period ?? null, id ?? null,
        !filter.history && !id],
    );
    return rows.map(toView);
  }

  async get(id: string): Promise<EscalationView> {
    const [row] = await this.list({}, id);
    if (!row) throw new EscalationError('ESCALATION_NOT_FOUND', `Escalation ${id} not found`);
    return row;
  }

  private async lockOpen(em: EntityManager, id: string): Promise<{ id: string; report_id: string | null; state: EscalationState; level: number; colour: RungColour; resolved_at: Date | null }> {
    const [e] = (await em.query(`SELECT id, report_id, state, level, colour, resolved_at FROM escalations WHERE id = $1 FOR UPDATE`, [id])) as {
      id: string; report_id: string | null; state: EscalationState; level: number; colour: RungColour; resolved_at: Date | null;
    }[];
    if (!e) throw new EscalationError('ESCALATION_NOT_FOUND', `Escalation ${id} not found`);
    if (e.state === 'resolved') {
      throw new EscalationError('ESCALATION_ALREADY_RESOLVED', `Escalation ${id} was resolved at ${e.resolved_at?.toISOString()}`);
    }
    return e;
  }

  /** Grants a new due date: the ladder resets and re-times from it; jobs timed for the old one do nothing. */
  async grantExtension(actor: Actor, id: string, dueOn: string, comment?: string): Promise<EscalationView> {
    await requireQueue(this.ladderJobs, 'escalation.extend');
    const moved = await this.dataSource.transaction(async (em) => {
      const e = await this.lockOpen(em, id);
      const r = e.report_id ? await loadReport(em, e.report_id, true) : null;
      if (!r) throw new EscalationError('ESCALATION_NOT_FOUND', `Escalation ${id} has no report to extend`);
      const result = await this.extensions.extendInTx(em, actor, r, dueOn, comment ?? null);
      await this.record(em, actor, 'escalation.grant_extension', id, { dueOn, comment: comment ?? null });
      return result;
    });
    await afterCommit(this.logger, 'escalation.extend', () => this.ladderJobs.retime(moved.target, moved.oldEpoch));
    return this.get(id);
  }

  /** A supervision order (督办) to the unit and its head, with the office's comment. */
  async issueSupervisionOrder(actor: Actor, id: string, comment: string): Promise<EscalationView> {
    await this.dataSource.transaction(async (em) => {
      const e = await this.lockOpen(em, id);
      const now = this.clock.now();
      await em.query(
        `UPDATE escalations SET state = 'supervising', reviewed_at = $2, reviewed_by = $3, review_comment = $4 WHERE id = $1`,
        [id, now, actor.id, comment],
      );
      const r = e.report_id ? await loadReport(em, e.report_id) : null;
      if (r) {
        const clause = cite(r, 'supervision');
        await this.notices.raise(em, {
          dedupKey: `supervision_order/${id}`,
          kind: 'supervision',
          level: e.level,
          colour: e.colour,
          text: REVIEW_TEXT.supervisionOrder(reportContext(r), comment, clause),
          clause,
          recipients: { unitMembers: [r.unitId], unitHeads: [r.unitId] },
          taskId: r.taskId, unitId: r.unitId, cycleId: r.cycleId, reportId: r.id,
        });
      }
      await this.record(em, actor, 'escalation.supervise', id, { comment });
    });
    return this.get(id);
  }

  async resolve(actor: Actor, id: string, comment?: string): Promise<EscalationView> {
    await this.dataSource.transaction(async (em) => {
      await this.lockOpen(em, id);
      const now = this.clock.now();
      await em.query(
        `UPDATE escalations SET state = 'resolved', resolved_at = $2, reviewed_at = $2, reviewed_by = $3,
                review_comment = COALESCE($4, review_comment) WHERE id = $1`,
        [id, now, actor.id, comment ?? null],
      );
      await this.record(em, actor, 'escalation.resolve', id, { comment: comment ?? null });
    });
    return this.get(id);
  }

  private record(em: EntityManager, actor: Actor, action: string, id: string, after: Record<string, unknown>): Promise<void> {
    return this.audit.record(em, {
      actorId: actor.id, actorUnitId: actor.unitId, action, targetType: 'escalation', targetId: id, after,
      channel: actor.channel ?? 'api', requestId: actor.requestId ?? null,
    });
  }
}

function toView(r: Record<string, unknown>): EscalationView {
  return {
    id: r.id as string,
    level: r.level as number,
    colour: r.colour as RungColour,
    state: r.state as EscalationState,
    reason: r.reason as string,
    clause: (r.clause as Citation | null) ?? null,
    taskId: r.task_id as string,
    taskLabel: (r.path as string[]).join(''),
    taskHeading: r.heading as string,
    unitId: r.unit_id as string,
    unitName: r.unit_name as string,
    cycleId: (r.cycle_id as string | null) ?? null,
    period: (r.period as string | null) ?? null,
    reportId: (r.report_id as string | null) ?? null,
    noticeId: (r.notice_id as string | null) ?? null,
    raisedAt: r.raised_at as Date,
    reviewedAt: (r.reviewed_at as Date | null) ?? null,
    reviewComment: (r.review_comment as string | null) ?? null,
    resolvedAt: (r.resolved_at as Date | null) ?? null,
  };
}

import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { addDays, Clock, CLOCK, ExtensionState, shanghaiInstant } from '@tracker/domain';
import { REVIEW_TEXT } from '@tracker/notify';
import { EscalationsRepository, ExtensionRow, ExtensionsRepository } from '@tracker/database';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, hasRole } from '../access/actor';
import { AccessService } from '../access/access.service';
import { AuditService } from '../audit/audit.service';
import { LadderJobsService, LadderTarget } from '../ladder/ladder-jobs.service';
import { moveReportDue } from '../ladder/report-deadline';
import { loadReport, reportContext, ReportRow } from '../ladder/report-row';
import { NoticesService } from '../notices/notices.service';
import { holdsLead } from '../reports/lead-holder';
import { ExtensionError } from './extensions.errors';
import { afterCommit, requireQueue } from '../queue-deadline';

export type ExtensionView = ExtensionRow;

/** Extensions: an agency asks, the office decides; a granted one re-times the report's ladder. */
@Injectable()
export class ExtensionsService {
  private readonly logger = new Logger(ExtensionsService.name);

  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly notices: NoticesService,
    private readonly ladderJobs: LadderJobsService,
    private readonly access: AccessService,
  ) {}

  async request(
    actor: Actor,
    reportId: string,
    requestedDueOn: string,
    reason: string,
  ): Promise<ExtensionView> {
    const id = await this.dataSource.transaction(async (em) => {
      const r = await loadReport(em, reportId, true);
      // The lead unit, under its current or a former name, as for every other report action.
      if (
        !r ||
        !(await this.access.unitChain(em, actor)).includes(r.unitId) ||
        !(await holdsLead(em, r.taskId, r.unitId))
      ) {
        throw new ExtensionError('REPORT_NOT_FOUND', `Report ${reportId} not found`);
      }
      if (r.state === 'accepted' || r.state === 'submitted') {
        throw new ExtensionError(
          'EXTENSION_STATE_CONFLICT',
          `Report ${reportId} is ${r.state}: nothing to extend`,
        );
      }
      this.requireLater(r, requestedDueOn);
      const extensions = new ExtensionsRepository(em);
      const pending = await extensions.pendingFor(reportId);
      if (pending)
        throw new ExtensionError(
          'EXTENSION_STATE_CONFLICT',
          `Report ${reportId} already has pending request ${pending.id}`,
        );
      const now = this.clock.now();
      const extensionId = await extensions.insert({
        taskId: r.taskId,
        unitId: r.unitId,
        reportId: r.id,
        requestedBy: actor.id,
        requestedDueOn,
        reason,
        createdAt: now,
      });
      await this.notices.raise(em, {
        dedupKey: `extension_request/${extensionId}`,
        kind: 'extension_request',
        level: 0,
        colour: 'blue',
        text: REVIEW_TEXT.extensionRequest(reportContext(r), requestedDueOn, reason),
        clause: null,
        recipients: { roles: ['office'] },
        taskId: r.taskId,
        unitId: r.unitId,
        cycleId: r.cycleId,
        reportId: r.id,
      });
      await this.record(em, actor, 'extension.request', extensionId, { reportId, requestedDueOn });
      return extensionId;
    });
    return this.get(id);
  }

  async approve(
    actor: Actor,
    id: string,
    comment?: string,
    dueOn?: string,
  ): Promise<ExtensionView> {
    await requireQueue(this.ladderJobs, 'extension.approve');
    const moved = await this.dataSource.transaction(async (em) => {
      const ext = await this.requirePending(em, actor, id);
      const r = await loadReport(em, ext.reportId, true);
      if (!r) throw new ExtensionError('EXTENSION_NOT_FOUND', `Extension ${id} has no report`);
      const result = await this.extendInTx(
        em,
        actor,
        r,
        dueOn ?? ext.requestedDueOn,
        comment ?? null,
      );
      await new ExtensionsRepository(em).decide(
        id,
        'approved',
        actor.id,
        this.clock.now(),
        comment ?? null,
      );
      await this.record(em, actor, 'extension.approve', id, { dueOn: dueOn ?? ext.requestedDueOn });
      return result;
    });
    await afterCommit(this.logger, 'extension.approve', () =>
      this.ladderJobs.retime(moved.target, moved.oldEpoch),
    );
    return this.get(id);
  }

  async reject(actor: Actor, id: string, comment?: string): Promise<ExtensionView> {
    await this.dataSource.transaction(async (em) => {
      const ext = await this.requirePending(em, actor, id);
      const r = await loadReport(em, ext.reportId);
      await new ExtensionsRepository(em).decide(
        id,
        'rejected',
        actor.id,
        this.clock.now(),
        comment ?? null,
      );
      if (r) {
        await this.notices.raise(em, {
          dedupKey: `extension_decision/${id}`,
          kind: 'extension_decision',
          level: 0,
          colour: 'blue',
          text: REVIEW_TEXT.extensionDecision(reportContext(r), false, comment ?? null),
          clause: null,
          recipients: { unitMembers: [r.unitId] },
          taskId: r.taskId,
          unitId: r.unitId,
          cycleId: r.cycleId,
          reportId: r.id,
        });
      }
      await this.record(em, actor, 'extension.reject', id, { comment: comment ?? null });
    });
    return this.get(id);
  }

  /**
   * Grants a new due date (end of that day, Asia/Shanghai) in the caller's transaction: a new ladder
   * epoch, the report's open escalations marked extended, the lead unit told. Re-time after commit.
   */
  async extendInTx(
    em: EntityManager,
    actor: Actor,
    r: ReportRow,
    dueOn: string,
    comment: string | null,
  ): Promise<{ target: LadderTarget; oldEpoch: number }> {
    this.requireLater(r, dueOn);
    const dueAt = shanghaiInstant(addDays(dueOn, 1));
    const now = this.clock.now();
    const moved = await moveReportDue(em, r, dueAt, now);
    await new EscalationsRepository(em).markExtendedForReport(r.id, now, actor.id, comment);
    await this.notices.raise(em, {
      dedupKey: `extension_decision/${r.id}/e${moved.target.ladderEpoch}`,
      kind: 'extension_decision',
      level: 0,
      colour: 'blue',
      text: REVIEW_TEXT.extensionDecision({ ...reportContext(r), dueAt }, true, comment),
      clause: null,
      recipients: { unitMembers: [r.unitId] },
      taskId: r.taskId,
      unitId: r.unitId,
      cycleId: r.cycleId,
      reportId: r.id,
    });
    return moved;
  }

  private requireLater(r: ReportRow, dueOn: string): void {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(dueOn))
      throw new ExtensionError('EXTENSION_NOT_LATER', `${dueOn} is not a date (YYYY-MM-DD)`);
    const dueAt = shanghaiInstant(addDays(dueOn, 1));
    if (dueAt <= r.dueAt || dueAt <= this.clock.now()) {
      throw new ExtensionError(
        'EXTENSION_NOT_LATER',
        `${dueOn} is not later than the report's due time ${r.dueAt.toISOString()} and now`,
      );
    }
  }

  private async requirePending(
    em: EntityManager,
    actor: Actor,
    id: string,
  ): Promise<{ reportId: string; requestedDueOn: string }> {
    const ext = await new ExtensionsRepository(em).lock(id);
    if (!ext || !hasRole(actor, 'office'))
      throw new ExtensionError('EXTENSION_NOT_FOUND', `Extension request ${id} not found`);
    if (ext.state !== 'pending')
      throw new ExtensionError(
        'EXTENSION_STATE_CONFLICT',
        `Extension request ${id} was already ${ext.state}`,
      );
    return ext;
  }

  async get(id: string): Promise<ExtensionView> {
    const [row] = await this.list({ id });
    if (!row) throw new ExtensionError('EXTENSION_NOT_FOUND', `Extension request ${id} not found`);
    return row;
  }

  /** Office: all; an agency: its own unit's requests. */
  async listFor(actor: Actor, filter: { state?: ExtensionState } = {}): Promise<ExtensionView[]> {
    if (hasRole(actor, 'office', 'leader')) return this.list(filter);
    const unitIds = await this.access.unitChain(this.dataSource.manager, actor);
    if (unitIds.length === 0) return [];
    return this.list({ ...filter, unitIds });
  }

  private list(f: {
    id?: string;
    state?: ExtensionState;
    unitIds?: string[];
  }): Promise<ExtensionView[]> {
    return new ExtensionsRepository(this.dataSource.manager).list(f);
  }

  private record(
    em: EntityManager,
    actor: Actor,
    action: string,
    id: string,
    after: Record<string, unknown>,
  ): Promise<void> {
    return this.audit.byActor(em, actor, {
      action,
      targetType: 'extension_request',
      targetId: id,
      after,
    });
  }
}

import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  Clock,
  CLOCK,
  FILEABLE_REPORT_STATES,
  ProgressStatus,
  ReportState,
  shiftInstant,
} from '@tracker/domain';
import { decodeCursor, encodeCursor, KeysetPage, PAGE_LIMIT } from '@tracker/common';
import { ReportsRepository, ReportViewRow, TargetValue, UnitProgressRow } from '@tracker/database';
import { REVIEW_TEXT } from '@tracker/notify';
import { DataSource, EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service';
import { Actor, hasRole } from '../access/actor';
import { AuditService } from '../audit/audit.service';
import { LadderJobsService } from '../ladder/ladder-jobs.service';
import { ladderTarget, moveReportDue } from '../ladder/report-deadline';
import { loadReport, reportContext, ReportRow, rulesOf } from '../ladder/report-row';
import { NoticesService } from '../notices/notices.service';
import { holdsLead } from './lead-holder';
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

/** A report as its readers see it: the repository's row with the task's number as one label. */
export type ReportView = Omit<ReportViewRow, 'taskPath'> & { taskLabel: string };

export type { UnitProgressRow };

/** Filters and the page of a cycle's report list. */
export interface ReportListQuery {
  state?: ReportState;
  unitId?: string;
  /** Only the reports not filed whose due time has come. */
  late?: boolean;
  cursor?: string;
  limit?: number;
}

// The report list's sort key: task ordinal, task path key, unit name, report id.
const REPORT_KEY = ['int', 'text', 'text', 'uuid'] as const;

const FILEABLE: readonly ReportState[] = FILEABLE_REPORT_STATES;

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
  private async requireLead(
    em: EntityManager,
    actor: Actor,
    id: string,
    lock = true,
  ): Promise<ReportRow> {
    const r = await loadReport(em, id, lock);
    if (
      !r ||
      !(await this.access.unitChain(em, actor)).includes(r.unitId) ||
      !(await holdsLead(em, r.taskId, r.unitId))
    )
      throw notFound(id);
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
      const reports = new ReportsRepository(em);
      const row = await reports.markFiled(id, now);
      await reports.addRevision(
        id,
        row.revision,
        { ...row, submittedAt: now.toISOString() },
        actor.id,
        now,
      );
      await this.recordAudit(em, actor, 'report.submit', id, { revision: row.revision });
      return report;
    });
    await afterCommit(this.logger, 'report.submit', () =>
      this.ladderJobs.nudgeReport(ladderTarget(r)),
    );
    return this.get(actor, id);
  }

  private async writeContent(
    em: EntityManager,
    id: string,
    c: ReportContent,
    state: ReportState,
  ): Promise<void> {
    if (c.progressPercent !== undefined && (c.progressPercent < 0 || c.progressPercent > 100)) {
      throw new ReportError('VALIDATION_FAILED', 'progressPercent must be 0..100', {
        fields: { progressPercent: ['must be 0..100'] },
      });
    }
    const reports = new ReportsRepository(em);
    if (c.targetValues)
      c = { ...c, targetValues: keyTargetValues(c.targetValues, await reports.targetsOf(id)) };
    await reports.writeContent(
      id,
      {
        state,
        progressStatus: c.progressStatus ?? null,
        progressPercent: c.progressPercent ?? null,
        narrative: c.narrative ?? null,
        targetValues: c.targetValues ?? null,
        problems: c.problems ?? null,
        nextSteps: c.nextSteps ?? null,
      },
      this.clock.now(),
    );
  }

  /** A supporting unit adds (or replaces) its part of the lead unit's report. */
  async contribute(actor: Actor, id: string, text: string): Promise<ReportView> {
    await this.dataSource.transaction(async (em) => {
      // Locked like submit locks it: a contribution and the lead's filing cannot interleave.
      const r = await loadReport(em, id, true);
      const chain = r ? await this.access.unitChain(em, actor) : [];
      const supports =
        r && chain.length ? await new ReportsRepository(em).supportedBy(r.taskId, chain) : false;
      if (!r || !supports) throw notFound(id);
      // Frozen once the lead unit files: what the office reviews is what was submitted. A return
      // for revision opens the report, and the contributions with it, again.
      if (!FILEABLE.includes(r.state)) {
        throw new ReportError(
          'CONTRIBUTION_FROZEN',
          `Report ${r.id} is ${r.state}: contributions can change again only if it is returned for revision`,
          { state: r.state },
        );
      }
      await new ReportsRepository(em).saveContribution(
        id,
        actor.unitId,
        actor.id,
        text,
        this.clock.now(),
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
      await new ReportsRepository(em).markAccepted(id, this.clock.now(), actor.id, comment ?? null);
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
      await new ReportsRepository(em).markReturned(id, now, actor.id, comment);
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
      await this.recordAudit(em, actor, 'report.return', id, {
        comment,
        dueAt: dueAt.toISOString(),
      });
      return result;
    });
    await afterCommit(this.logger, 'report.return', () =>
      this.ladderJobs.retime(moved.target, moved.oldEpoch),
    );
    return this.get(actor, id);
  }

  async get(actor: Actor, id: string): Promise<ReportView> {
    const scope = await this.scopeOf(actor);
    const row = scope === 'none' ? null : await this.repo().view(id, scope);
    if (!row) throw notFound(id);
    return toView(row);
  }

  /**
   * A page of the reports the actor may see in a cycle (office/leaders: all; an agency: those it
   * leads or supports), in task-number order, after the cursor of the page before.
   */
  async listForCycle(
    actor: Actor,
    cycleId: string,
    q: ReportListQuery = {},
  ): Promise<KeysetPage<ReportView>> {
    const after = q.cursor ? decodeCursor(q.cursor, REPORT_KEY) : null;
    const scope = await this.scopeOf(actor);
    if (scope === 'none') return { items: [], nextCursor: null };
    const { rows, next } = await this.repo().cyclePage({
      cycleId,
      unitIds: scope,
      state: q.state,
      unitId: q.unitId,
      lateAt: q.late ? this.clock.now() : undefined,
      after: after ? [...after] : null,
      limit: q.limit ?? PAGE_LIMIT.DEFAULT,
    });
    return { items: rows.map(toView), nextCursor: next ? encodeCursor(next) : null };
  }

  /** A cycle's reports counted per unit (filed, waiting for review, late now), for the office's overview. */
  unitProgress(cycleId: string): Promise<UnitProgressRow[]> {
    return this.repo().unitProgress(cycleId, this.clock.now());
  }

  async revisions(
    actor: Actor,
    id: string,
  ): Promise<{ revision: number; snapshot: Record<string, unknown>; createdAt: Date }[]> {
    await this.get(actor, id);
    return new ReportsRepository(this.dataSource.manager).revisions(id);
  }

  private repo(): ReportsRepository {
    return new ReportsRepository(this.dataSource.manager);
  }

  /** null: every report; else the actor's unit chain; 'none' for an actor without a unit. */
  private async scopeOf(actor: Actor): Promise<string[] | null | 'none'> {
    if (hasRole(actor, 'office', 'leader', 'admin')) return null;
    const chain = await this.access.unitChain(this.dataSource.manager, actor);
    return chain.length ? chain : 'none';
  }

  private recordAudit(
    em: EntityManager,
    actor: Actor,
    action: string,
    id: string,
    after: Record<string, unknown>,
  ): Promise<void> {
    return this.audit.byActor(em, actor, {
      action,
      targetType: 'status_report',
      targetId: id,
      after,
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
    new ReportError('VALIDATION_FAILED', `targetValues[${i}]: ${why}`, {
      fields: { [`targetValues.${i}`]: [why] },
    });
  return values.map((v, i) => {
    const index = v.index ?? targets.findIndex((t, k) => t.text === v.target && !used.has(k));
    if (index < 0 || index >= targets.length)
      throw bad(
        i,
        v.index === undefined
          ? 'names no target of this task'
          : 'index is not a target of this task',
      );
    if (used.has(index)) throw bad(i, 'gives a second value for the same target');
    used.add(index);
    return {
      index,
      target: targets[index].text,
      value: v.value,
      ...(v.note !== undefined ? { note: v.note } : {}),
    };
  });
}

const notFound = (id: string): ReportError =>
  new ReportError('REPORT_NOT_FOUND', `Report ${id} not found`);
const conflict = (r: ReportRow, verb: string): ReportError =>
  new ReportError('REPORT_STATE_CONFLICT', `Cannot ${verb} report ${r.id}: it is ${r.state}`, {
    state: r.state,
  });

function toView({ taskPath, ...r }: ReportViewRow): ReportView {
  return { ...r, taskLabel: taskPath.join('') };
}

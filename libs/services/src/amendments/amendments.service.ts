import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  amendVersion,
  changedFields,
  Clock,
  CLOCK,
  hasLead,
  TaskVersionFields,
  TaskVersionSource,
  unitChanges,
  UnitChanges,
} from '@tracker/domain';
import {
  ExtensionsRepository,
  ReportsRepository,
  TaskInForceRow,
  TaskVersionRow,
  TaskVersionsRepository,
  Unit,
} from '@tracker/database';
import { AMENDMENT_FIELD_NAMES, AMENDMENT_TEXT } from '@tracker/notify';
import { DataSource, EntityManager, In } from 'typeorm';
import { AccessService } from '../access/access.service';
import { Actor, hasRole } from '../access/actor';
import { AuditService } from '../audit/audit.service';
import { LadderJobsService, startAckLadders } from '../ladder/ladder-jobs.service';
import { ladderTarget } from '../ladder/report-deadline';
import { loadReport } from '../ladder/report-row';
import { NoticesService } from '../notices/notices.service';
import { afterCommit, requireQueue } from '../queue-deadline';
import { taskNumber } from '../tasks/task-read-models';
import { AmendmentError } from './amendments.errors';

export type AmendmentChange = Partial<TaskVersionFields>;
export type TaskVersionView = TaskVersionRow;

/** What an amendment leaves to do once its transaction has committed. */
export interface AmendmentOutcome {
  taskId: string;
  documentId: string;
  version: number;
  /** Reports whose ladder must exist (copies for an added lead unit). */
  reportIds: string[];
  supportAdded: boolean;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

const invalid = (field: string, why: string): AmendmentError =>
  new AmendmentError('VALIDATION_FAILED', `${field}: ${why}`, { fields: { [field]: [why] } });

/**
 * 动态调整: the office amends a task's units, deadline, targets or text, with a reason. Every
 * version is kept (task_versions); the task row holds the version in force, so every current read
 * follows it, while a past period's bulletin and assessment read the version in force then. The
 * ladder follows the new version: a moved deadline starts a new deadline epoch, a new lead unit
 * takes over the open reports, a new supporting unit is asked to acknowledge, a removed one loses
 * its pending work; every unit concerned is told through the notice service.
 */
@Injectable()
export class AmendmentsService {
  private readonly logger = new Logger(AmendmentsService.name);

  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly notices: NoticesService,
    private readonly ladderJobs: LadderJobsService,
  ) {}

  async amend(
    actor: Actor,
    taskId: string,
    change: AmendmentChange,
    reason: string,
  ): Promise<TaskVersionView> {
    if (!hasRole(actor, 'office'))
      throw new AmendmentError('FORBIDDEN', 'Only the office amends tasks');
    await requireQueue(this.ladderJobs, 'task.amend');
    const outcome = await this.dataSource.transaction((em) =>
      this.amendInTx(em, actor, taskId, change, reason, 'amendment'),
    );
    await this.afterAmend([outcome]);
    const versions = await this.versions(actor, taskId);
    return versions[versions.length - 1];
  }

  /** The queue side of amendments, after their transaction committed. */
  async afterAmend(outcomes: AmendmentOutcome[]): Promise<void> {
    // One job per amendment that added a supporting unit: its id names the task's new version.
    for (const o of outcomes.filter((x) => x.supportAdded))
      await startAckLadders(
        this.ladderJobs,
        this.logger,
        o.documentId,
        `amend-${o.taskId}-v${o.version}`,
      );
    const reportIds = outcomes.flatMap((o) => o.reportIds);
    if (reportIds.length === 0) return;
    await afterCommit(this.logger, 'task.amend', async () => {
      for (const id of reportIds) {
        const r = await loadReport(this.dataSource.manager, id);
        if (r) await this.ladderJobs.ensureReportLadder(ladderTarget(r));
      }
    });
  }

  /** Applies one amendment in the caller's transaction (an amendment, or a re-import's confirmation). */
  async amendInTx(
    em: EntityManager,
    actor: Actor,
    taskId: string,
    change: AmendmentChange,
    reason: string,
    source: TaskVersionSource,
  ): Promise<AmendmentOutcome> {
    const why = reason.trim();
    if (!why) throw invalid('reason', 'an amendment needs a reason');
    const repo = new TaskVersionsRepository(em);
    const current = await repo.inForce(taskId, true);
    if (!current) throw new AmendmentError('TASK_NOT_FOUND', `Task ${taskId} not found`);
    if (current.state !== 'open')
      throw new AmendmentError(
        'TASK_STATE_CONFLICT',
        `Task ${taskId} is ${current.state}; only an open task is amended`,
      );
    if (change.deadlineOn && !DATE.test(change.deadlineOn))
      throw invalid('deadlineOn', 'must be a date (YYYY-MM-DD)');
    const next = amendVersion(current, change);
    if (!hasLead(next))
      throw new AmendmentError('AMENDMENT_INVALID', `Task ${taskId} would have no lead unit`, {
        fields: { leadUnitIds: ['at least one lead unit'] },
      });
    await this.requireUnits(em, [...next.leadUnitIds, ...next.supportUnitIds]);
    const changed = changedFields(current, next);
    if (changed.length === 0)
      throw new AmendmentError(
        'AMENDMENT_NO_CHANGE',
        `The amendment changes nothing in version ${current.version} of task ${taskId}`,
      );
    const now = this.clock.now();
    if (!(await repo.hasVersions(taskId))) {
      // The first amendment keeps the task as imported as version 1.
      await repo.insert({
        ...pick(current),
        taskId,
        version: 1,
        effectiveFrom: await repo.importedAt(current.documentId),
        source: 'import',
        changed: [],
        reason: null,
        amendedBy: null,
      });
    }
    const version = current.version + 1;
    await repo.insert({
      ...next,
      taskId,
      version,
      effectiveFrom: now,
      source,
      changed,
      reason: why,
      amendedBy: actor.id,
    });
    const movesDeadline = changed.includes('deadlineOn');
    await repo.applyToTask(taskId, { ...next, version }, movesDeadline);
    if (movesDeadline)
      await repo.supersedeDeadlineEscalations(taskId, now, actor.id, `任务调整：${why}`);
    const units = unitChanges(current, next);
    const reportIds = await this.moveParts(em, actor, current, next, units, now);
    await this.tell(em, current, next, version, changed, why);
    await this.audit.byActor(em, actor, {
      action: 'task.amend',
      targetType: 'task',
      targetId: taskId,
      before: pickFields(current, changed),
      after: { ...pickFields(next, changed), version, reason: why, source },
    });
    return {
      taskId,
      documentId: current.documentId,
      version,
      reportIds,
      supportAdded: units.supportAdded.length > 0,
    };
  }

  /** The versions of a task, oldest first, for anyone who may see the task. */
  async versions(actor: Actor, taskId: string): Promise<TaskVersionView[]> {
    const em = this.dataSource.manager;
    await this.access.requireTask(em, actor, taskId);
    const kept = await new TaskVersionsRepository(em).list(taskId);
    if (kept.length) return kept;
    // Never amended: the task as imported is its only version.
    const t = await new TaskVersionsRepository(em).inForce(taskId);
    if (!t) throw new AmendmentError('TASK_NOT_FOUND', `Task ${taskId} not found`);
    const names = await this.unitNames(em, [...t.leadUnitIds, ...t.supportUnitIds]);
    return [
      {
        ...pick(t),
        version: 1,
        effectiveFrom: await new TaskVersionsRepository(em).importedAt(t.documentId),
        source: 'import',
        changed: [],
        reason: null,
        amendedBy: null,
        leadUnits: t.leadUnitIds.map((id) => ({ id, name: names.get(id) ?? id })),
        supportUnits: t.supportUnitIds.map((id) => ({ id, name: names.get(id) ?? id })),
      },
    ];
  }

  private async requireUnits(em: EntityManager, ids: string[]): Promise<void> {
    const wanted = [...new Set(ids)];
    const found = await em.getRepository(Unit).findBy({ id: In(wanted) });
    const missing = wanted.filter((id) => !found.some((u) => u.id === id));
    if (missing.length)
      throw new AmendmentError('UNIT_NOT_FOUND', `Unit ${missing.join(', ')} not found`);
  }

  private async unitNames(em: EntityManager, ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const units = await em.getRepository(Unit).findBy({ id: In(ids) });
    return new Map(units.map((u) => [u.id, u.name]));
  }

  /**
   * Assignments follow the new version. A lead unit replaced by a new one hands it its open
   * reports (with drafts and pending extension requests; the report keeps its ladder, whose next
   * rung tells the new lead), as the office's reassignment does; a further new lead gets fresh
   * reports of its own in the same cycles; a lead removed without a successor loses the reports
   * nobody has started, and a started one stays as history that is no longer owed (reportOwedSql:
   * the ladder skips it, the bulletin does not wait for it). A supporting unit added is asked to acknowledge (after commit); one removed
   * no longer holds its assignment, so its acknowledgement ladder stops. Returns reports to chase.
   */
  private async moveParts(
    em: EntityManager,
    actor: Actor,
    before: TaskInForceRow,
    after: TaskVersionFields,
    units: UnitChanges,
    now: Date,
  ): Promise<string[]> {
    const repo = new TaskVersionsRepository(em);
    const reports = new ReportsRepository(em);
    const taskId = before.id;
    const rows = await repo.assignments(taskId);
    const byUnit = new Map(rows.map((r) => [r.unitId, r]));
    const held = (s: string): boolean =>
      s === 'pending' || s === 'acknowledged' || s === 'declined';
    let ordinal = rows.length;
    for (const [role, ids] of [
      ['lead', after.leadUnitIds],
      ['support', after.supportUnitIds],
    ] as const) {
      for (const unitId of ids) {
        const row = byUnit.get(unitId);
        if (row && row.role === role && held(row.state)) continue;
        if (row) await repo.reassignRow(row.id, role, now);
        else await repo.insertAssignment(taskId, unitId, role, ordinal++, now);
      }
    }
    const kept = new Set([...after.leadUnitIds, ...after.supportUnitIds]);
    await repo.release(rows.filter((r) => !kept.has(r.unitId) && held(r.state)).map((r) => r.id));

    const toChase: string[] = [];
    const added = [...units.leadAdded];
    for (const from of units.leadRemoved) {
      const to = added.shift();
      if (to) {
        const moved = await reports.moveOpenToUnit(taskId, from, to, now);
        if (moved.length) await new ExtensionsRepository(em).movePendingToUnit(moved, to);
        for (const id of moved)
          await this.audit.byActor(em, actor, {
            action: 'report.move',
            targetType: 'status_report',
            targetId: id,
            before: { unitId: from },
            after: { unitId: to, amendment: true },
          });
      } else {
        await repo.dropUnstartedReports(taskId, from);
      }
    }
    if (added.length) {
      // The cycles still open for the task: those of a lead that stays (or just took over).
      const source = after.leadUnitIds.find((u) => !added.includes(u));
      const open = source ? await repo.openReportIds(taskId, source) : [];
      for (const unitId of added) await reports.copyToUnit(open, unitId);
      toChase.push(...(await repo.openReportsOfUnits(taskId, added)));
    }
    return toChase;
  }

  /** One notice to every unit that held, holds or gains a part: what changed, why, the deadline now. */
  private async tell(
    em: EntityManager,
    before: TaskInForceRow,
    after: TaskVersionFields,
    version: number,
    changed: string[],
    reason: string,
  ): Promise<void> {
    const unitIds = [
      ...new Set([
        ...before.leadUnitIds,
        ...before.supportUnitIds,
        ...after.leadUnitIds,
        ...after.supportUnitIds,
      ]),
    ];
    await this.notices.raise(em, {
      dedupKey: `task_amended/${before.id}/v${version}`,
      kind: 'task_amended',
      level: 0,
      colour: 'blue',
      text: AMENDMENT_TEXT({
        documentTitle: before.documentTitle,
        taskLabel: taskNumber(before.path),
        taskHeading: after.heading,
        version,
        changedZh: changed.map((f) => AMENDMENT_FIELD_NAMES[f]?.zh ?? f),
        changedEn: changed.map((f) => AMENDMENT_FIELD_NAMES[f]?.en ?? f),
        deadlineOn: after.deadlineOn,
        reason,
      }),
      clause: null,
      recipients: { unitMembers: unitIds, roles: ['office'] },
      taskId: before.id,
    });
  }
}

const pick = (t: TaskVersionFields): TaskVersionFields => ({
  heading: t.heading,
  body: t.body,
  deadlineText: t.deadlineText,
  deadlineOn: t.deadlineOn,
  targets: t.targets,
  leadUnitIds: t.leadUnitIds,
  supportUnitIds: t.supportUnitIds,
});

const pickFields = (v: TaskVersionFields, fields: string[]): Record<string, unknown> =>
  Object.fromEntries(fields.map((f) => [f, (v as unknown as Record<string, unknown>)[f]]));

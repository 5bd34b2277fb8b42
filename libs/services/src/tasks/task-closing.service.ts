import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Clock, CLOCK, TaskState } from '@tracker/domain';
import { LockedTask, TaskClosingRepository, TaskCompletionRow } from '@tracker/database';
import { COMPLETION_TEXT, NoticeText, ReportContext } from '@tracker/notify';
import { DataSource, EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service';
import { Actor, hasRole } from '../access/actor';
import { AuditService } from '../audit/audit.service';
import { afterCommit, requireQueue } from '../queue-deadline';
import { LadderJobsService } from '../ladder/ladder-jobs.service';
import { ladderTarget } from '../ladder/report-deadline';
import { loadReport, reportContext, ReportRow } from '../ladder/report-row';
import { NoticesService } from '../notices/notices.service';
import { TaskClosingError } from './task-closing.errors';

/** Where a task stands at its end: open, completion requested (办结申请), closed (销号). */
export interface TaskCompletionView {
  taskId: string;
  taskLabel: string;
  taskHeading: string;
  documentId: string;
  documentTitle: string | null;
  state: TaskState;
  /** open | requested | closed | returned (a request the office sent back, with its comment). */
  stage: 'open' | 'requested' | 'returned' | 'closed';
  completionRequestedAt: Date | null;
  completionReportId: string | null;
  requestingUnit: { id: string; name: string } | null;
  closedAt: Date | null;
  closedBy: string | null;
  comment: string | null;
  returnedAt: Date | null;
}

/**
 * A task's whole life ends here: the lead unit files a report as its completion request, the office
 * verifies and closes the task (销号) or returns the request with a comment. A closed task leaves
 * the ladder: cycles open no report for it, its ladder and acknowledgement jobs finish, the sweep
 * passes it by (all of them look for `state = 'open'`).
 */
@Injectable()
export class TaskClosingService {
  private readonly logger = new Logger(TaskClosingService.name);

  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly access: AccessService,
    private readonly ladderJobs: LadderJobsService,
    private readonly notices: NoticesService,
  ) {}

  /** The lead unit marks its filed (or accepted) report as the request to close the task. */
  async request(actor: Actor, reportId: string): Promise<TaskCompletionView> {
    const taskId = await this.dataSource.transaction(async (em) => {
      const r = await loadReport(em, reportId, true);
      if (!r || !(await this.access.unitChain(em, actor)).includes(r.unitId)) {
        throw new TaskClosingError('REPORT_NOT_FOUND', `Report ${reportId} not found`);
      }
      if (r.state !== 'submitted' && r.state !== 'accepted') {
        throw new TaskClosingError(
          'REPORT_STATE_CONFLICT',
          `Report ${reportId} is ${r.state}: submit it before asking to close the task`,
        );
      }
      const task = await this.lockTask(em, r.taskId);
      if (task.state !== 'open')
        throw new TaskClosingError(
          'TASK_STATE_CONFLICT',
          `Task ${r.taskId} is already ${task.state}`,
        );
      const now = this.clock.now();
      const closing = new TaskClosingRepository(em);
      await closing.markCompletionRequest(reportId, true);
      await closing.requestCompletion(r.taskId, reportId, now);
      await this.record(em, actor, 'task.completion.request', r.taskId, null, {
        reportId,
        period: r.period,
      });
      await this.notices.raise(em, {
        // Each request is its own event (a returned request may be made again at once): a key of its own.
        dedupKey: `completion_request/${r.taskId}/${randomUUID()}`,
        kind: 'completion_request',
        level: 0,
        colour: 'blue',
        text: COMPLETION_TEXT.requested(reportContext(r)),
        clause: null,
        recipients: { roles: ['office'] },
        taskId: r.taskId,
        unitId: r.unitId,
        cycleId: r.cycleId,
        reportId,
      });
      return r.taskId;
    });
    return this.view(taskId);
  }

  /** The office verifies and closes (销号) a task whose lead unit asked for it. */
  async close(actor: Actor, taskId: string, comment: string | null): Promise<TaskCompletionView> {
    await requireQueue(this.ladderJobs, 'task.close');
    const reports = await this.dataSource.transaction(async (em) => {
      const task = await this.requireRequested(em, actor, taskId, 'close');
      const now = this.clock.now();
      const closing = new TaskClosingRepository(em);
      await closing.close(taskId, now, actor.id, comment);
      // The report that asked is the task's last word: accepted with the closing.
      if (task.completionReportId)
        await closing.acceptCompletionReport(task.completionReportId, now, actor.id, comment);
      await this.record(
        em,
        actor,
        'task.close',
        taskId,
        { state: 'open' },
        { state: 'completed', comment, reportId: task.completionReportId },
      );
      await this.noticeLead(em, task, (r) => COMPLETION_TEXT.closed(r, comment));
      const open = await closing.openReportIds(taskId);
      return Promise.all(open.map((id) => loadReport(em, id)));
    });
    // After commit: the task's ladder jobs wake, find it closed and finish; their cycles may now compile.
    await afterCommit(this.logger, 'task.close', async () => {
      for (const r of reports) {
        if (!r) continue;
        await this.ladderJobs.nudgeReport(ladderTarget(r));
        await this.ladderJobs.nudgeCycle(r.cycleId);
      }
    });
    this.logger.log({ taskId, reports: reports.length }, 'task closed');
    return this.view(taskId);
  }

  /** The office returns a completion request with its comment; the task stays open and on the ladder. */
  async returnRequest(actor: Actor, taskId: string, comment: string): Promise<TaskCompletionView> {
    await this.dataSource.transaction(async (em) => {
      const task = await this.requireRequested(
        em,
        actor,
        taskId,
        'return the completion request of',
      );
      const now = this.clock.now();
      const closing = new TaskClosingRepository(em);
      await closing.returnRequest(taskId, now, comment);
      if (task.completionReportId)
        await closing.markCompletionRequest(task.completionReportId, false);
      await this.record(
        em,
        actor,
        'task.completion.return',
        taskId,
        { requestedAt: task.completionRequestedAt?.toISOString() ?? null },
        { comment },
      );
      await this.noticeLead(em, task, (r) => COMPLETION_TEXT.returned(r, comment));
    });
    return this.view(taskId);
  }

  /** A task's completion stage, for anyone who may read the task. */
  async get(actor: Actor, taskId: string): Promise<TaskCompletionView> {
    await this.access.requireTask(this.dataSource.manager, actor, taskId);
    return this.view(taskId);
  }

  /** The office's queue: completion requests waiting to be verified, oldest first. */
  async pending(): Promise<TaskCompletionView[]> {
    const rows = await new TaskClosingRepository(this.dataSource.manager).pending();
    return rows.map(toView);
  }

  /** The office's decision on a completion request, to the lead unit that asked (by its report). */
  private async noticeLead(
    em: EntityManager,
    task: LockedTask,
    text: (r: ReportContext) => NoticeText,
  ): Promise<void> {
    const report: ReportRow | null = task.completionReportId
      ? await loadReport(em, task.completionReportId)
      : null;
    if (!report) return;
    await this.notices.raise(em, {
      dedupKey: `completion_decision/${task.id}/${randomUUID()}`,
      kind: 'completion_decision',
      level: 0,
      colour: 'blue',
      text: text(reportContext(report)),
      clause: null,
      recipients: { unitMembers: [report.unitId] },
      taskId: task.id,
      unitId: report.unitId,
      cycleId: report.cycleId,
      reportId: report.id,
    });
  }

  private async view(taskId: string): Promise<TaskCompletionView> {
    const row = await new TaskClosingRepository(this.dataSource.manager).view(taskId);
    if (!row) throw new TaskClosingError('TASK_NOT_FOUND', `Task ${taskId} not found`);
    return toView(row);
  }

  private async lockTask(em: EntityManager, taskId: string): Promise<LockedTask> {
    const task = await new TaskClosingRepository(em).lockTask(taskId);
    if (!task) throw new TaskClosingError('TASK_NOT_FOUND', `Task ${taskId} not found`);
    return task;
  }

  private async requireRequested(
    em: EntityManager,
    actor: Actor,
    taskId: string,
    what: string,
  ): Promise<LockedTask> {
    if (!hasRole(actor, 'office'))
      throw new TaskClosingError('TASK_NOT_FOUND', `Task ${taskId} not found`);
    const task = await this.lockTask(em, taskId);
    if (task.state !== 'open')
      throw new TaskClosingError(
        'TASK_STATE_CONFLICT',
        `Cannot ${what} task ${taskId}: it is already ${task.state}`,
      );
    if (!task.completionRequestedAt) {
      throw new TaskClosingError(
        'TASK_STATE_CONFLICT',
        `Cannot ${what} task ${taskId}: its lead unit has not asked for it to be closed`,
      );
    }
    return task;
  }

  private record(
    em: EntityManager,
    actor: Actor,
    action: string,
    taskId: string,
    before: Record<string, unknown> | null,
    after: Record<string, unknown>,
  ): Promise<void> {
    return this.audit.byActor(em, actor, {
      action,
      targetType: 'task',
      targetId: taskId,
      before,
      after,
    });
  }
}

function toView(r: TaskCompletionRow): TaskCompletionView {
  const stage =
    r.state === 'completed'
      ? 'closed'
      : r.completionRequestedAt
        ? 'requested'
        : r.returnedAt
          ? 'returned'
          : 'open';
  return {
    taskId: r.taskId,
    taskLabel: r.taskPath.join(''),
    taskHeading: r.taskHeading,
    documentId: r.documentId,
    documentTitle: r.documentTitle,
    state: r.state,
    stage,
    completionRequestedAt: r.completionRequestedAt,
    completionReportId: r.completionReportId,
    requestingUnit: r.unitId ? { id: r.unitId, name: r.unitName ?? '' } : null,
    closedAt: r.state === 'completed' ? r.completedAt : null,
    closedBy: r.closedBy,
    comment: r.comment,
    returnedAt: r.returnedAt,
  };
}

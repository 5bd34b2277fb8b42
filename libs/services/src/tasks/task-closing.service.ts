import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Clock, CLOCK, TaskState } from '@tracker/domain';
import { DataSource, EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service';
import { Actor, hasRole } from '../access/actor';
import { AuditService } from '../audit/audit.service';
import { afterCommit, requireQueue } from '../queue-deadline';
import { LadderJobsService } from '../ladder/ladder-jobs.service';
import { ladderTarget } from '../ladder/report-deadline';
import { loadReport } from '../ladder/report-row';
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

const VIEW_SQL = `
  SELECT t.id, t.path, t.heading, t.state, t.completion_requested_at, t.completion_report_id, t.completed_at,
         t.closed_by, t.completion_comment, t.completion_returned_at, d.id AS document_id, d.title AS document_title,
         u.id AS unit_id, u.name AS unit_name
    FROM tasks t JOIN policy_documents d ON d.id = t.document_id
    LEFT JOIN status_reports r ON r.id = t.completion_report_id
    LEFT JOIN units u ON u.id = r.unit_id`;

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
  ) {}

  /** The lead unit marks its filed (or accepted) report as the request to close the task. */
  async request(actor: Actor, reportId: string): Promise<TaskCompletionView> {
    const taskId = await this.dataSource.transaction(async (em) => {
      const r = await loadReport(em, reportId, true);
      if (!r || !(await this.access.unitChain(em, actor)).includes(r.unitId)) {
        throw new TaskClosingError('REPORT_NOT_FOUND', `Report ${reportId} not found`);
      }
      if (r.state !== 'submitted' && r.state !== 'accepted') {
        throw new TaskClosingError('REPORT_STATE_CONFLICT', `Report ${reportId} is ${r.state}: submit it before asking to close the task`);
      }
      const task = await this.lockTask(em, r.taskId);
      if (task.state !== 'open') throw new TaskClosingError('TASK_STATE_CONFLICT', `Task ${r.taskId} is already ${task.state}`);
      const now = this.clock.now();
      await em.query(`UPDATE status_reports SET is_completion_request = true WHERE id = $1`, [reportId]);
      await em.query(
        `UPDATE tasks SET completion_requested_at = $2, completion_report_id = $3, completion_returned_at = NULL, completion_comment = NULL WHERE id = $1`,
        [r.taskId, now, reportId],
      );
      await this.record(em, actor, 'task.completion.request', r.taskId, null, { reportId, period: r.period });
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
      await em.query(
        `UPDATE tasks SET state = 'completed', completed_at = $2, closed_by = $3, completion_comment = $4 WHERE id = $1`,
        [taskId, now, actor.id, comment],
      );
      // The report that asked is the task's last word: accepted with the closing.
      if (task.completion_report_id) {
        await em.query(
          `UPDATE status_reports SET state = 'accepted', reviewed_at = $2, reviewed_by = $3, review_comment = COALESCE($4, review_comment), updated_at = $2
            WHERE id = $1 AND state = 'submitted'`,
          [task.completion_report_id, now, actor.id, comment],
        );
      }
      await this.record(em, actor, 'task.close', taskId, { state: 'open' }, { state: 'completed', comment, reportId: task.completion_report_id });
      const open: { id: string }[] = await em.query(
        `SELECT r.id FROM status_reports r JOIN reporting_cycles c ON c.id = r.cycle_id WHERE r.task_id = $1 AND c.state = 'open'`,
        [taskId],
      );
      return Promise.all(open.map((r) => loadReport(em, r.id)));
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
      const task = await this.requireRequested(em, actor, taskId, 'return the completion request of');
      const now = this.clock.now();
      await em.query(
        `UPDATE tasks SET completion_requested_at = NULL, completion_returned_at = $2, completion_comment = $3 WHERE id = $1`,
        [taskId, now, comment],
      );
      if (task.completion_report_id) await em.query(`UPDATE status_reports SET is_completion_request = false WHERE id = $1`, [task.completion_report_id]);
      await this.record(em, actor, 'task.completion.return', taskId, { requestedAt: task.completion_requested_at?.toISOString() ?? null }, { comment });
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
    const rows: Raw[] = await this.dataSource.query(
      `${VIEW_SQL} WHERE t.state = 'open' AND t.completion_requested_at IS NOT NULL ORDER BY t.completion_requested_at LIMIT 500`,
    );
    return rows.map(toView);
  }

  private async view(taskId: string): Promise<TaskCompletionView> {
    const [row] = (await this.dataSource.query(`${VIEW_SQL} WHERE t.id = $1`, [taskId])) as Raw[];
    if (!row) throw new TaskClosingError('TASK_NOT_FOUND', `Task ${taskId} not found`);
    return toView(row);
  }

  private async lockTask(em: EntityManager, taskId: string): Promise<LockedTask> {
    const [task] = (await em.query(
      `SELECT id, state, completion_requested_at, completion_report_id FROM tasks WHERE id = $1 FOR UPDATE`,
      [taskId],
    )) as LockedTask[];
    if (!task) throw new TaskClosingError('TASK_NOT_FOUND', `Task ${taskId} not found`);
    return task;
  }

  private async requireRequested(em: EntityManager, actor: Actor, taskId: string, what: string): Promise<LockedTask> {
    if (!hasRole(actor, 'office')) throw new TaskClosingError('TASK_NOT_FOUND', `Task ${taskId} not found`);
    const task = await this.lockTask(em, taskId);
    if (task.state !== 'open') throw new TaskClosingError('TASK_STATE_CONFLICT', `Cannot ${what} task ${taskId}: it is already ${task.state}`);
    if (!task.completion_requested_at) {
      throw new TaskClosingError('TASK_STATE_CONFLICT', `Cannot ${what} task ${taskId}: its lead unit has not asked for it to be closed`);
    }
    return task;
  }

  private record(em: EntityManager, actor: Actor, action: string, taskId: string, before: Record<string, unknown> | null, after: Record<string, unknown>): Promise<void> {
    return this.audit.record(em, {
      actorId: actor.id, actorUnitId: actor.unitId, action, targetType: 'task', targetId: taskId,
      before, after, channel: actor.channel ?? 'api', requestId: actor.requestId ?? null,
    });
  }
}

interface LockedTask {
  id: string;
  state: TaskState;
  completion_requested_at: Date | null;
  completion_report_id: string | null;
}

type Raw = Record<string, unknown>;

function toView(r: Raw): TaskCompletionView {
  const state = r.state as TaskState;
  const requestedAt = (r.completion_requested_at as Date | null) ?? null;
  const returnedAt = (r.completion_returned_at as Date | null) ?? null;
  return {
    taskId: r.id as string,
    taskLabel: (r.path as string[]).join(''),
    taskHeading: r.heading as string,
    documentId: r.document_id as string,
    documentTitle: (r.document_title as string | null) ?? null,
    state,
    stage: state === 'completed' ? 'closed' : requestedAt ? 'requested' : returnedAt ? 'returned' : 'open',
    completionRequestedAt: requestedAt,
    completionReportId: (r.completion_report_id as string | null) ?? null,
    requestingUnit: r.unit_id ? { id: r.unit_id as string, name: r.unit_name as string } : null,
    closedAt: state === 'completed' ? ((r.completed_at as Date | null) ?? null) : null,
    closedBy: (r.closed_by as string | null) ?? null,
    comment: (r.completion_comment as string | null) ?? null,
    returnedAt,
  };
}

import type { TaskState } from '@tracker/domain';
import { EntityManager } from 'typeorm';

/** A task's end as stored: the completion request, the closing (销号) or the return. */
export interface TaskCompletionRow {
  taskId: string;
  taskPath: string[];
  taskHeading: string;
  state: TaskState;
  completionRequestedAt: Date | null;
  completionReportId: string | null;
  completedAt: Date | null;
  closedBy: string | null;
  comment: string | null;
  returnedAt: Date | null;
  documentId: string;
  documentTitle: string | null;
  /** The unit whose report asked for the closing. */
  unitId: string | null;
  unitName: string | null;
}

export interface LockedTask {
  id: string;
  state: TaskState;
  completionRequestedAt: Date | null;
  completionReportId: string | null;
}

const VIEW = `
  SELECT t.id AS "taskId", t.path AS "taskPath", t.heading AS "taskHeading", t.state,
         t.completion_requested_at AS "completionRequestedAt", t.completion_report_id AS "completionReportId",
         t.completed_at AS "completedAt", t.closed_by AS "closedBy", t.completion_comment AS comment,
         t.completion_returned_at AS "returnedAt", d.id AS "documentId", d.title AS "documentTitle",
         u.id AS "unitId", u.name AS "unitName"
    FROM tasks t JOIN policy_documents d ON d.id = t.document_id
    LEFT JOIN status_reports r ON r.id = t.completion_report_id
    LEFT JOIN units u ON u.id = r.unit_id`;

/** Closing tasks (办结申请, 销号): the lead unit's request and the office's decision. */
export class TaskClosingRepository {
  constructor(private readonly em: EntityManager) {}

  async view(taskId: string): Promise<TaskCompletionRow | null> {
    const [row]: TaskCompletionRow[] = await this.em.query(`${VIEW} WHERE t.id = $1`, [taskId]);
    return row ?? null;
  }

  /** Completion requests waiting for the office, oldest first. */
  pending(): Promise<TaskCompletionRow[]> {
    return this.em.query(
      `${VIEW} WHERE t.state = 'open' AND t.completion_requested_at IS NOT NULL ORDER BY t.completion_requested_at LIMIT 500`,
    );
  }

  async lockTask(taskId: string): Promise<LockedTask | null> {
    const [row]: LockedTask[] = await this.em.query(
      `SELECT id, state, completion_requested_at AS "completionRequestedAt", completion_report_id AS "completionReportId"
         FROM tasks WHERE id = $1 FOR UPDATE`,
      [taskId],
    );
    return row ?? null;
  }

  /** The report becomes the task's completion request (or stops being one). */
  async markCompletionRequest(reportId: string, isRequest: boolean): Promise<void> {
    await this.em.query(`UPDATE status_reports SET is_completion_request = $2 WHERE id = $1`, [
      reportId,
      isRequest,
    ]);
  }

  async requestCompletion(taskId: string, reportId: string, at: Date): Promise<void> {
    await this.em.query(
      `UPDATE tasks SET completion_requested_at = $2, completion_report_id = $3, completion_returned_at = NULL, completion_comment = NULL WHERE id = $1`,
      [taskId, at, reportId],
    );
  }

  async close(taskId: string, at: Date, closedBy: string, comment: string | null): Promise<void> {
    await this.em.query(
      `UPDATE tasks SET state = 'completed', completed_at = $2, closed_by = $3, completion_comment = $4 WHERE id = $1`,
      [taskId, at, closedBy, comment],
    );
  }

  /** The report that asked is the task's last word: accepted with the closing (if it still waits for review). */
  async acceptCompletionReport(
    reportId: string,
    at: Date,
    reviewerId: string,
    comment: string | null,
  ): Promise<void> {
    await this.em.query(
      `UPDATE status_reports SET state = 'accepted', reviewed_at = $2, reviewed_by = $3, review_comment = COALESCE($4, review_comment), updated_at = $2
        WHERE id = $1 AND state = 'submitted'`,
      [reportId, at, reviewerId, comment],
    );
  }

  async returnRequest(taskId: string, at: Date, comment: string): Promise<void> {
    await this.em.query(
      `UPDATE tasks SET completion_requested_at = NULL, completion_returned_at = $2, completion_comment = $3 WHERE id = $1`,
      [taskId, at, comment],
    );
  }

  /** The task's reports in open cycles. */
  async openReportIds(taskId: string): Promise<string[]> {
    const rows: { id: string }[] = await this.em.query(
      `SELECT r.id FROM status_reports r JOIN reporting_cycles c ON c.id = r.cycle_id WHERE r.task_id = $1 AND c.state = 'open'`,
      [taskId],
    );
    return rows.map((r) => r.id);
  }
}

import type { TaskVersionFields, TaskVersionSource } from '@tracker/domain';
import { EntityManager } from 'typeorm';
import { returnedRows } from './returned-rows';
import { HELD_ASSIGNMENT_STATES } from './sql';

/** A task with the fields a version keeps, as it stands (the version in force). */
export interface TaskInForceRow extends TaskVersionFields {
  id: string;
  documentId: string;
  path: string[];
  state: string;
  version: number;
  deadlineEpoch: number;
  documentTitle: string | null;
}

export interface TaskVersionRow extends TaskVersionFields {
  version: number;
  effectiveFrom: Date;
  source: TaskVersionSource;
  changed: string[];
  reason: string | null;
  amendedBy: { id: string; name: string | null } | null;
  leadUnits: { id: string; name: string }[];
  supportUnits: { id: string; name: string }[];
}

export interface TaskAssignmentRow {
  id: string;
  unitId: string;
  role: 'lead' | 'support';
  state: string;
}

export interface NewTaskVersion extends TaskVersionFields {
  taskId: string;
  version: number;
  effectiveFrom: Date;
  source: TaskVersionSource;
  changed: string[];
  reason: string | null;
  amendedBy: string | null;
}

const UNITS_OF = (role: 'lead' | 'support'): string =>
  `coalesce((SELECT array_agg(a.unit_id ORDER BY a.ordinal, a.unit_id) FROM assignments a
              WHERE a.task_id = t.id AND a.role = '${role}' AND a.state IN ${HELD_ASSIGNMENT_STATES}), '{}')`;

/** Versions of a task (动态调整): the one in force on the task row, every one kept in task_versions. */
export class TaskVersionsRepository {
  constructor(private readonly em: EntityManager) {}

  /** The task as it stands, its held units by role; locked for an amendment when `lock`. */
  async inForce(taskId: string, lock = false): Promise<TaskInForceRow | null> {
    if (lock) await this.em.query(`SELECT id FROM tasks WHERE id = $1 FOR UPDATE`, [taskId]);
    const [row]: TaskInForceRow[] = await this.em.query(
      `SELECT t.id, t.document_id AS "documentId", t.path, t.state, t.version, t.deadline_epoch AS "deadlineEpoch",
              t.heading, t.body, t.deadline_text AS "deadlineText", to_char(t.deadline_on, 'YYYY-MM-DD') AS "deadlineOn",
              t.targets, ${UNITS_OF('lead')} AS "leadUnitIds", ${UNITS_OF('support')} AS "supportUnitIds",
              d.title AS "documentTitle"
         FROM tasks t JOIN policy_documents d ON d.id = t.document_id WHERE t.id = $1 AND t.is_task`,
      [taskId],
    );
    return row ?? null;
  }

  async insert(v: NewTaskVersion): Promise<void> {
    await this.em.query(
      `INSERT INTO task_versions (task_id, version, effective_from, source, heading, body, deadline_text, deadline_on,
                                  targets, lead_unit_ids, support_unit_ids, changed, reason, amended_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
      [
        v.taskId,
        v.version,
        v.effectiveFrom,
        v.source,
        v.heading,
        v.body,
        v.deadlineText,
        v.deadlineOn,
        JSON.stringify(v.targets),
        v.leadUnitIds,
        v.supportUnitIds,
        v.changed,
        v.reason,
        v.amendedBy,
      ],
    );
  }

  /** Whether the task has kept versions (it has been amended at least once). */
  async hasVersions(taskId: string): Promise<boolean> {
    const rows: unknown[] = await this.em.query(
      `SELECT 1 FROM task_versions WHERE task_id = $1 LIMIT 1`,
      [taskId],
    );
    return rows.length > 0;
  }

  /** The document's import time: when version 1 came into force. */
  async importedAt(documentId: string): Promise<Date> {
    const [row]: { at: Date }[] = await this.em.query(
      `SELECT imported_at AS at FROM policy_documents WHERE id = $1`,
      [documentId],
    );
    return row.at;
  }

  /** Puts a version in force on the task row; `moveDeadline` starts a new deadline epoch. */
  async applyToTask(
    taskId: string,
    v: TaskVersionFields & { version: number },
    moveDeadline: boolean,
  ): Promise<void> {
    await this.em.query(
      `UPDATE tasks SET heading = $2, body = $3, deadline_text = $4, deadline_on = $5, targets = $6, version = $7,
              deadline_epoch = deadline_epoch + CASE WHEN $8::boolean THEN 1 ELSE 0 END,
              deadline_overdue_at = CASE WHEN $8::boolean THEN NULL ELSE deadline_overdue_at END
        WHERE id = $1`,
      [
        taskId,
        v.heading,
        v.body,
        v.deadlineText,
        v.deadlineOn,
        JSON.stringify(v.targets),
        v.version,
        moveDeadline,
      ],
    );
    // The rungs of the new deadline start from the bottom; the old one's stay as raised.
    if (moveDeadline)
      await this.em.query(
        `UPDATE assignments SET deadline_rung = 0 WHERE task_id = $1 AND role = 'lead'`,
        [taskId],
      );
  }

  /** The open final-deadline escalations of the task: the deadline they were raised for no longer applies. */
  async supersedeDeadlineEscalations(
    taskId: string,
    now: Date,
    reviewerId: string,
    reason: string,
  ): Promise<number> {
    const rows = returnedRows<{ id: string }>(
      await this.em.query(
        `UPDATE escalations SET state = 'extended', reviewed_at = $2, reviewed_by = $3, review_comment = $4
          WHERE task_id = $1 AND report_id IS NULL AND reason = 'task_deadline_passed' AND state IN ('open', 'supervising')
          RETURNING id`,
        [taskId, now, reviewerId, reason],
      ),
    );
    return rows.length;
  }

  /** Every assignment of the task, in any state. */
  assignments(taskId: string): Promise<TaskAssignmentRow[]> {
    return this.em.query(
      `SELECT id, unit_id AS "unitId", role, state FROM assignments WHERE task_id = $1 ORDER BY ordinal, unit_id`,
      [taskId],
    );
  }

  /** A unit takes up a part again or in another role: a fresh pending assignment on the same row. */
  async reassignRow(id: string, role: 'lead' | 'support', now: Date): Promise<void> {
    await this.em.query(
      `UPDATE assignments SET role = $2, state = 'pending', acknowledged_at = NULL, acknowledged_by = NULL,
              declined_at = NULL, decline_reason = NULL, deadline_rung = 0, is_preexisting = false, created_at = $3
        WHERE id = $1`,
      [id, role, now],
    );
  }

  async insertAssignment(
    taskId: string,
    unitId: string,
    role: 'lead' | 'support',
    ordinal: number,
    now: Date,
  ): Promise<string> {
    const [row]: { id: string }[] = await this.em.query(
      `INSERT INTO assignments (task_id, unit_id, role, state, ordinal, created_at) VALUES ($1, $2, $3, 'pending', $4, $5) RETURNING id`,
      [taskId, unitId, role, ordinal, now],
    );
    return row.id;
  }

  /** The unit no longer holds the part: `reassigned`, the state every read treats as not theirs. */
  async release(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.em.query(`UPDATE assignments SET state = 'reassigned' WHERE id = ANY($1::uuid[])`, [
      ids,
    ]);
  }

  /** A removed lead's reports of open cycles nobody has started on: no longer anyone's work. */
  async dropUnstartedReports(taskId: string, unitId: string): Promise<number> {
    const rows = returnedRows<{ id: string }>(
      await this.em.query(
        `DELETE FROM status_reports r USING reporting_cycles c
          WHERE c.id = r.cycle_id AND c.state <> 'closed' AND r.task_id = $1 AND r.unit_id = $2 AND r.state = 'pending'
            AND NOT EXISTS (SELECT 1 FROM escalations e WHERE e.report_id = r.id)
          RETURNING r.id`,
        [taskId, unitId],
      ),
    );
    return rows.length;
  }

  /** The open reports (open cycles, not accepted) of the task held by one unit. */
  async openReportIds(taskId: string, unitId: string): Promise<string[]> {
    const rows: { id: string }[] = await this.em.query(
      `SELECT r.id FROM status_reports r JOIN reporting_cycles c ON c.id = r.cycle_id
        WHERE r.task_id = $1 AND r.unit_id = $2 AND r.state <> 'accepted' AND c.state <> 'closed'`,
      [taskId, unitId],
    );
    return rows.map((r) => r.id);
  }

  /** The task's reports of open cycles held by these units (after an amendment: the ones to chase). */
  async openReportsOfUnits(taskId: string, unitIds: string[]): Promise<string[]> {
    if (unitIds.length === 0) return [];
    const rows: { id: string }[] = await this.em.query(
      `SELECT r.id FROM status_reports r JOIN reporting_cycles c ON c.id = r.cycle_id
        WHERE r.task_id = $1 AND r.unit_id = ANY($2::uuid[]) AND r.state <> 'accepted' AND c.state <> 'closed'`,
      [taskId, unitIds],
    );
    return rows.map((r) => r.id);
  }

  /** The task's versions, oldest first, with unit names and who amended. */
  list(taskId: string): Promise<TaskVersionRow[]> {
    const names = (col: string): string =>
      `coalesce((SELECT json_agg(json_build_object('id', u.id, 'name', u.name) ORDER BY array_position(v.${col}, u.id))
                  FROM units u WHERE u.id = ANY(v.${col})), '[]')`;
    return this.em.query(
      `SELECT v.version, v.effective_from AS "effectiveFrom", v.source, v.heading, v.body, v.deadline_text AS "deadlineText",
              to_char(v.deadline_on, 'YYYY-MM-DD') AS "deadlineOn", v.targets, v.lead_unit_ids AS "leadUnitIds",
              v.support_unit_ids AS "supportUnitIds", v.changed, v.reason,
              CASE WHEN v.amended_by IS NULL THEN NULL
                   ELSE json_build_object('id', v.amended_by, 'name', coalesce(us.display_name, us.username)) END AS "amendedBy",
              ${names('lead_unit_ids')} AS "leadUnits", ${names('support_unit_ids')} AS "supportUnits"
         FROM task_versions v LEFT JOIN users us ON us.id = v.amended_by
        WHERE v.task_id = $1 ORDER BY v.version`,
      [taskId],
    );
  }
}

/**
 * SQL for the version of task `t` in force at the instant `at` (an SQL expression): the latest
 * version that had come into force by then, else the first. Yields no row for a task never
 * amended, so readers fall back to the task row: `coalesce(tv.heading, t.heading)`.
 */
export const versionAtSql = (t: string, at: string): string =>
  `LEFT JOIN LATERAL (SELECT v.heading, v.targets FROM task_versions v
                       WHERE v.task_id = ${t}.id AND (v.version = 1 OR v.effective_from <= ${at})
                       ORDER BY v.version DESC LIMIT 1) tv ON true`;

import type { ProgressStatus, ReportState, TaskState } from '@tracker/domain';
import { EntityManager } from 'typeorm';
import type { TaskTarget } from '../entities/task.entity';
import { currentReportSql, HELD_ASSIGNMENT_STATES, SqlParams, UNIT_CHAIN_SQL } from './sql';

export type TaskListSort = 'number' | 'deadline' | 'document';

export interface TaskListQuery {
  /** Today in Asia/Shanghai (YYYY-MM-DD), for the overdue flag and filter. */
  today: string;
  /** null: every task (office, leaders); else the tasks these units hold. */
  unitIds: string[] | null;
  /** Only tasks this unit (or a former name of it) holds. */
  heldBy?: string;
  documentId?: string;
  status?: TaskState;
  dueBefore?: string;
  overdue?: boolean;
  sort: TaskListSort;
  order: 'asc' | 'desc';
  offset: number;
  limit: number;
}

export interface TaskRow {
  id: string;
  documentId: string;
  documentTitle: string | null;
  path: string[];
  heading: string;
  /** YYYY-MM-DD */
  deadlineOn: string | null;
  deadlineText: string | null;
  state: TaskState;
  isOverdue: boolean;
}

export interface TaskDetailRow extends TaskRow {
  body: string;
  targets: TaskTarget[];
  docNumber: string | null;
  issuer: string | null;
}

/** A report of the task, for the task's page. */
export interface TaskReportRow {
  id: string;
  cycleId: string;
  hasBulletin: boolean;
  period: string;
  unitId: string;
  unitName: string;
  state: ReportState;
  dueAt: Date;
  progressStatus: ProgressStatus | null;
  progressPercent: number | null;
  narrative: string | null;
  problems: string | null;
  nextSteps: string | null;
  submittedAt: Date | null;
  reviewedAt: Date | null;
}

export interface TaskNoticeRow {
  id: string;
  kind: string;
  level: number;
  colour: string;
  title: string;
  unitId: string | null;
  unitName: string | null;
  createdAt: Date;
}

export interface TaskHistoryRow {
  at: Date;
  action: string;
  actorId: string | null;
  actorName: string | null;
  targetType: string;
  targetId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

const TASK_COLUMNS = `t.id, t.document_id AS "documentId", d.title AS "documentTitle", t.path, t.heading,
  to_char(t.deadline_on, 'YYYY-MM-DD') AS "deadlineOn", t.deadline_text AS "deadlineText", t.state`;

/** The task holds a held assignment of one of the units (`units` is an SQL array parameter). */
const HELD_BY_ANY = (units: string): string =>
  `EXISTS (SELECT 1 FROM assignments a WHERE a.task_id = t.id AND a.state IN ${HELD_ASSIGNMENT_STATES}
      AND a.unit_id = ANY(${units}::uuid[]))`;

/** Task reads: the filtered list, one task's page, and whether an actor's units may see a task. */
export class TasksRepository {
  constructor(private readonly em: EntityManager) {}

  /** Whether the task exists and, with `unitIds` given, one of them holds it. */
  async isVisible(taskId: string, unitIds: string[] | null): Promise<boolean> {
    const rows: unknown[] = unitIds
      ? await this.em.query(`SELECT 1 FROM tasks t WHERE t.id = $1 AND ${HELD_BY_ANY('$2')}`, [
          taskId,
          unitIds,
        ])
      : await this.em.query(`SELECT 1 FROM tasks WHERE id = $1`, [taskId]);
    return rows.length > 0;
  }

  /**
   * How many tasks match. Its own statement over the tasks alone: a window count over the page
   * query would join and order every matching task before taking one page.
   */
  async count(q: TaskListQuery): Promise<number> {
    const p = new SqlParams();
    const [{ total }]: { total: number }[] = await this.em.query(
      `SELECT count(*)::int AS total FROM tasks t WHERE ${this.where(p, q).join(' AND ')}`,
      p.values,
    );
    return total;
  }

  page(q: TaskListQuery): Promise<TaskRow[]> {
    const p = new SqlParams();
    const where = this.where(p, q);
    return this.em.query(
      `SELECT ${TASK_COLUMNS}, (t.state = 'open' AND t.deadline_on IS NOT NULL AND t.deadline_on < ${p.add(q.today)}::date) AS "isOverdue"
         FROM tasks t JOIN policy_documents d ON d.id = t.document_id
        WHERE ${where.join(' AND ')}
        ORDER BY ${orderBy(q)}
        LIMIT ${p.add(q.limit)} OFFSET ${p.add(q.offset)}`,
      p.values,
    );
  }

  async detail(taskId: string, today: string): Promise<TaskDetailRow | null> {
    const [row]: TaskDetailRow[] = await this.em.query(
      `SELECT ${TASK_COLUMNS}, t.body, t.targets, d.doc_number AS "docNumber", d.issuer,
              (t.state = 'open' AND t.deadline_on IS NOT NULL AND t.deadline_on < $2::date) AS "isOverdue"
         FROM tasks t JOIN policy_documents d ON d.id = t.document_id WHERE t.id = $1`,
      [taskId, today],
    );
    return row ?? null;
  }

  /** The report that matters now for a unit's part of the task (currentReportSql). */
  async currentReportId(taskId: string, role: string, unitId: string): Promise<string | null> {
    const [row]: { id: string }[] = await this.em.query(
      `SELECT r.id ${currentReportSql('$1::uuid', '$2::text', '$3::uuid')}`,
      [taskId, role, unitId],
    );
    return row?.id ?? null;
  }

  /** The task's reports, latest cycle first. */
  reports(taskId: string): Promise<TaskReportRow[]> {
    return this.em.query(
      `SELECT r.id, r.cycle_id AS "cycleId", EXISTS (SELECT 1 FROM bulletins b WHERE b.cycle_id = r.cycle_id) AS "hasBulletin",
              c.period, r.unit_id AS "unitId", un.name AS "unitName", r.state, r.due_at AS "dueAt",
              r.progress_status AS "progressStatus", r.progress_percent AS "progressPercent",
              r.narrative, r.problems, r.next_steps AS "nextSteps", r.submitted_at AS "submittedAt", r.reviewed_at AS "reviewedAt"
         FROM status_reports r JOIN reporting_cycles c ON c.id = r.cycle_id JOIN units un ON un.id = r.unit_id
        WHERE r.task_id = $1 ORDER BY c.opens_at DESC, un.name`,
      [taskId],
    );
  }

  /** The task's latest 200 notices, newest first. */
  notices(taskId: string): Promise<TaskNoticeRow[]> {
    return this.em.query(
      `SELECT n.id, n.kind, n.level, n.colour, n.title, n.unit_id AS "unitId", un.name AS "unitName", n.created_at AS "createdAt"
         FROM notices n LEFT JOIN units un ON un.id = n.unit_id
        WHERE n.task_id = $1 ORDER BY n.created_at DESC LIMIT 200`,
      [taskId],
    );
  }

  /**
   * One timeline of everything that happened to the task: audited changes of the task, its
   * assignments, its reports, their extension requests and escalations, and the rungs the ladder
   * raised (escalations are the ladder's own record: system entries with no actor).
   */
  history(taskId: string, assignmentIds: string[]): Promise<TaskHistoryRow[]> {
    return this.em.query(
      `WITH report_ids AS (SELECT id::text AS id FROM status_reports WHERE task_id = $1::uuid),
              extension_ids AS (SELECT x.id::text AS id FROM extension_requests x WHERE x.task_id = $1::uuid),
              escalation_ids AS (SELECT e.id::text AS id FROM escalations e WHERE e.task_id = $1::uuid)
         SELECT h.at, h.action, h.actor_id AS "actorId", h.actor_name AS "actorName", h.target_type AS "targetType",
                h.target_id AS "targetId", h.before, h.after FROM (
           SELECT l.at, l.action, l.actor_id, u.display_name AS actor_name, l.target_type, l.target_id, l.before, l.after, l.id::text AS ord
             FROM audit_log l LEFT JOIN users u ON u.id = l.actor_id
            WHERE (l.target_type = 'task' AND l.target_id = $1::uuid::text)
               OR (l.target_type = 'assignment' AND l.target_id = ANY($2::text[]))
               OR (l.target_type = 'status_report' AND l.target_id IN (SELECT id FROM report_ids))
               OR (l.target_type = 'extension_request' AND l.target_id IN (SELECT id FROM extension_ids))
               OR (l.target_type = 'escalation' AND l.target_id IN (SELECT id FROM escalation_ids))
           UNION ALL
           SELECT e.raised_at AS at, 'escalation.raise' AS action, NULL AS actor_id, NULL AS actor_name,
                  'escalation' AS target_type, e.id::text AS target_id, NULL::jsonb AS before,
                  jsonb_build_object('level', e.level, 'unitId', e.unit_id, 'unitName', un.name, 'reportId', e.report_id) AS after,
                  e.id::text AS ord
             FROM escalations e JOIN units un ON un.id = e.unit_id WHERE e.task_id = $1::uuid
         ) h ORDER BY h.at, h.ord LIMIT 1000`,
      [taskId, assignmentIds],
    );
  }

  private where(p: SqlParams, q: TaskListQuery): string[] {
    const where = ['t.is_task'];
    if (q.documentId) where.push(`t.document_id = ${p.add(q.documentId)}`);
    if (q.status) where.push(`t.state = ${p.add(q.status)}`);
    if (q.dueBefore) where.push(`t.deadline_on < ${p.add(q.dueBefore)}::date`);
    if (q.overdue === true)
      where.push(`t.state = 'open' AND t.deadline_on < ${p.add(q.today)}::date`);
    if (q.overdue === false)
      where.push(
        `NOT (t.state = 'open' AND t.deadline_on IS NOT NULL AND t.deadline_on < ${p.add(q.today)}::date)`,
      );
    where.push(q.unitIds ? HELD_BY_ANY(p.add(q.unitIds)) : 'TRUE');
    if (q.heldBy) {
      where.push(`EXISTS (SELECT 1 FROM assignments a WHERE a.task_id = t.id AND a.state IN ${HELD_ASSIGNMENT_STATES}
        AND a.unit_id IN (${UNIT_CHAIN_SQL.replace('$1', p.add(q.heldBy))}))`);
    }
    return where;
  }
}

function orderBy(q: TaskListQuery): string {
  const dir = q.order === 'desc' ? 'DESC' : 'ASC';
  switch (q.sort) {
    case 'deadline':
      return `t.deadline_on ${dir} NULLS LAST, d.issued_on NULLS LAST, d.id, t.ordinal`;
    case 'document':
      return `d.title ${dir} NULLS LAST, d.id ${dir}, t.ordinal`;
    default:
      return `d.issued_on ${dir} NULLS LAST, d.id ${dir}, t.ordinal ${dir}`;
  }
}

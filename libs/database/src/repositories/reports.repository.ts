import type {
  ClauseText,
  CycleState,
  ProgressStatus,
  ReportState,
  SupervisionRules,
  TaskState,
} from '@tracker/domain';
import { EntityManager } from 'typeorm';
import type { TargetValue } from '../entities/reporting.entity';
import type { TaskTarget } from '../entities/task.entity';
import { reachedLeadingGroupSql, rungNoticeKeySql } from './escalation-key';
import { returnedRows } from './returned-rows';
import { FILEABLE_SQL, reportOwedSql, SqlParams } from './sql';

/** A report with what the ladder, the review and the notices need to know about it. */
export interface ReportRow {
  id: string;
  cycleId: string;
  taskId: string;
  unitId: string;
  state: ReportState;
  dueAt: Date;
  ladderEpoch: number;
  firstSubmittedAt: Date | null;
  period: string;
  cycleState: CycleState;
  cycleDueAt: Date;
  taskState: TaskState;
  taskPath: string[];
  taskHeading: string;
  documentId: string;
  documentTitle: string | null;
  profile: Partial<SupervisionRules> | null;
  clauses: ClauseText[];
  unitName: string;
  /** Its unit still holds the task's lead assignment (reportOwedSql). */
  owed: boolean;
}

/** A report as its readers see it, with the supporting units' parts. */
export interface ReportViewRow {
  id: string;
  cycleId: string;
  period: string;
  taskId: string;
  taskPath: string[];
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

/** The sort key of a cycle's reports: task ordinal, task path key, unit name, report id. */
export type ReportKey = [number, string, string, string];

export interface ReportPageQuery {
  cycleId: string;
  /** null: every report (office, leaders); else those the units lead (still holding the lead) or support. */
  unitIds: string[] | null;
  state?: ReportState;
  unitId?: string;
  /** Only reports not filed whose due time is at or before this instant. */
  lateAt?: Date;
  after: ReportKey | null;
  limit: number;
}

export interface UnitProgressRow {
  unitId: string;
  unitName: string;
  reports: number;
  filed: number;
  submitted: number;
  late: number;
}

interface KeyColumns {
  kOrdinal: number;
  kPathKey: string;
}

export interface ReportContentChange {
  state: ReportState;
  progressStatus: ProgressStatus | null;
  progressPercent: number | null;
  narrative: string | null;
  /** Replaces the stored values when given; null keeps them. */
  targetValues: TargetValue[] | null;
  problems: string | null;
  nextSteps: string | null;
}

/** What a filed revision keeps (stored as the revision's snapshot, in the columns' names). */
export interface FiledContent {
  revision: number;
  progress_status: ProgressStatus | null;
  progress_percent: number | null;
  narrative: string | null;
  target_values: TargetValue[];
  problems: string | null;
  next_steps: string | null;
}

export interface RevisionRow {
  revision: number;
  snapshot: Record<string, unknown>;
  createdAt: Date;
}

const REPORT_ROW = `
  SELECT r.id, r.cycle_id AS "cycleId", r.task_id AS "taskId", r.unit_id AS "unitId", r.state, r.due_at AS "dueAt",
         r.ladder_epoch AS "ladderEpoch", r.first_submitted_at AS "firstSubmittedAt",
         c.period, c.state AS "cycleState", c.due_at AS "cycleDueAt", t.state AS "taskState", t.path AS "taskPath",
         t.heading AS "taskHeading", d.id AS "documentId", d.title AS "documentTitle",
         d.supervision_profile AS profile, coalesce(d.supervision_clauses, '[]') AS clauses, u.name AS "unitName",
         ${reportOwedSql('r')} AS owed
    FROM status_reports r
    JOIN reporting_cycles c ON c.id = r.cycle_id
    JOIN tasks t ON t.id = r.task_id
    JOIN policy_documents d ON d.id = c.document_id
    JOIN units u ON u.id = r.unit_id`;

/** A due time of a cycle's reports and the rung the ladder's rule raises for it now. */
export interface OwedRung {
  dueAt: Date;
  rung: string;
}

/**
 * Reports (aliased `r`, with `t` and `c` joined or not) owed their rung (still owed at all, by
 * `reportOwedSql`, and the rung not yet raised): $2/$3 are the due times
 * and their rungs. One definition for choosing them and for re-checking them under the lock.
 */
const OWED_RUNG_WHERE = `
  JOIN unnest($2::timestamptz[], $3::text[]) AS o(due_at, rung) ON o.due_at = r.due_at
 WHERE r.state IN ${FILEABLE_SQL}
   AND EXISTS (SELECT 1 FROM tasks ot WHERE ot.id = r.task_id AND ot.state = 'open')
   AND EXISTS (SELECT 1 FROM reporting_cycles oc WHERE oc.id = r.cycle_id AND oc.state <> 'closed')
   AND NOT ${reachedLeadingGroupSql('r')} AND ${reportOwedSql('r')}
   AND NOT EXISTS (SELECT 1 FROM notices n WHERE n.dedup_key = ${rungNoticeKeySql('o.rung')})`;

/** The report aliased `r` is still its unit's: the unit holds the task's lead assignment. */
const HOLDS_LEAD = (r: string): string =>
  `EXISTS (SELECT 1 FROM assignments la WHERE la.task_id = ${r}.task_id AND la.unit_id = ${r}.unit_id AND la.role = 'lead' AND la.state IN ('pending', 'acknowledged'))`;

const VIEW_SELECT = `
  SELECT r.id, r.cycle_id AS "cycleId", c.period, r.task_id AS "taskId", t.path AS "taskPath", t.heading AS "taskHeading",
         r.unit_id AS "unitId", u.name AS "unitName", r.state, r.due_at AS "dueAt", r.ladder_epoch AS "ladderEpoch",
         r.progress_status AS "progressStatus", r.progress_percent AS "progressPercent", r.narrative,
         coalesce(r.target_values, '[]') AS "targetValues", r.problems, r.next_steps AS "nextSteps", r.revision,
         r.submitted_at AS "submittedAt", r.first_submitted_at AS "firstSubmittedAt", r.review_comment AS "reviewComment",
         COALESCE((SELECT json_agg(json_build_object('unitId', rc.unit_id, 'unitName', cu.name, 'text', rc.text, 'updatedAt', rc.updated_at) ORDER BY cu.name)
                     FROM report_contributions rc JOIN units cu ON cu.id = rc.unit_id WHERE rc.report_id = r.id), '[]') AS contributions,
         t.ordinal AS "kOrdinal", t.path_key AS "kPathKey"
    FROM status_reports r JOIN reporting_cycles c ON c.id = r.cycle_id JOIN tasks t ON t.id = r.task_id
    JOIN units u ON u.id = r.unit_id`;

/** Narrows to what the units lead (still holding the lead) or support; nothing when `unitIds` is null. */
function scopeSql(p: SqlParams, unitIds: string[] | null): string {
  if (!unitIds) return '';
  const units = p.add(unitIds);
  return `AND ((r.unit_id = ANY(${units}::uuid[]) AND ${HOLDS_LEAD('r')}) OR EXISTS (SELECT 1 FROM assignments a WHERE a.task_id = r.task_id
             AND a.unit_id = ANY(${units}::uuid[]) AND a.role = 'support' AND a.state IN ('pending', 'acknowledged')))`;
}

function stripKey({
  kOrdinal: _o,
  kPathKey: _p,
  ...row
}: ReportViewRow & Partial<KeyColumns>): ReportViewRow {
  return row;
}

/** Status reports: filing, review, due times and what their readers see. */
export class ReportsRepository {
  constructor(private readonly em: EntityManager) {}

  /**
   * The cycle's reports owed a rung, by id: not filed, task open, cycle not closed, not at the
   * leading group, and due on one of `owed` (a due time and the rung the ladder's rule gives it
   * now) without that rung's notice for the report's current epoch. One statement; a pre-filter,
   * the caller's rule decides each row.
   */
  async owedRung(cycleId: string, owed: OwedRung[]): Promise<string[]> {
    const rows: { id: string }[] = await this.em.query(
      `SELECT r.id FROM status_reports r ${OWED_RUNG_WHERE} AND r.cycle_id = $1 ORDER BY r.id`,
      [cycleId, owed.map((o) => o.dueAt), owed.map((o) => o.rung)],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Those of `ids` still owed their rung, locked for the caller's transaction (a page of
   * `owedRung`). A report filed or raised while this waits for its lock is re-checked and left out.
   */
  lockOwedRung(ids: string[], owed: OwedRung[]): Promise<ReportRow[]> {
    return this.em.query(
      `${REPORT_ROW} ${OWED_RUNG_WHERE} AND r.id = ANY($1::uuid[]) ORDER BY r.id FOR UPDATE OF r`,
      [ids, owed.map((o) => o.dueAt), owed.map((o) => o.rung)],
    );
  }

  /** Loads a report; `lock` takes its row lock so a ladder step and a filing serialise. */
  async find(id: string, lock = false): Promise<ReportRow | null> {
    const [row]: ReportRow[] = await this.em.query(
      `${REPORT_ROW} WHERE r.id = $1 ${lock ? 'FOR UPDATE OF r' : ''}`,
      [id],
    );
    return row ?? null;
  }

  /**
   * Whether the unit still holds the task's lead assignment (pending or acknowledged). A unit that
   * declined, or whose task the office reassigned, no longer reads, drafts or files its report.
   */
  async holdsLead(taskId: string, unitId: string): Promise<boolean> {
    const rows: unknown[] = await this.em.query(
      `SELECT 1 FROM assignments WHERE task_id = $1 AND unit_id = $2 AND role = 'lead' AND state IN ('pending', 'acknowledged') LIMIT 1`,
      [taskId, unitId],
    );
    return rows.length > 0;
  }

  /** Whether one of the units holds a supporting assignment of the task. */
  async supportedBy(taskId: string, unitIds: string[]): Promise<boolean> {
    const rows: unknown[] = await this.em.query(
      `SELECT 1 FROM assignments WHERE task_id = $1 AND unit_id = ANY($2::uuid[]) AND role = 'support' AND state IN ('pending', 'acknowledged')`,
      [taskId, unitIds],
    );
    return rows.length > 0;
  }

  /** The quantitative targets of the report's task, in order. */
  async targetsOf(reportId: string): Promise<TaskTarget[]> {
    const [task]: { targets: TaskTarget[] | null }[] = await this.em.query(
      `SELECT t.targets FROM tasks t JOIN status_reports r ON r.task_id = t.id WHERE r.id = $1`,
      [reportId],
    );
    return task?.targets ?? [];
  }

  /** Sets the state and the given parts of the content (a null part keeps what is stored). */
  async writeContent(id: string, c: ReportContentChange, now: Date): Promise<void> {
    await this.em.query(
      `UPDATE status_reports SET state = $2,
              progress_status = COALESCE($3, progress_status), progress_percent = COALESCE($4, progress_percent),
              narrative = COALESCE($5, narrative), target_values = COALESCE($6::jsonb, target_values),
              problems = COALESCE($7, problems), next_steps = COALESCE($8, next_steps), updated_at = $9
        WHERE id = $1`,
      [
        id,
        c.state,
        c.progressStatus,
        c.progressPercent,
        c.narrative,
        c.targetValues ? JSON.stringify(c.targetValues) : null,
        c.problems,
        c.nextSteps,
        now,
      ],
    );
  }

  /** Counts a filing: a new revision number, the first filing time kept. */
  async markFiled(id: string, now: Date): Promise<FiledContent> {
    const [row] = returnedRows<FiledContent>(
      await this.em.query(
        `UPDATE status_reports SET submitted_at = $2, first_submitted_at = COALESCE(first_submitted_at, $2), revision = revision + 1
          WHERE id = $1 RETURNING revision, progress_status, progress_percent, narrative, target_values, problems, next_steps`,
        [id, now],
      ),
    );
    return row;
  }

  async addRevision(
    id: string,
    revision: number,
    snapshot: Record<string, unknown>,
    authorId: string,
    now: Date,
  ): Promise<void> {
    await this.em.query(
      `INSERT INTO status_report_revisions (report_id, revision, snapshot, author_id, created_at) VALUES ($1, $2, $3, $4, $5)`,
      [id, revision, JSON.stringify(snapshot), authorId, now],
    );
  }

  /** A supporting unit's part of the report: one per unit, replaced when given again. */
  async saveContribution(
    id: string,
    unitId: string | null,
    authorId: string,
    text: string,
    now: Date,
  ): Promise<void> {
    await this.em.query(
      `INSERT INTO report_contributions (report_id, unit_id, author_id, text, updated_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (report_id, unit_id) DO UPDATE SET text = EXCLUDED.text, author_id = EXCLUDED.author_id, updated_at = EXCLUDED.updated_at`,
      [id, unitId, authorId, text, now],
    );
  }

  async markAccepted(
    id: string,
    now: Date,
    reviewerId: string,
    comment: string | null,
  ): Promise<void> {
    await this.em.query(
      `UPDATE status_reports SET state = 'accepted', reviewed_at = $2, reviewed_by = $3, review_comment = $4, updated_at = $2 WHERE id = $1`,
      [id, now, reviewerId, comment],
    );
  }

  async markReturned(id: string, now: Date, reviewerId: string, comment: string): Promise<void> {
    await this.em.query(
      `UPDATE status_reports SET state = 'returned', reviewed_at = $2, reviewed_by = $3, review_comment = $4 WHERE id = $1`,
      [id, now, reviewerId, comment],
    );
  }

  /** Moves the due time and starts a new ladder epoch; the new epoch. */
  async moveDue(id: string, dueAt: Date, now: Date): Promise<number> {
    const [row] = returnedRows<{ ladder_epoch: number }>(
      await this.em.query(
        `UPDATE status_reports SET due_at = $2, ladder_epoch = ladder_epoch + 1, updated_at = $3 WHERE id = $1 RETURNING ladder_epoch`,
        [id, dueAt, now],
      ),
    );
    return row.ladder_epoch;
  }

  /**
   * Hands the unit's open reports of the task (not accepted, in a cycle still open) to another
   * unit; the ids moved.
   */
  async moveOpenToUnit(
    taskId: string,
    fromUnitId: string,
    toUnitId: string,
    now: Date,
  ): Promise<string[]> {
    const rows = returnedRows<{ id: string }>(
      await this.em.query(
        `UPDATE status_reports r SET unit_id = $3, updated_at = $4 FROM reporting_cycles c
          WHERE c.id = r.cycle_id AND r.task_id = $1 AND r.unit_id = $2 AND r.state <> 'accepted' AND c.state <> 'closed'
          RETURNING r.id`,
        [taskId, fromUnitId, toUnitId, now],
      ),
    );
    return rows.map((r) => r.id);
  }

  /** A fresh report for the unit in the same cycle, task and due time as each of these (kept if present). */
  async copyToUnit(reportIds: string[], unitId: string): Promise<void> {
    await this.em.query(
      `INSERT INTO status_reports (cycle_id, task_id, unit_id, due_at) SELECT cycle_id, task_id, $2, due_at FROM status_reports WHERE id = ANY($1::uuid[])
       ON CONFLICT DO NOTHING`,
      [reportIds, unitId],
    );
  }

  /**
   * One report as its readers see it. `unitIds` null: any report (office, leaders); else only one
   * the units lead (still holding the lead) or support.
   */
  async view(id: string, unitIds: string[] | null): Promise<ReportViewRow | null> {
    const p = new SqlParams();
    const [row]: (ReportViewRow & Partial<KeyColumns>)[] = await this.em.query(
      `${VIEW_SELECT} WHERE r.id = ${p.add(id)} ${scopeSql(p, unitIds)}`,
      p.values,
    );
    return row ? stripKey(row) : null;
  }

  /**
   * A page of a cycle's reports in task-number order (then unit name, then id), after the key
   * `after`: one statement, `limit` rows and whether more follow. The cycle's document narrows
   * the tasks too, so the plan can walk the tasks in number order and stop after the page.
   */
  async cyclePage(q: ReportPageQuery): Promise<{ rows: ReportViewRow[]; next: ReportKey | null }> {
    const p = new SqlParams();
    const cycle = p.add(q.cycleId);
    const where = [
      `r.cycle_id = ${cycle}`,
      `t.document_id = (SELECT document_id FROM reporting_cycles WHERE id = ${cycle})`,
    ];
    if (q.state) where.push(`r.state = ${p.add(q.state)}`);
    if (q.unitId) where.push(`r.unit_id = ${p.add(q.unitId)}`);
    // Late and not filed: what the cycles page lists as late (the due time has come).
    if (q.lateAt)
      where.push(`r.state NOT IN ('submitted', 'accepted') AND r.due_at <= ${p.add(q.lateAt)}`);
    if (q.after) {
      const [ordinal, pathKey, unitName, id] = q.after;
      const o = p.add(ordinal);
      // The row comparison spans three tables; `t.ordinal >= …` alone is an index condition,
      // so a later page starts where the last one ended instead of walking the pages before it.
      where.push(
        `t.ordinal >= ${o}::int`,
        `(t.ordinal, t.path_key, u.name, r.id) > (${o}::int, ${p.add(pathKey)}::text, ${p.add(unitName)}::text, ${p.add(id)}::uuid)`,
      );
    }
    const rows: (ReportViewRow & KeyColumns)[] = await this.em.query(
      `${VIEW_SELECT} WHERE ${where.join(' AND ')} ${scopeSql(p, q.unitIds)}
        ORDER BY t.ordinal, t.path_key, u.name, r.id LIMIT ${p.add(q.limit + 1)}`,
      p.values,
    );
    const more = rows.length > q.limit;
    const page = rows.slice(0, q.limit);
    const last = page[page.length - 1];
    return {
      rows: page.map(stripKey),
      next: more && last ? [last.kOrdinal, last.kPathKey, last.unitName, last.id] : null,
    };
  }

  /**
   * A cycle's reports counted per unit: how many, filed (submitted or accepted), waiting for
   * review (submitted), and late (not filed when `now` has passed the due time).
   */
  unitProgress(cycleId: string, now: Date): Promise<UnitProgressRow[]> {
    return this.em.query(
      `SELECT u.id AS "unitId", u.name AS "unitName", count(*)::int AS reports,
              count(*) FILTER (WHERE r.state IN ('submitted', 'accepted'))::int AS filed,
              count(*) FILTER (WHERE r.state = 'submitted')::int AS submitted,
              count(*) FILTER (WHERE r.state NOT IN ('submitted', 'accepted') AND r.due_at <= $2)::int AS late
         FROM status_reports r JOIN units u ON u.id = r.unit_id
        WHERE r.cycle_id = $1 GROUP BY u.id, u.name ORDER BY u.name, u.id`,
      [cycleId, now],
    );
  }

  revisions(id: string): Promise<RevisionRow[]> {
    return this.em.query(
      `SELECT revision, snapshot, created_at AS "createdAt" FROM status_report_revisions WHERE report_id = $1 ORDER BY revision`,
      [id],
    );
  }
}

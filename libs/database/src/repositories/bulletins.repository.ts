import type { ClauseText } from '@tracker/domain';
import { EntityManager } from 'typeorm';
import { reachedLeadingGroupSql } from './escalation-key';
import { HELD_ASSIGNMENT_STATES, reportOwedSql } from './sql';
import { versionAtSql } from './task-versions.repository';

// A task's heading and targets as they stood at the end of the cycle's period ($2): an amendment
// in force after it changes neither a past bulletin nor one compiled again. `tv` is that version.
const AT_DUE = versionAtSql('t', '$2::timestamptz');

export interface BulletinCycleRow {
  id: string;
  period: string;
  dueAt: Date;
  documentId: string;
  documentTitle: string | null;
  clauses: ClauseText[];
}

export interface UnitFiguresRow {
  unitId: string;
  unitName: string;
  reports: number;
  onTime: number;
  late: number;
  missing: number;
  accepted: number;
}

export interface LateReportRow {
  reportId: string;
  taskId: string;
  taskPath: string[];
  heading: string;
  unitName: string;
  dueAt: Date;
  firstSubmittedAt: Date | null;
  state: string;
}

export interface EscalatedReportRow {
  reportId: string;
  taskId: string;
  taskPath: string[];
  heading: string;
  unitName: string;
  level: number;
  colour: string;
  state: string;
}

export interface TargetFigureRow {
  taskId: string;
  taskPath: string[];
  heading: string;
  unitName: string;
  target: string;
  /** numeric, as PostgreSQL's driver gives it: a decimal string */
  planned: string | null;
  unit: string | null;
  reported: string | null;
}

export interface ClosedTaskRow {
  taskId: string;
  taskPath: string[];
  heading: string;
  completedAt: Date;
}

export interface BulletinRow<C> {
  cycleId: string;
  compiledAt: Date;
  content: C;
}

/** The quarterly bulletin (通报) of a cycle: whether it may be compiled, its figures, and the stored result. */
export class BulletinsRepository {
  constructor(private readonly em: EntityManager) {}

  /** Whether one of the units holds a task of the cycle's document. */
  async isReader(cycleId: string, unitIds: string[]): Promise<boolean> {
    const rows: unknown[] = await this.em.query(
      `SELECT 1 FROM reporting_cycles c JOIN tasks t ON t.document_id = c.document_id JOIN assignments a ON a.task_id = t.id
        WHERE c.id = $1 AND a.unit_id = ANY($2::uuid[]) AND a.state IN ${HELD_ASSIGNMENT_STATES} LIMIT 1`,
      [cycleId, unitIds],
    );
    return rows.length > 0;
  }

  /** Reports of a cycle still standing between it and its bulletin: neither accepted nor raised to level 3 for their current due time. */
  async outstanding(cycleId: string): Promise<number> {
    const [{ n }]: { n: number }[] = await this.em.query(
      `SELECT count(*)::int AS n FROM status_reports r JOIN tasks t ON t.id = r.task_id
        WHERE r.cycle_id = $1 AND r.state <> 'accepted' AND t.state = 'open'
          AND NOT ${reachedLeadingGroupSql('r')} AND ${reportOwedSql('r')}`,
      [cycleId],
    );
    return n;
  }

  /** Locks the cycle for compiling; null when it does not exist. */
  async lockCycle(cycleId: string): Promise<BulletinCycleRow | null> {
    const [row]: BulletinCycleRow[] = await this.em.query(
      `SELECT c.id, c.period, c.due_at AS "dueAt", d.id AS "documentId", d.title AS "documentTitle",
              coalesce(d.supervision_clauses, '[]') AS clauses
         FROM reporting_cycles c JOIN policy_documents d ON d.id = c.document_id WHERE c.id = $1 FOR UPDATE OF c`,
      [cycleId],
    );
    return row ?? null;
  }

  async exists(cycleId: string): Promise<boolean> {
    const rows: unknown[] = await this.em.query(`SELECT 1 FROM bulletins WHERE cycle_id = $1`, [
      cycleId,
    ]);
    return rows.length > 0;
  }

  /** Stores the bulletin and closes its cycle. */
  async saveAndClose(cycleId: string, content: object, at: Date): Promise<void> {
    await this.em.query(
      `INSERT INTO bulletins (cycle_id, compiled_at, content) VALUES ($1, $2, $3) ON CONFLICT (cycle_id) DO NOTHING`,
      [cycleId, at, JSON.stringify(content)],
    );
    await this.em.query(
      `UPDATE reporting_cycles SET state = 'closed', closed_at = $2 WHERE id = $1`,
      [cycleId, at],
    );
  }

  /** Units holding a task of the document (pending or acknowledged): the bulletin's unit recipients. */
  async unitsOfDocument(documentId: string): Promise<string[]> {
    const rows: { unitId: string }[] = await this.em.query(
      `SELECT DISTINCT a.unit_id AS "unitId" FROM assignments a JOIN tasks t ON t.id = a.task_id
        WHERE t.document_id = $1 AND a.state IN ('pending', 'acknowledged')`,
      [documentId],
    );
    return rows.map((r) => r.unitId);
  }

  unitFigures(cycleId: string): Promise<UnitFiguresRow[]> {
    return this.em.query(
      `SELECT u.id AS "unitId", u.name AS "unitName", count(*)::int AS reports,
              count(*) FILTER (WHERE r.first_submitted_at <= r.due_at)::int AS "onTime",
              count(*) FILTER (WHERE r.first_submitted_at > r.due_at)::int AS late,
              count(*) FILTER (WHERE r.first_submitted_at IS NULL)::int AS missing,
              count(*) FILTER (WHERE r.state = 'accepted')::int AS accepted
         FROM status_reports r JOIN units u ON u.id = r.unit_id
        WHERE r.cycle_id = $1 GROUP BY u.id, u.name ORDER BY u.name`,
      [cycleId],
    );
  }

  lateReports(cycleId: string, asOf: Date): Promise<LateReportRow[]> {
    return this.em.query(
      `SELECT r.id AS "reportId", r.task_id AS "taskId", t.path AS "taskPath", coalesce(tv.heading, t.heading) AS heading,
              u.name AS "unitName", r.due_at AS "dueAt", r.first_submitted_at AS "firstSubmittedAt", r.state
         FROM status_reports r JOIN tasks t ON t.id = r.task_id
         JOIN units u ON u.id = r.unit_id ${AT_DUE}
        WHERE r.cycle_id = $1 AND (r.first_submitted_at IS NULL OR r.first_submitted_at > r.due_at)
        ORDER BY t.ordinal, t.path_key, u.name`,
      [cycleId, asOf],
    );
  }

  /** Each escalated report once, at its highest (then latest) escalation. */
  escalatedReports(cycleId: string, asOf: Date): Promise<EscalatedReportRow[]> {
    return this.em.query(
      `SELECT DISTINCT ON (e.report_id) e.report_id AS "reportId", e.task_id AS "taskId", t.path AS "taskPath",
              coalesce(tv.heading, t.heading) AS heading, u.name AS "unitName", e.level, e.colour, e.state
         FROM escalations e JOIN tasks t ON t.id = e.task_id
         JOIN units u ON u.id = e.unit_id ${AT_DUE}
        WHERE e.cycle_id = $1 ORDER BY e.report_id, e.level DESC, e.raised_at DESC`,
      [cycleId, asOf],
    );
  }

  /**
   * Every quantitative target of the cycle's tasks with the value its report gave; a member of a
   * collective is measured against its own share where the task has a breakdown table (各地分解).
   */
  targetFigures(cycleId: string, asOf: Date): Promise<TargetFigureRow[]> {
    return this.em.query(
      `SELECT t.id AS "taskId", t.path AS "taskPath", coalesce(tv.heading, t.heading) AS heading, u.name AS "unitName",
              tg.target->>'text' AS target,
              coalesce(s.value, (tg.target->>'value')::numeric) AS planned, tg.target->>'unit' AS unit,
              (SELECT (v->>'value')::numeric FROM jsonb_array_elements(r.target_values) v
                WHERE CASE WHEN v ? 'index' THEN (v->>'index')::int = tg.ord - 1 ELSE v->>'target' = tg.target->>'text' END
                LIMIT 1) AS reported
         FROM status_reports r JOIN tasks t ON t.id = r.task_id
         JOIN units u ON u.id = r.unit_id ${AT_DUE}
         CROSS JOIN LATERAL jsonb_array_elements(coalesce(tv.targets, t.targets)) WITH ORDINALITY AS tg(target, ord)
         LEFT JOIN task_breakdown_shares s
           ON s.task_id = t.id AND s.unit_id = r.unit_id AND s.target_index = tg.ord - 1
        WHERE r.cycle_id = $1 ORDER BY t.ordinal, t.path_key, u.name, tg.ord`,
      [cycleId, asOf],
    );
  }

  /** Tasks of the cycle the office closed (销号). */
  closedTasks(cycleId: string, asOf: Date): Promise<ClosedTaskRow[]> {
    return this.em.query(
      `SELECT DISTINCT t.id AS "taskId", t.path AS "taskPath", coalesce(tv.heading, t.heading) AS heading,
              t.completed_at AS "completedAt", t.ordinal, t.path_key
         FROM status_reports r JOIN tasks t ON t.id = r.task_id ${AT_DUE}
        WHERE r.cycle_id = $1 AND t.state = 'completed' ORDER BY t.ordinal, t.path_key`,
      [cycleId, asOf],
    );
  }

  /** The stored bulletin; `C` is the content's shape, which the compiling service owns. */
  async find<C>(cycleId: string): Promise<BulletinRow<C> | null> {
    const [row]: BulletinRow<C>[] = await this.em.query(
      `SELECT cycle_id AS "cycleId", compiled_at AS "compiledAt", content FROM bulletins WHERE cycle_id = $1`,
      [cycleId],
    );
    return row ?? null;
  }
}

import { EntityManager } from 'typeorm';

export interface OverdueDocumentRow {
  id: string;
  title: string | null;
  profile: Record<string, unknown> | null;
  clauses: { path: string[]; text: string }[];
}

export interface DueRungRow {
  task_id: string;
  document_id: string;
  unit_id: string;
  assignment_id: string;
  label: string;
  heading: string;
  deadline: string;
  level: 1 | 2 | 3;
  colour: 'yellow' | 'orange' | 'red';
  /** The task's deadline epoch: 0 for the deadline as imported, bumped by each amendment that moves it. */
  epoch: number;
}

/** Days past the deadline at which each rung is due, per document id. */
export type RungDays = Record<
  string,
  { overdue: number; supervision: number; leadingGroup: number }
>;

export interface EscalationSpecRow {
  task_id: string;
  unit_id: string;
  notice_id: string;
  level: number;
  colour: string;
  clause: unknown;
  epoch: number;
}

/** A range of deadlines, per document, whose rung became due since the last sweep: (after, through]. */
export interface DeadlineWindowRow {
  document_id: string;
  after: string;
  through: string;
}

/** The watermark before this run: the last day a sweep finished (null before the first). */
export interface SweepRunStart {
  sweptOn: string | null;
}

/**
 * The daily sweep of tasks past their final deadline, set-based. Each open lead assignment keeps
 * the highest rung raised for it (`deadline_rung`); the watermark (`deadline_sweep_state`) keeps
 * the last day swept, so a run reads by index range only the tasks whose rung fell due since,
 * plus those a change queued in `deadline_sweep_recheck` (see the migration that made them).
 * `t.state = 'open'` stays a literal so the partial indexes on open tasks are usable (a parameter
 * would not match them at planning time).
 */
export class DeadlineSweepRepository {
  constructor(private readonly em: EntityManager) {}

  /**
   * Starts a run to `today`: marks the day being swept (writers that change a task behind it
   * queue it from now on) and returns the watermark the window starts from.
   */
  async beginRun(today: string): Promise<SweepRunStart> {
    const [row]: { swept_on: string | null }[] = await this.em.query(
      `WITH run AS (UPDATE deadline_sweep_state SET sweeping_to = GREATEST(sweeping_to, $1::date) WHERE id = 1 RETURNING swept_on)
       SELECT to_char(swept_on, 'YYYY-MM-DD') AS swept_on FROM run`,
      [today],
    );
    return { sweptOn: row?.swept_on ?? null };
  }

  /** Ends a run that told everything due through `today`: the next one starts from there. */
  async endRun(today: string): Promise<void> {
    await this.em.query(
      `UPDATE deadline_sweep_state
          SET swept_on = $1::date, sweeping_to = CASE WHEN sweeping_to <= $1::date THEN NULL ELSE sweeping_to END
        WHERE id = 1`,
      [today],
    );
  }

  /** The watermark as kept: the last day swept and the day a run in progress sweeps to. */
  async watermark(): Promise<{ sweptOn: string | null; sweepingTo: string | null }> {
    const [row]: { swept_on: string | null; sweeping_to: string | null }[] = await this.em.query(
      `SELECT to_char(swept_on, 'YYYY-MM-DD') AS swept_on, to_char(sweeping_to, 'YYYY-MM-DD') AS sweeping_to
         FROM deadline_sweep_state WHERE id = 1`,
    );
    return { sweptOn: row?.swept_on ?? null, sweepingTo: row?.sweeping_to ?? null };
  }

  /** Documents (not archived) with an open task that has a deadline, with their rules' inputs. */
  documentsWithDeadlines(): Promise<OverdueDocumentRow[]> {
    return this.em.query(
      `SELECT d.id, d.title, d.supervision_profile AS profile, d.supervision_clauses AS clauses FROM policy_documents d
        WHERE d.archived_at IS NULL AND EXISTS (SELECT 1 FROM tasks t WHERE t.document_id = d.id AND t.state = 'open'
          AND t.deadline_on IS NOT NULL)`,
    );
  }

  /**
   * The tasks to visit, by id: those whose deadline falls in one of the windows (by index range
   * over a document's open tasks), or every open task past its deadline when there is no
   * watermark yet (`windows` null), and the tasks a change queued.
   */
  async candidateTaskIds(today: string, windows: DeadlineWindowRow[] | null): Promise<string[]> {
    const due =
      windows === null
        ? `SELECT t.id FROM tasks t WHERE t.state = 'open' AND t.deadline_on IS NOT NULL AND t.deadline_on < $1::date`
        : `SELECT t.id FROM jsonb_to_recordset($2::jsonb) AS w(document_id uuid, after date, through date)
             JOIN tasks t ON t.document_id = w.document_id AND t.state = 'open' AND t.deadline_on IS NOT NULL
                         AND t.deadline_on > w.after AND t.deadline_on <= w.through AND t.deadline_on < $1::date`;
    const rows: { id: string }[] = await this.em.query(
      `SELECT id FROM (${due} UNION SELECT task_id FROM deadline_sweep_recheck) c ORDER BY id`,
      windows === null ? [today] : [today, JSON.stringify(windows)],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Serialises the sweep's transactions (a second sweep at once waits chunk by chunk and then
   * finds them told), and removes these tasks from the queue: this transaction checks them.
   */
  async takeChunk(taskIds: string[]): Promise<void> {
    await this.em.query(`SELECT pg_advisory_xact_lock(hashtext('deadline_sweep'))`);
    await this.em.query(`DELETE FROM deadline_sweep_recheck WHERE task_id = ANY($1::uuid[])`, [
      taskIds,
    ]);
  }

  /**
   * The rungs of some overdue tasks that are due today and above the highest raised, locked for
   * this transaction. The tasks come as ids so each is visited once per sweep, by index, however
   * many chunks there are.
   */
  claimDueRungs(taskIds: string[], today: string, days: RungDays): Promise<DueRungRow[]> {
    return this.em.query(
      `SELECT t.id AS task_id, t.document_id, a.unit_id, a.id AS assignment_id, array_to_string(t.path, '') AS label,
              t.heading, to_char(t.deadline_on, 'YYYY-MM-DD') AS deadline, r.level, r.colour, t.deadline_epoch AS epoch
         FROM tasks t
         JOIN assignments a ON a.task_id = t.id AND a.role = 'lead' AND a.state IN ('pending', 'acknowledged') AND a.deadline_rung < 3
         JOIN (VALUES (1, 'yellow', 'overdue'), (2, 'orange', 'supervision'), (3, 'red', 'leadingGroup')) AS r(level, colour, rule)
           ON r.level > a.deadline_rung AND ($2::date - t.deadline_on) >= (($3::jsonb -> t.document_id::text ->> r.rule)::int)
        WHERE t.id = ANY($1::uuid[]) AND t.state = 'open' AND t.deadline_on IS NOT NULL AND t.deadline_on < $2::date
        ORDER BY t.id, a.unit_id, r.level
        FOR UPDATE OF a`,
      [taskIds, today, JSON.stringify(days)],
    );
  }

  /** Records the highest rung raised per assignment (never lowers it). */
  async markRungs(rungs: { assignmentId: string; level: number }[]): Promise<void> {
    if (rungs.length === 0) return;
    await this.em.query(
      `UPDATE assignments a SET deadline_rung = m.level
         FROM (SELECT id, max(level) AS level FROM unnest($1::uuid[], $2::int[]) AS v(id, level) GROUP BY id) m
        WHERE a.id = m.id AND a.deadline_rung < m.level`,
      [rungs.map((r) => r.assignmentId), rungs.map((r) => r.level)],
    );
  }

  async markTasksOverdue(taskIds: string[], at: Date): Promise<void> {
    await this.em.query(
      `UPDATE tasks SET deadline_overdue_at = $2 WHERE id = ANY($1::uuid[]) AND deadline_overdue_at IS NULL`,
      [taskIds, at],
    );
  }

  /** Levels 2 and 3 are escalations the office reviews, one per task, unit and level. Returns how many were new. */
  async insertEscalations(rows: EscalationSpecRow[], at: Date): Promise<number> {
    const inserted: unknown[] = await this.em.query(
      `INSERT INTO escalations (dedup_key, task_id, unit_id, notice_id, level, colour, clause, reason, raised_at)
       SELECT 'deadline/' || e.task_id || '/' || e.unit_id || CASE WHEN e.epoch > 0 THEN '/e' || e.epoch ELSE '' END || '/L' || e.level,
              e.task_id, e.unit_id, e.notice_id, e.level, e.colour, e.clause, 'task_deadline_passed', $2
         FROM jsonb_to_recordset($1::jsonb) AS e(task_id uuid, unit_id uuid, notice_id uuid, level int, colour text, clause jsonb, epoch int)
       ON CONFLICT (dedup_key) DO NOTHING RETURNING id`,
      [JSON.stringify(rows), at],
    );
    return inserted.length;
  }
}

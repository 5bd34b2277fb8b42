import { EntityManager } from 'typeorm';
import { UNIT_CHAIN_SQL } from './sql';

export interface CalendarEntryRow {
  kind: 'task_deadline' | 'report_due';
  taskId: string;
  reportId: string | null;
  taskPath: string[];
  heading: string;
  role: 'lead' | 'support';
  period: string | null;
  /** YYYY-MM-DD, Asia/Shanghai */
  onDate: string;
}

/** Units' calendar feeds: the secret behind each feed URL and the dates the feed lists. */
export class CalendarRepository {
  constructor(private readonly em: EntityManager) {}

  async unitByToken(token: string): Promise<{ id: string; name: string } | null> {
    const [row]: { id: string; name: string }[] = await this.em.query(
      `SELECT id, name FROM units WHERE calendar_token = $1`,
      [token],
    );
    return row ?? null;
  }

  /** Locks the unit's row; null when there is no such unit. */
  async lockToken(unitId: string): Promise<{ token: string | null } | null> {
    const [row]: { token: string | null }[] = await this.em.query(
      `SELECT calendar_token AS token FROM units WHERE id = $1 FOR UPDATE`,
      [unitId],
    );
    return row ?? null;
  }

  async setToken(unitId: string, token: string): Promise<void> {
    await this.em.query(`UPDATE units SET calendar_token = $2 WHERE id = $1`, [unitId, token]);
  }

  /**
   * The unit's dates (and its former names'): deadlines of open tasks it holds, and the due days
   * of its reports in cycles not closed (the day before the due instant, Asia/Shanghai).
   */
  entries(unitId: string): Promise<CalendarEntryRow[]> {
    return this.em.query(
      `WITH chain AS (${UNIT_CHAIN_SQL})
       SELECT 'task_deadline' AS kind, t.id AS "taskId", NULL::uuid AS "reportId", t.path AS "taskPath", t.heading, a.role, NULL AS period,
              to_char(t.deadline_on, 'YYYY-MM-DD') AS "onDate"
         FROM assignments a JOIN tasks t ON t.id = a.task_id
        WHERE a.unit_id IN (SELECT id FROM chain) AND a.state IN ('pending', 'acknowledged')
          AND t.state = 'open' AND t.deadline_on IS NOT NULL
       UNION ALL
       SELECT 'report_due', t.id, r.id, t.path, t.heading, 'lead', c.period,
              to_char((r.due_at - interval '1 millisecond') AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')
         FROM status_reports r JOIN reporting_cycles c ON c.id = r.cycle_id JOIN tasks t ON t.id = r.task_id
        WHERE r.unit_id IN (SELECT id FROM chain) AND c.state <> 'closed' AND t.state = 'open'
       ORDER BY "onDate", "taskPath"`,
      [unitId],
    );
  }
}

import { EntityManager } from 'typeorm';

/** What an urging needs to know about the task and the unit it is aimed at. */
export interface UrgeTargetRow {
  task_id: string;
  task_state: string;
  path: string[];
  heading: string;
  document_title: string | null;
  unit_id: string;
  unit_name: string;
  role: 'lead' | 'support';
}

export interface UrgingRow {
  id: string;
  task_id: string;
  unit_id: string;
  unit_name: string;
  urged_by: string;
  urger_name: string | null;
  comment: string | null;
  urged_on: string;
  urged_at: Date;
  notice_id: string | null;
}

const URGING_COLUMNS = `g.id, g.task_id, g.unit_id, un.name AS unit_name, g.urged_by, u.display_name AS urger_name, g.comment,
  to_char(g.urged_on, 'YYYY-MM-DD') AS urged_on, g.urged_at, g.notice_id`;

/** Reads and writes of urgings (催办); the per-day limit is the unique key (task, unit, day). */
export class UrgingsRepository {
  constructor(private readonly em: EntityManager) {}

  /** The task and the unit's current assignment on it (pending or acknowledged); null when it holds none. */
  async target(taskId: string, unitId: string): Promise<UrgeTargetRow | null> {
    const [row]: UrgeTargetRow[] = await this.em.query(
      `SELECT t.id AS task_id, t.state AS task_state, t.path, t.heading, d.title AS document_title,
              un.id AS unit_id, un.name AS unit_name, a.role
         FROM tasks t JOIN policy_documents d ON d.id = t.document_id
         JOIN assignments a ON a.task_id = t.id AND a.unit_id = $2 AND a.state IN ('pending', 'acknowledged')
         JOIN units un ON un.id = a.unit_id
        WHERE t.id = $1`,
      [taskId, unitId],
    );
    return row ?? null;
  }

  /** Inserts the day's urging; null when the task and unit were already urged that day. */
  async insertForDay(row: {
    taskId: string;
    unitId: string;
    urgedBy: string;
    comment: string | null;
    urgedOn: string;
    urgedAt: Date;
  }): Promise<string | null> {
    const rows: { id: string }[] = await this.em.query(
      `INSERT INTO urgings (task_id, unit_id, urged_by, comment, urged_on, urged_at)
       VALUES ($1, $2, $3, $4, $5::date, $6)
       ON CONFLICT (task_id, unit_id, urged_on) DO NOTHING RETURNING id`,
      [row.taskId, row.unitId, row.urgedBy, row.comment, row.urgedOn, row.urgedAt],
    );
    return rows[0]?.id ?? null;
  }

  async setNotice(id: string, noticeId: string): Promise<void> {
    await this.em.query(`UPDATE urgings SET notice_id = $2 WHERE id = $1`, [id, noticeId]);
  }

  async findOne(id: string): Promise<UrgingRow | null> {
    const [row]: UrgingRow[] = await this.em.query(
      `SELECT ${URGING_COLUMNS} FROM urgings g JOIN units un ON un.id = g.unit_id LEFT JOIN users u ON u.id = g.urged_by WHERE g.id = $1`,
      [id],
    );
    return row ?? null;
  }

  /** A task's urgings, newest first; only those of `unitIds` when given (an agency sees its own). */
  async listForTask(taskId: string, unitIds: string[] | null): Promise<UrgingRow[]> {
    return this.em.query(
      `SELECT ${URGING_COLUMNS} FROM urgings g JOIN units un ON un.id = g.unit_id LEFT JOIN users u ON u.id = g.urged_by
        WHERE g.task_id = $1 AND ($2::uuid[] IS NULL OR g.unit_id = ANY($2::uuid[]))
        ORDER BY g.urged_at DESC, g.id LIMIT 500`,
      [taskId, unitIds],
    );
  }
}

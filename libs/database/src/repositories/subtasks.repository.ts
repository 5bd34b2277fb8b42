import type { SubtaskStatus, TargetFigure } from '@tracker/domain';
import { EntityManager } from 'typeorm';
import type { TaskTarget } from '../entities/task.entity';

/** A sub-task (子任务) as its readers see it. */
export interface SubtaskRow {
  id: string;
  taskId: string;
  unitId: string;
  unitName: string;
  title: string;
  ownerName: string;
  ownerEmail: string | null;
  dueOn: string;
  shares: TargetFigure[];
  note: string | null;
  status: SubtaskStatus;
  percent: number;
  reported: TargetFigure[];
  progressNote: string | null;
  progressAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** What a sub-task's writes need to know of its task. */
export interface SubtaskTaskRow {
  id: string;
  state: string;
  deadlineOn: string | null;
  targets: TaskTarget[];
  path: string[];
  heading: string;
  documentTitle: string | null;
}

export interface SubtaskFields {
  title: string;
  ownerName: string;
  ownerEmail: string | null;
  dueOn: string;
  shares: TargetFigure[];
  note: string | null;
}

export interface SubtaskProgress {
  status: SubtaskStatus;
  percent: number;
  reported: TargetFigure[];
  progressNote: string | null;
}

const COLUMNS = `s.id, s.task_id AS "taskId", s.unit_id AS "unitId", un.name AS "unitName", s.title,
  s.owner_name AS "ownerName", s.owner_email AS "ownerEmail", to_char(s.due_on, 'YYYY-MM-DD') AS "dueOn",
  s.shares, s.note, s.status, s.percent, s.reported, s.progress_note AS "progressNote",
  s.progress_at AS "progressAt", s.created_at AS "createdAt", s.updated_at AS "updatedAt"`;

/** Reads and writes of a lead unit's sub-tasks (分解下达). */
export class SubtasksRepository {
  constructor(private readonly em: EntityManager) {}

  async task(taskId: string): Promise<SubtaskTaskRow | null> {
    const [row]: SubtaskTaskRow[] = await this.em.query(
      `SELECT t.id, t.state, to_char(t.deadline_on, 'YYYY-MM-DD') AS "deadlineOn", t.targets, t.path, t.heading,
              d.title AS "documentTitle"
         FROM tasks t JOIN policy_documents d ON d.id = t.document_id WHERE t.id = $1`,
      [taskId],
    );
    return row ?? null;
  }

  /** The units of `unitIds` that hold the task's lead (pending or acknowledged). */
  async leadUnitsAmong(taskId: string, unitIds: string[]): Promise<string[]> {
    const rows: { unitId: string }[] = await this.em.query(
      `SELECT unit_id AS "unitId" FROM assignments
        WHERE task_id = $1 AND unit_id = ANY($2::uuid[]) AND role = 'lead' AND state IN ('pending', 'acknowledged')
        ORDER BY created_at`,
      [taskId, unitIds],
    );
    return rows.map((r) => r.unitId);
  }

  async insert(
    row: SubtaskFields & { taskId: string; unitId: string; createdBy: string; at: Date },
  ): Promise<string> {
    const [{ id }]: { id: string }[] = await this.em.query(
      `INSERT INTO subtasks (task_id, unit_id, title, owner_name, owner_email, due_on, shares, note, created_by, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6::date, $7::jsonb, $8, $9, $10, $10) RETURNING id`,
      [
        row.taskId,
        row.unitId,
        row.title,
        row.ownerName,
        row.ownerEmail,
        row.dueOn,
        JSON.stringify(row.shares),
        row.note,
        row.createdBy,
        row.at,
      ],
    );
    return id;
  }

  async update(id: string, f: SubtaskFields, at: Date): Promise<void> {
    await this.em.query(
      `UPDATE subtasks SET title = $2, owner_name = $3, owner_email = $4, due_on = $5::date, shares = $6::jsonb,
              note = $7, updated_at = $8 WHERE id = $1`,
      [id, f.title, f.ownerName, f.ownerEmail, f.dueOn, JSON.stringify(f.shares), f.note, at],
    );
  }

  async recordProgress(id: string, p: SubtaskProgress, at: Date): Promise<void> {
    await this.em.query(
      `UPDATE subtasks SET status = $2, percent = $3, reported = $4::jsonb, progress_note = $5,
              progress_at = $6, updated_at = $6 WHERE id = $1`,
      [id, p.status, p.percent, JSON.stringify(p.reported), p.progressNote, at],
    );
  }

  async remove(id: string): Promise<void> {
    await this.em.query(`DELETE FROM subtasks WHERE id = $1`, [id]);
  }

  /** One sub-task, locked for a write when `lock`. */
  async findOne(id: string, lock = false): Promise<SubtaskRow | null> {
    const [row]: SubtaskRow[] = await this.em.query(
      `SELECT ${COLUMNS} FROM subtasks s JOIN units un ON un.id = s.unit_id WHERE s.id = $1${lock ? ' FOR UPDATE OF s' : ''}`,
      [id],
    );
    return row ?? null;
  }

  /** A task's sub-tasks in the order they were handed down (seq: two in one instant keep theirs). */
  listForTask(taskId: string): Promise<SubtaskRow[]> {
    return this.em.query(
      `SELECT ${COLUMNS} FROM subtasks s JOIN units un ON un.id = s.unit_id
        WHERE s.task_id = $1 ORDER BY s.seq LIMIT 500`,
      [taskId],
    );
  }

  /** The sub-tasks a unit handed down on a task (what its report rolls up). */
  listForTaskAndUnit(taskId: string, unitId: string): Promise<SubtaskRow[]> {
    return this.em.query(
      `SELECT ${COLUMNS} FROM subtasks s JOIN units un ON un.id = s.unit_id
        WHERE s.task_id = $1 AND s.unit_id = $2 ORDER BY s.seq LIMIT 500`,
      [taskId, unitId],
    );
  }
}

import { EntityManager } from 'typeorm';
import type { TaskTarget } from '../entities/task.entity';

/** One numbered item of an import, its id chosen by the caller so children can name their parent. */
export interface ImportedTaskRow {
  id: string;
  documentId: string;
  parentId: string | null;
  path: string[];
  pathKey: string;
  ordinal: number;
  heading: string;
  body: string;
  isTask: boolean;
  unitsSource: string;
  deadlineText: string | null;
  /** YYYY-MM-DD */
  deadlineOn: string | null;
  targets: TaskTarget[];
}

export interface ImportedAssignmentRow {
  taskId: string;
  unitId: string;
  groupId: string | null;
  role: string;
  ordinal: number;
  createdAt: Date;
  /** Made long before the document came into the tracker: no acknowledgement request goes out. */
  isPreexisting: boolean;
}

// Rows per statement: the whole chunk travels as one jsonb parameter, so the 65,535-parameter limit
// of a multi-row VALUES list does not apply; 2,000 keeps each statement's memory small.
const CHUNK = 2_000;

/**
 * The bulk writes of a document import: one INSERT … SELECT FROM jsonb_to_recordset per chunk, in the
 * caller's transaction (a 10,000-task document is a handful of statements, not 30,000 round trips).
 */
export class DocumentImportRepository {
  constructor(private readonly em: EntityManager) {}

  async insertTasks(rows: ImportedTaskRow[]): Promise<void> {
    for (let i = 0; i < rows.length; i += CHUNK) {
      const chunk = rows.slice(i, i + CHUNK).map((r) => ({
        id: r.id,
        document_id: r.documentId,
        parent_id: r.parentId,
        path: r.path,
        path_key: r.pathKey,
        ordinal: r.ordinal,
        heading: r.heading,
        body: r.body,
        is_task: r.isTask,
        units_source: r.unitsSource,
        deadline_text: r.deadlineText,
        deadline_on: r.deadlineOn,
        targets: r.targets,
      }));
      await this.em.query(
        `INSERT INTO tasks (id, document_id, parent_id, path, path_key, ordinal, heading, body, is_task,
                            units_source, deadline_text, deadline_on, targets)
         SELECT id, document_id, parent_id, path, path_key, ordinal, heading, body, is_task,
                units_source, deadline_text, deadline_on, targets
           FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, document_id uuid, parent_id uuid, path text[],
                path_key text, ordinal int, heading text, body text, is_task boolean, units_source text,
                deadline_text text, deadline_on date, targets jsonb)
          ORDER BY ordinal`,
        [JSON.stringify(chunk)],
      );
    }
  }

  async insertAssignments(rows: ImportedAssignmentRow[]): Promise<void> {
    for (let i = 0; i < rows.length; i += CHUNK) {
      const chunk = rows.slice(i, i + CHUNK).map((r) => ({
        task_id: r.taskId,
        unit_id: r.unitId,
        group_id: r.groupId,
        role: r.role,
        ordinal: r.ordinal,
        created_at: r.createdAt.toISOString(),
        is_preexisting: r.isPreexisting,
      }));
      await this.em.query(
        `INSERT INTO assignments (task_id, unit_id, group_id, role, ordinal, created_at, is_preexisting)
         SELECT task_id, unit_id, group_id, role, ordinal, created_at, is_preexisting
           FROM jsonb_to_recordset($1::jsonb) AS r(task_id uuid, unit_id uuid, group_id uuid, role text,
                ordinal int, created_at timestamptz, is_preexisting boolean)`,
        [JSON.stringify(chunk)],
      );
    }
  }
}
